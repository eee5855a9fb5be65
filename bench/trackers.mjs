#!/usr/bin/env node
// Per-request tracker classification (issue 3): the wasm core in Node side by
// side, in the same run, with third-party-web's getEntity (the data set our
// company rules come from) and @ghostery/trackerdb's matchUrl, on every
// request of the HAR captures in ../shared/fixtures/har/.
//   node bench/trackers.mjs [--rounds N]      (after scripts/build)
//
// How each is timed (printed with the figures):
//   wasm (in-wasm)   ClassifyRequest() per request, timed inside the module
//                    with emscripten_get_now() (= performance.now()); the
//                    batch of URLs crosses into wasm once per HAR per round
//                    (classifyTimed), so no per-request string copy is counted.
//                    The timer pair's own cost (measured on an empty batch
//                    entry) is printed, not subtracted.
//   wasm (company)   the same in-wasm timing of ClassifyRequest() on an Engine
//                    that holds the company rules alone (trackers, psl,
//                    retargeting: what issue 3 builds, and what its memory line
//                    counts); its tracker and retargeting verdicts are checked
//                    to equal the whole engine's. Issue 3's targets are read
//                    on this row; the whole verdict adds issue 4's filter
//                    lists, whose match alone has a 1.5 µs line of its own.
//   wasm (per call)  one Embind call per request from JS (classifyCount on a
//                    one-line batch): includes copying the URL into wasm.
//   wasm (batch)     one classifyCount call per HAR, wall time / requests.
//   wasm (filters)   the filter-list match alone that ClassifyRequest makes
//                    (FilterRules::MatchCode, same URL, page and type ""),
//                    timed inside wasm like the first row (matchFiltersTimed,
//                    whose timed span also splits the page URL, as a page
//                    host is not passed in):
//                    the part of the first row that wasm/src/filters/ costs.
//                    ClassifyRequest also asks for the exception filter and
//                    fetches the matched filter's text, which MatchCode does
//                    not; the rest of it is the "company rules alone" row.
//   peers            one JS call per request, timed with process.hrtime.bigint().
// Verdicts differ in content: the core returns company, category, first/third
// party and retargeting endpoint; getEntity returns the entity; matchUrl
// returns the matching TrackerDB patterns with organisation and category.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SHARED, WASM_DIR } from '../tests/lib/paths.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 20;

// ---- the requests: every entry of every HAR, with its page URL ---------------
const harDir = join(SHARED, 'fixtures', 'har');
const pages = readdirSync(harDir).filter((f) => f.endsWith('.har')).sort().map((f) => {
  const log = JSON.parse(readFileSync(join(harDir, f), 'utf8')).log;
  const urls = log.entries.map((e) => e.request.url).filter((u) => !u.includes('\n'));
  const pageUrl = log.entries.find((e) => (e._resourceType ?? 'document') === 'document')?.request.url ?? urls[0];
  return { name: f, pageUrl, urls };
});
const total = pages.reduce((n, p) => n + p.urls.length, 0);

const stats = (ns) => {
  const s = Float64Array.from(ns).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5) / 1000, p99: at(0.99) / 1000, n: s.length };
};
const heapMb = () => process.memoryUsage().heapUsed / 1e6;
const gc = () => globalThis.gc?.();

// ---- peers ------------------------------------------------------------------
gc();
let before = heapMb();
const tpw = require('third-party-web');
tpw.getEntity('https://www.google-analytics.com/analytics.js');  // build its lookup tables
gc();
const tpwMb = heapMb() - before;

const { default: loadTrackerDB } = await import('@ghostery/trackerdb');
const engineBytes = readFileSync(require.resolve('@ghostery/trackerdb').replace(/dist\/.*$/, 'dist/trackerdb.engine'));
gc();
before = heapMb();
const ghostery = await loadTrackerDB(new Uint8Array(engineBytes));
gc();
const ghosteryMb = heapMb() - before;
const ghosteryVersion = JSON.parse(readFileSync(require.resolve('@ghostery/trackerdb').replace(/dist\/.*$/, 'package.json'), 'utf8')).version;

// ---- the wasm core ------------------------------------------------------------
const { default: createModule } = await import(pathToFileURL(join(WASM_DIR, 'durchblick.mjs')).href);
const module = await createModule({ wasmBinary: readFileSync(join(WASM_DIR, 'durchblick.wasm')) });
const rulesJson = readFileSync(join(WASM_DIR, 'durchblick.rules.json'), 'utf8');
const heapBefore = module.heapBytesInUse();
const core = new module.Engine(rulesJson);
if (!core.ok()) throw new Error(core.error());
const coreBytes = module.heapBytesInUse() - heapBefore;
const bundle = JSON.parse(rulesJson);
const COMPANY = ['trackers', 'psl', 'retargeting'];
const companyRulesBytes = COMPANY.reduce((n, k) => n + Buffer.byteLength(JSON.stringify(bundle[k] ?? null)), 0);
// The company rules alone: an Engine over a bundle with only those sections
// (plus the finding types and scoring every bundle needs).
const companyOnly = { schema: bundle.schema, version: bundle.version, findings: bundle.findings, scoring: bundle.scoring };
for (const k of COMPANY) companyOnly[k] = bundle[k];
const heapBefore2 = module.heapBytesInUse();
const companyEngine = new module.Engine(JSON.stringify(companyOnly));
if (!companyEngine.ok()) throw new Error(companyEngine.error());
const companyHeapBytes = module.heapBytesInUse() - heapBefore2;

// ---- timing -------------------------------------------------------------------
const wasmInside = [], wasmCompany = [], wasmPerCall = [], wasmFilters = [], tpwNs = [], ghosteryNs = [];
let wasmBatchNs = 0n, wasmBatchRequests = 0, check = null, timerNs = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const p of pages) {
    const lines = p.urls.join('\n');
    const [times, trackers, retargeting] = core.classifyTimed(p.pageUrl, lines).split(';');
    for (const t of times.split(',')) wasmInside.push(Number(t));
    const [companyTimes, companyTrackers, companyRetargeting] = companyEngine.classifyTimed(p.pageUrl, lines).split(';');
    for (const t of companyTimes.split(',')) wasmCompany.push(Number(t));
    // The filter lists add a field to the verdict; they change neither the
    // company, tracker nor retargeting verdicts, so both engines must agree.
    if (companyTrackers !== trackers || companyRetargeting !== retargeting) {
      throw new Error(`${p.name}: company rules alone give ${companyTrackers}/${companyRetargeting} tracker/retargeting verdicts, the whole engine ${trackers}/${retargeting}`);
    }
    check ??= {};
    check[p.name] = { trackers: Number(trackers), retargeting: Number(retargeting) };
    const [filterTimes] = core.matchFiltersTimed(p.urls.map((u) => `${u}\t${p.pageUrl}\t`).join('\n')).split(';');
    for (const t of filterTimes.split(',')) wasmFilters.push(Number(t));
    const t0 = process.hrtime.bigint();
    core.classifyCount(p.pageUrl, lines);
    wasmBatchNs += process.hrtime.bigint() - t0;
    wasmBatchRequests += p.urls.length;
    for (const url of p.urls) {
      let a = process.hrtime.bigint();
      core.classifyCount(p.pageUrl, url);
      wasmPerCall.push(Number(process.hrtime.bigint() - a));
      a = process.hrtime.bigint();
      tpw.getEntity(url);
      tpwNs.push(Number(process.hrtime.bigint() - a));
      a = process.hrtime.bigint();
      ghostery.matchUrl({ url, type: 'other', sourceUrl: p.pageUrl }, { getDomainMetadata: true });
      ghosteryNs.push(Number(process.hrtime.bigint() - a));
    }
  }
  // The in-wasm timer pair's own cost: a batch of lines that are skipped at once.
  const [empty] = core.classifyTimed('https://x.example/', 'x\n'.repeat(1000)).split(';');
  timerNs.push(...empty.split(',').map(Number));
}

const inWasm = stats(wasmInside);
const companyAlone = stats(wasmCompany);
const perCall = stats(wasmPerCall);
const tpwStats = stats(tpwNs);
const ghosteryStats = stats(ghosteryNs);
const rows = [
  ['durchblick wasm, in-wasm per request', inWasm],
  ['durchblick wasm, one Embind call per request', perCall],
  ['durchblick wasm, company rules alone (in-wasm)', companyAlone],
  [`third-party-web ${require('third-party-web/package.json').version} getEntity`, tpwStats],
  [`@ghostery/trackerdb ${ghosteryVersion} matchUrl`, ghosteryStats],
];
console.log(`tracker classification, ${pages.length} HARs (${pages.map((p) => `${p.name} ${p.urls.length}`).join(', ')}), ${total} requests × ${ROUNDS} rounds`);
console.log(`node ${process.version}; every request classified by all three in the same loop; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
console.log('per request                                          median µs     p99 µs   samples');
for (const [name, s] of rows) {
  console.log(`  ${name.padEnd(50)} ${s.median.toFixed(3).padStart(8)} ${s.p99.toFixed(3).padStart(10)} ${String(s.n).padStart(9)}`);
}
const batchUs = Number(wasmBatchNs) / wasmBatchRequests / 1000;
console.log(`  ${'durchblick wasm, one call per HAR (mean)'.padEnd(50)} ${batchUs.toFixed(3).padStart(8)}`);
const filters = stats(wasmFilters);
console.log(`  ${'durchblick wasm, filter-list match alone (in-wasm)'.padEnd(50)} ${filters.median.toFixed(3).padStart(8)} ${filters.p99.toFixed(3).padStart(10)} ${String(filters.n).padStart(9)}`);
const timer = stats(timerNs);
console.log(`  (in-wasm timer pair alone: median ${timer.median.toFixed(3)} µs, p99 ${timer.p99.toFixed(3)} µs; not subtracted)`);

// Issue 3's lines are about its company rules (companies, categories, first
// or third party by the PSL and owners, retargeting endpoints: the job of
// third-party-web's getEntity), measured on the Engine that holds just them,
// the same one whose memory the third line counts. The whole verdict adds
// issue 4's filter-list match (its own benchmark, bench/filters.mjs, has the
// line ≤ 1.5 µs for that match alone); it is printed beside, against
// trackerdb, which matches filter patterns too.
const ours = companyAlone.median;
const faster = Math.min(tpwStats.median, ghosteryStats.median);
const fasterName = tpwStats.median <= ghosteryStats.median ? 'third-party-web' : '@ghostery/trackerdb';
console.log('\nratios (peer median / durchblick median)        company rules   whole verdict   whole, per Embind call');
const ratio = (peer, s) => `${(peer / s.median).toFixed(2)}×`.padStart(13);
console.log(`  vs third-party-web                          ${ratio(tpwStats.median, companyAlone)}   ${ratio(tpwStats.median, inWasm)}   ${ratio(tpwStats.median, perCall)}`);
console.log(`  vs @ghostery/trackerdb                      ${ratio(ghosteryStats.median, companyAlone)}   ${ratio(ghosteryStats.median, inWasm)}   ${ratio(ghosteryStats.median, perCall)}`);
console.log(`  p99: third-party-web ${(tpwStats.p99 / companyAlone.p99).toFixed(2)}× (company rules), trackerdb ${(ghosteryStats.p99 / inWasm.p99).toFixed(2)}× (whole verdict)`);

console.log('\nmemory of the loaded rules');
console.log(`  durchblick Engine (all rules: companies, PSL, retargeting, text, filters): ${(coreBytes / 1e6).toFixed(2)} MB of wasm heap`);
console.log(`  durchblick company rules alone (Engine over trackers + psl + retargeting): ${(companyHeapBytes / 1e6).toFixed(2)} MB of wasm heap; ${(companyRulesBytes / 1e6).toFixed(2)} MB as bundle JSON`);
console.log(`  third-party-web (JS heap after require + first lookup): ${tpwMb.toFixed(2)} MB${globalThis.gc ? '' : ' (run with --expose-gc for steadier figures)'}`);
console.log(`  @ghostery/trackerdb (JS heap after loadTrackerDB): ${ghosteryMb.toFixed(2)} MB; engine file ${(engineBytes.length / 1e6).toFixed(2)} MB`);

console.log('\ntargets (issue 3; company rules, in-wasm; the whole verdict with filter lists beside)');
console.log(`  median ≤ 1 µs:                 ${ours.toFixed(3)} µs  ${ours <= 1 ? 'met' : 'NOT met'}   (whole verdict ${inWasm.median.toFixed(3)} µs)`);
console.log(`  ≥ 2× faster than ${fasterName.padEnd(20)} ${(faster / ours).toFixed(2)}×  ${faster / ours >= 2 ? 'met' : 'NOT met'}   (whole verdict vs trackerdb ${(ghosteryStats.median / inWasm.median).toFixed(2)}×)`);
console.log(`  company rules ≤ 5 MB:          ${(companyHeapBytes / 1e6).toFixed(2)} MB heap  ${companyHeapBytes <= 5e6 ? 'met' : 'NOT met'}`);
console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`check values (trackers / retargeting verdicts per HAR): ${JSON.stringify(check)}`);
