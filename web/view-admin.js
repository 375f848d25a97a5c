// Quản trị: the admin's page — the commune's settings, units, users and their access tokens.
// Only the admin sees it (the server refuses everyone else with 403 anyway). A token is shown
// once, right after it is issued; the server keeps only its SHA-256.
import {api, ApiError, enc} from "./api.js";
import {h, replace, field, messageBox} from "./dom.js";
import {ROLE_LABELS, formatDateTime, roleLabel} from "./labels.js";
import {role, store} from "./store.js";

const UNIT_KINDS = {
  village: "Thôn",
  school: "Trường học",
  health: "Trạm y tế",
  agency: "Cơ quan",
  mass_organization: "Đoàn thể",
};
const UNIT_SCOPED = new Set(["unit_officer", "unit_head"]);
const COMMUNE_FIELDS = [
  ["name", "Tên cơ quan (ví dụ: UBND xã Bình Lương)"],
  ["province", "Tỉnh"],
  ["issuer_symbol", "Ký hiệu cơ quan ban hành trong số văn bản (ví dụ: UBND trong 15/QĐ-UBND)"],
  ["chairman_name", "Họ tên Chủ tịch (người ký)"],
  ["chairman_title", "Chức danh người ký"],
];

// What the last action said (kept across the page's reloads): {kind, text, token?}.
let notice = null;

function describe(e, prefix) {
  return e instanceof ApiError ? e.describe(prefix) : `${prefix}: ${e}`;
}

export async function renderAdmin(root, ctx) {
  replace(root, h("h2", {id: "page-title"}, "Quản trị"));
  if (role() !== "admin") {
    root.appendChild(messageBox("info", "Chỉ quản trị viên xem và dùng trang này."));
    return;
  }
  root.appendChild(h("p", {class: "loading", role: "status"}, "Đang tải…"));
  const [commune, units, users, tokens, log] = await Promise.all([
    api("/api/v1/commune").catch((e) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
    api("/api/v1/units"),
    api("/api/v1/users"),
    api("/api/v1/tokens"),
    api("/api/v1/admin-log"),
  ]);
  if (!ctx.isCurrent()) return;
  store.units = units.items || [];
  store.unitsById = new Map(store.units.map((u) => [u.id, u]));

  // Runs `action`, then reloads the page with `done` (or the refusal) at its top.
  const act = async (button, action, done) => {
    button.disabled = true;
    try {
      const result = await action();
      notice = done(result);
    } catch (e) {
      notice = {kind: "error", text: describe(e, "Không thực hiện được")};
    }
    if (ctx.isCurrent()) await renderAdmin(root, ctx);
  };

  const top = h("div", {"data-testid": "admin-notice"});
  if (notice) {
    top.appendChild(messageBox(notice.kind, notice.text, "admin-message"));
    if (notice.token) {
      top.appendChild(h("div", {class: "panel token-once"},
        h("p", null, "Mã truy cập (chỉ hiển thị một lần — hãy sao chép và trao cho người dùng ngay):"),
        h("code", {"data-testid": "issued-token", class: "token"}, notice.token)));
    }
    notice = null;
  }
  replace(root, h("h2", {id: "page-title"}, "Quản trị"), top,
    communeSection(commune, act),
    unitsSection(store.units, act),
    usersSection(users.items || [], store.units, act),
    tokensSection(tokens.items || [], act),
    logSection(log));
}

const CHANGE_LABELS = {
  unit_add: "Thêm đơn vị",
  unit_change: "Sửa đơn vị",
  user_add: "Thêm người dùng",
  user_change: "Sửa người dùng",
  token_issue: "Cấp mã truy cập",
  token_revoke: "Thu hồi mã truy cập",
  commune_set: "Cập nhật thông tin xã",
  campaign_add: "Tạo phong trào",
};

// What changed between `before` and `after`, as "field: old → new" (all fields when added).
function changes(payload) {
  const before = payload.before || {};
  const after = payload.after || {};
  const show = (v) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));
  return Object.keys(after).filter((k) => show(before[k]) !== show(after[k]))
    .map((k) => (payload.before ? `${k}: ${show(before[k])} → ${show(after[k])}` : `${k}: ${show(after[k])}`))
    .join("; ");
}

function logSection(log) {
  const records = (log.records || []).slice(-50).reverse();
  return h("section", {"aria-labelledby": "admin-log", "data-testid": "admin-log"},
    h("h3", {id: "admin-log"}, "Nhật ký quản trị"),
    h("p", {"data-testid": "admin-log-verified", "data-verified": String(log.verified)},
      log.verified ? "Chuỗi băm của nhật ký quản trị toàn vẹn." : "Chuỗi băm của nhật ký quản trị KHÔNG toàn vẹn: cần kiểm tra (tdkt audit verify).",
      ` ${(log.records || []).length} bản ghi; hiển thị 50 bản ghi mới nhất.`),
    h("table", {class: "data compact", "data-testid": "admin-log-table"},
      h("thead", null, h("tr", null, ["Thời gian", "Người thực hiện", "Thao tác", "Đối tượng", "Thay đổi"].map((t) => h("th", {scope: "col"}, t)))),
      h("tbody", null, records.map((r) => h("tr", {"data-testid": "admin-log-entry", "data-event": r.event_type},
        h("td", null, formatDateTime(r.occurred_at)), h("td", null, r.actor_id),
        h("td", null, CHANGE_LABELS[r.event_type] || r.event_type),
        h("td", null, r.payload.target), h("td", null, changes(r.payload)))))));
}

function communeSection(commune, act) {
  const inputs = Object.fromEntries(COMMUNE_FIELDS.map(([key]) => [key,
    h("input", {type: "text", name: key, value: commune ? commune[key] : "",
      "data-testid": `commune-${key}`, autocomplete: "off"})]));
  const save = h("button", {type: "submit", class: "button", "data-testid": "commune-save"}, "Lưu thông tin xã");
  const form = h("form", {class: "panel", "data-testid": "commune-form", novalidate: true},
    commune ? null : h("p", {class: "hint"}, "Chưa có thông tin xã: nhập để dùng trên quyết định, tờ trình."),
    COMMUNE_FIELDS.map(([key, label]) => field(label, inputs[key])),
    h("div", {class: "form-actions"}, save));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = Object.fromEntries(COMMUNE_FIELDS.map(([key]) => [key, inputs[key].value.trim()]));
    act(save, () => api("/api/v1/commune", {method: "PUT", body}),
      () => ({kind: "info", text: "Đã lưu thông tin xã."}));
  });
  return h("section", {"aria-labelledby": "admin-commune", "data-testid": "admin-commune"},
    h("h3", {id: "admin-commune"}, "Thông tin xã"), form);
}

function unitName(id) {
  return (store.unitsById.get(id) || {name: id}).name;
}

// "2025-06-30" → "01/07/2025": the first day the successor carries the unit on.
function dayAfter(isoDay) {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  const two = (n) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

// Records that `u` ended (its commune merged) and which unit carries it on: its dossiers in flight
// go there when they are transferred. Recorded once; the unit is retired.
function successionForm(u, units, act) {
  const successor = h("select", {"data-testid": `unit-successor-${u.id}`, "aria-label": "Đơn vị tiếp nhận"},
    h("option", {value: ""}, "(chọn đơn vị tiếp nhận)"),
    units.filter((x) => !x.retired && x.id !== u.id).map((x) => h("option", {value: x.id}, x.name)));
  const lastDay = h("input", {type: "date", "data-testid": `unit-last-day-${u.id}`,
    "aria-label": "Ngày hoạt động cuối cùng"});
  const basis = h("input", {type: "text", "data-testid": `unit-basis-${u.id}`, autocomplete: "off",
    "aria-label": "Căn cứ", placeholder: "ví dụ: Nghị quyết số 1686/NQ-UBTVQH15"});
  const record = h("button", {type: "submit", class: "button button-quiet",
    "data-testid": `unit-succeed-${u.id}`}, "Ghi nhận sáp nhập");
  const form = h("form", {class: "inline-form", novalidate: true},
    field("Đơn vị tiếp nhận", successor), field("Ngày hoạt động cuối cùng", lastDay),
    field("Căn cứ", basis), record);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    act(record, () => api(`/api/v1/units/${enc(u.id)}`, {method: "PATCH", body: {succession: {
      successor: successor.value, last_day: lastDay.value, basis: basis.value.trim()}}}),
    (x) => ({kind: "info", text: `Đã ghi nhận: ${unitName(x.succession.successor)} tiếp nhận ${x.name} `
      + `từ ngày ${dayAfter(x.succession.last_day)}; hồ sơ đang xử lý chuyển sang khi chuyển giao.`}));
  });
  return h("details", {"data-testid": `unit-succession-${u.id}`},
    h("summary", null, "Sáp nhập…"), form);
}

function unitsSection(units, act) {
  // A unit that carries another on is not simply retired: it gets a succession of its own.
  const carrying = new Set(units.filter((x) => x.succession).map((x) => x.succession.successor));
  const rows = units.map((u) => {
    const name = h("input", {type: "text", value: u.name, "aria-label": `Tên mới của ${u.id}`,
      "data-testid": `unit-name-${u.id}`});
    const rename = h("button", {type: "button", class: "button button-quiet",
      "data-testid": `unit-rename-${u.id}`}, "Đổi tên");
    rename.addEventListener("click", () => act(rename,
      () => api(`/api/v1/units/${enc(u.id)}`, {method: "PATCH", body: {name: name.value.trim()}}),
      (x) => ({kind: "info", text: `Đã đổi tên đơn vị ${x.id} thành “${x.name}”.`})));
    const retire = h("button", {type: "button", class: "button button-quiet",
      "data-testid": `unit-retire-${u.id}`}, u.retired ? "Cho hoạt động lại" : "Ngừng hoạt động");
    retire.addEventListener("click", () => act(retire,
      () => api(`/api/v1/units/${enc(u.id)}`, {method: "PATCH", body: {retired: !u.retired}}),
      (x) => ({kind: "info", text: x.retired
        ? `Đơn vị ${x.name} đã ngừng hoạt động: giữ nguyên hồ sơ cũ, không nhận hồ sơ mới.`
        : `Đơn vị ${x.name} hoạt động trở lại.`})));
    const s = u.succession;
    const status = s
      ? `Đã sáp nhập: ${unitName(s.successor)} tiếp nhận từ ngày ${dayAfter(s.last_day)} (${s.basis})`
      : (u.retired ? "Ngừng hoạt động" : "Đang hoạt động");
    return h("tr", {"data-testid": `unit-row-${u.id}`, class: u.retired ? "retired" : null},
      h("td", null, u.id), h("td", null, name), h("td", null, UNIT_KINDS[u.kind] || u.kind || "—"),
      h("td", null, u.parent ? unitName(u.parent) : "—"),
      h("td", {"data-testid": `unit-status-${u.id}`}, status),
      h("td", {class: "row-actions"}, rename, " ", s || (carrying.has(u.id) && !u.retired) ? null : retire, " ",
        s || u.retired ? null : successionForm(u, units, act)));
  });
  const id = h("input", {type: "text", name: "id", "data-testid": "unit-new-id", autocomplete: "off",
    placeholder: "ví dụ: thon-lang-sung"});
  const name = h("input", {type: "text", name: "name", "data-testid": "unit-new-name", autocomplete: "off"});
  const kind = h("select", {name: "kind", "data-testid": "unit-new-kind"},
    Object.entries(UNIT_KINDS).map(([k, label]) => h("option", {value: k}, label)));
  const parent = h("select", {name: "parent", "data-testid": "unit-new-parent"},
    h("option", {value: ""}, "(không trực thuộc đơn vị nào)"),
    units.filter((u) => !u.retired).map((u) => h("option", {value: u.id}, u.name)));
  const add = h("button", {type: "submit", class: "button", "data-testid": "unit-add"}, "Thêm đơn vị");
  const form = h("form", {class: "panel inline-form", "data-testid": "unit-form", novalidate: true},
    field("Mã đơn vị", id), field("Tên đơn vị", name), field("Loại", kind), field("Trực thuộc", parent),
    h("div", {class: "form-actions"}, add));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    act(add, () => api("/api/v1/units", {method: "POST", body: {
      id: id.value.trim(), name: name.value.trim(), kind: kind.value, parent: parent.value || null}}),
    (x) => ({kind: "info", text: `Đã thêm đơn vị ${x.name}.`}));
  });
  return h("section", {"aria-labelledby": "admin-units", "data-testid": "admin-units"},
    h("h3", {id: "admin-units"}, "Đơn vị"),
    h("p", {class: "hint"}, "Đơn vị không bao giờ bị xóa vì hồ sơ tham chiếu tới nó; đơn vị ngừng hoạt động không nhận hồ sơ mới. "
      + "Đơn vị của xã cũ đã sáp nhập: ghi nhận đơn vị tiếp nhận (Sáp nhập…); hồ sơ đang xử lý chuyển sang đơn vị đó khi được chuyển giao."),
    h("table", {class: "data compact", "data-testid": "units-table"},
      h("thead", null, h("tr", null, ["Mã", "Tên", "Loại", "Trực thuộc", "Trạng thái", ""].map((t) => h("th", {scope: "col"}, t)))),
      h("tbody", null, rows)),
    form);
}

function usersSection(users, units, act) {
  const rows = users.map((u) => {
    const toggle = h("button", {type: "button", class: "button button-quiet",
      "data-testid": `user-toggle-${u.id}`}, u.active ? "Vô hiệu hóa" : "Kích hoạt lại");
    toggle.addEventListener("click", () => act(toggle,
      () => api(`/api/v1/users/${enc(u.id)}`, {method: "PATCH", body: {active: !u.active}}),
      (x) => ({kind: "info", text: x.active ? `Đã kích hoạt lại ${x.name}.`
        : `Đã vô hiệu hóa ${x.name}: mã truy cập của người này không còn dùng được.`})));
    const issue = h("button", {type: "button", class: "button button-quiet",
      "data-testid": `token-issue-${u.id}`, disabled: !u.active}, "Cấp mã truy cập");
    issue.addEventListener("click", () => act(issue,
      () => api("/api/v1/tokens", {method: "POST", body: {user_id: u.id}}),
      (x) => ({kind: "info", text: `Đã cấp mã truy cập mới cho ${u.name}; mã cũ (nếu có) không còn dùng được.`,
        token: x.token})));
    return h("tr", {"data-testid": `user-row-${u.id}`, class: u.active ? null : "retired"},
      h("td", null, u.id), h("td", null, u.name), h("td", null, roleLabel(u.role)),
      h("td", null, u.unit ? (store.unitsById.get(u.unit) || {name: u.unit}).name : "—"),
      h("td", {"data-testid": `user-status-${u.id}`}, u.active ? "Đang hoạt động" : "Đã vô hiệu hóa"),
      h("td", {class: "row-actions"}, issue, " ", toggle));
  });
  const id = h("input", {type: "text", name: "id", "data-testid": "user-new-id", autocomplete: "off",
    placeholder: "ví dụ: cb-thon-lang-sung"});
  const name = h("input", {type: "text", name: "name", "data-testid": "user-new-name", autocomplete: "off"});
  const roleSelect = h("select", {name: "role", "data-testid": "user-new-role"},
    Object.entries(ROLE_LABELS).filter(([k]) => k !== "timer").map(([k, label]) => h("option", {value: k}, label)));
  const unit = h("select", {name: "unit", "data-testid": "user-new-unit"},
    units.filter((u) => !u.retired).map((u) => h("option", {value: u.id}, u.name)));
  const unitField = field("Đơn vị (cán bộ, thủ trưởng đơn vị)", unit);
  const email = h("input", {type: "email", name: "email", "data-testid": "user-new-email", autocomplete: "off"});
  const refreshUnit = () => { unitField.hidden = !UNIT_SCOPED.has(roleSelect.value); };
  roleSelect.addEventListener("change", refreshUnit);
  refreshUnit();
  const add = h("button", {type: "submit", class: "button", "data-testid": "user-add"}, "Thêm người dùng");
  const form = h("form", {class: "panel inline-form", "data-testid": "user-form", novalidate: true},
    field("Mã người dùng", id), field("Họ tên", name), field("Vai trò", roleSelect), unitField,
    field("Thư điện tử (tuỳ chọn)", email), h("div", {class: "form-actions"}, add));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    act(add, () => api("/api/v1/users", {method: "POST", body: {
      id: id.value.trim(), name: name.value.trim(), role: roleSelect.value,
      unit: UNIT_SCOPED.has(roleSelect.value) ? unit.value : null,
      email: email.value.trim() || null}}),
    (x) => ({kind: "info", text: `Đã thêm ${x.name} (${roleLabel(x.role)}). Cấp mã truy cập để người này đăng nhập.`}));
  });
  return h("section", {"aria-labelledby": "admin-users", "data-testid": "admin-users"},
    h("h3", {id: "admin-users"}, "Người dùng"),
    h("table", {class: "data compact", "data-testid": "users-table"},
      h("thead", null, h("tr", null, ["Mã", "Họ tên", "Vai trò", "Đơn vị", "Trạng thái", ""].map((t) => h("th", {scope: "col"}, t)))),
      h("tbody", null, rows)),
    form);
}

function tokensSection(tokens, act) {
  const rows = tokens.map((t) => {
    const revoke = h("button", {type: "button", class: "button button-quiet",
      "data-testid": `token-revoke-${t.user_id}`}, "Thu hồi");
    revoke.addEventListener("click", () => act(revoke,
      () => api(`/api/v1/tokens/${enc(t.user_id)}`, {method: "DELETE"}),
      () => ({kind: "info", text: `Đã thu hồi mã truy cập của ${t.name}.`})));
    return h("tr", {"data-testid": `token-row-${t.user_id}`},
      h("td", null, t.name), h("td", null, roleLabel(t.role)),
      h("td", null, t.issued_at ? formatDateTime(t.issued_at) : "—"),
      h("td", {"data-testid": `token-last-used-${t.user_id}`}, t.last_used_at ? formatDateTime(t.last_used_at) : "chưa dùng"),
      h("td", {class: "row-actions"}, revoke));
  });
  return h("section", {"aria-labelledby": "admin-tokens", "data-testid": "admin-tokens"},
    h("h3", {id: "admin-tokens"}, "Mã truy cập đang dùng"),
    h("p", {class: "hint"}, "Hệ thống chỉ lưu dấu băm của mã; mã chỉ hiển thị một lần khi cấp. Mỗi người có một mã: cấp mã mới thì mã cũ hết hiệu lực."),
    tokens.length === 0 ? messageBox("info", "Chưa ai có mã truy cập.") :
      h("table", {class: "data compact", "data-testid": "tokens-table"},
        h("thead", null, h("tr", null, ["Người dùng", "Vai trò", "Cấp lúc", "Dùng lần cuối", ""].map((x) => h("th", {scope: "col"}, x)))),
        h("tbody", null, rows)));
}
