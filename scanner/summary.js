// summary.csv of a batch, written from results.jsonl (so a resumed run's
// summary covers every row, old and new). RFC 4180 quoting; one row per URL,
// the last row of a URL winning. Spreadsheet formula injection is defused:
// a cell that starts with = + - @ (page titles, URLs) gets a leading '.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export const CSV_COLUMNS = [
  'url', 'ok', 'score', 'band', 'tracking', 'dark_patterns', 'popups', 'findings', 'top_findings',
  'trackers', 'retargeting_companies', 'consent_choice', 'consent_clicked', 'score_after_consent',
  'error_code', 'error_message', 'final_url', 'title', 'snapshot_sha256', 'core', 'rules', 'scanned_at', 'duration_ms',
];

function cell(value) {
  if (value === undefined || value === null) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (without newline) for a row of results.jsonl. */
export function csvLine(row) {
  const r = row.report ?? {};
  const findings = Array.isArray(r.findings) ? r.findings : [];
  const trackers = Array.isArray(r.trackers) ? r.trackers : [];
  const values = {
    url: row.url,
    ok: row.ok ? 'yes' : 'no',
    score: r.score,
    band: r.band?.id,
    tracking: r.subscores?.tracking,
    dark_patterns: r.subscores?.dark_patterns,
    popups: r.subscores?.popups,
    findings: row.ok ? findings.length : '',
    top_findings: findings.slice(0, 3).map((f) => `${f.type}(${f.weight})`).join(' '),
    trackers: trackers.map((t) => t.company).join('; '),
    retargeting_companies: trackers.filter((t) => t.retargeting).map((t) => t.company).join('; '),
    consent_choice: row.consent?.choice,
    consent_clicked: row.consent ? (row.consent.clicked ? 'yes' : 'no') : '',
    score_after_consent: row.consent?.score,
    error_code: row.error?.code,
    error_message: row.error?.message,
    final_url: row.finalUrl,
    title: r.title,
    snapshot_sha256: row.snapshotSha256,
    core: row.engine?.core,
    rules: row.engine?.rules,
    scanned_at: row.scannedAt,
    duration_ms: row.durationMs,
  };
  return CSV_COLUMNS.map((c) => cell(values[c])).join(',');
}

/** Rows of a JSONL text (damaged lines skipped), the last row per URL winning, in first-seen order. */
export function rowsOf(text) {
  const byUrl = new Map();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let row;
    try {
      row = JSON.parse(line);
    } catch {
      continue;
    }
    if (row && typeof row.url === 'string') byUrl.set(row.url, row);
  }
  return [...byUrl.values()];
}

export function writeSummaryCsv(resultsPath, csvPath) {
  const rows = rowsOf(readFileSync(resultsPath, 'utf8'));
  const text = [CSV_COLUMNS.join(','), ...rows.map(csvLine)].join('\r\n') + '\r\n';
  writeFileSync(`${csvPath}.tmp`, text);
  renameSync(`${csvPath}.tmp`, csvPath);
  return rows.length;
}
