// The same loader and wasm module that Node uses run in a real browser page
// (Debian's Chromium) with a strict CSP that allows no eval, and give the
// native CLI's bytes for a golden snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../lib/chromium.mjs';
import { NATIVE_CLI, ROOT, WASM_DIR } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';

const PAGE = `<!doctype html><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">
<title>loader</title><script type="module" src="/page.mjs"></script>`;
const PAGE_JS = `import { loadCore } from '/web/core/loader.js';
const snapshot = await (await fetch('/golden.json')).text();
try {
  const core = await loadCore({ baseUrl: '/wasm/' });
  window.result = { report: core.analyzeJson(snapshot), versions: core.versions };
} catch (e) { window.result = { error: String(e) }; }`;

test('loader + wasm core in Chromium under a no-eval CSP give the native bytes', async () => {
  const snapshotPath = join(ROOT, 'tests/golden/shop-product-de.snapshot.json');
  const files = {
    '/index.html': ['text/html', PAGE],
    '/page.mjs': ['text/javascript', PAGE_JS],
    '/golden.json': ['application/json', readFileSync(snapshotPath)],
    '/web/core/loader.js': ['text/javascript', readFileSync(join(ROOT, 'web/core/loader.js'))],
    '/wasm/durchblick.mjs': ['text/javascript', readFileSync(join(WASM_DIR, 'durchblick.mjs'))],
    '/wasm/durchblick.wasm': ['application/wasm', readFileSync(join(WASM_DIR, 'durchblick.wasm'))],
    '/wasm/durchblick.rules.json': ['application/json', readFileSync(join(WASM_DIR, 'durchblick.rules.json'))],
  };
  const routes = Object.fromEntries(Object.entries(files).map(([path, [type, body]]) =>
    [path, (req, res) => res.writeHead(200, { 'content-type': type }).end(body)]));
  const server = await startServer({ root: ROOT, routes, pixelFallback: false });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.result, null, { timeout: 20000 });
    const result = await page.evaluate(() => window.result);
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(errors, []);
    const native = execFileSync(NATIVE_CLI, ['analyze', snapshotPath], { encoding: 'utf8' }).trimEnd();
    assert.equal(result.report, native);
    assert.match(result.versions.rules, /\+[0-9a-f]{12}$/);
  } finally {
    await browser.close();
    await server.close();
  }
});
