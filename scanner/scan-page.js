// Scans one page in a Playwright BrowserContext the way the extension does:
// the same gatherer files (web/gather/index.js) run in the page, the network
// is captured through the browser, the snapshot is assembled by the same
// buildSnapshot() and analysed by the same wasm core.
//
//   import { scanPage } from './scanner/scan-page.js';
//   const browser = await launchChromium();            // tests/lib/chromium.mjs
//   const context = await browser.newContext();
//   const { snapshot, report, error } = await scanPage(context, url, { timeoutMs: 20000 });
//   await context.close();
//
// scanPage never throws for a page's own failure: DNS and TLS errors,
// timeouts, a crashed renderer or a page that opens dialogs without end come
// back as `error` ({code, message, stage}); `snapshot`/`report` are then
// null. Codes: dns | tls | connection | navigation | timeout | crash |
// dialogs | gather | core. It throws only on a broken installation (core
// missing) or a closed context.
//
// Gatherers are the entries of GATHERERS: {id, fn, init?, options?}.
//   fn(options)   self-contained function run with page.evaluate after the page
//                 settled; may be async; returns a partial snapshot.
//   init(options) optional, self-contained; installed with addInitScript before
//                 navigation (early observers: mutation timing, API wrappers).
//                 It must leave what fn needs on the page (e.g. a symbol-keyed
//                 global), since they run as separate scripts.
// A gatherer that throws or times out yields nothing (its sections stay "not
// gathered"); its id and message are listed in result.gatherErrors.
//
// Request mapping (Playwright resourceType → webRequest type, as the
// extension records them): document → main_frame | sub_frame, xhr/fetch →
// xmlhttprequest, ping (sendBeacon, <a ping>) → ping, cspviolationreport →
// csp_report, texttrack/eventsource/manifest/prefetch/… → other, the rest 1:1.
import { GATHERERS } from '../web/gather/index.js';
import { buildSnapshot } from '../web/gather/snapshot.js';
import { loadCore } from '../web/core/loader.js';

const WEBREQUEST_TYPES = {
  stylesheet: 'stylesheet', image: 'image', media: 'media', font: 'font', script: 'script',
  xhr: 'xmlhttprequest', fetch: 'xmlhttprequest', ping: 'ping', websocket: 'websocket',
  cspviolationreport: 'csp_report', object: 'object',
};
const MAX_POST_BODY = 8192;
const MAX_REQUESTS = 5000;

let corePromise = null;
/** The wasm core, loaded once per process (shared by all scans). */
export function sharedCore(options) {
  corePromise ??= loadCore(options).catch((e) => {
    corePromise = null;
    throw e;
  });
  return corePromise;
}

/** webRequest resource type of a Playwright request. */
export function webRequestType(request) {
  const t = request.resourceType();
  if (t === 'document') return request.frame()?.parentFrame() ? 'sub_frame' : 'main_frame';
  return WEBREQUEST_TYPES[t] ?? 'other';
}

function originOf(url) {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? '' : o;
  } catch {
    return '';
  }
}

/** Classifies a navigation/page error message into a stable code. */
export function errorCode(message) {
  const m = String(message);
  if (/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED|ERR_ADDRESS_UNREACHABLE/.test(m)) return 'dns';
  if (/ERR_CERT_|ERR_SSL_|SSL_PROTOCOL|ERR_BAD_SSL/.test(m)) return 'tls';
  if (/ERR_CONNECTION_|ERR_EMPTY_RESPONSE|ERR_INVALID_RESPONSE|ERR_SOCKET/.test(m)) return 'connection';
  if (/Timeout|timed out|ERR_TIMED_OUT/i.test(m)) return 'timeout';
  if (/crash|Target (page, context or browser )?(has been )?closed|Page closed/i.test(m)) return 'crash';
  return 'navigation';
}

class ScanError extends Error {
  constructor(code, message, stage) {
    super(message);
    this.code = code;
    this.stage = stage;
  }
}

/**
 * Records the page's requests as snapshot `requests[]` entries, in the
 * order they started, and tracks how many are still in flight.
 */
export function captureNetwork(page) {
  const entries = new Map(); // Playwright Request → snapshot entry
  const list = [];
  let inflight = 0;
  let lastActivity = Date.now();
  const onRequest = (request) => {
    lastActivity = Date.now();
    const url = request.url();
    if (!/^(https?|wss?):/.test(url)) return; // data:, blob:, chrome: — the extension's filter sees only these
    if (list.length >= MAX_REQUESTS) return;
    const frame = request.frame?.();
    const type = webRequestType(request);
    const entry = { url, type, method: request.method() };
    let frameUrl = '';
    try {
      frameUrl = type === 'main_frame' ? '' : type === 'sub_frame' ? frame?.parentFrame()?.url() ?? '' : frame?.url() ?? '';
    } catch {
      frameUrl = '';
    }
    if (frameUrl && /^https?:/.test(frameUrl)) {
      entry.frameUrl = frameUrl;
      const initiator = originOf(frameUrl);
      if (initiator) entry.initiator = initiator;
    }
    const body = request.postData();
    if (body) entry.postData = body.slice(0, MAX_POST_BODY);  // snapshot contract: requests[].postData
    entries.set(request, entry);
    list.push(entry);
    inflight++;
  };
  const done = (request, status) => {
    lastActivity = Date.now();
    const entry = entries.get(request);
    if (!entry || entry.done) return;
    entry.done = true;
    if (status) entry.status = status;
    inflight--;
  };
  // A response (headers) counts as done: a body the page never reads, a
  // stream or a long poll must not keep the page from settling.
  const onResponse = (response) => done(response.request(), response.status());
  const onFailed = (request) => done(request, 0);
  const onFinished = (request) => done(request, 0);
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfinished', onFinished);
  page.on('requestfailed', onFailed);
  const stop = () => {
    page.off('request', onRequest);
    page.off('response', onResponse);
    page.off('requestfinished', onFinished);
    page.off('requestfailed', onFailed);
  };
  return {
    stop,
    get inflight() {
      return inflight;
    },
    get lastActivity() {
      return lastActivity;
    },
    /** Counts as activity now: the next settle() waits at least quietMs (after a click, say). */
    touch() {
      lastActivity = Date.now();
    },
    requests() {
      return list.map(({ done, ...rest }) => rest);
    },
  };
}

function sleep(ms) {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** Waits until no request is in flight for `quietMs`, at most `maxMs`. */
export async function settle(net, { quietMs, maxMs, failed = () => false }) {
  const start = Date.now();
  for (;;) {
    if (failed()) return;
    const now = Date.now();
    if (now - start >= maxMs) return;
    if (net.inflight <= 0 && now - net.lastActivity >= quietMs) return;
    await sleep(Math.min(50, quietMs));
  }
}

/** Cookies of the context in snapshot form. */
async function snapshotCookies(context) {
  const all = await context.cookies();
  return all.map((c) => ({
    name: c.name,
    value: c.value,
    domain: c.domain.replace(/^\./, ''),
    path: c.path,
    httpOnly: c.httpOnly,
    secure: c.secure,
    sameSite: c.sameSite,
    ...(c.expires > 0 ? { expires: Math.round(c.expires * 1000) } : {}),
  }));
}

const gatherScripts = new WeakMap();
/**
 * One page.evaluate expression that starts every gatherer's fn(options) at
 * once and returns [{ok: part} | {error: message}] in list order. The
 * functions are self-contained by contract, so their source is all they need
 * (as with page.evaluate(fn)); plain loops and await only, nothing a page can
 * override on Array or Promise prototypes. Built once per gatherer list.
 */
export function gatherScript(gatherers) {
  let script = gatherScripts.get(gatherers);
  if (!script) {
    const list = gatherers.map((g) => `[${g.fn.toString()}, ${JSON.stringify(g.options ?? {})}]`);
    script = `(async () => {
  const run = async (fn, options) => {
    try { return { ok: await fn(options) }; } catch (e) { return { error: String((e && e.message) || e) }; }
  };
  const list = [${list.join(',\n')}];
  const started = [];
  for (let i = 0; i < list.length; i++) started[i] = run(list[i][0], list[i][1]);
  const out = [];
  for (let i = 0; i < started.length; i++) out[i] = await started[i];
  return out;
})()`;
    gatherScripts.set(gatherers, script);
  }
  return script;
}

// ---- fast-forwarding the page's clock over the sampling waits ------------
//
// The gatherers read clocks twice, ~1 s apart (texts: sampleMs 1200,
// overlays: 1000): a countdown ticking once a second shows two different
// texts. With fastForward (the default) the scanner installs Playwright's
// clock in the context before anything loads (Date, performance.now(),
// setTimeout/setInterval, requestAnimationFrame, requestIdleCallback become
// the clock's; it runs in real time until told otherwise) and, once the
// gatherers have taken their first samples and wait for their second, runs
// the page's timers forward over the wait at once (clock.runFor): the
// page's own intervals tick, Date.now() moves on, the gatherers' waits end,
// and no second of real time is spent. The page experiences the same second
// passing, by its own clock; what does not move faster is what no page timer
// drives: the network, rendering, CSS animations and transitions.
//
// performance.now() must be on the same clock, or a pop-up a page timer
// opens "1.5 s after load" would be timed (gatherers time with
// performance.now()) at the real moment the clock was run forward. But
// Playwright's clock replaces window.performance by a stand-in whose
// getEntries*() return [] and whose other members do nothing (navigation
// timing, which pages and the gatherers read, would be gone). So: an init
// script before the clock keeps the real object and gives the clock a
// stand-in of its own whose now() is the native one (the clock reads real
// time through it); one after the clock puts the real object back with the
// clock's now() (shifted to the real origin) as its own now, and the native
// Event#timeStamp. The overlays and interactions gatherers take an own now
// on performance at document start as the page's clock. Event time stamps
// and performance entries stay in real time: they fall behind the page's
// clock by the time run forward.
const REAL_TIME_KEY = 'durchblick.scanner.performance';

/** Installs the clock; returns the init function to run after it (with REAL_TIME_KEY). */
async function installClock(context) {
  await context.addInitScript((key) => {
    try {
      const real = window.performance;
      const nativeNow = Performance.prototype.now;
      const saved = { performance: real, timeStamp: Object.getOwnPropertyDescriptor(Event.prototype, 'timeStamp') };
      Object.defineProperty(window, Symbol.for(key), { value: saved, configurable: false, enumerable: false });
      saved.standIn = { now: () => Reflect.apply(nativeNow, real, []) };
      window.performance = saved.standIn;
    } catch {
      // a second run in the same document
    }
  }, REAL_TIME_KEY);
  await context.clock.install();
  return restorePerformance;
}

function restorePerformance(key) {
  const saved = window[Symbol.for(key)];
  const clockPerformance = window.performance;
  if (!saved || !saved.standIn || clockPerformance === saved.standIn || typeof clockPerformance?.now !== 'function') {
    if (saved?.performance) window.performance = saved.performance;
    return;
  }
  try {
    const real = saved.performance;
    const offset = Reflect.apply(Performance.prototype.now, real, []) - clockPerformance.now();
    const now = function now() {
      return clockPerformance.now() + offset;
    };
    Object.defineProperty(real, 'now', { value: now, configurable: true, writable: true });
    window.performance = real;
    if (saved.timeStamp) Object.defineProperty(Event.prototype, 'timeStamp', saved.timeStamp);
  } catch {
    // keep the clock's
  }
}

// The first run covers the longest sampling wait of the gatherers (texts:
// 1200 ms) and a little more, so one round trip usually does; then steps.
const FAST_FORWARD_MARGIN_MS = 50;
const FAST_FORWARD_STEP_MS = 100;
const FAST_FORWARD_MAX_MS = 3000; // past this the rest is waited in real time

/**
 * gatherScript(gatherers) with the page's clock run forward over the
 * sampling waits. The gatherers are started first (evaluateHandle returns
 * once each has taken its first samples and waits on a timer), then the
 * clock runs forward in steps until they are done.
 */
async function gatherFastForward(page, gatherers) {
  const handle = await page.evaluateHandle(`({ result: ${gatherScript(gatherers)} })`);
  let done = false;
  const gathered = handle.evaluate((o) => o.result).finally(() => {
    done = true;
    handle.dispose().catch(() => {});
  });
  gathered.catch(() => {});
  let advanced = 0;
  let step = FAST_FORWARD_MARGIN_MS + gatherers.reduce((m, g) => Math.max(m, Number(g.options?.sampleMs) || 0), 0);
  while (!done && advanced < FAST_FORWARD_MAX_MS && !page.isClosed()) {
    try {
      await page.clock.runFor(step);
    } catch {
      // a page timer threw (the clock still moved on), or the page went away
    }
    advanced += step;
    step = FAST_FORWARD_STEP_MS;
    await Promise.race([gathered.catch(() => {}), sleep(5)]);
  }
  return gathered;
}

/** [[fn, arg], …] as one script that runs each fn(arg), one's exception not stopping the rest. */
function initScript(inits) {
  const calls = inits.map(([fn, arg]) => `  try { (${fn.toString()})(${JSON.stringify(arg)}); } catch (e) { /* the next one still runs */ }`);
  return `(() => {\n${calls.join('\n')}\n})();`;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, fail) => {
      timer = setTimeout(() => fail(new ScanError('timeout', `${what} took longer than ${ms} ms`, what)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Optional interactions before gathering, in this order.
 * scroll: scroll to the bottom in steps and back; exitIntent: move the mouse
 * into the page and out through the top edge (mouseout to the window).
 */
async function interact(page, { scroll, exitIntent }) {
  if (scroll) {
    await page.evaluate(async () => {
      const step = Math.max(200, window.innerHeight * 0.8);
      const max = Math.min(document.documentElement.scrollHeight, 40000);
      for (let y = 0; y < max; y += step) {
        window.scrollTo(0, y);
        await new Promise((ok) => setTimeout(ok, 60));
      }
      window.scrollTo(0, 0);
    });
  }
  if (exitIntent) {
    const vp = page.viewportSize() ?? { width: 1280, height: 720 };
    await page.mouse.move(vp.width / 2, vp.height / 2);
    await page.mouse.move(vp.width / 2, 5, { steps: 5 });
    // Leaving the viewport through the top: Chromium dispatches mouseout with relatedTarget null.
    await page.mouse.move(vp.width / 2, -10, { steps: 2 });
    await page.evaluate(() => {
      const ev = new MouseEvent('mouseout', { bubbles: true, clientX: innerWidth / 2, clientY: -1, relatedTarget: null });
      document.documentElement.dispatchEvent(ev);
      document.dispatchEvent(new MouseEvent('mouseleave', { clientX: innerWidth / 2, clientY: -1 }));
    });
  }
}

/**
 * Scans one URL.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {{
 *   core?: object,            // loaded core (loadCore()); default: shared per process
 *   gatherers?: {id: string, fn: Function, init?: Function, options?: object}[],
 *   timeoutMs?: number,       // whole scan (navigation, settling, gathering), default 30000
 *   quietMs?: number,         // network quiet time that counts as settled, default 500
 *   settleMs?: number,        // longest wait for the network to settle after load, default 5000
 *   gatherTimeoutMs?: number, // all gatherers together (they run concurrently), default 10000
 *   scroll?: boolean, exitIntent?: boolean,
 *   history?: object[],       // snapshot history[] (earlier observations)
 *   maxDialogs?: number,      // dialogs (alert/confirm/prompt/beforeunload) before giving up, default 20
 *   keepPage?: boolean,       // keep the page open: the result gets page, regather() and close()
 *   closeContext?: boolean,   // without keepPage: close the whole context (not only the page) once
 *                             // gathered, while the core analyses (a batch's one-page context)
 *   page?: import('playwright-core').Page, // navigate this open page instead of a new one
 *   analyze?: boolean,        // default true
 *   fastForward?: boolean,    // default true: install Playwright's clock in the context (first
 *                             // scan of it) and run the page's timers over the gatherers'
 *                             // sampling waits instead of waiting them out (see below)
 * }} [options]
 * @returns {Promise<{url: string, finalUrl?: string, status?: number, snapshot: object|null, report: object|null,
 *                    error: {code: string, message: string, stage: string}|null,
 *                    gatherErrors: {id: string, message: string}[], timings: object,
 *                    page?: object, regather?: (o?: {history?: object[], timeoutMs?: number}) => Promise<object>,
 *                    close?: () => Promise<void>}>}
 *   With keepPage (and no error), regather() settles the network again and
 *   gathers the page as it is now (after a click, say): same result shape,
 *   the snapshot has every request since navigation. Call close() when done.
 */
export async function scanPage(context, url, options = {}) {
  const {
    gatherers = GATHERERS,
    timeoutMs = 30000,
    quietMs = 500,
    settleMs = 5000,
    gatherTimeoutMs = 10000,
    maxDialogs = 20,
    analyze = true,
    fastForward = true,
  } = options;

  if (!context.__durchblickInit) {
    // Early observers, once per context, before any page of it loads.
    context.__durchblickInit = true;
    // One init script (one round trip): after the clock, if any, its
    // performance fix, then every gatherer's init in list order.
    const inits = gatherers.filter((g) => typeof g.init === 'function').map((g) => [g.init, g.options ?? {}]);
    if (fastForward) {
      inits.unshift([await installClock(context), REAL_TIME_KEY]);
      context.__durchblickClock = true;
    }
    if (inits.length) await context.addInitScript(initScript(inits));
  }

  const page = options.page ?? (await context.newPage());
  let fatal = null; // set by crash / dialog storms; aborts the waits
  let stage = 'navigation';
  const fail = (code, message) => {
    fatal ??= new ScanError(code, message, stage);
  };
  let dialogs = 0;
  const onDialog = (dialog) => {
    dialogs++;
    if (dialogs > maxDialogs) fail('dialogs', `the page opened more than ${maxDialogs} dialogs`);
    dialog.dismiss().catch(() => {});
  };
  const onCrash = () => fail('crash', 'the renderer crashed');
  page.on('dialog', onDialog);
  page.on('crash', onCrash);
  const net = captureNetwork(page);

  const release = async () => {
    net.stop();
    page.off('dialog', onDialog);
    page.off('crash', onCrash);
    // close() can hang on a renderer that spins; don't let it block the batch.
    await Promise.race([page.close({ runBeforeUnload: false }).catch(() => {}), sleep(3000)]);
  };

  // Runs `body` with every await raced against the crash/dialog signal and a deadline.
  const guarded = async (budgetMs, body) => {
    const t0 = Date.now();
    let abort;
    const aborted = new Promise((_, reject) => {
      abort = reject;
    });
    aborted.catch(() => {});
    const watcher = setInterval(() => {
      if (fatal) abort(fatal);
      else if (Date.now() - t0 > budgetMs) abort(new ScanError('timeout', `the scan took longer than ${budgetMs} ms`, stage));
    }, 25);
    try {
      return await body((p) => Promise.race([p, aborted]), t0);
    } finally {
      clearInterval(watcher);
    }
  };

  // Settles, gathers and analyses the page as it is now.
  const collect = async (guard, t0, { history, interactions }, timings, gatherErrors) => {
    stage = 'settle';
    const left = () => Math.max(0, timeoutMs - (Date.now() - t0));
    await guard(settle(net, { quietMs, maxMs: Math.min(settleMs, left()), failed: () => !!fatal }));
    if (interactions?.scroll || interactions?.exitIntent) {
      stage = 'interaction';
      await guard(interact(page, interactions));
      await guard(settle(net, { quietMs, maxMs: Math.min(2000, settleMs, left()), failed: () => !!fatal }));
    }
    timings.settledMs = Date.now() - t0;
    stage = 'gather';
    // The cookie store is read while the gatherers run (one round trip less).
    const cookiesPromise = snapshotCookies(context);
    cookiesPromise.catch(() => {});
    // All gatherers in one round trip, concurrently: their sampling waits
    // (a second text sample ~1 s later, for clocks) overlap instead of adding up.
    let outcomes;
    try {
      const gathering = context.__durchblickClock
        ? gatherFastForward(page, gatherers)
        : page.evaluate(gatherScript(gatherers));
      outcomes = await guard(withTimeout(gathering, gatherTimeoutMs, 'gather'));
    } catch (e) {
      if (fatal) throw fatal;
      if (e instanceof ScanError && e.stage !== 'gather') throw e;
      if (page.isClosed()) throw new ScanError('crash', 'the page closed while gathering', stage);
      outcomes = gatherers.map(() => ({ error: firstLine(e.message) }));
    }
    if (fatal) throw fatal;
    const parts = [];
    gatherers.forEach((g, i) => {
      const o = Array.isArray(outcomes) ? outcomes[i] : null;
      if (o && 'ok' in o) parts.push(o.ok);
      else gatherErrors.push({ id: g.id, message: firstLine(o?.error ?? 'no result') });
    });
    const cookies = await guard(cookiesPromise);
    timings.gatheredMs = Date.now() - t0;
    return buildSnapshot({ parts, requests: net.requests(), cookies, history, capturedAtMs: Date.now() });
  };

  const finish = async (result) => {
    if (result.snapshot && analyze) {
      const t = Date.now();
      try {
        const core = options.core ?? (await sharedCore());
        result.report = core.analyze(result.snapshot);
        if (result.report?.error) {
          result.error = { code: 'core', message: `${result.report.error.code}: ${result.report.error.message}`, stage: 'analyze' };
        }
      } catch (e) {
        if (/core:/.test(e.message)) throw e; // installation problem, not the page's
        result.error = { code: 'core', message: firstLine(e.message), stage: 'analyze' };
      }
      result.timings.analyzeMs = Date.now() - t;
    }
    return result;
  };

  // afterGather: started once the page is gathered (closing it), so it runs
  // while the core analyses: the analysis is off the page's critical path.
  const run = async (navigate, collectOptions, budgetMs, afterGather) => {
    const timings = {};
    const gatherErrors = [];
    const result = { url, snapshot: null, report: null, error: null, gatherErrors, timings };
    try {
      await guarded(budgetMs, async (guard, t0) => {
        if (navigate) {
          stage = 'navigation';
          let response;
          try {
            response = await guard(page.goto(url, { waitUntil: 'load', timeout: budgetMs }));
          } catch (e) {
            if (e instanceof ScanError) throw e;
            throw new ScanError(fatal?.code ?? errorCode(e.message), firstLine(e.message), 'navigation');
          }
          timings.loadMs = Date.now() - t0;
          if (response) result.status = response.status();
        }
        result.snapshot = await collect(guard, t0, collectOptions, timings, gatherErrors);
        result.finalUrl = page.url();
        timings.totalMs = Date.now() - t0;
      });
    } catch (e) {
      const err = e instanceof ScanError ? e : new ScanError(fatal?.code ?? errorCode(e.message), firstLine(e.message), stage);
      result.snapshot = null;
      result.error = { code: err.code, message: err.message, stage: err.stage ?? stage };
    }
    const closing = afterGather?.();
    await finish(result);
    await closing;
    return result;
  };

  const releaseContext = async () => {
    net.stop();
    await Promise.race([context.close().catch(() => {}), sleep(5000)]);
  };
  const t0 = Date.now();
  const early = options.keepPage ? null : options.closeContext ? releaseContext : release;
  const result = await run(true, { history: options.history, interactions: options }, timeoutMs, early);
  result.timings.totalMs = Date.now() - t0;
  if (!options.keepPage) return result;
  if (result.error) {
    await release();
    return result;
  }
  result.page = page;
  result.regather = async (o = {}) => {
    if (page.isClosed()) throw new Error('scanPage: the page is closed');
    net.touch(); // what was just done (a click) may start requests a moment later
    const r = await run(false, { history: o.history ?? options.history }, o.timeoutMs ?? timeoutMs);
    return r;
  };
  result.close = release;
  return result;
}

function firstLine(message) {
  return String(message ?? '').split('\n')[0].replace(/\s+/g, ' ').trim().slice(0, 500);
}
