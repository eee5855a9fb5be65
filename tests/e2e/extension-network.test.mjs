// The extension makes no network request of its own. Every request the
// browser makes, loopback included, goes through a recording proxy. The
// control is the same browser with an empty extension visiting the same
// pages: Chromium itself contacts some Google services when a profile starts
// (update.googleapis.com, accounts.google.com) whatever the extension does.
// With Durchblick analysing, showing and exporting the pages, the proxy must
// see nothing the control did not: the same page requests (full URL) and no
// other host. A positive control (a tab the service worker opens) shows that
// the proxy would see a request the extension starts; the extension's CSP
// refuses fetches to anywhere but itself as a second line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchWithExtension } from '../lib/chromium.mjs';
import { startExtension, HOST_RULES } from '../lib/extension.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let server, proxy;
const seen = [];

/** An HTTP proxy that records each request and serves it from the test server. */
async function startProxy(target) {
  const p = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const u = new URL(req.url);
    const fwd = request({ host: '127.0.0.1', port: target.port, path: u.pathname + u.search, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.on('error', () => res.destroy());
      up.pipe(res);
    });
    fwd.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    // Chromium drops connections when a browser closes (ECONNRESET): that
    // ends the one exchange, it is not the test's failure.
    req.on('error', () => fwd.destroy());
    res.on('error', () => fwd.destroy());
    req.pipe(fwd);
  });
  p.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  p.on('clientError', (err, socket) => socket.destroy());
  await new Promise((ok) => p.listen(0, '127.0.0.1', ok));
  return { port: p.address().port, close: () => new Promise((ok) => { p.closeAllConnections(); p.close(ok); }) };
}

before(async () => {
  execFileSync(process.execPath, [`${ROOT}tools/build-extension.mjs`], { stdio: 'pipe' });
  server = await startServer({ root: `${ROOT}tests/pages` });
  proxy = await startProxy(server);
});
after(async () => {
  await proxy?.close();
  await server?.close();
});

const proxyArgs = () => [`--proxy-server=http://127.0.0.1:${proxy.port}`, '--proxy-bypass-list=<-loopback>'];
const settle = (ms) => new Promise((r) => setTimeout(r, ms));

test('the extension makes no network request of its own', async () => {
  const pages = ['/ext-shop/', '/ext-clean/'];
  // Page requests compare by full URL, anything else by host.
  const key = (r) => {
    const [method, url] = r.split(' ');
    const u = new URL(method === 'CONNECT' ? `https://${url}` : url);
    return u.port === String(server.port) ? r : `${method} ${u.hostname}`;
  };
  // The control: an empty extension, the same pages.
  const blank = mkdtempSync(join(tmpdir(), 'durchblick-blank-'));
  writeFileSync(join(blank, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'blank', version: '1.0' }));
  const control = await launchWithExtension(blank, { extraArgs: [HOST_RULES, ...proxyArgs()] });
  const page0 = await control.newPage();
  for (const p of pages) {
    await page0.goto(`${server.url}${p}`);
    await settle(1500);
    await page0.reload();
    await settle(1500);
  }
  await control.close();
  const baseline = new Set(seen.splice(0).map(key));
  assert.ok(baseline.has(`GET ${server.url}/ext-shop/`), 'the proxy sees the page');
  assert.ok(baseline.has(`GET http://dis.criteo.com:${server.port}/dis/dis.aspx?p=BL-4711&c=2&cb=42`), 'and its third-party requests');

  const ext = await startExtension({ extraArgs: proxyArgs() });
  try {
    const page = await ext.ctx.newPage();
    for (const p of pages) {
      await page.goto(`${server.url}${p}`);
      const first = await ext.reportFor(page.url());
      await page.reload();
      await ext.reportFor(page.url(), { after: first.analysedAtMs });
      // Everything the user can do in the popup and the report page.
      const popup = await ext.openPopup(first.tabId);
      await popup.click('#reanalyse');
      await popup.waitForSelector('body[data-state="report"]');
      const [report] = await Promise.all([ext.ctx.waitForEvent('page'), popup.click('#export-html')]);
      await report.waitForEvent('download');
      await report.close();
      await popup.close();
    }
    const options = await ext.ctx.newPage();
    await options.goto(`chrome-extension://${ext.extId}/options/options.html`);
    await options.waitForSelector('body[data-ready="1"]');
    await settle(500);
    const withExtension = seen.splice(0);
    assert.ok(withExtension.length > 0);
    assert.deepEqual(withExtension.filter((r) => !baseline.has(key(r))), []);

    // The extension's CSP (connect-src 'self') refuses a fetch to anywhere else ...
    const fetched = await ext.sw.evaluate(() => fetch('http://telemetry.example/collect').then(() => 'sent', (e) => String(e)));
    assert.match(fetched, /Failed to fetch/);
    // ... and a request the extension starts by other means would be seen (positive control).
    await ext.sw.evaluate(() => chrome.tabs.create({ url: 'http://telemetry.example/collect' }));
    await settle(500);
    assert.ok(seen.splice(0).includes('GET http://telemetry.example/collect'));
  } finally {
    await ext.close();
  }
});
