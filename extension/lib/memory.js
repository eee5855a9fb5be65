// The local memory: what the user saw on earlier visits, kept only in
// chrome.storage.local (key "memory") so that a later snapshot can carry it
// as history[] (PriorObservation in wasm/src/snapshot.h). Facts, never
// judgements: a price text, a countdown's end time, a product identity; the
// core's detectors decide whether a price went up, a timer restarted or an
// ad follows the user.
//
//   { kind: 'price',        key: product id or page URL, value: '19,99 €', url, seenAtMs }
//   { kind: 'timer_end',    key: timer id,               value: '1764600000000', url, seenAtMs }
//   { kind: 'product_view', key: product id,             value: page title, url, seenAtMs }
//
// Stored entries also keep `site` (host name, for per-site wiping) and
// `firstSeenAtMs`; the same fact seen again only moves `seenAtMs`.

const KEY = 'memory';
export const MAX_ENTRIES = 5000;
const MAX_RECALLED_VIEWS = 100;

const withoutFragment = (url) => String(url ?? '').split('#')[0];
function siteOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

async function load() {
  const { [KEY]: m } = await chrome.storage.local.get(KEY);
  return Array.isArray(m?.entries) ? m.entries : [];
}
const save = (entries) => chrome.storage.local.set({ [KEY]: { version: 1, entries } });

// One writer at a time inside this context (several tabs settle at once).
let queue = Promise.resolve();
const serial = (fn) => (queue = queue.then(fn, fn));

/** Product views to remember from a snapshot (its productIds). */
export function productViewsFrom(snapshot, seenAtMs) {
  const ids = Array.isArray(snapshot?.productIds) ? snapshot.productIds : [];
  const url = withoutFragment(snapshot?.url);
  return ids.filter((id) => typeof id === 'string' && id)
    .map((id) => ({ kind: 'product_view', key: id, value: String(snapshot.title ?? ''), url, seenAtMs }));
}

/** Adds observations (deduplicated by kind, key, value and page). */
export function remember(observations) {
  return serial(async () => {
    if (!observations.length) return;
    const entries = await load();
    const index = new Map(entries.map((e, i) => [`${e.kind}\n${e.key}\n${e.value}\n${e.url}`, i]));
    for (const o of observations) {
      const url = withoutFragment(o.url);
      const id = `${o.kind}\n${o.key}\n${o.value}\n${url}`;
      if (index.has(id)) {
        const e = entries[index.get(id)];
        e.seenAtMs = Math.max(e.seenAtMs, o.seenAtMs);
      } else {
        index.set(id, entries.length);
        entries.push({ kind: o.kind, key: String(o.key), value: String(o.value), url, site: siteOf(url),
          firstSeenAtMs: o.seenAtMs, seenAtMs: o.seenAtMs });
      }
    }
    entries.sort((a, b) => a.seenAtMs - b.seenAtMs);
    await save(entries.slice(-MAX_ENTRIES));
  });
}

/**
 * What to put into the snapshot of `url` as history[]: the prices remembered
 * for its products or its address, the countdown ends seen on it, and the
 * most recent product views anywhere (for ads that follow the user).
 * @param {{url: string, productIds?: string[]}} page
 */
export async function recall({ url, productIds = [] }) {
  const entries = await load();
  const page = withoutFragment(url);
  const keys = new Set([page, ...productIds]);
  const out = entries.filter((e) => (e.kind === 'price' && keys.has(e.key)) || (e.kind === 'timer_end' && e.url === page));
  const views = entries.filter((e) => e.kind === 'product_view').slice(-MAX_RECALLED_VIEWS);
  return [...out, ...views].map(({ kind, key, value, url: u, firstSeenAtMs, seenAtMs }) =>
    // A price keeps the time it was last seen at that value; a timer end the
    // time it was first shown.
    ({ kind, key, value, url: u, seenAtMs: kind === 'timer_end' ? firstSeenAtMs : seenAtMs }));
}

/** Everything remembered, newest first (options page). */
export async function listMemory() {
  return (await load()).slice().reverse();
}

/** Forgets everything, or everything seen on one site. */
export function wipeMemory(site) {
  return serial(async () => {
    if (!site) return chrome.storage.local.remove(KEY);
    return save((await load()).filter((e) => e.site !== site));
  });
}
