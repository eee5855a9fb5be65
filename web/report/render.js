// THE report renderer: report JSON (durchblick.report/1, docs/report.md) in,
// something a person can read out. One description of the report
// (reportTree) with two outputs, shared by every host:
//
//   renderReport(report, {lang, showOnPage})      → DOM element (popup, web viewer)
//   await reportHtmlDocument(report, {lang, screenshot})
//                                                 → a self-contained HTML document string
//                                                   (extension export, `durchblick report`)
//
// It reads only the report: no score arithmetic, no matching, no judgement;
// if a number is needed, the core puts it in the report. All report text is
// inserted as text (tree.js); the exported document carries a CSP that allows
// no script, no network and only its own stylesheet, so it reads offline and
// prints to PDF as is.

import { h, toDom, toHtml } from './tree.js';
import { STRINGS, pickLang } from './strings.js';
import { REPORT_CSS } from './style.js';

export { REPORT_CSS, pickLang };

const CATEGORIES = ['tracking', 'dark_pattern', 'popup'];
const SUBSCORE_KEY = { tracking: 'tracking', dark_pattern: 'dark_patterns', popup: 'popups' };
// Evidence that points at an element of the page, stamped by the gatherers
// as data-durchblick-id (web/gather/*).
const ELEMENT_REFS = ['textId', 'controlId', 'overlayId'];

const msg = (m, lang) => (m && typeof m === 'object' ? m[lang] ?? m.en ?? m.de ?? '' : String(m ?? ''));
const num = (v) => (Number.isFinite(v) ? v : 0);

function formatTime(ms, lang) {
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const d = new Date(ms);
  const local = d.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'medium' });
  return { iso: d.toISOString(), text: `${local} UTC` };
}

/** The element ids a finding's evidence points at (for "show on page"). */
export function evidenceElementIds(finding) {
  const ids = [];
  for (const e of finding?.evidence ?? []) {
    for (const k of ELEMENT_REFS) if (typeof e[k] === 'string' && e[k] && !ids.includes(e[k])) ids.push(e[k]);
  }
  return ids;
}

function scoreBlock(report, t, lang) {
  const band = report.band?.id ?? 'none';
  const subs = report.subscores ?? {};
  const points = report.points ?? {};
  return h('section', { class: `db-score band-${band}`, 'aria-label': t.score },
    h('div', { class: 'db-total', role: 'img', 'aria-label': `${t.score}: ${num(report.score)} ${t.scoreOf}` },
      h('span', { class: 'db-num' }, String(num(report.score))),
      h('span', { class: 'db-of' }, t.scoreOf)),
    h('div', {},
      h('p', { class: 'db-band' }, msg(report.band?.label, lang)),
      h('ul', { class: 'db-subscores' },
        CATEGORIES.map((c) => {
          const v = subs[SUBSCORE_KEY[c]];
          return h('li', { 'data-category': c },
            t.category[c],
            h('b', {}, v === null || v === undefined ? t.notChecked : `${v} / 100`),
            v === null || v === undefined ? null : h('small', {}, t.points(num(points[SUBSCORE_KEY[c]]))));
        }))));
}

function evidenceItem(e, t) {
  return h('li', {},
    e.text ? h('q', {}, e.text) : null,
    e.text && (e.note || e.requestUrl || e.cookieName) ? ' ' : null,
    e.note ? h('span', { class: 'muted' }, e.note) : null,
    e.requestUrl ? [' ', h('span', { class: 'muted' }, `${t.request}: `), h('code', {}, e.requestUrl)] : null,
    e.cookieName ? [' ', h('span', { class: 'muted' }, `${t.cookie}: `), h('code', {}, e.cookieName)] : null);
}

function findingBlock(f, t, lang, showOnPage, compact) {
  const ids = showOnPage ? evidenceElementIds(f) : [];
  const weight = num(f.weight);
  const evidence = f.evidence?.length
    ? h('ul', { class: 'db-evidence', 'aria-label': t.evidence }, f.evidence.map((e) => evidenceItem(e, t)))
    : null;
  return h('article', { class: `db-finding sev-${f.severity ?? 'low'}`, 'data-type': f.type, 'data-finding': f.id },
    h('header', {},
      h('h3', {}, msg(f.title, lang)),
      h('span', { class: 'db-weight', title: t.pointsOfScore(weight) }, `+${weight}`)),
    h('p', {}, msg(f.explanation, lang)),
    h('small', {}, `${t.severity[f.severity] ?? f.severity ?? ''} · ${t.pointsOfScore(weight)} · `, h('code', {}, f.type ?? '')),
    // The popup folds the evidence away; the report shows all of it.
    evidence && compact ? h('details', {}, h('summary', {}, `${t.evidence} (${f.evidence.length})`), evidence) : evidence,
    ids.length ? h('button', { type: 'button', class: 'db-show', 'data-show': ids.join(' ') }, t.showOnPage) : null);
}

function findingsBlock(report, t, lang, showOnPage, compact) {
  const findings = Array.isArray(report.findings) ? report.findings : [];
  if (!findings.length) return h('section', { class: 'db-findings' }, h('p', {}, t.noFindings));
  return h('section', { class: 'db-findings' },
    CATEGORIES.map((c) => {
      const list = findings.filter((f) => f.category === c);
      if (!list.length) return null;
      const pts = num(report.points?.[SUBSCORE_KEY[c]]);
      return h('section', { class: 'db-family', 'data-category': c, 'aria-labelledby': `db-h-${c}` },
        h('h2', { id: `db-h-${c}` }, t.category[c], h('small', {}, t.points(pts))),
        h('p', { class: 'muted' }, t.categoryIntro[c]),
        list.map((f) => findingBlock(f, t, lang, showOnPage, compact)));
    }));
}

function trackersBlock(report, t) {
  const trackers = Array.isArray(report.trackers) ? report.trackers : [];
  return h('section', { class: 'db-tracker-list', 'aria-labelledby': 'db-h-trackers' },
    h('h2', { id: 'db-h-trackers' }, t.trackers, h('small', {}, String(trackers.length))),
    !trackers.length ? h('p', { class: 'muted' }, t.trackersNone) : h('table', { class: 'db-trackers' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t.company), h('th', { scope: 'col' }, t.trackerCategory),
        h('th', { scope: 'col' }, t.hosts), h('th', { scope: 'col' }, t.requests))),
      h('tbody', {}, trackers.map((k) => h('tr', { 'data-company': k.company },
        h('td', {}, k.company, k.retargeting ? [' ', h('span', { class: 'db-retarget' }, t.retargetingYes)] : null,
          k.listed === false ? [' ', h('small', {}, `(${t.unlisted})`)] : null),
        h('td', {}, t.trackerCategories[k.category] ?? k.category ?? ''),
        h('td', {}, (k.hosts ?? []).map((host, i) => [i ? ', ' : '', h('code', {}, host)])),
        h('td', {}, String(num(k.requests))))))));
}

function metaBlock(report, t, lang) {
  const time = formatTime(report.capturedAtMs, lang);
  const engine = report.engine ?? {};
  const row = (label, value) => (value ? [h('dt', {}, label), h('dd', {}, value)] : null);
  return h('dl', { class: 'db-meta' },
    row(t.page, h('a', { href: report.url, rel: 'noreferrer noopener' }, h('code', {}, report.url ?? ''))),
    row(t.pageTitle, report.title),
    row(t.capturedAt, time && h('time', { datetime: time.iso }, time.text)),
    row(t.engine, engine.core),
    row(t.rules, engine.rules),
    row(t.snapshotHash, engine.snapshotSha256 && h('code', {}, engine.snapshotSha256)));
}

function notApplicableBlock(report, t) {
  const na = Array.isArray(report.notApplicable) ? report.notApplicable : [];
  if (!na.length) return null;
  return h('details', { class: 'db-na' },
    h('summary', {}, `${t.notApplicable} (${na.length})`),
    h('ul', {}, na.map((n) => h('li', {}, h('code', {}, n.detector ?? ''),
      ` — ${n.excluded ? t.excludedBySettings : t.notApplicableWhy(n.missing ?? [])}`))));
}

/**
 * The report as an element tree (tree.js). Exposed for hosts that need
 * another output; most use renderReport or reportHtmlDocument.
 * @param {object} report durchblick.report/1
 * @param {{lang?: string, showOnPage?: boolean, compact?: boolean, screenshot?: string, heading?: boolean}} [options]
 *   showOnPage: add "show on page" buttons (data-show = space-separated element ids);
 *   compact: the popup's denser layout; screenshot: a PNG/JPEG data URL.
 */
export function reportTree(report, options = {}) {
  const lang = pickLang(options.lang);
  const t = STRINGS[lang];
  const r = report && typeof report === 'object' ? report : {};
  const cls = `db-report${options.compact ? ' db-compact' : ''}`;
  const heading = options.heading === false ? null : h('h1', {}, t.reportTitle);
  if (r.error) {
    return h('main', { class: cls, lang },
      heading,
      h('div', { class: 'db-error', role: 'alert' },
        h('p', {}, h('strong', {}, t.error)),
        h('p', {}, h('code', {}, String(r.error.code ?? '')), ' ', String(r.error.message ?? '')),
        r.error.where ? h('p', { class: 'muted' }, String(r.error.where)) : null),
      metaBlock(r, t, lang));
  }
  return h('main', { class: cls, lang },
    heading,
    scoreBlock(r, t, lang),
    findingsBlock(r, t, lang, !!options.showOnPage, !!options.compact),
    trackersBlock(r, t),
    notApplicableBlock(r, t),
    Array.isArray(r.warnings) && r.warnings.length
      ? h('details', {}, h('summary', {}, t.warnings), h('ul', {}, r.warnings.map((w) => h('li', {}, String(w)))))
      : null,
    options.screenshot
      ? h('figure', { class: 'db-shot' }, h('img', { src: options.screenshot, alt: t.screenshot }), h('figcaption', { class: 'muted' }, t.screenshot))
      : null,
    options.compact ? null : h('footer', { class: 'db-footer' }, metaBlock(r, t, lang), h('p', {}, t.footer)));
}

/** The report as a DOM element (needs a Document: popup, web viewer). */
export function renderReport(report, options = {}) {
  const doc = options.document ?? globalThis.document;
  return toDom(reportTree(report, options), doc);
}

async function sha256Base64(text) {
  const bytes = new TextEncoder().encode(text);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  let bin = '';
  for (const b of digest) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * A complete, self-contained HTML document: inline stylesheet pinned by hash,
 * `default-src 'none'` (no script, no request; images only as data: URLs),
 * no referrer. Reads offline; print it for a PDF.
 * @param {object} report @param {{lang?: string, screenshot?: string}} [options]
 * @return {Promise<string>}
 */
export async function reportHtmlDocument(report, options = {}) {
  const lang = pickLang(options.lang);
  const t = STRINGS[lang];
  const body = toHtml(reportTree(report, { ...options, lang, showOnPage: false }));
  const csp = [
    "default-src 'none'", 'img-src data:', `style-src 'sha256-${await sha256Base64(REPORT_CSS)}'`,
    "base-uri 'none'", "form-action 'none'",
  ].join('; ');
  const title = report?.title || report?.url || '';
  return '<!doctype html>\n' +
    `<html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<meta name="generator" content="Durchblick ${escapeAttr(report?.engine?.core ?? '')}">` +
    `<title>${escapeAttr(title ? `${t.reportTitle}: ${title}` : t.reportTitle)}</title>` +
    `<style>${REPORT_CSS}</style></head><body>${body}</body></html>\n`;
}

function escapeAttr(s) {
  return toHtml(String(s));
}

/** A download name: durchblick-<host>-<yyyy-mm-dd>.<ext> */
export function reportFileName(report, ext) {
  let host = 'page';
  try {
    host = new URL(report.url).hostname.replace(/[^a-z0-9.-]/gi, '_') || host;
  } catch {}
  const ms = Number.isFinite(report?.capturedAtMs) ? report.capturedAtMs : Date.now();
  return `durchblick-${host}-${new Date(ms).toISOString().slice(0, 10)}.${ext}`;
}
