#!/usr/bin/env node
// Prints a report's score and its heaviest findings for a terminal:
//   node tools/print-summary.mjs REPORT.json [--lang de|en] [--top N]
// Reads only the report JSON (like every renderer); page text is printed as
// plain text with control characters removed.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const lang = opt('--lang', (process.env.LANG ?? '').startsWith('de') ? 'de' : 'en');
const top = Number(opt('--top', 5));
const file = args[0];
if (!file) {
  process.stderr.write('usage: print-summary.mjs REPORT.json [--lang de|en] [--top N]\n');
  process.exit(2);
}
const clean = (s) => String(s ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
const report = JSON.parse(readFileSync(file, 'utf8'));
if (report.error) {
  console.log(`error: ${clean(report.error.code)} at ${clean(report.error.where)}: ${clean(report.error.message)}`);
  process.exit(2);
}
const sub = (v) => (v === null ? '–' : String(v));
console.log(`${clean(report.url)}`);
console.log(`manipulation score ${report.score}/100 (${clean(report.band?.label?.[lang] ?? '')})  ` +
  `tracking ${sub(report.subscores.tracking)} · dark patterns ${sub(report.subscores.dark_patterns)} · pop-ups ${sub(report.subscores.popups)}`);
for (const f of report.findings.slice(0, top)) {
  console.log(`  +${String(f.weight).padStart(2)}  ${clean(f.title[lang])}`);
}
if (report.findings.length > top) console.log(`  … and ${report.findings.length - top} more findings`);
console.log(`engine ${clean(report.engine.core)}, rules ${clean(report.engine.rules)}`);
