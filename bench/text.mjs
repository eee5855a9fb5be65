#!/usr/bin/env node
// Page text through the dark-pattern text rules (issue 5), natively and in
// wasm, side by side with the targets:
//   - MB/s of page text through the whole text rule set (every RE2::Set of
//     rules/text/ over every text block and control label), native
//   - MB/s of page text through the whole engine (JSON parse, every
//     detector, report), native and wasm in Node
//   - time to analyse a 200 KB-text page, native and wasm
//   - peer: V8's irregexp running the trivial keyword regex of
//     shared/notes/darkpatterns.md §3.1 over the same text (a floor, not a detector)
// The pages are shop pages as a gatherer sees them: thousands of short text
// nodes (the ordinary rows of the dev, German and hard-negative sets, one row
// a node) with a dark-pattern row every 20th node, and a button or link every
// 8th node. Times are CPU times of the process (on a machine shared with
// builds, wall time counts the others' turns too); the load average is printed.
//   node bench/text.mjs            (after scripts/build: build/text_bench and build-wasm/)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCore } from '../web/core/loader.js';
import { DEFAULT_SETS, readTsv } from '../tools/eval-darkpatterns.mjs';
import { ROOT, WASM_DIR } from '../tests/lib/paths.mjs';

const TARGET = { nativeMbPerS: 100, wasmMbPerS: 40, wasm200KbMs: 5 };

const rows = DEFAULT_SETS.flatMap((f) => {
  try {
    return readTsv(f);
  } catch {
    return [];
  }
})
  .map((r) => ({ ...r, text: r.text.replace(/\s+/g, ' ').trim() }))
  .filter((r) => r.text);
const plain = rows.filter((r) => r.label === 0);
const dark = rows.filter((r) => r.label === 1);
if (!plain.length || !dark.length) throw new Error('no labelled text found (tests/data/darkpatterns-de.tsv)');

// A shop page with `bytes` of text in texts[] and controls[].
const page = (bytes) => {
  const texts = [];
  const controls = [];
  let n = 0;
  let p = 0;
  let d = 0;
  while (n < bytes) {
    const i = texts.length;
    const row = i % 20 === 7 ? dark[d++ % dark.length] : plain[p++ % plain.length];
    texts.push({ id: `t${i}`, text: row.text });
    n += Buffer.byteLength(row.text);
    if (i % 8 === 3) {
      const label = plain[(p * 7) % plain.length].text.slice(0, 40);
      controls.push({ id: `c${controls.length}`, kind: i % 16 === 3 ? 'link' : 'button', label });
      n += Buffer.byteLength(label);
    }
  }
  const json = JSON.stringify({ schema: 'durchblick.snapshot/1', url: 'https://shop.example/p', lang: 'de', texts, controls });
  return { json, nodes: texts.length + controls.length };
};

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const dir = mkdtempSync(join(tmpdir(), 'durchblick-text-bench-'));
try {
  const sizes = { '200KB': 200e3, '1MB': 1e6, '5MB': 5e6 };
  const files = {};
  const pages = {};
  for (const [name, bytes] of Object.entries(sizes)) {
    pages[name] = page(bytes);
    files[name] = join(dir, `page-${name}.json`);
    writeFileSync(files[name], pages[name].json);
  }
  const loadBefore = load();
  const native = Object.fromEntries(
    execFileSync(join(ROOT, 'build', 'text_bench'), Object.values(files), { encoding: 'utf8', maxBuffer: 1 << 24 })
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .map((r) => [Object.keys(files).find((k) => files[k] === r.file), r]),
  );

  const core = await loadCore({ dir: WASM_DIR });
  const wasmMs = {};
  for (const [name, file] of Object.entries(files)) {
    const json = readFileSync(file, 'utf8');
    core.analyzeJson(json);
    const ms = [];
    const start = performance.now();
    while (ms.length < 200 && (ms.length < 2 || performance.now() - start < 2000)) {
      const a = process.cpuUsage();
      core.analyzeJson(json);
      const d = process.cpuUsage(a);
      ms.push((d.user + d.system) / 1000);
    }
    ms.sort((a, b) => a - b);
    wasmMs[name] = ms[Math.floor(ms.length / 2)];
  }

  const TRIVIAL = /\b(only|left|hurry|limited|sale|off|ends?|today|now|stock|sold|people|viewing|bought|deal|offer|save|free|last|no thanks|countdown|expires?)\b|\d/i;
  const big = JSON.parse(pages['5MB'].json);
  const corpus = [...big.texts.map((t) => t.text), ...big.controls.map((c) => c.label)];
  let hits = 0;
  const a = performance.now();
  for (const t of corpus) hits += TRIVIAL.test(t) ? 1 : 0;
  const v8MbPerS = native['5MB'].textBytes / ((performance.now() - a) / 1000) / 1e6;

  const mbps = (name, ms) => native[name].textBytes / (ms / 1000) / 1e6;
  const pass = (ok) => (ok ? 'pass' : 'FAIL');
  const num = (x, w = 9) => x.toFixed(x < 10 ? 2 : 1).padStart(w);
  const rulesMb = native['200KB'].rulesMbPerS;
  const wasmMb = mbps('5MB', wasmMs['5MB']);
  console.log(`text rules: ${rows.length} labelled rows (dev + German + hard-negative sets); pages of short text nodes, a dark-pattern row every 20th`);
  console.log(`load average before: ${loadBefore} on ${cpus().length} cores   (times are CPU time; under load still noisy: shared caches)\n`);
  console.log('                                                     native        wasm (Node)   target          result');
  console.log(`  whole text rule set, MB/s (200 KB page)         ${num(rulesMb)}              –       ≥ ${TARGET.nativeMbPerS} native    ${pass(rulesMb >= TARGET.nativeMbPerS)}`);
  for (const name of ['1MB', '5MB']) {
    console.log(`  whole text rule set, MB/s (${name.padEnd(4)} page)         ${num(native[name].rulesMbPerS)}              –`);
  }
  console.log(`  whole engine, MB/s of text (5 MB page)          ${num(mbps('5MB', native['5MB'].analyzeMs))}      ${num(wasmMb)}       ≥ ${TARGET.wasmMbPerS} wasm      ${pass(wasmMb >= TARGET.wasmMbPerS)}`);
  console.log(`  whole engine, MB/s of text (1 MB page)          ${num(mbps('1MB', native['1MB'].analyzeMs))}      ${num(mbps('1MB', wasmMs['1MB']))}`);
  for (const name of Object.keys(files)) {
    const target = name === '200KB' ? `≤ ${TARGET.wasm200KbMs} wasm       ${pass(wasmMs[name] <= TARGET.wasm200KbMs)}` : '';
    console.log(`  analyse a ${name.padEnd(5)} page (${String(pages[name].nodes).padStart(6)} nodes), ms   ${num(native[name].analyzeMs)}      ${num(wasmMs[name])}       ${target}`);
  }
  console.log(`\n  peer: V8 irregexp, trivial keyword regex (§3.1), MB/s ${num(v8MbPerS)}   (flags ${((100 * hits) / corpus.length).toFixed(0)} % of nodes; ours is ${(rulesMb / v8MbPerS).toFixed(2)}× its speed)`);
  console.log(`  scaling 1 MB → 5 MB page: native ×${(native['5MB'].analyzeMs / native['1MB'].analyzeMs).toFixed(2)}, wasm ×${(wasmMs['5MB'] / wasmMs['1MB']).toFixed(2)} (×5 = linear)`);
  console.log(`  RE2 DFA cache resets while timing the engine (memory budget exceeded): ${Object.values(native).map((n) => n.dfaResets).join(' / ')}`);
  console.log(`  SetDfa table rebuilds, rule set and engine (budget exceeded): ${Object.values(native).map((n) => n.setDfaRebuilds).join(' / ')}`);
  console.log(`  load average after: ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
