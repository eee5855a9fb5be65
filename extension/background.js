// The extension's service worker (Firefox: its background script): the thin
// host around the core. Per tab it
//   1. records the page's requests (non-blocking webRequest, lib/requests.js),
//   2. waits until the page has settled, then runs the gatherers of
//      web/gather/index.js in the page (the same functions the scanner runs),
//   3. adds cookies and the local memory of earlier visits (lib/memory.js),
//      builds the snapshot (web/gather/snapshot.js) and lets the wasm core
//      analyse it,
//   4. keeps the report (chrome.storage.session: the worker may be stopped
//      at any time), shows the score on the badge and remembers what the
//      page showed (prices, countdown ends, products) for the next visit.
// No detection here: what counts as a tracker or a trick is the core's call.
//
// Paths are those of the assembled extension (tools/build-extension.mjs):
// web/ and core/ sit next to this file there.
//
// Service-worker rules: static imports only, every listener registered
// synchronously at the top level, no state that matters only in globals.

import createModule from './core/durchblick.mjs';
import { loadCore } from './web/core/loader.js';
import { GATHERERS } from './web/gather/index.js';
import { buildSnapshot } from './web/gather/snapshot.js';
import { observationsFrom } from './web/gather/history.js';
import { BAND_COLOURS } from './web/report/style.js';
import { requestFromDetails } from './lib/requests.js';
import { recall, remember, productViewsFrom } from './lib/memory.js';
import { getSettings, isPaused } from './lib/settings.js';
import { showEvidence } from './lib/page-actions.js';

// Settling: analyse once the page has been loaded for SETTLE_MIN_MS and made
// no request for SETTLE_QUIET_MS, at the latest SETTLE_MAX_MS after loading.
// Pop-ups that open a second or two after load (newsletter and chat
// prompts, often 1.5–2.5 s) are then on the page.
const SETTLE_MIN_MS = 3000;
const SETTLE_QUIET_MS = 600;
const SETTLE_MAX_MS = 6000;
const GATHER_TIMEOUT_MS = 8000;
// Pop-ups that open after the analysis (a newsletter 10 s in): checks this
// long after each analysis whether the overlay observer has seen a new layer
// since, and if so the page is analysed again, at most LATE_ANALYSES times
// per page load.
const LATE_CHECKS_MS = [4000, 10000, 20000];
const LATE_ANALYSES = 2;
const MAX_REQUESTS = 3000;
const MAX_COOKIE_ORIGINS = 60;

const state = { coreReady: false, coreError: null, analyses: 0 };
globalThis.__durchblick = state; // read by the end-to-end tests

// The core (wasm module, 8 MB rules bundle, every RE2 pattern compiled: over
// a second of CPU) is loaded once, when the first page is analysed, never
// when the worker starts: a stopped worker is woken by the first request of
// a page load, and loading the core then would compete with that page for
// the CPU (bench/extension.mjs).
let corePromise = null;
function core() {
  corePromise ??= loadCore({ createModule, baseUrl: chrome.runtime.getURL('core/') }).then(
    (c) => { state.coreReady = true; state.coreError = null; return c; },
    (e) => { state.coreError = String(e?.stack ?? e); corePromise = null; throw e; });
  return corePromise;
}
state.loadCore = () => core().then(() => true, (e) => String(e?.message ?? e) || 'failed'); // end-to-end tests

// The core never throws on input; if the wasm module itself fails (a bug),
// the tab gets an error report in the core's shape and a fresh module.
function analyseSafely(core, snapshotJson) {
  try {
    return core.analyzeJson(snapshotJson);
  } catch (e) {
    console.warn('durchblick: core failed:', e);
    corePromise = null; // the next analysis loads a fresh module
    return JSON.stringify({ schema: 'durchblick.report/1', error: { code: 'core_failed', message: String(e?.message ?? e), where: 'analyze' },
      engine: { core: core.versions.core, rules: core.versions.rules } });
  }
}

// ---- per-tab state, mirrored to storage.session --------------------------
//
// Requests are recorded in memory while the page loads; the tab's state is
// written to storage.session once the page has loaded, after each analysis,
// and (debounced) when requests arrive after load, so that a restarted
// worker still has them. Nothing is written per request while the page
// loads: the page is busy then, the worker should not be.

// reportJson is the core's output as is (storage would reorder an object's keys).
/** @type {Map<number, {url: string, nav: number, requests: object[], lastRequestAt: number, loaded?: boolean, stored?: boolean, badge?: boolean, reportJson?: string, snapshotJson?: string, status: string}>} */
const tabs = new Map();
state.tabs = tabs; // end-to-end tests inspect (and, for hostile input, replace) reports
const sessionKey = (tabId) => `tab:${tabId}`;
const restored = chrome.storage.session.get(null).then((all) => {
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith('tab:') && !tabs.has(Number(k.slice(4)))) tabs.set(Number(k.slice(4)), { ...v, lastRequestAt: 0 });
  }
}, () => {});
const later = (fn) => restored.then(fn).catch((e) => console.warn('durchblick:', e));

// True while tab `tabId` still shows the page load `nav` of state `t`: work
// begun for a page is dropped once the tab navigates or closes.
const sameLoad = (tabId, t, nav) => tabs.get(tabId) === t && t.nav === nav;

function tabState(tabId) {
  let t = tabs.get(tabId);
  if (!t) tabs.set(tabId, (t = { url: '', nav: 0, requests: [], lastRequestAt: 0, status: 'loading' }));
  return t;
}

const persistTimers = new Map();
function persist(tabId, now = false) {
  clearTimeout(persistTimers.get(tabId));
  const write = () => {
    persistTimers.delete(tabId);
    const t = tabs.get(tabId);
    if (!t) return;
    const { lastRequestAt, settleTimer, lateTimer, ...keep } = t;
    t.stored = true;
    chrome.storage.session.set({ [sessionKey(tabId)]: { ...keep, stored: true } }).catch(() => {});
  };
  if (now) write();
  else persistTimers.set(tabId, setTimeout(write, 1000));
}

// ---- network ---------------------------------------------------------------

// Request bodies are asked for only where trackers send data (fetch/XHR,
// beacons, pings): asking for them on every request made page loads
// measurably slower in Chromium (bench/extension.mjs). Two listeners with
// disjoint type filters, so that each request is one event: the browser's
// list of types (Chromium and Firefox differ; Firefox calls beacons
// "beacon") where it has one, else the second listener takes every type and
// skips the body types itself.
const KNOWN_TYPES = Object.values(chrome.webRequest.ResourceType ?? {});
const BODY_TYPES = KNOWN_TYPES.length ? ['xmlhttprequest', 'ping', 'beacon', 'other'].filter((t) => KNOWN_TYPES.includes(t)) : ['xmlhttprequest', 'ping', 'other'];
const OTHER_TYPES = KNOWN_TYPES.filter((t) => !BODY_TYPES.includes(t));
const closedTabs = new Set(); // late events of a closed tab must not bring it back
const onRequest = (d) => later(() => {
  if (d.tabId < 0 || closedTabs.has(d.tabId)) return;
  const t = tabState(d.tabId);
  if (d.type === 'main_frame' && d.frameId === 0) {
    clearTimeout(t.settleTimer);
    clearTimeout(t.lateTimer);
    clearTimeout(persistTimers.get(d.tabId));
    // The previous page's report goes: from the badge and from storage (a
    // restarted worker must not take it for this page's).
    if (t.badge) chrome.action.setBadgeText({ tabId: d.tabId, text: '' }).catch(() => {});
    if (t.stored) chrome.storage.session.remove(sessionKey(d.tabId)).catch(() => {});
    Object.assign(t, { url: d.url, nav: t.nav + 1, requests: [], reportJson: undefined, snapshotJson: undefined, status: 'loading', loaded: false, stored: false, badge: false, lateAnalyses: 0 });
  }
  if (t.requests.length < MAX_REQUESTS) t.requests.push(requestFromDetails(d, t.requests.length));
  t.lastRequestAt = Date.now();
  if (t.loaded) persist(d.tabId);
});
chrome.webRequest.onBeforeRequest.addListener(onRequest, { urls: ['<all_urls>'], types: BODY_TYPES }, ['requestBody']);
if (OTHER_TYPES.length) chrome.webRequest.onBeforeRequest.addListener(onRequest, { urls: ['<all_urls>'], types: OTHER_TYPES });
else chrome.webRequest.onBeforeRequest.addListener((d) => BODY_TYPES.includes(d.type) || onRequest(d), { urls: ['<all_urls>'] });

// No onCompleted/onErrorOccurred listener: the response status is not read
// by any detector, and each listener is one more event per request that
// Chromium builds and sends to the worker while the page loads
// (bench/extension.mjs). Snapshots from the extension carry no `status`.

// ---- settling and analysis ---------------------------------------------------

chrome.tabs.onUpdated.addListener((tabId, info, tab) => {
  if (info.status !== 'complete' || !/^https?:/.test(tab.url ?? '')) return;
  installObservers(tabId);
  later(() => {
    tabState(tabId).loaded = true;
    persist(tabId);
    settle(tabId, Date.now());
  });
});

// The isolated-world gatherers' observers (pop-up timing), started as soon as
// the page has loaded, not at document_start: an isolated world and a large
// script there would cost the page load time (bench/extension.mjs).
const OBSERVERS = GATHERERS.filter((g) => typeof g.init === 'function' && g.world !== 'MAIN');
function installObservers(tabId) {
  for (const g of OBSERVERS) {
    chrome.scripting.executeScript({ target: { tabId }, func: g.init, args: [{ ...(g.options ?? {}), install: true }] }).catch(() => {});
  }
}
chrome.tabs.onRemoved.addListener((tabId) => {
  closedTabs.add(tabId);
  clearTimeout(tabs.get(tabId)?.settleTimer);
  clearTimeout(tabs.get(tabId)?.lateTimer);
  clearTimeout(persistTimers.get(tabId));
  tabs.delete(tabId);
  chrome.storage.session.remove([sessionKey(tabId), `shot:${tabId}`]).catch(() => {});
});

function settle(tabId, loadedAt) {
  const t = tabState(tabId);
  clearTimeout(t.settleTimer);
  const nav = t.nav;
  const check = () => {
    if (!sameLoad(tabId, t, nav)) return;
    const now = Date.now();
    const quiet = now - t.lastRequestAt >= SETTLE_QUIET_MS;
    if ((now - loadedAt >= SETTLE_MIN_MS && quiet) || now - loadedAt >= SETTLE_MAX_MS) analyseTab(tabId).catch(() => {});
    else t.settleTimer = setTimeout(check, 200);
  };
  t.settleTimer = setTimeout(check, Math.min(SETTLE_MIN_MS, 200));
}

const withTimeout = (p, ms) => Promise.race([p, new Promise((_, fail) => setTimeout(() => fail(new Error('timeout')), ms))]);

// A failed gatherer is null, never fatal: its sections stay "not gathered".
async function runGatherer(tabId, g) {
  try {
    const [r] = await withTimeout(chrome.scripting.executeScript({
      target: { tabId }, func: g.fn, args: [g.options ?? {}], world: g.world === 'MAIN' ? 'MAIN' : 'ISOLATED',
    }), GATHER_TIMEOUT_MS);
    return r?.result ?? null;
  } catch {
    return null;
  }
}

async function cookiesFor(requests, pageUrl) {
  const origins = new Set([new URL(pageUrl).origin]);
  for (const r of requests) {
    try {
      origins.add(new URL(r.url).origin);
    } catch {}
    if (origins.size >= MAX_COOKIE_ORIGINS) break;
  }
  const seen = new Map();
  for (const origin of origins) {
    if (!/^https?:/.test(origin)) continue;
    for (const c of await chrome.cookies.getAll({ url: origin }).catch(() => [])) {
      seen.set(`${c.domain}\n${c.path}\n${c.name}`, { name: c.name, value: c.value.slice(0, 512), domain: c.domain });
    }
  }
  return [...seen.values()];
}

async function setBadge(tabId, report) {
  if (!report || report.error) return chrome.action.setBadgeText({ tabId, text: report?.error ? '!' : '' });
  await chrome.action.setBadgeBackgroundColor({ tabId, color: BAND_COLOURS[report.band?.id] ?? '#57606a' });
  await chrome.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
  await chrome.action.setBadgeText({ tabId, text: String(report.score) });
}

/** Gathers, analyses and stores the report of one tab; returns the stored state. */
async function analyseTab(tabId) {
  try {
    return await gatherAndAnalyse(tabId);
  } catch (e) {
    const t = tabState(tabId);
    if (t.status === 'analysing') t.status = 'failed';
    console.warn('durchblick:', e);
    throw e;
  }
}

async function gatherAndAnalyse(tabId) {
  const t = tabState(tabId);
  const nav = t.nav;
  const tab = await chrome.tabs.get(tabId);
  if (!/^https?:/.test(tab.url ?? '')) return t;
  const settings = await getSettings();
  if (isPaused(settings, tab.url)) {
    Object.assign(t, { status: 'paused', reportJson: undefined, badge: false });
    await chrome.action.setBadgeText({ tabId, text: '' });
    persist(tabId, true);
    return t;
  }
  t.status = 'analysing';
  const corePending = core(); // the first time, loads while the gatherers sample
  corePending.catch(() => {});
  // All gatherers at once (as the scanner runs them): their sampling waits
  // (a second text sample about a second later) overlap instead of adding up.
  const parts = await Promise.all(GATHERERS.map((g) => runGatherer(tabId, g)));
  const page = buildSnapshot({ parts });
  const url = page.url ?? tab.url;
  const history = settings.remember ? await recall({ url, productIds: page.productIds ?? [] }) : undefined;
  const capturedAtMs = Date.now();
  const snapshot = buildSnapshot({ parts, requests: t.requests, cookies: await cookiesFor(t.requests, url), history, capturedAtMs });
  snapshot.url ??= url;
  const counted = Object.entries(settings.categories).filter(([, on]) => !on).map(([c]) => c);
  if (counted.length) snapshot.settings = { excludeCategories: counted };
  const snapshotJson = JSON.stringify(snapshot);
  const reportJson = analyseSafely(await corePending, snapshotJson);
  const report = JSON.parse(reportJson);
  if (!sameLoad(tabId, t, nav)) return t; // navigated meanwhile
  // Remembered before the report is stored: whoever sees the report (the
  // popup, a test) also sees the memory it left.
  if (settings.remember && !report.error) {
    await remember([...observationsFrom(snapshot, capturedAtMs), ...productViewsFrom(snapshot, capturedAtMs)]).catch((e) => console.warn('durchblick: memory:', e));
  }
  if (!sameLoad(tabId, t, nav)) return t;
  Object.assign(t, { status: report.error ? 'error' : 'done', reportJson, snapshotJson, analysedAtMs: Date.now(), badge: true });
  state.analyses++;
  // The badge first: whoever sees the stored report (a test) sees the badge.
  await setBadge(tabId, report).catch(() => {});
  persist(tabId, true);
  // An open popup of this tab shows the new report (a late re-analysis, the
  // popup's own "Analyse again"). No popup open: nobody receives it.
  chrome.runtime.sendMessage({ type: 'reportChanged', tabId }).catch(() => {});
  if (!report.error) watchLateLayers(tabId, t, nav);
  return t;
}

// ---- pop-ups that come late ------------------------------------------------

// Runs in the page's isolated world: how many layers the overlay observer
// (web/gather/overlays.js, installed at load) has seen so far; -1 if none.
function layerCount() {
  const rec = window[Symbol.for('durchblick.overlays')];
  return rec && typeof rec.counter === 'number' ? rec.counter : -1;
}

async function readLayerCount(tabId) {
  try {
    const [r] = await chrome.scripting.executeScript({ target: { tabId }, func: layerCount });
    return typeof r?.result === 'number' ? r.result : -1;
  } catch {
    return -1;
  }
}

// After an analysis: if the observer sees a new layer within
// LATE_CHECKS_MS, analyse again (which watches again), so that the badge
// and the report show a pop-up that opened late without the person asking.
function watchLateLayers(tabId, t, nav) {
  clearTimeout(t.lateTimer);
  if ((t.lateAnalyses ?? 0) >= LATE_ANALYSES) return;
  const current = () => sameLoad(tabId, t, nav);
  readLayerCount(tabId).then((seen) => {
    if (seen < 0 || !current()) return;
    let k = 0;
    const check = async () => {
      if (!current()) return;
      const now = await readLayerCount(tabId);
      if (!current()) return;
      if (now > seen) {
        t.lateAnalyses = (t.lateAnalyses ?? 0) + 1;
        analyseTab(tabId).catch(() => {});
      } else if (++k < LATE_CHECKS_MS.length) {
        t.lateTimer = setTimeout(check, LATE_CHECKS_MS[k] - LATE_CHECKS_MS[k - 1]);
      }
    };
    t.lateTimer = setTimeout(check, LATE_CHECKS_MS[0]);
  });
}

// ---- messages from the extension's own pages (popup, options, report) ----

const reportOf = (t) => (t?.reportJson ? JSON.parse(t.reportJson) : null);
const fromOwnPage = (sender) => sender.id === chrome.runtime.id && (sender.url ?? '').startsWith(chrome.runtime.getURL(''));

const HANDLERS = {
  async getTab({ tabId }) {
    const t = tabs.get(tabId);
    const tab = await chrome.tabs.get(tabId).catch(() => null);
    const settings = await getSettings();
    return { url: tab?.url ?? t?.url ?? '', status: t?.status ?? 'none', report: reportOf(t),
      paused: !!tab?.url && isPaused(settings, tab.url), coreError: state.coreError };
  },
  async analyse({ tabId }) {
    const t = await analyseTab(tabId);
    return { status: t.status, report: reportOf(t) };
  },
  async show({ tabId, ids }) {
    const [r] = await chrome.scripting.executeScript({ target: { tabId }, func: showEvidence, args: [ids.map(String)] });
    return { found: r?.result ?? 0 };
  },
  // Keeps a screenshot of the tab (if it is the visible one) for the export.
  async capture({ tabId }) {
    const tab = await chrome.tabs.get(tabId);
    let shot = null;
    // Chromium limits captures per second; a busy browser may refuse once.
    for (let i = 0; tab.active && !shot && i < 3; i++) {
      if (i) await new Promise((r) => setTimeout(r, 600));
      shot = await chrome.tabs.captureVisibleTab(tab.windowId, { format: 'png' }).catch(() => null);
    }
    await chrome.storage.session.set({ [`shot:${tabId}`]: shot });
    return { captured: !!shot };
  },
  async exportData({ tabId }) {
    const t = tabs.get(tabId);
    const { [`shot:${tabId}`]: screenshot } = await chrome.storage.session.get(`shot:${tabId}`);
    return { report: reportOf(t), reportJson: t?.reportJson ?? null, snapshotJson: t?.snapshotJson ?? null, screenshot: screenshot ?? null };
  },
};

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = fromOwnPage(sender) && Object.hasOwn(HANDLERS, msg?.type) ? HANDLERS[msg.type] : null;
  if (!handler || !Number.isInteger(msg.tabId)) return false;
  restored.then(() => handler(msg)).then(sendResponse, (e) => sendResponse({ error: String(e?.message ?? e) }));
  return true;
});
