// Loads a pop-up fixture in Debian's Chromium the way the scanner does
// (early scripts via addInitScript, then every gatherer through
// page.evaluate), and assembles the snapshot. Shared by the pop-up
// end-to-end tests, the hostile-page tests and bench/gatherer.mjs.
import { EARLY, GATHERERS } from '../../web/gather/index.js';
import { buildSnapshot } from '../../web/gather/snapshot.js';

export const VIEWPORT = { width: 1280, height: 720 };

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{early?: boolean, permissions?: string[], viewport?: {width: number, height: number}}} [options]
 */
export async function openPage(browser, url, { early = true, permissions = [], viewport = VIEWPORT } = {}) {
  const context = await browser.newContext({ viewport });
  // Deterministic permission: granted when listed, otherwise denied (never a prompt).
  const origin = new URL(url).origin;
  await context.grantPermissions(permissions, { origin });
  if (!permissions.includes('notifications')) {
    const cdp = await context.newCDPSession(await context.newPage());
    await cdp.send('Browser.setPermission', { permission: { name: 'notifications' }, setting: 'denied', origin });
    await (await cdp.detach(), context.pages()[0]).close();
  }
  if (early) for (const e of EARLY) await context.addInitScript(e.fn, e.args);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return { context, page };
}

/** Runs fixture actions: {click: selector} | {mouse: [x, y]} | {wait: ms} | {scroll: y}. */
export async function runActions(page, actions = []) {
  for (const a of actions) {
    if (a.click) await page.click(a.click);
    else if (a.mouse) await page.mouse.move(a.mouse[0], a.mouse[1]);
    else if (a.scroll !== undefined) await page.mouse.wheel(0, a.scroll);
    else if (a.wait) await page.waitForTimeout(a.wait);
  }
}

/** Every gatherer, as the scanner runs them; `overrides` replaces a gatherer's opts by id. */
export async function gatherSnapshot(page, overrides = {}) {
  const parts = [];
  for (const g of GATHERERS) {
    const opts = { ...(g.opts ?? {}), ...(overrides[g.id] ?? {}) };
    parts.push(await page.evaluate(g.fn, opts).catch((e) => ({ gatherError: `${g.id}: ${e.message}` })));
  }
  return buildSnapshot({ parts });
}

/**
 * Does the element stamped with `id` match (or contain, or sit inside) `selector`?
 * Uses Playwright's selector engine, which runs in its own world: a page
 * that overrides Element.prototype.matches cannot fool the check.
 */
export async function stampedMatches(page, id, selector) {
  const el = `[data-durchblick-id="${id}"]`;
  return (await page.locator(`${el}:is(${selector}), ${el}:has(${selector}), :is(${selector}) ${el}`).count()) > 0;
}
