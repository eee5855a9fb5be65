// The shared report renderer (web/report/): the HTML export is escaped and
// self-contained, and renders what the report says. DOM output and hostile
// text in a real browser: tests/js/report-render-browser.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { reportHtmlDocument, reportTree, evidenceElementIds, reportFileName } from '../../web/report/render.js';
import { toHtml, h, safeHref, safeImageSrc } from '../../web/report/tree.js';

const hostile = JSON.parse(readFileSync(new URL('./fixtures/hostile-report.json', import.meta.url), 'utf8'));
const DOC_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body']);
const TREE_TAGS = new Set(['a', 'article', 'b', 'button', 'code', 'dd', 'details', 'div', 'dl', 'dt', 'figure',
  'figcaption', 'footer', 'h1', 'h2', 'h3', 'header', 'img', 'li', 'main', 'p', 'q', 'section', 'small', 'span',
  'strong', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'time', 'tr', 'ul']);

test('hostile report text is escaped in the HTML export', async () => {
  const html = await reportHtmlDocument(hostile, { lang: 'en' });
  const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase());
  for (const tag of tags) assert.ok(DOC_TAGS.has(tag) || TREE_TAGS.has(tag), `unexpected tag <${tag}>`);
  assert.ok(!tags.includes('script'));
  // Every attribute the document has is one the renderer wrote (no on*).
  const attrs = [...html.matchAll(/<[a-zA-Z][^>]*>/g)]
    .flatMap((tag) => [...tag[0].matchAll(/\s([a-zA-Z-]+)(?:="[^"]*")?/g)].map((m) => m[1].toLowerCase()));
  assert.ok(attrs.includes('class') && attrs.includes('data-category'), 'attributes were parsed');
  assert.ok(attrs.every((a) => !a.startsWith('on')), 'no event handler attribute');
  assert.ok(!/href="javascript:/i.test(html));
  // The text is still there, as text.
  assert.ok(html.includes('&lt;script&gt;window.__pwned=3&lt;/script&gt;'));
  assert.ok(html.includes('&lt;img src=x onerror=window.__pwned=6&gt;'));
});

test('the export is self-contained with a strict CSP', async () => {
  const html = await reportHtmlDocument(hostile, { lang: 'de', screenshot: 'data:image/png;base64,iVBORw0KGgo=' });
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /img-src data:/);
  assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]+'/);
  assert.ok(!/script-src|unsafe-inline/.test(csp));
  assert.ok(!/(src|href)="(https?:)?\/\//.test(html.replace(/<a [^>]*>/g, '')), 'no external resource');
  assert.ok(html.includes('<img src="data:image/png;base64,iVBORw0KGgo="'));
  assert.match(html, /<html lang="de">/);
  assert.ok(html.includes('Knappheitsmeldung'));
});

test('the stylesheet hash in the CSP is the hash of the inline stylesheet', async () => {
  const { createHash } = await import('node:crypto');
  const html = await reportHtmlDocument({ score: 0, findings: [], trackers: [] });
  const css = html.match(/<style>([\s\S]*)<\/style>/)[1];
  const want = createHash('sha256').update(css, 'utf8').digest('base64');
  assert.ok(html.includes(`'sha256-${want}'`));
});

test('unsafe URLs are not links and non-image data URLs are not images', () => {
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref('data:text/html,<b>'), null);
  assert.equal(safeHref('https://shop.example/p?a=1'), 'https://shop.example/p?a=1');
  assert.equal(safeImageSrc('data:text/html;base64,PHNjcmlwdD4='), null);
  assert.equal(safeImageSrc('https://evil.example/x.png'), null);
  assert.equal(toHtml(h('a', { href: 'javascript:x' }, 'x')), '<a>x</a>');
  assert.throws(() => h('script', {}), /not allowed/);
  assert.throws(() => h('div', { onclick: 'x' }), /not allowed/);
});

test('findings are grouped by family, heaviest first as the core ordered them', async () => {
  const html = await reportHtmlDocument(hostile, { lang: 'en' });
  const tracking = html.indexOf('data-category="tracking" aria-labelledby');
  const dark = html.indexOf('data-category="dark_pattern" aria-labelledby');
  assert.ok(tracking > 0 && dark > tracking, 'families in fixed order');
  assert.ok(!html.includes('data-category="popup" aria-labelledby'), 'empty family left out');
  assert.ok(html.includes('>+14<') && html.includes('>+8<'), 'weights shown');
  assert.ok(html.includes('not checked'), 'null subscore shown as not checked');
});

test('show-on-page ids come from element evidence only', () => {
  assert.deepEqual(evidenceElementIds(hostile.findings[0]), ['t1" onfocus="window.__pwned=5']);
  assert.deepEqual(evidenceElementIds(hostile.findings[1]), []);
  const tree = JSON.stringify(reportTree(hostile, { showOnPage: true }));
  assert.ok(tree.includes('"data-show"'));
  assert.ok(!JSON.stringify(reportTree(hostile, {})).includes('"data-show"'));
});

test('error reports say what went wrong', async () => {
  const html = await reportHtmlDocument({ schema: 'durchblick.report/1', error: { code: 'invalid_json', message: 'bad <b>', where: 'byte 3' }, engine: { core: '0.1.0' } }, { lang: 'en' });
  assert.ok(html.includes('could not be analysed') && html.includes('invalid_json') && html.includes('bad &lt;b&gt;'));
});

test('download names', () => {
  assert.equal(reportFileName({ url: 'https://shop.example/x', capturedAtMs: 1764597600000 }, 'html'), 'durchblick-shop.example-2025-12-01.html');
  assert.equal(reportFileName({ url: 'javascript:x', capturedAtMs: 1764597600000 }, 'json'), 'durchblick-page-2025-12-01.json');
});
