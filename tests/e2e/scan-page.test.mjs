// scanner/scan-page.js against a real local HTTP server and Debian Chromium:
// request capture and type mapping, cookies, the gatherers' sections, a report
// from the wasm core, and each way a page can fail becoming an error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { launchChromium, CHROMIUM_ARGS } from '../lib/chromium.mjs';
import { scanPage } from '../../scanner/scan-page.js';
import { selfSignedCertificate } from '../site/server.mjs';

const pages = fileURLToPath(new URL('../pages/', import.meta.url));
let server, browser;

before(async () => {
  server = await startServer({
    root: pages,
    routes: {
      '/hang': () => {}, // never answers
      '/dialogs': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>dialogs</title><script>for (;;) alert("again")</script>');
      },
    },
  });
  browser = await launchChromium({ args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.invalid ~NOTFOUND'] });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function scan(url, options) {
  const context = await browser.newContext();
  try {
    return await scanPage(context, url, options);
  } finally {
    await context.close();
  }
}

test('captures requests with webRequest types, cookies, gatherer sections and a core report', async () => {
  const url = `${server.url}/scanner-network/index.html`;
  const r = await scan(url, { timeoutMs: 20000 });
  assert.equal(r.error, null);
  const types = (kind) => r.snapshot.requests.filter((q) => q.url.includes(kind)).map((q) => q.type);
  assert.deepEqual(types('/scanner-network/index.html'), ['main_frame']);
  assert.deepEqual(types('frame.html'), ['sub_frame']);
  assert.deepEqual(types('style.css'), ['stylesheet']);
  assert.deepEqual(types('app.js'), ['script']);
  assert.deepEqual(types('kind=image'), ['image']);
  assert.deepEqual(types('kind=fetch'), ['xmlhttprequest']);
  assert.deepEqual(types('kind=xhr'), ['xmlhttprequest']);
  assert.deepEqual(types('kind=beacon'), ['ping']);
  const beacon = r.snapshot.requests.find((q) => q.url.includes('kind=beacon'));
  assert.equal(beacon.method, 'POST');
  assert.equal(beacon.postData, 'payload=1');
  const frameImage = r.snapshot.requests.find((q) => q.url.includes('kind=frame-image'));
  assert.equal(frameImage.frameUrl, `${server.url}/scanner-network/frame.html`);
  assert.equal(frameImage.initiator, server.url);
  assert.equal(r.snapshot.requests[0].status, 200);
  assert.ok(r.snapshot.cookies.some((c) => c.name === 'fixture_id' && c.value === 'abc123def456' && c.domain === '127.0.0.1'));
  assert.equal(r.snapshot.schema, 'durchblick.snapshot/1');
  assert.equal(r.snapshot.url, url);
  assert.equal(r.snapshot.title, 'Network capture fixture');
  assert.equal(r.report.schema, 'durchblick.report/1');
  assert.equal(r.report.url, url);
  assert.ok(Number.isInteger(r.report.score));
  assert.match(r.report.engine.snapshotSha256, /^[0-9a-f]{64}$/);
});

test('a DNS failure is an error, not an exception', async () => {
  const r = await scan('http://no-such-host.invalid/', { timeoutMs: 10000 });
  assert.equal(r.error.code, 'dns');
  assert.equal(r.snapshot, null);
});

test('a TLS failure (self-signed certificate) is an error', async () => {
  const tls = await startServer({ root: pages, tls: selfSignedCertificate() });
  try {
    const r = await scan(`${tls.url}/scanner-click/index.html`, { timeoutMs: 10000 });
    assert.equal(r.error?.code, 'tls', JSON.stringify(r.error));
  } finally {
    await tls.close();
  }
});

test('a page that never answers times out', async () => {
  const r = await scan(`${server.url}/hang`, { timeoutMs: 1500 });
  assert.equal(r.error.code, 'timeout');
  assert.equal(r.error.stage, 'navigation');
});

test('a crashing renderer is an error', async () => {
  const r = await scan('chrome://crash', { timeoutMs: 10000 });
  assert.equal(r.error.code, 'crash');
});

test('endless dialogs are an error', async () => {
  const r = await scan(`${server.url}/dialogs`, { timeoutMs: 10000, maxDialogs: 5 });
  assert.equal(r.error.code, 'dialogs');
});

test('keepPage: regather() sees what happened after a click, with every request since navigation', async () => {
  const context = await browser.newContext();
  try {
    const first = await scanPage(context, `${server.url}/scanner-click/index.html`, { keepPage: true, timeoutMs: 20000 });
    assert.equal(first.error, null);
    assert.ok(!first.snapshot.requests.some((q) => q.url.includes('after=click')));
    await first.page.click('#go');
    const second = await first.regather({ history: [{ kind: 'price', key: 'k', value: '1 €', url: 'u', seenAtMs: 1 }] });
    assert.equal(second.error, null);
    assert.equal(second.snapshot.title, 'Clicked');
    assert.ok(second.snapshot.requests.some((q) => q.url.includes('after=click') && q.type === 'xmlhttprequest'));
    assert.ok(second.snapshot.requests.some((q) => q.type === 'main_frame'));
    assert.equal(second.snapshot.history.length, 1);
    await first.close();
    assert.ok(first.page.isClosed());
  } finally {
    await context.close();
  }
});
