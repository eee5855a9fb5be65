// Assembles a durchblick.snapshot/1 from the gatherers' partial snapshots and
// what the host observed outside the page (network requests, cookies, the
// local memory of earlier visits). Facts only; no judgement here.

/**
 * @param {{parts: object[], requests?: object[], cookies?: object[], history?: object[], capturedAtMs?: number}} input
 */
export function buildSnapshot({ parts, requests, cookies, history, capturedAtMs }) {
  const snapshot = { schema: 'durchblick.snapshot/1' };
  for (const part of parts) {
    if (!part || typeof part !== 'object') continue;
    for (const [key, value] of Object.entries(part)) {
      // Lists from several gatherers are concatenated, objects (pageState)
      // merged field by field, other fields: first wins.
      const had = snapshot[key];
      if (Array.isArray(value) && Array.isArray(had)) snapshot[key] = had.concat(value);
      else if (isPlainObject(value) && isPlainObject(had)) snapshot[key] = { ...value, ...had };
      else if (!(key in snapshot)) snapshot[key] = value;
    }
  }
  if (requests) snapshot.requests = requests;
  if (cookies) snapshot.cookies = cookies;
  if (history) snapshot.history = history;
  if (capturedAtMs) snapshot.capturedAtMs = capturedAtMs;
  return snapshot;
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
