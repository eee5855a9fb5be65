// Gatherer "texts": the visible text blocks of the page with their style
// facts (texts[]), the controls a person can act on (controls[]), product
// identities (productIds) and clocks seen changing (timers[]).
//
// Like every gatherer it is one self-contained function (no imports, no
// closure) that hosts serialise into the page. Facts only: which words are
// pressure, which prices are anchors, is for the core to say.
//
// - A text block is the nearest ancestor of a text node that is not inline
//   (table cells are inline here: a row is one line, "Servicegebühr 4,50 €"),
//   or that is crossed out (<s>, <del>, <strike>, text-decoration
//   line-through) or marked as a price (itemprop="price", a class or id
//   containing "price"/"preis"), so "<s>59,99 €</s> <b class=price>39,99 €</b>"
//   gives two blocks. Its text is its own text nodes, whitespace collapsed.
// - Every block and control gets a stable `data-durchblick-id` attribute
//   (t0, t1, … / c0, … in document order; an element keeps an id it already
//   has), so evidence can be shown on the page later. overlays.js stamps by
//   the same rule (its stamp()), so an element has one id in every section,
//   whichever gatherer ran first.
// - Changing text: short blocks with two digit groups are read again after
//   `sampleMs`; those whose text changed become timers[] with both samples.
//   endMs is the capture time plus the time the last sample shows, read as
//   the core reads clocks (wasm/src/countdown.h: digit groups from the right
//   as seconds, minutes, hours, days), so a host can remember it (history.js).
// - The wait for that second sample is only needed where text may be
//   changing. Called early ({install: true}, or while the document is still
//   loading: the hosts' `init`), the function installs a small mutation
//   recorder instead of gathering: the last time text was added or changed,
//   per element, from DOMContentLoaded on (the parser's own insertions are
//   not changes; a clock that ticks keeps ticking after it). A later gather
//   makes sure the recorder has watched for `changeWindowMs` (= sampleMs: a
//   clock ticking once a second is caught as surely as by the second
//   sample), then re-reads only blocks touched within that window, and skips
//   the wait when there are none. Without the recorder (or when it
//   overflowed) every candidate block is re-read after the wait, as before.
// - Bounded: at most `maxTexts` blocks of `maxChars` characters, `maxTotal`
//   characters in all, `maxControls` controls, `maxNodes` text nodes looked at.

/**
 * @param {{install?: boolean, sampleMs?: number, changeWindowMs?: number, maxTexts?: number,
 *          maxChars?: number, maxTotal?: number, maxControls?: number, maxNodes?: number}} [options]
 * @returns {Promise<{texts: object[], controls: object[], productIds: string[], timers: object[]}|null>}
 */
export async function gatherTexts(options = {}) {
  const RECORDER = Symbol.for('durchblick.texts.changes');
  const MAX_CHANGED = 5000;
  if (options.install || document.readyState === 'loading') {
    // The recorder (see the header). Elements are kept until they are older
    // than the window the gather asks about; past MAX_CHANGED recent ones it
    // says "overflow" and the gather falls back to re-reading every candidate.
    if (window[RECORDER]) return null;
    const now = performance.now.bind(performance);
    const rec = { since: -1, changed: new Map(), overflow: false };
    const parsed = () => {
      if (rec.since < 0 && document.readyState !== 'loading') rec.since = now();
    };
    parsed();
    document.addEventListener('readystatechange', parsed, { capture: true, passive: true });
    const note = (el, t) => {
      if (!el || el.nodeType !== 1) return;
      if (!rec.changed.has(el) && rec.changed.size >= MAX_CHANGED) {
        for (const [k, at] of rec.changed) if (t - at > 10000) rec.changed.delete(k);
        if (rec.changed.size >= MAX_CHANGED) {
          rec.overflow = true;
          return;
        }
      }
      rec.changed.set(el, t);
    };
    // For the gathers (this one and overlays.js): the elements text changed
    // in within the last windowMs, once the recorder has watched that long;
    // null when it cannot say (not watching yet, or too many changes).
    rec.changedWithin = async (windowMs) => {
      if (rec.since < 0) return null;
      const watched = now() - rec.since;
      if (watched < windowMs) await new Promise((resolve) => setTimeout(resolve, windowMs - watched));
      const t = now();
      const recent = [];
      for (const [el, at] of rec.changed) if (t - at <= windowMs && el.isConnected) recent.push(el);
      return rec.overflow || recent.length > 500 ? null : recent;
    };
    // Did a change in `recent` happen inside `el`, or replace an ancestor of it?
    rec.touches = (recent, el) => recent.some((changed) => el.contains(changed) || changed.contains(el));
    try {
      new MutationObserver((records) => {
        if (rec.since < 0) return;
        const t = now();
        for (const r of records) {
          if (r.type === 'characterData') note(r.target.parentElement, t);
          else for (const n of r.addedNodes) note(n.nodeType === 1 ? n : n.parentElement, t);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
      Object.defineProperty(window, RECORDER, { value: rec, configurable: false, enumerable: false });
    } catch {
      // no recorder: the gather re-reads every candidate
    }
    return null;
  }
  const sampleMs = options.sampleMs ?? 1200;
  const changeWindowMs = options.changeWindowMs ?? sampleMs;
  const maxTexts = options.maxTexts ?? 4000;
  const maxChars = options.maxChars ?? 2000;
  const maxTotal = options.maxTotal ?? 1000000;
  const maxControls = options.maxControls ?? 1500;
  const maxNodes = options.maxNodes ?? 60000;
  const ATTR = 'data-durchblick-id';
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'HEAD', 'TITLE', 'OPTION']);
  const STRUCK = new Set(['S', 'DEL', 'STRIKE']);

  const styles = new Map();
  const style = (el) => {
    let s = styles.get(el);
    if (!s) {
      s = getComputedStyle(el);
      styles.set(el, s);
    }
    return s;
  };
  const collapse = (s) => s.replace(/\s+/g, ' ').trim();
  const markedAsPrice = (el) => {
    if (el.getAttribute('itemprop') === 'price') return true;
    const names = `${typeof el.className === 'string' ? el.className : ''} ${el.id || ''}`.toLowerCase();
    return names.includes('price') || names.includes('preis');
  };
  const struck = (el) =>
    STRUCK.has(el.tagName) || (style(el).textDecorationLine || '').includes('line-through');
  const visible = (el) => {
    if (typeof el.checkVisibility === 'function') {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    } else if (!el.getClientRects().length) {
      return false;
    }
    return true;
  };

  // The block that owns a text node (see the header).
  const owners = new Map();
  const ownerOf = (node) => {
    let el = node.parentElement;
    const path = [];
    while (el && el !== document.body && el !== document.documentElement) {
      const known = owners.get(el);
      if (known !== undefined) {
        for (const p of path) owners.set(p, known);
        return known;
      }
      path.push(el);
      const display = style(el).display;
      const boundary = !display.startsWith('inline') && display !== 'table-cell' && display !== 'contents';
      if (boundary || display === 'inline-block' || struck(el) || markedAsPrice(el)) {
        for (const p of path) owners.set(p, el);
        return el;
      }
      el = el.parentElement;
    }
    const root = document.body || document.documentElement;
    for (const p of path) owners.set(p, root);
    return root;
  };

  const skipped = (node) => {
    for (let el = node.parentElement; el; el = el.parentElement) {
      if (SKIP.has(el.tagName.toUpperCase()) || el.hidden) return true;
      if (el === document.body) break;
    }
    return false;
  };

  let nextId = 0;
  const stamp = (el, prefix) => {
    const have = el.getAttribute(ATTR);
    if (have) return have;
    let id;
    do id = `${prefix}${nextId++}`;
    while (document.querySelector(`[${ATTR}="${id}"]`));
    el.setAttribute(ATTR, id);
    return id;
  };

  // Text nodes of `root` in document order, grouped by owner.
  const collect = (root, only) => {
    const byOwner = new Map();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let n = walker.nextNode(); n && seen < maxNodes; n = walker.nextNode()) {
      seen++;
      if (!n.nodeValue || !n.nodeValue.trim()) continue;
      const owner = ownerOf(n);
      if (only && owner !== only) continue;
      let parts = byOwner.get(owner);
      if (!parts) {
        if (skipped(n)) continue;
        parts = [];
        parts.last = null;
        byOwner.set(owner, parts);
      }
      // Text of different cells or boxes ("<td>Servicegebühr</td><td>4,50 €</td>")
      // is separated by a space, as it is on screen.
      let box = n.parentElement;
      while (box !== owner && box.parentElement && style(box).display === 'inline') box = box.parentElement;
      if (parts.last && parts.last !== box) parts.push(' ');
      parts.last = box;
      parts.push(n.nodeValue);
    }
    return byOwner;
  };

  const texts = [];
  const blocks = [];
  let total = 0;
  const body = document.body || document.documentElement;
  for (const [owner, parts] of collect(body)) {
    if (texts.length >= maxTexts || total >= maxTotal) break;
    if (!visible(owner)) continue;
    let text = collapse(parts.join(''));
    if (!text) continue;
    if (text.length > maxChars) text = text.slice(0, maxChars);
    total += text.length;
    const s = style(owner);
    const block = { id: stamp(owner, 't'), text };
    if (struck(owner) || (owner.parentElement && struck(owner.parentElement) && style(owner).display.startsWith('inline'))) block.strike = true;
    block.color = s.color;
    block.fontSize = parseFloat(s.fontSize) || 0;
    let role = '';
    if (/^H[1-6]$/.test(owner.tagName)) role = 'heading';
    for (let el = owner; el && el !== body && !role; el = el.parentElement) {
      if (markedAsPrice(el)) role = 'price';
      if (el !== owner && !style(el).display.startsWith('inline')) break;
    }
    if (role) block.role = role;
    texts.push(block);
    blocks.push(owner);
  }

  // Controls: checkable ones first, then buttons, then links.
  const controls = [];
  const labelOf = (el) => {
    const aria = el.getAttribute('aria-label');
    if (el.labels && el.labels.length) return collapse(Array.from(el.labels, (l) => l.innerText || l.textContent).join(' '));
    if (aria) return collapse(aria);
    const lab = el.closest('label');
    if (lab) return collapse(lab.innerText || lab.textContent || '');
    if (el.tagName === 'INPUT') {
      if (el.type === 'checkbox' || el.type === 'radio') {
        const next = el.nextElementSibling || el.parentElement;
        return collapse((next && (next.innerText || next.textContent)) || '');
      }
      return collapse(el.value || '');
    }
    return collapse(el.innerText || el.textContent || el.getAttribute('title') || '');
  };
  const contextOf = (el) => {
    const fs = el.closest('fieldset');
    const legend = fs && fs.querySelector('legend');
    if (legend) return collapse(legend.innerText || legend.textContent || '').slice(0, 200);
    const group = el.closest('[role="group"],[aria-labelledby]');
    const by = group && group.getAttribute('aria-labelledby');
    const ref = by && document.getElementById(by.split(' ')[0]);
    if (ref) return collapse(ref.innerText || ref.textContent || '').slice(0, 200);
    return '';
  };
  const kinds = [
    ['checkbox', 'input[type="checkbox"],[role="checkbox"]'],
    ['radio', 'input[type="radio"],[role="radio"]'],
    ['switch', '[role="switch"]'],
    ['button', 'button,input[type="button"],input[type="submit"],input[type="reset"],[role="button"]'],
    ['link', 'a[href]'],
  ];
  const taken = new Set();
  for (const [kind, selector] of kinds) {
    for (const el of document.querySelectorAll(selector)) {
      if (controls.length >= maxControls) break;
      if (taken.has(el)) continue;
      taken.add(el);
      // Custom checkboxes hide the input and show a styled label.
      const shown = visible(el) || (el.labels && Array.from(el.labels).some(visible));
      if (!shown) continue;
      const c = { id: stamp(el, 'c'), kind, label: labelOf(el).slice(0, 500) };
      if (kind === 'checkbox' || kind === 'radio' || kind === 'switch') {
        c.checked = 'checked' in el && el.tagName === 'INPUT' ? !!el.checked : el.getAttribute('aria-checked') === 'true';
      }
      const context = contextOf(el);
      if (context) c.context = context;
      controls.push(c);
    }
  }

  // Product identities: JSON-LD Product, microdata, common URL parameters.
  const productIds = [];
  const addId = (v) => {
    if ((typeof v === 'string' || typeof v === 'number') && String(v).trim() && productIds.length < 20) {
      const s = String(v).trim().slice(0, 200);
      if (!productIds.includes(s)) productIds.push(s);
    }
  };
  const visit = (node, depth) => {
    if (!node || typeof node !== 'object' || depth > 6) return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, depth + 1));
    const type = [].concat(node['@type'] || []).map(String);
    if (type.some((t) => t === 'Product' || t === 'ProductGroup' || t === 'IndividualProduct')) {
      for (const k of ['sku', 'productID', 'gtin13', 'gtin', 'gtin14', 'gtin12', 'gtin8', 'mpn']) addId(node[k]);
    }
    for (const k of ['@graph', 'mainEntity', 'itemListElement', 'hasVariant']) visit(node[k], depth + 1);
  };
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    if ((s.textContent || '').length > 500000) continue;
    try {
      visit(JSON.parse(s.textContent), 0);
    } catch {
      // a broken JSON-LD block is the page's problem
    }
  }
  for (const el of document.querySelectorAll('[itemprop="sku"],[itemprop="productID"],[itemprop="gtin13"]')) {
    addId(el.getAttribute('content') || el.textContent);
  }
  try {
    const params = new URL(location.href).searchParams;
    for (const k of ['sku', 'pid', 'productId', 'product_id', 'itemId', 'item_id', 'articleId', 'artikel']) addId(params.get(k));
  } catch {
    // about:blank and friends
  }

  // Clocks: read short blocks with a digit again after sampleMs.
  const digitsAt = (t) => {
    let groups = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c >= 48 && c <= 57 && (i === 0 || t.charCodeAt(i - 1) < 48 || t.charCodeAt(i - 1) > 57)) groups++;
    }
    return groups;
  };
  let watch = [];
  texts.forEach((t, i) => {
    if (t.text.length <= 200 && digitsAt(t.text) >= 2 && watch.length < 300) watch.push(i);
  });
  const t0 = Date.now();
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const secondsShown = (t) => {
    const g = [];
    let v = -1;
    for (let i = 0; i <= t.length; i++) {
      const c = i < t.length ? t.charCodeAt(i) : 0;
      if (c >= 48 && c <= 57) v = (v < 0 ? 0 : v * 10) + (c - 48);
      else if (v >= 0) {
        g.push(v);
        v = -1;
      }
    }
    if (g.length < 2) return -1;
    const unit = [1, 60, 3600, 86400];
    let s = 0;
    for (let k = 0; k < Math.min(4, g.length); k++) s += g[g.length - 1 - k] * unit[k];
    return s;
  };
  const timers = [];
  // Reads block i again; a changed text becomes a timer. False if unchanged.
  const sampled = (i) => {
    const el = blocks[i];
    if (!el.isConnected) return true;
    const parts = collect(el, el).get(el);
    const now = parts ? collapse(parts.join('')).slice(0, maxChars) : '';
    if (!now) return true;
    if (now === texts[i].text) return false;
    const timer = { id: `timer-${texts[i].id}`, textId: texts[i].id, samples: [texts[i].text, now], intervalMs: Date.now() - t0 };
    const left = secondsShown(now);
    if (left >= 0) timer.endMs = Date.now() + left * 1000;
    timers.push(timer);
    return true;
  };
  // With the recorder: only blocks text was recently added to or changed in
  // need a second look, and those that changed while the recorder's window
  // filled have their second sample already.
  const rec = window[RECORDER];
  if (watch.length && sampleMs > 0 && rec) {
    const recent = await rec.changedWithin(changeWindowMs);
    if (recent) {
      watch = watch.filter((i) => rec.touches(recent, blocks[i]));
      if (Date.now() > t0) watch = watch.filter((i) => !sampled(i));
    }
  }
  if (watch.length && sampleMs > 0) {
    await sleep(sampleMs - (Date.now() - t0));
    for (const i of watch) sampled(i);
  }

  return { texts, controls, productIds, timers };
}
