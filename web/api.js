// The HTTP API client: bearer token from sessionStorage, JSON in and out, problem+json errors.
import {PROBLEM_LABELS} from "./labels.js";

const TOKEN_KEY = "tdkt.token";

export function getToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  } catch {
    return "";
  }
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

// Thrown for every non-2xx answer (and for network failures, with status 0).
export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem.detail || problem.title || `HTTP ${status}`;
    super(detail);
    this.status = status;
    this.code = problem.code || "";
    this.title = problem.title || "";
    this.detail = detail;
    // The problems of an imported list, each {row, column, header, message}.
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }

  // "Không thực hiện được: <detail>" with the Vietnamese meaning of the code in front.
  describe(prefix = "Không thực hiện được") {
    const meaning = PROBLEM_LABELS[this.code];
    if (this.status === 0) return `${prefix}: không kết nối được máy chủ (${this.detail}).`;
    return meaning ? `${prefix}: ${meaning} — ${this.detail}` : `${prefix}: ${this.detail}`;
  }
}

// Called with the error when the server answers 401; the app returns to the log-in screen.
let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export async function api(path, {method = "GET", body, token} = {}) {
  const headers = {Accept: "application/json, application/problem+json"};
  const bearer = token ?? getToken();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let payload;
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, {method, headers, body: payload, cache: "no-store"});
  } catch (e) {
    throw new ApiError(0, {detail: String(e && e.message ? e.message : e)});
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const problem = data && typeof data === "object" ? data : {detail: text.slice(0, 300)};
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && token === undefined) onUnauthorized(error);
    throw error;
  }
  return data;
}

// Downloads a file the API serves (a report): fetched with the token, saved under the name its
// Content-Disposition gives (filename*=UTF-8''…, with its diacritics), or `fallback`.
export async function downloadFile(path, fallback) {
  const headers = {};
  const bearer = getToken();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch(path, {headers, cache: "no-store"});
  } catch (e) {
    throw new ApiError(0, {detail: String(e && e.message ? e.message : e)});
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      problem = {detail: `HTTP ${response.status}`};
    }
    throw new ApiError(response.status, problem);
  }
  const disposition = response.headers.get("Content-Disposition") || "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = encoded ? decodeURIComponent(encoded[1]) : fallback;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}

// Sends a file as the request's body (no JSON, no multipart) with `contentType`; the answer as
// api() gives it.
export async function uploadFile(path, file, contentType) {
  const headers = {Accept: "application/json, application/problem+json", "Content-Type": contentType};
  const bearer = getToken();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch(path, {method: "POST", headers, body: file, cache: "no-store"});
  } catch (e) {
    throw new ApiError(0, {detail: String(e && e.message ? e.message : e)});
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data && typeof data === "object" ? data : {detail: text.slice(0, 300)});
    if (response.status === 401) onUnauthorized(error);
    throw error;
  }
  return data;
}

// Follows next_cursor until the list ends.
export async function listAll(path, params = {}) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 10000; page++) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== undefined && v !== null && v !== "") query.set(k, v);
    }
    if (cursor) query.set("cursor", cursor);
    const data = await api(`${path}?${query}`);
    items.push(...(data.items || []));
    cursor = data.next_cursor;
    if (!cursor) break;
  }
  return items;
}

// crypto.randomUUID exists only in secure contexts (https, localhost); a dashboard opened over
// plain http on the commune's LAN still needs request ids, so fall back to getRandomValues.
export function newRequestId() {
  if (globalThis.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const enc = encodeURIComponent;
