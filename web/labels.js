// Vietnamese labels for the API's stable ids, and date/time formatting in Asia/Ho_Chi_Minh (+07).

// In lifecycle order (used for grouping and for the summary table).
export const STATE_LABELS = {
  draft: "Dự thảo",
  unit_review: "Đơn vị bình xét",
  intake: "Tiếp nhận",
  awaiting_supplement: "Chờ bổ sung",
  appraisal: "Thẩm định",
  council_review: "Hội đồng xét",
  public_notice: "Công khai",
  chairman_decision: "Chờ Chủ tịch quyết định",
  escalated: "Đã trình cấp trên",
  approved: "Đã khen thưởng",
  rejected: "Không đạt",
  withdrawn: "Đã rút",
  expired: "Quá hạn",
  on_hold: "Tạm hoãn",
  revoked: "Đã thu hồi",
  discontinued: "Dừng xét (hình thức khen thưởng không còn)",
};
export const STATE_ORDER = Object.keys(STATE_LABELS);
export const TERMINAL_STATES = new Set(["approved", "rejected", "withdrawn", "expired", "revoked",
  "discontinued"]);

export const EVENT_LABELS = {
  create: "Tạo hồ sơ",
  submit: "Nộp hồ sơ",
  unit_return: "Trả lại đơn vị soạn",
  unit_approve: "Đơn vị thông qua",
  unit_reject: "Đơn vị không thông qua",
  request_supplement: "Yêu cầu bổ sung",
  supplement: "Bổ sung hồ sơ",
  accept: "Tiếp nhận đủ hồ sơ",
  appraise_pass: "Thẩm định đạt",
  appraise_fail: "Thẩm định không đạt",
  council_vote: "Ghi kết quả bỏ phiếu",
  objection: "Ghi nhận ý kiến phản ánh",
  notice_ended: "Hết thời gian công khai",
  approve: "Phê duyệt khen thưởng",
  escalate: "Trình cấp trên",
  reject: "Không phê duyệt",
  higher_decision: "Ghi quyết định cấp trên",
  withdraw: "Rút hồ sơ",
  hold: "Tạm hoãn",
  resume: "Tiếp tục",
  revoke: "Thu hồi",
  cutoff: "Hết hạn nộp hồ sơ",
  remind: "Nhắc hạn",
  transfer: "Chuyển giao cho cơ quan kế thừa",
  attach_document: "Tải lên giấy tờ",
};

export const ROLE_LABELS = {
  unit_officer: "Cán bộ đơn vị",
  unit_head: "Thủ trưởng đơn vị",
  secretariat: "Thường trực Hội đồng TĐKT",
  council_member: "Thành viên Hội đồng",
  chairman: "Chủ tịch UBND xã",
  auditor: "Thanh tra",
  admin: "Quản trị",
  timer: "Hệ thống (hẹn giờ)",
};

export const DOCUMENT_KINDS = [
  "submission_letter", "achievement_report", "review_minutes", "initiative_certificate",
];
export const DOCUMENT_LABELS = {
  submission_letter: "Tờ trình",
  achievement_report: "Báo cáo thành tích",
  review_minutes: "Biên bản bình xét",
  initiative_certificate: "Xác nhận sáng kiến / hoàn thành xuất sắc nhiệm vụ",
};

export const DEADLINE_LABELS = {
  supplement: "Hạn bổ sung",
  appraisal: "Hạn thẩm định",
  public_notice: "Hạn công khai",
  chairman_decision: "Hạn Chủ tịch quyết định",
  higher_level: "Hạn cấp trên trả lời",
  cutoff: "Hạn nộp hồ sơ",
};

export const NOMINEE_KIND_LABELS = {
  individual: "Cá nhân",
  collective: "Tập thể",
  household: "Hộ gia đình",
};

export const LEVEL_LABELS = {
  commune: "cấp xã",
  district: "cấp huyện",
  province: "cấp tỉnh",
};

// Payload fields of the events, as shown in forms and in the timeline.
export const FIELD_LABELS = {
  achievement_summary: "Tóm tắt thành tích",
  documents: "Giấy tờ kèm theo",
  missing: "Giấy tờ còn thiếu",
  reason: "Lý do",
  note: "Ghi chú",
  votes_for: "Số phiếu tán thành",
  votes_against: "Số phiếu không tán thành",
  members: "Số thành viên",
  present: "Số có mặt",
  session: "Phiên họp",
  yes: "Số phiếu tán thành",
  no: "Số phiếu không tán thành",
  objector: "Người phản ánh",
  decision_number: "Số quyết định",
  decided_on: "Ngày quyết định",
  approved: "Kết quả",
  legal_ground: "Căn cứ pháp lý",
  to_pack: "Bộ quy tắc kế thừa",
  to_unit: "Đơn vị tiếp nhận",
  deadline_kind: "Loại hạn",
  working_days_left: "Số ngày làm việc còn lại",
  reminder: "Lần nhắc",
  due_at: "Hạn",
  kind: "Loại giấy tờ",
  file_name: "Tên tệp",
  media_type: "Định dạng",
  size: "Dung lượng (byte)",
  sha256: "Mã băm SHA-256 của tệp",
  decision: "Quyết định khen thưởng",
  submission: "Tờ trình",
};

// Which reminder a `remind` record is (DOMAIN.md, "Reminders").
export const REMINDER_LABELS = {
  before: "Nhắc trước hạn",
  due: "Nhắc đúng ngày hạn",
  overdue: "Quá hạn (báo cả cấp trên)",
};

// Vietnamese framing for the problem codes (the server's `detail` follows it).
export const PROBLEM_LABELS = {
  malformed_request: "Yêu cầu không hợp lệ",
  unauthorized: "Chưa đăng nhập hoặc mã truy cập không hợp lệ",
  forbidden: "Không có quyền",
  not_found: "Không tìm thấy",
  method_not_allowed: "Thao tác không được hỗ trợ",
  rejected_transition: "Trạng thái hoặc điều kiện của hồ sơ không cho phép",
  conflict: "Xung đột dữ liệu (hồ sơ vừa được người khác thay đổi, hoặc mã đã tồn tại)",
  body_too_large: "Dữ liệu gửi lên quá lớn",
  invalid_argument: "Dữ liệu nhập chưa hợp lệ",
  unavailable: "Dịch vụ tạm thời không sẵn sàng",
  internal: "Lỗi máy chủ",
  headers_too_large: "Phần đầu yêu cầu quá lớn",
  unsupported_media_type: "Dữ liệu gửi lên không đúng định dạng",
  invalid_file: "Không đọc được tệp danh sách",
  import_rejected: "Danh sách có dòng chưa hợp lệ; chưa nhập dòng nào",
};

// A decision's or a submission's status (DOMAIN.md, "Rounds").
export const ROUND_STATUS_LABELS = {
  draft: "Dự thảo",
  signed: "Đã ký",
};

export const label = (table, id) => (id in table ? table[id] : id);
export const stateLabel = (s) => (s ? label(STATE_LABELS, s) : "—");
export const eventLabel = (e) => label(EVENT_LABELS, e);
export const roleLabel = (r) => (r ? label(ROLE_LABELS, r) : "—");
export const documentLabel = (d) => label(DOCUMENT_LABELS, d);
export const deadlineLabel = (d) => label(DEADLINE_LABELS, d);
export const nomineeKindLabel = (k) => label(NOMINEE_KIND_LABELS, k);
export const fieldLabel = (f) => label(FIELD_LABELS, f);

// ---- money: "1.053.000 đ" (dots between thousands, as Vietnamese documents write it) ----
export function formatVnd(amount) {
  if (typeof amount !== "number" || !Number.isFinite(amount)) return "—";
  const sign = amount < 0 ? "-" : "";
  const digits = String(Math.round(Math.abs(amount)));
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".")} đ`;
}

// ---- time, always shown in +07:00 (Việt Nam has no daylight saving) ----
const OFFSET_MS = 7 * 3600 * 1000;
const pad = (n) => String(n).padStart(2, "0");

export function parseTime(text) {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

// "2024-07-22T01:00:00Z" -> "22/07/2024 08:00"
export function formatDateTime(text) {
  const ms = typeof text === "number" ? text : parseTime(text);
  if (ms === null) return text ? String(text) : "—";
  const d = new Date(ms + OFFSET_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
         `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

// "2024-07-31" -> "31/07/2024"
export function formatDate(text) {
  if (!text) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(text);
}

// The local (+07) calendar day of an instant, as "YYYY-MM-DD".
export function localDay(ms) {
  const d = new Date(ms + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function shortHash(hash) {
  return hash ? String(hash).slice(0, 12) : "—";
}

export function formatBytes(n) {
  if (typeof n !== "number") return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace(".", ",")} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}

export const DAY_MS = 24 * 3600 * 1000;

// "overdue" (the API's flag, authoritative), "soon" (next deadline within 3 days of the service
// clock, or already past while the API does not yet call it overdue) or "" .
export function deadlineStatus(dossier, now) {
  if (dossier.overdue) return "overdue";
  const at = parseTime(dossier.next_deadline_at);
  if (at !== null && at - now <= 3 * DAY_MS) return "soon";
  return "";
}

// The deadline kind whose time is next_deadline_at (for "Hạn thẩm định" beside the time).
export function nextDeadlineKind(dossier) {
  const next = parseTime(dossier.next_deadline_at);
  if (next === null || !dossier.deadlines) return "";
  for (const [kind, at] of Object.entries(dossier.deadlines)) {
    if (parseTime(at) === next) return kind;
  }
  return "";
}

export const DUE_LABELS = {overdue: "Quá hạn", soon: "Sắp đến hạn"};

// A deadline that falls in a year without an official notice of its days off (the API's
// provisional_deadlines): counted on the statutory holidays alone, so the notice may move it.
export function isProvisionalDeadline(dossier, kind) {
  return Boolean(kind) && (dossier.provisional_deadlines || []).includes(kind);
}

export const PROVISIONAL_LABEL = "Hạn tạm tính";
export const PROVISIONAL_TITLE =
  "Năm của hạn này chưa có thông báo chính thức về lịch nghỉ lễ, Tết; hạn được tính theo " +
  "ngày nghỉ của Bộ luật Lao động và có thể thay đổi khi có thông báo. " +
  "Thư ký cần bổ sung thông báo vào lịch khi được ban hành.";

// A dossier in flight whose authority ceased in a reorganisation (the API's needs_transfer): the
// secretariat moves it to the successor with `transfer`.
export const TRANSFER_LABEL = "Cần chuyển giao";
export const TRANSFER_TITLE =
  "Hồ sơ này cần chuyển giao do sắp xếp đơn vị hành chính (từ 01/7/2025): cơ quan có thẩm quyền " +
  "hoặc đơn vị đề nghị của hồ sơ đã kết thúc hoạt động. Thường trực cần chuyển giao hồ sơ cho cơ " +
  "quan, đơn vị kế thừa; các bước đã hoàn thành được giữ nguyên (Nghị quyết 190/2025/QH15, Điều 5).";

export function transferBadge(testid) {
  return {class: "badge badge-transfer", title: TRANSFER_TITLE, "data-testid": testid};
}

export function provisionalBadge(testid) {
  return {class: "badge badge-provisional", title: PROVISIONAL_TITLE, "data-testid": testid};
}
