// The options page: language, which families count, paused sites, and the
// local memory (view, forget per site, forget everything, switch off).
import { pageLanguage } from '../lib/i18n.js';
import { CATEGORIES, getSettings, updateSettings } from '../lib/settings.js';
import { listMemory, wipeMemory } from '../lib/memory.js';
import { STRINGS } from '../web/report/strings.js';

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

async function main() {
  const { lang, t } = await pageLanguage();
  let settings = await getSettings();
  const saved = (key = 'saved') => { $('saved').textContent = t(key); };
  const save = async (patch) => {
    settings = await updateSettings(patch);
    saved();
  };

  for (const r of document.querySelectorAll('input[name=language]')) {
    r.checked = r.value === settings.language;
    r.addEventListener('change', async () => {
      await save({ language: r.value });
      location.reload();
    });
  }

  $('families').replaceChildren(...CATEGORIES.map((c) => {
    const box = el('input', { type: 'checkbox', checked: settings.categories[c] !== false, id: `family-${c}` });
    box.dataset.category = c;
    box.addEventListener('change', () => save({ categories: { ...settings.categories, [c]: box.checked } }));
    return el('label', {}, box, ' ', STRINGS[lang].category[c]);
  }));

  const renderPaused = () => {
    const list = settings.pausedSites;
    $('paused-list').replaceChildren(...(list.length ? list.map((site) => {
      const b = el('button', { type: 'button', textContent: t('pauseRemove') });
      b.setAttribute('aria-label', `${t('pauseRemove')}: ${site}`);
      b.addEventListener('click', async () => {
        await save({ pausedSites: settings.pausedSites.filter((s) => s !== site) });
        renderPaused();
      });
      return el('li', {}, el('code', { textContent: site }), ' ', b);
    }) : [el('li', { textContent: t('pausedNone') })]));
  };
  renderPaused();
  $('pause-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const site = $('pause-site').value.trim().toLowerCase();
    if (!site) return;
    await save({ pausedSites: [...new Set([...settings.pausedSites, site])] });
    $('pause-site').value = '';
    renderPaused();
  });

  $('remember').checked = settings.remember;
  $('remember').addEventListener('change', () => save({ remember: $('remember').checked }));

  const renderMemory = async () => {
    const entries = await listMemory();
    if (!entries.length) {
      $('memory').replaceChildren(el('p', { textContent: t('memoryEmpty') }));
      return;
    }
    const fmt = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    const head = el('tr', {}, ...['memoryKind', 'memoryKey', 'memoryValue', 'memorySite', 'memorySeen', ''].map((k) =>
      el('th', { scope: 'col', textContent: k ? t(k) : '' })));
    const rows = entries.map((e) => {
      const forget = el('button', { type: 'button', textContent: t('wipeSite') });
      forget.setAttribute('aria-label', `${t('wipeSite')}: ${e.site}`);
      forget.addEventListener('click', async () => {
        await wipeMemory(e.site);
        saved('wiped');
        renderMemory();
      });
      return el('tr', {}, el('td', { textContent: t(`kind_${e.kind}`) }), el('td', { textContent: e.key }),
        el('td', { textContent: e.value }), el('td', { textContent: e.site }),
        el('td', { textContent: fmt.format(new Date(e.seenAtMs)) }), el('td', {}, forget));
    });
    $('memory').replaceChildren(el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)));
  };
  await renderMemory();
  $('wipe').addEventListener('click', async () => {
    await wipeMemory();
    saved('wiped');
    renderMemory();
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.memory) renderMemory();
  });
  document.body.dataset.ready = '1';
}

main();
