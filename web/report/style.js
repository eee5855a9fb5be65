// The report's stylesheet, as a string so that the self-contained export can
// inline it (and pin it in its CSP by hash) and the popup and web viewer can
// adopt it without fetching anything. System fonts only: no remote fonts.
// Band colours (fair … heavy) are the only colour code; they have a text label
// next to them everywhere, so colour is never the only signal.

export const REPORT_CSS = `
.db-report{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;
  --fair:#1a7f37;--some:#9a6700;--manipulative:#bc4c00;--heavy:#cf222e;
  font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
.db-report *{box-sizing:border-box}
.db-report h1{font-size:20px;margin:0 0 4px}
.db-report h2{font-size:16px;margin:18px 0 6px;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.db-report h3{font-size:14px;margin:0}
.db-report p{margin:4px 0}
.db-report .muted,.db-report small{color:var(--muted)}
.db-score{display:flex;gap:16px;align-items:center;flex-wrap:wrap;margin:8px 0}
.db-total{display:flex;flex-direction:column;align-items:center;justify-content:center;min-width:84px;height:84px;
  border-radius:42px;color:#fff;font-weight:700;background:var(--muted)}
.db-total .db-num{font-size:32px;line-height:1}
.db-total .db-of{font-size:11px;font-weight:400}
.db-band{font-weight:600;font-size:16px}
.band-fair .db-total{background:var(--fair)}.band-some .db-total{background:var(--some)}
.band-manipulative .db-total{background:var(--manipulative)}.band-heavy .db-total{background:var(--heavy)}
.db-subscores{display:flex;gap:8px;flex-wrap:wrap;list-style:none;padding:0;margin:0}
.db-subscores li{border:1px solid var(--line);border-radius:6px;padding:4px 8px;background:var(--soft);overflow-wrap:anywhere}
.db-subscores b{display:block;font-size:16px}
.db-finding{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;padding:8px 10px;margin:6px 0}
.db-finding.sev-high{border-left-color:var(--heavy)}.db-finding.sev-medium{border-left-color:var(--manipulative)}
.db-finding.sev-low{border-left-color:var(--some)}
.db-finding header{display:flex;justify-content:space-between;gap:8px;align-items:baseline}
.db-finding h3{overflow-wrap:anywhere}
.db-weight{white-space:nowrap;font-weight:600}
.db-evidence{margin:6px 0 0;padding-left:18px}
.db-evidence li{margin:2px 0;overflow-wrap:anywhere}
.db-evidence code,.db-meta code{font:12px/1.3 ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
.db-show{font:inherit;font-size:12px;margin-top:6px;padding:3px 8px;border:1px solid #0969da;color:#0969da;background:#fff;border-radius:4px;cursor:pointer}
.db-show:focus-visible,.db-report a:focus-visible{outline:3px solid #0969da;outline-offset:2px}
.db-trackers{border-collapse:collapse;width:100%;font-size:13px;table-layout:fixed}
.db-trackers th,.db-trackers td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
.db-trackers th:nth-child(1){width:30%}.db-trackers th:nth-child(2){width:22%}.db-trackers th:nth-child(4){width:14%}
.db-trackers td:nth-child(4),.db-trackers th:nth-child(4){text-align:right}
.db-trackers code{overflow-wrap:anywhere}
.db-retarget{color:var(--heavy);font-weight:600}
.db-meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0;font-size:13px}
.db-meta dt{color:var(--muted)}.db-meta dd{margin:0;overflow-wrap:anywhere}
.db-shot{margin:12px 0}.db-shot img{max-width:100%;border:1px solid var(--line)}
.db-error{border:1px solid var(--heavy);padding:8px;border-radius:6px}
.db-footer{margin-top:18px;font-size:12px;color:var(--muted)}
.db-score>div:last-child{flex:1;min-width:0}
.db-finding details summary{cursor:pointer;color:var(--muted);font-size:12px;margin-top:4px}
.db-report.db-compact{font-size:13px}.db-compact .db-total{min-width:64px;height:64px}
.db-compact .db-total .db-num{font-size:24px}.db-compact .db-band{margin:0 0 4px}
.db-compact .db-subscores li{flex:1;padding:3px 6px}.db-compact .db-subscores b{font-size:14px}
.db-compact .db-evidence code{display:inline-block;max-width:100%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;vertical-align:bottom}
@media print{.db-show{display:none}.db-finding{break-inside:avoid}.db-report{font-size:11pt}}
`;

// The same band colours for the toolbar badge (which cannot use CSS).
export const BAND_COLOURS = Object.freeze({ fair: '#1a7f37', some: '#9a6700', manipulative: '#bc4c00', heavy: '#cf222e' });
