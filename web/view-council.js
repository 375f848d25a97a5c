// Hội đồng xét: council sessions of the campaign, recording a session (secretariat), and a quick
// vote form for each dossier waiting in council_review.
import {api, ApiError, downloadFile, enc, listAll, newRequestId} from "./api.js";
import {h, replace, field, messageBox} from "./dom.js";
import {formatDate, nomineeKindLabel, stateLabel} from "./labels.js";
import {awardName, canRecordSession, currentCampaign, todayLocal, unitName} from "./store.js";

let flash = null;

function sessionLabel(s) {
  return `${formatDate(s.date)} — ${s.present}/${s.members} có mặt (${s.id})`;
}

// The session's documents: the list put to it (danh sách đề nghị) and its minutes (biên bản).
function sessionDocuments(s) {
  const out = h("span", {class: "hint", role: "status"});
  const link = (what, format, text) => h("button", {type: "button", class: "button button-quiet button-small",
    "data-testid": `session-${what}-${format}`, onclick: async () => {
      try {
        const name = await downloadFile(`/api/v1/council-sessions/${enc(s.id)}/${what}?format=${format}`,
          `${s.id}-${what}.${format}`);
        out.textContent = ` Đã tải ${name}.`;
      } catch (e) {
        out.textContent = e instanceof ApiError ? ` ${e.describe("Không tạo được văn bản")}` : ` ${e}`;
      }
    }}, text);
  return h("span", {class: "button-row"},
    link("nomination-list", "docx", "Danh sách đề nghị"), link("minutes", "docx", "Biên bản"),
    link("minutes", "pdf", "Biên bản (PDF)"), out);
}

function sessionsTable(sessions) {
  if (sessions.length === 0) {
    return h("p", {class: "muted", "data-testid": "sessions-empty"}, "Chưa có phiên họp nào.");
  }
  return h("div", {class: "table-scroll"}, h("table", {class: "data", "data-testid": "session-table"},
    h("thead", null, h("tr", null, ["Mã phiên", "Ngày họp", "Số thành viên", "Số có mặt", "Tỷ lệ có mặt",
      "Chủ trì", "Địa điểm", "Số hồ sơ đưa ra xét", "Văn bản"].map((c, i) => h("th", {scope: "col", class: (i >= 2 && i <= 4) || i === 7 ? "num" : null}, c)))),
    h("tbody", null, sessions.map((s) => h("tr", {"data-testid": "session-row", "data-id": s.id},
      h("td", null, s.id),
      h("td", null, formatDate(s.date)),
      h("td", {class: "num"}, String(s.members)),
      h("td", {class: "num"}, String(s.present)),
      h("td", {class: "num"}, s.members ? `${Math.round((s.present / s.members) * 100)} %` : "—"),
      h("td", null, s.chair || "—"),
      h("td", null, s.place || "—"),
      h("td", {class: "num"}, String((s.agenda || []).length)),
      h("td", null, sessionDocuments(s)))))));
}

const COUNCIL_ROLES = [
  ["chu_tich", "Chủ tịch Hội đồng"],
  ["pho_chu_tich", "Phó Chủ tịch Hội đồng"],
  ["uy_vien_thuong_truc", "Ủy viên thường trực"],
  ["uy_vien", "Ủy viên"],
];

// The session as the secretariat records it: the council member by member (name, seat, present),
// who chaired, the place, and the dossiers put to it (the agenda). The roster starts as the last
// session's: a council's members rarely change between sessions.
function sessionForm(campaign, sessions, waiting, onCreated) {
  const date = h("input", {type: "date", name: "date", required: true, value: todayLocal(), "data-testid": "session-date"});
  const place = h("input", {type: "text", name: "place", required: true, "data-testid": "session-place",
    value: (sessions.find((s) => s.place) || {}).place || "Hội trường UBND xã"});
  const id = h("input", {type: "text", name: "id", "data-testid": "session-id", placeholder: "để trống: hệ thống tự đặt"});
  const chair = h("select", {name: "chair", required: true, "data-testid": "session-chair"});
  const rows = h("tbody", {"data-testid": "session-roster"});
  const out = h("div", {"data-testid": "session-error", role: "alert"});
  const quorum = h("p", {class: "hint", "aria-live": "polite"});
  const members = () => [...rows.querySelectorAll("tr")].map((tr) => ({
    name: tr.querySelector("input[type=text]").value.trim(),
    role: tr.querySelector("select").value,
    present: tr.querySelector("input[type=checkbox]").checked,
  }));
  const refresh = () => {
    const list = members().filter((m) => m.name);
    const present = list.filter((m) => m.present);
    const chosen = chair.value;
    replace(chair, present.map((m) => h("option", {value: m.name, selected: m.name === chosen || (!chosen && m.role === "chu_tich")}, m.name)));
    if (list.length > 0) {
      replace(quorum, `Có mặt ${present.length}/${list.length} thành viên (${Math.round((present.length / list.length) * 100)} %). `,
        present.length * 3 >= list.length * 2 ? "Đạt tỷ lệ 2/3 thường áp dụng."
          : "Chưa đạt tỷ lệ 2/3 thường áp dụng — phiên họp có thể không đủ điều kiện biểu quyết.");
    } else {
      replace(quorum);
    }
  };
  const addMember = (m = {name: "", role: "uy_vien", present: true}) => {
    const tr = h("tr", {"data-testid": "roster-row"},
      h("td", null, h("input", {type: "text", value: m.name, "aria-label": "Họ tên thành viên", oninput: refresh})),
      h("td", null, h("select", {"aria-label": "Chức danh trong Hội đồng", onchange: refresh},
        COUNCIL_ROLES.map(([value, label]) => h("option", {value, selected: value === m.role}, label)))),
      h("td", {class: "num"}, h("input", {type: "checkbox", checked: m.present !== false, "aria-label": "Có mặt", onchange: refresh})),
      h("td", null, h("button", {type: "button", class: "button button-quiet button-small",
        onclick: () => { tr.remove(); refresh(); }}, "Bỏ")));
    rows.appendChild(tr);
  };
  const last = sessions.find((s) => Array.isArray(s.roster) && s.roster.length > 0);
  (last ? last.roster : [{name: "", role: "chu_tich", present: true}]).forEach((m) => addMember(m));
  const agenda = waiting.map((d) => h("label", {class: "check"},
    h("input", {type: "checkbox", value: d.id, checked: true, "data-testid": "session-agenda"}),
    ` ${(d.nominee && d.nominee.name) || d.id} — ${awardName(d.award, d.rule_pack)} (${d.id})`));
  const submit = h("button", {type: "submit", class: "button", "data-testid": "session-submit"}, "Ghi phiên họp");
  const form = h("form", {class: "session-form", "data-testid": "session-form", novalidate: true},
    h("div", {class: "inline-form"}, field("Ngày họp", date), field("Địa điểm", place), field("Mã phiên (tuỳ chọn)", id)),
    h("table", {class: "data roster"},
      h("thead", null, h("tr", null, ["Họ tên", "Chức danh trong Hội đồng", "Có mặt", ""].map((c) => h("th", {scope: "col"}, c)))),
      rows),
    h("p", null, h("button", {type: "button", class: "button button-quiet", onclick: () => { addMember(); refresh(); }},
      "Thêm thành viên")),
    field("Chủ trì", chair),
    agenda.length ? h("fieldset", null, h("legend", null, "Chương trình họp: hồ sơ đưa ra Hội đồng xét"), agenda) : null,
    quorum, submit, out);
  refresh();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const list = members();
    if (!date.value || !place.value.trim() || list.length === 0 || list.some((m) => !m.name) || !chair.value) {
      replace(out, messageBox("error", "Chưa gửi được: nhập ngày họp, địa điểm, họ tên từng thành viên và người chủ trì."));
      return;
    }
    const body = {campaign_id: campaign.id, date: date.value, place: place.value.trim(), chair: chair.value,
      members: list, agenda: [...form.querySelectorAll("[data-testid=session-agenda]:checked")].map((c) => c.value)};
    if (id.value.trim()) body.id = id.value.trim();
    submit.disabled = true;
    try {
      const created = await api("/api/v1/council-sessions", {method: "POST", body});
      replace(out, messageBox("success", `Đã ghi phiên họp ${created.id} ngày ${formatDate(created.date)}.`));
      await onCreated(created);
    } catch (e) {
      replace(out, messageBox("error", e instanceof ApiError ? e.describe() : `Không thực hiện được: ${e}`));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function voteRow(d, sessions, canVote) {
  const row = h("tr", {"data-testid": "vote-row", "data-id": d.id, "data-state": d.state});
  const cells = [
    h("td", null, h("a", {href: `#/dossiers/${encodeURIComponent(d.id)}`}, d.id)),
    h("td", null, (d.nominee && d.nominee.name) || "—",
      d.nominee && d.nominee.kind ? h("span", {class: "sub"}, nomineeKindLabel(d.nominee.kind)) : null),
    h("td", null, unitName(d.unit_id)),
    h("td", null, awardName(d.award, d.rule_pack)),
  ];
  if (!canVote) {
    append(row, cells, h("td", null, stateLabel(d.state)));
    return row;
  }
  const sessionSelect = h("select", {name: "session", "data-testid": "vote-session", "aria-label": `Phiên họp cho hồ sơ ${d.id}`},
    sessions.map((s, i) => h("option", {value: s.id, selected: i === 0}, sessionLabel(s))));
  const yes = h("input", {type: "number", min: 0, step: 1, name: "yes", class: "narrow", "data-testid": "vote-yes",
    "aria-label": `Số phiếu tán thành, hồ sơ ${d.id}`});
  const no = h("input", {type: "number", min: 0, step: 1, name: "no", class: "narrow", "data-testid": "vote-no",
    "aria-label": `Số phiếu không tán thành, hồ sơ ${d.id}`});
  const submit = h("button", {type: "submit", class: "button", "data-testid": "vote-submit"}, "Ghi kết quả");
  const out = h("div", {class: "vote-out", "data-testid": "vote-result", "aria-live": "polite"});
  const form = h("form", {class: "vote-form", novalidate: true},
    sessionSelect, h("span", null, "Tán thành"), yes, h("span", null, "Không"), no, submit);
  let version = d.version;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const session = sessions.find((s) => s.id === sessionSelect.value);
    if (!session || !/^\d+$/.test(yes.value.trim()) || !/^\d+$/.test(no.value.trim())) {
      replace(out, messageBox("error", "Chưa gửi được: chọn phiên họp và nhập số phiếu tán thành / không tán thành."));
      return;
    }
    submit.disabled = true;
    try {
      const result = await api(`/api/v1/dossiers/${enc(d.id)}/events`, {method: "POST", body: {
        type: "council_vote",
        payload: {session: session.id, yes: Number(yes.value), no: Number(no.value)},
        request_id: newRequestId(),
        expected_version: version,
      }});
      const after = result.dossier;
      version = after.version;
      row.dataset.state = after.state;
      replace(out, messageBox("success", `Đã ghi: hồ sơ chuyển sang “${stateLabel(after.state)}”.`));
      form.replaceWith(h("span", {class: `state state-${after.state}`}, stateLabel(after.state)));
    } catch (e) {
      submit.disabled = false;
      replace(out, messageBox("error", e instanceof ApiError ? e.describe() : `Không thực hiện được: ${e}`));
    }
  });
  append(row, cells, h("td", null, form, out));
  return row;
}

function append(parent, ...children) {
  for (const c of children.flat()) if (c) parent.appendChild(c);
}

export async function renderCouncil(root, ctx) {
  const campaign = currentCampaign();
  replace(root, h("h2", {id: "page-title"}, "Hội đồng xét"));
  if (!campaign) {
    root.appendChild(messageBox("info", "Chưa chọn phong trào thi đua."));
    return;
  }
  root.appendChild(h("p", {class: "loading", role: "status"}, "Đang tải…"));
  const [sessionsData, waiting] = await Promise.all([
    api(`/api/v1/council-sessions?campaign_id=${enc(campaign.id)}`),
    listAll("/api/v1/dossiers", {campaign_id: campaign.id, state: "council_review", limit: 200})
      .catch((e) => ({error: e})),
  ]);
  if (!ctx.isCurrent()) return;
  const sessions = [...((sessionsData && sessionsData.items) || [])].sort((a, b) =>
    String(b.date).localeCompare(String(a.date)) || String(b.id).localeCompare(String(a.id)));
  const secretariat = canRecordSession();

  const votes = h("section", {class: "panel", "aria-labelledby": "votes-title"},
    h("h3", {id: "votes-title"}, "Hồ sơ chờ Hội đồng xét"));
  if (waiting.error) {
    const e = waiting.error;
    votes.appendChild(messageBox("error", e instanceof ApiError ? e.describe("Không tải được hồ sơ") : String(e)));
  } else if (waiting.length === 0) {
    votes.appendChild(h("p", {class: "muted", "data-testid": "votes-empty"}, "Không có hồ sơ nào đang chờ Hội đồng xét."));
  } else {
    if (secretariat && sessions.length === 0) {
      votes.appendChild(messageBox("info", "Cần ghi phiên họp trước khi ghi kết quả bỏ phiếu."));
    }
    const canVote = secretariat && sessions.length > 0;
    votes.appendChild(h("div", {class: "table-scroll"}, h("table", {class: "data", "data-testid": "vote-table"},
      h("thead", null, h("tr", null, ["Mã hồ sơ", "Người / tập thể được đề nghị", "Đơn vị", "Danh hiệu / hình thức",
        canVote ? "Kết quả bỏ phiếu" : "Trạng thái"].map((c) => h("th", {scope: "col"}, c)))),
      h("tbody", null, [...waiting].sort((a, b) => String(a.id).localeCompare(String(b.id)))
        .map((d) => voteRow(d, sessions, canVote))))));
  }

  const message = flash;
  flash = null;
  replace(root,
    h("h2", {id: "page-title"}, "Hội đồng xét"),
    message ? messageBox("success", message, "session-result") : null,
    h("section", {class: "panel", "aria-labelledby": "sessions-title"},
      h("h3", {id: "sessions-title"}, "Các phiên họp Hội đồng TĐKT"),
      sessionsTable(sessions),
      secretariat ? h("details", {class: "record-session", open: sessions.length === 0 ? true : null},
        h("summary", null, "Ghi phiên họp mới"),
        sessionForm(campaign, sessions, waiting.error ? [] : waiting, async (created) => {
          flash = `Đã ghi phiên họp ${created.id} ngày ${formatDate(created.date)}.`;
          await renderCouncil(root, ctx);
        })) : h("p", {class: "hint"}, "Chỉ Thường trực Hội đồng TĐKT ghi phiên họp và kết quả bỏ phiếu.")),
    votes);
}
