// The texts gatherer's change recorder (web/gather/texts.js, installed early
// as the hosts' init): with it, a gather re-reads only text that was changing
// and skips the second-sample wait on a page where nothing changes; ticking
// clocks are still caught, by the texts and by the overlays gatherer.
// Real pages from tests/pages, a real local HTTP server, Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { launchChromium } from '../lib/chromium.mjs';
import { gatherTexts } from '../../web/gather/texts.js';
import { gatherOverlays } from '../../web/gather/overlays.js';

const pages = fileURLToPath(new URL('../pages/', import.meta.url));
// A wait of a minute stands for "the gatherer waited for its second sample":
// it cannot finish before the 10 s guard unless the wait was skipped.
const MINUTE = 60000;
const GUARD_MS = 10000;
let server, browser;

before(async () => {
  server = await startServer({ root: pages });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path, { recorder = true, overlays = false } = {}) {
  const context = await browser.newContext();
  if (recorder) await context.addInitScript(gatherTexts, {});
  if (overlays) await context.addInitScript(gatherOverlays, {});
  const page = await context.newPage();
  await page.goto(`${server.url}/${path}`, { waitUntil: 'load' });
  return { page, close: () => context.close() };
}

function guarded(promise) {
  let timer;
  const guard = new Promise((resolve) => {
    timer = setTimeout(() => resolve('waited'), GUARD_MS);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

test('a page whose text does not change is gathered without the second-sample wait', async () => {
  const { page, close } = await open('pricing-plain-shop/index.html');
  try {
    const part = await guarded(page.evaluate(gatherTexts, { sampleMs: MINUTE, changeWindowMs: 500 }));
    assert.notEqual(part, 'waited', 'the gatherer waited although no text changed');
    assert.ok(part.texts.some((t) => /\d/.test(t.text)), 'the page has texts with digits (candidates for clocks)');
    assert.deepEqual(part.timers, []);
  } finally {
    await close();
  }
});

test('without the recorder the gatherer still waits for the second sample', async () => {
  const { page, close } = await open('pricing-plain-shop/index.html', { recorder: false });
  try {
    const part = await guarded(page.evaluate(gatherTexts, { sampleMs: MINUTE, changeWindowMs: 500 }));
    assert.equal(part, 'waited');
  } finally {
    await close();
  }
});

test('a ticking clock is still sampled twice and becomes a timer', async () => {
  const { page, close } = await open('pricing-countdown/index.html');
  try {
    const part = await page.evaluate(gatherTexts, { sampleMs: 1200 });
    assert.ok(part.timers.length >= 1, 'the countdown is a timer');
    const [first, second] = part.timers[0].samples;
    assert.notEqual(first, second);
  } finally {
    await close();
  }
});

test('overlays: a ticking overlay gets two samples, a still one is not waited for', async () => {
  const ticking = await open('popup-countdown/index.html', { overlays: true });
  try {
    await ticking.page.waitForTimeout(400);
    const part = await ticking.page.evaluate(gatherOverlays, { sampleMs: 1100 });
    const flash = part.overlays.find((o) => o.identity.startsWith('div#flash') || o.identity.includes('#flash'));
    assert.ok(flash, 'the flash-sale overlay is found');
    assert.notEqual(flash.textSamples[0], flash.textSamples[1]);
  } finally {
    await ticking.close();
  }
  const still = await open('popup-cmp-banner/index.html', { overlays: true });
  try {
    await still.page.waitForTimeout(1500);
    const part = await guarded(still.page.evaluate(gatherOverlays, { sampleMs: MINUTE, changeWindowMs: 500, tcfTimeoutMs: 50 }));
    assert.notEqual(part, 'waited', 'the overlay gatherer waited although no overlay text changed');
    assert.ok(part.overlays.length >= 1);
    for (const o of part.overlays) assert.equal(o.textSamples[0], o.textSamples[1]);
  } finally {
    await still.close();
  }
});
