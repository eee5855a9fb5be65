#!/usr/bin/env node
// Measures the dark-pattern text rules on labelled text segments: every row
// becomes a one-text snapshot, the core analyses it (the wasm build through
// web/core/loader.js, or the native CLI in --jsonl mode), and the dark-pattern
// findings are compared with the row's label and Mathur et al. type.
//
//   node tools/eval-darkpatterns.mjs                      # dev set, German set, English hard negatives
//   node tools/eval-darkpatterns.mjs --core native FILE.tsv ...
//   node tools/eval-darkpatterns.mjs --json               # machine-readable, for tests/js/
//   DURCHBLICK_RULES=bundle.json ... --core native         # try a rules bundle without rebuilding
//
// Data: TSV with a header and columns id, text, label (1 dark pattern / 0 not),
// category, type (Mathur et al. 2019 names, "Not Dark Pattern" for label 0).
// Scoring follows shared/notes/darkpatterns.md §5.2: a positive row counts as
// found for its type when a finding of the same category is reported (no
// penalty for confusion inside a category); the strict same-type recall is
// printed beside it. Types with fewer than 5 rows get no metric.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SETS = [
  resolve(ROOT, '..', '..', 'shared', 'eval', 'darkpatterns-dev.tsv'),
  join(ROOT, 'tests', 'data', 'darkpatterns-de.tsv'),
  join(ROOT, 'tests', 'data', 'darkpatterns-hard-en.tsv'),
];
// The dev set lives outside the repository; DURCHBLICK_EVAL_DIR points elsewhere.
if (process.env.DURCHBLICK_EVAL_DIR) {
  DEFAULT_SETS[0] = join(process.env.DURCHBLICK_EVAL_DIR, 'darkpatterns-dev.tsv');
}
if (!existsSync(DEFAULT_SETS[0]) && existsSync('/work/shared/eval/darkpatterns-dev.tsv')) {
  DEFAULT_SETS[0] = '/work/shared/eval/darkpatterns-dev.tsv';
}

// Mathur et al. type → our finding type (ARCHITECTURE.md names).
export const TYPE_MAP = {
  'Low-stock Message': 'scarcity/low_stock',
  'High-demand Message': 'scarcity/high_demand',
  'Countdown Timer': 'urgency/countdown_timer',
  'Limited-time Message': 'urgency/limited_time',
  'Activity Notification': 'social_proof/activity_notification',
  'Testimonials of Uncertain Origin': 'social_proof/testimonials',
  Confirmshaming: 'misdirection/confirmshaming',
  'Pressured Selling': 'misdirection/pressured_selling',
  'Visual Interference': 'misdirection/visual_interference',
  'Trick Questions': 'misdirection/trick_question',
  'Hard to Cancel': 'obstruction/hard_to_cancel',
  'Sneak into Basket': 'sneaking/sneak_into_basket',
  'Hidden Subscription': 'sneaking/hidden_subscription',
  'Hidden Costs': 'sneaking/hidden_costs',
  'Forced Enrollment': 'forced_action/forced_enrollment',
};
// Category of a finding type; pricing cues count with sneaking.
const categoryOf = (type) => {
  const family = type.split('/')[0];
  return family === 'pricing' ? 'sneaking' : family;
};

// Issue 5, "Done when": the same thresholds on every set.
export const TARGETS = {
  binaryF1: 0.95,
  precision: 0.97,
  falseFlagRate: 0.02,
  recall: {
    'Low-stock Message': 0.95,
    'Activity Notification': 0.9,
    'Countdown Timer': 0.85,
    'Limited-time Message': 0.8,
    Confirmshaming: 0.8,
  },
};
const MIN_ROWS = 5;

// The floor of shared/notes/darkpatterns.md §3.1: keyword spotting. Printed
// beside our figures only; it is a baseline, not a detector of the product.
const TRIVIAL =
  /\b(only|left|hurry|limited|sale|off|ends?|today|now|stock|sold|people|viewing|bought|deal|offer|save|free|last|no thanks|countdown|expires?)\b|\d/i;

export function readTsv(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines.shift().split('\t');
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const [ci, ct, cl, ctype] = [col('id'), col('text'), col('label'), col('type')];
  const rows = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const f = line.split('\t');
    rows.push({ id: f[ci], text: f[ct].replace(/\\n/g, '\n'), label: Number(f[cl]), type: f[ctype] });
  }
  return rows;
}

function snapshotFor(row, lang) {
  return {
    schema: 'durchblick.snapshot/1',
    url: `https://eval.invalid/${encodeURIComponent(row.id)}`,
    lang,
    texts: [{ id: 't1', text: row.text }],
    controls: [],
  };
}

async function analyzeNative(snapshots) {
  const cli = process.env.DURCHBLICK_CORE ?? join(ROOT, 'build', 'durchblick-core');
  if (!existsSync(cli)) throw new Error(`${cli} missing: build the native core first`);
  const rules = process.env.DURCHBLICK_RULES ? ['--rules', process.env.DURCHBLICK_RULES] : [];
  const child = spawn(cli, ['analyze', '--jsonl', ...rules, '-'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => (out += d));
  const done = new Promise((ok, fail) => child.on('close', (code) => (code === 0 ? ok() : fail(new Error(`${cli} exited ${code}`)))));
  child.stdin.end(snapshots.map((s) => JSON.stringify(s)).join('\n') + '\n');
  await done;
  return out.trim().split('\n').map((l) => JSON.parse(l));
}

async function analyzeWasm(snapshots) {
  const { loadCore } = await import('../web/core/loader.js');
  const core = await loadCore();
  return snapshots.map((s) => core.analyze(s));
}

export async function pickCore(requested) {
  if (requested) return requested;
  if (existsSync(join(ROOT, 'build-wasm', 'durchblick.wasm'))) return 'wasm';
  return 'native';
}

/** Runs the core over one TSV file and computes the figures. */
export async function evaluate(file, { core = 'wasm' } = {}) {
  const rows = readTsv(file);
  const lang = /-de\.tsv$/.test(file) ? 'de' : 'en';
  const snapshots = rows.map((r) => snapshotFor(r, lang));
  const reports = core === 'native' ? await analyzeNative(snapshots) : await analyzeWasm(snapshots);
  const perType = {};
  const predictedBy = {}; // our finding type → {n, correct}
  let tp = 0, fp = 0, fn = 0, tn = 0, trivialTp = 0, trivialFp = 0;
  const misses = [], falseFlags = [];
  rows.forEach((row, i) => {
    const report = reports[i];
    if (report.error) throw new Error(`${row.id}: ${report.error.message}`);
    const found = [...new Set(report.findings.filter((f) => f.category === 'dark_pattern').map((f) => f.type))];
    const positive = row.label === 1;
    const flagged = found.length > 0;
    if (positive && flagged) tp++;
    else if (positive) fn++, misses.push(row);
    else if (flagged) fp++, falseFlags.push({ ...row, found });
    else tn++;
    if (TRIVIAL.test(row.text)) positive ? trivialTp++ : trivialFp++;
    const ours = TYPE_MAP[row.type];
    if (positive) {
      const t = (perType[row.type] ??= { n: 0, category: 0, strict: 0 });
      t.n++;
      if (ours && found.some((f) => categoryOf(f) === categoryOf(ours))) t.category++;
      if (found.includes(ours)) t.strict++;
    }
    for (const f of found) {
      const p = (predictedBy[f] ??= { n: 0, correct: 0 });
      p.n++;
      if (positive && ours && categoryOf(ours) === categoryOf(f)) p.correct++;
    }
  });
  const div = (a, b) => (b === 0 ? null : a / b);
  const precision = div(tp, tp + fp), recall = div(tp, tp + fn);
  const f1 = precision && recall ? (2 * precision * recall) / (precision + recall) : 0;
  const trivialP = div(trivialTp, trivialTp + trivialFp), trivialR = div(trivialTp, tp + fn);
  return {
    file,
    rows: rows.length,
    positives: tp + fn,
    negatives: fp + tn,
    binary: { precision, recall, f1, tp, fp, fn, tn },
    falseFlagRate: div(fp, fp + tn),
    perType,
    predictedBy,
    trivial: {
      precision: trivialP,
      recall: trivialR,
      f1: trivialP && trivialR ? (2 * trivialP * trivialR) / (trivialP + trivialR) : 0,
      falseFlagRate: div(trivialFp, fp + tn),
    },
    misses,
    falseFlags,
  };
}

/** Threshold failures of one result, as readable strings (empty = all met). */
export function failures(result) {
  const out = [];
  const b = result.binary;
  if (result.positives === 0) {
    // A set of ordinary text only: false flags are all there is to measure.
    if (result.falseFlagRate > TARGETS.falseFlagRate) {
      out.push(`false flags ${(100 * result.falseFlagRate).toFixed(2)} % > ${100 * TARGETS.falseFlagRate} %`);
    }
    return out;
  }
  if (b.f1 < TARGETS.binaryF1) out.push(`binary F1 ${b.f1.toFixed(3)} < ${TARGETS.binaryF1}`);
  if ((b.precision ?? 0) < TARGETS.precision) out.push(`precision ${b.precision?.toFixed(3)} < ${TARGETS.precision}`);
  if (result.falseFlagRate > TARGETS.falseFlagRate) {
    out.push(`false flags ${(100 * result.falseFlagRate).toFixed(2)} % > ${100 * TARGETS.falseFlagRate} %`);
  }
  for (const [type, min] of Object.entries(TARGETS.recall)) {
    const t = result.perType[type];
    if (!t || t.n < MIN_ROWS) out.push(`${type}: fewer than ${MIN_ROWS} rows, recall not measurable`);
    else if (t.category / t.n < min) out.push(`${type}: recall ${(t.category / t.n).toFixed(3)} < ${min}`);
  }
  return out;
}

const pct = (x) => (x == null ? '   –  ' : (100 * x).toFixed(1).padStart(5) + ' %');
const num = (x) => (x == null ? '  –  ' : x.toFixed(3));

export function formatResult(r) {
  const lines = [];
  lines.push(`== ${relative(process.cwd(), r.file) || r.file}: ${r.rows} rows, ${r.positives} dark patterns, ${r.negatives} ordinary`);
  lines.push('');
  lines.push('                                 ours      trivial keyword regex (floor, §3.1)');
  if (r.positives > 0) {
    lines.push(`  binary precision              ${num(r.binary.precision)}     ${num(r.trivial.precision)}`);
    lines.push(`  binary recall                 ${num(r.binary.recall)}     ${num(r.trivial.recall)}`);
    lines.push(`  binary F1                     ${num(r.binary.f1)}     ${num(r.trivial.f1)}`);
  }
  lines.push(`  false flags on label-0 rows  ${pct(r.falseFlagRate)}    ${pct(r.trivial.falseFlagRate)}   (${r.binary.fp} of ${r.negatives})`);
  if (r.positives === 0) {
    const fails = failures(r);
    lines.push('', fails.length ? `  NOT MET: ${fails.join('; ')}` : '  false flags within the target of issue 5 (≤ 2 %)');
    return lines.join('\n');
  }
  lines.push('');
  lines.push('  recall per type (Mathur et al.)   rows  category  strict  target');
  for (const [type, t] of Object.entries(r.perType).sort((a, b) => b[1].n - a[1].n)) {
    const target = TARGETS.recall[type];
    const measured = t.n >= MIN_ROWS;
    lines.push(
      `    ${type.padEnd(32)} ${String(t.n).padStart(4)}   ${measured ? num(t.category / t.n) : '  (<5)'}   ${measured ? num(t.strict / t.n) : '     '}  ${target ? '≥ ' + target : ''}`,
    );
  }
  lines.push('');
  lines.push('  precision per finding type        flagged  precision');
  for (const [type, p] of Object.entries(r.predictedBy).sort((a, b) => b[1].n - a[1].n)) {
    lines.push(`    ${type.padEnd(34)} ${String(p.n).padStart(5)}    ${num(p.correct / p.n)}`);
  }
  const fails = failures(r);
  lines.push('');
  lines.push(fails.length ? `  NOT MET: ${fails.join('; ')}` : '  all targets of issue 5 met');
  return lines.join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  let core = null, json = false, verbose = false;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--core') core = argv[++i];
    else if (argv[i] === '--json') json = true;
    else if (argv[i] === '--verbose' || argv[i] === '-v') verbose = true;
    else files.push(argv[i]);
  }
  core = await pickCore(core);
  const results = [];
  for (const file of files.length ? files : DEFAULT_SETS) results.push(await evaluate(file, { core }));
  if (json) {
    process.stdout.write(JSON.stringify(results.map(({ misses, falseFlags, ...r }) => r), null, 1) + '\n');
    return;
  }
  console.log(`core: ${core}\n`);
  for (const r of results) {
    console.log(formatResult(r));
    if (verbose) {
      for (const m of r.misses) console.log(`    miss  [${m.type}] ${m.text.slice(0, 140)}`);
      for (const f of r.falseFlags) console.log(`    false [${f.found.join(',')}] ${f.text.slice(0, 140)}`);
    }
    console.log('');
  }
  if (results.some((r) => failures(r).length)) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`eval-darkpatterns: ${e.message}`);
    process.exit(2);
  });
}
