#!/usr/bin/env node
// What the extension costs a page: load time and the longest main-thread
// task its content scripts cause, with and without the extension, on the
// heaviest fixture page (the tests/pages/*/ folder with the most bytes,
// unless --page NAME). Side by side, medians over --runs (default 15) visits
// each, alternating, one fresh profile per side (the "without" side has an
// empty extension, so both profiles are the same kind).
//
//   node bench/extension.mjs [--runs 15] [--page ext-shop]   (BENCH_DEBUG=1: each visit, long tasks)
//
// Load time: navigation start → end of the load event (Navigation Timing).
// Content-script tasks: from a Chromium trace of the page's renderer main
// thread, each top-level task that runs extension code — an EvaluateScript
// or FunctionCall of a chrome-extension:// script (document_start observers)
// or of a script without URL (chrome.scripting.executeScript gatherers) —
// until the analysis of the visit is done. The same count without the
// extension shows what of that is the page's own URL-less code.
// Targets (issue 7): load-time overhead ≤ 2 %, no content-script task > 50 ms.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { startServer } from '../tests/lib/server.mjs';
import { launchWithExtension } from '../tests/lib/chromium.mjs';
import { startExtension, HOST_RULES } from '../tests/lib/extension.mjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGES = join(ROOT, 'tests/pages');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', 15));

const folderBytes = (dir) => readdirSync(dir, { withFileTypes: true })
  .reduce((n, e) => n + (e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
const heaviest = () => readdirSync(PAGES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => ({ name: e.name, bytes: folderBytes(join(PAGES, e.name)) }))
  .sort((a, b) => b.bytes - a.bytes)[0].name;
const PAGE = arg('--page', heaviest());

const EXTENSION_CODE = (url) => url === '' || String(url).startsWith('chrome-extension://');
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame']);

/** Longest top-level main-thread task (ms) that ran extension code, and how many there were. */
function contentScriptTasks(events) {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => main.has(`${e.pid}:${e.tid}`) && e.ph === 'X');
  // Top-level tasks only (RunTask may nest ThreadControllerImpl::RunTask).
  const all = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const tasks = all.filter((t) => !all.some((o) => o !== t && o.tid === t.tid && o.pid === t.pid && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur && o.dur > t.dur));
  const script = onMain.filter((e) => SCRIPT_EVENTS.has(e.name) && EXTENSION_CODE(e.args?.data?.url ?? e.args?.data?.scriptName ?? ''));
  let longest = 0, count = 0;
  for (const t of tasks) {
    const same = (s) => s.pid === t.pid && s.tid === t.tid && s.ts >= t.ts && s.ts + (s.dur ?? 0) <= t.ts + t.dur;
    if (script.some(same)) {
      count++;
      if (process.env.BENCH_DEBUG && t.dur > 10000) console.error(t.dur / 1000, onMain.filter(same).filter((e) => e.dur > 1000).map((e) => `${e.name}:${(e.dur / 1000).toFixed(1)}:${e.args?.data?.url ?? e.args?.data?.functionName ?? ''}`).join(' | ').slice(0, 600));
      longest = Math.max(longest, t.dur / 1000);
    }
  }
  return { longest, count };
}

async function visit(ctx, url, waitAnalysed) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] },
    transferMode: 'ReportEvents',
  });
  await page.goto(url, { waitUntil: 'load' });
  const loadMs = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; });
  await waitAnalysed(page);
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  return { loadMs, ...contentScriptTasks(events) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

execFileSync(process.execPath, [join(ROOT, 'tools/build-extension.mjs')], { stdio: 'pipe' });
const server = await startServer({ root: PAGES });
const url = `${server.url}/${PAGE}/`;
const blank = mkdtempSync(join(tmpdir(), 'durchblick-blank-'));
writeFileSync(join(blank, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'blank', version: '1.0' }));
const without = await launchWithExtension(blank, { extraArgs: [HOST_RULES] });
const ext = await startExtension();
// Without: the same settling time the extension waits before gathering.
const settleLike = (ms) => () => new Promise((r) => setTimeout(r, ms));
const rows = { without: [], with: [] };
let analyseMs = 2500;
for (let i = 0; i < RUNS + 1; i++) {
  let since = 0;
  const w = await visit(ext.ctx, url, async (page) => {
    const t0 = Date.now();
    const { analysedAtMs } = await ext.reportFor(page.url(), { after: since });
    since = analysedAtMs;
    analyseMs = Date.now() - t0 + 300;
  });
  const o = await visit(without, url, settleLike(analyseMs));
  if (process.env.BENCH_DEBUG) console.error(`visit ${i}: load ${w.loadMs.toFixed(0)} vs ${o.loadMs.toFixed(0)} ms`);
  if (i === 0) continue; // warm-up (caches, first compile)
  rows.with.push(w);
  rows.without.push(o);
}
await ext.close();
await without.close();
await server.close();

const sum = (side) => ({
  load: median(rows[side].map((r) => r.loadMs)),
  longest: Math.max(...rows[side].map((r) => r.longest)),
  tasks: median(rows[side].map((r) => r.count)),
});
const a = sum('without'), b = sum('with');
const overhead = ((b.load - a.load) / a.load) * 100;
console.log(`page: tests/pages/${PAGE}/ (heaviest fixture${arg('--page') ? ', chosen' : ''}), ${RUNS} visits each, medians`);
console.log('                                   without extension   with Durchblick');
console.log(`page load (navigation → load end)   ${a.load.toFixed(1).padStart(10)} ms   ${b.load.toFixed(1).padStart(10)} ms   (${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)} %, target ≤ 2 %)`);
console.log(`longest task running extension code ${a.longest.toFixed(1).padStart(10)} ms   ${b.longest.toFixed(1).padStart(10)} ms   (target ≤ 50 ms; "without" = the page's own URL-less code)`);
console.log(`tasks running extension code        ${String(a.tasks).padStart(10)}      ${String(b.tasks).padStart(10)}`);
