// The one list of gatherers. Hosts run each `fn(options)` in the page (the
// same files in the extension and the scanner) and merge the partial
// snapshots they return with buildSnapshot(). A gatherer that throws yields
// nothing: its sections stay "not gathered" and the core marks dependent
// detectors as not applicable.
//
// `init(options)`, where present, must run at document_start, before the
// page's own scripts: the scanner installs it with page.addInitScript (main
// world); the extension registers the EARLY scripts below as document_start
// content scripts in the given world.
import { gatherOverlays } from './overlays.js';
import { gatherPage } from './page.js';
import { gatherTexts } from './texts.js';

/** @type {{id: string, fn: (options?: object) => object, init?: (options?: object) => void, options?: object}[]} */
export const GATHERERS = [
  { id: 'page', fn: gatherPage },
  { id: 'texts', fn: gatherTexts },
  { id: 'overlays', fn: gatherOverlays, init: gatherOverlays, options: { sampleMs: 1000 } },
];

/** Extension document_start scripts: `(${fn})(${JSON.stringify(args)})` in `world`. */
/** @type {{id: string, fn: (args?: object) => void, args: object, world: 'MAIN'|'ISOLATED'}[]} */
export const EARLY = [
  { id: 'notifications', fn: gatherOverlays, args: { notificationHook: true }, world: 'MAIN' },
  { id: 'overlays', fn: gatherOverlays, args: { install: true }, world: 'ISOLATED' },
];
