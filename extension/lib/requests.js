// The extension's network adapter: webRequest details → the snapshot's
// requests[] shape (docs/snapshot.md), the counterpart of the scanner's
// Playwright capture. Facts only; which host is a tracker is the core's call.

const MAX_BODY = 4096;

/** A request body as text (form data re-encoded, raw bytes as UTF-8), capped. */
function bodyText(requestBody) {
  if (!requestBody) return '';
  if (requestBody.formData) {
    const p = new URLSearchParams();
    for (const [k, values] of Object.entries(requestBody.formData)) for (const v of values) p.append(k, v);
    return p.toString().slice(0, MAX_BODY);
  }
  if (Array.isArray(requestBody.raw)) {
    const dec = new TextDecoder('utf-8', { fatal: false });
    let out = '';
    for (const part of requestBody.raw) {
      if (part.bytes) out += dec.decode(new Uint8Array(part.bytes).subarray(0, MAX_BODY - out.length));
      if (out.length >= MAX_BODY) break;
    }
    return out;
  }
  return '';
}

/**
 * @param {chrome.webRequest.WebRequestBodyDetails} d
 * @param {number} index position in the tab's list (the id is "r<index>")
 */
export function requestFromDetails(d, index) {
  const r = { id: `r${index}`, url: d.url, type: d.type, method: d.method || 'GET' };
  // Chromium reports the document (documentUrl, MV3) and initiator; Firefox has
  // documentUrl/originUrl.
  const frame = d.documentUrl || (d.frameId === 0 && d.type !== 'main_frame' ? d.initiator : '') || '';
  if (frame) r.frameUrl = frame;
  const initiator = d.initiator || d.originUrl;
  if (initiator) r.initiator = initiator;
  const body = d.method === 'POST' ? bodyText(d.requestBody) : '';
  if (body) r.postData = body;
  return r;
}
