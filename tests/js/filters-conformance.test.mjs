// The filter engine's conformance check (brave/adblock-rust tests/matching.rs)
// through the native CLI, in one batch: every distinct filter of
// ../shared/eval/requests-dev.json goes into one list file, every request
// into one `classify --filters FILE --every-filter` run (each line with its
// own page URL), and each filter listed for a request must be among the
// filters that match it on their own (for @@ filters: the exception that
// matches it). URLs that are just http:// or https:// are skipped, as there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIVE_CLI, SHARED } from '../lib/paths.mjs';

const DATA = join(SHARED, 'eval', 'requests-dev.json');

test('every listed filter alone matches its request, through the CLI', { skip: !existsSync(DATA) && `${DATA} missing` }, () => {
  const requests = JSON.parse(readFileSync(DATA, 'utf8')).filter((r) => r.url !== 'http://' && r.url !== 'https://');
  const filters = [...new Set(requests.flatMap((r) => r.filters))];
  const tmp = mkdtempSync(join(tmpdir(), 'durchblick-filters-'));
  const list = join(tmp, 'requests-dev-filters.txt');
  writeFileSync(list, filters.join('\n') + '\n');
  const input = requests.map((r) => `${r.url}\t${r.type}\t${r.sourceUrl}`).join('\n') + '\n';
  const result = spawnSync(NATIVE_CLI, ['classify', '--page', 'http://', '--filters', list, '--every-filter'],
    { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'url\thost\tcompany\tcategory\ttracker\tretargeting\treason');
  assert.equal(lines.length - 1, requests.length, 'one line per request');
  let checked = 0;
  const failures = [];
  requests.forEach((r, i) => {
    const fields = lines[i + 1].split('\t');
    assert.equal(fields[0], r.url);
    const reason = fields[6];
    const at = reason.indexOf('; matches:');
    const matched = new Set(at < 0 ? [] : reason.slice(at + '; matches:'.length).split(' ').filter(Boolean));
    for (const f of r.filters) {
      checked++;
      if (!matched.has(f)) failures.push(`${f} vs ${r.url} at ${r.sourceUrl} typed ${r.type}`);
    }
  });
  console.log(`filter conformance through the CLI: ${checked} (request, filter) pairs checked, ${failures.length} failed`);
  assert.deepEqual(failures.slice(0, 20), []);
  assert.ok(checked > 4500, `${checked} pairs`);
});
