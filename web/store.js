// What the dashboard knows about the session: who is logged in, the reference data (campaigns,
// units, rule packs) and the service clock.
import {api} from "./api.js";
import {TERMINAL_STATES, localDay, parseTime} from "./labels.js";

const CAMPAIGN_KEY = "tdkt.campaign";

export const store = {
  me: null,
  campaigns: [],
  units: [],
  unitsById: new Map(),
  packs: [],
  clock: null, // {now, demo}
  clockFetchedAt: 0, // browser time when the clock was read
  campaignId: "",
};

export function resetStore() {
  store.me = null;
  store.campaigns = [];
  store.units = [];
  store.unitsById = new Map();
  store.packs = [];
  store.clock = null;
  store.campaignId = "";
}

export async function loadSession() {
  const [me, campaigns, units, packs] = await Promise.all([
    api("/api/v1/me"),
    api("/api/v1/campaigns"),
    api("/api/v1/units"),
    api("/api/v1/rule-packs"),
    refreshClock(),
  ]);
  store.me = me;
  store.campaigns = (campaigns && campaigns.items) || [];
  store.units = (units && units.items) || [];
  store.unitsById = new Map(store.units.map((u) => [u.id, u]));
  store.packs = (packs && packs.items) || [];
  let saved = "";
  try {
    saved = sessionStorage.getItem(CAMPAIGN_KEY) || "";
  } catch {
    saved = "";
  }
  const ids = store.campaigns.map((c) => c.id);
  store.campaignId = ids.includes(saved) ? saved : (ids[0] || "");
}

export function setCampaign(id) {
  store.campaignId = id;
  sessionStorage.setItem(CAMPAIGN_KEY, id);
}

export function currentCampaign() {
  return store.campaigns.find((c) => c.id === store.campaignId) || null;
}

export async function refreshClock() {
  const clock = await api("/api/v1/clock");
  store.clock = clock;
  store.clockFetchedAt = Date.now();
  return clock;
}

// The service's "now" in ms: the last clock reading plus the browser time elapsed since (the
// demo clock may run faster or jump; it is re-read on every page).
export function nowMs() {
  const read = store.clock ? parseTime(store.clock.now) : null;
  if (read === null) return Date.now();
  return read + (Date.now() - store.clockFetchedAt);
}

export function todayLocal() {
  return localDay(nowMs());
}

export function unitName(id) {
  if (!id) return "—";
  const unit = store.unitsById.get(id);
  return unit && unit.name ? unit.name : id;
}

// The rule pack in force on the service's today (latest effective_from not after it).
export function packInForce() {
  const today = todayLocal();
  const sorted = [...store.packs].sort((a, b) =>
    String(b.effective_from || "").localeCompare(String(a.effective_from || "")));
  return sorted.find((p) => !p.effective_from || p.effective_from <= today) || sorted[0] || null;
}

// The award rule of `awardId` from the dossier's pack when it has one, otherwise the pack in force,
// otherwise any pack that knows the award.
export function awardRule(awardId, packId) {
  const candidates = [];
  if (packId) candidates.push(store.packs.find((p) => p.id === packId));
  candidates.push(packInForce());
  candidates.push(...store.packs);
  for (const pack of candidates) {
    if (!pack || !pack.awards) continue;
    const award = pack.awards.find((a) => a.id === awardId);
    if (award) return award;
  }
  return null;
}

export function awardName(awardId, packId) {
  if (!awardId) return "—";
  const rule = awardRule(awardId, packId);
  return rule && rule.name ? rule.name : awardId;
}

export const role = () => (store.me ? store.me.role : "");
export const isUnitScoped = () => role() === "unit_officer" || role() === "unit_head";
export const canCreateDossier = () => role() === "unit_officer" || role() === "secretariat";
export const canRecordSession = () => role() === "secretariat";
// The core's rule (engine::DecideAttach): the unit's officer or the secretariat, while the dossier
// is open.
export const canUploadDocument = (dossier) =>
  !!dossier && !TERMINAL_STATES.has(dossier.state) &&
  (role() === "secretariat" ||
    (role() === "unit_officer" && !!store.me && store.me.unit_id === dossier.unit_id));
