// Hồ sơ: details, deadlines, documents, the audit timeline and the allowed events.
import {api, ApiError, enc, newRequestId} from "./api.js";
import {h, replace, messageBox, field} from "./dom.js";
import {buildEventForm, collectPayload} from "./events.js";
import {
  DEADLINE_LABELS, DOCUMENT_KINDS, DUE_LABELS, DAY_MS, LEVEL_LABELS, REMINDER_LABELS, TERMINAL_STATES,
  label,
  deadlineLabel, deadlineStatus, documentLabel, eventLabel, fieldLabel, formatBytes, formatDate,
  formatDateTime, formatVnd, isProvisionalDeadline, nextDeadlineKind, nomineeKindLabel, parseTime,
  PROVISIONAL_LABEL, PROVISIONAL_TITLE, provisionalBadge, roleLabel, shortHash, stateLabel,
  TRANSFER_LABEL, TRANSFER_TITLE, transferBadge,
} from "./labels.js";
import {
  awardName, awardRule, canUploadDocument, nowMs, store, unitName,
} from "./store.js";

// A message to show once after the page re-renders (the result of an event or a creation).
let flash = null;
export function setFlash(dossierId, kind, text) {
  flash = {dossierId, kind, text};
}

const yesNo = (v) => (v ? "Có" : "Không");

function dl(rows) {
  return h("dl", {class: "details"}, rows.filter(Boolean).map(([term, value, testid]) => [
    h("dt", null, term),
    h("dd", {"data-testid": testid}, value === undefined || value === null || value === "" ? "—" : value),
  ]));
}

// "Quyết định số 05/QĐ-UBND" linking to its page; the bare number for an approval recorded before
// decisions listed dossiers (no id); null when there is none.
function roundLink(path, id, number, what) {
  if (!id) return number || null;
  return h("a", {href: `#/${path}/${encodeURIComponent(id)}`, "data-testid": `dossier-${path}-link`},
    number ? `${what} số ${number}` : `${what} ${id} (dự thảo)`);
}

function detailsSection(d) {
  const nominee = d.nominee || {};
  // Who decides is the authority pack's: the successor's once the dossier was transferred.
  const rule = awardRule(d.award, d.authority_pack || d.rule_pack);
  const campaign = store.campaigns.find((c) => c.id === d.campaign_id);
  const pack = store.packs.find((p) => p.id === d.rule_pack);
  return h("section", {class: "panel", "aria-labelledby": "details-title"},
    h("h3", {id: "details-title"}, "Thông tin hồ sơ"),
    dl([
      ["Người / tập thể được đề nghị", nominee.name, "dossier-nominee"],
      ["Loại", nomineeKindLabel(nominee.kind)],
      ["Mã định danh", nominee.id],
      nominee.id ? ["Lịch sử khen thưởng", h("a", {href: `#/nominees/${encodeURIComponent(nominee.id)}`,
        "data-testid": "dossier-nominee-history"}, "Xem lịch sử khen thưởng của đối tượng")] : null,
      nominee.kind !== "collective" ? ["Trực tiếp lao động, sản xuất", yesNo(nominee.direct_worker)] : null,
      nominee.kind === "individual" ? ["Nữ", yesNo(nominee.female)] : null,
      ["Đơn vị", unitName(d.unit_id), "dossier-unit"],
      d.unit_successor ? ["Đơn vị tiếp nhận (đơn vị đề nghị đã sáp nhập)", unitName(d.unit_successor),
        "dossier-unit-successor"] : null,
      ["Danh hiệu / hình thức", [awardName(d.award, d.rule_pack),
        rule && rule.deciding_level ? h("span", {class: "sub"},
          `Thẩm quyền quyết định: ${LEVEL_LABELS[rule.deciding_level] || rule.deciding_level}`) : null],
      "dossier-award"],
      ["Phong trào", campaign ? campaign.name : d.campaign_id],
      ["Trạng thái", [stateLabel(d.state),
        d.held_from ? h("span", {class: "sub"}, `Tạm hoãn từ bước: ${stateLabel(d.held_from)}`) : null]],
      ["Tóm tắt thành tích", d.achievement_summary],
      ["Tờ trình", roundLink("submissions", d.submission_id, d.submission_number, "Tờ trình"),
        "dossier-submission-number"],
      ["Quyết định khen thưởng", roundLink("decisions", d.decision_id, d.decision_number, "Quyết định"),
        "dossier-decision-number"],
      d.register_number !== null && d.register_number !== undefined ?
        ["Số sổ vàng", String(d.register_number), "dossier-register-number"] : null,
      d.prize_vnd !== null && d.prize_vnd !== undefined ?
        ["Tiền thưởng", formatVnd(d.prize_vnd), "dossier-prize"] : null,
      d.higher_decision_number ? ["Số quyết định cấp trên", d.higher_decision_number] : null,
      d.rejected_at ? ["Không đạt ở bước", stateLabel(d.rejected_at)] : null,
      d.outcome_reason ? ["Lý do / kết quả", d.outcome_reason] : null,
      ["Số lần yêu cầu bổ sung", String(d.supplement_requests ?? 0)],
      ["Bộ quy tắc áp dụng", d.rule_pack ? (pack ? `${pack.name} (${pack.id})` : d.rule_pack) : "chưa nộp"],
      d.authority_pack && d.authority_pack !== d.rule_pack ?
        ["Thẩm quyền sau chuyển giao", authorityName(d.authority_pack), "dossier-authority-pack"] : null,
      ["Phiên bản", String(d.version), "dossier-version"],
    ]));
}

function authorityName(id) {
  const pack = store.packs.find((p) => p.id === id);
  return pack ? `${pack.name} (${pack.id})` : id;
}

function deadlinesSection(d, now) {
  const entries = Object.entries(d.deadlines || {}).filter(([, at]) => at);
  const order = Object.keys(DEADLINE_LABELS);
  entries.sort((a, b) => (parseTime(a[1]) ?? 0) - (parseTime(b[1]) ?? 0) ||
    order.indexOf(a[0]) - order.indexOf(b[0]));
  const next = parseTime(d.next_deadline_at);
  const overall = deadlineStatus(d, now);
  return h("section", {class: "panel", "aria-labelledby": "deadlines-title"},
    h("h3", {id: "deadlines-title"}, "Thời hạn"),
    h("p", {class: overall ? `due-line due-${overall}` : "due-line"},
      "Hạn tiếp theo: ",
      d.next_deadline_at ? h("strong", {"data-testid": "dossier-next-deadline"},
        formatDateTime(d.next_deadline_at)) : "không có",
      overall ? h("span", {class: `badge badge-${overall}`}, DUE_LABELS[overall]) : null,
      isProvisionalDeadline(d, nextDeadlineKind(d)) ?
        h("span", provisionalBadge("next-deadline-provisional"), PROVISIONAL_LABEL) : null),
    (d.provisional_deadlines || []).length > 0 ?
      h("p", {class: "message message-warning", role: "note", "data-testid": "provisional-warning"},
        "Cảnh báo: ", PROVISIONAL_TITLE) : null,
    entries.length === 0 ? h("p", {class: "muted"}, "Không có thời hạn đang tính.") :
      h("table", {class: "data compact"},
        h("thead", null, h("tr", null, h("th", {scope: "col"}, "Loại hạn"),
          h("th", {scope: "col"}, "Thời điểm (+07)"), h("th", {scope: "col"}, "Tình trạng"))),
        h("tbody", null, entries.map(([kind, at]) => {
          const t = parseTime(at);
          let status = "";
          if (t === next && d.overdue) status = "Quá hạn";
          else if (t !== null && t < now) status = "Đã qua";
          else if (t !== null && t - now <= 3 * DAY_MS) status = "Sắp đến hạn";
          return h("tr", {"data-testid": "deadline-row", "data-kind": kind},
            h("td", null, deadlineLabel(kind)),
            h("td", null, h("time", {datetime: at}, formatDateTime(at))),
            h("td", null, status,
              isProvisionalDeadline(d, kind) ?
                h("span", provisionalBadge("deadline-provisional"), PROVISIONAL_LABEL) : null));
        }))));
}

function readFileBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const text = String(reader.result);
      resolve(text.slice(text.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function documentsSection(d, docsResult, reload) {
  const rule = awardRule(d.award, d.rule_pack);
  const required = (rule && rule.required_documents) || [];
  const have = new Set(d.documents || []);
  const kinds = [...required, ...[...have].filter((k) => !required.includes(k))];
  const section = h("section", {class: "panel", "aria-labelledby": "documents-title"},
    h("h3", {id: "documents-title"}, "Giấy tờ"),
    h("ul", {class: "checklist", "data-testid": "document-checklist"}, kinds.map((k) =>
      h("li", {class: have.has(k) ? "ok" : "missing", "data-kind": k},
        h("span", {class: "mark", "aria-hidden": "true"}, have.has(k) ? "✓" : "✗"),
        documentLabel(k),
        h("span", {class: "sub"}, have.has(k) ? " — đã có" :
          required.includes(k) ? " — chưa có (bắt buộc)" : "")))));

  if (docsResult.status === "rejected") {
    const e = docsResult.reason;
    section.appendChild(messageBox("error", e instanceof ApiError ? e.describe("Không tải được tệp") : String(e)));
  } else {
    const docs = docsResult.value;
    section.appendChild(h("h4", null, "Tệp đã tải lên"));
    section.appendChild(docs.length === 0 ? h("p", {class: "muted"}, "Chưa có tệp nào.") :
      h("div", {class: "table-scroll"}, h("table", {class: "data compact"},
        h("thead", null, h("tr", null, ["Loại", "Tên tệp", "Kích thước", "SHA-256", "Người tải", "Thời điểm"]
          .map((c) => h("th", {scope: "col"}, c)))),
        h("tbody", null, docs.map((doc) => h("tr", {"data-testid": "document-row", "data-id": doc.id},
          h("td", null, documentLabel(doc.kind)),
          h("td", null, doc.file_name),
          h("td", null, formatBytes(doc.size)),
          h("td", null, h("code", {title: doc.sha256}, shortHash(doc.sha256))),
          h("td", null, doc.uploaded_by),
          h("td", null, formatDateTime(doc.uploaded_at))))))));
  }

  if (canUploadDocument(d) && !TERMINAL_STATES.has(d.state)) {
    const kindSelect = h("select", {name: "kind", "data-testid": "upload-kind"},
      DOCUMENT_KINDS.map((k) => h("option", {value: k}, documentLabel(k))));
    const fileInput = h("input", {type: "file", name: "file", "data-testid": "upload-file"});
    const out = h("div", {"aria-live": "polite"});
    const button = h("button", {type: "submit", class: "button", "data-testid": "upload-submit"}, "Tải lên");
    const form = h("form", {class: "upload-form", "data-testid": "document-upload"},
      field("Loại giấy tờ", kindSelect), field("Tệp", fileInput, "Tối đa khoảng 700 KB mỗi tệp."),
      button, out);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const file = fileInput.files && fileInput.files[0];
      if (!file) {
        replace(out, messageBox("error", "Chọn tệp cần tải lên."));
        return;
      }
      if (file.size > 700 * 1024) {
        replace(out, messageBox("error", "Tệp quá lớn (tối đa khoảng 700 KB)."));
        return;
      }
      button.disabled = true;
      try {
        const content = await readFileBase64(file);
        await api(`/api/v1/dossiers/${enc(d.id)}/documents`, {method: "POST", body: {
          kind: kindSelect.value, file_name: file.name, media_type: file.type || undefined,
          content_base64: content,
        }});
        setFlash(d.id, "success", `Đã tải lên “${file.name}” (${documentLabel(kindSelect.value)}).`);
        await reload();
      } catch (e) {
        replace(out, messageBox("error", e instanceof ApiError ? e.describe() : `Không thực hiện được: ${e}`));
        button.disabled = false;
      }
    });
    section.appendChild(h("details", {class: "upload"}, h("summary", null, "Tải lên giấy tờ"), form));
  }
  return section;
}

function commandValue(key, value) {
  if (Array.isArray(value)) {
    if (key === "documents" || key === "missing") return value.map(documentLabel).join("; ") || "—";
    return value.join(", ");
  }
  if (key === "approved") return value ? "Đồng ý khen thưởng" : "Không đồng ý";
  if (key === "decided_on") return formatDate(value);
  if (key === "deadline_kind") return deadlineLabel(value);
  if (key === "reminder") return label(REMINDER_LABELS, value);
  if (key === "due_at") return formatDateTime(value);
  if (key === "kind") return documentLabel(value);
  if (key === "sha256") return shortHash(value);
  if ((key === "decision" || key === "submission") && value && typeof value === "object") {
    const path = key === "decision" ? "decisions" : "submissions";
    return h("span", null,
      value.id ? h("a", {href: `#/${path}/${encodeURIComponent(value.id)}`}, `số ${value.number || value.id}`)
        : `số ${value.number || "—"}`,
      value.signed_on ? ` ngày ${formatDate(value.signed_on)}` : "",
      typeof value.register_number === "number" ? `; số sổ vàng ${value.register_number}` : "",
      typeof value.prize_vnd === "number" ? `; tiền thưởng ${formatVnd(value.prize_vnd)}` : "");
  }
  if (value && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function timelineEntry(r) {
  const p = r.payload || {};
  // An event's fields are its command; an upload's are the document it attached.
  const command = p.command && typeof p.command === "object" ? p.command
    : p.document && typeof p.document === "object" ? p.document : {};
  const rows = Object.entries(command).filter(([, v]) =>
    v !== "" && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0));
  if (r.event_type === "create") {
    const nominee = p.nominee || (p.dossier && p.dossier.nominee);
    if (nominee && nominee.name) rows.push(["nominee", nominee.name]);
    const award = p.award || (p.dossier && p.dossier.award);
    if (award) rows.push(["award", awardName(award, r.rule_pack)]);
  }
  const extraLabels = {nominee: "Người được đề nghị", award: "Danh hiệu"};
  const numbers = Array.isArray(p.numbers) ? p.numbers : [];
  const hasMove = p.from || p.to;
  return h("li", {class: "timeline-entry", "data-testid": "timeline-entry", "data-seq": r.seq,
    "data-event": r.event_type},
    h("div", {class: "tl-head"},
      h("time", {datetime: r.occurred_at}, formatDateTime(r.occurred_at)),
      h("strong", {class: "tl-event"}, eventLabel(r.event_type)),
      h("span", {class: "tl-seq"}, `#${r.dossier_seq ?? r.seq}`)),
    h("div", {class: "tl-actor"}, "Người thực hiện: ",
      h("span", {class: "actor-id"}, r.actor_id || "—"),
      ` (${roleLabel(r.actor_role)}${r.actor_unit ? `, ${unitName(r.actor_unit)}` : ""})`),
    hasMove ? h("div", {class: "tl-move"},
      h("span", {class: `state state-${p.from}`}, stateLabel(p.from)),
      h("span", {class: "arrow", "aria-label": "chuyển sang"}, " → "),
      h("span", {class: `state state-${p.to}`}, stateLabel(p.to))) : null,
    rows.length ? h("dl", {class: "tl-fields"}, rows.map(([k, v]) => [
      h("dt", null, extraLabels[k] || fieldLabel(k)), h("dd", null, commandValue(k, v))])) : null,
    numbers.length ? h("div", {class: "tl-numbers"}, "Số văn bản: ",
      numbers.map((n, i) => [i ? ", " : "", h("strong", null, n)])) : null,
    h("div", {class: "tl-hash"}, "Mã băm: ", h("code", {title: r.hash}, shortHash(r.hash)),
      r.request_id ? h("span", {class: "muted"}, ` · mã yêu cầu ${String(r.request_id).slice(0, 8)}`) : null));
}

function timelineSection(auditResult) {
  const section = h("section", {class: "panel", "aria-labelledby": "timeline-title"},
    h("h3", {id: "timeline-title"}, "Nhật ký xử lý"));
  if (auditResult.status === "rejected") {
    const e = auditResult.reason;
    section.appendChild(messageBox("error", e instanceof ApiError ? e.describe("Không tải được nhật ký") : String(e),
      "timeline-error"));
    return section;
  }
  const audit = auditResult.value || {};
  const records = [...(audit.records || [])].sort((a, b) =>
    (a.dossier_seq ?? a.seq) - (b.dossier_seq ?? b.seq));
  section.appendChild(h("p", {
    class: `verify ${audit.verified ? "verify-ok" : "verify-bad"}`,
    "data-testid": "audit-verified", "data-verified": audit.verified ? "true" : "false",
    role: audit.verified ? null : "alert",
  }, audit.verified
    ? "✓ Chuỗi nhật ký đã được kiểm tra: toàn vẹn, không bị sửa đổi."
    : "⚠ Cảnh báo: chuỗi nhật ký KHÔNG kiểm tra được — có thể đã bị sửa đổi. Báo ngay cho Thanh tra."));
  section.appendChild(h("ol", {class: "timeline", "data-testid": "timeline", "data-count": records.length},
    records.map(timelineEntry)));
  return section;
}

async function loadSessions(campaignId) {
  const data = await api(`/api/v1/council-sessions?campaign_id=${enc(campaignId)}`);
  return [...((data && data.items) || [])].sort((a, b) =>
    String(b.date).localeCompare(String(a.date)) || String(b.id).localeCompare(String(a.id)));
}

function actionsSection(d, audit, reload) {
  // transfer is offered only to a dossier that waits for one (the API's needs_transfer).
  const allowed = (d.allowed_events || []).filter((type) => type !== "transfer" || d.needs_transfer);
  const holder = h("div", {class: "event-form-holder"});
  const buttons = allowed.map((type) => h("button", {
    type: "button", class: "button event-button", "data-testid": "event-button", "data-event": type,
    "aria-expanded": "false",
  }, eventLabel(type)));

  async function open(type, button) {
    for (const b of buttons) b.setAttribute("aria-expanded", b === button ? "true" : "false");
    const context = {};
    if (type === "council_vote") {
      try {
        context.sessions = await loadSessions(d.campaign_id);
      } catch (e) {
        replace(holder, messageBox("error", e instanceof ApiError ? e.describe("Không tải được phiên họp") : String(e), "event-error"));
        return;
      }
    }
    if (type === "supplement" && audit) {
      const last = [...(audit.records || [])].reverse().find((r) => r.event_type === "request_supplement");
      context.lastMissing = (last && last.payload && last.payload.command && last.payload.command.missing) || [];
    }
    const form = buildEventForm(type, d, context);
    const error = h("div", {class: "event-error", "data-testid": "event-error", role: "alert"});
    const submit = h("button", {type: "submit", class: `button${/reject|fail|revoke|withdraw/.test(type) ? " button-danger" : ""}`,
      "data-testid": "event-submit"}, `Xác nhận: ${eventLabel(type)}`);
    const cancel = h("button", {type: "button", class: "button button-quiet", "data-testid": "event-cancel",
      onclick: () => {
        replace(holder);
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }}, "Hủy");
    form.appendChild(error);
    form.appendChild(h("div", {class: "form-actions"}, submit, cancel));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const collected = collectPayload(type, form);
      if (collected.errors) {
        replace(error, messageBox("error", ["Chưa gửi được: ", collected.errors.join(" ")]));
        return;
      }
      submit.disabled = true;
      replace(error, h("p", {class: "loading", role: "status"}, "Đang gửi…"));
      try {
        const result = await api(`/api/v1/dossiers/${enc(d.id)}/events`, {method: "POST", body: {
          type, payload: collected.payload, request_id: newRequestId(), expected_version: d.version,
        }});
        const after = result && result.dossier ? result.dossier : null;
        const numbers = result && result.event && Array.isArray(result.event.numbers) ? result.event.numbers : [];
        setFlash(d.id, "success",
          `Đã thực hiện “${eventLabel(type)}”${after ? `: hồ sơ chuyển sang “${stateLabel(after.state)}”` : ""}` +
          `${numbers.length ? `; số văn bản ${numbers.join(", ")}` : ""}.`);
        await reload();
      } catch (e) {
        submit.disabled = false;
        if (!(e instanceof ApiError)) {
          replace(error, messageBox("error", `Không thực hiện được: ${e}`));
          return;
        }
        const children = [e.describe()];
        if (e.code === "conflict" || e.code === "rejected_transition") {
          children.push(" ", h("button", {type: "button", class: "button button-quiet", "data-testid": "reload-dossier",
            onclick: () => reload()}, "Tải lại hồ sơ"));
        }
        replace(error, messageBox("error", children));
      }
    });
    replace(holder, form);
    const first = form.querySelector("input:not([readonly]), textarea, select");
    if (first) first.focus();
  }

  buttons.forEach((b) => b.addEventListener("click", () => open(b.dataset.event, b)));
  return h("section", {class: "panel actions", "aria-labelledby": "actions-title"},
    h("h3", {id: "actions-title"}, "Thao tác"),
    buttons.length ? h("div", {class: "event-buttons", "data-testid": "event-buttons"}, buttons)
      : h("p", {class: "muted", "data-testid": "no-events"},
        TERMINAL_STATES.has(d.state)
          ? "Hồ sơ đã kết thúc; không còn thao tác nào."
          : `Vai trò ${roleLabel(store.me && store.me.role)} không có thao tác nào ở trạng thái này.`),
    holder);
}

export async function renderDossier(root, id, ctx) {
  const reload = () => renderDossier(root, id, ctx);
  let dossier;
  try {
    dossier = await api(`/api/v1/dossiers/${enc(id)}`);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    if (e instanceof ApiError && e.status === 404) {
      replace(root, h("h2", {id: "page-title"}, `Hồ sơ ${id}`),
        messageBox("error", "Không tìm thấy hồ sơ này.", "page-error"),
        h("p", null, h("a", {href: "#/"}, "← Về danh sách hồ sơ")));
      return;
    }
    throw e;
  }
  const [docsResult, auditResult] = await Promise.allSettled([
    api(`/api/v1/dossiers/${enc(id)}/documents`).then((x) => (x && x.items) || []),
    api(`/api/v1/dossiers/${enc(id)}/audit`),
  ]);
  if (!ctx.isCurrent()) return;
  const now = nowMs();
  const d = dossier;
  const status = deadlineStatus(d, now);
  const message = flash && flash.dossierId === d.id ? flash : null;
  flash = null;

  replace(root,
    h("p", {class: "crumbs"}, h("a", {href: "#/", "data-testid": "back-to-list"}, "← Danh sách hồ sơ")),
    h("div", {class: "dossier-head"},
      h("h2", {id: "page-title"}, "Hồ sơ ", h("span", {"data-testid": "dossier-id"}, d.id),
        h("span", {class: "title-nominee"}, ` — ${(d.nominee && d.nominee.name) || ""}`)),
      h("span", {class: `state state-big state-${d.state}`, "data-testid": "dossier-state", "data-state": d.state,
        "data-version": d.version}, stateLabel(d.state)),
      status ? h("span", {class: `badge badge-${status}`}, DUE_LABELS[status]) : null,
      d.needs_transfer ? h("span", transferBadge("dossier-needs-transfer"), TRANSFER_LABEL) : null),
    d.needs_transfer ? h("p", {class: "message message-warning", role: "note",
      "data-testid": "transfer-warning"}, TRANSFER_TITLE) : null,
    message ? messageBox(message.kind, message.text, "event-result") : null,
    actionsSection(d, auditResult.status === "fulfilled" ? auditResult.value : null, reload),
    h("div", {class: "grid-2"}, detailsSection(d), deadlinesSection(d, now)),
    documentsSection(d, docsResult, reload),
    timelineSection(auditResult));
}
