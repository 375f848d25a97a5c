// Tạo hồ sơ đề nghị: a draft dossier (unit officers for their unit, or the secretariat).
import {api, ApiError, newRequestId} from "./api.js";
import {h, replace, field, messageBox} from "./dom.js";
import {NOMINEE_KIND_LABELS, LEVEL_LABELS} from "./labels.js";
import {canCreateDossier, currentCampaign, isUnitScoped, packInForce, store} from "./store.js";
import {setFlash} from "./view-dossier.js";

export async function renderCreate(root) {
  const campaign = currentCampaign();
  replace(root, h("h2", {id: "page-title"}, "Tạo hồ sơ đề nghị"));
  if (!campaign) {
    root.appendChild(messageBox("info", "Chưa chọn phong trào thi đua."));
    return;
  }
  if (!canCreateDossier()) {
    root.appendChild(messageBox("info", "Chỉ cán bộ đơn vị hoặc Thường trực Hội đồng TĐKT tạo hồ sơ đề nghị."));
    return;
  }
  const pack = packInForce();
  const awards = ((pack && pack.awards) || []).filter((a) =>
    !campaign.allowed_awards || campaign.allowed_awards.length === 0 || campaign.allowed_awards.includes(a.id));

  const units = isUnitScoped()
    ? store.units.filter((u) => u.id === store.me.unit_id)
    : store.units.filter((u) => !u.retired) // a retired unit takes no new draft
      .sort((a, b) => String(a.name).localeCompare(String(b.name), "vi"));
  const unitSelect = h("select", {name: "unit_id", required: true, "data-testid": "create-unit"},
    units.length === 0 && store.me.unit_id ? h("option", {value: store.me.unit_id}, store.me.unit_id) : null,
    units.map((u) => h("option", {value: u.id, selected: u.id === store.me.unit_id}, u.name || u.id)));
  const kindSelect = h("select", {name: "kind", "data-testid": "create-kind"},
    Object.entries(NOMINEE_KIND_LABELS).map(([k, label]) => h("option", {value: k}, label)));
  const name = h("input", {type: "text", name: "name", required: true, "data-testid": "create-name",
    autocomplete: "off"});
  const nomineeId = h("input", {type: "text", name: "nominee_id", "data-testid": "create-nominee-id",
    autocomplete: "off"});
  const directWorker = h("input", {type: "checkbox", name: "direct_worker", id: "create-direct-worker",
    "data-testid": "create-direct-worker"});
  const female = h("input", {type: "checkbox", name: "female", id: "create-female", "data-testid": "create-female"});
  const awardSelect = h("select", {name: "award", required: true, "data-testid": "create-award"});
  const summary = h("textarea", {name: "achievement_summary", rows: 4, "data-testid": "create-summary"});
  const dossierId = h("input", {type: "text", name: "id", "data-testid": "create-id", autocomplete: "off",
    placeholder: "để trống: hệ thống tự đặt"});
  const out = h("div", {"data-testid": "create-error", role: "alert"});
  const submit = h("button", {type: "submit", class: "button", "data-testid": "create-submit"}, "Tạo hồ sơ");

  const femaleWrap = h("div", {class: "check"}, female, h("label", {for: "create-female"}, "Nữ"));
  const workerWrap = h("div", {class: "check"}, directWorker,
    h("label", {for: "create-direct-worker"}, "Người trực tiếp lao động, sản xuất"));

  function refreshAwards() {
    const kind = kindSelect.value;
    const previous = awardSelect.value;
    const fitting = awards.filter((a) => !a.nominee_kinds || a.nominee_kinds.includes(kind));
    replace(awardSelect, fitting.length === 0 ? h("option", {value: ""}, "(không có danh hiệu phù hợp)") :
      fitting.map((a) => h("option", {value: a.id, selected: a.id === previous},
        `${a.name}${a.deciding_level ? ` — ${LEVEL_LABELS[a.deciding_level] || a.deciding_level} quyết định` : ""}`)));
    femaleWrap.hidden = kind !== "individual";
    workerWrap.hidden = kind === "collective";
  }
  kindSelect.addEventListener("change", refreshAwards);
  refreshAwards();

  const form = h("form", {class: "create-form panel", "data-testid": "create-form", novalidate: true},
    h("p", {class: "hint"}, `Phong trào: ${campaign.name}. Hồ sơ được tạo ở trạng thái Dự thảo; đơn vị nộp khi đã đủ thông tin.`),
    field("Đơn vị đề nghị", unitSelect),
    field("Loại đối tượng", kindSelect),
    field("Họ tên / tên tập thể, hộ gia đình", name),
    field("Mã định danh (nên nhập)", nomineeId, "Số định danh cá nhân, mã cán bộ hoặc mã tập thể / hộ. Hệ thống dùng mã này để phát hiện một người được đề nghị hai lần trong cùng đợt; để trống thì lấy mã hồ sơ."),
    h("div", {class: "checks"}, workerWrap, femaleWrap),
    field("Danh hiệu / hình thức khen thưởng", awardSelect),
    field("Tóm tắt thành tích", summary, "Có thể bổ sung trước khi nộp."),
    field("Mã hồ sơ (tuỳ chọn)", dossierId),
    out,
    h("div", {class: "form-actions"}, submit, h("a", {href: "#/", class: "button button-quiet"}, "Hủy")));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const missing = [];
    if (!unitSelect.value) missing.push("đơn vị");
    if (!name.value.trim()) missing.push("tên người / tập thể được đề nghị");
    if (!awardSelect.value) missing.push("danh hiệu / hình thức");
    if (missing.length) {
      replace(out, messageBox("error", `Chưa gửi được: chưa nhập ${missing.join(", ")}.`));
      return;
    }
    const kind = kindSelect.value;
    const body = {
      campaign_id: campaign.id,
      unit_id: unitSelect.value,
      nominee: {kind, name: name.value.trim(),
        direct_worker: kind !== "collective" && directWorker.checked,
        female: kind === "individual" && female.checked},
      award: awardSelect.value,
      request_id: newRequestId(),
    };
    if (nomineeId.value.trim()) body.nominee.id = nomineeId.value.trim();
    if (summary.value.trim()) body.achievement_summary = summary.value.trim();
    if (dossierId.value.trim()) body.id = dossierId.value.trim();
    submit.disabled = true;
    try {
      const created = await api("/api/v1/dossiers", {method: "POST", body});
      setFlash(created.id, "success", `Đã tạo hồ sơ ${created.id} (Dự thảo).`);
      location.hash = `#/dossiers/${encodeURIComponent(created.id)}`;
    } catch (e) {
      submit.disabled = false;
      replace(out, messageBox("error", e instanceof ApiError ? e.describe() : `Không thực hiện được: ${e}`));
    }
  });

  replace(root, h("h2", {id: "page-title"}, "Tạo hồ sơ đề nghị"), form);
  name.focus();
}
