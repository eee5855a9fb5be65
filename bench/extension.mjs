#!/usr/bin/env node
// What the extension costs a page: load time and the longest main-thread
// task its content scripts cause, with and without the extension, on the
// heaviest fixture page (the tests/pages/*/ folder with the most bytes,
// unless --page NAME). Printed side by side with the targets of issue 7
// (load-time overhead ≤ 2 %, no content-script task > 50 ms) and PASS/FAIL.
//
//   node bench/extension.mjs [--runs 30] [--traced 3] [--page ext-shop]
//                            [--network loopback,desktop]   (also: mobile)
//   (BENCH_DEBUG=1: each visit, long tasks)
//
// Four browsers with the same kind of profile: one with an empty extension
// ("without"), one with an extension that only holds the webRequest
// permission and registers no listener ("webRequest only": Chromium then
// sends every request of the profile through its webRequest proxy in the
// browser process, whatever the extension does), one whose worker registers
// a single empty non-blocking onBeforeRequest listener for all URLs ("one
// empty listener": what any extension that observes requests with
// webRequest costs at the least — the floor), one with Durchblick ("with").
// Only one of them works at a time.
//
// 1. Load time: --runs rounds of one visit per browser, in rotating order,
//    so drift in machine load hits every side alike; each visit is a new
//    tab, closed once loaded, then the next visit waits until that browser's
//    processes are quiet (≤ 1 clock tick of CPU in 50 ms; 0.1–1 s), for
//    every side alike;
//    navigation start → end of the load event (the page's own Navigation
//    Timing); medians and quartiles. The overhead is the median of the
//    per-round differences over the median load time without the
//    extension, with a bootstrap 90 % interval beside it: on a busy machine
//    it shows how far to trust it. Beside it the CPU time each browser's
//    processes used per visit (Linux /proc: browser process, renderers, the
//    extension's worker process, the rest), which other engineers' builds
//    disturb far less than wall time and which says where the cost is.
//    Under each --network profile in turn: "loopback" is the local server
//    as it is (no latency at all: the harshest case, where the fixed cost
//    of each request's extra hop is largest relative to the page);
//    "desktop" and "mobile" are Lighthouse's throttling presets
//    (desktopDense4G: 40 ms RTT, 10 Mbit/s; mobileSlow4G with its DevTools
//    adjustment: 562.5 ms request latency, 1.44 Mbit/s down, 675 kbit/s
//    up), applied per tab through DevTools network emulation the way
//    Lighthouse's "devtools" throttling does, i.e. the network a page is
//    normally loaded over when its load time is measured.
// 2. Content-script tasks: --traced visits per side with a Chromium trace of
//    the page's renderer main thread, each kept open until the extension
//    has analysed the page (the "without" side as long): every top-level
//    task that runs extension code — an EvaluateScript or FunctionCall of a
//    chrome-extension:// script (document_start observers) or of a script
//    without URL (chrome.scripting.executeScript gatherers). The same count
//    without the extension shows what of that is the page's own URL-less code.
//
// The load average (os.loadavg) is printed before and after: figures taken
// while others build are noisy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/lib/server.mjs';
import { launchWithExtension } from '../tests/lib/chromium.mjs';
import { startExtension, HOST_RULES } from '../tests/lib/extension.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGES = join(ROOT, 'tests/pages');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', 30));
// DevTools network emulation: latency in ms, throughput in bytes/s.
const NETWORKS = {
  loopback: null,
  desktop: { label: 'Lighthouse desktop (40 ms RTT, 10 Mbit/s)', latency: 40, down: 10 * 1024 * 1024 / 8, up: 10 * 1024 * 1024 / 8 },
  mobile: { label: 'Lighthouse mobile slow 4G (562.5 ms, 1.44 Mbit/s)', latency: 562.5, down: 1474.56 * 1024 / 8, up: 675 * 1024 / 8 },
};
const NETS = String(arg('--network', 'loopback,desktop')).split(',').filter(Boolean);
for (const n of NETS) if (!(n in NETWORKS)) throw new Error(`--network: unknown profile ${n} (${Object.keys(NETWORKS).join(', ')})`);
const TRACED = Number(arg('--traced', 3));
const TARGET_OVERHEAD_PCT = 2;
const TARGET_TASK_MS = 50;

const folderBytes = (dir) => readdirSync(dir, { withFileTypes: true })
  .reduce((n, e) => n + (e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
const heaviest = () => readdirSync(PAGES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => ({ name: e.name, bytes: folderBytes(join(PAGES, e.name)) }))
  .sort((a, b) => b.bytes - a.bytes)[0].name;
const PAGE = arg('--page', heaviest());

const EXTENSION_CODE = (url) => url === '' || String(url).startsWith('chrome-extension://');
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback']);

/**
 * Longest top-level main-thread task (ms) that ran extension code, by wall
 * time and by thread time (on a busy machine a short task can wait for the
 * CPU in the middle), and how many there were.
 */
function contentScriptTasks(events) {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => main.has(`${e.pid}:${e.tid}`) && e.ph === 'X');
  // Top-level tasks only (RunTask may nest ThreadControllerImpl::RunTask).
  const all = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const tasks = all.filter((t) => !all.some((o) => o !== t && o.tid === t.tid && o.pid === t.pid && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur && o.dur > t.dur));
  const script = onMain.filter((e) => SCRIPT_EVENTS.has(e.name) && EXTENSION_CODE(e.args?.data?.url ?? e.args?.data?.scriptName ?? ''));
  let longest = 0, longestCpu = 0, count = 0;
  for (const t of tasks) {
    const same = (s) => s.pid === t.pid && s.tid === t.tid && s.ts >= t.ts && s.ts + (s.dur ?? 0) <= t.ts + t.dur;
    if (script.some(same)) {
      count++;
      if (process.env.BENCH_DEBUG && t.dur > 10000) console.error(t.dur / 1000, onMain.filter(same).filter((e) => e.dur > 1000).map((e) => `${e.name}:${(e.dur / 1000).toFixed(1)}:${e.args?.data?.url ?? e.args?.data?.functionName ?? ''}`).join(' | ').slice(0, 600));
      longest = Math.max(longest, t.dur / 1000);
      longestCpu = Math.max(longestCpu, (t.tdur ?? t.dur) / 1000);
    }
  }
  return { longest, longestCpu, count };
}

const loadTime = (page) => page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; });

// One visit up to the load event: its wall time, and the main-thread CPU
// time (thread time of the renderer's top-level tasks from navigation start
// to the end of the load event), which other processes on a busy machine
// disturb far less than wall time.
async function loadOnly(ctx, url, net = null) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  if (net) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: net.latency, downloadThroughput: net.down, uploadThroughput: net.up });
  }
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'blink.user_timing', '__metadata'] }, transferMode: 'ReportEvents' });
  await page.goto(url, { waitUntil: 'load' });
  const ms = await loadTime(page);
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  const end = events.find((e) => e.name === 'loadEventEnd');
  const start = events.filter((e) => e.name === 'navigationStart' && e.pid === end?.pid && e.ts <= end.ts).at(-1);
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === end?.pid).map((e) => e.tid));
  let cpu = 0;
  for (const e of events) {
    if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.pid === end?.pid && main.has(e.tid) && e.ts >= (start?.ts ?? 0) && e.ts <= end.ts) cpu += (e.tdur ?? e.dur) / 1000;
  }
  return { ms, cpu: end ? cpu : NaN };
}

async function traced(ctx, url, waitAnalysed) {
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
  await waitAnalysed(page);
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  return contentScriptTasks(events);
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q, lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
};
const median = (xs) => quantile(xs, 0.5);
// Bootstrap interval of median(differences) / median(without), fixed seed.
function bootstrap(diffs, base, n = 2000) {
  let seed = 1;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = [];
  for (let k = 0; k < n; k++) {
    const d = [], b = [];
    for (let i = 0; i < diffs.length; i++) {
      const j = Math.floor(rnd() * diffs.length);
      d.push(diffs[j]);
      b.push(base[j]);
    }
    out.push((median(d) / median(b)) * 100);
  }
  return [quantile(out, 0.05), quantile(out, 0.95)];
}
const la = () => loadavg().map((x) => x.toFixed(2)).join(' ');

// CPU time (ms: user + system, and that of exited children, such as closed
// tabs' renderers reaped by the zygote) of one browser's processes by kind.
const CLK_MS = 10; // USER_HZ 100
function processCpu(profileDir) {
  const procs = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      procs.push({ pid: Number(pid), ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * CLK_MS, cmd });
    } catch { /* exited meanwhile */ }
  }
  const root = procs.find((p) => p.cmd.includes(`--user-data-dir=${profileDir}`) && !p.cmd.includes('--type='));
  const out = { browser: 0, renderers: 0, extension: 0, other: 0 };
  const walk = (p) => {
    const kind = p === root ? 'browser' : p.cmd.includes('--extension-process') ? 'extension'
      : /--type=(renderer|zygote)/.test(p.cmd) ? 'renderers' : 'other';
    out[kind] += p.ms;
    for (const c of procs.filter((c) => c.ppid === p.pid)) walk(c);
  };
  if (root) walk(root);
  return out;
}

const cpuTotal = (profileDir) => Object.values(processCpu(profileDir)).reduce((n, x) => n + x, 0);
/** Waits (100 ms to 1 s) until the browser's processes used ≤ 1 clock tick in 50 ms. */
async function quiet(profileDir) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  await sleep(50);
  for (const end = Date.now() + 950; Date.now() < end;) {
    const before = cpuTotal(profileDir);
    await sleep(50);
    if (cpuTotal(profileDir) - before <= CLK_MS) return;
  }
}

const started = Date.now();
const loadBefore = la();
execFileSync(process.execPath, [join(ROOT, 'tools/build-extension.mjs')], { stdio: 'pipe' });
const server = await startServer({ root: PAGES });
const url = `${server.url}/${PAGE}/`;
const blank = mkdtempSync(join(tmpdir(), 'durchblick-blank-'));
writeFileSync(join(blank, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'blank', version: '1.0' }));
const permOnly = mkdtempSync(join(tmpdir(), 'durchblick-webrequest-only-'));
writeFileSync(join(permOnly, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'webRequest only', version: '1.0', permissions: ['webRequest'], host_permissions: ['<all_urls>'] }));
const oneListener = mkdtempSync(join(tmpdir(), 'durchblick-one-listener-'));
writeFileSync(join(oneListener, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'one empty listener', version: '1.0', permissions: ['webRequest'], host_permissions: ['<all_urls>'], background: { service_worker: 'worker.js' } }));
writeFileSync(join(oneListener, 'worker.js'), "chrome.webRequest.onBeforeRequest.addListener(() => {}, { urls: ['<all_urls>'] });\n");
const without = await launchWithExtension(blank, { extraArgs: [HOST_RULES] });
const perm = await launchWithExtension(permOnly, { extraArgs: [HOST_RULES] });
const listener = await launchWithExtension(oneListener, { extraArgs: [HOST_RULES] });
const ext = await startExtension();
const ARMS = ['with', 'without', 'perm', 'listener'];
const ctxOf = { with: ext.ctx, without, perm, listener };
const COLUMNS = [['without', 'without'], ['perm', 'webRequest only'], ['listener', 'one empty listener'], ['with', 'with Durchblick']];

// Warm-up: caches, first compile, the extensions' workers and the core.
await loadOnly(without, url);
await loadOnly(perm, url);
await loadOnly(listener, url);
await traced(ext.ctx, url, (page) => ext.reportFor(page.url()));

// 1. load time, rotating order, under each network profile
async function measureLoads(net) {
  const loads = Object.fromEntries(ARMS.map((a) => [a, []])), cpus = Object.fromEntries(ARMS.map((a) => [a, []]));
  const cpuBefore = Object.fromEntries(ARMS.map((a) => [a, processCpu(ctxOf[a].profileDir)]));
  for (let i = 0; i < RUNS; i++) {
    const order = ARMS.map((_, k) => ARMS[(k + i) % ARMS.length]);
    for (const side of order) {
      const v = await loadOnly(ctxOf[side], url, net);
      loads[side].push(v.ms);
      cpus[side].push(v.cpu);
      // The extension's work after load (the observer it injects; analysis
      // of the closed tab is abandoned) and the renderer's shutdown must not
      // spill into the next visit, which is another browser's.
      await quiet(ctxOf[side].profileDir);
    }
    if (process.env.BENCH_DEBUG) console.error(`round ${i}: ${ARMS.map((a) => `${a} ${loads[a][i].toFixed(1)}`).join(', ')} ms`);
  }
  const cpuPerVisit = Object.fromEntries(ARMS.map((a) => {
    const after = processCpu(ctxOf[a].profileDir);
    return [a, Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] - cpuBefore[a][k]) / RUNS]))];
  }));
  return { loads, cpus, cpuPerVisit };
}
const measured = {};
for (const n of NETS) measured[n] = { ...await measureLoads(NETWORKS[n]), load: la() };

// 2. content-script tasks until analysed
const tasks = { with: [], without: [] };
let analyseMs = 3000;
for (let i = 0; i < TRACED; i++) {
  let since = Date.now();
  tasks.with.push(await traced(ext.ctx, url, async (page) => {
    const t0 = Date.now();
    await ext.reportFor(page.url(), { after: since, timeoutMs: 30000 });
    analyseMs = Date.now() - t0 + 300;
  }));
  tasks.without.push(await traced(without, url, () => new Promise((r) => setTimeout(r, analyseMs))));
}
await ext.close();
await without.close();
await perm.close();
await listener.close();
await server.close();

const longest = (side) => Math.max(...tasks[side].map((r) => r.longest));
const longestCpu = (side) => Math.max(...tasks[side].map((r) => r.longestCpu));
const count = (side) => median(tasks[side].map((r) => r.count));
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
const okTask = longest('with') <= TARGET_TASK_MS;
const pct = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} %`;
const ms = (x) => `${x.toFixed(1)} ms`;
const row = (label, cells, note = '') => console.log(`${label.padEnd(44)}${cells.map((c, k) => c.padStart(k ? 20 : 12)).join('')}${note ? `   ${note}` : ''}`);
const cols = (fn) => COLUMNS.map(([a]) => fn(a));

console.log(`page: tests/pages/${PAGE}/ (heaviest fixture${arg('--page') ? ', chosen' : ''}); ${RUNS} rounds (one visit per browser, rotating order) per network profile for load time, ${TRACED} traced visits per side for tasks`);
console.log(`load average (1, 5, 15 min): before ${loadBefore}, after ${la()}`);
const verdicts = {};
for (const n of NETS) {
  const { loads, cpus, cpuPerVisit, load } = measured[n];
  const base = median(loads.without);
  const diffsOf = (a, b) => loads[a].map((x, i) => x - loads[b][i]);
  const overheadOf = (a, b = 'without') => (median(diffsOf(a, b)) / base) * 100;
  const overhead = overheadOf('with');
  const interval = (a) => bootstrap(diffsOf(a, 'without'), loads.without);
  const [lo, hi] = interval('with');
  const q = (side) => `${quantile(loads[side], 0.25).toFixed(0)}–${quantile(loads[side], 0.75).toFixed(0)} ms`;
  const cpuSum = (a) => Object.values(cpuPerVisit[a]).reduce((x, y) => x + y, 0);
  const cpuRow = (label, k) => row(label, cols((a) => ms(k ? cpuPerVisit[a][k] : cpuSum(a))));
  verdicts[n] = overhead <= TARGET_OVERHEAD_PCT;
  console.log(`\nnetwork: ${NETWORKS[n]?.label ?? 'loopback (the local server, no emulated latency)'}; load average at its end ${load}`);
  row('', COLUMNS.map(([, title]) => title));
  row('page load, median (navigation → load end)', cols((a) => ms(median(loads[a]))));
  row('page load, quartiles', cols(q));
  // PASS/FAIL go by the median; when the 90 % interval straddles the target the
  // machine was too noisy to tell, and the line says so.
  const unresolved = lo <= TARGET_OVERHEAD_PCT && hi > TARGET_OVERHEAD_PCT ? ' (not resolved: the 90 % interval straddles the target)' : '';
  row('load-time overhead (median of round diffs)', cols((a) => (a === 'without' ? '' : pct(overheadOf(a)))),
    `target ≤ ${TARGET_OVERHEAD_PCT} %  ${verdict(verdicts[n])}${unresolved}`);
  row('  90 % interval', cols((a) => (a === 'without' ? '' : interval(a).map(pct).join(' … '))));
  console.log(`${''.padEnd(44)}Durchblick beyond the one empty listener: ${pct(overheadOf('with', 'listener'))}, beyond webRequest only: ${pct(overheadOf('with', 'perm'))}`);
  const cpuDiff = (a) => median(cpus[a].map((c, i) => c - cpus.without[i]));
  row('page main-thread CPU until load, median', cols((a) => ms(median(cpus[a]))),
    `(with: ${cpuDiff('with') >= 0 ? '+' : ''}${cpuDiff('with').toFixed(1)} ms per visit; thread time)`);
  cpuRow('CPU per visit, all processes of the browser', null);
  cpuRow('  browser process (webRequest proxy, events)', 'browser');
  cpuRow('  renderers (the pages, content scripts)', 'renderers');
  cpuRow('  extension process (the service worker)', 'extension');
  cpuRow('  GPU, network and other utilities', 'other');
}
console.log('\ncontent-script tasks until the page is analysed (loopback)');
row('', ['without', 'with Durchblick']);
row('longest task running extension code, wall', [ms(longest('without')), ms(longest('with'))],
  `target ≤ ${TARGET_TASK_MS} ms ("without" = the page's own URL-less code)  ${verdict(okTask)}`);
row('  the longest by thread time', [ms(longestCpu('without')), ms(longestCpu('with'))], '(wall minus waiting for a busy CPU)');
row('tasks running extension code (median)', [String(count('without')), String(count('with'))]);
console.log(`\nload-time overhead ≤ ${TARGET_OVERHEAD_PCT} %: ${NETS.map((n) => `${n} ${verdict(verdicts[n])}`).join(', ')}; longest task ≤ ${TARGET_TASK_MS} ms: ${verdict(okTask)}`);
console.log(`finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
