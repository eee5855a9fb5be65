// The popup: the score of the current tab, its findings grouped by family
// with "show on page", the tracking companies, and the exports. Rendering is
// the shared renderer's (web/report/render.js); this file only wires it to
// the service worker.
import { renderReport } from '../web/report/render.js';
import { pageLanguage, adoptReportStyle, targetTabId, send } from '../lib/i18n.js';
import { getSettings, updateSettings, siteOf } from '../lib/settings.js';

const $ = (id) => document.getElementById(id);
const POLL_MS = 400;
const POLL_MAX_MS = 20000;

async function main() {
  adoptReportStyle();
  const { lang, t } = await pageLanguage();
  const tabId = await targetTabId();
  const status = (key) => { $('status').textContent = key ? t(key) : ''; };
  let current = null;

  const show = (data) => {
    current = data;
    const site = siteOf(data.url);
    $('site').textContent = site || data.url;
    $('pause').textContent = t(data.paused ? 'resumeSite' : 'pauseSite');
    $('pause').setAttribute('aria-pressed', String(!!data.paused));
    $('pause').hidden = !site;
    $('reanalyse').hidden = !site || data.paused;
    const report = data.report;
    $('report').replaceChildren(report ? renderReport(report, { lang, showOnPage: true, compact: true, heading: false }) : '');
    $('export').hidden = !report || !!report.error;
    if (data.coreError) status('statusCoreError');
    else if (!site) status('statusNotWeb');
    else if (data.paused) status('statusPaused');
    else if (!report) status({ loading: 'statusLoading', analysing: 'statusAnalysing', failed: 'statusFailed' }[data.status] ?? 'statusNone');
    else status('');
    document.body.dataset.state = report ? 'report' : data.paused ? 'paused' : data.status;
    document.body.dataset.ready = '1';
  };

  const started = Date.now();
  const poll = async () => {
    const data = await send('getTab', { tabId });
    show(data);
    const waiting = !data.report && !data.paused && !data.coreError && siteOf(data.url) && ['loading', 'analysing'].includes(data.status);
    if (waiting && Date.now() - started < POLL_MAX_MS) setTimeout(poll, POLL_MS);
  };
  await poll();

  // The worker analysed this tab again (a pop-up that came late, "Analyse
  // again"): show the new report in place. Keyboard focus inside the report
  // moves to the control at the same place in the new one, so a keyboard
  // user is not thrown back to the top.
  chrome.runtime.onMessage.addListener((msg) => {
    if (msg?.type !== 'reportChanged' || msg.tabId !== tabId) return;
    const focusables = () => [...$('report').querySelectorAll('button, a[href], [tabindex]')];
    const focusedAt = focusables().indexOf(document.activeElement);
    send('getTab', { tabId }).then((data) => {
      show(data);
      if (focusedAt >= 0) (focusables()[focusedAt] ?? $('reanalyse')).focus();
    }, () => {});
  });

  $('reanalyse').addEventListener('click', async () => {
    status('statusAnalysing');
    const r = await send('analyse', { tabId });
    show({ ...current, ...r });
  });
  $('pause').addEventListener('click', async () => {
    const site = siteOf(current.url);
    const s = await getSettings();
    const pausedSites = current.paused ? s.pausedSites.filter((x) => x !== site) : [...new Set([...s.pausedSites, site])];
    await updateSettings({ pausedSites });
    show({ ...current, ...(await send('analyse', { tabId })), paused: !current.paused });
  });
  $('options').addEventListener('click', () => chrome.runtime.openOptionsPage());
  $('report').addEventListener('click', async (e) => {
    const button = e.target.closest('button.db-show');
    if (!button) return;
    const { found } = await send('show', { tabId, ids: button.dataset.show.split(' ') });
    status(found ? 'shown' : 'notFound');
  });
  const exportAs = async (what) => {
    if (what !== 'json') await send('capture', { tabId });
    await chrome.tabs.create({ url: chrome.runtime.getURL(`report/report.html?tab=${tabId}&do=${what}`) });
  };
  $('export-html').addEventListener('click', () => exportAs('html'));
  $('export-pdf').addEventListener('click', () => exportAs('print'));
  $('export-json').addEventListener('click', () => exportAs('json'));
}

main();
