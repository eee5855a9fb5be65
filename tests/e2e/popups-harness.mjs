// Loads a pop-up fixture in Debian's Chromium. Two ways:
//   scanFixture(): through the scanner's scanPage (scanner/scan-page.js) with
//     keepPage, so fixture actions (clicks, mouse moves, waits) run before
//     regather() gathers and analyses the page as it is then;
//   openPage() + gatherSnapshot(): the same gatherers by hand, with or without
//     the early init scripts (hostile-page tests, bench/gatherer.mjs).
import { GATHERERS } from '../../web/gather/index.js';
import { buildSnapshot } from '../../web/gather/snapshot.js';
import { scanPage } from '../../scanner/scan-page.js';

export const VIEWPORT = { width: 1280, height: 720 };

/** A context whose notification permission is decided: granted if listed, else denied (never a prompt). */
export async function newContext(browser, url, { permissions = [], viewport = VIEWPORT } = {}) {
  const context = await browser.newContext({ viewport });
  const origin = new URL(url).origin;
  await context.grantPermissions(permissions, { origin });
  if (!permissions.includes('notifications')) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Browser.setPermission', { permission: { name: 'notifications' }, setting: 'denied', origin });
    await cdp.detach();
    await page.close();
  }
  return context;
}

/** Gatherers with some options replaced by id: {overlays: {sampleMs: 0}}. */
export function gatherersWith(overrides = {}) {
  return GATHERERS.map((g) => (overrides[g.id] ? { ...g, options: { ...(g.options ?? {}), ...overrides[g.id] } } : g));
}

/** Runs fixture actions: {click: selector} | {mouse: [x, y]} | {wait: ms} | {scroll: dy}. */
export async function runActions(page, actions = []) {
  for (const a of actions) {
    if (a.click) await page.click(a.click);
    else if (a.mouse) await page.mouse.move(a.mouse[0], a.mouse[1]);
    else if (a.scroll !== undefined) await page.mouse.wheel(0, a.scroll);
    else if (a.wait) await page.waitForTimeout(a.wait);
  }
}

/**
 * Scans a fixture with scanPage: load, settle, then (kept page) wait
 * `waitMs`, run `actions`, regather, analyse with `core`. Returns {snapshot, report, page, close}.
 */
export async function scanFixture(context, url, { core, waitMs = 400, actions = [], overrides = {} } = {}) {
  const first = await scanPage(context, url, { core, keepPage: true, analyze: false, quietMs: 200, settleMs: 2000,
    gatherers: gatherersWith(overrides) });
  if (first.error) throw new Error(`scan failed: ${first.error.code}: ${first.error.message}`);
  await first.page.waitForTimeout(waitMs);
  await runActions(first.page, actions);
  const second = await first.regather();
  if (second.error) throw new Error(`regather failed: ${second.error.code}: ${second.error.message}`);
  const report = core.analyze(second.snapshot);
  return { snapshot: second.snapshot, report, gatherErrors: second.gatherErrors, page: first.page, close: first.close };
}

/** A page with (early = true) or without the gatherers' init scripts, navigated to `url`. */
export async function openPage(browser, url, { early = true, permissions = [], viewport = VIEWPORT } = {}) {
  const context = await newContext(browser, url, { permissions, viewport });
  if (early) for (const g of GATHERERS) if (g.init) await context.addInitScript(g.init, g.options ?? {});
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return { context, page };
}

/** Every gatherer through page.evaluate; `overrides` replaces options by id. */
export async function gatherSnapshot(page, overrides = {}) {
  const parts = [];
  for (const g of gatherersWith(overrides)) {
    parts.push(await page.evaluate(g.fn, g.options ?? {}).catch((e) => ({ gatherError: `${g.id}: ${e.message}` })));
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
