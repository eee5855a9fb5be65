// durchblick-core's contract (ARCHITECTURE.md, CLI): reports on stdout, bad
// input as one line on stderr naming what and where, exit status 2, nothing
// half-written on stdout; --jsonl keeps going past bad lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIVE_CLI, ROOT, SHARED } from '../lib/paths.mjs';
import { assertValid, validateReport } from '../lib/schemas.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'durchblick-cli-'));
const run = (args, input) => spawnSync(NATIVE_CLI, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
const file = (name, content) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};

function assertBadInput(result, ...mentions) {
  assert.equal(result.status, 2, `exit status (stderr: ${result.stderr})`);
  assert.equal(result.stdout, '', 'nothing on stdout');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${result.stderr}`);
  for (const m of mentions) assert.match(lines[0], m);
}

test('--help and --version', () => {
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /analyze --jsonl/);
  assert.match(help.stdout, /har FILE\.har/);
  const version = run(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^durchblick-core \d+\.\d+\.\d+\nrules \d+\.\d+\.\d+\+[0-9a-f]{12}\n$/);
});

test('analyze prints one schema-valid report', () => {
  const r = run(['analyze', join(ROOT, 'tests/golden/shop-product-de.snapshot.json')]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.split('\n').length, 2, 'one line plus newline');
  const report = JSON.parse(r.stdout);
  assertValid(validateReport, report, 'report');
  assert.ok(report.score > 0 && report.findings.length > 0);
  const viaStdin = run(['analyze', '-'], JSON.stringify({ schema: 'durchblick.snapshot/1', url: 'https://a.example/' }));
  assert.equal(viaStdin.status, 0);
});

test('invalid JSON names line and column', () => {
  assertBadInput(run(['analyze', file('broken.json', '{"schema": "durchblick.snapshot/1",\n  "url": tru }')]),
    /broken\.json/, /invalid_json/, /line 2, column/);
  assertBadInput(run(['analyze'], '{'), /^durchblick-core: stdin: invalid_json/);
});

test('wrong schema name', () => {
  assertBadInput(run(['analyze', file('report.json', '{"schema":"durchblick.report/1","url":"x"}')]),
    /wrong_schema at schema/, /durchblick\.snapshot\/1/);
});

test('a field of the wrong type names its path', () => {
  assertBadInput(run(['analyze'], '{"schema":"durchblick.snapshot/1","url":"x","requests":[{"url":5}]}'),
    /invalid_field at requests\[0\]\.url/);
});

test('invalid UTF-8 names the byte', () => {
  const bytes = Buffer.concat([Buffer.from('{"schema":"durchblick.snapshot/1","url":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
  assertBadInput(run(['analyze', file('latin.json', bytes)]), /invalid_utf8 at byte 41/);
});

test('a 200 MB file is refused without a partial report', () => {
  const path = join(tmp, 'huge.json');
  writeFileSync(path, '');
  truncateSync(path, 200 * 1024 * 1024);
  assertBadInput(run(['analyze', path]), /too_large/, /64 MiB/);
});

test('a HAR without entries', () => {
  assertBadInput(run(['har', file('empty.har', '{"log":{"version":"1.2","entries":[]}}')]), /invalid_har at log\.entries/);
  assertBadInput(run(['har', file('nolog.har', '{"foo":1}')]), /invalid_har at log/);
  assertBadInput(run(['har', file('bad.har', '{"log": [}')]), /invalid_json/);
});

test('har analyses a real capture', () => {
  const r = run(['har', join(SHARED, 'fixtures/har/theverge.com.har')]);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assertValid(validateReport, report, 'HAR report');
  assert.equal(report.url, 'http://www.theverge.com/');
  assert.ok(report.trackers.length > 5);
  const snap = run(['har', '--snapshot', join(SHARED, 'fixtures/har/thegreenwebfoundation.org.har')]);
  assert.equal(JSON.parse(snap.stdout).schema, 'durchblick.snapshot/1');
});

test('--jsonl: a bad line gets an error object on its line and the stream goes on', () => {
  const good = JSON.stringify({ schema: 'durchblick.snapshot/1', url: 'https://a.example/', texts: [{ id: 't', text: 'Only 2 left in stock' }] });
  const r = run(['analyze', '--jsonl'], `${good}\n{not json\n\n${good}\n`);
  assert.equal(r.status, 2);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.equal(lines[0].findings.length, 1);
  assert.equal(lines[1].error.code, 'invalid_json');
  assert.equal(lines[1].line, 2);
  assertValid(validateReport, lines[1], 'error line');
  assert.deepEqual(lines[2], lines[0]);
  assert.match(r.stderr, /stdin: line 2: invalid_json/);
  const ok = run(['analyze', '--jsonl'], `${good}\n${good}\n`);
  assert.equal(ok.status, 0);
});

test('usage errors', () => {
  assertBadInput(run(['frobnicate']), /unknown command frobnicate/);
  assertBadInput(run(['analyze', '--bogus']), /unknown option --bogus/);
  assertBadInput(run(['analyze', join(tmp, 'missing.json')]), /missing\.json: cannot open/);
  assertBadInput(run([]), /no command/);
});
