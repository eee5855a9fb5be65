#!/usr/bin/env node
// durchblick: the Node command line (headless batch scans, reports, and the
// core's analyze/har on the wasm build). `durchblick --help` is the manual.
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';

import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, runCoreCommand } from './core-commands.js';

export const EXIT_PAGE_ERRORS = 3;

const USAGE = `usage: durchblick <command> [options]

Shows what web pages do to the people who visit them: retargeting trackers,
dark patterns, pop-up pressure, summed up as a manipulation score (0-100),
every point explained by evidence from the page.

commands:
  scan [options] [URL ...]    scan pages in headless Chromium (Debian's /usr/bin/chromium)
  scan --demo                 serve the demo shop (tests/site) locally, scan it, write
                              out/demo/report.html and print the score and top findings
  report FILE.json            write the HTML (and --pdf) report of one report JSON
                              (a durchblick.report/1, or one row of results.jsonl)
  analyze [--jsonl] [FILE|-]  analyse snapshot JSON (one, or one per line) on the wasm core
  har [--snapshot] FILE.har   build a snapshot from a HAR 1.2 capture and analyse it

scan options:
  -i, --input FILE            read URLs from FILE (one per line, # comments); with URL args too
  -o, --out DIR               output folder (default out/scan): results.jsonl, summary.csv,
                              reports/, screenshots/
  -c, --concurrency N         pages scanned at once (default 2)
  -t, --timeout MS            per page visit: navigation, settling and gathering (default 30000)
      --settle MS             longest wait for the network to go quiet after load (default 5000)
      --real-time             wait the ~1 s between the two samples of clocks in real time
                              instead of running the page's timers forward over it
                              (Playwright's clock; docs/scanner.md "Fast-forwarded clocks")
      --scroll                scroll the page to the bottom and back before gathering
      --exit-intent           move the mouse out through the top edge before gathering
      --reload                reload once and scan again with the first visit's observations
                              (a countdown that restarts on reload)
      --revisit               open the page a second time in the same profile and compare
                              (prices that rise on a second visit)
      --later MS              the reload and the second visit happen MS later by the page's
                              clock (default 300000 = 5 minutes; 0 = no shift)
      --consent CHOICE        accept | reject | none (default none): where the core finds a
                              consent banner, click its button of that role and scan again;
                              the row keeps both reports (report = before, consent.report =
                              after) and says "no consent banner found" where there is none
      --html                  write reports/<page>.html per URL (shared renderer)
      --pdf                   write reports/<page>.pdf per URL (Chromium's print)
      --screenshots           write screenshots/<page>.png per URL
      --resume                continue an interrupted run: skip URLs already in results.jsonl
      --overwrite             start again, discarding an existing results.jsonl
      --shard I/N             scan only the I-th of N equal parts of the list (1-based), so
                              several machines can split one list
      --host-rules RULES      Chromium --host-resolver-rules (e.g. "MAP *.test 127.0.0.1")
      --quiet                 no progress output

report options:
  -o, --out FILE.html         where to write the HTML (default: FILE with .html)
      --pdf [FILE.pdf]        also print a PDF (default: FILE with .pdf)
      --lang de|en            report language (default en)

analyze/har options (as durchblick-core):
  --jsonl, --snapshot, --pretty, --rules BUNDLE

general:
  --help                      show this help
  --version                   print the engine and rules versions

results.jsonl has one row per URL (durchblick.scan-row/1, docs/scanner.md): the report
with the snapshot's hash and the engine and rules versions, or an error (dns, tls,
connection, navigation, timeout, crash, dialogs, core, browser). Rows are appended and
flushed whole as each page finishes: a killed run loses nothing it had finished.

exit status: 0 ok, 3 the batch finished but some pages are error rows,
             2 bad usage or input (the error is on stderr), 1 other failure
`;

class UsageError extends Error {}

function parseArgs(argv, spec) {
  const opts = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-' || !a.startsWith('-')) {
      opts._.push(a);
      continue;
    }
    let [name, inline] = a.startsWith('--') ? a.slice(2).split(/=(.*)/s, 2) : [a.slice(1), undefined];
    name = spec.alias?.[name] ?? name;
    if (spec.flags?.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      opts[name] = true;
    } else if (spec.values?.includes(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      opts[name] = v;
    } else if (spec.optionalValues?.includes(name)) {
      if (inline !== undefined) opts[name] = inline;
      else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') && /\.pdf$/i.test(argv[i + 1])) opts[name] = argv[++i];
      else opts[name] = true;
    } else {
      throw new UsageError(`unknown option ${a} (see --help)`);
    }
  }
  return opts;
}

function intOption(value, name, min) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} needs a whole number >= ${min}, not ${value}`);
  return n;
}

async function cmdScan(argv) {
  const o = parseArgs(argv, {
    alias: { i: 'input', o: 'out', c: 'concurrency', t: 'timeout' },
    flags: ['real-time', 'scroll', 'exit-intent', 'reload', 'revisit', 'html', 'pdf', 'screenshots', 'resume', 'overwrite', 'quiet', 'demo', 'keep-snapshots', 'fsync'],
    values: ['input', 'out', 'concurrency', 'timeout', 'settle', 'consent', 'shard', 'host-rules', 'lang', 'later'],
  });
  if (o.demo) {
    const { runDemo } = await import('./demo.js');
    return runDemo({ out: o.out, quiet: o.quiet, concurrency: o.concurrency ? intOption(o.concurrency, 'concurrency', 1) : undefined });
  }
  const { runBatch, readUrlList, normaliseUrl, shardOf } = await import('./batch.js');
  let urls = [...o._];
  if (o.input) {
    let text;
    try {
      text = readFileSync(o.input, 'utf8');
    } catch (e) {
      throw new UsageError(`${o.input}: cannot open: ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}`);
    }
    urls.push(...readUrlList(text));
  }
  if (!urls.length) throw new UsageError('scan: no URLs (give them as arguments or with --input FILE)');
  urls = urls.map(normaliseUrl);
  for (const u of urls) {
    try {
      new URL(u);
    } catch {
      throw new UsageError(`scan: not a URL: ${u}`);
    }
  }
  if (o.shard) {
    const m = /^(\d+)\/(\d+)$/.exec(o.shard);
    if (!m || +m[1] < 1 || +m[1] > +m[2]) throw new UsageError(`--shard needs I/N with 1 <= I <= N, not ${o.shard}`);
    urls = shardOf(urls, +m[1], +m[2]);
  }
  const consent = o.consent ?? 'none';
  if (!['accept', 'reject', 'none'].includes(consent)) throw new UsageError(`--consent needs accept, reject or none, not ${consent}`);
  const outDir = resolve(o.out ?? 'out/scan');
  let renderFiles;
  if (o.html || o.pdf) {
    const { fileRenderer } = await import('./render.js');
    renderFiles = await fileRenderer({ outDir, html: !!o.html, pdf: !!o.pdf, lang: o.lang });
  }
  let summary;
  try {
    summary = await runBatch(urls, {
      outDir,
      concurrency: o.concurrency ? intOption(o.concurrency, 'concurrency', 1) : 2,
      timeoutMs: o.timeout ? intOption(o.timeout, 'timeout', 100) : 30000,
      settleMs: o.settle ? intOption(o.settle, 'settle', 0) : undefined,
      scroll: !!o.scroll,
      exitIntent: !!o['exit-intent'],
      fastForward: !o['real-time'],
      reload: !!o.reload,
      revisit: !!o.revisit,
      laterMs: o.later !== undefined ? intOption(o.later, 'later', 0) : 300000,
      consent,
      screenshots: !!o.screenshots,
      resume: !!o.resume,
      overwrite: !!o.overwrite,
      keepSnapshots: !!o['keep-snapshots'],
      fsync: !!o.fsync,
      browserArgs: o['host-rules'] ? [`--host-resolver-rules=${o['host-rules']}`] : [],
      progress: o.quiet ? false : {},
      renderFiles,
    });
  } catch (e) {
    if (e.usage) throw new UsageError(e.message);
    throw e;
  } finally {
    await renderFiles?.close?.();
  }
  if (!o.quiet) process.stderr.write(`results: ${summary.resultsPath}\nsummary: ${summary.summaryPath}\n`);
  return summary.errors ? EXIT_PAGE_ERRORS : EXIT_OK;
}

async function cmdReport(argv) {
  const o = parseArgs(argv, { alias: { o: 'out' }, values: ['out', 'lang'], optionalValues: ['pdf'] });
  if (o._.length !== 1) throw new UsageError('report needs exactly one FILE.json');
  const { reportCommand } = await import('./render.js');
  return reportCommand(o._[0], { out: o.out, pdf: o.pdf, lang: o.lang });
}

async function cmdCore(command, argv) {
  const o = parseArgs(argv, { flags: ['jsonl', 'pretty', 'snapshot'], values: ['rules'] });
  if (o._.length > 1) throw new UsageError('too many arguments (one FILE at most)');
  if (command === 'har' && o._.length < 1) throw new UsageError('har needs a FILE.har');
  return runCoreCommand(command, { file: o._[0] ?? '-', jsonl: o.jsonl, pretty: o.pretty, snapshot: o.snapshot, rules: o.rules });
}

export async function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (argv.includes('--version')) {
    const { sharedCore } = await import('./scan-page.js');
    const core = await sharedCore();
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`durchblick ${pkg.version}\ncore ${core.versions.core}\nrules ${core.versions.rules}\n`);
    return EXIT_OK;
  }
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await cmdScan(rest);
      case 'report':
        return await cmdReport(rest);
      case 'analyze':
      case 'har':
        return await cmdCore(command, rest);
      case undefined:
        throw new UsageError('no command given (see --help)');
      default:
        throw new UsageError(`unknown command ${command} (see --help)`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`durchblick: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`durchblick: ${e.message}\n`);
    return EXIT_FAILURE;
  }
}

const isMain = (() => {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(new URL(import.meta.url).pathname);
  } catch {
    return false;
  }
})();
if (isMain) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
