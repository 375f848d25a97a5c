// Tổng hợp: counts of the campaign's dossiers per state, award and unit; the structure report
// (số lượng, cơ cấu khen thưởng) and the downloads of the campaign's reports.
import {api, downloadFile, enc} from "./api.js";
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

const NUMBER = new Intl.NumberFormat("vi-VN");

function cellText(value, kind) {
  if (value === null || value === undefined) return "";
  if (kind === "percent") return `${(value * 100).toLocaleString("vi-VN", {maximumFractionDigits: 1})} %`;
  if (kind === "money") return `${NUMBER.format(value)} đ`;
  if (kind === "count") return NUMBER.format(value);
  if (kind === "date") return value.split("-").reverse().join("/");
  return String(value);
}

// One table of a report (GET …/reports/structure?format=json), as the XLSX has it.
function reportTable(table) {
  const numeric = (kind) => kind !== "text";
  const row = (cells, total) => h("tr", total ? {class: "total-row"} : null,
    cells.map((cell, i) => h(i === 0 ? "th" : "td",
      {scope: i === 0 ? "row" : null, class: numeric(table.columns[i].kind) ? "num" : null},
      cellText(cell, table.columns[i].kind))));
  return h("section", {class: "panel report-table", "data-testid": "structure-table", "data-name": table.name},
    h("h3", null, table.title),
    h("table", {class: "data"},
      h("thead", null, h("tr", null, table.columns.map((c) =>
        h("th", {scope: "col", class: numeric(c.kind) ? "num" : null}, c.title)))),
      h("tbody", null, table.rows.map((r) => row(r, false)), table.total ? row(table.total, true) : null)));
}

// The buttons that download the campaign's reports, and what went wrong, if anything.
function reportDownloads(campaign) {
  const status = h("p", {class: "hint", role: "status", "data-testid": "report-status"});
  const button = (kind, format, label) => h("button", {type: "button", class: "button button-quiet",
    "data-testid": `report-${kind}-${format}`, onclick: async () => {
      status.textContent = "Đang tạo báo cáo…";
      try {
        const name = await downloadFile(
          `/api/v1/campaigns/${enc(campaign.id)}/reports/${kind}?format=${format}`, `${kind}.${format}`);
        status.textContent = `Đã tải ${name}.`;
      } catch (e) {
        status.textContent = e.describe ? e.describe("Không tải được báo cáo") : String(e);
      }
    }}, label);
  return h("section", {class: "panel", "aria-labelledby": "report-downloads-title"},
    h("h3", {id: "report-downloads-title"}, "Báo cáo"),
    h("p", {class: "button-row"},
      button("structure", "xlsx", "Số lượng, cơ cấu (Excel)"),
      button("structure", "csv", "Số lượng, cơ cấu (CSV)"),
      button("results", "xlsx", "Kết quả khen thưởng (Excel)"),
      button("results", "csv", "Kết quả khen thưởng (CSV)")),
    status);
}

export async function renderSummary(root, ctx) {
  const campaign = currentCampaign();
  replace(root, h("h2", {id: "page-title"}, "Tổng hợp"));
  if (!campaign) {
    root.appendChild(messageBox("info", "Chưa chọn phong trào thi đua."));
    return;
  }
  root.appendChild(h("p", {class: "loading", role: "status"}, "Đang tải…"));
  const [s, structure] = await Promise.all([
    api(`/api/v1/summary?campaign_id=${enc(campaign.id)}`),
    api(`/api/v1/campaigns/${enc(campaign.id)}/reports/structure?format=json`)]);
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
      barTable("Theo đơn vị", "summary-by-unit", byUnit, unitName, total)),
    h("h2", null, "Số lượng, cơ cấu khen thưởng"),
    reportDownloads(campaign),
    structure.tables.slice(0, 2).map(reportTable));
}
