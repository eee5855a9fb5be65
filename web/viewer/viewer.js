// The web report viewer: open a report, a results.jsonl batch or a HAR
// (file picker or drag and drop) and read it. A single report is drawn by the
// shared renderer (web/report/, the same as the extension's export); a batch
// becomes a sortable, filterable table (only the visible rows are in the
// DOM) with three charts (Chart.js, vendored at build time); a HAR is turned
// into a snapshot and analysed here by the wasm core. Every string from a
// file goes into the page as text (textContent, createTextNode), never as HTML.
import { renderReport, REPORT_CSS } from '../report/render.js';
import { loadCore } from '../core/loader.js';
import { aggregate, classify, COLUMNS, filterRows, sortRows } from './model.js';

const $ = (id) => document.getElementById(id);
const ROW_HEIGHT = 32;
const state = { lang: 'en', rows: [], view: [], sort: { key: 'score', dir: 'desc' }, selected: -1, charts: [], fileName: '' };
let corePromise = null;

// The report stylesheet, adopted (no inline <style>, so style-src stays 'self').
const sheet = new CSSStyleSheet();
sheet.replaceSync(REPORT_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

function status(text, isError = false) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('error', isError);
}

function showSingle(report) {
  state.single = report;
  $('batch').hidden = true;
  const box = $('single');
  box.replaceChildren(renderReport(report, { lang: state.lang }));
  box.hidden = false;
  document.body.dataset.view = 'single';
}

async function analyseHar(text) {
  status('Analysing the HAR capture with the Durchblick core…');
  corePromise ??= loadCore({ baseUrl: new URL('../core/', import.meta.url).href });
  const core = await corePromise;
  const snapshot = core.snapshotFromHar(text);
  if (snapshot.error) return snapshot; // an error report: the renderer shows it
  return core.analyze(snapshot);
}

// ---- batch --------------------------------------------------------------

function cellText(r, key) {
  switch (key) {
    case 'url': return r.url;
    case 'band': return r.ok ? (r.bandLabel?.[state.lang] ?? r.band) : 'error';
    case 'top': return r.topFinding ? (r.topFinding.title?.[state.lang] ?? r.topFinding.type ?? '') : '';
    case 'companiesText': return r.ok ? r.companies.join(', ') : `${r.errorCode}: ${r.errorMessage}`;
    default: return r[key] === null || r[key] === undefined ? (r.ok ? '–' : '') : String(r[key]);
  }
}

function buildHeader() {
  const row = $('thead-row');
  row.replaceChildren(...COLUMNS.map((c) => {
    const th = el('button', { type: 'button', class: 'th', role: 'columnheader', text: c.label, 'data-key': c.key });
    th.addEventListener('click', () => {
      const same = state.sort.key === c.key;
      state.sort = { key: c.key, dir: same ? (state.sort.dir === 'asc' ? 'desc' : 'asc') : c.num ? 'desc' : 'asc' };
      applyView({ charts: false });
    });
    return th;
  }));
}

function rowElement(r, i) {
  const tr = el('div', { class: `tr${i === state.selected ? ' selected' : ''}`, role: 'row', 'data-index': String(i) });
  tr.style.top = `${i * ROW_HEIGHT}px`;
  for (const c of COLUMNS) {
    const td = el('div', { class: `td${c.num ? ' num' : ''}${!r.ok && c.key === 'companiesText' ? ' err' : ''}`, role: 'cell' });
    if (c.key === 'band') td.append(el('span', { class: `vw-band vw-band-${r.ok ? r.band : 'error'}`, text: cellText(r, c.key) }));
    else td.textContent = cellText(r, c.key);
    if (c.key === 'url' || c.key === 'companiesText' || c.key === 'top') td.title = cellText(r, c.key);
    tr.append(td);
  }
  return tr;
}

function renderVisible() {
  const body = $('tbody');
  const spacer = $('spacer');
  const first = Math.max(0, Math.floor(body.scrollTop / ROW_HEIGHT) - 10);
  const last = Math.min(state.view.length, Math.ceil((body.scrollTop + body.clientHeight) / ROW_HEIGHT) + 10);
  const nodes = [];
  for (let i = first; i < last; i++) nodes.push(rowElement(state.view[i], i));
  spacer.style.height = `${state.view.length * ROW_HEIGHT}px`;
  spacer.replaceChildren(...nodes);
}

function currentFilter() {
  return {
    text: $('f-text').value,
    minScore: Number($('f-min').value) || 0,
    status: $('f-status').value,
    type: $('f-type').value,
    company: $('f-company').value,
  };
}

// Re-filters and re-sorts; the charts follow the filter (not the sort order).
function applyView({ charts = true } = {}) {
  state.view = sortRows(filterRows(state.rows, currentFilter()), state.sort.key, state.sort.dir);
  state.selected = -1;
  for (const th of $('thead-row').children) {
    th.setAttribute('aria-sort', th.dataset.key === state.sort.key ? (state.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
  }
  $('f-count').textContent = `${state.view.length} of ${state.rows.length} pages`;
  $('tbody').scrollTop = 0;
  renderVisible();
  if (charts) drawCharts(state.view);
}

function fillSelect(select, values) {
  const keep = select.firstElementChild;
  select.replaceChildren(keep, ...values.map((v) => el('option', { value: v, text: v })));
}

function drawCharts(rows) {
  const agg = aggregate(rows);
  const Chart = globalThis.Chart;
  if (!Chart) {
    status('charts unavailable (Chart.js missing from the build)', true);
    return agg;
  }
  const series = [
    [agg.scoreLabels, agg.scoreCounts],
    [agg.companies.map(([k]) => k), agg.companies.map(([, v]) => v)],
    [agg.types.map(([k]) => k), agg.types.map(([, v]) => v)],
  ];
  if (state.charts.length) {
    state.charts.forEach((chart, i) => {
      chart.data.labels = series[i][0];
      chart.data.datasets[0].data = series[i][1];
      chart.update('none');
    });
    return agg;
  }
  const common = { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } };
  const make = (canvas, [labels, data], color, horizontal) => new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: 'pages', data, backgroundColor: color }] },
    options: { ...common, indexAxis: horizontal ? 'y' : 'x', scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  state.charts = [
    make($('chart-scores'), series[0], '#0969da', false),
    make($('chart-companies'), series[1], '#bc4c00', true),
    make($('chart-findings'), series[2], '#8250df', true),
  ];
  return agg;
}

function showBatch({ rows, bad }) {
  $('single').hidden = true;
  state.rows = rows;
  const agg = aggregate(rows);
  fillSelect($('f-type'), agg.allTypes);
  fillSelect($('f-company'), agg.allCompanies);
  $('batch').hidden = false;
  $('detail').hidden = true;
  document.body.dataset.view = 'batch';
  applyView();
  status(`${rows.length} pages${bad.length ? `; ${bad.length} unreadable line(s) skipped (first: line ${bad[0]})` : ''}`, false);
}

function showDetail(i) {
  const r = state.view[i];
  if (!r) return;
  state.selected = i;
  renderVisible();
  const box = $('detail');
  const report = r.value.report ?? { schema: 'durchblick.report/1', url: r.url, error: r.value.error ?? { code: r.errorCode, message: r.errorMessage } };
  box.replaceChildren(renderReport(report, { lang: state.lang }));
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

// ---- opening files --------------------------------------------------------

export async function openText(text, name = '') {
  const t0 = performance.now();
  state.fileName = name;
  const what = classify(text);
  try {
    if (what.kind === 'error') {
      status(`${name}: ${what.message}`, true);
      return what;
    }
    if (what.kind === 'report') showSingle(what.report);
    else if (what.kind === 'row') showSingle(what.row.report ?? { schema: 'durchblick.report/1', url: what.row.url, error: what.row.error });
    else if (what.kind === 'har') showSingle(await analyseHar(what.text));
    else showBatch(what);
    if (what.kind !== 'batch') status(name ? `${name}` : '');
  } catch (e) {
    status(`${name}: ${e.message}`, true);
  }
  document.body.dataset.openMs = String(Math.round(performance.now() - t0));
  document.body.dataset.ready = '1';
  return what;
}

// From the user's choice to the drawn result, reading the file included
// (data-loaded-ms on <body>; the tests read it).
async function openFile(file) {
  if (!file) return;
  const t0 = performance.now();
  document.body.dataset.ready = '0';
  status(`Reading ${file.name}…`);
  await openText(await file.text(), file.name);
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))); // the frame is painted
  document.body.dataset.loadedMs = String(Math.round(performance.now() - t0));
}

function init() {
  buildHeader();
  $('file').addEventListener('change', (e) => openFile(e.target.files[0]));
  const drop = $('drop');
  for (const target of [drop, document.body]) {
    target.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    target.addEventListener('dragleave', () => drop.classList.remove('over'));
    target.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      openFile(e.dataTransfer.files[0]);
    });
  }
  $('tbody').addEventListener('scroll', () => requestAnimationFrame(renderVisible), { passive: true });
  $('tbody').addEventListener('click', (e) => {
    const tr = e.target.closest('.tr');
    if (tr) showDetail(Number(tr.dataset.index));
  });
  let timer;
  $('filters').addEventListener('input', (e) => {
    clearTimeout(timer);
    // Typing is debounced; a choice in a list applies at once.
    if (e.target.tagName === 'SELECT') applyView();
    else timer = setTimeout(applyView, 100);
  });
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('lang').addEventListener('change', (e) => {
    state.lang = e.target.value;
    document.documentElement.lang = state.lang;
    if (document.body.dataset.view === 'batch') renderVisible();
    else if (state.single) showSingle(state.single);
  });
  document.body.dataset.ready = '1';
}

init();
globalThis.durchblickViewer = { openText };
