// The tracking fixture pages (tests/pages/tracking-<signal>/, one per signal,
// each with a negative) in Debian Chromium through scanner/scan-page.js: the
// page is served by a real local HTTP server, every "third-party" host is
// mapped to it with --host-resolver-rules, the requests are captured by
// Playwright and analysed by the wasm core. Each page must produce exactly
// the tracking findings its expect.json lists (the detectors of issue 3 and
// session recording); negatives produce none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { launchChromium, CHROMIUM_ARGS } from '../lib/chromium.mjs';
import { scanPage } from '../../scanner/scan-page.js';

const pages = fileURLToPath(new URL('../pages/', import.meta.url));
const CHECKED = new Set(['retargeting', 'product_retargeting', 'retargeted_ad', 'cookie_sync',
  'identifier_leak', 'hashed_pii', 'session_recording'].map((t) => `tracking/${t}`));
const cases = readdirSync(pages).filter((d) => /^tracking-/.test(d) && d !== 'tracking-common').sort();
let server, browser;

before(async () => {
  server = await startServer({ root: pages });
  browser = await launchChromium({ args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * 127.0.0.1'] });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('there is a positive and a negative page per signal', () => {
  const positives = cases.filter((c) => !c.endsWith('-negative'));
  assert.ok(positives.length >= 7);
  for (const c of positives) assert.ok(cases.includes(`${c}-negative`), `${c}-negative`);
});

for (const name of cases) {
  test(`fixture page ${name}`, async () => {
    const expect = JSON.parse(readFileSync(join(pages, name, 'expect.json'), 'utf8'));
    const url = `http://${expect.host}:${server.port}/${name}/index.html${expect.query ?? ''}`;
    const context = await browser.newContext();
    let r;
    try {
      r = await scanPage(context, url, { timeoutMs: 20000, quietMs: 300, history: expect.history });
    } finally {
      await context.close();
    }
    assert.equal(r.error, null, JSON.stringify(r.error));
    const got = r.report.findings.filter((f) => CHECKED.has(f.type))
      .map((f) => ({ type: f.type, title: f.title.en, evidence: f.evidence }));
    const key = (f) => `${f.type} | ${f.title}`;
    assert.deepEqual(got.map(key).sort(), expect.findings.map(key).sort(),
      `requests: ${r.snapshot.requests.map((q) => q.url).join(' ')}`);
    for (const want of expect.findings) {
      const f = got.find((g) => key(g) === key(want));
      assert.ok(f.evidence.length > 0 && f.evidence.some((e) => e.requestUrl || e.cookieName), `${key(want)}: evidence`);
      if (want.unlisted) {
        assert.ok(f.evidence.some((e) => /unlisted company/.test(e.note ?? '')), `${key(want)}: says "unlisted company"`);
      }
    }
    for (const t of expect.trackers ?? []) {
      const entry = r.report.trackers.find((x) => x.company === t.company);
      assert.equal(entry?.category, t.category, `trackers[] ${t.company}`);
    }
    if (expect.findings.some((f) => f.unlisted)) {
      assert.ok(r.report.trackers.some((t) => t.listed === false), 'trackers[] has the unlisted company');
    }
  });
}
