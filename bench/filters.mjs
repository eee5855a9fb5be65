#!/usr/bin/env node
// Network filter matching: the wasm core side by side with @ghostery/adblocker
// (npm, MPL-2.0) in the same Node run, both holding the same lists
// (../shared/eval/filterlists/easylist.txt + easyprivacy.txt, network filters
// only), over every request of ../shared/eval/requests-dev.json and of the
// HARs in ../shared/fixtures/har/ (types and page URL from the core's HAR
// import). Prints median and p99 per request, the ratio, memory and list
// load time, with the targets beside them, met or not.
//
//   node --expose-gc bench/filters.mjs        (after scripts/build)
//
// Per request means one call from JavaScript, everything included: passing
// the strings, URL parsing, party (PSL), matching. Each request is timed
// ROUNDS times, one call per timing, rounds interleaved over all requests;
// a request's time is its median over the rounds. The timer's own cost is
// measured and printed, not subtracted.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FiltersEngine, Request } from '@ghostery/adblocker';
import { pathToFileURL } from 'node:url';
import { SHARED, WASM_DIR } from '../tests/lib/paths.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const TARGET = { medianUs: 1.5, ratio: 2, memoryMB: 15 };
const gc = globalThis.gc ?? (() => {});
const mb = (n) => (n / 1048576).toFixed(1);

const lists = ['easylist.txt', 'easyprivacy.txt'].map((f) => [f, readFileSync(join(SHARED, 'eval', 'filterlists', f), 'utf8')]);

// ---- the wasm core --------------------------------------------------------
// As web/core/loader.js does, keeping hold of the module for its heap.
const { default: createModule } = await import(pathToFileURL(join(WASM_DIR, 'durchblick.mjs')).href);
const m = await createModule({ wasmBinary: readFileSync(join(WASM_DIR, 'durchblick.wasm')) });
const engine = new m.Engine(readFileSync(join(WASM_DIR, 'durchblick.rules.json'), 'utf8'));
if (!engine.ok()) throw new Error(engine.error());
gc();
const heapBefore = m.HEAP8.buffer.byteLength;
let t0 = performance.now();
const names = new m.StringVector();
const texts = new m.StringVector();
for (const [name, text] of lists) {
  names.push_back(name);
  texts.push_back(text);
}
engine.useFilterLists(names, texts);
names.delete();
texts.delete();
engine.matchFilters('https://example.com/', 'https://example.com/', 'script');  // compiles the lists
const coreLoadMs = performance.now() - t0;
const report = Object.fromEntries(engine.filterListReport().trim().split('\n')
  .filter((l) => !l.startsWith('skipped') && !l.startsWith('list')).map((l) => l.split('\t')));
const coreHeldMB = Number(report.memory) / 1048576;
const coreHeapMB = m.HEAP8.buffer.byteLength / 1048576;  // never shrinks: a high-water mark
const coreHeapGrowthMB = (m.HEAP8.buffer.byteLength - heapBefore) / 1048576;

// ---- @ghostery/adblocker ----------------------------------------------------
gc();
const jsBefore = process.memoryUsage().heapUsed;
t0 = performance.now();
let ghostery = FiltersEngine.parse(lists.map(([, t]) => t).join('\n'), { loadCosmeticFilters: false });
const ghosteryParseMs = performance.now() - t0;
const serialized = ghostery.serialize();
t0 = performance.now();
ghostery = FiltersEngine.deserialize(serialized);
const ghosteryDeserializeMs = performance.now() - t0;
gc();
const ghosteryMB = (process.memoryUsage().heapUsed - jsBefore) / 1048576;

// ---- the requests -----------------------------------------------------------
const requests = [];
for (const r of JSON.parse(readFileSync(join(SHARED, 'eval', 'requests-dev.json'), 'utf8'))) {
  if (r.url === 'http://' || r.url === 'https://') continue;
  requests.push({ url: r.url, sourceUrl: r.sourceUrl, type: r.type === 'fetch' ? 'xhr' : r.type });
}
const harDir = join(SHARED, 'fixtures', 'har');
let harRequests = 0;
for (const f of readdirSync(harDir).filter((n) => n.endsWith('.har')).sort()) {
  const snapshot = JSON.parse(engine.snapshotFromHar(readFileSync(join(harDir, f), 'utf8')));
  for (const r of snapshot.requests ?? []) {
    if (!/^https?:\/\/[^/]/.test(r.url)) continue;
    requests.push({ url: r.url, sourceUrl: snapshot.url, type: r.type });
    harRequests++;
  }
}
// Ghostery's type names are webRequest's; the core reads both.
const ghosteryType = (t) => ({ xhr: 'xmlhttprequest', subdocument: 'sub_frame', document: 'main_frame' }[t] ?? t);

const matchCore = (r) => engine.matchFilters(r.url, r.sourceUrl, r.type);
const matchGhostery = (r) => ghostery.match(Request.fromRawDetails({ url: r.url, sourceUrl: r.sourceUrl, type: ghosteryType(r.type) })).match;

// Verdicts side by side (not a test: the lists' semantics differ in corners).
let agree = 0, coreBlocked = 0, ghosteryBlocked = 0;
for (const r of requests) {
  const a = matchCore(r) === 1, b = matchGhostery(r);
  coreBlocked += a;
  ghosteryBlocked += b;
  agree += a === b;
}

function timeAll(fn) {
  const per = requests.map(() => []);
  for (let k = 0; k < 200; k++) fn(requests[k % requests.length]);  // warm up
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < requests.length; i++) {
      const a = performance.now();
      fn(requests[i]);
      per[i].push((performance.now() - a) * 1000);
    }
  }
  const med = per.map((xs) => xs.sort((x, y) => x - y)[xs.length >> 1]).sort((x, y) => x - y);
  const q = (p) => med[Math.min(med.length - 1, Math.floor(p * med.length))];
  return { median: q(0.5), p99: q(0.99), mean: med.reduce((s, x) => s + x, 0) / med.length };
}
const timer = timeAll(() => {});
const coreT = timeAll(matchCore);
const ghosteryT = timeAll(matchGhostery);

const mark = (ok) => (ok ? 'met' : 'MISSED');
const f2 = (x) => x.toFixed(2).padStart(8);
console.log(`network filter matching: ${requests.length} requests (${requests.length - harRequests} from requests-dev.json, ${harRequests} from ${readdirSync(harDir).filter((n) => n.endsWith('.har')).length} HARs), ${ROUNDS} rounds, one call per timing`);
console.log(`lists: easylist.txt + easyprivacy.txt; core: ${report.filters} network filters in use (${report.lines} lines read; the rest cosmetic, comments or counted skips)`);
console.log('');
console.log('per request (µs)              median      p99     mean');
console.log(`  durchblick wasm core      ${f2(coreT.median)} ${f2(coreT.p99)} ${f2(coreT.mean)}   target median ≤ ${TARGET.medianUs} µs: ${mark(coreT.median <= TARGET.medianUs)}`);
console.log(`  @ghostery/adblocker       ${f2(ghosteryT.median)} ${f2(ghosteryT.p99)} ${f2(ghosteryT.mean)}`);
console.log(`  timer alone (included)    ${f2(timer.median)} ${f2(timer.p99)} ${f2(timer.mean)}`);
const ratio = ghosteryT.median / coreT.median;
console.log(`  ratio ghostery / core     ${f2(ratio)} ${f2(ghosteryT.p99 / coreT.p99)} ${f2(ghosteryT.mean / coreT.mean)}   target ≥ ${TARGET.ratio}× (median): ${mark(ratio >= TARGET.ratio)}`);
console.log('');
console.log('memory for both lists (MB)');
console.log(`  durchblick: held by the compiled filters ${mb(Number(report.memory)).padStart(6)}   target ≤ ${TARGET.memoryMB} MB: ${mark(coreHeldMB <= TARGET.memoryMB)}`);
console.log(`  durchblick: whole wasm heap (module, rules bundle, lists; high-water) ${coreHeapMB.toFixed(1)}, grown by ${coreHeapGrowthMB.toFixed(1)} while loading the lists`);
console.log(`  @ghostery/adblocker: JS heap growth   ${ghosteryMB.toFixed(1).padStart(6)}   (serialized ${mb(serialized.length)} MB)`);
console.log('');
console.log('list load time (ms)');
console.log(`  durchblick: parse + index from list text (wasm) ${coreLoadMs.toFixed(1).padStart(8)}`);
console.log(`  @ghostery/adblocker: parse from list text       ${ghosteryParseMs.toFixed(1).padStart(8)}   deserialize its engine blob ${ghosteryDeserializeMs.toFixed(1)}`);
console.log('');
console.log(`verdicts: core blocks ${coreBlocked}, ghostery blocks ${ghosteryBlocked}, same verdict on ${agree} of ${requests.length} (${(100 * agree / requests.length).toFixed(1)} %)`);
