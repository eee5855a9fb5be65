// The shared renderer in a real browser (Debian Chromium): report text from a
// hostile page stays text in the DOM output (popup, web viewer) and in the
// exported document; nothing of it runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { launchChromium } from '../lib/chromium.mjs';
import { reportHtmlDocument } from '../../web/report/render.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const hostile = JSON.parse(readFileSync(new URL('./fixtures/hostile-report.json', import.meta.url), 'utf8'));
let server, browser, exported;

before(async () => {
  exported = await reportHtmlDocument(hostile, { lang: 'en' });
  server = await startServer({
    root: ROOT,
    routes: {
      '/blank': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>t</title>'),
      '/export': (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(exported),
    },
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// What a page would look like if anything hostile had run or become markup.
const inspect = () => ({
  pwned: window.__pwned ?? null,
  scripts: document.querySelectorAll('script').length,
  handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
  jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^https?:/.test(a.href)).length,
  foreignTags: [...document.querySelectorAll('main *')].map((el) => el.localName).filter((n) => ['img', 'svg', 'i', 'u'].includes(n)).length,
  text: document.body.textContent,
});

test('DOM output: hostile report text is inert', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/blank`);
  await page.evaluate(async (report) => {
    const { renderReport } = await import('/web/report/render.js');
    document.body.append(renderReport(report, { lang: 'de', showOnPage: true }));
    for (const b of document.querySelectorAll('button')) b.focus();
  }, hostile);
  await page.hover('main');
  await page.waitForTimeout(100);
  const r = await page.evaluate(inspect);
  assert.deepEqual({ pwned: r.pwned, scripts: r.scripts, handlers: r.handlers, jsLinks: r.jsLinks, foreign: r.foreignTags },
    { pwned: null, scripts: 0, handlers: [], jsLinks: 0, foreign: 0 });
  assert.ok(r.text.includes('<script>window.__pwned=3</script>'), 'hostile text shown as text');
  assert.ok(r.text.includes('<img src=x onerror=window.__pwned=6>'));
  const show = await page.getAttribute('button.db-show', 'data-show');
  assert.equal(show, 't1" onfocus="window.__pwned=5');
  await page.close();
});

test('exported document: hostile report text is inert, CSP enforced', async () => {
  const page = await browser.newPage();
  const violations = [];
  page.on('console', (m) => violations.push(m.text()));
  await page.goto(`${server.url}/export`);
  const r = await page.evaluate(inspect);
  assert.deepEqual({ pwned: r.pwned, scripts: r.scripts, handlers: r.handlers, jsLinks: r.jsLinks, foreign: r.foreignTags },
    { pwned: null, scripts: 0, handlers: [], jsLinks: 0, foreign: 0 });
  assert.ok(r.text.includes('<script>window.__pwned=10</script>'));
  // The inline stylesheet is allowed by its hash (the page is styled) ...
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.db-total')).borderRadius);
  assert.equal(bg, '42px');
  // ... and an injected inline script would not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__csp = 1';
    document.head.append(s);
    return window.__csp ?? null;
  });
  assert.equal(ran, null);
  await page.close();
});
