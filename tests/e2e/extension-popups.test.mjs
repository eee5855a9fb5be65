// Pop-up findings that need the extension's observers (web/gather/index.js):
// the main-world document_start script (interactions: clicks, notification
// prompts) and the isolated-world overlay observer installed at load (when a
// pop-up first showed). Fixture pages from tests/pages/popup-*, each with its
// expect.json, opened in Chromium with the built extension.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { startExtension, waitFor } from '../lib/extension.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const expected = (name) => JSON.parse(readFileSync(`${ROOT}tests/pages/${name}/expect.json`, 'utf8')).expect.map((e) => e.type).sort();
const popupTypes = (report) => report.findings.filter((f) => f.category === 'popup').map((f) => f.type).sort();
let server, ext;

before(async () => {
  execFileSync(process.execPath, [`${ROOT}tools/build-extension.mjs`], { stdio: 'pipe' });
  server = await startServer({ root: `${ROOT}tests/pages` });
  ext = await startExtension({ lang: 'en' });
});
after(async () => {
  await ext?.close();
  await server?.close();
});

test('the document_start script is the small main-world one only', () => {
  const manifest = JSON.parse(readFileSync(`${ROOT}build/extension/manifest.json`, 'utf8'));
  assert.deepEqual(manifest.content_scripts.map((c) => `${c.world} ${c.run_at} ${c.js.join(',')}`), ['MAIN document_start content/early-main.js']);
  const size = readFileSync(`${ROOT}build/extension/content/early-main.js`).length;
  assert.ok(size < 8000, `${size} bytes run before every page`);
});

test('a notification prompt on arrival: the main-world hook sees it, the core reports it', async () => {
  const url = `${server.url}/popup-notification-on-load/index.html`;
  await ext.ctx.grantPermissions(['notifications'], { origin: server.url });
  const page = await ext.ctx.newPage();
  await page.goto(url);
  const { report, snapshot } = await ext.reportFor(page.url());
  await page.close();
  const requests = snapshot.pageState.notificationRequests;
  assert.equal(requests.length, 1, 'one prompt recorded');
  assert.equal(requests[0].api, 'Notification.requestPermission');
  assert.ok(requests[0].atMs > snapshot.pageState.loadMs, 'asked after load (the page waits 300 ms)');
  assert.deepEqual(popupTypes(report), expected('popup-notification-on-load'));
});

test('a prompt after the person clicks: recorded with the click, no finding', async () => {
  const page = await ext.ctx.newPage();
  await page.goto(`${server.url}/popup-neg-notification-click/index.html`);
  await page.click('#notify');
  const { report, snapshot } = await ext.reportFor(page.url());
  await page.close();
  assert.equal(snapshot.pageState.notificationRequests.length, 1, 'the prompt is recorded');
  assert.ok(snapshot.pageState.clicksMs.length >= 1, 'and the click before it');
  assert.ok(snapshot.pageState.clicksMs[0] <= snapshot.pageState.notificationRequests[0].atMs);
  assert.deepEqual(popupTypes(report), expected('popup-neg-notification-click'));
});

test('a newsletter modal 1.5 s after load: the observer times it, the core calls it timed', async () => {
  const page = await ext.ctx.newPage();
  await page.goto(`${server.url}/popup-newsletter-delayed/index.html`);
  const { report, snapshot } = await ext.reportFor(page.url());
  await page.close();
  const { pageState } = snapshot;
  assert.ok(pageState.observedFromMs >= 0, 'the observer was installed before gathering');
  const modal = snapshot.overlays.find((o) => o.identity.includes('#newsletter'));
  assert.ok(modal, 'the modal is an overlay');
  const delay = modal.visibleAtMs - pageState.loadMs;
  assert.ok(delay > 1000 && delay < 2500, `first visible ${delay.toFixed(0)} ms after load (the page waits 1500 ms)`);
  assert.deepEqual(popupTypes(report), expected('popup-newsletter-delayed'));
});

test('a pop-up in a closed shadow root is read through the extension API', async () => {
  const page = await ext.ctx.newPage();
  await page.goto(`${server.url}/popup-hostile-shadow/index.html`);
  const { report, snapshot } = await ext.reportFor(page.url());
  await page.close();
  const promo = snapshot.overlays.find((o) => o.text.includes('Secret promo'));
  assert.ok(promo, 'the closed root\'s fixed layer is a candidate (chrome.dom.openOrClosedShadowRoot)');
  assert.ok(promo.inShadow);
  assert.deepEqual(popupTypes(report), expected('popup-hostile-shadow'));
});

test('a pop-up that opens after the analysis: the extension analyses again without being asked', async () => {
  const page = await ext.ctx.newPage();
  await page.goto(`${server.url}/popup-newsletter-delayed/index.html?delay=7000`);
  const first = await ext.reportFor(page.url());
  assert.ok(!first.snapshot.overlays.some((o) => o.identity.includes('#newsletter')), 'the first analysis came before the pop-up (7 s after load)');
  // The popup stays open across the late analysis and shows its report.
  const popup = await ext.openPopup(first.tabId);
  const shownScore = () => popup.locator('.db-score .db-num').textContent();
  assert.equal(await shownScore(), String(first.report.score));
  await popup.locator('#report button').first().focus();
  const late = await ext.reportFor(page.url(), { after: first.analysedAtMs, timeoutMs: 40000 });
  const badgeNow = await ext.badge(late.tabId);
  await waitFor(async () => (await shownScore()) === String(late.report.score), 5000, 'the open popup to show the new score');
  assert.ok(await popup.evaluate(() => document.getElementById('report').contains(document.activeElement)), 'keyboard focus stays in the report');
  await popup.close();
  await page.close();
  const modal = late.snapshot.overlays.find((o) => o.identity.includes('#newsletter'));
  assert.ok(modal, 'the second analysis sees the modal');
  const delay = modal.visibleAtMs - late.snapshot.pageState.loadMs;
  assert.ok(delay > 6000 && delay < 9000, `first visible ${delay.toFixed(0)} ms after load (the page waits 7000 ms)`);
  assert.ok(popupTypes(late.report).includes('popup/newsletter_modal'), popupTypes(late.report).join(', '));
  assert.equal(badgeNow.text, String(late.report.score), 'the badge shows the new score');
  assert.ok(late.report.score > first.report.score, `${first.report.score} → ${late.report.score}`);
});

// One element, one id: the texts gatherer (which runs first) stamps the
// modal's decline link as a text block, the overlay gatherer reads it as the
// pop-up's button. Both facts must carry the id the element has on the page,
// or "show on page" cannot find the text finding on it.
test('a pop-up\'s shaming decline: the text finding and the overlay finding point at the elements on the page', async () => {
  const page = await ext.ctx.newPage();
  await page.goto(`${server.url}/popup-newsletter-delayed/index.html`);
  const { tabId, report, snapshot } = await ext.reportFor(page.url());
  const modal = snapshot.overlays.find((o) => o.identity.includes('#newsletter'));
  assert.ok(modal, 'the modal is an overlay');
  const decline = modal.buttons.find((b) => b.label.startsWith('No thanks'));
  assert.ok(decline, 'the decline link is one of its buttons');
  const block = snapshot.texts.find((t) => t.text.startsWith('No thanks'));
  assert.ok(block, 'and a text block');
  assert.equal(block.id, decline.id, 'texts[] and overlays[].buttons[] use the one id of the element');
  const at = (id) => page.$$eval(`[data-durchblick-id="${id}"]`, (els) => els.map((e) => e.id || e.className));
  assert.deepEqual(await at(decline.id), ['nl-no'], `${decline.id} is the decline link on the page`);
  assert.deepEqual(await at(modal.id), ['newsletter'], `${modal.id} is the modal`);

  const shaming = report.findings.find((f) => f.type === 'misdirection/confirmshaming');
  assert.ok(shaming, report.findings.map((f) => f.type).join(', '));
  assert.ok(shaming.evidence.some((e) => e.overlayId === modal.id), 'the text finding says it is in the pop-up');
  const overlayFinding = report.findings.find((f) => f.type === 'popup/newsletter_modal');
  assert.ok(overlayFinding?.evidence.some((e) => e.overlayId === modal.id), 'the overlay finding points at the modal');
  for (const f of [shaming, overlayFinding]) {
    for (const e of f.evidence) {
      for (const k of ['textId', 'controlId', 'overlayId']) {
        if (e[k]) assert.equal((await at(e[k])).length, 1, `${f.type} ${k} ${e[k]} is one element on the page`);
      }
    }
  }
  // "Show on page" from the popup outlines the decline link and the pop-up it is in.
  const popup = await ext.openPopup(tabId);
  await popup.locator(`[data-finding="${shaming.id}"] button.db-show`).click();
  await popup.waitForFunction(() => document.getElementById('status').textContent !== '');
  const outlined = await page.$$eval('[data-durchblick-shown]', (els) => els.map((e) => e.id || e.className));
  assert.deepEqual(outlined.sort(), ['newsletter', 'nl-no']);
  await popup.close();
  await page.close();
});
