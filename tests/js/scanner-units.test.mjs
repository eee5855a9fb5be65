// Units of the scanner and the viewer model that need no browser: progress
// output, CSV quoting, shards, resume bookkeeping, JSON re-indenting, and the
// viewer's file classification, filtering, sorting and chart counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProgress } from '../../scanner/progress.js';
import { csvLine, CSV_COLUMNS, rowsOf } from '../../scanner/summary.js';
import { loadDone, normaliseUrl, readUrlList, shardOf, fileStem } from '../../scanner/batch.js';
import { prettyJson } from '../../scanner/core-commands.js';
import { webRequestType, errorCode } from '../../scanner/scan-page.js';
import { findConsentButton } from '../../scanner/consent.js';
import { observationsFrom } from '../../web/gather/history.js';
import { aggregate, classify, filterRows, sortRows, toRecord } from '../../web/viewer/model.js';

const sink = (tty) => {
  const out = { text: '', isTTY: tty, columns: 80, write(s) { this.text += s; } };
  return out;
};

test('progress: a redrawn bar with rate and ETA on a terminal, one line per page otherwise', () => {
  let now = 0;
  const term = sink(true);
  const p = createProgress({ total: 4, stream: term, now: () => now });
  now = 30000;
  p.done({ url: 'https://a.example/', ok: true, score: 10 });
  now = 60000;
  p.done({ url: 'https://b.example/', ok: false, error: { code: 'dns', message: 'no such host' } });
  p.finish();
  assert.match(term.text, /\r\x1b\[K\[#{12}\.{12}\] 2\/4 50% 2\.0 pages\/min ETA 1m00s errors 1/);
  assert.match(term.text, /error dns https:\/\/b\.example\/: no such host\n/);
  assert.match(term.text, /scanned 2 page\(s\) in 1m00s, 1 error\(s\)\n$/);

  now = 0;
  const plain = sink(false);
  const q = createProgress({ total: 2, stream: plain, now: () => now, skipped: 3 });
  now = 10000;
  q.done({ url: 'https://a.example/', ok: true, score: 7 });
  assert.equal(plain.text, 'resume: 3 already done, 2 to scan\n[1/2] ok score 7 https://a.example/ | 6.0 pages/min ETA 10s\n');
  assert.doesNotMatch(plain.text, /\x1b/);
  q.finish();
});

test('CSV: quoting, formula injection defused, one column per header', () => {
  const row = {
    url: 'https://a.example/?q="x",y', ok: true, snapshotSha256: 'ab', engine: { core: '0.1.0', rules: 'r' },
    report: {
      score: 42, band: { id: 'manipulative' }, subscores: { tracking: 10, dark_patterns: null, popups: 5 }, title: '=HYPERLINK("http://evil")',
      findings: [{ type: 'scarcity/low_stock', weight: 8 }, { type: 'tracking/social', weight: 3 }],
      trackers: [{ company: 'Criteo', retargeting: true }, { company: '+Meta\nInc', retargeting: false }],
    },
  };
  const line = csvLine(row);
  assert.ok(line.startsWith('"https://a.example/?q=""x"",y",yes,42,manipulative,10,,5,2,scarcity/low_stock(8) tracking/social(3),'));
  assert.ok(line.includes(`"'=HYPERLINK(""http://evil"")"`));
  assert.ok(line.includes('"Criteo; +Meta\nInc"'), 'only a cell that starts with + is prefixed');
  const err = csvLine({ url: 'https://b.example/', ok: false, error: { code: 'timeout', message: '-took long' } });
  assert.ok(err.includes(",timeout,'-took long,"));
  // Column count: parse the simple (unquoted) error line.
  assert.equal(err.split(',').length, CSV_COLUMNS.length);
});

test('rowsOf: the last row of a URL wins, damaged lines are skipped', () => {
  const rows = rowsOf('{"url":"a","ok":false}\nnot json\n{"url":"b","ok":true}\n{"url":"a","ok":true}\n');
  assert.deepEqual(rows.map((r) => [r.url, r.ok]), [['a', true], ['b', true]]);
});

test('URL lists, shards and file names', () => {
  assert.deepEqual(readUrlList('# list\nhttps://a.example/\n\n  example.org  \r\n#x\n'), ['https://a.example/', 'example.org']);
  assert.equal(normaliseUrl('example.org'), 'https://example.org');
  assert.equal(normaliseUrl('http://x.example/'), 'http://x.example/');
  const urls = ['u1', 'u2', 'u3', 'u4', 'u5'];
  assert.deepEqual(shardOf(urls, 1, 2), ['u1', 'u3', 'u5']);
  assert.deepEqual(shardOf(urls, 2, 2), ['u2', 'u4']);
  assert.deepEqual([1, 2, 3].flatMap((i) => shardOf(urls, i, 3)).sort(), urls);
  assert.match(fileStem('https://www.shop.example/a?b'), /^www\.shop\.example-[0-9a-f]{12}$/);
  assert.notEqual(fileStem('https://a.example/1'), fileStem('https://a.example/2'));
});

test('loadDone truncates a torn last line and returns the finished URLs', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'durchblick-units-')), 'results.jsonl');
  writeFileSync(file, '{"url":"a","ok":true}\n{"url":"b","ok":false}\n{"url":"c","ok":tr');
  assert.deepEqual([...loadDone(file)].sort(), ['a', 'b']);
  assert.equal(readFileSync(file, 'utf8'), '{"url":"a","ok":true}\n{"url":"b","ok":false}\n');
});

test('prettyJson indents like nlohmann::json::dump(2) and keeps numbers as written', () => {
  assert.equal(prettyJson('{"a":[],"b":{},"c":[1,{"d":"x,y:\\"z"}],"e":1700000000000.0}'),
    '{\n  "a": [],\n  "b": {},\n  "c": [\n    1,\n    {\n      "d": "x,y:\\"z"\n    }\n  ],\n  "e": 1700000000000.0\n}');
});

test('webRequest types and error codes', () => {
  const req = (type, parent) => ({ resourceType: () => type, frame: () => ({ parentFrame: () => parent }) });
  assert.equal(webRequestType(req('document', null)), 'main_frame');
  assert.equal(webRequestType(req('document', {})), 'sub_frame');
  assert.equal(webRequestType(req('fetch')), 'xmlhttprequest');
  assert.equal(webRequestType(req('xhr')), 'xmlhttprequest');
  assert.equal(webRequestType(req('ping')), 'ping');
  assert.equal(webRequestType(req('image')), 'image');
  assert.equal(webRequestType(req('eventsource')), 'other');
  assert.equal(webRequestType(req('cspviolationreport')), 'csp_report');
  assert.equal(errorCode('net::ERR_NAME_NOT_RESOLVED at http://x/'), 'dns');
  assert.equal(errorCode('net::ERR_CERT_AUTHORITY_INVALID'), 'tls');
  assert.equal(errorCode('net::ERR_CONNECTION_REFUSED'), 'connection');
  assert.equal(errorCode('Timeout 3000ms exceeded.'), 'timeout');
  assert.equal(errorCode('Target page, context or browser has been closed'), 'crash');
});

test('history observations: timer ends and shown prices, keyed as the core looks them up', () => {
  const obs = observationsFrom({
    url: 'https://shop.example/p#top', capturedAtMs: 5, productIds: ['SKU-1'],
    timers: [{ id: 'tm1', endMs: 1000.4 }, { id: 'tm2', textId: 't9' }],
    texts: [{ id: 't1', text: '79,99 €', role: 'price' }, { id: 't2', text: '199,99 €', role: 'price', strike: true }, { id: 't3', text: 'x' }],
  });
  assert.deepEqual(obs, [
    { kind: 'timer_end', key: 'tm1', value: '1000', url: 'https://shop.example/p#top', seenAtMs: 5 },
    { kind: 'price', key: 'SKU-1', value: '79,99 €', url: 'https://shop.example/p#top', seenAtMs: 5 },
  ]);
  assert.equal(observationsFrom({ url: 'https://s.example/a#b', texts: [{ text: '1 €', role: 'price' }] }, 9)[0].key, 'https://s.example/a');
});

test('viewer model: classify, records, filter, sort, aggregate', () => {
  const report = (url, score, types, companies) => ({
    schema: 'durchblick.report/1', url, score, band: { id: 'fair' }, subscores: {},
    findings: types.map((type) => ({ type })), trackers: companies.map((company) => ({ company })),
  });
  assert.equal(classify('').kind, 'error');
  assert.equal(classify(JSON.stringify(report('u', 1, [], []))).kind, 'report');
  assert.equal(classify('{"log":{"entries":[]}}').kind, 'har');
  assert.equal(classify('{"url":"u","ok":false,"error":{"code":"dns"}}').kind, 'row');
  assert.equal(classify('{"other":1}').kind, 'error');
  const text = [
    JSON.stringify({ schema: 'durchblick.scan-row/1', url: 'https://b.example/', ok: true, report: report('https://b.example/', 35, ['tracking/social'], ['Facebook']) }),
    'garbage',
    JSON.stringify(report('https://a.example/', 91, ['scarcity/low_stock', 'tracking/social'], ['Facebook', 'Criteo'])),
    JSON.stringify({ schema: 'durchblick.scan-row/1', url: 'https://c.example/', ok: false, error: { code: 'timeout', message: 'slow' } }),
  ].join('\n');
  const b = classify(text);
  assert.equal(b.kind, 'batch');
  assert.deepEqual(b.bad, [2]);
  assert.equal(b.rows.length, 3);
  const [rb, ra, rc] = b.rows;
  assert.equal(rc.ok, false);
  assert.equal(rc.errorCode, 'timeout');
  assert.deepEqual(sortRows(b.rows, 'score', 'desc').map((r) => r.url), [ra.url, rb.url, rc.url]);
  assert.deepEqual(sortRows(b.rows, 'score', 'asc').map((r) => r.url), [rb.url, ra.url, rc.url], 'errors last both ways');
  assert.deepEqual(sortRows(b.rows, 'url', 'asc').map((r) => r.url), [ra.url, rb.url, rc.url]);
  assert.deepEqual(filterRows(b.rows, { company: 'Criteo' }).map((r) => r.url), [ra.url]);
  assert.deepEqual(filterRows(b.rows, { minScore: 50 }).map((r) => r.url), [ra.url]);
  assert.deepEqual(filterRows(b.rows, { status: 'error' }).map((r) => r.url), [rc.url]);
  assert.deepEqual(filterRows(b.rows, { text: 'LOW_STOCK' }).map((r) => r.url), [ra.url]);
  assert.deepEqual(filterRows(b.rows, { type: 'tracking/social' }).length, 2);
  const agg = aggregate(b.rows);
  assert.deepEqual(agg.scoreCounts, [0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(agg.companies, [['Facebook', 2], ['Criteo', 1]]);
  assert.deepEqual(agg.types, [['tracking/social', 2], ['scarcity/low_stock', 1]]);
  assert.equal(toRecord(42, 0), null);
});

test('--consent picks the button by the role the core gave it, a cookie banner first', () => {
  const report = {
    overlays: [
      { id: 'ov1', kinds: ['newsletter_offer'], buttons: [{ id: 'ov1-b1', role: 'accept', label: 'Ja, gerne' }] },
      { id: 'ov2', kinds: ['cookie_notice'], buttons: [
        { id: 'ov2-b1', role: 'settings', label: 'Einstellungen' },
        { id: 'ov2-b2', role: 'accept', label: 'Alle akzeptieren' }] },
    ],
  };
  const snapshot = { overlays: [{ id: 'ov2', buttons: [{ id: 'ov2-b2', rect: { x: 10, y: 20, w: 100, h: 40 } }] }] };
  assert.deepEqual(findConsentButton(report, snapshot, 'accept'), {
    gathered: true, bannerFound: true, banners: ['ov2'], overlayId: 'ov2', buttonId: 'ov2-b2', label: 'Alle akzeptieren',
    rect: { x: 10, y: 20, w: 100, h: 40 },
  });
  // A banner without a reject button: found, nothing to click.
  const noReject = findConsentButton(report, snapshot, 'reject');
  assert.equal(noReject.bannerFound, true);
  assert.equal(noReject.buttonId, undefined);
  // No cookie notice and no button of that role: no banner.
  assert.equal(findConsentButton({ overlays: [report.overlays[0]] }, snapshot, 'reject').bannerFound, false);
  // Pop-ups not gathered: the report has no overlays[].
  assert.deepEqual(findConsentButton({ findings: [] }, snapshot, 'accept'), { gathered: false });
});
