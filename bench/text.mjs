#!/usr/bin/env node
// Page text through the dark-pattern text rules (issue 5), natively and in
// wasm, side by side:
//   - MB/s of text through the whole text rule set (one RE2::Set), native
//   - MB/s of text through the whole engine (JSON parse, every detector,
//     report), native and wasm in Node, on a 10 MB-text page
//   - time to analyse a 200 KB-text page, native and wasm
//   - peer: V8's irregexp running the trivial keyword regex of
//     shared/notes/darkpatterns.md §3.1 over the same text (a floor, not a detector)
// The text is the labelled rows of the dev and German sets, repeated.
//   node bench/text.mjs            (after scripts/build: build/text_bench and build-wasm/)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCore } from '../web/core/loader.js';
import { DEFAULT_SETS, readTsv } from '../tools/eval-darkpatterns.mjs';
import { ROOT, WASM_DIR } from '../tests/lib/paths.mjs';

const rows = DEFAULT_SETS.flatMap((f) => {
  try {
    return readTsv(f).map((r) => r.text.replace(/\s+/g, ' ').trim());
  } catch {
    return [];
  }
});
if (!rows.length) throw new Error('no labelled text found (tests/data/darkpatterns-de.tsv)');

const repeat = (bytes) => {
  const out = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const t = rows[i % rows.length];
    out.push(t);
    n += Buffer.byteLength(t) + 1;
  }
  return out;
};
// A page: blocks of ~20 rows, as a gatherer would see paragraphs and lists.
const page = (bytes) => {
  const lines = repeat(bytes);
  const texts = [];
  for (let i = 0; i < lines.length; i += 20) texts.push({ id: `t${texts.length}`, text: lines.slice(i, i + 20).join('\n') });
  return JSON.stringify({ schema: 'durchblick.snapshot/1', url: 'https://shop.example/p', lang: 'de', texts, controls: [] });
};

const dir = mkdtempSync(join(tmpdir(), 'durchblick-text-bench-'));
try {
  const corpus = repeat(10e6);
  const corpusBytes = corpus.reduce((n, t) => n + Buffer.byteLength(t), 0);
  writeFileSync(join(dir, 'corpus.txt'), corpus.join('\n'));
  const sizes = { '200KB': 200e3, '2MB': 2e6, '10MB': 10e6 };
  const files = {};
  for (const [name, bytes] of Object.entries(sizes)) {
    files[name] = join(dir, `page-${name}.json`);
    writeFileSync(files[name], page(bytes));
  }
  const native = execFileSync(join(ROOT, 'build', 'text_bench'), [join(dir, 'corpus.txt'), ...Object.values(files)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  })
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const rulesLine = native.find((n) => n.what === 'rules');
  const nativeMs = Object.fromEntries(Object.keys(files).map((k) => [k, native.find((n) => n.file === files[k]).medianMs]));

  const core = await loadCore({ dir: WASM_DIR });
  const wasmMs = {};
  for (const [name, file] of Object.entries(files)) {
    const json = (await import('node:fs')).readFileSync(file, 'utf8');
    core.analyzeJson(json);
    const ms = [];
    const start = performance.now();
    while (ms.length < 100 && (ms.length < 5 || performance.now() - start < 3000)) {
      const a = performance.now();
      core.analyzeJson(json);
      ms.push(performance.now() - a);
    }
    ms.sort((a, b) => a - b);
    wasmMs[name] = ms[Math.floor(ms.length / 2)];
  }

  const TRIVIAL = /\b(only|left|hurry|limited|sale|off|ends?|today|now|stock|sold|people|viewing|bought|deal|offer|save|free|last|no thanks|countdown|expires?)\b|\d/i;
  let hits = 0;
  const a = performance.now();
  for (let p = 0; p < 3; p++) for (const t of corpus) hits += TRIVIAL.test(t) ? 1 : 0;
  const v8MbPerS = (3 * corpusBytes) / ((performance.now() - a) / 1000) / 1e6;

  const textBytes = (name) => sizes[name];
  const mbps = (name, ms) => (textBytes(name) / (ms / 1000) / 1e6).toFixed(1);
  console.log(`page text: ${rows.length} labelled rows (dev + German sets), repeated; ${rulesLine.rules} text rules in one RE2::Set\n`);
  console.log('                                                   native       wasm (Node)   target');
  console.log(`  text rule set only, MB/s (${(corpusBytes / 1e6).toFixed(1)} MB, one block a row) ${String(rulesLine.mbPerS).padStart(8)}             –       ≥ 100 native`);
  console.log(`  whole engine, MB/s of text (10 MB page)      ${mbps('10MB', nativeMs['10MB']).padStart(8)}      ${mbps('10MB', wasmMs['10MB']).padStart(8)}       ≥ 40 wasm`);
  console.log(`  whole engine, MB/s of text (2 MB page)       ${mbps('2MB', nativeMs['2MB']).padStart(8)}      ${mbps('2MB', wasmMs['2MB']).padStart(8)}`);
  for (const name of Object.keys(files)) {
    console.log(`  analyse a ${name.padEnd(5)} page, ms (median)            ${nativeMs[name].toFixed(2).padStart(8)}      ${wasmMs[name].toFixed(2).padStart(8)}   ${name === '200KB' ? '≤ 5 wasm' : ''}`);
  }
  console.log(`\n  peer: V8 irregexp, trivial keyword regex (§3.1), MB/s ${v8MbPerS.toFixed(1).padStart(8)}   (flags ${((100 * hits) / 3 / corpus.length).toFixed(0)} % of rows)`);
  console.log(`  scaling 2 MB → 10 MB page: native ×${(nativeMs['10MB'] / nativeMs['2MB']).toFixed(2)}, wasm ×${(wasmMs['10MB'] / wasmMs['2MB']).toFixed(2)} (×5 = linear)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
