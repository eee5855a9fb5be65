// The requests of a tab as the extension records them (webRequest in the
// service worker): every request once, with its type and frame, the body of
// fetch/XHR POSTs and beacons, requests made after load too; and a worker
// that is stopped after the page has loaded and started again still has
// them when it analyses the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { startExtension, waitFor } from '../lib/extension.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const html = (body) => (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const PAGE = `<!doctype html><html lang="en"><head><title>Requests</title>
<link rel="stylesheet" href="/req/style.css"><script src="/req/app.js"></script></head>
<body><p>A page that makes one request of each kind.</p><img src="/req/pixel.gif?in=page" alt="">
<iframe src="/req/frame.html" title="frame"></iframe></body></html>`;
const APP = `fetch('/req/api/cart', { method: 'POST', body: JSON.stringify({ sku: 'BL-4711' }) });
navigator.sendBeacon('http://www.google-analytics.com:' + location.port + '/g/collect', 'en=view_item&sku=BL-4711');
addEventListener('load', () => setTimeout(() => fetch('/req/late?after=load'), 300));`;
let server, ext;

before(async () => {
  execFileSync(process.execPath, [`${ROOT}tools/build-extension.mjs`], { stdio: 'pipe' });
  server = await startServer({
    root: `${ROOT}tests/pages`,
    routes: {
      '/req/': html(PAGE),
      '/req/frame.html': html('<!doctype html><img src="/req/pixel.gif?in=frame" alt="">'),
      '/req/style.css': (req, res) => res.writeHead(200, { 'content-type': 'text/css' }).end('p { color: #222 }'),
      '/req/app.js': (req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(APP),
    },
  });
  ext = await startExtension();
});
after(async () => {
  await ext?.close();
  await server?.close();
});

const expected = (base) => [
  { url: `${base}/req/`, type: 'main_frame' },
  { url: `${base}/req/style.css`, type: 'stylesheet' },
  { url: `${base}/req/app.js`, type: 'script' },
  { url: `${base}/req/pixel.gif?in=page`, type: 'image' },
  { url: `${base}/req/frame.html`, type: 'sub_frame' },
  { url: `${base}/req/pixel.gif?in=frame`, type: 'image' },
  { url: `${base}/req/api/cart`, type: 'xmlhttprequest', method: 'POST', postData: '{"sku":"BL-4711"}' },
  { url: `http://www.google-analytics.com:${server.port}/g/collect`, type: 'ping', method: 'POST', postData: 'en=view_item&sku=BL-4711' },
  { url: `${base}/req/late?after=load`, type: 'xmlhttprequest' },
];

function checkRequests(requests) {
  for (const want of expected(server.url)) {
    const got = requests.filter((r) => r.url === want.url);
    assert.equal(got.length, 1, `${want.url} recorded once (got ${got.length})`);
    for (const [k, v] of Object.entries(want)) assert.equal(got[0][k], v, `${want.url}: ${k}`);
  }
  assert.equal(new Set(requests.map((r) => r.url)).size, requests.length, 'no request recorded twice');
  assert.equal(new Set(requests.map((r) => r.id)).size, requests.length, 'ids unique');
}

test('every request of the tab once: type, frame, POST bodies of fetch and beacons, requests after load', async () => {
  const page = await ext.ctx.newPage();
  await page.goto(`${server.url}/req/`);
  const { snapshot, report } = await ext.reportFor(page.url());
  checkRequests(snapshot.requests);
  assert.ok(report.trackers.some((t) => t.company === 'Google'), 'the beacon to Google Analytics is a tracker request');
  await page.close();
});

test('a worker stopped after load and started again analyses the page with its requests', async () => {
  const page = await ext.ctx.newPage();
  await page.goto(`${server.url}/req/`);
  const tabId = await ext.tabIdOf(page.url());
  // Stored once the page has loaded (and again after the late fetch), before the analysis.
  const stored = await waitFor(() => ext.sw.evaluate(async (id) => {
    const { [`tab:${id}`]: t } = await chrome.storage.session.get(`tab:${id}`);
    return t?.requests?.some((r) => r.url.includes('/req/late')) ? t : null;
  }, tabId), 10000, 'requests stored');
  assert.equal(stored.reportJson, undefined, 'not analysed yet (the worker waits at least 3 s after load)');

  // Stop the worker (DevTools' ServiceWorker domain, from one of the extension's pages).
  const options = await ext.ctx.newPage();
  await options.goto(`chrome-extension://${ext.extId}/options/options.html`);
  const cdp = await ext.ctx.newCDPSession(options);
  const running = new Map();
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${ext.extId}/`)) running.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await waitFor(async () => running.size > 0, 10000, 'the worker seen');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await waitFor(async () => [...running.values()].every((s) => s === 'stopped'), 10000, 'worker stopped');

  // A message from the extension's page starts a new worker, which analyses the tab.
  const answer = await options.evaluate((id) => chrome.runtime.sendMessage({ type: 'analyse', tabId: id }), tabId);
  assert.ok([...running.values()].includes('running'), 'the worker runs again');
  assert.equal(answer.status, 'done');
  assert.ok(answer.report.trackers.some((t) => t.company === 'Google'));
  const sw = ext.ctx.serviceWorkers().at(-1);
  assert.equal(await sw.evaluate(() => globalThis.__durchblick.analyses), 1, 'a fresh worker did the analysis');
  const exported = await options.evaluate((id) => chrome.runtime.sendMessage({ type: 'exportData', tabId: id }), tabId);
  checkRequests(JSON.parse(exported.snapshotJson).requests);
  await options.close();
  await page.close();
});
