// Gatherer "page": url, title, language and viewport of the page.
// Like every gatherer it is one self-contained function (no imports, no
// closure), because hosts serialise it into the page: the extension through
// chrome.scripting.executeScript({func}), the scanner through page.evaluate.
// It returns facts only, as a partial snapshot (docs/snapshot.md).

/** @returns {{url: string, title: string, lang: string, viewport: {width: number, height: number}}} */
export function gatherPage() {
  return {
    url: location.href,
    title: document.title,
    lang: document.documentElement.lang || '',
    viewport: { width: window.innerWidth, height: window.innerHeight },
  };
}
