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
// Two figures per request for the core, both printed:
//   in-wasm   the whole request list crosses into wasm once per round
//             (matchFiltersTimed); each request's preparation (URL, party
//             by PSL, tokens) and matching is timed inside wasm with
//             emscripten_get_now() (= performance.now()). This is the figure
//             the targets are checked against: the cost of matching itself.
//   per call  one Embind call per request from JavaScript, which adds
//             copying three strings into wasm per call.
// Ghostery is timed per call (Request.fromRawDetails + match), as its
// engine is JavaScript. Each request is timed ROUNDS times, rounds
// interleaved over all requests; a request's time is its median over the
// rounds. The timers' own costs are printed, not subtracted.
//
// List load time is printed for both forms the core reads: list text
// (parse + index, as for `classify --filters`) and the compact compiled form
// the rules build ships the built-in lists in (Engine.compiledFilters()).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { filterBenchRequests, perRequestStats } from './filter-requests.mjs';
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
// The same lists in the compiled form: written once, then loaded.
const compiledJson = engine.compiledFilters();
t0 = performance.now();
if (!engine.useCompiledFilters(compiledJson)) throw new Error('compiled filters rejected');
engine.matchFilters('https://example.com/', 'https://example.com/', 'script');
const coreCompiledLoadMs = performance.now() - t0;
// The built-in list (AdGuard Tracking Protection): an engine over the bundle
// with the list as text (rules.source.json, a build artefact) and over the
// shipped bundle (compiled), each up to its first verdict.
const builtinLoad = {};
for (const [form, file] of [['text', 'rules.source.json'], ['compiled', 'durchblick.rules.json']]) {
  const json = readFileSync(join(WASM_DIR, file), 'utf8');
  const a = performance.now();
  const e = new m.Engine(json);
  e.matchFilters('https://example.com/', 'https://example.com/', 'script');
  builtinLoad[form] = { ms: performance.now() - a, mb: json.length / 1048576 };
  e.delete();
}
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
const { requests, fromHars: harRequests, harFiles } = filterBenchRequests(engine);
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
  return perRequestStats(per);
}
const timer = timeAll(() => {});
const coreT = timeAll(matchCore);
const ghosteryT = timeAll(matchGhostery);

// In-wasm: the whole list per call, each request timed inside.
const lines = requests.map((r) => `${r.url}\t${r.sourceUrl}\t${r.type}`).join('\n');
const inside = requests.map(() => []);
let insideBlocked = 0;
for (let round = 0; round < ROUNDS; round++) {
  const [times, blocked] = engine.matchFiltersTimed(lines).split(';');
  times.split(',').forEach((t, i) => inside[i].push(Number(t) / 1000));
  insideBlocked = Number(blocked);
}
const stat = perRequestStats;
const coreIn = stat(inside);
// The in-wasm timer pair alone: lines with an empty URL are not matched.
const [emptyTimes] = engine.matchFiltersTimed('\t\t\n'.repeat(1000)).split(';');
const timerIn = stat(emptyTimes.split(',').map((t) => [Number(t) / 1000]));

const mark = (ok) => (ok ? 'met' : 'MISSED');
const f2 = (x) => x.toFixed(2).padStart(8);
let load = '';
try { load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '); } catch {}
console.log(`network filter matching: ${requests.length} requests (${requests.length - harRequests} from requests-dev.json, ${harRequests} from ${harFiles} HARs), ${ROUNDS} rounds; load average ${load}`);
console.log(`lists: easylist.txt + easyprivacy.txt; core: ${report.filters} network filters in use (${report.lines} lines read; the rest cosmetic, comments or counted skips)`);
console.log('');
console.log('per request (µs)                         median      p99     mean');
console.log(`  durchblick wasm, in-wasm (batch)     ${f2(coreIn.median)} ${f2(coreIn.p99)} ${f2(coreIn.mean)}   target median ≤ ${TARGET.medianUs} µs: ${mark(coreIn.median <= TARGET.medianUs)}`);
console.log(`  durchblick wasm, one call per request${f2(coreT.median)} ${f2(coreT.p99)} ${f2(coreT.mean)}`);
console.log(`  @ghostery/adblocker, one call        ${f2(ghosteryT.median)} ${f2(ghosteryT.p99)} ${f2(ghosteryT.mean)}`);
console.log(`  timers alone (included): JS ${timer.median.toFixed(2)}, in-wasm ${timerIn.median.toFixed(2)}`);
const ratio = ghosteryT.median / coreIn.median;
console.log(`  ratio ghostery / core (in-wasm)      ${f2(ratio)} ${f2(ghosteryT.p99 / coreIn.p99)} ${f2(ghosteryT.mean / coreIn.mean)}   target ≥ ${TARGET.ratio}× (median): ${mark(ratio >= TARGET.ratio)}`);
console.log(`  ratio ghostery / core (per call)     ${f2(ghosteryT.median / coreT.median)} ${f2(ghosteryT.p99 / coreT.p99)} ${f2(ghosteryT.mean / coreT.mean)}`);
console.log('');
console.log('memory for both lists (MB)');
console.log(`  durchblick: held by the compiled filters ${mb(Number(report.memory)).padStart(6)}   target ≤ ${TARGET.memoryMB} MB: ${mark(coreHeldMB <= TARGET.memoryMB)}`);
console.log(`  durchblick: whole wasm heap (module, rules bundle, lists; high-water) ${coreHeapMB.toFixed(1)}, grown by ${coreHeapGrowthMB.toFixed(1)} while loading the lists`);
console.log(`  @ghostery/adblocker: JS heap growth   ${ghosteryMB.toFixed(1).padStart(6)}   (serialized ${mb(serialized.length)} MB)`);
console.log('');
console.log('list load time (ms), up to the first verdict');
console.log(`  durchblick, easylist + easyprivacy: from list text (parse + index) ${coreLoadMs.toFixed(1).padStart(8)}`);
console.log(`  durchblick, easylist + easyprivacy: compiled form (${mb(compiledJson.length)} MB JSON)   ${coreCompiledLoadMs.toFixed(1).padStart(8)}`);
console.log(`  durchblick, whole engine with the built-in list: text bundle ${builtinLoad.text.ms.toFixed(1)} (${builtinLoad.text.mb.toFixed(1)} MB), compiled bundle ${builtinLoad.compiled.ms.toFixed(1)} (${builtinLoad.compiled.mb.toFixed(1)} MB; includes all other rules)`);
console.log(`  @ghostery/adblocker: parse from list text ${ghosteryParseMs.toFixed(1).padStart(8)}   deserialize its engine blob ${ghosteryDeserializeMs.toFixed(1)}`);
console.log('');
console.log(`verdicts: core blocks ${coreBlocked} (in-wasm batch: ${insideBlocked}), ghostery blocks ${ghosteryBlocked}, same verdict on ${agree} of ${requests.length} (${(100 * agree / requests.length).toFixed(1)} %)`);
