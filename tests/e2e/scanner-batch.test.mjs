// `durchblick scan` as a user runs it (a child process) against a real local
// HTTP server: failing pages become error rows while the batch completes, and
// a run killed with SIGKILL resumes without losing or repeating a result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'scanner/cli.js');
let server;
const work = mkdtempSync(join(tmpdir(), 'durchblick-batch-'));

before(async () => {
  server = await startServer({
    root: join(ROOT, 'tests/pages'),
    routes: {
      '/hang': () => {}, // accepts the connection, never answers
      '/dialogs': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>dialogs</title><script>for (;;) { alert("again"); confirm("sure?"); }</script>');
      },
      '/slow': (req, res) => {
        const n = new URL(req.url, 'http://x').searchParams.get('n');
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(`<!doctype html><html lang="en"><title>slow ${n}</title><p>Page ${n}</p></html>`);
        }, 700);
      },
    },
  });
});
after(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

function run(args, { onSpawn } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn?.(child);
  });
}

const rowsOf = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('a hanging page, a crashing renderer and a dialog loop become error rows; the rest of the batch completes', async () => {
  const out = join(work, 'errors');
  const urls = [
    `${server.url}/scanner-network/index.html`,
    `${server.url}/hang`,
    'chrome://crash',
    `${server.url}/dialogs`,
    `${server.url}/scanner-click/index.html`,
    `${server.url}/slow?n=1`,
  ];
  const r = await run(['scan', '-o', out, '--concurrency', '2', '--timeout', '4000', '--settle', '800', ...urls]);
  assert.equal(r.code, 3, r.stderr); // finished, with error rows
  const rows = rowsOf(join(out, 'results.jsonl'));
  assert.deepEqual(rows.map((x) => x.url).sort(), [...urls].sort());
  const by = Object.fromEntries(rows.map((x) => [x.url, x]));
  assert.equal(by[`${server.url}/hang`].error.code, 'timeout');
  assert.equal(by['chrome://crash'].error.code, 'crash');
  assert.equal(by[`${server.url}/dialogs`].error.code, 'dialogs');
  for (const u of [urls[0], urls[4], urls[5]]) {
    assert.equal(by[u].ok, true, `${u}: ${JSON.stringify(by[u].error)}`);
    assert.equal(by[u].report.schema, 'durchblick.report/1');
    assert.match(by[u].snapshotSha256, /^[0-9a-f]{64}$/);
    assert.equal(by[u].snapshotSha256, by[u].report.engine.snapshotSha256);
    assert.ok(by[u].engine.core && by[u].engine.rules);
  }
  const csv = readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\r\n');
  assert.equal(csv.length, 1 + urls.length);
  assert.ok(csv.some((l) => l.startsWith('chrome://crash,no,') && l.includes(',crash,')));
  assert.match(r.stderr, /scanned 6 page\(s\).*3 error\(s\)/);
});

test('SIGKILL mid-run, then --resume: no finished result lost or duplicated', async () => {
  const out = join(work, 'resume');
  const urls = Array.from({ length: 10 }, (_, i) => `${server.url}/slow?n=${i}`);
  const results = join(out, 'results.jsonl');
  // Kill the whole process group (CLI and its Chromium) as soon as 3 rows are on disk.
  const killed = await run(['scan', '-o', out, '--concurrency', '2', '--settle', '300', ...urls], {
    onSpawn: (child) => {
      const poll = setInterval(() => {
        if (existsSync(results) && readFileSync(results, 'utf8').split('\n').filter(Boolean).length >= 3) {
          clearInterval(poll);
          process.kill(-child.pid, 'SIGKILL');
        }
      }, 20);
      child.on('close', () => clearInterval(poll));
    },
  });
  assert.equal(killed.signal, 'SIGKILL');
  const before = readFileSync(results, 'utf8');
  const done = rowsOf(results); // every line on disk parses: rows are written whole
  assert.ok(done.length >= 3 && done.length < urls.length, `${done.length} rows before the kill`);
  // A line torn by a crash at the worst moment is dropped and its URL scanned again.
  appendFileSync(results, '{"schema":"durchblick.scan-row/1","url":"' + urls[9] + '","ok":tr');

  const resumed = await run(['scan', '-o', out, '--resume', '--concurrency', '2', '--settle', '300', ...urls]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`resume: ${done.length} already done, ${urls.length - done.length} to scan`));
  const after = readFileSync(results, 'utf8');
  assert.ok(after.startsWith(before), 'rows finished before the kill are kept byte for byte');
  const rows = rowsOf(results);
  assert.deepEqual(rows.map((x) => x.url).sort(), [...urls].sort(), 'each URL exactly once');
  assert.ok(rows.every((x) => x.ok));
  const csv = readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\r\n');
  assert.equal(csv.length, 1 + urls.length);
});

test('--shard splits one list into disjoint parts that cover it', async () => {
  const urls = Array.from({ length: 5 }, (_, i) => `${server.url}/scanner-click/index.html?i=${i}`);
  const parts = [];
  for (const i of [1, 2]) {
    const out = join(work, `shard${i}`);
    const r = await run(['scan', '-o', out, '--shard', `${i}/2`, '--quiet', '--settle', '300', ...urls]);
    assert.equal(r.code, 0, r.stderr);
    parts.push(rowsOf(join(out, 'results.jsonl')).map((x) => x.url));
  }
  assert.equal(parts[0].length, 3);
  assert.equal(parts[1].length, 2);
  assert.deepEqual([...parts[0], ...parts[1]].sort(), [...urls].sort());
});

test('usage errors exit 2 with a one-line message', async () => {
  const r1 = await run(['scan']);
  assert.equal(r1.code, 2);
  assert.match(r1.stderr, /^durchblick: scan: no URLs/);
  const r2 = await run(['scan', '--consent', 'maybe', 'http://127.0.0.1/']);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /--consent needs accept, reject or none/);
  const r3 = await run(['scan', '--shard', '3/2', 'http://127.0.0.1/']);
  assert.equal(r3.code, 2);
  const r4 = await run(['frobnicate']);
  assert.equal(r4.code, 2);
  assert.match(r4.stderr, /unknown command frobnicate/);
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--resume/);
});

test('--reload --revisit: three visits, the later two with the page clock --later ahead', async () => {
  const out = join(work, 'visits');
  const url = `${server.url}/scanner-clock/index.html`;
  const r = await run(['scan', '-o', out, '--quiet', '--reload', '--revisit', '--later', '600000', '--keep-snapshots', '--settle', '300', url]);
  assert.equal(r.code, 0, r.stderr);
  const [row] = rowsOf(join(out, 'results.jsonl'));
  assert.deepEqual(row.visits.map((v) => v.kind), ['first', 'reload', 'revisit']);
  assert.ok(row.visits.every((v) => /^[0-9a-f]{64}$/.test(v.snapshotSha256)));
  const pageClock = Number(row.snapshot.title.replace('now ', ''));
  const shift = pageClock - Date.parse(row.scannedAt);
  assert.ok(shift > 590000 && shift < 660000, `page clock ${shift} ms ahead`);
  assert.deepEqual(row.snapshot.history, [], 'nothing to remember on a page without prices or timers');
  assert.equal(row.report.engine.snapshotSha256, row.snapshotSha256);
});

test('--html --pdf --screenshots write per-URL files named in the row', async () => {
  const out = join(work, 'files');
  const url = `${server.url}/scanner-network/index.html`;
  const r = await run(['scan', '-o', out, '--quiet', '--html', '--pdf', '--screenshots', '--settle', '300', url]);
  assert.equal(r.code, 0, r.stderr);
  const [row] = rowsOf(join(out, 'results.jsonl'));
  assert.match(row.files.html, /reports\/127\.0\.0\.1-[0-9a-f]{12}\.html$/);
  assert.match(readFileSync(row.files.html, 'utf8'), /<img src="data:image\/png;base64,/);
  assert.equal(readFileSync(row.files.pdf).subarray(0, 5).toString(), '%PDF-');
  assert.equal(readFileSync(row.files.screenshot).subarray(1, 4).toString(), 'PNG');
});
