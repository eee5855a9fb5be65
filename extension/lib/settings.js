// The user's settings, in chrome.storage.local under "settings" (never
// synced, never sent anywhere). Read by the service worker, the popup and
// the options page.
//
//   language        'auto' (follow the browser) | 'de' | 'en'
//   categories      which families count in the score: {tracking, dark_pattern, popup}
//   pausedSites     host names where Durchblick does nothing (no analysis, no memory)
//   remember        keep the local memory of prices, timers and viewed products

export const CATEGORIES = ['tracking', 'dark_pattern', 'popup'];
export const DEFAULT_SETTINGS = Object.freeze({
  language: 'auto',
  categories: Object.freeze({ tracking: true, dark_pattern: true, popup: true }),
  pausedSites: Object.freeze([]),
  remember: true,
});

/** @return {Promise<typeof DEFAULT_SETTINGS>} */
export async function getSettings() {
  const { settings } = await chrome.storage.local.get('settings');
  const s = settings && typeof settings === 'object' ? settings : {};
  return {
    language: ['auto', 'de', 'en'].includes(s.language) ? s.language : DEFAULT_SETTINGS.language,
    categories: { ...DEFAULT_SETTINGS.categories, ...(s.categories ?? {}) },
    pausedSites: Array.isArray(s.pausedSites) ? s.pausedSites.filter((x) => typeof x === 'string') : [],
    remember: s.remember !== false,
  };
}

export async function updateSettings(patch) {
  const next = { ...(await getSettings()), ...patch };
  await chrome.storage.local.set({ settings: next });
  return next;
}

/** The host name a URL belongs to ('' for non-web URLs). */
export function siteOf(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : '';
  } catch {
    return '';
  }
}

export function isPaused(settings, url) {
  const site = siteOf(url);
  return !!site && settings.pausedSites.includes(site);
}

/** 'de' | 'en' for the UI: the setting, else the browser's language. */
export function uiLanguage(settings) {
  if (settings.language === 'de' || settings.language === 'en') return settings.language;
  const tag = (globalThis.chrome?.i18n?.getUILanguage?.() ?? globalThis.navigator?.language ?? 'en').toLowerCase();
  return tag.startsWith('de') ? 'de' : 'en';
}
