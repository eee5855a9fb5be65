// Functions the extension runs inside a page on the user's request (through
// chrome.scripting.executeScript, so each is self-contained: no imports, no
// closure). They touch only the elements the gatherers stamped with
// data-durchblick-id.

/**
 * "Show on page": scrolls to the first element of `ids` and outlines all of
 * them (until the next call). Returns how many were found.
 * @param {string[]} ids
 */
export function showEvidence(ids) {
  const found = [];
  for (const id of ids) {
    for (const el of document.querySelectorAll(`[data-durchblick-id="${CSS.escape(String(id))}"]`)) found.push(el);
  }
  for (const el of document.querySelectorAll('[data-durchblick-shown]')) {
    el.style.outline = el.dataset.durchblickOutline || '';
    el.style.outlineOffset = '';
    delete el.dataset.durchblickShown;
    delete el.dataset.durchblickOutline;
  }
  for (const el of found) {
    el.dataset.durchblickOutline = el.style.outline;
    el.dataset.durchblickShown = '1';
    el.style.outline = '3px solid #cf222e';
    el.style.outlineOffset = '2px';
  }
  if (found[0]) found[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
  return found.length;
}
