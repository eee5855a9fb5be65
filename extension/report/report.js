// The report page of one tab: the full report with its screenshot, and the
// exports — the self-contained HTML document (web/report/render.js), the raw
// report JSON, the snapshot it was computed from (its SHA-256 is in the
// report), and the browser's print dialog for a PDF. ?do=html|json|print
// performs that export right away (the popup's buttons).
import { renderReport, reportHtmlDocument, reportFileName } from '../web/report/render.js';
import { pageLanguage, adoptReportStyle, targetTabId, send } from '../lib/i18n.js';

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function main() {
  adoptReportStyle();
  const { lang, t } = await pageLanguage();
  const tabId = await targetTabId();
  const { report, reportJson, snapshotJson, screenshot } = await send('exportData', { tabId });
  const root = document.getElementById('report');
  if (!report) {
    root.textContent = t('noReport');
    document.querySelector('.tools').hidden = true;
    document.body.dataset.ready = '1';
    return;
  }
  document.title = `${t('reportPageTitle')}: ${report.title || report.url || ''}`;
  root.replaceChildren(renderReport(report, { lang, screenshot }));
  const actions = {
    html: async () => download(reportFileName(report, 'html'), 'text/html', await reportHtmlDocument(report, { lang, screenshot })),
    json: () => download(reportFileName(report, 'json'), 'application/json', reportJson),
    snapshot: () => download(reportFileName(report, 'snapshot.json'), 'application/json', snapshotJson),
    print: () => window.print(),
  };
  document.getElementById('download-html').addEventListener('click', actions.html);
  document.getElementById('download-json').addEventListener('click', actions.json);
  const snap = document.getElementById('download-snapshot');
  snap.hidden = !snapshotJson;
  snap.addEventListener('click', actions.snapshot);
  document.getElementById('print').addEventListener('click', actions.print);
  document.body.dataset.ready = '1';
  const todo = new URLSearchParams(location.search).get('do');
  if (Object.hasOwn(actions, todo)) await actions[todo]();
}

main();
