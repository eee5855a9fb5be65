// The ids the gatherers stamp on the page (data-durchblick-id) that a
// report's evidence points to: one element has one id, whichever gatherer
// stamped it first, and no two elements share one, also across gathers of
// the same page (the extension's "Analyse again", the scanner's regather).
//
//   node --test tests/e2e/stamps.test.mjs
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { gatherOverlays } from '../../web/gather/overlays.js';
import { gatherTexts } from '../../web/gather/texts.js';
import { launchChromium } from '../lib/chromium.mjs';
import { startServer } from '../lib/server.mjs';
import { openPage } from './popups-harness.mjs';

const PAGES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'pages');

let browser, server;
before(async () => {
  [browser, server] = await Promise.all([launchChromium(), startServer({ root: PAGES })]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Every stamp on the page: [id, what the element is].
const stamps = (page) => page.$$eval('[data-durchblick-id]', (els) => els.map((e) => [e.dataset.durchblickId, e.id || e.className || e.tagName]));
const duplicates = (list) => list.map(([id]) => id).filter((id, i, all) => all.indexOf(id) !== i);

test('a pop-up\'s buttons keep their ids across gathers, and a new button gets an unused one', async () => {
  const { context, page } = await openPage(browser, `${server.url}/popup-consent-asymmetry/index.html`);
  try {
    const first = await page.evaluate(gatherOverlays, { sampleMs: 0 });
    const bar = first.overlays.find((o) => o.identity.includes('#consent'));
    const byLabel = (o) => Object.fromEntries(o.buttons.map((b) => [b.label, b.id]));
    const before = byLabel(bar);
    assert.deepEqual(Object.keys(before).sort(), ['Accept all cookies', 'Decline']);
    // The first button goes away (its stamp stays on it), another comes.
    await page.evaluate(() => {
      document.querySelector('.btn-reject').style.display = 'none';
      const more = document.createElement('button');
      more.className = 'btn-settings';
      more.textContent = 'Settings';
      document.getElementById('consent').append(more);
    });
    const second = await page.evaluate(gatherOverlays, { sampleMs: 0 });
    const after = byLabel(second.overlays.find((o) => o.id === bar.id));
    assert.equal(after['Accept all cookies'], before['Accept all cookies'], 'the same button, the same id');
    assert.ok(after.Settings && !Object.values(before).includes(after.Settings), `the new button has an id of its own (${after.Settings})`);
    assert.deepEqual(duplicates(await stamps(page)), [], JSON.stringify(await stamps(page)));
  } finally {
    await context.close();
  }
});

test('either gatherer first: texts[], controls[] and overlays[] give one element one id', async () => {
  for (const order of [['texts', 'overlays'], ['overlays', 'texts']]) {
    const { context, page } = await openPage(browser, `${server.url}/popup-consent-asymmetry/index.html`);
    try {
      const parts = {};
      for (const g of order) {
        parts[g] = g === 'texts' ? await page.evaluate(gatherTexts, { sampleMs: 0 }) : await page.evaluate(gatherOverlays, { sampleMs: 0 });
      }
      const bar = parts.overlays.overlays.find((o) => o.identity.includes('#consent'));
      for (const b of bar.buttons) {
        const control = parts.texts.controls.find((c) => c.label === b.label);
        const block = parts.texts.texts.find((t) => t.text === b.label);
        assert.equal(control?.id, b.id, `${order}: controls[] "${b.label}"`);
        assert.equal(block?.id, b.id, `${order}: texts[] "${b.label}"`);
        assert.equal(await page.locator(`[data-durchblick-id="${b.id}"]`).count(), 1, `${order}: ${b.id} is one element`);
      }
      assert.deepEqual(duplicates(await stamps(page)), [], `${order}: ${JSON.stringify(await stamps(page))}`);
    } finally {
      await context.close();
    }
  }
});
