// The one list of gatherers. Hosts run each `fn` in the page (the same files
// in the extension and the scanner) and merge the partial snapshots they
// return with buildSnapshot(). A gatherer that throws yields nothing: its
// sections stay "not gathered" and the core marks dependent detectors as not
// applicable.
import { gatherPage } from './page.js';
import { gatherTexts } from './texts.js';

/** @type {{id: string, fn: (options?: object) => object}[]} */
export const GATHERERS = [
  { id: 'page', fn: gatherPage },
  { id: 'texts', fn: gatherTexts },
];
