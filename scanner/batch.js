// The batch behind `durchblick scan`: a queue of URLs, N workers sharing one
// Chromium, a fresh browser context per URL, one JSONL row per URL appended
// and flushed whole as soon as it is finished (so a killed run loses nothing
// it finished and --resume skips exactly those URLs), then a CSV summary.
//
// A row (docs/scanner.md):
//   {schema: "durchblick.scan-row/1", url, ok, scannedAt, durationMs, finalUrl, status,
//    snapshotSha256, engine: {core, rules}, report, visits[], consent?, files?, error?}
// `report` is the most informed report of the URL: the last visit's (a reload
// or second visit carries the first visit's observations in history[]).
import { createHash } from 'node:crypto';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';

import { observationsFrom } from '../web/gather/history.js';
import { scanPage, sharedCore } from './scan-page.js';
import { launchChromium, CHROMIUM_ARGS } from '../tests/lib/chromium.mjs';
import { createProgress } from './progress.js';
import { writeSummaryCsv } from './summary.js';
import { clickConsent } from './consent.js';

export const ROW_SCHEMA = 'durchblick.scan-row/1';
export const RESULTS_FILE = 'results.jsonl';
export const SUMMARY_FILE = 'summary.csv';

/** Reads URLs from a file: one per line, blank lines and #-comments ignored. */
export function readUrlList(text) {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** Normalises what the user typed into a URL we can open (bare hosts get https://). */
export function normaliseUrl(input) {
  const s = String(input).trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(s)) return s;
  return `https://${s}`;
}

/** The URLs of shard `index` of `count` (1-based): every count-th URL, by position. */
export function shardOf(urls, index, count) {
  return urls.filter((_, i) => i % count === index - 1);
}

/**
 * Reads a results file for --resume: drops a last line cut off by a kill
 * (no trailing newline; the file is truncated back to its last complete
 * line) and returns the URLs already done.
 */
export function loadDone(path) {
  const done = new Set();
  if (!existsSync(path)) return done;
  const buf = readFileSync(path);
  let end = buf.length;
  if (end && buf[end - 1] !== 0x0a) {
    end = buf.lastIndexOf(0x0a) + 1;
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, end);
    closeSync(fd);
  }
  for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const row = JSON.parse(line);
      if (row && typeof row.url === 'string') done.add(row.url);
    } catch {
      // a damaged line is not "done"
    }
  }
  return done;
}

/** Appends one row as one write(2) of a whole line. */
function appender(path, { sync = false } = {}) {
  const fd = openSync(path, 'a');
  return {
    append(row) {
      const buf = Buffer.from(JSON.stringify(row) + '\n', 'utf8');
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off);
      if (sync) fsyncSync(fd);
    },
    close() {
      closeSync(fd);
    },
  };
}

/** A short, stable, file-system safe name for a URL's files. */
export function fileStem(url) {
  let host = 'page';
  try {
    host = new URL(url).hostname.replace(/[^a-z0-9.-]/gi, '_').slice(0, 60) || 'page';
  } catch {
    host = 'page';
  }
  return `${host}-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}

function visitSummary(kind, r) {
  return {
    kind,
    ...(r.report && !r.report.error
      ? { score: r.report.score, snapshotSha256: r.report.engine?.snapshotSha256, findings: r.report.findings.map((f) => f.type) }
      : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(r.gatherErrors?.length ? { gatherErrors: r.gatherErrors } : {}),
    timings: r.timings,
  };
}

/**
 * Scans one URL with the requested interactions in its own context and
 * returns its row (never throws for the page's failures).
 */
export async function scanUrl(browser, url, o) {
  const started = Date.now();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: o.locale ?? 'de-DE',
    ignoreHTTPSErrors: false,
  });
  const row = { schema: ROW_SCHEMA, url, ok: false, scannedAt: new Date(started).toISOString() };
  const visits = [];
  const base = {
    core: o.core,
    timeoutMs: o.timeoutMs,
    settleMs: o.settleMs,
    quietMs: o.quietMs,
    scroll: o.scroll,
    exitIntent: o.exitIntent,
    fastForward: o.fastForward ?? true,
    ...(o.gatherers ? { gatherers: o.gatherers } : {}), // default: web/gather/index.js
  };
  const hardDeadline = o.timeoutMs * (1 + (o.reload ? 1 : 0) + (o.revisit ? 1 : 0) + (o.consent !== 'none' ? 1 : 0)) + 10000;
  let timer;
  // Visits: first → reload (same page) → revisit (new page, same context);
  // each later one carries the earlier ones' observations in history[]. The
  // last visit's page stays open for the screenshot and the consent click.
  const work = (async () => {
    // Pages stay open until the context closes (one round trip less per page
    // than closing each); a revisit closes the earlier page first.
    // A single visit without screenshot or click needs nothing of the page
    // once gathered: its context closes while the core analyses.
    const keepPage = !!(o.reload || o.revisit || o.screenshots || o.consent !== 'none');
    let last = await scanPage(context, url, { ...base, keepPage, closeContext: !keepPage });
    visits.push(visitSummary('first', last));
    if (last.error) {
      row.error = last.error;
      return;
    }
    if (last.status) row.status = last.status;
    const history = [];
    // Later visits happen "later": the page's clock runs laterMs ahead (a
    // countdown that restarts on every load then ends later than the first
    // visit said it would). 0 = no shift.
    const later = async (page) => {
      if (o.laterMs > 0) await page.clock.install({ time: Date.now() + o.laterMs });
      return page;
    };
    if (o.reload) {
      history.push(...observationsFrom(last.snapshot));
      const again = await scanPage(context, url, { ...base, page: await later(last.page), keepPage: true, history: [...history] });
      visits.push(visitSummary('reload', again));
      if (again.error) {
        row.error = { ...again.error, stage: `reload: ${again.error.stage}` };
        return;
      }
      last = again;
    }
    if (o.revisit) {
      history.push(...observationsFrom(last.snapshot));
      await last.close?.();
      const second = await scanPage(context, url, { ...base, page: await later(await context.newPage()), keepPage: true, history: [...history] });
      visits.push(visitSummary('revisit', second));
      if (second.error) {
        row.error = { ...second.error, stage: `revisit: ${second.error.stage}` };
        return;
      }
      last = second;
    }
    row.ok = true;
    row.finalUrl = last.finalUrl;
    row.snapshotSha256 = last.report.engine?.snapshotSha256;
    row.report = last.report;
    if (o.keepSnapshots) row.snapshot = last.snapshot;
    const files = {};
    if (o.screenshots && last.page) {
      const path = join(o.outDir, 'screenshots', `${fileStem(url)}.png`);
      try {
        await last.page.screenshot({ path, timeout: 10000 });
        files.screenshot = path;
      } catch (e) {
        files.screenshotError = String(e.message).split('\n')[0];
      }
    }
    if (Object.keys(files).length) row.files = files;
    if (o.consent !== 'none') {
      const { consent, after } = await clickConsent(last, o.consent);
      row.consent = consent;
      if (after) visits.push(visitSummary(`consent-${o.consent}`, after));
    }
  })();
  try {
    await Promise.race([
      work,
      new Promise((_, fail) => {
        timer = setTimeout(() => fail(Object.assign(new Error(`the page took longer than ${hardDeadline} ms in all`), { code: 'timeout' })), hardDeadline);
      }),
    ]);
  } catch (e) {
    row.ok = false;
    delete row.report;
    row.error = { code: e.code ?? (/closed|crash/i.test(e.message) ? 'crash' : 'internal'), message: String(e.message).split('\n')[0], stage: 'scan' };
  } finally {
    clearTimeout(timer);
    work.catch(() => {});
    await Promise.race([context.close().catch(() => {}), new Promise((ok) => setTimeout(ok, 5000))]);
  }
  row.visits = visits;
  row.durationMs = Date.now() - started;
  return row;
}

/**
 * Runs a batch.
 * @param {string[]} urls
 * @param {{outDir: string, concurrency?: number, timeoutMs?: number, resume?: boolean, overwrite?: boolean,
 *          consent?: 'accept'|'reject'|'none', fastForward?: boolean, scroll?: boolean, exitIntent?: boolean, reload?: boolean, revisit?: boolean,
 *          screenshots?: boolean, html?: boolean, pdf?: boolean, browserArgs?: string[], progress?: object|false,
 *          browser?: import('playwright-core').Browser,
 *          onRow?: (row: object) => void}} o
 * @returns {Promise<{total: number, skipped: number, scanned: number, errors: number, resultsPath: string, summaryPath: string}>}
 */
export async function runBatch(urls, o) {
  const opts = { concurrency: 2, timeoutMs: 30000, consent: 'none', laterMs: 300000, ...o };
  mkdirSync(opts.outDir, { recursive: true });
  if (opts.screenshots) mkdirSync(join(opts.outDir, 'screenshots'), { recursive: true });
  const resultsPath = join(opts.outDir, RESULTS_FILE);
  if (existsSync(resultsPath) && !opts.resume && !opts.overwrite) {
    throw Object.assign(new Error(`${resultsPath} exists: pass --resume to continue it or --overwrite to start again`), { usage: true });
  }
  if (opts.overwrite && !opts.resume && existsSync(resultsPath)) closeSync(openSync(resultsPath, 'w'));
  const done = opts.resume ? loadDone(resultsPath) : new Set();
  const unique = [...new Set(urls)];
  const todo = unique.filter((u) => !done.has(u));
  const skipped = unique.length - todo.length;

  opts.core ??= await sharedCore();
  const out = appender(resultsPath, { sync: !!opts.fsync });
  const progress = opts.progress === false ? null : createProgress({ total: todo.length, skipped, ...(opts.progress ?? {}) });

  let browser = null;
  let launching = null;
  const getBrowser = async () => {
    if (opts.browser) return opts.browser; // the caller's (benchmarks): not relaunched, not closed
    if (browser?.isConnected()) return browser;
    launching ??= launchChromium({ args: [...CHROMIUM_ARGS, ...(opts.browserArgs ?? [])] }).then((b) => {
      browser = b;
      launching = null;
      return b;
    }, (e) => {
      launching = null;
      throw e;
    });
    return launching;
  };

  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < todo.length) {
      const url = todo[next++];
      let row;
      try {
        const b = await getBrowser();
        row = await scanUrl(b, url, opts);
      } catch (e) {
        row = { schema: ROW_SCHEMA, url, ok: false, scannedAt: new Date().toISOString(), error: { code: 'browser', message: String(e.message).split('\n')[0], stage: 'browser' } };
      }
      row.engine = opts.core.versions;
      if (opts.renderFiles && row.ok) {
        try {
          row.files = { ...(row.files ?? {}), ...(await opts.renderFiles(row, fileStem(url))) };
        } catch (e) {
          row.files = { ...(row.files ?? {}), renderError: String(e.message).split('\n')[0] };
        }
      }
      out.append(row);
      if (!row.ok) errors++;
      opts.onRow?.(row);
      progress?.done({ url, ok: row.ok, score: row.report?.score, error: row.error });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, todo.length || 1)) }, worker));
  } finally {
    out.close();
    progress?.finish();
    if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((ok) => setTimeout(ok, 5000))]);
  }
  const summaryPath = join(opts.outDir, SUMMARY_FILE);
  writeSummaryCsv(resultsPath, summaryPath);
  return { total: unique.length, skipped, scanned: todo.length, errors, resultsPath, summaryPath };
}
