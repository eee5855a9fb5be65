#!/usr/bin/env node
// Size and speed of the core (issue: the spine). Prints, in one run:
//   - the wasm module's size, raw and gzip -9, against the 200 KB gzip budget
//   - per golden snapshot: Engine::Analyze natively (bench/core_bench) and the
//     same wasm module in Node, median and p99, side by side
//   node bench/core.mjs            (after scripts/build)
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { loadCore } from '../web/core/loader.js';
import { ROOT, WASM_DIR } from '../tests/lib/paths.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const wasm = readFileSync(join(WASM_DIR, 'durchblick.wasm'));
const glue = readFileSync(join(WASM_DIR, 'durchblick.mjs'));
const rules = readFileSync(join(WASM_DIR, 'durchblick.rules.json'));
const gz = (b) => gzipSync(b, { level: 9 }).length;
console.log('wasm core size (RE2 + JSON + engine, without rules data)');
console.log(`  durchblick.wasm        ${kb(wasm.length).padStart(11)} raw  ${kb(gz(wasm)).padStart(11)} gzip   budget 200.0 KiB gzip: ${gz(wasm) <= 200 * 1024 ? 'within' : 'OVER'}`);
console.log(`  durchblick.mjs (glue)  ${kb(glue.length).padStart(11)} raw  ${kb(gz(glue)).padStart(11)} gzip`);
console.log(`  rules bundle (data)    ${kb(rules.length).padStart(11)} raw  ${kb(gz(rules)).padStart(11)} gzip`);

const dir = join(ROOT, 'tests', 'golden');
const files = readdirSync(dir).filter((f) => f.endsWith('.snapshot.json')).sort().map((f) => join(dir, f));
const native = execFileSync(join(ROOT, 'build', 'core_bench'), files, { encoding: 'utf8' })
  .trim().split('\n').map((l) => JSON.parse(l));

const t0 = performance.now();
const core = await loadCore({ dir: WASM_DIR });
const loadMs = performance.now() - t0;
console.log(`\nwasm load (instantiate + compile rules) in Node: ${loadMs.toFixed(1)} ms`);
console.log('\nanalyse one snapshot (median / p99, µs)        native            wasm in Node      wasm/native');
for (const [i, file] of files.entries()) {
  const snapshot = readFileSync(file, 'utf8');
  const runs = native[i].runs;
  const us = [];
  for (let r = 0; r < runs; r++) {
    const a = performance.now();
    core.analyzeJson(snapshot);
    us.push((performance.now() - a) * 1000);
  }
  us.sort((a, b) => a - b);
  const med = us[Math.floor(us.length / 2)], p99 = us[Math.floor(us.length * 0.99)];
  const name = `${basename(file, '.snapshot.json')} (${kb(statSync(file).size)})`;
  console.log(`  ${name.padEnd(42)} ${native[i].medianUs.toFixed(0).padStart(7)} / ${native[i].p99Us.toFixed(0).padEnd(7)}  ${med.toFixed(0).padStart(7)} / ${p99.toFixed(0).padEnd(7)}  ${(med / native[i].medianUs).toFixed(2)}×`);
}
