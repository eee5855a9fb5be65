// The one list of gatherers. Hosts run each `fn(options)` in the page (the
// same files in the extension and the scanner) and merge the partial
// snapshots they return with buildSnapshot(). A gatherer that throws yields
// nothing: its sections stay "not gathered" and the core marks dependent
// detectors as not applicable.
//
// `init(options)`, where present, installs an observer early, before the
// page's own scripts: the scanner installs every init with
// page.addInitScript (main world). The extension registers the inits of
// `world: 'MAIN'` gatherers as document_start content scripts (they must stay
// small: they run on every page before it loads) and runs the others with
// chrome.scripting.executeScript in its isolated world, with {install: true},
// as soon as the tab has loaded (tools/build-extension.mjs, background.js).
// `world: 'MAIN'`: the extension gathers it in the page's world too.
import { gatherInteractions } from './interactions.js';
import { gatherOverlays } from './overlays.js';
import { gatherPage } from './page.js';
import { gatherTexts } from './texts.js';

/** @type {{id: string, fn: (options?: object) => object, init?: (options?: object) => void, options?: object, world?: 'MAIN'}[]} */
export const GATHERERS = [
  { id: 'page', fn: gatherPage },
  { id: 'texts', fn: gatherTexts, init: gatherTexts, options: { sampleMs: 1200 } },
  { id: 'overlays', fn: gatherOverlays, init: gatherOverlays, options: { sampleMs: 1000 } },
  { id: 'interactions', fn: gatherInteractions, init: gatherInteractions, world: 'MAIN' },
];
