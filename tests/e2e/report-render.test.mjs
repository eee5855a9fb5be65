// `durchblick report`: the HTML (shared renderer) and the PDF (Chromium's
// print) of a report render; the PDF is turned into pages (pdftoppm) and
// checked for ink and text (pdftotext). Hostile report content renders inert
// in the HTML report, shown as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from '../lib/chromium.mjs';
import { hostileReport, HOSTILE_MARKERS } from '../lib/hostile-report.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'scanner/cli.js');
const work = mkdtempSync(join(tmpdir(), 'durchblick-report-'));
let browser;

// A report as the core writes it (shape of docs/report.md), kept small and fixed here so this test
// needs no wasm build; the findings' words are the renderer's input, not its output.
const report = {
  schema: 'durchblick.report/1',
  url: 'https://shop.example/product/4711',
  title: 'ProSound X2 – Kopfhörer',
  capturedAtMs: 1780000000000,
  score: 47,
  band: { id: 'manipulative', label: { de: 'manipulativ', en: 'manipulative' } },
  subscores: { tracking: 60, dark_patterns: 45, popups: null },
  points: { tracking: 21, dark_patterns: 26, popups: 0 },
  findings: [
    { id: 'f1', category: 'dark_pattern', type: 'scarcity/low_stock', detector: 'dark-pattern-text', severity: 'medium', weight: 8,
      title: { de: 'Knappheit: „nur noch wenige“', en: 'Scarcity: "only a few left"' },
      explanation: { de: 'Die Seite behauptet, es gebe nur noch wenige Stück.', en: 'The page claims only a few items are left.' },
      evidence: [{ textId: 't3', text: 'Nur noch 2 Stück auf Lager!' }] },
    { id: 'f2', category: 'tracking', type: 'tracking/retargeting', detector: 'retargeting', severity: 'high', weight: 12,
      title: { de: 'Retargeting durch Criteo', en: 'Retargeting by Criteo' },
      explanation: { de: 'Criteo erfährt, welches Produkt Sie ansehen.', en: 'Criteo learns which product you look at.' },
      evidence: [{ requestUrl: 'https://sslwidget.criteo.com/event?a=1&p0=e%3Dvp%26p%3DSKU-4711', note: 'product id SKU-4711' }] },
  ],
  trackers: [{ company: 'Criteo', category: 'advertising', hosts: ['sslwidget.criteo.com'], requests: 3, retargeting: true, listed: true }],
  notApplicable: [{ detector: 'blocking-overlay', category: 'popup', missing: ['overlays'] }],
  engine: { core: '0.1.0', rules: '0.1.0+test', snapshotSha256: 'a'.repeat(64) },
};

before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

function pgmInk(path) {
  // Binary PGM (P5): the fraction of pixels darker than mid-grey.
  const buf = readFileSync(path);
  const header = buf.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  assert.ok(header, 'a binary PGM');
  const [, w, h] = header.map(Number);
  const pixels = buf.subarray(header[0].length);
  assert.equal(pixels.length, w * h);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return { w, h, ink: dark / pixels.length };
}

test('report FILE.json --pdf writes an HTML and a PDF whose pages show the report', () => {
  const file = join(work, 'report.json');
  writeFileSync(file, JSON.stringify(report));
  const r = spawnSync(process.execPath, [CLI, 'report', file, '--pdf'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [join(work, 'report.html'), join(work, 'report.pdf')]);
  const html = readFileSync(join(work, 'report.html'), 'utf8');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.ok(readFileSync(join(work, 'report.pdf')).subarray(0, 5).toString() === '%PDF-');

  // Pages as images: PNG for people to look at, PGM to measure ink.
  assert.equal(spawnSync('pdftoppm', ['-r', '60', '-png', join(work, 'report.pdf'), join(work, 'page')]).status, 0);
  assert.equal(spawnSync('pdftoppm', ['-r', '60', '-gray', join(work, 'report.pdf'), join(work, 'gray')]).status, 0);
  const pngs = readdirSync(work).filter((n) => /^page-\d+\.png$/.test(n));
  assert.ok(pngs.length >= 1);
  for (const n of pngs) assert.ok(readFileSync(join(work, n)).subarray(1, 4).toString() === 'PNG');
  const first = pgmInk(join(work, readdirSync(work).filter((n) => /^gray-\d+\.pgm$/.test(n)).sort()[0]));
  assert.ok(first.w > 400 && first.h > first.w, `A4 portrait page, got ${first.w}×${first.h}`);
  assert.ok(first.ink > 0.005 && first.ink < 0.5, `page 1 has text and is not a black box (ink ${first.ink})`);
  // The words of the report are on the pages.
  const text = spawnSync('pdftotext', ['-layout', join(work, 'report.pdf'), '-'], { encoding: 'utf8' }).stdout;
  for (const s of ['47', 'Scarcity: "only a few left"', 'Nur noch 2 Stück auf Lager!', 'Retargeting by Criteo', 'Criteo', 'aaaaaaaa']) {
    assert.ok(text.includes(s), `PDF text has ${s}`);
  }
});

test('report --lang de and a results.jsonl row with a screenshot', () => {
  // A 1×1 PNG as the row's screenshot: embedded as a data: URL.
  const shot = join(work, 'shot.png');
  writeFileSync(shot, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  const file = join(work, 'row.json');
  writeFileSync(file, JSON.stringify({ schema: 'durchblick.scan-row/1', url: report.url, ok: true, report, files: { screenshot: shot } }));
  const r = spawnSync(process.execPath, [CLI, 'report', file, '--lang', 'de', '-o', join(work, 'row.html')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(join(work, 'row.html'), 'utf8');
  assert.match(html, /<html lang="de">/);
  assert.match(html, /Knappheit: „nur noch wenige“/);
  assert.match(html, /<img src="data:image\/png;base64,iVBOR/);
});

test('bad input: exit 2 with a one-line error', () => {
  const bad = join(work, 'bad.json');
  writeFileSync(bad, '{"schema":"something/else"}');
  for (const [args, re] of [[['report', bad], /not a durchblick\.report\/1/], [['report', join(work, 'nope.json')], /cannot open/], [['report'], /exactly one FILE/]]) {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});

test('hostile report content renders inert in the HTML report', async () => {
  const file = join(work, 'hostile.json');
  writeFileSync(file, JSON.stringify(hostileReport(report)));
  const r = spawnSync(process.execPath, [CLI, 'report', file, '--pdf'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(join(work, 'hostile.html'), 'utf8');
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<svg/i);
  assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i); // no handler attribute inside a real tag
  assert.doesNotMatch(html, /href="javascript:/i);
  // Opened with JavaScript on: nothing runs, nothing is an element, all is text.
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(join(work, 'hostile.html')).href);
  const state = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    scripts: document.scripts.length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
    badLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^https?:/i.test(a.getAttribute('href'))).length,
    svgs: document.querySelectorAll('svg').length,
    imgs: document.querySelectorAll('img').length,
    text: document.body.innerText,
  }));
  await context.close();
  assert.deepEqual({ ...state, text: undefined }, { pwned: null, scripts: 0, handlers: 0, badLinks: 0, svgs: 0, imgs: 0, text: undefined });
  for (const m of HOSTILE_MARKERS) assert.ok(state.text.includes(m), `shown as text: ${m}`);
  assert.deepEqual(errors, []);
  // And the PDF shows them as text too.
  const text = spawnSync('pdftotext', [join(work, 'hostile.pdf'), '-'], { encoding: 'utf8' }).stdout;
  assert.ok(text.includes('window.__pwned=1'));
});
