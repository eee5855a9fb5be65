// What a host remembers of one visit for the next one: the snapshot's
// history[] entries (PriorObservation in wasm/src/snapshot.h). The extension
// keeps them in chrome.storage.local between visits; the scanner carries them
// from a first visit into a reload or a second visit. Facts only: the core
// decides whether a countdown restarted or a price went up.
//
//   timer_end  key: the timer's id (else its textId)   value: its endMs, as a decimal string
//   price      key: the page's first product id (else the page URL without its fragment)
//              value: the text of each text block with role "price" that is not struck through
//
// Observations without a value (a timer with unknown end) are left out.

/**
 * @param {object} snapshot a durchblick.snapshot/1 object
 * @param {number} [seenAtMs] when it was seen (default: snapshot.capturedAtMs or now)
 * @returns {{kind: string, key: string, value: string, url: string, seenAtMs: number}[]}
 */
export function observationsFrom(snapshot, seenAtMs) {
  const url = String(snapshot?.url ?? '');
  const at = seenAtMs ?? snapshot?.capturedAtMs ?? Date.now();
  const out = [];
  for (const t of Array.isArray(snapshot?.timers) ? snapshot.timers : []) {
    const key = t?.id || t?.textId;
    if (!key || !(Number(t.endMs) > 0)) continue;
    out.push({ kind: 'timer_end', key: String(key), value: String(Math.round(Number(t.endMs))), url, seenAtMs: at });
  }
  const productId = Array.isArray(snapshot?.productIds) && snapshot.productIds.length ? String(snapshot.productIds[0]) : '';
  const priceKey = productId || url.split('#')[0];
  for (const block of Array.isArray(snapshot?.texts) ? snapshot.texts : []) {
    if (block?.role !== 'price' || block.strike || !block.text) continue;
    out.push({ kind: 'price', key: priceKey, value: String(block.text), url, seenAtMs: at });
  }
  return out;
}
