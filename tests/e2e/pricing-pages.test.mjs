// The price cues end to end: each local page tests/pages/pricing-*/ is loaded
// in Debian Chromium from a real local HTTP server, gathered with the
// gatherers of web/gather/index.js (through scanner/scan-page.js), assembled
// with buildSnapshot and analysed by the wasm core. Its expect.json names the
// dark-pattern findings it must produce, exactly, with the evidence texts;
// every evidence textId must name a gathered text block and an element on
// the page (data-durchblick-id), so "show on page" can find it. Pages with
// "visits": 2 are scanned twice in one browser profile, the second time with
// the history a host remembers from the first (web/gather/history.js);
// "laterByMs" moves the page's clock forward for the second visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { launchChromium } from '../lib/chromium.mjs';
import { scanPage } from '../../scanner/scan-page.js';
import { observationsFrom } from '../../web/gather/history.js';

const pages = fileURLToPath(new URL('../pages/', import.meta.url));
const cases = readdirSync(pages).filter((d) => d.startsWith('pricing-')).sort();
let server, browser;

before(async () => {
  server = await startServer({ root: pages });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const darkFindings = (report) => report.findings.filter((f) => f.category === 'dark_pattern');

for (const name of cases) {
  const expect = JSON.parse(readFileSync(`${pages}${name}/expect.json`, 'utf8'));
  test(`${name}: ${expect.$comment}`, async () => {
    const url = `${server.url}/${name}/index.html`;
    const context = await browser.newContext();
    try {
      let history;
      if (expect.visits === 2) {
        const first = await scanPage(context, url, { timeoutMs: 20000 });
        assert.equal(first.error, null, JSON.stringify(first.error));
        history = observationsFrom(first.snapshot);
        assert.ok(history.length > 0, 'the first visit leaves something to remember');
      }
      const page = await context.newPage();
      if (expect.laterByMs) await page.clock.install({ time: Date.now() + expect.laterByMs });
      const r = await scanPage(context, url, { timeoutMs: 20000, history, page, keepPage: true });
      assert.equal(r.error, null, JSON.stringify(r.error));
      try {
        const found = darkFindings(r.report);
        const summary = JSON.stringify(found.map((f) => [f.type, f.evidence.map((e) => e.text)]));
        assert.deepEqual(found.map((f) => f.type).sort(), expect.findings.map((f) => f.type).sort(), summary);
        const unused = [...found];
        for (const want of expect.findings) {
          const i = unused.findIndex(
            (f) =>
              f.type === want.type &&
              (!want.detector || f.detector === want.detector) &&
              (want.evidence ?? []).every((t) => f.evidence.some((e) => e.text === t)) &&
              (!want.control ||
                f.evidence.some((e) => r.snapshot.controls.find((c) => c.id === e.controlId)?.label === want.control)),
          );
          assert.ok(i >= 0, `no ${want.type} with ${JSON.stringify(want)} in ${summary}`);
          unused.splice(i, 1);
        }
        for (const f of found) {
          for (const e of f.evidence) {
            for (const [field, list, prefix] of [
              ['textId', r.snapshot.texts, 't'],
              ['controlId', r.snapshot.controls, 'c'],
            ]) {
              if (!e[field]) continue;
              assert.ok(list.some((x) => x.id === e[field]), `${f.type}: ${field} ${e[field]} not in the snapshot`);
              const onPage = await r.page.locator(`[data-durchblick-id="${e[field]}"]`).count();
              assert.equal(onPage, 1, `${f.type}: ${field} ${e[field]} is not on the page (${prefix})`);
            }
          }
        }
      } finally {
        await r.close();
      }
    } finally {
      await context.close();
    }
  });
}
