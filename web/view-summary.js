// Tổng hợp: counts of the campaign's dossiers per state, award and unit.
import {api, enc} from "./api.js";
import {h, replace, messageBox} from "./dom.js";
import {STATE_ORDER, stateLabel} from "./labels.js";
import {awardName, currentCampaign, isUnitScoped, store, unitName} from "./store.js";

function barTable(title, testid, entries, nameOf, total) {
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return h("section", {class: "panel", "aria-labelledby": `${testid}-title`},
    h("h3", {id: `${testid}-title`}, title),
    entries.length === 0 ? h("p", {class: "muted"}, "Không có số liệu.") :
      h("table", {class: "data bars", "data-testid": testid},
        h("thead", null, h("tr", null, h("th", {scope: "col"}, "Nhóm"), h("th", {scope: "col", class: "num"}, "Số hồ sơ"),
          h("th", {scope: "col", class: "num"}, "Tỷ lệ"), h("th", {scope: "col"}, h("span", {class: "visually-hidden"}, "Biểu đồ")))),
        h("tbody", null, entries.map(([key, n]) => h("tr", {"data-testid": "summary-row", "data-key": key, "data-count": n},
          h("th", {scope: "row"}, nameOf(key)),
          h("td", {class: "num"}, String(n)),
          h("td", {class: "num"}, total ? `${Math.round((n / total) * 100)} %` : "—"),
          h("td", {class: "bar-cell", "aria-hidden": "true"},
            h("span", {class: "bar", style: {width: `${(n / max) * 100}%`}})))))));
}

export async function renderSummary(root, ctx) {
  const campaign = currentCampaign();
  replace(root, h("h2", {id: "page-title"}, "Tổng hợp"));
  if (!campaign) {
    root.appendChild(messageBox("info", "Chưa chọn phong trào thi đua."));
    return;
  }
  root.appendChild(h("p", {class: "loading", role: "status"}, "Đang tải…"));
  const s = await api(`/api/v1/summary?campaign_id=${enc(campaign.id)}`);
  if (!ctx.isCurrent()) return;
  const total = s.total || 0;
  const byState = Object.entries(s.by_state || {}).filter(([, n]) => n > 0).sort((a, b) => {
    const ia = STATE_ORDER.indexOf(a[0]), ib = STATE_ORDER.indexOf(b[0]);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  const byAward = Object.entries(s.by_award || {}).filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || awardName(a[0]).localeCompare(awardName(b[0]), "vi"));
  const byUnit = Object.entries(s.by_unit || {}).filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || unitName(a[0]).localeCompare(unitName(b[0]), "vi"));

  replace(root,
    h("h2", {id: "page-title"}, "Tổng hợp ", h("span", {class: "sub"}, campaign.name)),
    isUnitScoped() ? h("p", {class: "hint"}, `Số liệu của đơn vị ${unitName(store.me.unit_id)}.`) : null,
    h("div", {class: "cards"},
      h("div", {class: "card"}, h("p", {class: "card-label"}, "Tổng số hồ sơ"),
        h("p", {class: "card-value", "data-testid": "summary-total"}, String(total))),
      h("div", {class: `card${s.overdue ? " card-overdue" : ""}`}, h("p", {class: "card-label"}, "Quá hạn"),
        h("p", {class: "card-value", "data-testid": "summary-overdue"}, String(s.overdue || 0)))),
    h("div", {class: "grid-3"},
      barTable("Theo trạng thái", "summary-by-state", byState, stateLabel, total),
      barTable("Theo danh hiệu / hình thức", "summary-by-award", byAward, (k) => awardName(k), total),
      barTable("Theo đơn vị", "summary-by-unit", byUnit, unitName, total)));
}
