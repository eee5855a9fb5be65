// The wasm module in Node gives byte-for-byte the native CLI's report for
// every golden snapshot, and both equal the golden report (rules version
// masked, as in tests/core/golden_test.cc).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCore } from '../../web/core/loader.js';
import { NATIVE_CLI, ROOT, WASM_DIR } from '../lib/paths.mjs';

const GOLDEN = join(ROOT, 'tests', 'golden');
const cases = readdirSync(GOLDEN).filter((f) => f.endsWith('.snapshot.json')).sort();
const core = await loadCore({ dir: WASM_DIR });
const mask = (report) => report.replace(`"rules":"${core.versions.rules}"`, '"rules":"*"');

test('there are golden cases', () => assert.ok(cases.length >= 3));

for (const name of cases) {
  test(`golden ${name}: wasm bytes = native bytes = golden`, () => {
    const path = join(GOLDEN, name);
    const snapshot = readFileSync(path, 'utf8');
    const wasm = core.analyzeJson(snapshot);
    const native = execFileSync(NATIVE_CLI, ['analyze', path], { encoding: 'utf8', maxBuffer: 1 << 28 }).trimEnd();
    assert.equal(wasm, native);
    const golden = readFileSync(path.replace('.snapshot.json', '.report.json'), 'utf8').trimEnd();
    assert.equal(mask(wasm), golden);
  });
}

test('native and wasm agree on error reports too', () => {
  for (const bad of ['{"schema":', '[]', '{"schema":"x","url":"y"}']) {
    const wasm = core.analyzeJson(bad);
    const native = (() => {
      try {
        return execFileSync(NATIVE_CLI, ['analyze', '--jsonl', '-'], { input: bad + '\n', encoding: 'utf8' });
      } catch (e) {
        return e.stdout;
      }
    })();
    assert.equal(JSON.stringify({ ...JSON.parse(native), line: undefined }), JSON.stringify(JSON.parse(wasm)));
  }
});
