// The assembled extension in Debian Chromium (headless, unpacked, MV3) on
// local fixture pages served by a real HTTP server: badge, popup in English
// and German, "show on page", exports, accessibility and keyboard use, and
// hostile page text. Screenshots go to out/screenshots/.
//
// Needs the wasm build (build-wasm/); assembles build/extension itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { startExtension } from '../lib/extension.mjs';
import { BAND_COLOURS } from '../../web/report/style.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = `${ROOT}out/screenshots`;
const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');
const shopExpect = JSON.parse(readFileSync(`${ROOT}tests/pages/ext-shop/expect.json`, 'utf8'));
let server, en;

before(async () => {
  execFileSync(process.execPath, [`${ROOT}tools/build-extension.mjs`], { stdio: 'pipe' });
  mkdirSync(OUT, { recursive: true });
  server = await startServer({ root: `${ROOT}tests/pages` });
  en = await startExtension({ lang: 'en' });
});
after(async () => {
  await en?.close();
  await server?.close();
});

const hex = (rgba) => `#${rgba.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const gathered = (report, section) => !report.notApplicable.some((n) => n.missing.includes(section));

async function visit(ext, path) {
  const page = await ext.ctx.newPage();
  await page.goto(`${server.url}${path}`);
  return { page, ...(await ext.reportFor(page.url())) };
}

test('badge: nothing until analysed, then the score in its band colour; manipulative shop vs clean page', async () => {
  const shop = await visit(en, '/ext-shop/');
  for (const type of shopExpect.expectFindings) assert.ok(shop.report.findings.some((f) => f.type === type), `finding ${type}`);
  for (const [section, types] of Object.entries(shopExpect.expectFindingsWhenGathered)) {
    if (!gathered(shop.report, section)) continue;
    for (const type of types) assert.ok(shop.report.findings.some((f) => f.type === type), `finding ${type} (${section} gathered)`);
  }
  assert.deepEqual([...new Set(shop.report.trackers.map((t) => t.company))].sort(), shopExpect.expectCompanies);
  assert.ok(shop.report.score >= Number(shopExpect.expectScore.slice(2)));
  let badge = await en.badge(shop.tabId);
  assert.equal(badge.text, String(shop.report.score));
  assert.equal(hex(badge.colour), BAND_COLOURS[shop.report.band.id]);

  // A reload clears the badge until the new analysis is done.
  await shop.page.reload({ waitUntil: 'commit' });
  assert.equal((await en.badge(shop.tabId)).text, '');
  const again = await en.reportFor(shop.page.url(), { after: shop.analysedAtMs });
  assert.equal((await en.badge(shop.tabId)).text, String(again.report.score));

  const clean = await visit(en, '/ext-clean/');
  assert.equal(clean.report.score, 0);
  assert.deepEqual(clean.report.findings, []);
  badge = await en.badge(clean.tabId);
  assert.equal(badge.text, '0');
  assert.equal(hex(badge.colour), BAND_COLOURS.fair);
  assert.ok(shop.report.score > clean.report.score);
  await shop.page.close();
  await clean.page.close();
});

async function popupFindings(popup) {
  return popup.$$eval('.db-family', (families) => families.map((f) => ({
    category: f.dataset.category,
    heading: f.querySelector('h2').firstChild.textContent,
    titles: [...f.querySelectorAll('.db-finding h3')].map((h) => h.textContent),
    weights: [...f.querySelectorAll('.db-weight')].map((w) => w.textContent),
  })));
}

test('popup in English: score, subscores, findings by family with weights, companies', async () => {
  const shop = await visit(en, '/ext-shop/');
  const popup = await en.openPopup(shop.tabId);
  assert.equal(await popup.getAttribute('html', 'lang'), 'en');
  assert.equal(await popup.textContent('.db-num'), String(shop.report.score));
  const families = await popupFindings(popup);
  const want = ['tracking', 'dark_pattern', 'popup']
    .map((c) => ({ c, list: shop.report.findings.filter((f) => f.category === c) }))
    .filter((x) => x.list.length)
    .map(({ c, list }) => ({ category: c, heading: { tracking: 'Tracking', dark_pattern: 'Dark patterns', popup: 'Pop-ups' }[c],
      titles: list.map((f) => f.title.en), weights: list.map((f) => `+${f.weight}`) }));
  assert.deepEqual(families, want);
  assert.ok(families[0].titles.includes('Advertising tracker: Criteo'));
  const companies = await popup.$$eval('.db-trackers tbody tr', (rows) => rows.map((r) => r.dataset.company));
  assert.deepEqual([...new Set(companies)].sort(), shopExpect.expectCompanies);
  assert.equal(await popup.textContent('#reanalyse'), 'Analyse again');
  await popup.screenshot({ path: `${OUT}/popup-en.png`, fullPage: true });
  await popup.close();
  await shop.page.close();
});

test('popup in German (browser language de)', async () => {
  const de = await startExtension({ lang: 'de' });
  try {
    const shop = await visit(de, '/ext-shop/');
    const popup = await de.openPopup(shop.tabId);
    assert.equal(await popup.getAttribute('html', 'lang'), 'de');
    const families = await popupFindings(popup);
    assert.equal(families[0].heading, 'Verfolgung');
    assert.deepEqual(families.flatMap((f) => f.titles).sort(), shop.report.findings.map((f) => f.title.de).sort());
    assert.ok(families[0].titles.includes('Werbe-Tracker: Criteo'));
    assert.equal(await popup.textContent('#reanalyse'), 'Neu auswerten');
    assert.equal(await popup.textContent('#export-heading'), 'Als Beleg exportieren');
    assert.match(await popup.textContent('.db-subscores'), /nicht geprüft|\/ 100/);
    await popup.screenshot({ path: `${OUT}/popup-de.png`, fullPage: true });
  } finally {
    await de.close();
  }
});

test('"show on page" scrolls to the evidence and outlines it', async (t) => {
  const shop = await visit(en, '/ext-shop/');
  const withElement = shop.report.findings.find((f) => f.evidence.some((e) => e.textId || e.controlId || e.overlayId));
  if (!withElement) {
    t.skip('no finding with element evidence: needs a gatherer that stamps data-durchblick-id (web/gather/texts.js, overlays.js) on main');
    await shop.page.close();
    return;
  }
  const popup = await en.openPopup(shop.tabId);
  const button = popup.locator(`[data-finding="${withElement.id}"] button.db-show`);
  const ids = (await button.getAttribute('data-show')).split(' ');
  await shop.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await button.click();
  await popup.waitForFunction(() => document.getElementById('status').textContent !== '');
  const outlined = await shop.page.$$eval('[data-durchblick-shown]', (els) => els.map((e) => ({
    id: e.dataset.durchblickId, outline: e.style.outlineStyle, visible: e.getBoundingClientRect().bottom > 0 && e.getBoundingClientRect().top < innerHeight,
  })));
  assert.ok(outlined.length >= 1);
  for (const o of outlined) assert.ok(ids.includes(o.id) && o.outline === 'solid');
  await shop.page.waitForFunction(() => { const e = document.querySelector('[data-durchblick-shown]'); const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
  await shop.page.screenshot({ path: `${OUT}/show-on-page.png` });
  await popup.close();
  await shop.page.close();
});

test('export: self-contained HTML report opens offline; JSON is the core output; PDF prints', async () => {
  const shop = await visit(en, '/ext-shop/');
  const popup = await en.openPopup(shop.tabId);
  const exportFrom = async (button) => {
    const [reportPage] = await Promise.all([en.ctx.waitForEvent('page'), popup.click(button)]);
    const download = await reportPage.waitForEvent('download');
    const path = `${ROOT}out/${download.suggestedFilename()}`;
    await download.saveAs(path);
    await reportPage.close();
    return path;
  };
  const htmlPath = await exportFrom('#export-html');
  // What was exported is the tab's report at that moment (a later analysis may have replaced the first).
  const current = JSON.parse(await en.sw.evaluate((id) => globalThis.__durchblick.tabs.get(id).reportJson, shop.tabId));
  assert.match(htmlPath, /durchblick-127\.0\.0\.1-\d{4}-\d\d-\d\d\.html$/);
  const html = readFileSync(htmlPath, 'utf8');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
  assert.ok(!html.includes('<script'));

  await en.ctx.setOffline(true);
  const viewer = await en.ctx.newPage();
  const failed = [];
  viewer.on('requestfailed', (r) => failed.push(r.url()));
  const seen = await viewer.goto(pathToFileURL(htmlPath).href).then(() => viewer.evaluate(() => ({
    score: document.querySelector('.db-num').textContent,
    titles: [...document.querySelectorAll('.db-finding h3')].map((h) => h.textContent),
    shot: document.querySelector('.db-shot img')?.naturalWidth ?? 0,
    meta: document.querySelector('.db-meta').textContent,
    styled: getComputedStyle(document.querySelector('.db-total')).borderRadius,
  }))).finally(() => en.ctx.setOffline(false));
  assert.equal(seen.score, String(current.score));
  // Grouped by family (tracking, dark patterns, pop-ups), the core's order within each.
  const byFamily = ['tracking', 'dark_pattern', 'popup'].flatMap((c) => current.findings.filter((f) => f.category === c));
  assert.deepEqual(seen.titles, byFamily.map((f) => f.title.en));
  assert.ok(seen.shot > 0, 'screenshot from captureVisibleTab embedded');
  assert.ok(seen.meta.includes(current.engine.snapshotSha256) && seen.meta.includes(current.engine.rules));
  assert.equal(seen.styled, '42px');
  assert.deepEqual(failed, []);
  await viewer.screenshot({ path: `${OUT}/report.png`, fullPage: true });
  await viewer.close();

  const jsonPath = await exportFrom('#export-json');
  assert.equal(readFileSync(jsonPath, 'utf8'), await en.sw.evaluate((id) => globalThis.__durchblick.tabs.get(id).reportJson, shop.tabId));

  const printable = await en.ctx.newPage();
  await printable.goto(`chrome-extension://${en.extId}/report/report.html?tab=${shop.tabId}`);
  await printable.waitForSelector('body[data-ready="1"]');
  const pdf = await printable.pdf({ format: 'A4' });
  writeFileSync(`${OUT}/report.pdf`, pdf);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  if (existsSync('/usr/bin/pdftoppm')) {
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', `${OUT}/report.pdf`, `${OUT}/report-pdf`]);
  }
  await printable.close();
  await popup.close();
  await shop.page.close();
});

async function seriousAxe(page) {
  await page.evaluate(AXE);
  const r = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('popup, options and report page: no serious axe-core violations; the popup works by keyboard', async () => {
  const shop = await visit(en, '/ext-shop/');
  const popup = await en.openPopup(shop.tabId);
  assert.deepEqual(await seriousAxe(popup), []);

  // Tab reaches every control, in document order, each with a visible focus ring.
  const controls = await popup.$$eval('button:not([hidden]), summary, a[href]', (els) => els.filter((e) => e.offsetParent).length);
  const reached = [];
  for (let i = 0; i < controls + 1; i++) {
    await popup.keyboard.press('Tab');
    reached.push(await popup.evaluate(() => {
      const e = document.activeElement;
      return { key: `${e.localName}#${e.id}|${e.textContent.slice(0, 40)}|${[...document.querySelectorAll('*')].indexOf(e)}`,
        ring: getComputedStyle(e).outlineStyle !== 'none' };
    }));
  }
  assert.equal(new Set(reached.slice(0, controls).map((r) => r.key)).size, controls, 'every control reached once');
  assert.ok(reached.slice(0, controls).every((r) => r.ring), 'focus visible');
  // Enter on a folded evidence list opens it.
  await popup.focus('.db-finding summary');
  await popup.keyboard.press('Enter');
  assert.equal(await popup.$eval('.db-finding details', (d) => d.open), true);

  const options = await en.ctx.newPage();
  await options.goto(`chrome-extension://${en.extId}/options/options.html`);
  await options.waitForSelector('body[data-ready="1"]');
  assert.deepEqual(await seriousAxe(options), []);
  await options.screenshot({ path: `${OUT}/options.png`, fullPage: true });
  const report = await en.ctx.newPage();
  await report.goto(`chrome-extension://${en.extId}/report/report.html?tab=${shop.tabId}`);
  await report.waitForSelector('body[data-ready="1"]');
  assert.deepEqual(await seriousAxe(report), []);
  for (const p of [options, report, popup, shop.page]) await p.close();
});

// What a document would show if hostile text had become markup or run.
const inert = () => ({
  pwned: window.__pwned ?? null,
  scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '')),
  handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
  jsLinks: [...document.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => !/^https?:/.test(h)),
  foreign: document.querySelectorAll('main img:not(.db-shot img), main svg, main iframe').length,
});

test('hostile page text renders inert in the popup and in the exported report', async () => {
  const hostile = await visit(en, '/ext-hostile/');
  const popup = await en.openPopup(hostile.tabId);
  await popup.locator('details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  assert.deepEqual(await popup.evaluate(inert), { pwned: null, scripts: ['/popup/popup.js'], handlers: [], jsLinks: [], foreign: 0 });

  const [reportPage] = await Promise.all([en.ctx.waitForEvent('page'), popup.click('#export-html')]);
  const download = await reportPage.waitForEvent('download');
  const path = `${ROOT}out/hostile-report.html`;
  await download.saveAs(path);
  const viewer = await en.ctx.newPage();
  await viewer.goto(pathToFileURL(path).href);
  assert.deepEqual(await viewer.evaluate(inert), { pwned: null, scripts: [], handlers: [], jsLinks: [], foreign: 0 });
  assert.ok((await viewer.textContent('body')).includes(`<img src=x onerror="window.__pwned='title'">`), 'hostile title shown as text');
  for (const p of [viewer, reportPage, popup]) await p.close();

  // The popup given a report full of markup in every field (as a page could
  // smuggle into evidence) shows all of it as text.
  const fixture = readFileSync(`${ROOT}tests/js/fixtures/hostile-report.json`, 'utf8');
  await en.sw.evaluate(([id, json]) => { globalThis.__durchblick.tabs.get(id).reportJson = json; }, [hostile.tabId, fixture]);
  const injected = await en.openPopup(hostile.tabId);
  await injected.locator('details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  assert.deepEqual(await injected.evaluate(inert), { pwned: null, scripts: ['/popup/popup.js'], handlers: [], jsLinks: [], foreign: 0 });
  const text = await injected.textContent('#report');
  assert.ok(text.includes('<script>window.__pwned=3</script>') && text.includes('<img src=x onerror=window.__pwned=6>'));
  await injected.screenshot({ path: `${OUT}/popup-hostile.png`, fullPage: true });
  await injected.close();
  await hostile.page.close();
});
