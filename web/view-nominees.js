// Đối tượng: search the nominee register by name (without diacritics if need be), and a
// nominee's "Lịch sử khen thưởng": every dossier and award across campaigns, with the decision
// number and date and the số sổ vàng. Reached from every dossier's page (its nominee).
import {api, enc} from "./api.js";
import {h, replace, messageBox, field} from "./dom.js";
import {formatDate, formatVnd, nomineeKindLabel, stateLabel} from "./labels.js";
import {unitName} from "./store.js";

const GENDER_LABELS = {male: "Nam", female: "Nữ"};
const COLLECTIVE_LABELS = {village: "Thôn", school: "Trường học", team: "Tổ, đội", association: "Hội, đoàn thể"};

function dl(rows) {
  return h("dl", {class: "details"}, rows.filter(Boolean).map(([term, value, testid]) => [
    h("dt", null, term),
    h("dd", {"data-testid": testid}, value === undefined || value === null || value === "" ? "—" : value),
  ]));
}

function nomineeDetails(n) {
  return dl([
    [n.kind === "household" ? "Chủ hộ" : "Họ tên / tên", n.name, "nominee-name"],
    ["Loại", nomineeKindLabel(n.kind), "nominee-kind"],
    ["Mã đối tượng", n.id, "nominee-id"],
    [n.kind === "household" ? "Thôn" : n.kind === "collective" ? "Đơn vị cấp trên" : "Đơn vị",
      unitName(n.unit_id), "nominee-unit"],
    n.kind === "individual" ? ["Giới tính", GENDER_LABELS[n.gender] || "—"] : null,
    n.kind === "individual" ? ["Ngày sinh", n.date_of_birth ? formatDate(n.date_of_birth) : "chưa có"] : null,
    n.kind === "individual" ? ["Chức vụ", n.position] : null,
    n.kind === "collective" ? ["Loại tập thể", COLLECTIVE_LABELS[n.collective_kind] || n.collective_kind] : null,
    n.kind !== "collective" ? ["Trực tiếp lao động, sản xuất", n.direct_worker ? "Có" : "Không"] : null,
    // Present only for the secretariat and the auditor (Nghị định 13/2023/NĐ-CP).
    "citizen_id" in n ? ["Số định danh cá nhân", n.citizen_id, "nominee-citizen-id"] : null,
  ]);
}

export async function renderNomineeHistory(root, id, ctx) {
  const history = await api(`/api/v1/nominees/${enc(id)}/history`);
  if (!ctx.isCurrent()) return;
  const n = history.nominee;
  const approved = history.items.filter((e) => e.register_number !== null).length;
  replace(root,
    h("h2", null, "Lịch sử khen thưởng", h("span", {class: "title-nominee"}, ` — ${n.name}`)),
    h("section", {class: "panel", "aria-labelledby": "nominee-title"},
      h("h3", {id: "nominee-title"}, "Đối tượng"), nomineeDetails(n)),
    h("section", {class: "panel", "aria-labelledby": "history-title"},
      h("h3", {id: "history-title"}, `Các hồ sơ đề nghị (${history.items.length}; đã khen thưởng: ${approved})`),
      history.items.length === 0 ? h("p", {class: "muted", "data-testid": "history-empty"}, "Chưa có hồ sơ nào.") :
        h("table", {class: "data", "data-testid": "history-table"},
          h("thead", null, h("tr", null,
            ["Phong trào", "Danh hiệu / hình thức", "Hồ sơ", "Trạng thái", "Quyết định", "Ngày vào sổ",
              "Số sổ vàng", "Tiền thưởng"].map((t) => h("th", {scope: "col"}, t)))),
          h("tbody", null, history.items.map((e) => h("tr", {"data-testid": "history-row", "data-dossier": e.dossier_id},
            h("td", null, e.campaign_name || e.campaign_id,
              e.nomination_cutoff ? h("span", {class: "sub"}, ` (hạn đề nghị ${formatDate(e.nomination_cutoff)})`) : null),
            h("td", null, e.award_name || e.award),
            h("td", null, h("a", {href: `#/dossiers/${enc(e.dossier_id)}`}, e.dossier_id)),
            h("td", {"data-testid": "history-state"}, stateLabel(e.state)),
            h("td", {"data-testid": "history-decision"},
              e.decision_number || (e.higher_decision_number ? `${e.higher_decision_number} (cấp trên)` : "—")),
            h("td", null, e.decision_date ? formatDate(e.decision_date) : "—"),
            h("td", {class: "num", "data-testid": "history-register-number"},
              e.register_number !== null ? String(e.register_number) : "—"),
            h("td", {class: "num"}, e.prize_vnd !== null ? formatVnd(e.prize_vnd) : "—")))))));
}

export async function renderNomineeSearch(root, ctx) {
  const input = h("input", {type: "search", name: "q", autocomplete: "off", "data-testid": "nominee-search-input",
    placeholder: "vd. lo van chuong"});
  const results = h("div", {"data-testid": "nominee-search-results"});
  let page = 1;
  async function search() {
    const q = input.value.trim();
    const params = new URLSearchParams({page: String(page), page_size: "20"});
    if (q) params.set("q", q);
    try {
      const answer = await api(`/api/v1/nominees?${params}`);
      if (!ctx.isCurrent()) return;
      const pages = Math.max(1, Math.ceil(answer.total / answer.page_size));
      replace(results,
        h("p", {class: "muted", "data-testid": "nominee-search-total"}, `${answer.total} đối tượng`),
        answer.items.length === 0 ? null : h("table", {class: "data"},
          h("thead", null, h("tr", null, ["Họ tên / tên", "Loại", "Đơn vị", "Ngày sinh"].map((t) => h("th", {scope: "col"}, t)))),
          h("tbody", null, answer.items.map((n) => h("tr", {"data-testid": "nominee-row", "data-id": n.id},
            h("td", null, h("a", {href: `#/nominees/${enc(n.id)}`}, n.name)),
            h("td", null, nomineeKindLabel(n.kind)),
            h("td", null, unitName(n.unit_id)),
            h("td", null, n.date_of_birth ? formatDate(n.date_of_birth) : "—"))))),
        pages > 1 ? h("p", {class: "pager"},
          h("button", {type: "button", disabled: page <= 1, onclick: () => { page -= 1; search(); }}, "‹ Trang trước"),
          ` Trang ${page}/${pages} `,
          h("button", {type: "button", disabled: page >= pages, onclick: () => { page += 1; search(); }}, "Trang sau ›")) : null);
    } catch (e) {
      replace(results, messageBox("error", e.describe ? e.describe("Không tìm được") : String(e)));
    }
  }
  const form = h("form", {role: "search", onsubmit: (ev) => { ev.preventDefault(); page = 1; search(); }},
    field("Tên (có hoặc không dấu)", input),
    h("button", {type: "submit", class: "primary"}, "Tìm"));
  replace(root, h("h2", null, "Đối tượng khen thưởng"), h("section", {class: "panel"}, form), results);
  await search();
}
