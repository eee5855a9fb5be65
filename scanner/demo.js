// `durchblick scan --demo`: serves the demo site (tests/site) on 127.0.0.1,
// scans its pages the way a researcher would (scroll, exit intent, a reload
// for countdowns, a second visit for prices, consent "accept" on the banner),
// writes out/demo/ (results.jsonl, summary.csv, reports/, report.html = the
// product page) and prints each page's score and top findings.
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { runBatch, fileStem } from './batch.js';
import { fileRenderer } from './render.js';
import { EXIT_FAILURE, EXIT_OK } from './core-commands.js';

export async function runDemo({ out, quiet, concurrency = 2, lang = 'en', stdout = process.stdout } = {}) {
  const { startDemoSite } = await import('../tests/site/server.mjs');
  const site = await startDemoSite();
  const outDir = resolve(out ?? 'out/demo');
  const rows = [];
  const renderFiles = await fileRenderer({ outDir, html: true, pdf: false, lang });
  let summary;
  try {
    summary = await runBatch(site.pages, {
      outDir,
      overwrite: true,
      concurrency,
      timeoutMs: 20000,
      settleMs: 3000,
      scroll: true,
      exitIntent: true,
      reload: true,
      revisit: true,
      consent: 'accept',
      screenshots: true,
      browserArgs: site.browserArgs,
      progress: quiet ? false : {},
      renderFiles,
      onRow: (row) => rows.push(row),
    });
  } finally {
    await renderFiles.close();
    await site.close();
  }
  const byUrl = new Map(rows.map((r) => [r.url, r]));
  const ordered = site.pages.map((u) => byUrl.get(u)).filter(Boolean);
  const product = ordered.find((r) => r.url.endsWith('/product.html'));
  if (product?.files?.html) copyFileSync(product.files.html, join(outDir, 'report.html'));

  const lines = ['', 'Durchblick demo: the SchnäppchenMarkt demo shop (tests/site), scanned locally', ''];
  for (const row of ordered) {
    const name = new URL(row.url).pathname.replace(/^\//, '');
    if (!row.ok) {
      lines.push(`  ${name.padEnd(14)} error ${row.error?.code}: ${row.error?.message}`);
      continue;
    }
    const r = row.report;
    lines.push(`  ${name.padEnd(14)} score ${String(r.score).padStart(3)}/100  ${r.band?.label?.[lang] ?? ''}` +
      (row.consent?.clicked ? `  (after "${row.consent.choice}": ${row.consent.score})` : ''));
    for (const f of r.findings.slice(0, 3)) lines.push(`  ${''.padEnd(14)}   +${String(f.weight).padEnd(3)} ${f.title?.[lang] ?? f.type}`);
    if (r.findings.length > 3) lines.push(`  ${''.padEnd(14)}   … ${r.findings.length - 3} more`);
  }
  lines.push('', `report:  ${join(outDir, 'report.html')} (product page; every page: ${join(outDir, 'reports')}/)`,
    `results: ${summary.resultsPath}`, `summary: ${summary.summaryPath}`, '');
  stdout.write(lines.join('\n'));
  return summary.errors || !product?.ok ? EXIT_FAILURE : EXIT_OK;
}

export { fileStem };
