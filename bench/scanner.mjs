#!/usr/bin/env node
// Benchmark: `durchblick scan` throughput against a bare Playwright
// navigation loop over the same pages, in the same run, at concurrency 1, 2
// and 4; then memory over a long batch.
//
//   node bench/scanner.mjs [--pages N] [--rounds R] [--memory-pages M] [--concurrency 1,2,4]
//
// Pages: the demo site (tests/site: shop, news, clean page with local vendor
// stand-ins) cycled to N page loads (default 48) per measurement. Both loops
// launch their own Chromium, open a fresh context per page, navigate to
// 'load' and wait by the same rule until the network has been quiet for
// 500 ms (scan-page.js's settle(); Playwright's 'networkidle' never fires on
// pages that leave a response body unread), so the difference is what
// Durchblick adds: gathering, cookies, the core's analysis, the JSONL row. Each
// concurrency runs R rounds (default 2) alternating bare/scanner; the table
// shows the mean. Memory: the scanner over M pages (default 500) at
// concurrency 4, sampling the RSS of this process and of its Chromium
// processes every M/10 pages.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startDemoSite } from '../tests/site/server.mjs';
import { launchChromium, CHROMIUM_ARGS } from '../tests/lib/chromium.mjs';
import { runBatch } from '../scanner/batch.js';
import { captureNetwork, settle, sharedCore } from '../scanner/scan-page.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const PAGES = Number(opt('pages', 48));
const ROUNDS = Number(opt('rounds', 2));
const MEMORY_PAGES = Number(opt('memory-pages', 500));
const LEVELS = String(opt('concurrency', '1,2,4')).split(',').map(Number);

const site = await startDemoSite();
const browserArgs = [...CHROMIUM_ARGS, ...site.browserArgs];
const urlsFor = (n, tag) => Array.from({ length: n }, (_, i) => `${site.pages[i % site.pages.length]}?${tag}=${i}`);
const core = await sharedCore();

async function bare(urls, concurrency) {
  const t0 = performance.now();
  const browser = await launchChromium({ args: browserArgs });
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
  await Promise.all(Array.from({ length: concurrency }, worker));
  await browser.close();
  return { ms: performance.now() - t0, failed };
}

async function scanner(urls, concurrency, { onRow } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'durchblick-bench-'));
  try {
    const t0 = performance.now();
    const r = await runBatch(urls, { outDir: out, concurrency, core, browserArgs: site.browserArgs, progress: false, onRow });
    return { ms: performance.now() - t0, failed: r.errors };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const perMinute = (n, ms) => (n * 60000) / ms;
const rows = [];
const own = []; // per-page timings of the scanner's first visits
process.stderr.write(`bench: ${PAGES} page loads per measurement, ${ROUNDS} round(s), demo site ${site.url}\n`);
for (const c of LEVELS) {
  const b = [];
  const s = [];
  for (let round = 0; round < ROUNDS; round++) {
    b.push(await bare(urlsFor(PAGES, `b${c}r${round}`), c));
    s.push(await scanner(urlsFor(PAGES, `s${c}r${round}`), c, { onRow: (row) => own.push(row.visits?.[0]?.timings) }));
    process.stderr.write(`  concurrency ${c} round ${round + 1}: bare ${perMinute(PAGES, b.at(-1).ms).toFixed(1)}, durchblick ${perMinute(PAGES, s.at(-1).ms).toFixed(1)} pages/min\n`);
  }
  const mean = (xs) => xs.reduce((a, x) => a + x.ms, 0) / xs.length;
  const bareRate = perMinute(PAGES, mean(b));
  const scanRate = perMinute(PAGES, mean(s));
  rows.push({ c, bareRate, scanRate, overhead: (bareRate / scanRate - 1) * 100, failed: [b, s].flat().reduce((a, x) => a + x.failed, 0) });
}

console.log('\nThroughput on the local demo site (pages per minute, mean of rounds)\n');
console.log('concurrency | bare Playwright loop | durchblick scan | overhead (time per page) | failed loads');
console.log('----------- | -------------------- | --------------- | ------------------------ | ------------');
for (const r of rows) {
  console.log(`${String(r.c).padStart(11)} | ${r.bareRate.toFixed(1).padStart(20)} | ${r.scanRate.toFixed(1).padStart(15)} | ${`${r.overhead >= 0 ? '+' : ''}${r.overhead.toFixed(1)} %`.padStart(24)} | ${String(r.failed).padStart(12)}`);
}
// Robust to a busy machine: the scanner's own steps inside each page's time
// (gathering + cookies, and the core's analysis) against its whole visit.
const t = own.filter((x) => x && x.totalMs > 0);
const mean = (f) => t.reduce((a, x) => a + f(x), 0) / t.length;
const ownMs = mean((x) => (x.gatheredMs - x.settledMs) + (x.analyzeMs ?? 0));
const visitMs = mean((x) => x.totalMs);
console.log(`\ninside the scanner's visits (${t.length} pages): gathering + cookies + analysis ${ownMs.toFixed(0)} ms of ${visitMs.toFixed(0)} ms per page (${((ownMs / visitMs) * 100).toFixed(1)} %)`);
const worst = Math.max(...rows.map((r) => r.overhead));
console.log(`\ntarget: overhead <= 15 %; worst here ${worst.toFixed(1)} % -> ${worst <= 15 ? 'met' : 'NOT met'}`);

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
  const every = Math.max(1, Math.floor(MEMORY_PAGES / 10));
  const sample = () => {
    const browser = descendants(process.pid).reduce((a, p) => a + rssMiB(p), 0);
    samples.push({ pages: done, node: process.memoryUsage().rss / 2 ** 20, heap: process.memoryUsage().heapUsed / 2 ** 20, browser });
  };
  const r = await scanner(urlsFor(MEMORY_PAGES, 'm'), 4, {
    onRow: () => {
      done++;
      if (done % every === 0) sample();
    },
  });
  console.log(`\nMemory over ${MEMORY_PAGES} pages (durchblick scan, concurrency 4, ${perMinute(MEMORY_PAGES, r.ms).toFixed(1)} pages/min, ${r.failed} failed)\n`);
  console.log('pages | node RSS MiB | node heap MiB | Chromium RSS MiB (all processes)');
  console.log('----- | ------------ | ------------- | --------------------------------');
  for (const s of samples) {
    console.log(`${String(s.pages).padStart(5)} | ${s.node.toFixed(0).padStart(12)} | ${s.heap.toFixed(0).padStart(13)} | ${s.browser.toFixed(0).padStart(32)}`);
  }
  if (samples.length >= 4) {
    // Least-squares slope after the first sample (warm-up), per 100 pages.
    const warm = samples.slice(1);
    const slope = (k) => {
      const mx = warm.reduce((a, s) => a + s.pages, 0) / warm.length;
      const my = warm.reduce((a, s) => a + s[k], 0) / warm.length;
      const num = warm.reduce((a, s) => a + (s.pages - mx) * (s[k] - my), 0);
      const den = warm.reduce((a, s) => a + (s.pages - mx) ** 2, 0);
      return (num / den) * 100;
    };
    console.log(`\ntrend after warm-up (least squares), per 100 pages: node RSS ${slope('node').toFixed(1)} MiB, node heap ${slope('heap').toFixed(1)} MiB, Chromium ${slope('browser').toFixed(1)} MiB`);
  }
}
await site.close();
