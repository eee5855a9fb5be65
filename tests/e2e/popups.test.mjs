// Pop-up fixtures end to end: each tests/pages/popup-*/ page is served by a
// real local HTTP server, scanned in Debian's Chromium by the scanner's
// scanPage (every gatherer, its init scripts at document_start), acted on as
// its expect.json says, regathered and analysed by the wasm core. The pop-up findings
// must be exactly the expected ones, each with evidence pointing at the
// expected element (resolved through the data-durchblick-id stamps).
//
//   node --test tests/e2e/popups.test.mjs        (needs build-wasm/: scripts/build)
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { loadCore } from '../../web/core/loader.js';
import { launchChromium } from '../lib/chromium.mjs';
import { assertValid, validateSnapshot } from '../lib/schemas.mjs';
import { startServer } from '../lib/server.mjs';
import { newContext, scanFixture, stampedMatches } from './popups-harness.mjs';

const PAGES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'pages');
const FIXTURES = readdirSync(PAGES)
  .filter((d) => d.startsWith('popup-') && !d.startsWith('popup-hostile-') && existsSync(join(PAGES, d, 'expect.json'))).sort();

let browser, server, core;
before(async () => {
  [browser, server, core] = await Promise.all([launchChromium(), startServer({ root: PAGES }), loadCore()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('pop-up fixtures', () => {
  test('there are positive and negative fixtures', () => {
    assert.ok(FIXTURES.filter((f) => f.startsWith('popup-neg-')).length >= 4);
    assert.ok(FIXTURES.filter((f) => !f.startsWith('popup-neg-')).length >= 10);
  });

  for (const name of FIXTURES) {
    test(name, async () => {
      const spec = JSON.parse(readFileSync(join(PAGES, name, 'expect.json'), 'utf8'));
      const url = `${server.url}/${name}/index.html`;
      const context = await newContext(browser, url, { permissions: spec.permissions ?? [] });
      try {
        const { snapshot, report, gatherErrors, page } = await scanFixture(context, url, {
          core, waitMs: spec.waitMs, actions: spec.actions, overrides: { overlays: { sampleMs: 0, ...(spec.gather ?? {}) } } });
        assert.deepEqual(gatherErrors, []);
        assertValid(validateSnapshot, snapshot, name);
        if (spec.expectPermission) assert.equal(snapshot.pageState.notificationPermission, spec.expectPermission);
        assert.equal(report.error, undefined, JSON.stringify(report.error));
        const got = report.findings.filter((f) => f.category === 'popup');
        const summary = got.map((f) => `${f.type}: ${f.evidence.map((e) => e.note).join('; ')}`).join('\n  ');
        assert.deepEqual(got.map((f) => f.type).sort(), spec.expect.map((e) => e.type).sort(), `findings:\n  ${summary}`);
        for (const want of spec.expect) {
          const f = got.find((x) => x.type === want.type);
          assert.ok(f.evidence.length > 0, `${want.type} has evidence`);
          assert.ok(f.explanation.de && f.explanation.en && !/[{}]/.test(f.explanation.de + f.explanation.en), `${want.type}: explanation filled`);
          if (want.overlay) {
            const ids = f.evidence.map((e) => e.overlayId).filter(Boolean);
            assert.ok(ids.length > 0, `${want.type}: evidence names an overlay`);
            assert.ok(await stampedMatches(page, ids[0], want.overlay), `${want.type}: overlay ${ids[0]} is ${want.overlay}`);
          }
          if (want.control) {
            const ids = f.evidence.map((e) => e.controlId).filter(Boolean);
            let hit = false;
            for (const id of ids) hit ||= await stampedMatches(page, id, want.control);
            assert.ok(hit, `${want.type}: a control in the evidence is ${want.control} (got ${ids.join(', ')})`);
            for (const id of ids) assert.ok(snapshot.controls.some((c) => c.id === id), `${id} is in controls[]`);
          }
          if (want.note) assert.ok(f.evidence.some((e) => (e.note ?? '').includes(want.note)), `${want.type}: a note contains "${want.note}"`);
        }
        // Every element the evidence of any finding names is one element on
        // the page ("show on page"): also text findings on a pop-up's control,
        // which the texts gatherer stamped before the overlay gatherer saw it.
        for (const f of report.findings) {
          for (const e of f.evidence) {
            for (const k of ['textId', 'controlId', 'overlayId']) {
              if (e[k]) assert.equal(await page.locator(`[data-durchblick-id="${e[k]}"]`).count(), 1, `${f.type}: ${k} ${e[k]} is one element on the page`);
            }
          }
        }
      } finally {
        await context.close();
      }
    });
  }
});
