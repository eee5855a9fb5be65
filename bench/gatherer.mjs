#!/usr/bin/env node
// Benchmark of the overlay gatherer on a heavy page: candidates found,
// milliseconds per scan, and the longest main-thread task while gathering,
// side by side with a named peer: a naive full walk in the style of
// autoconsent's getPopupLikeElements without its time box (every element,
// getComputedStyle, keep fixed/sticky ones).
//
//   node bench/gatherer.mjs [--pins 4000] [--runs 10]
// Page: tests/pages/popup-hostile-many-fixed (~24,000 elements, N fixed pins,
// one cookie box), served locally, Debian Chromium, 1280 x 720.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { gatherOverlays } from '../web/gather/overlays.js';
import { launchChromium } from '../tests/lib/chromium.mjs';
import { startServer } from '../tests/lib/server.mjs';
import { openPage } from '../tests/e2e/popups-harness.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? +args[i + 1] : fallback; };
const PINS = arg('--pins', 4000), RUNS = arg('--runs', 10);
const PAGES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'pages');

// The peer, self-contained like a gatherer.
function naiveFullWalk() {
  const t0 = performance.now();
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.nextNode(); el; el = walker.nextNode()) {
    const s = getComputedStyle(el);
    if ((s.position === 'fixed' || s.position === 'sticky') && s.display !== 'none') {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) found.push(el);
    }
  }
  return { candidates: found.length, ms: performance.now() - t0, elements: document.getElementsByTagName('*').length };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const server = await startServer({ root: PAGES });
const browser = await launchChromium();
try {
  const { page } = await openPage(browser, `${server.url}/popup-hostile-many-fixed/index.html?pins=${PINS}`);
  await page.evaluate(() => {
    window.__longest = 0;
    try {
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
        .observe({ type: 'longtask', buffered: false });
    } catch (e) { window.__longest = -1; }
  });
  await page.waitForTimeout(500);
  const ours = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await page.evaluate(gatherOverlays, { sampleMs: 0 });
    ours.push(r.overlayStats);
  }
  const ourLongest = await page.evaluate(() => window.__longest);
  await page.evaluate(() => { window.__longest = 0; });
  const peer = [];
  for (let i = 0; i < RUNS; i++) peer.push(await page.evaluate(naiveFullWalk));
  const peerLongest = await page.evaluate(() => window.__longest);
  const elements = peer[0].elements;
  const observer = ours[ours.length - 1];
  const rows = [
    ['', 'durchblick gatherOverlays', 'peer: naive full walk (autoconsent-style, no time box)'],
    ['page elements', String(elements), String(elements)],
    ['candidates found', String(ours[0].candidates), String(peer[0].candidates)],
    ['scan ms (median / max)', `${median(ours.map((o) => o.scanMs)).toFixed(1)} / ${Math.max(...ours.map((o) => o.scanMs)).toFixed(1)}`,
      `${median(peer.map((p) => p.ms)).toFixed(1)} / ${Math.max(...peer.map((p) => p.ms)).toFixed(1)}`],
    ['gather ms, sync part (median / max)', `${median(ours.map((o) => o.gatherMs)).toFixed(1)} / ${Math.max(...ours.map((o) => o.gatherMs)).toFixed(1)}`, '—'],
    ['longest main-thread task ≥ 50 ms', ourLongest > 0 ? `${ourLongest.toFixed(0)} ms` : 'none', peerLongest > 0 ? `${peerLongest.toFixed(0)} ms` : 'none'],
    ['elements walked (complete?)', `${ours[0].walked} (${ours[0].walkComplete ? 'yes' : 'no, time box'})`, `${elements} (yes)`],
    ['observer re-scans so far (max ms)', `${observer.scans} (${observer.maxScanMs.toFixed(1)})`, '—'],
  ];
  const w = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(`overlay gatherer benchmark: ${PINS} fixed pins, ${RUNS} runs, Chromium ${browser.version()}`);
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i])).join('  |  '));
} finally {
  await browser.close();
  await server.close();
}
