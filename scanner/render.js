// HTML and PDF reports from report JSON, through the shared renderer
// (web/report/render.js: the same document the extension exports) and
// Chromium's print for the PDF.
//
//   durchblick report FILE.json [-o FILE.html] [--pdf [FILE.pdf]] [--lang de|en]
//
// FILE may be a durchblick.report/1 or a row of results.jsonl (its report,
// with its screenshot embedded when the row names one).
import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { reportHtmlDocument } from '../web/report/render.js';
import { launchChromium } from '../tests/lib/chromium.mjs';
import { EXIT_BAD_INPUT, EXIT_OK } from './core-commands.js';

function writeAtomic(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

function dataUrl(path) {
  const type = /\.jpe?g$/i.test(path) ? 'image/jpeg' : 'image/png';
  return `data:${type};base64,${readFileSync(path).toString('base64')}`;
}

/** The report and screenshot of a report JSON or a results.jsonl row. */
export function reportOf(value) {
  if (value?.schema === 'durchblick.report/1') return { report: value };
  if (value?.schema === 'durchblick.scan-row/1' || (value && 'report' in value && 'url' in value)) {
    if (!value.report) return { error: `no report in this row (${value.error?.code ?? 'error'}: ${value.error?.message ?? ''})` };
    return { report: value.report, screenshotPath: value.files?.screenshot };
  }
  return { error: 'not a durchblick.report/1 or a results.jsonl row' };
}

export async function htmlFor(report, { lang, screenshotPath } = {}) {
  let screenshot;
  if (screenshotPath) {
    try {
      screenshot = dataUrl(screenshotPath);
    } catch {
      screenshot = undefined;
    }
  }
  return reportHtmlDocument(report, { lang, screenshot });
}

/** Prints an HTML document to PDF (A4, backgrounds on) in `browser`. */
export async function printPdf(browser, html, path) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: 30000 });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
    writeAtomic(path, pdf);
  } finally {
    await context.close();
  }
}

/**
 * For `scan --html/--pdf`: a function (row, stem) → {html?, pdf?} writing
 * reports/<stem>.html|pdf, with close() for the PDF browser.
 */
export async function fileRenderer({ outDir, html, pdf, lang }) {
  let browser = null;
  const render = async (row, stem) => {
    const doc = await htmlFor(row.report, { lang, screenshotPath: row.files?.screenshot });
    const files = {};
    if (html) {
      files.html = join(outDir, 'reports', `${stem}.html`);
      writeAtomic(files.html, doc);
    }
    if (pdf) {
      browser ??= await launchChromium();
      files.pdf = join(outDir, 'reports', `${stem}.pdf`);
      await printPdf(browser, doc, files.pdf);
    }
    return files;
  };
  render.close = async () => {
    await browser?.close();
  };
  return render;
}

export async function reportCommand(file, { out, pdf, lang } = {}) {
  let value;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = e.code === 'ENOENT' ? 'cannot open: No such file or directory' : e.code ? `cannot open: ${e.message}` : `invalid_json: ${e.message}`;
    process.stderr.write(`durchblick: ${file}: ${why}\n`);
    return EXIT_BAD_INPUT;
  }
  const { report, screenshotPath, error } = reportOf(value);
  if (error) {
    process.stderr.write(`durchblick: ${file}: ${error}\n`);
    return EXIT_BAD_INPUT;
  }
  const base = file.replace(/\.(json|jsonl)$/i, '');
  const htmlPath = out ?? `${base}.html`;
  const doc = await htmlFor(report, { lang, screenshotPath });
  writeAtomic(htmlPath, doc);
  process.stdout.write(`${htmlPath}\n`);
  if (pdf) {
    const pdfPath = typeof pdf === 'string' ? pdf : `${base}.pdf`;
    const browser = await launchChromium();
    try {
      await printPdf(browser, doc, pdfPath);
    } finally {
      await browser.close();
    }
    process.stdout.write(`${pdfPath}\n`);
  }
  return EXIT_OK;
}
