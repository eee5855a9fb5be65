// Driving the assembled extension (build/extension, tools/build-extension.mjs)
// in Debian Chromium for end-to-end tests and the benchmark.
//
//   const ext = await startExtension({ lang: 'de' });
//   const page = await ext.ctx.newPage();
//   await page.goto(`${server.url}/ext-shop/`);
//   const { tabId, report } = await ext.reportFor(page.url());
//   const popup = await ext.openPopup(tabId);      // the real popup page, in its own window
//   await ext.close();
//
// Tracker host names of the fixtures (connect.facebook.net, ...) resolve to
// 127.0.0.1, so fixture pages load "third-party" requests from the local
// test server on its port; nothing leaves the machine.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchWithExtension } from './chromium.mjs';

export const EXTENSION_DIR = process.env.DURCHBLICK_EXTENSION_DIR ?? fileURLToPath(new URL('../../build/extension', import.meta.url));
export const HOST_RULES = '--host-resolver-rules=MAP * 127.0.0.1';

export function extensionBuilt() {
  return existsSync(`${EXTENSION_DIR}/manifest.json`) && existsSync(`${EXTENSION_DIR}/core/durchblick.wasm`);
}

/**
 * @param {{lang?: string, extraArgs?: string[], env?: object}} [options]
 *   lang: the browser's UI language (--lang and LANGUAGE), which the popup follows.
 */
export async function startExtension({ lang = 'en', extraArgs = [], env = {} } = {}) {
  const ctx = await launchWithExtension(EXTENSION_DIR, {
    extraArgs: [`--lang=${lang}`, HOST_RULES, ...extraArgs],
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'de' ? 'de_DE.UTF-8' : 'en_US.UTF-8', ...env },
    locale: lang === 'de' ? 'de-DE' : 'en-US',
    viewport: { width: 1100, height: 800 },
  });
  let [sw] = ctx.serviceWorkers();
  if (!sw) sw = await ctx.waitForEvent('serviceworker', { timeout: 15000 });
  const extId = new URL(sw.url()).host;
  // DURCHBLICK_DEBUG=1: the service worker's console on stderr.
  if (process.env.DURCHBLICK_DEBUG) sw.on('console', (m) => console.error(`[sw ${m.type()}] ${m.text()}`));
  // The worker loads the core when it first analyses a page; loading it here
  // makes a broken core fail the test at once.
  await waitFor(() => sw.evaluate(() => globalThis.__durchblick?.loadCore?.() ?? null), 15000, 'core');
  const coreError = await sw.evaluate(() => globalThis.__durchblick.coreError);
  if (coreError) throw new Error(`core failed in the service worker: ${coreError}`);

  const tabIdOf = (url) => waitFor(() => sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url), 5000, `tab ${url}`);
  // The report (and snapshot) the service worker keeps for the tab showing
  // `url`, once analysed after `after` (epoch ms).
  const reportFor = async (url, { after = 0, timeoutMs = 30000 } = {}) => {
    const tabId = await tabIdOf(url);
    const t = await waitFor(() => sw.evaluate(async ([id, after]) => {
      const { [`tab:${id}`]: t } = await chrome.storage.session.get(`tab:${id}`);
      return t?.reportJson && t.analysedAtMs > after ? t : null;
    }, [tabId, after]), timeoutMs, `report for ${url}`);
    return { tabId, report: JSON.parse(t.reportJson), reportJson: t.reportJson, snapshot: JSON.parse(t.snapshotJson), analysedAtMs: t.analysedAtMs };
  };
  const badge = (tabId) => sw.evaluate(async (id) => ({
    text: await chrome.action.getBadgeText({ tabId: id }),
    colour: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
  }), tabId);
  // The popup page in its own window, so the analysed tab stays the visible
  // one of its window (as under a real popup; captureVisibleTab needs that).
  const openPopup = async (tabId, { width = 440, height = 760 } = {}) => {
    const url = `chrome-extension://${extId}/popup/popup.html?tab=${tabId}`;
    const [page] = await Promise.all([
      ctx.waitForEvent('page', (p) => p.url() === url),
      sw.evaluate(([u, w, h]) => chrome.windows.create({ url: u, type: 'popup', width: w, height: h }), [url, width, height]),
    ]);
    await page.setViewportSize({ width, height });
    await page.waitForSelector('body[data-ready="1"]');
    return page;
  };
  return { ctx, sw, extId, tabIdOf, reportFor, badge, openPopup, close: () => ctx.close() };
}

/** Polls fn until it returns something truthy. */
export async function waitFor(fn, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
