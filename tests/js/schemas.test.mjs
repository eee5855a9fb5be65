// Every golden snapshot and report, and every snapshot a fixture folder
// carries, validates against the contract's JSON Schema; so do reports the
// core writes for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCore } from '../../web/core/loader.js';
import { ROOT, WASM_DIR } from '../lib/paths.mjs';
import { assertValid, validateReport, validateSnapshot } from '../lib/schemas.mjs';

function* jsonFiles(dir, suffix) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* jsonFiles(path, suffix);
    else if (name.endsWith(suffix)) yield path;
  }
}

test('golden and fixture snapshots validate', () => {
  let n = 0;
  for (const dir of ['tests/golden', 'tests/pages', 'tests/fixtures']) {
    for (const path of jsonFiles(join(ROOT, dir), '.snapshot.json')) {
      assertValid(validateSnapshot, JSON.parse(readFileSync(path, 'utf8')), path);
      n++;
    }
  }
  assert.ok(n >= 3, `only ${n} snapshots found`);
});

test('golden reports validate', () => {
  let n = 0;
  for (const path of jsonFiles(join(ROOT, 'tests/golden'), '.report.json')) {
    assertValid(validateReport, JSON.parse(readFileSync(path, 'utf8')), path);
    n++;
  }
  assert.ok(n >= 3);
});

test('error reports validate, and the schema rejects a report without score', async () => {
  const core = await loadCore({ dir: WASM_DIR });
  assertValid(validateReport, core.analyze('{"broken'), 'error report');
  assertValid(validateReport, core.analyze({ schema: 'durchblick.snapshot/1', url: 'https://a.example/' }), 'empty report');
  const report = core.analyze({ schema: 'durchblick.snapshot/1', url: 'https://a.example/', texts: [] });
  delete report.score;
  assert.equal(validateReport(report), false);
});
