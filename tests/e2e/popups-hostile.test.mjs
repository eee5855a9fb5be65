// Hostile pages cannot break the overlay gatherer (tests/pages/popup-hostile-*):
// overridden DOM prototypes (with and without the early script), thousands of
// fixed elements, open and closed shadow roots, and a cross-origin iframe.
// Each page must still yield its expected pop-up findings from the wasm core.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { loadCore } from '../../web/core/loader.js';
import { gatherOverlays } from '../../web/gather/overlays.js';
import { launchChromium } from '../lib/chromium.mjs';
import { startServer } from '../lib/server.mjs';
import { gatherSnapshot, openPage, stampedMatches } from './popups-harness.mjs';

const PAGES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'pages');

let browser, server, other, core;
before(async () => {
  [browser, server, other, core] = await Promise.all([
    launchChromium(), startServer({ root: PAGES }), startServer({ root: PAGES }), loadCore()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await other?.close();
});

async function check(name, { query = '', early = true } = {}) {
  const spec = JSON.parse(readFileSync(join(PAGES, name, 'expect.json'), 'utf8'));
  const { context, page } = await openPage(browser, `${server.url}/${name}/index.html${query}`, { early });
  await page.waitForTimeout(spec.waitMs ?? 300);
  const snapshot = await gatherSnapshot(page, { overlays: { sampleMs: 0 } });
  const report = core.analyze(snapshot);
  const popup = report.findings.filter((f) => f.category === 'popup');
  assert.deepEqual(popup.map((f) => f.type).sort(), spec.expect.map((e) => e.type).sort(),
    popup.map((f) => `${f.type}: ${f.evidence.map((e) => e.note).join('; ')}`).join('\n'));
  for (const want of spec.expect) {
    const f = popup.find((x) => x.type === want.type);
    const id = f.evidence.map((e) => e.overlayId).find(Boolean);
    if (early) assert.ok(await stampedMatches(page, id, want.overlay), `${want.type}: ${id} is ${want.overlay}`);
  }
  return { context, page, snapshot, report };
}

describe('hostile pages', () => {
  test('overridden Element.prototype, getComputedStyle, elementFromPoint, JSON.parse: natives taken early', async () => {
    const { context, snapshot } = await check('popup-hostile-prototypes');
    const wall = snapshot.overlays.find((o) => o.text.includes('cookies'));
    assert.ok(wall, 'the wall was found despite the overrides');
    assert.deepEqual(wall.rect, { x: 0, y: 0, w: 1280, h: 720 });  // not the page's zero rect
    assert.equal(wall.coverage, 1);
    assert.equal(wall.buttons[0].label, 'Accept all');
    await context.close();
  });

  test('overridden prototypes without the early script: natives from a fresh frame', async () => {
    const { context, page, snapshot } = await check('popup-hostile-prototypes', { early: false });
    const wall = snapshot.overlays.find((o) => o.text.includes('cookies'));
    assert.ok(wall);
    assert.equal(wall.visibleAtMs, -1, 'first seen before the gatherer started: time unknown, not guessed');
    assert.equal(await page.locator('iframe').count(), 0, 'the probe frame is gone');
    await context.close();
  });

  test('thousands of fixed elements: at most 30 candidates, the cookie box among them', async () => {
    const { context, snapshot } = await check('popup-hostile-many-fixed', { query: '?pins=4000' });
    assert.ok(snapshot.overlays.length <= 30, `${snapshot.overlays.length} candidates`);
    assert.ok(snapshot.overlays.some((o) => o.text.includes('This website uses cookies')));
    assert.ok(snapshot.overlayStats.walked > 0);
    await context.close();
  });

  test('open shadow roots are read, nested ones too; a closed one does not break the scan', async () => {
    const { context, snapshot } = await check('popup-hostile-shadow');
    const banner = snapshot.overlays.find((o) => o.identity.startsWith('consent-banner'));
    assert.deepEqual(banner.buttons.map((b) => b.label).sort(), ['Accept all', 'Reject']);
    assert.ok(snapshot.controls.some((c) => c.label === 'Reject' && c.overlayId === banner.id));
    assert.ok(banner.text.includes('We use cookies'), 'text from inside the shadow root');
    // A closed root is unreadable from the page world (the extension reads it
    // through chrome.dom.openOrClosedShadowRoot); here it must simply not break anything.
    assert.equal(snapshot.overlays.filter((o) => o.identity.startsWith('closed-promo')).length, 0);
    await context.close();
  });

  test('a cross-origin iframe overlay is reported by geometry and origin', async () => {
    const { context, snapshot } = await check('popup-hostile-iframe', { query: `?frame=${encodeURIComponent(other.url)}` });
    const frame = snapshot.overlays.find((o) => o.tag === 'iframe');
    assert.equal(frame.frameOrigin, other.url);
    assert.ok(frame.identity.includes(`frame:${other.url}`));
    assert.equal(frame.coverage, 1);
    assert.equal(frame.text, '');
    await context.close();
  });

  test('the gatherer serialises as one self-contained function', async () => {
    // What chrome.scripting.executeScript({func}) does: source text only, no module scope.
    const src = gatherOverlays.toString();
    const fn = new Function(`return (${src});`)();
    const { context, page } = await openPage(browser, `${server.url}/popup-cookie-wall-de/index.html`, { early: false });
    const part = await page.evaluate(`(${fn.toString()})({sampleMs: 0})`);
    assert.ok(part.overlays.length >= 1);
    await context.close();
  });
});
