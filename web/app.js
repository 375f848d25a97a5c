// tdkt dashboard: log-in, header, campaign picker and the hash router.
import {api, ApiError, clearToken, getToken, setToken, setUnauthorizedHandler} from "./api.js";
import {h, replace, messageBox} from "./dom.js";
import {formatDateTime, roleLabel} from "./labels.js";
import {
  canCreateDossier, currentCampaign, loadSession, refreshClock, resetStore, setCampaign, store,
  unitName,
} from "./store.js";
import {renderList} from "./view-list.js";
import {renderDossier} from "./view-dossier.js";
import {renderCouncil} from "./view-council.js";
import {renderSummary} from "./view-summary.js";
import {renderCreate} from "./view-create.js";
import {renderAdmin} from "./view-admin.js";
import {renderRounds} from "./view-rounds.js";
import {renderImport} from "./view-import.js";
import {renderNomineeHistory, renderNomineeSearch} from "./view-nominees.js";

const $ = (id) => document.getElementById(id);

let loggedIn = false;
let routeSerial = 0;

function showLogin(message, kind = "error") {
  loggedIn = false;
  $("header-side").hidden = true;
  $("app-nav").hidden = true;
  $("page").hidden = true;
  replace($("page"));
  replace($("campaign-name"));
  $("login-view").hidden = false;
  replace($("login-message"), message ? messageBox(kind, message) : null);
  const input = $("token-input");
  input.value = "";
  input.focus();
  document.title = "Đăng nhập – Thi đua – Khen thưởng xã";
}

function renderHeader() {
  const me = store.me || {};
  const unit = me.unit_id ? ` · ${unitName(me.unit_id)}` : "";
  replace($("who"),
    h("span", {class: "who-name", "data-testid": "current-user-name"}, me.name || me.id || "—"),
    h("span", {class: "who-role", "data-testid": "current-user-role", "data-role": me.role || ""},
      ` · ${roleLabel(me.role)}`),
    h("span", {class: "who-unit", "data-testid": "current-user-unit"}, unit));
  renderClock();

  const select = $("campaign-select");
  replace(select, store.campaigns.length === 0
    ? h("option", {value: ""}, "(chưa có phong trào nào)")
    : store.campaigns.map((c) =>
      h("option", {value: c.id, selected: c.id === store.campaignId}, c.name || c.id)));
  const campaign = currentCampaign();
  replace($("campaign-name"), campaign
    ? [campaign.name || campaign.id, campaign.plan_number ? ` (Kế hoạch số ${campaign.plan_number})` : ""]
    : "Chưa chọn phong trào thi đua");
  $("nav-new-item").hidden = !canCreateDossier();
  $("nav-import-item").hidden = !canCreateDossier();
  $("nav-admin-item").hidden = me.role !== "admin";
  // The admin manages users and settings and reads no dossier, so no decision either.
  $("nav-decisions-item").hidden = me.role === "admin";
  $("nav-submissions-item").hidden = me.role === "admin";
  $("nav-nominees-item").hidden = me.role === "admin";
}

function renderClock() {
  const clock = store.clock;
  if (!clock) {
    replace($("service-clock"), "Giờ hệ thống: —");
    return;
  }
  replace($("service-clock"),
    "Giờ hệ thống: ",
    h("time", {datetime: clock.now, "data-testid": "service-clock-value"}, formatDateTime(clock.now)),
    " (+07)",
    clock.demo ? h("span", {class: "badge badge-demo", title: "Đồng hồ mô phỏng, bắt đầu 21/8/2024 08:00"}, "đồng hồ demo") : null);
}

function showApp() {
  loggedIn = true;
  $("login-view").hidden = true;
  $("header-side").hidden = false;
  $("app-nav").hidden = false;
  $("page").hidden = false;
  replace($("login-message"));
  renderHeader();
}

function parseRoute() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, "")) || "/";
  const parts = hash.split("/").filter(Boolean);
  if (parts.length === 0 || (parts[0] === "dossiers" && parts.length === 1)) return {name: "list"};
  if (parts[0] === "dossiers") return {name: "dossier", id: parts.slice(1).join("/")};
  if (parts[0] === "council") return {name: "council"};
  if (parts[0] === "summary") return {name: "summary"};
  if (parts[0] === "new") return {name: "new"};
  if (parts[0] === "import") return {name: "import"};
  if (parts[0] === "admin") return {name: "admin"};
  if (parts[0] === "decisions") return {name: "decisions", id: parts.slice(1).join("/")};
  if (parts[0] === "submissions") return {name: "submissions", id: parts.slice(1).join("/")};
  if (parts[0] === "nominees" && parts.length === 1) return {name: "nominees"};
  if (parts[0] === "nominees") return {name: "nominee", id: parts.slice(1).join("/")};
  return {name: "unknown", path: hash};
}

const TITLES = {
  list: "Danh sách hồ sơ",
  dossier: "Hồ sơ",
  council: "Hội đồng xét",
  summary: "Tổng hợp",
  new: "Tạo hồ sơ đề nghị",
  import: "Nhập danh sách",
  admin: "Quản trị",
  decisions: "Quyết định khen thưởng",
  submissions: "Tờ trình",
  nominees: "Đối tượng khen thưởng",
  nominee: "Lịch sử khen thưởng",
  unknown: "Không tìm thấy trang",
};

async function route() {
  if (!loggedIn) return;
  const serial = ++routeSerial;
  const r = parseRoute();
  for (const a of document.querySelectorAll(".app-nav a[data-route]")) {
    if (a.dataset.route === r.name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = `${TITLES[r.name]}${r.id ? ` ${r.id}` : ""} – Thi đua – Khen thưởng xã`;
  const page = $("page");
  const root = h("div", {class: "view", "data-view": r.name});
  replace(page, h("p", {class: "loading", role: "status"}, "Đang tải…"));
  try {
    await refreshClock();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
  }
  if (serial !== routeSerial || !loggedIn) return;
  renderClock();
  const ctx = {
    isCurrent: () => serial === routeSerial && loggedIn,
    rerender: () => route(),
  };
  replace(page, root);
  try {
    switch (r.name) {
      case "list": await renderList(root, ctx); break;
      case "dossier": await renderDossier(root, r.id, ctx); break;
      case "council": await renderCouncil(root, ctx); break;
      case "summary": await renderSummary(root, ctx); break;
      case "new": await renderCreate(root, ctx); break;
      case "import": await renderImport(root, ctx); break;
      case "admin": await renderAdmin(root, ctx); break;
      case "decisions": await renderRounds(root, "decision", r.id, ctx); break;
      case "submissions": await renderRounds(root, "submission", r.id, ctx); break;
      case "nominees": await renderNomineeSearch(root, ctx); break;
      case "nominee": await renderNomineeHistory(root, r.id, ctx); break;
      default:
        replace(root, h("h2", null, "Không tìm thấy trang"),
          h("p", null, `Không có trang “${r.path}”. `, h("a", {href: "#/"}, "Về danh sách hồ sơ")));
    }
  } catch (e) {
    if (!ctx.isCurrent()) return;
    if (e instanceof ApiError && e.status === 401) return;
    console.warn("tdkt: view failed", e);
    replace(root, messageBox("error",
      e instanceof ApiError ? e.describe("Không tải được trang") : `Không tải được trang: ${e}`,
      "page-error"));
  }
}

async function startSession(token) {
  const submit = $("login-button");
  submit.disabled = true;
  try {
    await api("/api/v1/me", {token}); // explicit token: a 401 here is a log-in message, not a logout
    setToken(token);
    await loadSession();
    showApp();
    await route();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      clearToken();
      showLogin("Mã truy cập không hợp lệ hoặc đã bị thu hồi. Kiểm tra lại mã và thử lại.");
    } else {
      showLogin(e instanceof ApiError ? e.describe("Không đăng nhập được") : `Không đăng nhập được: ${e}`);
    }
  } finally {
    submit.disabled = false;
  }
}

function init() {
  setUnauthorizedHandler(() => {
    clearToken();
    resetStore();
    showLogin("Phiên làm việc không còn hiệu lực (mã truy cập không hợp lệ hoặc đã bị thu hồi). Vui lòng đăng nhập lại.");
  });

  $("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $("token-input").value.trim();
    if (!token) {
      replace($("login-message"), messageBox("error", "Vui lòng dán mã truy cập."));
      $("token-input").focus();
      return;
    }
    startSession(token);
  });

  $("logout-button").addEventListener("click", () => {
    clearToken();
    resetStore();
    if (location.hash && location.hash !== "#/") history.replaceState(null, "", "#/");
    showLogin("Đã đăng xuất.", "info");
  });

  $("campaign-select").addEventListener("change", (event) => {
    setCampaign(event.target.value);
    renderHeader();
    route();
  });

  window.addEventListener("hashchange", () => {
    route();
  });

  // Keep the service clock in the header current.
  setInterval(async () => {
    if (!loggedIn) return;
    try {
      await refreshClock();
      renderClock();
    } catch {
      // a 401 logs out through the handler; other failures keep the last reading
    }
  }, 60000);

  // Tells tests (and anyone curious) that the script is running and the handlers are attached.
  document.documentElement.dataset.app = "ready";

  const token = getToken();
  if (token) {
    startSession(token);
  } else {
    showLogin("");
  }
}

init();
