// `durchblick scan --consent accept|reject` end to end (a child process, a
// real local HTTP server, Debian's Chromium): on a CMP-style banner that
// loads its ad tags only after "accept", the scanner clicks the button whose
// role the core assigned (report.overlays[].buttons[].role), gathers again and
// writes both reports. After accept the trackers appear, after reject they do
// not, and a page without a banner says so in its row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { validateReport } from '../lib/schemas.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'scanner/cli.js');
const TAGS = ['Facebook', 'Bing Ads'];
let server;
const work = mkdtempSync(join(tmpdir(), 'durchblick-consent-'));

before(async () => {
  server = await startServer({ root: join(ROOT, 'tests/pages') });
});
after(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

function scan(choice, urls) {
  const out = join(work, choice);
  const args = [CLI, 'scan', '-o', out, '--consent', choice, '--settle', '1500', '--host-rules', 'MAP * 127.0.0.1', ...urls];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const rows = readFileSync(join(out, 'results.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      resolve({ code, stderr, rows: Object.fromEntries(rows.map((r) => [r.url, r])), csv: readFileSync(join(out, 'summary.csv'), 'utf8') });
    });
  });
}

const companies = (report) => report.trackers.map((t) => t.company);
const banner = () => `http://news.test:${server.port}/scanner-consent/index.html`;
const reloading = () => `http://news.test:${server.port}/scanner-consent/index.html?reload=1`;
const plain = () => `http://news.test:${server.port}/popup-neg-article/index.html`;

function checkBefore(row) {
  assert.equal(row.ok, true, JSON.stringify(row.error));
  // Before the choice: no tag has fired, and the core calls the banner a cookie notice.
  for (const c of TAGS) assert.ok(!companies(row.report).includes(c), `${c} before consent`);
  const ov = row.report.overlays.find((o) => o.kinds.includes('cookie_notice'));
  assert.ok(ov, JSON.stringify(row.report.overlays));
  assert.deepEqual(ov.buttons.map((b) => b.role).sort(), ['accept', 'reject', 'settings']);
  return ov;
}

test('--consent accept clicks the button the core calls "accept"; the trackers appear afterwards', async () => {
  const r = await scan('accept', [banner(), reloading(), plain()]);
  assert.equal(r.code, 0, r.stderr);
  const row = r.rows[banner()];
  const ov = checkBefore(row);
  const c = row.consent;
  assert.equal(c.choice, 'accept');
  assert.equal(c.clicked, true, JSON.stringify(c));
  assert.equal(c.bannerFound, true);
  assert.equal(c.overlayId, ov.id);
  assert.equal(c.buttonId, ov.buttons.find((b) => b.role === 'accept').id);
  assert.equal(c.label, 'Accept all');
  assert.equal(c.clickedBy, 'selector');
  assert.equal(validateReport(c.report), true, JSON.stringify(validateReport.errors));
  for (const t of TAGS) assert.ok(companies(c.report).includes(t), `${t} after accept: ${companies(c.report)}`);
  assert.ok(c.report.findings.some((f) => f.type === 'tracking/retargeting'));
  assert.equal(c.score, c.report.score);
  assert.ok(c.score > row.report.score, `${c.score} > ${row.report.score}`);
  assert.equal(c.snapshotSha256, c.report.engine.snapshotSha256);
  assert.notEqual(c.snapshotSha256, row.snapshotSha256);
  // The banner is gone after the click.
  assert.ok(!c.report.overlays.some((o) => o.kinds.includes('cookie_notice')));
  assert.deepEqual(row.visits.map((v) => v.kind), ['first', 'consent-accept']);
  assert.equal(row.visits[1].score, c.score);

  // A CMP that reloads the page after the choice: the scanner waits for the new load.
  const re = r.rows[reloading()];
  checkBefore(re);
  assert.equal(re.consent.clicked, true, JSON.stringify(re.consent));
  for (const t of TAGS) assert.ok(companies(re.consent.report).includes(t), `${t} after accept and reload: ${companies(re.consent.report)}`);
  assert.ok(!re.consent.report.overlays.some((o) => o.kinds.includes('cookie_notice')));

  const none = r.rows[plain()];
  assert.equal(none.ok, true, JSON.stringify(none.error));
  assert.deepEqual(none.consent, { choice: 'accept', clicked: false, bannerFound: false, note: 'no consent banner found' });
  assert.deepEqual(none.visits.map((v) => v.kind), ['first']);

  // RFC 4180 cells (quoted where they hold commas or quotes; no newlines in these rows).
  const cells = (line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
  const [head, ...lines] = r.csv.trim().split('\r\n').map(cells);
  const cell = (line, name) => line[head.indexOf(name)];
  const byUrl = Object.fromEntries(lines.map((l) => [cell(l, 'url'), l]));
  assert.equal(cell(byUrl[banner()], 'consent_clicked'), 'yes');
  assert.equal(cell(byUrl[banner()], 'score_after_consent'), String(c.score));
  assert.equal(cell(byUrl[plain()], 'consent_clicked'), 'no');
});

test('--consent reject clicks the button the core calls "reject"; no tracker appears', async () => {
  const r = await scan('reject', [banner()]);
  assert.equal(r.code, 0, r.stderr);
  const row = r.rows[banner()];
  const ov = checkBefore(row);
  const c = row.consent;
  assert.equal(c.clicked, true, JSON.stringify(c));
  assert.equal(c.buttonId, ov.buttons.find((b) => b.role === 'reject').id);
  assert.equal(c.label, 'Reject all');
  for (const t of TAGS) assert.ok(!companies(c.report).includes(t), `${t} after reject`);
  assert.ok(!c.report.overlays.some((o) => o.kinds.includes('cookie_notice')), 'the banner is gone');
  assert.deepEqual(row.visits.map((v) => v.kind), ['first', 'consent-reject']);
});
