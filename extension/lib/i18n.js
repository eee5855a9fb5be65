// The extension pages' words (_locales/<lang>/messages.json) in the language
// the user chose in the options, or the browser's. chrome.i18n alone always
// follows the browser, so the chosen table is read from the package itself
// (an extension file, not a network request).
import { getSettings, uiLanguage } from './settings.js';
import { REPORT_CSS } from '../web/report/style.js';

/** @return {Promise<{lang: 'de'|'en', t: (key: string) => string}>} */
export async function pageLanguage() {
  const lang = uiLanguage(await getSettings());
  let table = {};
  try {
    table = await (await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`))).json();
  } catch {}
  const t = (key) => table[key]?.message ?? (chrome.i18n.getMessage(key) || key);
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  return { lang, t };
}

/** Adopts the shared report stylesheet (no inline style needed). */
export function adoptReportStyle() {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(REPORT_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/** The tab a page is about: ?tab=<id> (report page, tests), else the active tab. */
export async function targetTabId() {
  const param = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(param) && param > 0) return param;
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? -1;
}

export const send = (type, data = {}) => chrome.runtime.sendMessage({ type, ...data });
