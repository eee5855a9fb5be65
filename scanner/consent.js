// --consent accept|reject: click the consent banner's button of that role and
// gather the page again, for a before/after comparison (Blacklight #9, #134).
//
// Which button is "accept" or "reject" is the core's call (its label rules
// classify overlay buttons), never the scanner's: the scanner reads the roles
// from the report (report.overlays[].buttons[].role, with the button's id)
// and clicks the centre of the button's rectangle as the overlay gatherer
// measured it (snapshot.overlays[].buttons[].rect, viewport px). If the
// report carries no button roles, nothing is clicked and the row says so.

const CONSENT_KINDS = /cookie|consent|cmp/i;

function findButton(report, snapshot, choice) {
  const overlays = Array.isArray(report?.overlays) ? report.overlays : null;
  if (!overlays) return { classified: false };
  const candidates = [];
  for (const o of overlays) {
    for (const b of Array.isArray(o?.buttons) ? o.buttons : []) {
      if (b?.role === choice) candidates.push({ overlay: o, button: b });
    }
  }
  const consentish = (o) => CONSENT_KINDS.test(`${o.kind ?? ''} ${o.type ?? ''} ${(o.kinds ?? []).join(' ')}`);
  candidates.sort((a, b) => Number(consentish(b.overlay)) - Number(consentish(a.overlay)));
  const bannerFound = overlays.some(consentish) || candidates.length > 0;
  const hit = candidates[0];
  if (!hit) return { classified: true, bannerFound };
  // Geometry: from the report if it carries it, else from the snapshot's overlay button of that id.
  let rect = hit.button.rect;
  let label = hit.button.label;
  if (!rect) {
    const so = (snapshot?.overlays ?? []).find((o) => o.id === hit.overlay.id);
    const sb = (so?.buttons ?? []).find((b) => b.id === hit.button.id);
    rect = sb?.rect;
    label ??= sb?.label;
  }
  return { classified: true, bannerFound, overlayId: hit.overlay.id, buttonId: hit.button.id, label, rect };
}

/**
 * @param {object} result a scanPage result with keepPage (page, regather)
 * @param {'accept'|'reject'} choice
 * @returns {Promise<object>} the row's `consent` entry
 */
export async function clickConsent(result, choice) {
  const out = { choice };
  const found = findButton(result.report, result.snapshot, choice);
  if (!found.classified) {
    out.clicked = false;
    out.limitation = 'the report does not classify consent buttons (no report.overlays[].buttons[].role): nothing clicked';
    return out;
  }
  out.bannerFound = found.bannerFound;
  if (!found.buttonId) {
    out.clicked = false;
    out.note = found.bannerFound ? `no ${choice} button on the banner's first layer` : 'no consent banner found';
    return out;
  }
  if (!found.rect || !(found.rect.w > 0 && found.rect.h > 0)) {
    out.clicked = false;
    out.note = `the ${choice} button has no on-screen rectangle`;
    return out;
  }
  if (!result.page || !result.regather) throw new Error('clickConsent needs a scanPage result with keepPage');
  try {
    await result.page.mouse.click(found.rect.x + found.rect.w / 2, found.rect.y + found.rect.h / 2);
  } catch (e) {
    out.clicked = false;
    out.note = `click failed: ${String(e.message).split('\n')[0]}`;
    return out;
  }
  out.clicked = true;
  out.overlayId = found.overlayId;
  out.buttonId = found.buttonId;
  if (found.label) out.label = found.label;
  const after = await result.regather();
  if (after.error) {
    out.error = after.error;
    return out;
  }
  out.score = after.report.score;
  out.snapshotSha256 = after.report.engine?.snapshotSha256;
  out.report = after.report;
  return out;
}
