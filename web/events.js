// The payload form of each event (contract: "Events and payloads"), and the payload it collects.
// Only the contract's fields are sent (the server answers 422 to unknown fields, and to a field the
// contract requires that is left out); empty optional text is left out.
import {h, uniqueId} from "./dom.js";
import {
  DOCUMENT_KINDS, LEVEL_LABELS, documentLabel, eventLabel, fieldLabel, formatDate,
} from "./labels.js";
import {awardRule, todayLocal} from "./store.js";

// type: text | textarea | int | kinds | session | date | approved
const T = (name, type, required = false, extra = {}) => ({name, type, required, ...extra});

export const EVENT_FIELDS = {
  submit: [T("achievement_summary", "textarea", true), T("documents", "kinds")],
  unit_return: [T("reason", "textarea", true)],
  unit_approve: [T("votes_for", "int", true), T("votes_against", "int", true), T("members", "int", true)],
  unit_reject: [T("reason", "textarea", true)],
  request_supplement: [T("missing", "kinds", true), T("note", "textarea", true)],
  supplement: [T("documents", "kinds", true)],
  accept: [],
  appraise_pass: [T("note", "textarea", true, {label: "Nhận xét thẩm định"})],
  appraise_fail: [T("reason", "textarea", true)],
  council_vote: [T("session", "session", true), T("members", "int", true, {readOnly: true}),
    T("present", "int", true, {readOnly: true}), T("yes", "int", true), T("no", "int", true)],
  objection: [T("objector", "text", true), T("reason", "textarea", true)],
  notice_ended: [],
  approve: [],
  escalate: [T("reason", "textarea", true, {label: "Lý do / nội dung trình"})],
  reject: [T("reason", "textarea", true)],
  higher_decision: [T("decision_number", "text", true, {placeholder: "ví dụ 123/QĐ-UBND"}),
    T("decided_on", "date", true), T("approved", "approved", true), T("reason", "textarea")],
  withdraw: [T("reason", "textarea", true)],
  hold: [T("reason", "textarea", true), T("legal_ground", "text", true,
    {placeholder: "ví dụ: Điều 4 Nghị định 152/2025/NĐ-CP"})],
  resume: [T("reason", "textarea", true)],
  revoke: [T("reason", "textarea", true), T("legal_ground", "text", true)],
  cutoff: [],
  remind: [T("deadline_kind", "text", true), T("working_days_left", "int", true)],
  transfer: [T("reason", "textarea", true), T("legal_ground", "text", true,
    {placeholder: "ví dụ: Nghị quyết 190/2025/QH15, Điều 5"})],
};

// A short explanation shown at the top of some forms.
function eventHint(type, dossier) {
  // Documents are the dossier's own pack's; who decides, the authority pack's (after a transfer).
  const rule = awardRule(dossier.award, dossier.rule_pack);
  const decides = awardRule(dossier.award, dossier.authority_pack || dossier.rule_pack);
  const level = decides && decides.deciding_level ?
    LEVEL_LABELS[decides.deciding_level] || decides.deciding_level : "";
  switch (type) {
    case "accept": {
      const required = (rule && rule.required_documents) || [];
      const have = new Set(dossier.documents || []);
      const missing = required.filter((k) => !have.has(k));
      return missing.length
        ? `Hồ sơ còn thiếu: ${missing.map(documentLabel).join("; ")}. Tiếp nhận sẽ bị từ chối nếu thiếu giấy tờ.`
        : "Hồ sơ đủ giấy tờ theo yêu cầu. Tiếp nhận bắt đầu tính hạn thẩm định (kể từ ngày nhận đủ hồ sơ).";
    }
    case "request_supplement":
      return "Mỗi hồ sơ chỉ được yêu cầu bổ sung một lần. Đánh dấu các giấy tờ còn thiếu.";
    case "submit":
      return "Đánh dấu các giấy tờ đã có trong hồ sơ.";
    case "approve":
      return level ? `Danh hiệu này thuộc thẩm quyền ${level}. Hệ thống sẽ cấp số quyết định.` :
        "Hệ thống sẽ cấp số quyết định.";
    case "escalate":
      return level ? `Danh hiệu này thuộc thẩm quyền ${level}. Hệ thống sẽ cấp số tờ trình.` :
        "Hệ thống sẽ cấp số tờ trình.";
    case "council_vote":
      return "Số thành viên và số có mặt lấy theo biên bản phiên họp đã chọn.";
    case "transfer":
      return "Chuyển hồ sơ cho cơ quan kế thừa theo bộ quy tắc đang có hiệu lực: các bước đã hoàn thành được giữ nguyên, không yêu cầu nộp lại (Nghị quyết 190/2025/QH15, Điều 5); hạn cũ của cấp đã kết thúc hoạt động bị hủy và hạn mới được tính từ hôm nay. Hình thức khen thưởng không còn thì hồ sơ dừng xét, ghi rõ lý do. Nếu đơn vị đề nghị đã sáp nhập, hồ sơ chuyển sang đơn vị tiếp nhận; khi chỉ chuyển đơn vị thì giữ nguyên bước và hạn xử lý.";
    case "hold":
      return "Hồ sơ tạm hoãn khi người được đề nghị đang bị xem xét kỷ luật, thanh tra, kiểm tra hoặc giải quyết khiếu nại; sẽ tiếp tục từ đúng bước hiện tại.";
    default:
      return "";
  }
}

function kindsField(spec, checked) {
  const id = uniqueId("kinds");
  return h("fieldset", {class: "field kinds", "data-field": spec.name, id},
    h("legend", null, spec.label || fieldLabel(spec.name), spec.required ? h("span", {class: "req", "aria-hidden": "true"}, " *") : null),
    DOCUMENT_KINDS.map((kind) => {
      const cid = uniqueId("kind");
      return h("div", {class: "check"},
        h("input", {type: "checkbox", id: cid, name: spec.name, value: kind, checked: checked.has(kind),
          "data-testid": `field-${spec.name}-${kind}`}),
        h("label", {for: cid}, documentLabel(kind)));
    }));
}

function sessionOption(s) {
  return `${formatDate(s.date)} — ${s.present}/${s.members} thành viên có mặt (${s.id})`;
}

// Builds the form. `context`: {sessions, lastMissing} (sessions for council_vote; the kinds the
// last request_supplement listed, to pre-check for supplement).
export function buildEventForm(type, dossier, context = {}) {
  const specs = EVENT_FIELDS[type] || [];
  const form = h("form", {class: "event-form", "data-testid": "event-form", "data-event": type,
    novalidate: true, "aria-label": eventLabel(type)});
  form.appendChild(h("h4", null, eventLabel(type)));
  const hint = eventHint(type, dossier);
  if (hint) form.appendChild(h("p", {class: "hint"}, hint));
  if (specs.length === 0) {
    form.appendChild(h("p", null, `Xác nhận “${eventLabel(type)}” cho hồ sơ ${dossier.id}?`));
  }

  const sessions = context.sessions || [];
  for (const spec of specs) {
    const labelText = spec.label || fieldLabel(spec.name);
    const star = spec.required ? h("span", {class: "req", "aria-hidden": "true"}, " *") : null;
    const common = {name: spec.name, "data-testid": `field-${spec.name}`,
      "aria-required": spec.required ? "true" : null};
    let control;
    switch (spec.type) {
      case "kinds": {
        let checked = new Set();
        if (spec.name === "documents" && type === "submit") {
          checked = new Set(dossier.documents || []);
          if (checked.size === 0) {
            const rule = awardRule(dossier.award, dossier.rule_pack);
            for (const k of (rule && rule.required_documents) || []) checked.add(k);
          }
        } else if (spec.name === "documents" && type === "supplement") {
          checked = new Set(context.lastMissing || []);
        } else if (spec.name === "missing") {
          const rule = awardRule(dossier.award, dossier.rule_pack);
          const have = new Set(dossier.documents || []);
          for (const k of (rule && rule.required_documents) || []) if (!have.has(k)) checked.add(k);
        }
        form.appendChild(kindsField(spec, checked));
        continue;
      }
      case "textarea":
        control = h("textarea", {...common, rows: 3,
          value: spec.name === "achievement_summary" ? dossier.achievement_summary || "" : ""});
        break;
      case "int":
        control = h("input", {...common, type: "number", min: 0, step: 1, inputmode: "numeric",
          readOnly: spec.readOnly});
        break;
      case "date":
        control = h("input", {...common, type: "date", value: todayLocal()});
        break;
      case "session": {
        control = h("select", {...common},
          sessions.length === 0 ? h("option", {value: ""}, "(chưa có phiên họp nào)") : null,
          sessions.map((s, i) => h("option", {value: s.id, selected: i === 0}, sessionOption(s))));
        break;
      }
      case "approved": {
        const yes = uniqueId("ap"), no = uniqueId("ap");
        form.appendChild(h("fieldset", {class: "field radios", "data-field": spec.name},
          h("legend", null, "Kết quả của cấp trên", star),
          h("div", {class: "check"},
            h("input", {type: "radio", id: yes, name: spec.name, value: "true",
              "data-testid": "field-approved-true"}),
            h("label", {for: yes}, "Đồng ý khen thưởng")),
          h("div", {class: "check"},
            h("input", {type: "radio", id: no, name: spec.name, value: "false",
              "data-testid": "field-approved-false"}),
            h("label", {for: no}, "Không đồng ý (ghi lý do)"))));
        continue;
      }
      default:
        control = h("input", {...common, type: "text", placeholder: spec.placeholder});
    }
    control.id = uniqueId("f");
    form.appendChild(h("div", {class: "field", "data-field": spec.name},
      h("label", {for: control.id}, labelText, star), control,
      spec.readOnly ? h("p", {class: "hint"}, "Lấy từ phiên họp") : null));
  }

  // council_vote: members/present follow the chosen session.
  if (type === "council_vote") {
    const select = form.elements.session;
    const sync = () => {
      const s = sessions.find((x) => x.id === select.value);
      form.elements.members.value = s ? s.members : "";
      form.elements.present.value = s ? s.present : "";
    };
    select.addEventListener("change", sync);
    sync();
    if (sessions.length === 0) {
      form.appendChild(h("p", {class: "message message-info"},
        "Chưa có phiên họp Hội đồng nào trong phong trào này. ",
        h("a", {href: "#/council"}, "Ghi phiên họp ở trang Hội đồng xét"), "."));
    }
  }
  return form;
}

// Reads the form into a payload; returns {payload} or {errors: ["…"]} (Vietnamese messages).
export function collectPayload(type, form) {
  const specs = EVENT_FIELDS[type] || [];
  const payload = {};
  const errors = [];
  for (const spec of specs) {
    const name = fieldLabel(spec.name);
    const labelText = spec.label || name;
    if (spec.type === "kinds") {
      const values = [...form.querySelectorAll(`input[name="${spec.name}"]:checked`)].map((i) => i.value);
      if (spec.required && values.length === 0) errors.push(`Chọn ít nhất một mục ở “${labelText}”.`);
      payload[spec.name] = values;
      continue;
    }
    if (spec.type === "approved") {
      // The outcome is never assumed: nothing chosen is an error, not a yes.
      const chosen = form.querySelector(`input[name="${spec.name}"]:checked`);
      if (!chosen) {
        errors.push(`Chưa chọn “${labelText}”.`);
        continue;
      }
      payload[spec.name] = chosen.value === "true";
      continue;
    }
    const el = form.elements[spec.name];
    const raw = el ? String(el.value).trim() : "";
    if (el) el.removeAttribute("aria-invalid");
    if (raw === "") {
      if (spec.required) {
        errors.push(`Chưa nhập “${labelText}”.`);
        if (el) el.setAttribute("aria-invalid", "true");
      }
      continue;
    }
    if (spec.type === "int") {
      if (!/^\d+$/.test(raw)) {
        errors.push(`“${labelText}” phải là số nguyên không âm.`);
        if (el) el.setAttribute("aria-invalid", "true");
        continue;
      }
      payload[spec.name] = Number.parseInt(raw, 10);
    } else if (spec.type === "date") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
        errors.push(`“${labelText}” phải là ngày hợp lệ.`);
        continue;
      }
      payload[spec.name] = raw;
    } else {
      payload[spec.name] = raw;
    }
  }
  if (type === "higher_decision" && payload.approved === false && !payload.reason) {
    errors.push("Quyết định không đồng ý cần ghi lý do.");
  }
  return errors.length ? {errors} : {payload};
}
