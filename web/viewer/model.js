// The web viewer's data side, without any DOM (tested in Node): what a file
// is, a batch's rows as flat records, filtering, sorting and the counts the
// charts show. Reads reports only; every number shown comes from the core's
// report (score, subscores, findings, trackers) or is a plain count of them.

/** Classifies a file's text: {kind: 'report'|'row'|'har'|'batch'|'error', ...}. */
export function classify(text) {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return { kind: 'error', message: 'the file is empty' };
  if (trimmed.startsWith('{')) {
    let value;
    try {
      value = JSON.parse(trimmed);
    } catch {
      value = undefined; // several lines of JSON: a batch
    }
    if (value !== undefined) {
      if (value && typeof value === 'object' && value.log && Array.isArray(value.log.entries)) return { kind: 'har', text: trimmed };
      if (value?.schema === 'durchblick.report/1') return { kind: 'report', report: value };
      if (value?.schema === 'durchblick.scan-row/1' || (value && 'url' in value && ('report' in value || 'error' in value))) {
        return { kind: 'row', row: value };
      }
      return { kind: 'error', message: 'this JSON is neither a Durchblick report, a results.jsonl row nor a HAR capture' };
    }
  }
  return { kind: 'batch', ...parseBatch(trimmed) };
}

/** Parses JSONL: each line a report or a results.jsonl row. Bad lines are counted, not fatal. */
export function parseBatch(text) {
  const rows = [];
  const bad = [];
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    lineNo++;
    if (!line) continue;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      bad.push(lineNo);
      continue;
    }
    const row = toRecord(value, rows.length);
    if (row) rows.push(row);
    else bad.push(lineNo);
  }
  return { rows, bad };
}

const str = (v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const numOrNull = (v) => (Number.isFinite(v) ? v : null);

/** One flat record per line: what the table, filters and charts need. */
export function toRecord(value, index) {
  if (!value || typeof value !== 'object') return null;
  let report = null;
  let row = value;
  if (value.schema === 'durchblick.report/1') {
    report = value;
    row = { url: value.url, ok: !value.error, report: value.error ? null : value, error: value.error };
  } else if (typeof value.url === 'string' || value.report) {
    report = value.report && typeof value.report === 'object' ? value.report : null;
  } else {
    return null;
  }
  const ok = !!report && !report.error && row.ok !== false;
  const findings = ok && Array.isArray(report.findings) ? report.findings : [];
  const trackers = ok && Array.isArray(report.trackers) ? report.trackers : [];
  const error = ok ? null : row.error ?? report?.error ?? { code: 'error', message: '' };
  return {
    index,
    url: str(row.url ?? report?.url),
    ok,
    score: ok ? numOrNull(report.score) : null,
    band: ok ? str(report.band?.id) : '',
    bandLabel: ok ? report.band?.label ?? null : null,
    tracking: ok ? numOrNull(report.subscores?.tracking) : null,
    darkPatterns: ok ? numOrNull(report.subscores?.dark_patterns) : null,
    popups: ok ? numOrNull(report.subscores?.popups) : null,
    findings: findings.length,
    types: [...new Set(findings.map((f) => str(f.type)).filter(Boolean))],
    topFinding: findings[0] ? findings[0] : null,
    companies: [...new Set(trackers.map((t) => str(t.company)).filter(Boolean))],
    errorCode: error ? str(error.code) : '',
    errorMessage: error ? str(error.message) : '',
    consentScore: numOrNull(row.consent?.score),
    search: '', // filled lazily by filterRows
    value: row,
  };
}

export const COLUMNS = [
  { key: 'url', label: 'Page' },
  { key: 'score', label: 'Score', num: true },
  { key: 'band', label: 'Band' },
  { key: 'tracking', label: 'Tracking', num: true },
  { key: 'darkPatterns', label: 'Dark p.', num: true },
  { key: 'popups', label: 'Pop-ups', num: true },
  { key: 'findings', label: 'Findings', num: true },
  { key: 'top', label: 'Top finding' },
  { key: 'companiesText', label: 'Companies / error' },
];

function searchText(r) {
  if (!r.search) r.search = `${r.url} ${r.types.join(' ')} ${r.companies.join(' ')} ${r.errorCode} ${r.errorMessage}`.toLowerCase();
  return r.search;
}

/**
 * @param {object[]} rows records of toRecord
 * @param {{text?: string, minScore?: number, status?: ''|'ok'|'error', type?: string, company?: string}} f
 */
export function filterRows(rows, f = {}) {
  const text = str(f.text).trim().toLowerCase();
  const min = Number(f.minScore) || 0;
  return rows.filter((r) => {
    if (f.status === 'ok' && !r.ok) return false;
    if (f.status === 'error' && r.ok) return false;
    if (min > 0 && !(r.score >= min)) return false;
    if (f.type && !r.types.includes(f.type)) return false;
    if (f.company && !r.companies.includes(f.company)) return false;
    if (text && !searchText(r).includes(text)) return false;
    return true;
  });
}

function sortValue(r, key) {
  if (key === 'top') return r.topFinding ? str(r.topFinding.type) : '';
  if (key === 'companiesText') return r.ok ? r.companies.join(', ') : r.errorCode;
  return r[key];
}

const collator = new Intl.Collator('en', { numeric: true });

/** Stable sort; empty values (errors, not checked) last in either direction. */
export function sortRows(rows, key, dir = 'desc') {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => [r, i])
    .sort(([a, i], [b, j]) => {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      const xe = x === null || x === undefined || x === '';
      const ye = y === null || y === undefined || y === '';
      if (xe || ye) return xe === ye ? i - j : xe ? 1 : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return c ? sign * c : i - j;
    })
    .map(([r]) => r);
}

/** Counts for the charts: score histogram (10-point buckets), companies and finding types by pages. */
export function aggregate(rows, { top = 15 } = {}) {
  const buckets = new Array(10).fill(0);
  const companies = new Map();
  const types = new Map();
  for (const r of rows) {
    if (!r.ok) continue;
    if (Number.isFinite(r.score)) buckets[Math.min(9, Math.max(0, Math.floor(r.score / 10)))]++;
    for (const c of r.companies) companies.set(c, (companies.get(c) ?? 0) + 1);
    for (const t of r.types) types.set(t, (types.get(t) ?? 0) + 1);
  }
  const topOf = (m) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top);
  return {
    scoreLabels: buckets.map((_, i) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`)),
    scoreCounts: buckets,
    companies: topOf(companies),
    types: topOf(types),
    allCompanies: [...companies.keys()].sort((a, b) => a.localeCompare(b)),
    allTypes: [...types.keys()].sort(),
  };
}
