// Quyết định khen thưởng and Tờ trình (DOMAIN.md, "Rounds" and "Prize money"): the campaign's
// decisions or submissions, a new draft (secretariat), the draft with the eligible dossiers as
// check boxes, signing (Chairman), the signed list, and for a submission the higher level's
// answers.
import {api, ApiError, downloadFile, enc, listAll, newRequestId} from "./api.js";
import {h, replace, field, messageBox} from "./dom.js";
import {ROUND_STATUS_LABELS, formatDate, formatVnd, label, nomineeKindLabel, stateLabel} from "./labels.js";
import {currentCampaign, isUnitScoped, role, store, todayLocal, unitName} from "./store.js";

// "Phong trào thi đua …" in the middle of a sentence: "phong trào thi đua …".
const midSentence = (text) => String(text || "").replace(/^(\p{Lu})(?=\p{Ll})/u, (c) => c.toLowerCase());

export const KINDS = {
  decision: {
    path: "decisions",
    heading: "Quyết định khen thưởng",
    one: "quyết định",
    One: "Quyết định",
    sign: "Ký quyết định",
    newTitle: (c) => `Về việc khen thưởng các tập thể, cá nhân có thành tích trong ${midSentence(c.name || c.id)}`,
    eligibleHint: "Hồ sơ đang chờ Chủ tịch quyết định, thuộc thẩm quyền khen thưởng của xã và chưa nằm trong dự thảo nào.",
    signNote: "Khi ký, mọi hồ sơ trong danh sách được phê duyệt khen thưởng cùng một số quyết định; " +
      "mỗi người, tập thể được khen nhận một số sổ vàng và tiền thưởng theo mức lương cơ sở ngày ký.",
  },
  submission: {
    path: "submissions",
    heading: "Tờ trình",
    one: "tờ trình",
    One: "Tờ trình",
    sign: "Ký tờ trình",
    newTitle: (c) => `Về việc đề nghị cấp trên khen thưởng các tập thể, cá nhân có thành tích trong ${midSentence(c.name || c.id)}`,
    eligibleHint: "Hồ sơ đang chờ Chủ tịch quyết định và chưa nằm trong dự thảo nào (thường là hồ sơ vượt thẩm quyền của xã).",
    signNote: "Khi ký, mọi hồ sơ trong danh sách được trình cấp trên cùng một số tờ trình; " +
      "hạn cấp trên trả lời bắt đầu tính cho từng hồ sơ.",
  },
};

// One message shown once after the page re-renders (the result of an action).
let flash = null;

const statusLabel = (s) => label(ROUND_STATUS_LABELS, s);
const canDraft = () => role() === "secretariat";
const canSign = () => role() === "chairman";
const canRemove = () => role() === "secretariat" || role() === "chairman";
const canSeeRounds = () => !!role() && role() !== "admin";
// A user id as a name where the dashboard knows it (the logged-in user), else the id.
const person = (id) => (!id ? "—" : store.me && store.me.id === id && store.me.name ? `${store.me.name} (${id})` : id);
const dossierHref = (id) => `#/dossiers/${encodeURIComponent(id)}`;

// The server's refusals of a round are in English; the common ones get a Vietnamese gloss in front
// of the server's own words (which stay, for whoever has to look further).
function roundGloss(detail, prefix) {
  const text = String(detail || "");
  const dossier = /dossier ([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text);
  const who = dossier && !String(prefix || "").includes(dossier[1]) ? `hồ sơ ${dossier[1]} ` : "";
  let m;
  if ((m = /(?:already )?listed in the draft ([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text))) {
    return `${who}đã có trong dự thảo ${m[1]} (mỗi hồ sơ chỉ nằm trong một dự thảo đang mở)`;
  }
  if ((m = /already signed as (\S+)/.exec(text))) return `đã được ký, số ${m[1]}`;
  if (/lists no dossier/.test(text)) return "dự thảo chưa có hồ sơ nào";
  if ((m = /is in ([a-z_]+)[;:]/.exec(text))) {
    return `${who}đang ở trạng thái “${stateLabel(m[1])}”; chỉ hồ sơ đang chờ Chủ tịch quyết định mới đưa vào ` +
      "danh sách và ký được";
  }
  if (/is signed \(/.test(text)) return "đã ký, danh sách không còn thay đổi được";
  return "";
}

function errorText(e, prefix) {
  if (!(e instanceof ApiError)) return `${prefix || "Không thực hiện được"}: ${e}`;
  const gloss = e.status ? roundGloss(e.detail, prefix) : "";
  return gloss ? `${prefix || "Không thực hiện được"}: ${gloss}. (Máy chủ: ${e.detail})` : e.describe(prefix);

}

function statusBadge(round) {
  return h("span", {class: `state round-status round-status-${round.status}`, "data-testid": "round-status",
    "data-status": round.status}, statusLabel(round.status));
}

// "05/QĐ-UBND ngày 15/08/2024" or "(chưa có số)".
function numberText(round) {
  return round.number ? `${round.number} ngày ${formatDate(round.signed_on)}` : "(chưa có số)";
}

function nomineeCell(line, note) {
  const nominee = line.nominee || {};
  return h("td", {class: "col-nominee"},
    h("a", {href: dossierHref(line.dossier_id), "data-testid": "line-dossier-link"}, nominee.name || line.dossier_id),
    h("span", {class: "sub"}, `${nominee.kind ? `${nomineeKindLabel(nominee.kind)} · ` : ""}hồ sơ ${line.dossier_id}`),
    note);
}

// The prize of a line: the amount, and the article that sets it in small print (and in full on
// hover: the coefficient times the base salary in force).
function prizeCell(prize) {
  if (!prize) return h("td", {class: "num", "data-testid": "line-prize", "data-amount": ""}, "—");
  const title = prize.amount_vnd === null || prize.amount_vnd === undefined
    ? prize.basis
    : `Hệ số ${prize.coefficient ?? "—"} × mức lương cơ sở ${formatVnd(prize.base_salary_vnd)}` +
      `${prize.base_salary_basis ? ` (${prize.base_salary_basis})` : ""}, làm tròn theo quy định. ` +
      `Căn cứ: ${prize.basis}`;
  return h("td", {class: "num col-prize", "data-testid": "line-prize", "data-amount": prize.amount_vnd ?? "", title},
    prize.amount_vnd === null || prize.amount_vnd === undefined
      ? h("span", {class: "muted"}, "Không có tiền thưởng") : formatVnd(prize.amount_vnd),
    h("span", {class: "sub prize-basis", "data-testid": "line-prize-basis"},
      prize.coefficient ? `Hệ số ${prize.coefficient} · ${prize.basis}` : prize.basis));
}

function answerCell(answer) {
  if (!answer) return h("td", {"data-testid": "line-answer", "data-answer": "pending"},
    h("span", {class: "state state-escalated"}, "Chờ cấp trên trả lời"));
  return h("td", {"data-testid": "line-answer", "data-answer": answer.approved ? "approved" : "refused"},
    h("span", {class: `state ${answer.approved ? "state-approved" : "state-rejected"}`},
      answer.approved ? "Đồng ý khen thưởng" : "Không đồng ý"),
    h("span", {class: "sub"}, `Quyết định số ${answer.decision_number} ngày ${formatDate(answer.decided_on)}`),
    !answer.approved && answer.reason ? h("span", {class: "sub"}, `Lý do: ${answer.reason}`) : null);
}

// ------------------------------------------------------------------------------------------
// The list of the campaign's decisions or submissions

function roundsTable(kind, rounds) {
  const k = KINDS[kind];
  if (rounds.length === 0) {
    return h("p", {class: "muted", "data-testid": "rounds-empty"}, `Phong trào này chưa có ${k.one} nào.`);
  }
  const decision = kind === "decision";
  const headers = ["Số", "Ngày ký", "Trích yếu", "Trạng thái", "Số hồ sơ",
    decision ? "Tổng tiền thưởng" : "Cấp trên đã trả lời", "Người dự thảo"];
  return h("div", {class: "table-scroll"}, h("table", {class: "data", "data-testid": "rounds-table"},
    h("thead", null, h("tr", null, headers.map((c, i) =>
      h("th", {scope: "col", class: i === 4 || i === 5 ? "num" : null}, c)))),
    h("tbody", null, rounds.map((r) => {
      const href = `#/${k.path}/${encodeURIComponent(r.id)}`;
      const answered = (r.lines || []).filter((l) => l.answer).length;
      return h("tr", {"data-testid": "round-row", "data-id": r.id, "data-status": r.status},
        h("td", {class: "col-id"}, h("a", {href, "data-testid": "round-link"}, r.number || "(chưa có số)")),
        h("td", null, r.signed_on ? formatDate(r.signed_on) : "—"),
        h("td", null, h("a", {href}, r.title)),
        h("td", null, statusBadge(r)),
        h("td", {class: "num"}, String((r.lines || []).length)),
        h("td", {class: "num"}, decision ? formatVnd(r.total_prize_vnd)
          : r.status === "signed" ? `${answered}/${(r.lines || []).length}` : "—"),
        h("td", null, r.drafted_by || "—"));
    }))));
}

function newDraftForm(kind, campaign) {
  const k = KINDS[kind];
  const title = h("input", {type: "text", name: "title", required: true, value: k.newTitle(campaign),
    "data-testid": "round-new-title", class: "wide", autocomplete: "off"});
  const out = h("div", {"data-testid": "round-new-error", role: "alert"});
  const submit = h("button", {type: "submit", class: "button", "data-testid": "round-new-submit"},
    `Tạo dự thảo ${k.one}`);
  const form = h("form", {class: "round-new-form", "data-testid": "round-new-form", novalidate: true},
    field("Trích yếu", title, `Dòng “V/v …” của ${k.one}; sau khi tạo, chọn hồ sơ đưa vào danh sách kèm theo.`),
    h("div", {class: "form-actions"}, submit), out);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!title.value.trim()) {
      title.setAttribute("aria-invalid", "true");
      replace(out, messageBox("error", "Chưa tạo được: nhập trích yếu."));
      title.focus();
      return;
    }
    title.removeAttribute("aria-invalid");
    submit.disabled = true;
    try {
      const created = await api(`/api/v1/${k.path}`, {method: "POST",
        body: {campaign_id: campaign.id, title: title.value.trim()}});
      flash = {id: created.id, kind: "success",
        text: `Đã tạo dự thảo ${k.one}. Chọn các hồ sơ đưa vào danh sách kèm theo.`};
      location.hash = `#/${k.path}/${encodeURIComponent(created.id)}`;
    } catch (e) {
      submit.disabled = false;
      replace(out, messageBox("error", errorText(e, "Không tạo được dự thảo")));
    }
  });
  return form;
}

async function renderRoundList(root, kind, ctx) {
  const k = KINDS[kind];
  const campaign = currentCampaign();
  replace(root, h("h2", {id: "page-title"}, k.heading));
  if (!campaign) {
    root.appendChild(messageBox("info", "Chưa chọn phong trào thi đua."));
    return;
  }
  root.appendChild(h("p", {class: "loading", role: "status"}, "Đang tải…"));
  const data = await api(`/api/v1/${k.path}?campaign_id=${enc(campaign.id)}`);
  if (!ctx.isCurrent()) return;
  const rounds = (data && data.items) || [];
  const drafts = rounds.filter((r) => r.status === "draft");
  replace(root,
    h("h2", {id: "page-title"}, k.heading),
    isUnitScoped() ? messageBox("info", `Chỉ hiển thị các hồ sơ của đơn vị ${unitName(store.me.unit_id)} trong từng ${k.one}.`) : null,
    canSign() && drafts.length ? messageBox("info",
      `Có ${drafts.length} dự thảo ${k.one} chờ Chủ tịch xem xét và ký.`, "rounds-to-sign") : null,
    h("section", {class: "panel", "aria-labelledby": "rounds-title"},
      h("h3", {id: "rounds-title"}, `Các ${k.one} của phong trào`),
      roundsTable(kind, rounds)),
    canDraft() ? h("section", {class: "panel", "aria-labelledby": "round-new-title"},
      h("h3", {id: "round-new-title"}, `Dự thảo ${k.one} mới`),
      newDraftForm(kind, campaign)) : null);
}

// ------------------------------------------------------------------------------------------
// One decision or submission

function linesTable(kind, round, {removable, onRemove, notReady}) {
  const decision = kind === "decision";
  const signed = round.status === "signed";
  const lines = round.lines || [];
  const headers = ["STT", "Họ tên / tên tập thể", "Đơn vị", "Hình thức khen thưởng"];
  if (decision && signed) headers.push("Số sổ vàng");
  if (decision) headers.push("Tiền thưởng");
  if (!decision && signed) headers.push("Ý kiến cấp trên");
  if (removable) headers.push(h("span", {class: "visually-hidden"}, "Thao tác"));
  const numeric = new Set(["STT", "Số sổ vàng", "Tiền thưởng"]);
  const visibleSum = lines.reduce((sum, l) => sum + ((l.prize && l.prize.amount_vnd) || 0), 0);
  return [h("div", {class: "table-scroll"}, h("table", {class: "data round-lines", "data-testid": "round-lines"},
    h("thead", null, h("tr", null, headers.map((c) =>
      h("th", {scope: "col", class: numeric.has(c) ? "num" : null}, c)))),
    h("tbody", null, lines.map((line, i) => h("tr", {"data-testid": "round-line", "data-id": line.dossier_id,
      class: notReady.has(line.dossier_id) ? "row-not-ready" : null},
      h("td", {class: "num"}, String(i + 1)),
      nomineeCell(line, notReady.has(line.dossier_id) ?
        h("span", {class: "not-ready", "data-testid": "line-not-ready"}, `⚠ ${notReady.get(line.dossier_id)}`) : null),
      h("td", null, unitName(line.unit_id)),
      h("td", null, line.award_name || line.award),
      decision && signed ? h("td", {class: "num register", "data-testid": "line-register"},
        line.register_number ?? "—") : null,
      decision ? prizeCell(line.prize) : null,
      !decision && signed ? answerCell(line.answer) : null,
      removable ? h("td", {class: "row-actions"}, h("button", {type: "button", class: "button button-quiet button-small",
        "data-testid": "line-remove", "data-id": line.dossier_id,
        "aria-label": `Bỏ ${(line.nominee && line.nominee.name) || line.dossier_id} khỏi dự thảo`,
        onclick: (event) => onRemove(line, event.currentTarget)}, "Bỏ khỏi dự thảo")) : null))),
    decision ? h("tfoot", null, h("tr", {class: "total-row"},
      h("th", {scope: "row", colspan: signed ? 5 : 4}, "Tổng cộng",
        h("span", {class: "sub"}, `${lines.length} hồ sơ`)),
      h("td", {class: "num", "data-testid": "round-total", "data-amount": round.total_prize_vnd},
        formatVnd(round.total_prize_vnd)),
      removable ? h("td") : null)) : null)), decision && visibleSum !== round.total_prize_vnd ? messageBox("warning",
    `Chú ý: tổng các dòng (${formatVnd(visibleSum)}) khác tổng của ${KINDS[kind].one} (${formatVnd(round.total_prize_vnd)}).`,
    "round-total-mismatch") : null];
}

// The eligible dossiers as check boxes, the running total of those ticked, and "add".
function eligibleSection(kind, round, eligible, reload) {
  const k = KINDS[kind];
  const decision = kind === "decision";
  const section = h("section", {class: "panel", "aria-labelledby": "eligible-title", "data-testid": "eligible-section"},
    h("h3", {id: "eligible-title"}, "Hồ sơ có thể đưa vào dự thảo"),
    h("p", {class: "hint"}, k.eligibleHint));
  if (eligible.error) {
    section.appendChild(messageBox("error", errorText(eligible.error, "Không tải được hồ sơ đủ điều kiện")));
    return section;
  }
  if (eligible.length === 0) {
    section.appendChild(h("p", {class: "muted", "data-testid": "eligible-empty"},
      "Không còn hồ sơ nào có thể đưa vào dự thảo."));
    return section;
  }
  const boxes = [];
  const running = h("p", {class: "running-total", "data-testid": "eligible-running", "aria-live": "polite"});
  const add = h("button", {type: "button", class: "button", "data-testid": "eligible-add", disabled: true},
    "Thêm vào dự thảo");
  const out = h("div", {"data-testid": "eligible-error", role: "alert"});
  const all = h("input", {type: "checkbox", "data-testid": "eligible-all", "aria-label": "Chọn tất cả"});
  const update = () => {
    const ticked = boxes.filter((b) => b.box.checked);
    const sum = ticked.reduce((s, b) => s + ((b.line.prize && b.line.prize.amount_vnd) || 0), 0);
    replace(running, `Đã chọn ${ticked.length}/${boxes.length} hồ sơ`,
      decision ? [" · tiền thưởng: ", h("strong", {"data-testid": "eligible-sum", "data-amount": sum}, formatVnd(sum)),
        " · tổng dự thảo sau khi thêm: ",
        h("strong", {"data-testid": "eligible-new-total", "data-amount": round.total_prize_vnd + sum},
          formatVnd(round.total_prize_vnd + sum))] : null);
    add.disabled = ticked.length === 0;
    replace(add, ticked.length ? `Thêm ${ticked.length} hồ sơ vào dự thảo` : "Thêm vào dự thảo");
    all.checked = ticked.length === boxes.length;
    all.indeterminate = ticked.length > 0 && ticked.length < boxes.length;
  };
  all.addEventListener("change", () => {
    for (const b of boxes) b.box.checked = all.checked;
    update();
  });
  const rows = eligible.map((line) => {
    const box = h("input", {type: "checkbox", name: "dossier_id", value: line.dossier_id,
      "data-testid": "eligible-check", "data-id": line.dossier_id,
      "aria-label": `Chọn ${(line.nominee && line.nominee.name) || line.dossier_id}`});
    box.addEventListener("change", update);
    boxes.push({box, line});
    return h("tr", {"data-testid": "eligible-row", "data-id": line.dossier_id,
      "data-amount": (line.prize && line.prize.amount_vnd) ?? ""},
    h("td", {class: "col-check"}, box),
    nomineeCell(line),
    h("td", null, unitName(line.unit_id)),
    h("td", null, line.award_name || line.award),
    decision ? prizeCell(line.prize) : null);
  });
  add.addEventListener("click", async () => {
    const ticked = boxes.filter((b) => b.box.checked);
    add.disabled = true;
    replace(out, h("p", {class: "loading", role: "status"}, "Đang thêm…"));
    let added = 0;
    for (const {line} of ticked) {
      try {
        await api(`/api/v1/${k.path}/${enc(round.id)}/dossiers`, {method: "POST", body: {dossier_id: line.dossier_id}});
        added += 1;
      } catch (e) {
        flash = {id: round.id, kind: "error",
          text: `${added ? `Đã thêm ${added} hồ sơ. ` : ""}` +
            errorText(e, `Không thêm được hồ sơ ${line.dossier_id} (${(line.nominee && line.nominee.name) || ""})`)};
        await reload();
        return;
      }
    }
    flash = {id: round.id, kind: "success", text: `Đã thêm ${added} hồ sơ vào dự thảo.`};
    await reload();
  });
  update();
  section.appendChild(h("div", {class: "table-scroll"}, h("table", {class: "data", "data-testid": "eligible-table"},
    h("thead", null, h("tr", null,
      h("th", {scope: "col", class: "col-check"}, all),
      ["Họ tên / tên tập thể", "Đơn vị", "Hình thức khen thưởng", decision ? "Tiền thưởng" : null]
        .filter(Boolean).map((c) => h("th", {scope: "col", class: c === "Tiền thưởng" ? "num" : null}, c)))),
    h("tbody", null, rows))));
  section.appendChild(h("div", {class: "eligible-actions"}, running, add));
  section.appendChild(out);
  return section;
}

// "Ký quyết định": a confirmation in the page, then one signing with a fresh request id.
function signSection(kind, round, reload, notReady) {
  const k = KINDS[kind];
  const lines = round.lines || [];
  const out = h("div", {"data-testid": "sign-error", role: "alert"});
  const holder = h("div", {class: "sign-confirm-holder"});
  const start = h("button", {type: "button", class: "button button-sign", "data-testid": "sign-button",
    disabled: lines.length === 0, "aria-expanded": "false"}, k.sign);
  start.addEventListener("click", () => {
    start.setAttribute("aria-expanded", "true");
    start.hidden = true;
    const confirm = h("button", {type: "button", class: "button button-sign", "data-testid": "sign-confirm"},
      `Xác nhận: ${k.sign}`);
    const cancel = h("button", {type: "button", class: "button button-quiet", "data-testid": "sign-cancel",
      onclick: () => {
        replace(holder);
        start.hidden = false;
        start.setAttribute("aria-expanded", "false");
        start.focus();
      }}, "Hủy");
    confirm.addEventListener("click", async () => {
      confirm.disabled = true;
      cancel.disabled = true;
      replace(out, h("p", {class: "loading", role: "status"}, "Đang ký…"));
      try {
        const signed = await api(`/api/v1/${k.path}/${enc(round.id)}/sign`, {method: "POST",
          body: {request_id: newRequestId()}});
        const registers = (signed.lines || []).map((l) => l.register_number).filter((n) => typeof n === "number");
        flash = {id: round.id, kind: "success",
          text: `Đã ký ${k.one} số ${signed.number} ngày ${formatDate(signed.signed_on)}: ` +
            `${(signed.lines || []).length} hồ sơ ${kind === "decision" ? "được khen thưởng" : "được trình cấp trên"}` +
            (registers.length ? `, số sổ vàng ${Math.min(...registers)}–${Math.max(...registers)}` : "") +
            (kind === "decision" ? `, tổng tiền thưởng ${formatVnd(signed.total_prize_vnd)}.` : ".")};
        await reload();
      } catch (e) {
        confirm.disabled = false;
        cancel.disabled = false;
        replace(out, messageBox("error", errorText(e, `Không ký được ${k.one}`)));
      }
    });
    replace(holder, h("div", {class: "sign-confirm", "data-testid": "sign-confirmation", role: "group",
      "aria-label": `Xác nhận ${k.sign.toLowerCase()}`},
    h("p", null, h("strong", null, `${k.sign} “${round.title}”?`)),
    h("p", null, `Danh sách gồm ${lines.length} hồ sơ`,
      kind === "decision" ? `, tổng tiền thưởng ${formatVnd(round.total_prize_vnd)} (tính lại theo mức lương cơ sở ngày ký)` : "",
      `. Ngày ký: ${formatDate(todayLocal())}. Sau khi ký không sửa được danh sách.`),
    h("div", {class: "form-actions"}, confirm, cancel)));
    confirm.focus();
  });
  return h("section", {class: "panel actions sign-section", "aria-labelledby": "sign-title", "data-testid": "sign-section"},
    h("h3", {id: "sign-title"}, k.sign),
    h("p", {class: "hint"}, k.signNote),
    lines.length === 0 ? h("p", {class: "muted"}, "Dự thảo chưa có hồ sơ nào.") : null,
    notReady.size ? messageBox("warning", `${notReady.size} hồ sơ trong danh sách không còn chờ Chủ tịch quyết định ` +
      `(${[...notReady.keys()].join(", ")}): ký sẽ bị từ chối cho đến khi các hồ sơ này trở lại chờ Chủ tịch ` +
      "quyết định hoặc được bỏ khỏi dự thảo.",
    "sign-not-ready") : null,
    start, holder, out);
}

// The secretariat records one decision of the higher level answering some lines.
function answerSection(round, reload) {
  const pending = (round.lines || []).filter((l) => !l.answer);
  const section = h("section", {class: "panel actions", "aria-labelledby": "answer-title", "data-testid": "answer-section"},
    h("h3", {id: "answer-title"}, "Ghi nhận quyết định của cấp trên"));
  if (pending.length === 0) {
    section.appendChild(h("p", {class: "muted"}, "Cấp trên đã trả lời mọi hồ sơ của tờ trình."));
    return section;
  }
  const number = h("input", {type: "text", name: "decision_number", required: true, autocomplete: "off",
    placeholder: "ví dụ 1234/QĐ-UBND", "data-testid": "answer-number"});
  const date = h("input", {type: "date", name: "decided_on", required: true, value: todayLocal(),
    "data-testid": "answer-date"});
  const rows = pending.map((line) => {
    const name = `answer-${line.dossier_id}`;
    const reason = h("input", {type: "text", name: `reason-${line.dossier_id}`, placeholder: "Lý do không đồng ý",
      "data-testid": "answer-reason", "data-id": line.dossier_id, "aria-label": `Lý do, hồ sơ ${line.dossier_id}`,
      disabled: true});
    // The reason is asked only of a refusal.
    const choice = (value, text) => h("label", {class: "check"},
      h("input", {type: "radio", name, value, checked: value === "none",
        "data-testid": `answer-choice-${value}`, "data-id": line.dossier_id,
        onchange: () => {
          reason.disabled = value !== "no";
          if (value === "no") reason.focus();
        }}), text);
    return {line, reason, row: h("tr", {"data-testid": "answer-row", "data-id": line.dossier_id},
      nomineeCell(line),
      h("td", null, line.award_name || line.award),
      h("td", null, h("div", {class: "answer-choices", role: "radiogroup",
        "aria-label": `Ý kiến cấp trên, hồ sơ ${line.dossier_id}`},
      choice("none", "Không nêu trong quyết định này"), choice("yes", "Đồng ý"), choice("no", "Không đồng ý"))),
      h("td", null, reason))};
  });
  const out = h("div", {"data-testid": "answer-error", role: "alert"});
  const submit = h("button", {type: "submit", class: "button", "data-testid": "answer-submit"},
    "Ghi nhận quyết định cấp trên");
  const form = h("form", {class: "answer-form", "data-testid": "answer-form", novalidate: true},
    h("div", {class: "inline-form"}, field("Số quyết định của cấp trên", number), field("Ngày quyết định", date)),
    h("div", {class: "table-scroll"}, h("table", {class: "data compact"},
      h("thead", null, h("tr", null, ["Họ tên / tên tập thể", "Hình thức khen thưởng", "Ý kiến cấp trên", "Lý do"]
        .map((c) => h("th", {scope: "col"}, c)))),
      h("tbody", null, rows.map((r) => r.row)))),
    h("p", {class: "hint"}, "Hồ sơ không nêu trong quyết định này vẫn chờ cấp trên trả lời."),
    out, h("div", {class: "form-actions"}, submit));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const problems = [];
    const dossiers = [];
    for (const r of rows) {
      const picked = form.querySelector(`input[name="answer-${CSS.escape(r.line.dossier_id)}"]:checked`);
      const value = picked ? picked.value : "none";
      r.reason.removeAttribute("aria-invalid");
      if (value === "yes") dossiers.push({dossier_id: r.line.dossier_id, approved: true});
      if (value === "no") {
        if (!r.reason.value.trim()) {
          r.reason.setAttribute("aria-invalid", "true");
          problems.push(`Nhập lý do không đồng ý cho ${(r.line.nominee && r.line.nominee.name) || r.line.dossier_id}.`);
        }
        dossiers.push({dossier_id: r.line.dossier_id, approved: false, reason: r.reason.value.trim()});
      }
    }
    if (!number.value.trim()) problems.push("Nhập số quyết định của cấp trên.");
    if (!date.value) problems.push("Nhập ngày quyết định.");
    if (dossiers.length === 0) problems.push("Chọn ít nhất một hồ sơ được quyết định này trả lời.");
    if (problems.length) {
      replace(out, messageBox("error", `Chưa gửi được: ${problems.join(" ")}`));
      return;
    }
    submit.disabled = true;
    replace(out, h("p", {class: "loading", role: "status"}, "Đang gửi…"));
    try {
      await api(`/api/v1/submissions/${enc(round.id)}/answers`, {method: "POST", body: {
        request_id: newRequestId(), decision_number: number.value.trim(), decided_on: date.value, dossiers,
      }});
      const yes = dossiers.filter((d) => d.approved).length;
      flash = {id: round.id, kind: "success",
        text: `Đã ghi nhận quyết định số ${number.value.trim()} ngày ${formatDate(date.value)} của cấp trên: ` +
          `${yes} hồ sơ được đồng ý, ${dossiers.length - yes} hồ sơ không được đồng ý.`};
      await reload();
    } catch (e) {
      submit.disabled = false;
      replace(out, messageBox("error", errorText(e, "Không ghi nhận được")));
    }
  });
  section.appendChild(form);
  return section;
}

async function renderRound(root, kind, id, ctx) {
  const k = KINDS[kind];
  const reload = () => renderRound(root, kind, id, ctx);
  let round;
  try {
    round = await api(`/api/v1/${k.path}/${enc(id)}`);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    if (e instanceof ApiError && e.status === 404) {
      replace(root, h("h2", {id: "page-title"}, `${k.One} ${id}`),
        messageBox("error", `Không tìm thấy ${k.one} này.`, "page-error"),
        h("p", null, h("a", {href: `#/${k.path}`}, `← Các ${k.one}`)));
      return;
    }
    throw e;
  }
  const draft = round.status === "draft";
  let eligible = [];
  if (draft && canDraft()) {
    try {
      const data = await api(`/api/v1/campaigns/${enc(round.campaign_id)}/eligible?kind=${kind}`);
      eligible = (data && data.items) || [];
    } catch (e) {
      eligible = {error: e};
    }
  }
  // A listed dossier that left chairman_decision meanwhile (put on hold, say) makes the signing
  // refuse: say so on its line before the Chairman tries.
  const notReady = new Map();
  if (draft && (round.lines || []).length > 0) {
    try {
      const ready = await listAll("/api/v1/dossiers", {campaign_id: round.campaign_id, state: "chairman_decision", limit: 200});
      const readyIds = new Set(ready.map((d) => d.id));
      const missing = (round.lines || []).filter((l) => !readyIds.has(l.dossier_id));
      const states = await Promise.all(missing.map((l) =>
        api(`/api/v1/dossiers/${enc(l.dossier_id)}`).then((d) => d.state, () => "")));
      missing.forEach((l, i) => notReady.set(l.dossier_id,
        `Đang “${states[i] ? stateLabel(states[i]) : "không rõ trạng thái"}”, chưa ký được`));
    } catch {
      // without the check the signing still refuses, naming the dossier
    }
  }
  if (!ctx.isCurrent()) return;
  const message = flash && flash.id === round.id ? flash : null;
  flash = null;
  const campaign = store.campaigns.find((c) => c.id === round.campaign_id);

  const onRemove = async (line, button) => {
    button.disabled = true;
    try {
      await api(`/api/v1/${k.path}/${enc(round.id)}/dossiers/${enc(line.dossier_id)}`, {method: "DELETE"});
      flash = {id: round.id, kind: "success",
        text: `Đã bỏ ${(line.nominee && line.nominee.name) || line.dossier_id} khỏi dự thảo.`};
    } catch (e) {
      flash = {id: round.id, kind: "error", text: errorText(e, "Không bỏ được hồ sơ khỏi dự thảo")};
    }
    await reload();
  };

  const heading = draft
    ? [`Dự thảo ${k.one}`, h("span", {class: "title-nominee"}, ` (mã ${round.id})`)]
    : [`${k.One} số `, h("span", {"data-testid": "round-number"}, round.number)];
  const listTitle = draft ? "Danh sách kèm theo (dự thảo)"
    : `Danh sách kèm theo ${k.One} số ${round.number} ngày ${formatDate(round.signed_on)}`;
  const answers = round.answers || [];

  replace(root,
    h("p", {class: "crumbs"}, h("a", {href: `#/${k.path}`, "data-testid": "back-to-rounds"}, `← Các ${k.one}`)),
    h("div", {class: "dossier-head"},
      h("h2", {id: "page-title", "data-testid": "round-heading", "data-id": round.id}, heading),
      statusBadge(round)),
    message ? messageBox(message.kind, message.text, "round-result") : null,
    h("section", {class: "panel round-head", "aria-labelledby": "round-details-title"},
      h("h3", {id: "round-details-title", class: "visually-hidden"}, `Thông tin ${k.one}`),
      h("dl", {class: "details"},
        h("dt", null, "Trích yếu"), h("dd", {"data-testid": "round-title"}, round.title),
        h("dt", null, "Phong trào"), h("dd", null, campaign ? campaign.name : round.campaign_id),
        h("dt", null, `Số ${k.one}`), h("dd", null, round.number || "(chưa có số — cấp khi Chủ tịch ký)"),
        h("dt", null, "Ngày ký"), h("dd", {"data-testid": "round-signed-on"}, round.signed_on ? formatDate(round.signed_on) : "—"),
        h("dt", null, "Người ký"), h("dd", {"data-testid": "round-signed-by"}, person(round.signed_by)),
        h("dt", null, "Người dự thảo"), h("dd", null, person(round.drafted_by)),
        !draft && kind === "submission" ? [h("dt", null, "Quyết định của cấp trên"),
          h("dd", {"data-testid": "round-answers"}, answers.length === 0 ? "Chưa có" :
            answers.map((a, i) => [i ? "; " : "", `số ${a.decision_number} ngày ${formatDate(a.decided_on)}`]))] : null),
      isUnitScoped() ? h("p", {class: "hint"}, `Chỉ hiển thị các hồ sơ của đơn vị ${unitName(store.me.unit_id)}.`) : null),
    h("section", {class: "panel", "aria-labelledby": "lines-title"},
      h("h3", {id: "lines-title"}, listTitle),
      (round.lines || []).length === 0
        ? h("p", {class: "muted", "data-testid": "round-lines-empty"},
          draft ? "Dự thảo chưa có hồ sơ nào." : "Không có hồ sơ nào hiển thị cho bạn.")
        : linesTable(kind, round, {removable: draft && canRemove(), onRemove, notReady}),
      kind === "decision" && (round.lines || []).some((l) => l.prize) ? h("p", {class: "hint"},
        draft ? "Tiền thưởng tạm tính theo mức lương cơ sở hôm nay; khi ký được tính lại theo ngày ký. "
          : "Tiền thưởng = hệ số × mức lương cơ sở ngày ký, làm tròn theo quy định. ",
        "Rê chuột lên số tiền để xem cách tính.") : null),
    documentSection(kind, round),
    draft && canSign() ? signSection(kind, round, reload, notReady) : null,
    draft && canDraft() ? eligibleSection(kind, round, eligible, reload) : null,
    draft && !canDraft() && !canSign() ? h("p", {class: "hint"},
      `Thường trực Hội đồng TĐKT lập dự thảo; Chủ tịch UBND xã ký ${k.one}.`) : null,
    !draft && kind === "submission" && canDraft() ? answerSection(round, reload) : null);
}

// The document of the decision or tờ trình (a draft's says DỰ THẢO), to edit (Word) or print (PDF).
function documentSection(kind, round) {
  const status = h("p", {class: "hint", role: "status", "data-testid": "document-status"});
  const button = (format, text) => h("button", {type: "button", class: "button button-quiet",
    "data-testid": `document-${format}`, onclick: async () => {
      status.textContent = "Đang tạo văn bản…";
      try {
        const name = await downloadFile(
          `/api/v1/${KINDS[kind].path}/${enc(round.id)}/document?format=${format}`, `${round.id}.${format}`);
        status.textContent = `Đã tải ${name}.`;
      } catch (e) {
        status.textContent = errorText(e, "Không tạo được văn bản");
      }
    }}, text);
  return h("section", {class: "panel", "aria-labelledby": "document-title"},
    h("h3", {id: "document-title"}, "Văn bản"),
    h("p", {class: "button-row"}, button("docx", "Tải bản Word (.docx)"), button("pdf", "Tải bản PDF")),
    status);
}

export async function renderRounds(root, kind, id, ctx) {
  if (!canSeeRounds()) {
    replace(root, h("h2", {id: "page-title"}, KINDS[kind].heading),
      messageBox("info", `Vai trò ${role() === "admin" ? "Quản trị" : "này"} không xem ${KINDS[kind].one}.`));
    return;
  }
  if (id) await renderRound(root, kind, id, ctx);
  else await renderRoundList(root, kind, ctx);
}
