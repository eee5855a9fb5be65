// --consent accept|reject: click the consent banner's button of that role and
// gather the page again, for a before/after comparison (Blacklight #9, #134).
//
// Which overlay is a cookie banner and which button is "accept" or "reject"
// is the core's call (its label rules, rules/text/label-*.json), never the
// scanner's: the report lists `overlays[]` with `kinds[]` and `buttons[]`
// ({id, role, label}). The overlay gatherer stamped each button's id on the
// element as data-durchblick-id, so the scanner finds the element again with
// `[data-durchblick-id="<id>"]` (Playwright's CSS also pierces open shadow
// roots) and clicks it; if that fails (the element moved under another
// layer, say), it clicks the centre of the button's rectangle as the
// gatherer measured it (snapshot.overlays[].buttons[].rect, viewport px).

/** The button to click, from the report's overlays (no wording read here). */
export function findConsentButton(report, snapshot, choice) {
  const overlays = Array.isArray(report?.overlays) ? report.overlays : null;
  if (!overlays) return { gathered: false };
  const isBanner = (o) => Array.isArray(o?.kinds) && o.kinds.includes('cookie_notice');
  const candidates = [];
  for (const o of overlays) {
    for (const b of Array.isArray(o?.buttons) ? o.buttons : []) {
      if (b?.role === choice && typeof b.id === 'string') candidates.push({ overlay: o, button: b });
    }
  }
  // A cookie banner's button first; a button of that role on another overlay
  // (a consent dialog whose text the rules do not call a cookie notice) next.
  candidates.sort((a, b) => Number(isBanner(b.overlay)) - Number(isBanner(a.overlay)));
  const banners = overlays.filter(isBanner).map((o) => o.id);
  const hit = candidates[0];
  const found = { gathered: true, bannerFound: banners.length > 0 || !!hit, banners };
  if (!hit) return found;
  const so = (snapshot?.overlays ?? []).find((o) => o.id === hit.overlay.id);
  const sb = (so?.buttons ?? []).find((b) => b.id === hit.button.id);
  return { ...found, overlayId: hit.overlay.id, buttonId: hit.button.id, label: hit.button.label, rect: sb?.rect };
}

const selectorFor = (id) => `[data-durchblick-id="${String(id).replace(/["\\]/g, '\\$&')}"]`;

async function click(page, found) {
  try {
    await page.locator(selectorFor(found.buttonId)).first().click({ timeout: 3000 });
    return 'selector';
  } catch (e) {
    const r = found.rect;
    if (!(r?.w > 0 && r?.h > 0)) throw e;
    await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
    return 'position';
  }
}

/**
 * Clicks and gathers again.
 * @param {object} result a scanPage result with keepPage (page, regather)
 * @param {'accept'|'reject'} choice
 * @returns {Promise<{consent: object, after: object|null}>} the row's `consent`
 *   entry (with the after-consent report) and the regather result, if any
 */
export async function clickConsent(result, choice) {
  const consent = { choice, clicked: false };
  const found = findConsentButton(result.report, result.snapshot, choice);
  if (!found.gathered) {
    consent.note = 'pop-ups were not gathered (no report.overlays[]): nothing clicked';
    return { consent, after: null };
  }
  consent.bannerFound = found.bannerFound;
  if (!found.buttonId) {
    consent.note = found.bannerFound ? `the consent banner has no ${choice} button on its first layer` : 'no consent banner found';
    return { consent, after: null };
  }
  consent.overlayId = found.overlayId;
  consent.buttonId = found.buttonId;
  if (found.label) consent.label = found.label;
  if (!result.page || !result.regather) throw new Error('clickConsent needs a scanPage result with keepPage');
  try {
    consent.clickedBy = await click(result.page, found);
  } catch (e) {
    consent.note = `click failed: ${String(e.message).split('\n')[0]}`;
    return { consent, after: null };
  }
  consent.clicked = true;
  // Many CMPs reload the page after the choice: wait for that load (at once if none started).
  await result.page.waitForLoadState('load', { timeout: 10000 }).catch(() => {});
  const after = await result.regather();
  if (after.error) {
    consent.error = after.error;
    return { consent, after };
  }
  consent.score = after.report.score;
  consent.snapshotSha256 = after.report.engine?.snapshotSha256;
  consent.report = after.report;
  return { consent, after };
}
