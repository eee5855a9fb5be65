#!/usr/bin/env node
// Benchmark: `durchblick scan` throughput against a bare Playwright
// navigation loop over the same pages, in the same run, at concurrency 1, 2
// and 4; then memory over a long batch.
//
//   node bench/scanner.mjs [--pages N] [--rounds R] [--concurrency 1,2,4] [--memory-pages M]
//   node bench/scanner.mjs --memory-pages 500        # the 500-page memory figure
//
// Pages: the demo site (tests/site: shop, product, basket, checkout, news,
// clean page, with local vendor stand-ins) cycled to N page loads (default
// 10) per measurement; both loops load exactly the same URLs. Each loop gets
// its own freshly launched Chromium (launch not timed), opens a fresh context
// per page, navigates to 'load' and waits by the same rule until the network
// has been quiet for 500 ms (scan-page.js's settle(); Playwright's
// 'networkidle' never fires on pages that leave a response body unread). So
// the difference is what Durchblick adds: the early observers and the page
// clock, gathering (the ~1.2 s between the two samples of clocks is run
// forward on the page's clock, docs/scanner.md), cookies, the core's
// analysis and the JSONL row.
//
// Robustness on a shared machine: one warm-up pass of each loop first (not
// counted); R rounds (default 2) per concurrency, alternating which loop goes
// first; the overhead is the median of the per-round paired ratios; the load
// average (os.loadavg) is printed beside every figure. Memory: the scanner
// over M pages (default 60) at concurrency 4; RSS of this Node process and
// the summed RSS of its Chromium processes at start, middle and end (each the
// mean of the samples in the first, middle and last tenth of the run; the
// start is after a warm-up tenth), judged flat if the end is within
// MEM_TOLERANCE of the middle.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { startDemoSite } from '../tests/site/server.mjs';
import { launchChromium, CHROMIUM_ARGS } from '../tests/lib/chromium.mjs';
import { runBatch } from '../scanner/batch.js';
import { captureNetwork, settle, sharedCore } from '../scanner/scan-page.js';
import { GATHERERS } from '../web/gather/index.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const PAGES = Number(opt('pages', 10));
const ROUNDS = Number(opt('rounds', 2));
const MEMORY_PAGES = Number(opt('memory-pages', 60));
const LEVELS = String(opt('concurrency', '1,2,4')).split(',').map(Number);
const TARGET = 15; // % overhead over bare navigation (issue 8)
const MEM_TOLERANCE = { fraction: 0.1, mib: 30 }; // end <= middle * 1.10 + 30 MiB

const site = await startDemoSite();
const browserArgs = [...CHROMIUM_ARGS, ...site.browserArgs];
const urlsFor = (n, tag) => Array.from({ length: n }, (_, i) => `${site.pages[i % site.pages.length]}?${tag}=${i}`);
const core = await sharedCore();
const load = () => loadavg()[0];
const fmtLoad = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

async function bare(browser, urls, concurrency) {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
      try {
        const page = await context.newPage();
        page.on('dialog', (d) => d.dismiss().catch(() => {}));
        const net = captureNetwork(page);
        await page.goto(url, { waitUntil: 'load', timeout: 30000 });
        await settle(net, { quietMs: 500, maxMs: 5000 });
        net.stop();
      } catch {
        failed++;
      } finally {
        await context.close();
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ms: performance.now() - t0, failed };
}

// For the breakdown only: the same gatherers without their second sample
// (sampleMs 0), i.e. without countdown detection.
const NO_SAMPLE = GATHERERS.map((g) => ({ ...g, options: { ...(g.options ?? {}), sampleMs: 0 } }));

async function scanner(browser, urls, concurrency, { onRow, gatherers, fastForward = true } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'durchblick-bench-'));
  try {
    const t0 = performance.now();
    const r = await runBatch(urls, { outDir: out, concurrency, core, browser, progress: false, onRow, gatherers, fastForward });
    return { ms: performance.now() - t0, failed: r.errors };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Runs `fn` with a freshly launched Chromium (launch and close not timed). */
async function withBrowser(fn) {
  const browser = await launchChromium({ args: browserArgs });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

const perMinute = (n, ms) => (n * 60000) / ms;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const own = []; // per-page timings of the scanner's visits
process.stderr.write(`bench: ${PAGES} page loads per measurement, ${ROUNDS} round(s), demo site ${site.url}, load ${load().toFixed(2)}\n`);

// Warm-up: both loops once over the site's pages (disk cache, JIT, wasm).
await withBrowser((b) => bare(b, urlsFor(site.pages.length, 'warm'), 2));
await withBrowser((b) => scanner(b, urlsFor(site.pages.length, 'warm'), 2));

const rows = [];
for (const c of LEVELS) {
  const b = [];
  const s = [];
  const ratios = [];
  const loads = [];
  for (let round = 0; round < ROUNDS; round++) {
    const urls = urlsFor(PAGES, `c${c}r${round}`); // the same URLs for both loops
    const runBare = async () => b.push(await withBrowser((br) => bare(br, urls, c)));
    const runScan = async () => s.push(await withBrowser((br) => scanner(br, urls, c, { onRow: (row) => own.push(row.visits?.[0]?.timings) })));
    loads.push(load());
    if (round % 2 === 0) {
      await runBare();
      await runScan();
    } else {
      await runScan();
      await runBare();
    }
    loads.push(load());
    ratios.push(s.at(-1).ms / b.at(-1).ms);
    process.stderr.write(`  concurrency ${c} round ${round + 1}: bare ${perMinute(PAGES, b.at(-1).ms).toFixed(1)}, durchblick ${perMinute(PAGES, s.at(-1).ms).toFixed(1)} pages/min (load ${loads.at(-1).toFixed(2)})\n`);
  }
  // At concurrency 1 also the scanner with --real-time (the sampling waits
  // waited out instead of fast-forwarded) and without the second sample at
  // all, to show what the clock samples cost (printed apart; not the target).
  let realTime = null;
  let noSample = null;
  if (c === 1) {
    const rt = [];
    const ns = [];
    for (let round = 0; round < ROUNDS; round++) {
      const urls = urlsFor(PAGES, `n${round}`);
      const y = await withBrowser((br) => bare(br, urls, 1));
      const x = await withBrowser((br) => scanner(br, urls, 1, { fastForward: false }));
      const z = await withBrowser((br) => scanner(br, urls, 1, { gatherers: NO_SAMPLE }));
      rt.push(x.ms / y.ms);
      ns.push(z.ms / y.ms);
    }
    realTime = (median(rt) - 1) * 100;
    noSample = (median(ns) - 1) * 100;
  }
  rows.push({
    realTime,
    noSample,
    c,
    bareRate: median(b.map((x) => perMinute(PAGES, x.ms))),
    scanRate: median(s.map((x) => perMinute(PAGES, x.ms))),
    overhead: (median(ratios) - 1) * 100,
    failed: [...b, ...s].reduce((a, x) => a + x.failed, 0),
    loads,
  });
}

console.log(`\nThroughput on the local demo site: pages per minute (median of ${ROUNDS} alternating rounds of ${PAGES} pages)\n`);
console.log('concurrency | bare Playwright loop | durchblick scan | overhead (time per page) | target   | failed | load avg (1 min)');
console.log('----------- | -------------------- | --------------- | ------------------------ | -------- | ------ | ----------------');
for (const r of rows) {
  const verdict = r.overhead <= TARGET ? 'pass' : 'FAIL';
  console.log(`${String(r.c).padStart(11)} | ${r.bareRate.toFixed(1).padStart(20)} | ${r.scanRate.toFixed(1).padStart(15)} | ${`${r.overhead >= 0 ? '+' : ''}${r.overhead.toFixed(1)} %`.padStart(24)} | ${`≤${TARGET} % ${verdict}`.padEnd(8)} | ${String(r.failed).padStart(6)} | ${fmtLoad(r.loads)}`);
}
// The scanner's own steps inside each visit, from its timings: less noisy
// than wall-clock throughput on a busy machine.
const t = own.filter((x) => x && x.totalMs > 0);
const mean = (f) => t.reduce((a, x) => a + f(x), 0) / t.length;
console.log(`\ninside the scanner's visits (${t.length} pages, mean ms): navigation to load ${mean((x) => x.loadMs).toFixed(0)}, settle ${mean((x) => x.settledMs - x.loadMs).toFixed(0)}, ` +
  `gathering + cookies ${mean((x) => x.gatheredMs - x.settledMs).toFixed(0)} (the ~1.2 s between the two samples of clocks fast-forwarded on the page's clock), ` +
  `analysis ${mean((x) => x.analyzeMs ?? 0).toFixed(1)} (while the context closes)`);
const pct = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)} %`;
for (const r of rows.filter((x) => x.noSample !== null)) {
  console.log(`concurrency ${r.c}, breakdown only (same URLs, own bare run): --real-time (the sampling second waited out) ${pct(r.realTime)}; ` +
    `without the second text/overlay sample (sampleMs 0: no countdown detection) ${pct(r.noSample)} over bare navigation`);
}
const worst = Math.max(...rows.map((r) => r.overhead));
console.log(`target: Durchblick adds <= ${TARGET} % over bare navigation; worst here ${worst.toFixed(1)} % -> ${worst <= TARGET ? 'PASS' : 'FAIL'} (load ${load().toFixed(2)})`);

// ---- memory over a long batch --------------------------------------------

function descendants(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // gone
    }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    for (const c of children.get(stack.pop()) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}
function rssMiB(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

if (MEMORY_PAGES > 0) {
  const samples = [];
  let done = 0;
  const every = Math.max(1, Math.floor(MEMORY_PAGES / 40));
  const sample = () => {
    const browser = descendants(process.pid).reduce((a, p) => a + rssMiB(p), 0);
    samples.push({ pages: done, node: process.memoryUsage().rss / 2 ** 20, heap: process.memoryUsage().heapUsed / 2 ** 20, browser });
  };
  const l0 = load();
  const r = await withBrowser((b) => scanner(b, urlsFor(MEMORY_PAGES, 'm'), 4, {
    onRow: () => {
      done++;
      if (done % every === 0) sample();
    },
  }));
  const l1 = load();
  const window = (from, to) => {
    const xs = samples.filter((x) => x.pages > from * MEMORY_PAGES && x.pages <= to * MEMORY_PAGES);
    const avg = (k) => xs.reduce((a, x) => a + x[k], 0) / Math.max(1, xs.length);
    return { node: avg('node'), heap: avg('heap'), browser: avg('browser'), n: xs.length };
  };
  const points = [
    ['start (10–20 %)', window(0.1, 0.2)],
    ['middle (45–55 %)', window(0.45, 0.55)],
    ['end (90–100 %)', window(0.9, 1.0)],
  ];
  console.log(`\nMemory over ${MEMORY_PAGES} pages (durchblick scan, concurrency 4, ${perMinute(MEMORY_PAGES, r.ms).toFixed(1)} pages/min, ${r.failed} failed, load ${l0.toFixed(2)}–${l1.toFixed(2)})\n`);
  console.log('point            | Node RSS MiB | Node heap MiB | Chromium RSS MiB (all processes)');
  console.log('---------------- | ------------ | ------------- | --------------------------------');
  for (const [name, p] of points) {
    console.log(`${name.padEnd(16)} | ${p.node.toFixed(0).padStart(12)} | ${p.heap.toFixed(0).padStart(13)} | ${p.browser.toFixed(0).padStart(32)}`);
  }
  const [, mid] = points[1];
  const [, end] = points[2];
  const flat = (k) => end[k] <= mid[k] * (1 + MEM_TOLERANCE.fraction) + MEM_TOLERANCE.mib;
  const verdict = (k) => `${k === 'node' ? 'Node' : 'Chromium'} ${end[k] - mid[k] >= 0 ? '+' : ''}${(end[k] - mid[k]).toFixed(0)} MiB ${flat(k) ? 'flat' : 'NOT flat'}`;
  console.log(`\nmemory: middle → end, tolerance +${MEM_TOLERANCE.fraction * 100} % + ${MEM_TOLERANCE.mib} MiB: ${verdict('node')}, ${verdict('browser')} -> ${flat('node') && flat('browser') ? 'PASS' : 'FAIL'}` +
    (MEMORY_PAGES < 500 ? ` (${MEMORY_PAGES} pages; the issue's figure: --memory-pages 500)` : ''));
}
await site.close();
