// Danh sách hồ sơ: every dossier of the campaign, overdue first, then by the nearest deadline.
import {listAll} from "./api.js";
import {h, replace, field, messageBox} from "./dom.js";
import {
  DUE_LABELS, PROVISIONAL_LABEL, STATE_ORDER, deadlineLabel, deadlineStatus, formatDateTime,
  isProvisionalDeadline, nextDeadlineKind, nomineeKindLabel, parseTime, provisionalBadge, stateLabel,
  TRANSFER_LABEL, transferBadge,
} from "./labels.js";
import {awardName, currentCampaign, nowMs, role, unitName} from "./store.js";

// Filters survive moving to a dossier and back.
const filters = {state: "", unit: "", group: "", text: "", due: ""};

export function compareDossiers(a, b) {
  if (Boolean(a.overdue) !== Boolean(b.overdue)) return a.overdue ? -1 : 1;
  const ta = parseTime(a.next_deadline_at);
  const tb = parseTime(b.next_deadline_at);
  if (ta !== tb) {
    if (ta === null) return 1;
    if (tb === null) return -1;
    return ta - tb;
  }
  return String(a.id).localeCompare(String(b.id));
}

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) || 0) + 1);
  return counts;
}

function deadlineCell(d, status) {
  if (!d.next_deadline_at) return h("td", {class: "col-deadline"}, h("span", {class: "muted"}, "—"));
  const kind = nextDeadlineKind(d);
  return h("td", {class: "col-deadline"},
    h("time", {datetime: d.next_deadline_at, "data-testid": "dossier-deadline"},
      formatDateTime(d.next_deadline_at)),
    kind ? h("span", {class: "sub"}, deadlineLabel(kind)) : null,
    status ? h("span", {class: `badge badge-${status}`}, DUE_LABELS[status]) : null,
    isProvisionalDeadline(d, kind) ?
      h("span", provisionalBadge("dossier-deadline-provisional"), PROVISIONAL_LABEL) : null);
}

function dossierRow(d, now) {
  const status = deadlineStatus(d, now);
  const href = `#/dossiers/${encodeURIComponent(d.id)}`;
  const nominee = d.nominee || {};
  const row = h("tr", {
    class: `dossier-row${status ? ` row-${status}` : ""}`,
    "data-testid": "dossier-row",
    "data-id": d.id,
    "data-state": d.state,
    "data-overdue": d.overdue ? "true" : "false",
    "data-due": status || "none",
    "data-needs-transfer": d.needs_transfer ? "true" : "false",
  },
  h("td", {class: "col-id"}, h("a", {href, "data-testid": "dossier-link"}, d.id)),
  h("td", null, nominee.name || "—",
    nominee.kind ? h("span", {class: "sub"}, nomineeKindLabel(nominee.kind)) : null),
  h("td", null, unitName(d.unit_id)),
  h("td", null, awardName(d.award, d.rule_pack)),
  h("td", null, h("span", {class: `state state-${d.state}`}, stateLabel(d.state)),
    d.needs_transfer ? h("span", transferBadge("dossier-needs-transfer"), TRANSFER_LABEL) : null),
  deadlineCell(d, status));
  row.addEventListener("click", (event) => {
    if (event.target.closest("a")) return;
    location.hash = href;
  });
  return row;
}

const HEAD = ["Mã hồ sơ", "Người / tập thể được đề nghị", "Đơn vị", "Danh hiệu / hình thức",
  "Trạng thái", "Hạn tiếp theo"];

function table(groups, now) {
  const t = h("table", {class: "data dossier-table", "data-testid": "dossier-table"},
    h("caption", {class: "visually-hidden"}, "Danh sách hồ sơ đề nghị khen thưởng"),
    h("thead", null, h("tr", null, HEAD.map((c) => h("th", {scope: "col"}, c)))));
  for (const group of groups) {
    const body = h("tbody", {"data-group": group.key});
    if (group.title !== null) {
      body.appendChild(h("tr", {class: "group-row"},
        h("th", {colspan: HEAD.length, scope: "rowgroup"},
          group.title, h("span", {class: "count"}, ` (${group.items.length})`))));
    }
    for (const d of group.items) body.appendChild(dossierRow(d, now));
    t.appendChild(body);
  }
  return t;
}

function group(items) {
  const sorted = [...items].sort(compareDossiers);
  if (filters.group === "state") {
    const by = new Map();
    for (const d of sorted) (by.get(d.state) || by.set(d.state, []).get(d.state)).push(d);
    const keys = [...by.keys()].sort((a, b) => {
      const ia = STATE_ORDER.indexOf(a), ib = STATE_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
    return keys.map((k) => ({key: k, title: stateLabel(k), items: by.get(k)}));
  }
  if (filters.group === "unit") {
    const by = new Map();
    for (const d of sorted) (by.get(d.unit_id) || by.set(d.unit_id, []).get(d.unit_id)).push(d);
    const keys = [...by.keys()].sort((a, b) => unitName(a).localeCompare(unitName(b), "vi"));
    return keys.map((k) => ({key: k, title: unitName(k), items: by.get(k)}));
  }
  return [{key: "all", title: null, items: sorted}];
}

export async function renderList(root, ctx) {
  const campaign = currentCampaign();
  replace(root, h("h2", {id: "page-title"}, "Danh sách hồ sơ"));
  if (!campaign) {
    root.appendChild(messageBox("info", "Chưa có phong trào thi đua nào. Quản trị viên hoặc Thường trực cần tạo phong trào trước."));
    return;
  }
  if (role() === "admin") {
    root.appendChild(messageBox("info", "Vai trò Quản trị cấu hình phong trào, đơn vị và người dùng; không xem hồ sơ đề nghị."));
    return;
  }
  root.appendChild(h("p", {class: "loading", role: "status"}, "Đang tải danh sách hồ sơ…"));
  const dossiers = await listAll("/api/v1/dossiers", {campaign_id: campaign.id, limit: 200});
  if (!ctx.isCurrent()) return;
  const now = nowMs();

  const stateCounts = countBy(dossiers, (d) => d.state);
  const unitCounts = countBy(dossiers, (d) => d.unit_id);
  const stateSelect = h("select", {"data-testid": "filter-state"},
    h("option", {value: ""}, `Tất cả trạng thái (${dossiers.length})`),
    STATE_ORDER.filter((s) => stateCounts.has(s)).concat(
      [...stateCounts.keys()].filter((s) => !STATE_ORDER.includes(s)))
      .map((s) => h("option", {value: s, selected: s === filters.state},
        `${stateLabel(s)} (${stateCounts.get(s)})`)));
  const unitSelect = h("select", {"data-testid": "filter-unit"},
    h("option", {value: ""}, "Tất cả đơn vị"),
    [...unitCounts.keys()].sort((a, b) => unitName(a).localeCompare(unitName(b), "vi"))
      .map((u) => h("option", {value: u, selected: u === filters.unit},
        `${unitName(u)} (${unitCounts.get(u)})`)));
  const dueSelect = h("select", {"data-testid": "filter-due"},
    h("option", {value: ""}, "Tất cả"),
    h("option", {value: "overdue", selected: filters.due === "overdue"}, "Chỉ hồ sơ quá hạn"),
    h("option", {value: "attention", selected: filters.due === "attention"}, "Quá hạn hoặc sắp đến hạn"),
    h("option", {value: "transfer", selected: filters.due === "transfer"}, "Cần chuyển giao"));
  const groupSelect = h("select", {"data-testid": "group-by"},
    h("option", {value: ""}, "Không nhóm"),
    h("option", {value: "state", selected: filters.group === "state"}, "Theo trạng thái"),
    h("option", {value: "unit", selected: filters.group === "unit"}, "Theo đơn vị"));
  const textInput = h("input", {type: "search", "data-testid": "filter-text", value: filters.text,
    placeholder: "Mã hồ sơ, tên…"});

  const overdueCount = dossiers.filter((d) => d.overdue).length;
  const soonCount = dossiers.filter((d) => deadlineStatus(d, now) === "soon").length;
  const transferCount = dossiers.filter((d) => d.needs_transfer).length;
  const counts = h("p", {class: "counts", "data-testid": "list-counts"});
  const tableHolder = h("div", {class: "table-scroll"});

  function refresh() {
    const text = filters.text.trim().toLocaleLowerCase("vi");
    const shown = dossiers.filter((d) => {
      if (filters.state && d.state !== filters.state) return false;
      if (filters.unit && d.unit_id !== filters.unit) return false;
      const due = deadlineStatus(d, now);
      if (filters.due === "overdue" && due !== "overdue") return false;
      if (filters.due === "attention" && !due) return false;
      if (filters.due === "transfer" && !d.needs_transfer) return false;
      if (text) {
        const hay = `${d.id} ${(d.nominee && d.nominee.name) || ""}`.toLocaleLowerCase("vi");
        if (!hay.includes(text)) return false;
      }
      return true;
    });
    replace(counts,
      `Hiển thị ${shown.length} / ${dossiers.length} hồ sơ · `,
      h("span", {class: "count-overdue", "data-testid": "count-overdue"}, `${overdueCount} quá hạn`),
      " · ",
      h("span", {class: "count-soon", "data-testid": "count-soon"}, `${soonCount} sắp đến hạn (trong 3 ngày)`),
      transferCount > 0 ? " · " : null,
      transferCount > 0 ? h("span", {class: "count-transfer", "data-testid": "count-transfer"},
        `${transferCount} cần chuyển giao`) : null);
    if (dossiers.length === 0) {
      replace(tableHolder, messageBox("info", "Phong trào này chưa có hồ sơ nào.", "list-empty"));
    } else if (shown.length === 0) {
      replace(tableHolder, messageBox("info", "Không có hồ sơ nào khớp bộ lọc.", "list-empty"));
    } else {
      replace(tableHolder, table(group(shown), now));
    }
  }

  const bind = (el, key, evt = "change") => el.addEventListener(evt, () => {
    filters[key] = el.value;
    refresh();
  });
  bind(stateSelect, "state");
  bind(unitSelect, "unit");
  bind(dueSelect, "due");
  bind(groupSelect, "group");
  bind(textInput, "text", "input");

  replace(root,
    h("h2", {id: "page-title"}, "Danh sách hồ sơ"),
    h("form", {class: "toolbar", role: "search", "aria-label": "Lọc hồ sơ", onsubmit: (e) => e.preventDefault()},
      field("Trạng thái", stateSelect),
      field("Đơn vị", unitSelect),
      field("Hạn", dueSelect),
      field("Nhóm", groupSelect),
      field("Tìm", textInput)),
    counts,
    h("p", {class: "legend"},
      h("span", {class: "legend-item legend-overdue"}, "Quá hạn"),
      h("span", {class: "legend-item legend-soon"}, "Hạn trong 3 ngày tới"),
      " — tính theo giờ hệ thống ", formatDateTime(now), " (+07)."),
    tableHolder);
  refresh();
}
