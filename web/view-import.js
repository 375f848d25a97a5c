// Nhập danh sách: a unit's nomination list from an XLSX or CSV file (the unit's officer for their
// unit, or the secretariat for any unit). The template comes from the API; the answer is either
// the drafts created, or every problem of the file by row and column (nothing created).
import {ApiError, downloadFile, enc, uploadFile} from "./api.js";
import {h, replace, field, messageBox} from "./dom.js";
import {canCreateDossier, currentCampaign, isUnitScoped, store, awardName} from "./store.js";
import {NOMINEE_KIND_LABELS} from "./labels.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function errorTable(errors) {
  return h("div", {class: "table-scroll"},
    h("table", {class: "data import-errors", "data-testid": "import-errors"},
      h("thead", null, h("tr", null,
        h("th", {scope: "col"}, "Dòng"), h("th", {scope: "col"}, "Cột"),
        h("th", {scope: "col"}, "Tiêu đề cột"), h("th", {scope: "col"}, "Lỗi"))),
      h("tbody", null, errors.map((e) => h("tr", {"data-testid": "import-error",
        "data-row": e.row, "data-column": e.column},
      h("td", null, e.row > 0 ? String(e.row) : "—"),
      h("td", null, e.column || "—"),
      h("td", null, e.header || ""),
      h("td", null, e.message))))));
}

function createdTable(result) {
  return h("div", {class: "table-scroll"},
    h("table", {class: "data", "data-testid": "import-created"},
      h("thead", null, h("tr", null,
        h("th", {scope: "col"}, "Dòng"), h("th", {scope: "col"}, "Hồ sơ"),
        h("th", {scope: "col"}, "Đối tượng"), h("th", {scope: "col"}, "Hình thức khen thưởng"))),
      h("tbody", null, result.dossiers.map(({row, dossier}) => h("tr", null,
        h("td", null, String(row)),
        h("td", null, h("a", {href: `#/dossiers/${enc(dossier.id)}`, "data-testid": "import-dossier-link"},
          dossier.id)),
        h("td", null, `${dossier.nominee.name} (${NOMINEE_KIND_LABELS[dossier.nominee.kind] || dossier.nominee.kind})`),
        h("td", null, awardName(dossier.award, dossier.rule_pack)))))));
}

export async function renderImport(root) {
  const campaign = currentCampaign();
  const title = h("h2", {id: "page-title"}, "Nhập danh sách đề nghị khen thưởng");
  replace(root, title);
  if (!campaign) {
    root.appendChild(messageBox("info", "Chưa chọn phong trào thi đua."));
    return;
  }
  if (!canCreateDossier()) {
    root.appendChild(messageBox("info",
      "Chỉ cán bộ đơn vị (cho đơn vị mình) hoặc Thường trực Hội đồng TĐKT nhập danh sách đề nghị."));
    return;
  }
  const base = `/api/v1/campaigns/${enc(campaign.id)}/imports`;
  const out = h("div", {"data-testid": "import-result", "aria-live": "polite"});
  const download = (format) => async () => {
    try {
      await downloadFile(`${base}/template?format=${format}`, `mau-danh-sach.${format}`);
    } catch (e) {
      replace(out, messageBox("error", e instanceof ApiError ? e.describe("Không tải được mẫu") : String(e)));
    }
  };
  const units = isUnitScoped()
    ? store.units.filter((u) => u.id === store.me.unit_id)
    : store.units.filter((u) => !u.retired)
      .sort((a, b) => String(a.name).localeCompare(String(b.name), "vi"));
  const unitSelect = h("select", {name: "unit_id", required: true, "data-testid": "import-unit",
    disabled: isUnitScoped()},
  units.length === 0 && store.me.unit_id ? h("option", {value: store.me.unit_id}, store.me.unit_id) : null,
  units.map((u) => h("option", {value: u.id, selected: u.id === store.me.unit_id}, u.name || u.id)));
  const file = h("input", {type: "file", name: "file", accept: ".xlsx,.csv", required: true,
    "data-testid": "import-file"});
  const submit = h("button", {type: "submit", class: "button", "data-testid": "import-submit"},
    "Nhập danh sách");

  const form = h("form", {class: "create-form panel", "data-testid": "import-form", novalidate: true},
    h("p", {class: "hint"},
      `Phong trào: ${campaign.name}. Mỗi đối tượng một dòng theo mẫu; tệp Excel (.xlsx) hoặc CSV (UTF-8). `,
      "Mỗi dòng được kiểm tra; nếu có dòng sai thì không nhập dòng nào, và mọi lỗi được liệt kê theo dòng, cột. ",
      "Các dòng đúng trở thành hồ sơ Dự thảo của đơn vị. Gửi lại cùng một tệp không tạo thêm hồ sơ."),
    h("div", {class: "form-actions"},
      h("button", {type: "button", class: "button button-quiet", "data-testid": "import-template-xlsx",
        onclick: download("xlsx")}, "Tải mẫu Excel (.xlsx)"),
      h("button", {type: "button", class: "button button-quiet", "data-testid": "import-template-csv",
        onclick: download("csv")}, "Tải mẫu CSV")),
    field("Đơn vị đề nghị", unitSelect),
    field("Tệp danh sách", file, "Tệp .xlsx (trang tính đầu tiên) hoặc .csv; không gộp ô, không dùng công thức."),
    h("div", {class: "form-actions"}, submit));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = file.files && file.files[0];
    if (!chosen) {
      replace(out, messageBox("error", "Chưa chọn tệp danh sách."));
      return;
    }
    const lower = chosen.name.toLowerCase();
    const type = lower.endsWith(".xlsx") ? XLSX_TYPE : lower.endsWith(".csv") ? "text/csv" : "";
    if (!type) {
      replace(out, messageBox("error", `Tệp “${chosen.name}” không phải .xlsx hoặc .csv.`));
      return;
    }
    submit.disabled = true;
    replace(out, h("p", {class: "loading", role: "status"}, "Đang nhập…"));
    try {
      const query = isUnitScoped() ? "" : `?unit_id=${enc(unitSelect.value)}`;
      const result = await uploadFile(`${base}${query}`, chosen, type);
      replace(out,
        messageBox("success", result.replayed
          ? `Tệp này đã được nhập trước đây: không tạo thêm hồ sơ (${result.created} hồ sơ của lần nhập trước).`
          : `Đã nhập ${result.created} hồ sơ (Dự thảo) từ “${chosen.name}”.`, "import-success"),
        createdTable(result));
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) {
        replace(out, messageBox("error", e.detail, "import-failed"), errorTable(e.errors));
      } else {
        replace(out, messageBox("error", e instanceof ApiError ? e.describe("Không nhập được") : String(e),
          "import-failed"));
      }
    } finally {
      submit.disabled = false;
    }
  });
  replace(root, title, form, out);
}
