// Gatherer "overlays": pop-up candidates and the page state around them, as
// facts for the core (wasm/src/overlay.h, docs/snapshot.md#overlays). No
// verdicts here: which overlay is a cookie wall, a newsletter modal or exit
// intent is decided by the core's detectors and rules.
//
// One self-contained function (no imports, no closure over module scope),
// because hosts serialise it into the page. Two modes:
//   early (readyState "loading", or {install: true}): installs the observer:
//       first-visible and first-changed times of layers and the scroll lock,
//       re-scanned (debounced) on DOM mutations, but only once the page has
//       loaded: before its load event a change only marks the time, so the
//       observer adds no layout work to page loading. Returns null.
//       scanner: page.addInitScript(gatherOverlays, options) (GATHERERS' init);
//       extension: chrome.scripting.executeScript in the isolated world as
//       soon as the tab has loaded, with {install: true} (an isolated world
//       and a script this size at document_start cost page-load time; the
//       page cannot touch the isolated world's prototypes).
//   later, to gather: await gatherOverlays({sampleMs: 1000})
//       scanner: page.evaluate; extension: chrome.scripting.executeScript({func}).
//       Without the early call it still works; times seen only from then on
//       are reported as unknown (-1) instead of guessed.
// What the person did (clicks, scrolls, exits) and notification prompts are
// the "interactions" gatherer's (web/gather/interactions.js).
//
// Candidates (union of published tools, shared notes popups.md §2.1): visible
// elements with position fixed/sticky, dialog-like elements (dialog[open],
// role=dialog|alertdialog, aria-modal, :modal, :popover-open) and high
// z-index absolute layers covering part of the viewport; found by probing a
// hit-test grid first (cheap, finds what actually covers the page), then by
// dialog selectors, then by a time-boxed walk of the DOM (open shadow roots
// included). Outermost such element wins; html and body never count.
// Budgets: <= maxCandidates (30) overlays, <= budgetMs (100) of main-thread
// work per scan (the walk stops early), <= 40 buttons and 60 toggles each.
//
// Hostile pages: the DOM methods used are taken once, early (at document_start
// or, with {install: true}, where the host guarantees the page cannot have
// changed them; without the early call from a fresh same-origin frame), and
// called with Reflect.apply,
// so a page that overrides Element.prototype.getBoundingClientRect,
// querySelectorAll, getAttribute, window.getComputedStyle or
// document.elementFromPoint does not change what is measured. Every element
// is read inside try/catch; a cross-origin iframe is reported by its
// geometry and origin only.

/**
 * @param {{install?: boolean, sampleMs?: number, changeWindowMs?: number, budgetMs?: number,
 *          maxCandidates?: number, tcfTimeoutMs?: number, debounceMs?: number}} [options]
 * @returns {Promise<{overlays: object[], controls: object[], pageState: object, overlayStats: object}>|null}
 */
export function gatherOverlays(options) {
  const opts = options || {};
  const KEY = Symbol.for('durchblick.overlays');
  const MAX = opts.maxCandidates || 30;
  const BUDGET = opts.budgetMs || 100;
  const GRID = 7;

  const installing = !!opts.install || document.readyState === 'loading';

  // ---- natives, taken before the page can change them ------------------
  function takeNatives(w) {
    const own = (o, n) => {
      for (let p = o; p; p = Object.getPrototypeOf(p)) {
        const d = Object.getOwnPropertyDescriptor(p, n);
        if (d) return d.get || d.value;
      }
      return undefined;
    };
    const E = w.Element.prototype, N = w.Node.prototype, D = w.Document.prototype, H = w.HTMLElement.prototype;
    return {
      apply: w.Reflect.apply,
      gcs: w.getComputedStyle,
      efp: own(D, 'elementFromPoint'),
      srEfp: w.ShadowRoot ? own(w.ShadowRoot.prototype, 'elementFromPoint') : undefined,
      rect: own(E, 'getBoundingClientRect'),
      qsa: own(E, 'querySelectorAll'),
      dqsa: own(D, 'querySelectorAll'),
      fqsa: own(w.DocumentFragment.prototype, 'querySelectorAll'),
      checked: own(w.HTMLInputElement.prototype, 'checked'),
      disabled: own(w.HTMLInputElement.prototype, 'disabled'),
      type: own(w.HTMLInputElement.prototype, 'type'),
      getAttr: own(E, 'getAttribute'),
      setAttr: own(E, 'setAttribute'),
      matches: own(E, 'matches'),
      closest: own(E, 'closest'),
      tag: own(E, 'tagName'),
      shadow: own(E, 'shadowRoot'),
      children: own(E, 'children'),
      fchildren: own(w.DocumentFragment.prototype, 'children'),
      parent: own(N, 'parentNode'),
      rootNode: own(N, 'getRootNode'),
      contains: own(N, 'contains'),
      innerText: own(H, 'innerText'),
      textContent: own(N, 'textContent'),
      body: own(D, 'body'),
      docEl: own(D, 'documentElement'),
      // Bound to this page's objects even when taken from another realm.
      // An own now on this page's performance at document start is the host's
      // page clock (the scanner's fast-forwarded one, scanner/scan-page.js).
      now: ((f, a, perf) => () => a(f, perf, []))(own(w === window ? w.performance : w.Performance.prototype, 'now'), w.Reflect.apply, window.performance),
      setTimeout: ((f, a) => (fn, ms) => a(f, window, [fn, ms]))(w.setTimeout, w.Reflect.apply),
      idle: ((f, a, later) => (fn) => {
        try { if (typeof f === 'function') { a(f, window, [fn, { timeout: 500 }]); return; } } catch (e) { /* below */ }
        a(later, window, [fn, 0]);
      })(w.requestIdleCallback, w.Reflect.apply, w.setTimeout),
      addEL: own(w.EventTarget.prototype, 'addEventListener'),
      removeEL: own(w.EventTarget.prototype, 'removeEventListener'),
      JSON: { parse: w.JSON.parse, stringify: w.JSON.stringify },
      MO: window.MutationObserver, WeakMap: window.WeakMap, Map: window.Map, Set: window.Set,
    };
  }

  // A same-origin about:blank frame gives untouched prototypes when the page
  // ran before us; if even that fails, the current ones are used.
  function freshNatives() {
    let frame = null;
    try {
      frame = document.createElement('iframe');
      frame.style.display = 'none';
      (document.documentElement || document).appendChild(frame);
      const n = takeNatives(frame.contentWindow);
      frame.remove();  // its functions keep working on this page's objects
      return n;
    } catch (e) {
      try { if (frame) frame.remove(); } catch (e2) { /* ignore */ }
      return takeNatives(window);
    }
  }

  function install(early) {
    const N = early ? takeNatives(window) : freshNatives();
    const rec = {
      v: 3, N, early, startedAt: N.now(),
      seen: new N.WeakMap(), ids: new N.WeakMap(), counter: 0, minted: new N.Set(),
      lockedAt: -1, dcl: -1, load: -1, pending: -1, timer: 0, lastScan: -1,
      scans: 0, maxScanMs: 0, lastScanMs: 0, scan: null,
    };
    const on = (target, type, fn) => {
      try { N.apply(N.addEL, target, [type, fn, { capture: true, passive: true }]); } catch (e) { /* ignore */ }
    };
    const nav = (() => { try { return performance.getEntriesByType('navigation')[0]; } catch (e) { return null; } })();
    if (nav && nav.domContentLoadedEventStart > 0) rec.dcl = nav.domContentLoadedEventStart;
    if (nav && nav.loadEventStart > 0) rec.load = nav.loadEventStart;
    // Installed after the page had loaded (the extension's {install: true}):
    // what the first scan finds (run at once, below) was there before the
    // observer, since an unknown time. Reported as unknown (-1), not as the
    // scan's time, which on a slow page lies seconds after load and read as
    // a timed pop-up.
    rec.afterLoad = rec.load >= 0;
    on(document, 'DOMContentLoaded', () => { rec.dcl = N.now(); });
    on(window, 'load', () => { rec.load = N.now(); schedule(0); });

    // Nothing heavy while the page loads: until its load event (or the first
    // safety tick, for pages that never finish loading) a change only marks
    // the time (rec.pending); scans run after load, when the browser is idle.
    // A layer found by a scan counts as visible since the earliest unscanned
    // change, so deferring the scan does not move the times it reports.
    function schedule(delay, force) {
      if (rec.pending < 0) rec.pending = N.now();
      if (rec.timer || (rec.load < 0 && !force)) return;
      const wait = Math.max(delay, rec.lastScan < 0 ? 0 : 500 - (N.now() - rec.lastScan));
      rec.timer = N.setTimeout(() => N.idle(() => { rec.timer = 0; try { rec.scan(true); } catch (e) { /* never break the page */ } }), wait);
    }
    rec.schedule = schedule;
    try {
      const mo = new N.MO(() => schedule(opts.debounceMs || 250));
      mo.observe(document, { childList: true, subtree: true, attributes: true,
        attributeFilter: ['style', 'class', 'open', 'hidden', 'aria-modal', 'aria-hidden', 'popover'] });
      rec.mo = mo;
    } catch (e) { /* ignore */ }
    // A safety net for pop-ups shown without any DOM mutation (CSS animation delays).
    let ticks = 0;
    const tick = () => { if (++ticks <= 15) { schedule(0, true); N.setTimeout(tick, 2000); } };
    N.setTimeout(tick, 2000);
    try { Object.defineProperty(window, KEY, { value: rec, configurable: false, enumerable: false }); } catch (e) { /* ignore */ }
    return rec;
  }

  let rec = null;
  try { rec = window[KEY]; } catch (e) { rec = null; }
  if (!rec || rec.v !== 3 || typeof rec.N !== 'object') rec = install(installing);
  const N = rec.N;
  const call = (fn, self, ...args) => N.apply(fn, self, args);
  // Extension content scripts can open closed shadow roots too: Chromium
  // through chrome.dom.openOrClosedShadowRoot(el), Firefox through the
  // element's own openOrClosedShadowRoot (content-script Xray). Both are
  // looked up at run time, so the one package lints clean for Firefox and
  // the page world (scanner) simply has neither.
  const closedRootOf = (() => {
    try {
      const dom = typeof chrome === 'object' && chrome ? chrome.dom : undefined;
      const open = dom ? dom.openOrClosedShadowRoot : undefined;
      if (typeof open === 'function') return (el) => open.call(dom, el);
      const inExtension = typeof browser === 'object' && browser && browser.runtime && browser.runtime.id;
      if (inExtension) return (el) => el.openOrClosedShadowRoot;
    } catch (e) { /* not an extension */ }
    return null;
  })();
  const shadowOf = (el) => {
    if (closedRootOf) {
      try { const root = closedRootOf(el); if (root !== undefined) return root || null; } catch (e) { /* not an element */ }
    }
    return call(N.shadow, el);
  };
  const kidsOf = (node) => (node.nodeType === 11 ? call(N.fchildren, node) : call(N.children, node));

  // ---- reading one element --------------------------------------------
  const styleCache = new N.Map();
  const style = (el) => {
    let s = styleCache.get(el);
    if (!s) { s = call(N.gcs, window, el); styleCache.set(el, s); }
    return s;
  };
  const tagOf = (el) => { try { return String(call(N.tag, el)).toLowerCase(); } catch (e) { return ''; } };
  const attr = (el, name) => { try { return call(N.getAttr, el, name); } catch (e) { return null; } };
  const rectOf = (el) => {
    const r = call(N.rect, el);
    return { x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width), h: Math.round(r.height) };
  };
  const parentOf = (el) => {
    const p = call(N.parent, el);
    if (p && p.nodeType === 11) return p.host || null;  // out of a shadow root
    return p && p.nodeType === 1 ? p : null;
  };
  const rgba = (css) => {
    const m = /rgba?\(([^)]+)\)/.exec(css || '');
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0] || 0, p[1] || 0, p[2] || 0, p.length > 3 ? p[3] : 1];
  };
  const squash = (s, max) => String(s || '').replace(/\s+/g, ' ').trim().slice(0, max);

  // ---- ids on the page ---------------------------------------------------
  // Evidence points at elements by the id stamped on them (data-durchblick-id,
  // docs/snapshot.md). The rule is texts.js's stamp(): an element keeps the id
  // it has. The texts gatherer may have stamped a pop-up or its button first
  // and put that id in texts[] and controls[], so the overlay facts carry it
  // too: one element, one id, whichever gatherer ran first. Without one it
  // gets `own` (the id an earlier scan gave it, should the page have dropped
  // the attribute), else the first of next(0), next(1), ... that no element
  // has (an earlier gather's "ov1-b2" may sit on another button now).
  // Gatherers are self-contained (hosts serialise each function), so this is
  // the overlay gatherer's copy of the one rule; every stamp it sets goes
  // through here.
  const ID_ATTR = 'data-durchblick-id';
  let pageIds = null;  // ids on the page: read once per scan or gather, when a new one is needed
  function stamp(el, next, own) {
    const have = attr(el, ID_ATTR);
    if (!pageIds) {
      pageIds = new N.Set(rec.minted);  // also those in shadow roots, which the query misses
      try {
        const all = call(N.dqsa, document, '[' + ID_ATTR + ']');
        for (let i = 0; i < all.length; i++) pageIds.add(attr(all[i], ID_ATTR));
      } catch (e) { /* the minted ones only */ }
    }
    if (have) { pageIds.add(have); return have; }
    let id = own || next(0);
    for (let n = own ? 0 : 1; id !== own && pageIds.has(id); n++) id = next(n);
    pageIds.add(id);
    rec.minted.add(id);
    call(N.setAttr, el, ID_ATTR, id);
    return id;
  }
  let html = null, body = null, vw = 0, vh = 0;
  const refresh = () => {
    styleCache.clear();
    html = call(N.docEl, document);
    body = call(N.body, document);
    vw = window.innerWidth;
    vh = window.innerHeight;
  };
  refresh();
  const visible = (el, s) => {
    if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || +s.opacity === 0) return false;
    const r = call(N.rect, el);
    return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < vw && r.top < vh;
  };
  const dialogLike = (el) => {
    const t = tagOf(el);
    if (t === 'dialog' && attr(el, 'open') !== null) return true;
    const role = attr(el, 'role');
    if (role === 'dialog' || role === 'alertdialog' || attr(el, 'aria-modal') === 'true') return true;
    try { return call(N.matches, el, ':modal') || (attr(el, 'popover') !== null && call(N.matches, el, ':popover-open')); } catch (e) { return false; }
  };
  // Is `el` a pop-up layer by itself (before "outermost" is applied)?
  const layer = (el) => {
    if (el === html || el === body) return false;
    const s = style(el);
    if (s.position === 'fixed' || s.position === 'sticky') return true;
    if (dialogLike(el)) return true;
    if (s.position === 'absolute' && (parseInt(s.zIndex, 10) || 0) > 10) {
      const r = call(N.rect, el);
      return r.width * r.height >= 0.1 * vw * vh;
    }
    return false;
  };
  // The outermost layer among el and its ancestors (across shadow roots).
  const rootLayer = (el) => {
    let found = null;
    for (let e = el, i = 0; e && i < 200; e = parentOf(e), i++) {
      try { if (layer(e)) found = e; } catch (x) { /* skip */ }
    }
    return found;
  };
  const deepHit = (x, y) => {
    let hit = call(N.efp, document, x, y);
    for (let i = 0; hit && i < 8; i++) {
      const sr = shadowOf(hit);
      if (!sr || !N.srEfp) break;
      const inner = call(N.srEfp, sr, x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return hit;
  };

  // ---- one scan: which layers are visible now -------------------------
  function scan(light) {
    const t0 = N.now();
    refresh();
    pageIds = null;
    const deadline = t0 + BUDGET * (light ? 0.6 : 0.5);
    const roots = new N.Map();  // element -> {via}
    const add = (el, via) => { if (el && !roots.has(el) && roots.size < MAX * 4) roots.set(el, { via }); };
    // 1. hit-test grid + edges + corners: what covers the page. Hit-testing
    // costs more the more layers a page has (~5 ms per point with 4,000 fixed
    // elements), so points go coarse to fine and stop at 40 % of the budget:
    // a 3 x 3 subset of the 7 x 7 grid first, then edges and corners, then the rest.
    const points = [];
    const coarse = (k) => k === 1 || k === 3 || k === 5;
    for (let i = 0; i < GRID; i++) for (let j = 0; j < GRID; j++) if (coarse(i) && coarse(j)) points.push([(j + 0.5) * vw / GRID, (i + 0.5) * vh / GRID, true]);
    for (const [x, y] of [[5, 5], [vw / 2, 5], [vw - 5, 5], [5, vh - 5], [vw / 2, vh - 5], [vw - 5, vh - 5], [5, vh / 2], [vw - 5, vh / 2], [vw - 40, vh - 40], [40, vh - 40]]) points.push([x, y, false]);
    for (let i = 0; i < GRID; i++) for (let j = 0; j < GRID; j++) if (!(coarse(i) && coarse(j))) points.push([(j + 0.5) * vw / GRID, (i + 0.5) * vh / GRID, true]);
    const probeDeadline = t0 + BUDGET * 0.4;
    const gridRoots = [];
    for (let k = 0; k < points.length; k++) {
      if (k >= 9 && N.now() > probeDeadline) break;
      const [x, y, inGrid] = points[k];
      let r = null;
      try { const hit = deepHit(x, y); r = hit ? rootLayer(hit) : null; } catch (e) { r = null; }
      if (r) add(r, 'hit');
      if (inGrid) gridRoots.push(r);
    }
    const tProbe = N.now();
    // 2. dialog-like elements anywhere.
    try {
      const list = call(N.dqsa, document, 'dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true],[popover]');
      for (let i = 0; i < list.length && i < 200; i++) {
        const r = rootLayer(list[i]);
        if (r) add(r, 'dialog');
      }
    } catch (e) { /* ignore */ }
    const tDialog = N.now();
    // 3. time-boxed walk for fixed/sticky layers off the probe points (and in open shadow roots).
    let walked = 0, complete = true;
    const stack = [];
    const pushKids = (node) => {
      try {
        const sr = node.nodeType === 1 ? shadowOf(node) : null;
        const kids = kidsOf(sr || node);
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
        if (sr) { const own = kidsOf(node); for (let i = own.length - 1; i >= 0; i--) stack.push(own[i]); }
      } catch (e) { /* ignore */ }
    };
    if (body) pushKids(body);
    while (stack.length) {
      if ((++walked & 15) === 0 && N.now() > deadline) { complete = false; break; }
      const el = stack.pop();
      if (roots.has(el)) continue;
      let s;
      try { s = style(el); } catch (e) { continue; }
      if (s.display === 'none') continue;  // nothing inside renders
      if (s.position === 'fixed' || s.position === 'sticky' || (s.position === 'absolute' && (parseInt(s.zIndex, 10) || 0) > 10 && layer(el))) {
        add(el, 'walk');
        continue;  // outermost: do not descend
      }
      if (roots.size >= MAX * 4) { complete = false; break; }
      pushKids(el);
    }
    const tWalk = N.now();
    // Keep visible ones; grid/dialog finds first, then the largest.
    const live = [];
    for (const [el, info] of roots) {
      try {
        const s = style(el);
        if (!visible(el, s)) continue;
        const r = call(N.rect, el);
        live.push({ el, via: info.via, area: Math.min(r.width, vw) * Math.min(r.height, vh) });
      } catch (e) { /* skip */ }
    }
    live.sort((a, b) => (a.via === 'walk') - (b.via === 'walk') || b.area - a.area);
    live.length = Math.min(live.length, MAX);
    // Timing and ids.
    const now = N.now();
    const at = rec.pending >= 0 ? rec.pending : now;
    // What the first scan finds was there before anyone watched (no observer
    // since document_start, or one installed after load): its time is unknown.
    const untimed = rec.scans === 0 && (!rec.early || rec.afterLoad);
    for (const c of live) {
      let seen = rec.seen.get(c.el);
      const r = rectOf(c.el);
      if (!seen) {
        seen = { visibleAt: untimed ? -1 : at, firstRect: r, changedAt: -1 };
        rec.seen.set(c.el, seen);
      } else if (seen.changedAt < 0 && (Math.abs(seen.firstRect.w - r.w) > 1 || Math.abs(seen.firstRect.h - r.h) > 1)) {
        seen.changedAt = at;
      }
      c.seen = seen;
      c.rect = r;
      const known = rec.ids.get(c.el);
      try { c.id = stamp(c.el, () => 'ov' + (++rec.counter), known); } catch (e) { c.id = known || 'ov' + (++rec.counter); }
      rec.ids.set(c.el, c.id);
    }
    const lock = scrollLock();
    if (lock.locked && rec.lockedAt < 0) rec.lockedAt = untimed ? -1 : at;
    rec.pending = -1;
    rec.scans++;
    rec.lastScan = N.now();
    rec.lastScanMs = rec.lastScan - t0;
    rec.maxScanMs = Math.max(rec.maxScanMs, rec.lastScanMs);
    const phases = { probeMs: tProbe - t0, probes: gridRoots.length, dialogMs: tDialog - tProbe, walkMs: tWalk - tDialog, keepMs: rec.lastScan - tWalk };
    return { live, gridRoots, lock, walked, complete, ms: rec.lastScanMs, phases };
  }
  rec.scan = scan;

  function scrollLock() {
    const out = { locked: false, htmlOverflowY: '', bodyOverflowY: '', bodyPosition: '' };
    try {
      const hs = call(N.gcs, window, html);
      out.htmlOverflowY = hs.overflowY;
      if (body) {
        const bs = call(N.gcs, window, body);
        out.bodyOverflowY = bs.overflowY;
        out.bodyPosition = bs.position;
      }
      const shut = (v) => v === 'hidden' || v === 'clip';
      out.locked = shut(out.htmlOverflowY) || shut(out.bodyOverflowY) || out.bodyPosition === 'fixed';
    } catch (e) { /* ignore */ }
    return out;
  }

  if (installing) {
    // Installed after load: take stock of what is already there at once, so
    // only layers that appear from now on get a time (see rec.afterLoad);
    // that scan is the first, so no other is queued. Installed again on a
    // loaded page: one scan when the browser is idle.
    if (rec.afterLoad && rec.scans === 0) {
      try { scan(true); } catch (e) { /* never break the page */ }
    } else if (rec.load >= 0) {
      rec.schedule(0);
    }
    return null;
  }

  // ---- details of one overlay (gather time only) ------------------------
  // Visible text of el plus that of the open shadow roots inside it.
  function textOf(el, withShadow) {
    const read = (node) => {
      try { return call(N.innerText, node); } catch (e) { try { return call(N.textContent, node); } catch (x) { return ''; } }
    };
    let t = read(el);
    if (withShadow !== false) {
      for (const root of shadowRootsIn(el)) {
        try {
          const kids = kidsOf(root);
          for (let i = 0; i < kids.length && t.length < 4000; i++) {
            if (tagOf(kids[i]) !== 'style' && tagOf(kids[i]) !== 'script') t += ' ' + read(kids[i]);
          }
        } catch (e) { /* ignore */ }
      }
    }
    return squash(t, 2000);
  }
  // Elements inside `el`, through open shadow roots (found once per element), at most `max`.
  const shadowCache = new N.Map();
  const q = (root, sel) => (root.nodeType === 11 ? call(N.fqsa, root, sel) : call(N.qsa, root, sel));
  function shadowRootsIn(el) {
    let roots = shadowCache.get(el);
    if (roots) return roots;
    roots = [];
    const visit = (root, depth) => {
      if (depth > 3 || roots.length > 20) return;
      try {
        const all = q(root, '*');
        for (let i = 0; i < all.length && i < 3000; i++) {
          const sr = shadowOf(all[i]);
          if (sr) { roots.push(sr); visit(sr, depth + 1); }
        }
      } catch (e) { /* ignore */ }
    };
    const own = shadowOf(el);
    if (own) { roots.push(own); visit(own, 1); }
    visit(el, 0);
    shadowCache.set(el, roots);
    return roots;
  }
  function inside(el, selector, max) {
    const out = [];
    for (const root of [el].concat(shadowRootsIn(el))) {
      try {
        const list = q(root, selector);
        for (let i = 0; i < list.length && out.length < max; i++) out.push(list[i]);
      } catch (e) { /* ignore */ }
    }
    return out;
  }
  function behindOf(el) {
    for (let e = parentOf(el), i = 0; e && i < 60; e = parentOf(e), i++) {
      const c = rgba(style(e).backgroundColor);
      if (c[3] > 0) return c;
    }
    return [255, 255, 255, 1];
  }
  function hrefKind(el) {
    const h = attr(el, 'href');
    if (h === null) return '';
    if (/^\s*javascript:/i.test(h) || h === '#' || h === '') return 'js';
    try { return new URL(h, location.href).origin === location.origin ? 'same' : 'ext'; } catch (e) { return ''; }
  }
  function labelText(el) {
    const own = textOf(el);
    if (own) return own;
    for (const a of ['aria-label', 'title', 'value', 'alt']) {
      const v = attr(el, a);
      if (v) return squash(v, 80);
    }
    try { const img = call(N.qsa, el, 'img[alt],svg title')[0]; if (img) return squash(attr(img, 'alt') || call(N.textContent, img), 80); } catch (e) { /* ignore */ }
    return '';
  }
  function button(el, id) {
    const s = style(el);
    const r = rectOf(el);
    const bw = parseFloat(s.borderTopWidth) || 0;
    return {
      id, tag: tagOf(el), label: squash(labelText(el), 80),
      ariaLabel: squash(attr(el, 'aria-label') || attr(el, 'title') || '', 80),
      hint: squash(((attr(el, 'id') || '') + ' ' + (attr(el, 'class') || '')), 120),
      href: hrefKind(el), rect: r,
      fg: rgba(s.color), bg: rgba(s.backgroundColor), behind: behindOf(el),
      border: bw > 0 && s.borderTopStyle !== 'none' ? rgba(s.borderTopColor) : [0, 0, 0, 0],
      fontPx: parseFloat(s.fontSize) || 0, fontWeight: parseInt(s.fontWeight, 10) || 400,
      underline: String(s.textDecorationLine || s.textDecoration || '').indexOf('underline') >= 0,
    };
  }
  function toggleLabel(el) {
    const aria = attr(el, 'aria-label');
    if (aria) return squash(aria, 120);
    const id = attr(el, 'id');
    try {
      if (id) { const l = call(N.dqsa, document, 'label[for="' + id.replace(/["\\]/g, '\\$&') + '"]')[0]; if (l) return textOf(l).slice(0, 120); }
    } catch (e) { /* ignore */ }
    try { const l = call(N.closest, el, 'label'); if (l) return textOf(l).slice(0, 120); } catch (e) { /* ignore */ }
    const p = parentOf(el);
    return p ? textOf(p).slice(0, 120) : '';
  }
  function details(c, controls) {
    const el = c.el, s = style(el);
    const o = {
      id: c.id, tag: tagOf(el), role: attr(el, 'role') || '',
      position: s.position, zIndex: parseInt(s.zIndex, 10) || 0,
      rect: c.rect, firstRect: c.seen.firstRect,
      bg: rgba(s.backgroundColor), blur: /blur/.test(s.backdropFilter || s.webkitBackdropFilter || ''),
      modal: false, backdrop: false, backdropBg: [0, 0, 0, 0],
      inShadow: false, text: textOf(el), buttons: [], toggles: [], emailInput: false,
      visibleAtMs: c.seen.visibleAt, changedAtMs: c.seen.changedAt, presentAtMs: c.seen.visibleAt,
    };
    try { o.inShadow = call(N.rootNode, el).nodeType === 11; } catch (e) { /* ignore */ }
    const cls = squash(attr(el, 'class') || '', 200).split(' ').filter(Boolean).slice(0, 8);
    let identity = o.tag + (attr(el, 'id') ? '#' + attr(el, 'id') : '') + cls.map((k) => '.' + k).join('');
    const frames = o.tag === 'iframe' ? [el] : inside(el, 'iframe', 3);
    for (const f of frames) {
      try {
        const origin = new URL(attr(f, 'src') || 'about:blank', location.href).origin;
        if (origin !== 'null' && origin !== location.origin) {
          identity += ' frame:' + origin;
          if (f === el) o.frameOrigin = origin;
        }
      } catch (e) { /* ignore */ }
    }
    o.identity = identity.slice(0, 400);
    // Modal and backdrop: :modal dialogs draw ::backdrop; a wrapper covering
    // the viewport with a translucent background is its own backdrop.
    const dialogs = dialogLike(el) ? [el] : inside(el, 'dialog,[role=dialog],[role=alertdialog],[aria-modal=true]', 5);
    for (const d of dialogs) {
      try {
        if (call(N.matches, d, ':modal')) {
          o.modal = true;
          const bd = rgba(call(N.gcs, window, d, '::backdrop').backgroundColor);
          if (bd[3] > 0) { o.backdrop = true; o.backdropBg = bd; }
        }
        if (attr(d, 'aria-modal') === 'true') o.modal = true;
      } catch (e) { /* ignore */ }
    }
    if (c.rect.w * c.rect.h >= 0.9 * vw * vh && o.bg[3] > 0 && o.bg[3] < 1) { o.backdrop = true; o.backdropBg = o.bg; }
    // Buttons: native and ARIA buttons, links, and pointer-cursor elements.
    const seenBtn = new N.Set();
    const btns = inside(el, 'button,a[href],[role=button],[role=link],input[type=button],input[type=submit],input[type=reset],[onclick]', 200);
    const pointers = inside(el, 'span,div,i,img,svg,p,label', 400).filter((e) => {
      try { return style(e).cursor === 'pointer' && style(parentOf(e) || e).cursor !== 'pointer'; } catch (x) { return false; }
    });
    for (const b of btns.concat(pointers)) {
      if (o.buttons.length >= 40) break;
      if (seenBtn.has(b)) continue;
      let nested = false;
      for (const x of seenBtn) { try { if (call(N.contains, x, b)) { nested = true; break; } } catch (e) { /* ignore */ } }
      if (nested) continue;
      try {
        const bs = style(b);
        if (!visible(b, bs)) continue;
        seenBtn.add(b);
        const k = o.buttons.length + 1;
        const id = stamp(b, (n) => c.id + '-b' + (k + n));
        const info = button(b, id);
        o.buttons.push(info);
        controls.push({ id, kind: info.tag === 'a' ? 'link' : 'button', label: info.label || info.ariaLabel, overlayId: c.id });
      } catch (e) { /* skip */ }
    }
    // Toggles, also hidden inputs behind custom switches.
    const toggles = inside(el, 'input[type=checkbox],input[type=radio],[role=switch],[role=checkbox]', 100);
    for (const t of toggles) {
      if (o.toggles.length >= 60) break;
      try {
        const isInput = tagOf(t) === 'input';
        const role = attr(t, 'role');
        const k = o.toggles.length + 1;
        const id = stamp(t, (n) => c.id + '-t' + (k + n));
        let context = '';
        try { const g = call(N.closest, t, 'fieldset,[role=group],li,tr,section'); if (g && g !== el) context = textOf(g).slice(0, 200); } catch (e) { /* ignore */ }
        const info = {
          id, label: toggleLabel(t), context,
          kind: role === 'switch' ? 'switch' : isInput ? String(call(N.type, t)) : 'checkbox',
          checked: isInput ? !!call(N.checked, t) : attr(t, 'aria-checked') === 'true',
          disabled: isInput ? !!call(N.disabled, t) : attr(t, 'aria-disabled') === 'true',
        };
        o.toggles.push(info);
        controls.push({ id, kind: info.kind, label: info.label, checked: info.checked, context, overlayId: c.id });
      } catch (e) { /* skip */ }
    }
    o.emailInput = inside(el, 'input[type=email],input[autocomplete~=email],input[inputmode=email]', 1).length > 0;
    return o;
  }

  function tcf(timeoutMs) {
    return new Promise((resolve) => {
      let target = null;
      try {
        for (let w = window, i = 0; w && i < 10; i++) {
          try { if (w.frames.__tcfapiLocator) { target = w; break; } } catch (e) { /* cross-origin */ }
          if (w === w.parent) break;
          w = w.parent;
        }
      } catch (e) { target = null; }
      if (!target) { resolve(null); return; }
      const ids = ['durchblick-tcf-' + Math.random().toString(36).slice(2), 'durchblick-tcf2-' + Math.random().toString(36).slice(2)];
      let done = false;
      const finish = (v) => {
        if (done) return;
        done = true;
        try { N.apply(N.removeEL, window, ['message', onMessage]); } catch (e) { /* ignore */ }
        resolve(v);
      };
      const count = (m, value) => { let n = 0; if (m && typeof m === 'object') for (const k in m) if (m[k] === value) n++; return n; };
      const keys = (m) => { const out = []; if (m && typeof m === 'object') for (const k in m) if (m[k] === true && out.length < 64) out.push(+k); return out; };
      function onMessage(e) {
        let d = e.data;
        try { if (typeof d === 'string') d = N.JSON.parse(d); } catch (x) { return; }
        const ret = d && d.__tcfapiReturn;
        if (!ret || ids.indexOf(ret.callId) < 0 || !ret.success || !ret.returnValue) return;
        const v = ret.returnValue;
        if (v.listenerId !== undefined && v.listenerId !== null) {
          try { target.postMessage({ __tcfapiCall: { command: 'removeEventListener', version: 2, callId: 'durchblick-tcf-rm', parameter: v.listenerId } }, '*'); } catch (x) { /* ignore */ }
        }
        const p = v.purpose || {}, vd = v.vendor || {};
        finish({
          present: true, cmpId: +v.cmpId || 0, eventStatus: String(v.eventStatus || ''), gdprApplies: !!v.gdprApplies,
          purposeConsents: keys(p.consents), purposeLegitimateInterests: keys(p.legitimateInterests),
          vendorConsentCount: count(vd.consents, true), vendorLegitimateInterestCount: count(vd.legitimateInterests, true),
        });
      }
      N.apply(N.addEL, window, ['message', onMessage]);
      try {
        target.postMessage({ __tcfapiCall: { command: 'addEventListener', version: 2, callId: ids[0], parameter: null } }, '*');
        target.postMessage({ __tcfapiCall: { command: 'getTCData', version: 2, callId: ids[1], parameter: null } }, '*');
      } catch (e) { finish(null); return; }
      N.setTimeout(() => finish(null), timeoutMs);
    });
  }

  return (async () => {
    const t0 = N.now();
    const result = scan(false);
    const controls = [];
    const overlays = [];
    // Backdrops: a text-less layer over (nearly) the whole viewport belongs to
    // the overlay shown above it; its hit-test points count for that overlay.
    const backdropOf = new N.Map();
    const isBackdrop = (c) => c.rect.w * c.rect.h >= 0.9 * vw * vh && !textOf(c.el) && rgba(style(c.el).backgroundColor)[3] > 0;
    const backdrops = result.live.filter(isBackdrop);
    const content = result.live.filter((c) => !isBackdrop(c));
    for (const b of backdrops) {
      let best = null;
      for (const c of content) {
        const z = parseInt(style(c.el).zIndex, 10) || 0, bz = parseInt(style(b.el).zIndex, 10) || 0;
        if (z >= bz && (!best || c.rect.w * c.rect.h > best.rect.w * best.rect.h)) best = c;
      }
      if (best) backdropOf.set(best.el, b);
      else content.push(b);  // an empty full-page layer on its own still blocks
    }
    for (let i = 0; i < content.length; i++) {
      const c = content[i];
      const o = details(c, controls);
      const bd = backdropOf.get(c.el);
      const own = result.gridRoots.filter((r) => r === c.el).length;
      const withBd = result.gridRoots.filter((r) => r === c.el || (bd && r === bd.el)).length;
      o.ownCoverage = own / result.gridRoots.length;
      o.coverage = withBd / result.gridRoots.length;
      if (bd) {
        const bs = style(bd.el);
        o.backdrop = true;
        o.backdropBg = rgba(bs.backgroundColor);
        o.blur = o.blur || /blur/.test(bs.backdropFilter || bs.webkitBackdropFilter || '');
        // The two appear together; the earlier sighting is when the pop-up opened.
        if (o.visibleAtMs >= 0 && bd.seen.visibleAt >= 0) o.visibleAtMs = Math.min(o.visibleAtMs, bd.seen.visibleAt);
      }
      overlays.push(o);
    }
    // The page behind: blurred? how tall?
    let pageBlur = false;
    try {
      const kids = body ? call(N.children, body) : [];
      for (let i = 0; i < kids.length && i < 30; i++) {
        if (/blur/.test(style(kids[i]).filter || '')) { pageBlur = true; break; }
      }
    } catch (e) { /* ignore */ }
    const gatherMs = N.now() - t0;
    const pageState = {
      scrollLocked: result.lock.locked, scrollLockedAtMs: rec.lockedAt,
      htmlOverflowY: result.lock.htmlOverflowY, bodyOverflowY: result.lock.bodyOverflowY, bodyPosition: result.lock.bodyPosition,
      docHeight: Math.max(html ? html.scrollHeight : 0, body ? body.scrollHeight : 0),
      pageBlur, dclMs: rec.dcl, loadMs: rec.load, observedFromMs: rec.early ? rec.startedAt : -1,
    };
    const tcfData = await tcf(opts.tcfTimeoutMs || 300);
    if (tcfData) pageState.tcf = tcfData;
    // A second text sample shows what ticks (countdowns).
    // Only overlays whose text may be changing need the wait: the texts
    // gatherer's change recorder (web/gather/texts.js, installed by the hosts
    // in this world) says which elements text was added to or changed in
    // within the last changeWindowMs (default sampleMs + 250: a clock ticking
    // once a second whose tick comes late, on a busy machine, is still seen
    // as changing); without it, every overlay is read again.
    if (opts.sampleMs > 0 && overlays.length) {
      const windowMs = opts.changeWindowMs || opts.sampleMs + 250;
      const sleep = (ms) => new Promise((ok) => N.setTimeout(ok, Math.max(0, ms)));
      const tSample = N.now();
      let changing = overlays.map(() => true);
      try {
        const changes = window[Symbol.for('durchblick.texts.changes')];
        const recent = changes ? await changes.changedWithin(windowMs) : null;
        if (recent) changing = content.slice(0, overlays.length).map((c) => changes.touches(recent, c.el));
      } catch (e) { /* no recorder: read every overlay again */ }
      const second = overlays.map((o) => o.text);
      const look = (i) => { try { second[i] = textOf(content[i].el); } catch (e) { /* ignore */ } return second[i] !== overlays[i].text; };
      // One that changed while the recorder's window filled has its second sample already.
      if (N.now() > tSample) changing = changing.map((c, i) => c && !look(i));
      if (changing.some(Boolean)) {
        await sleep(opts.sampleMs - (N.now() - tSample));
        for (let i = 0; i < overlays.length; i++) if (changing[i]) look(i);
      }
      for (let i = 0; i < overlays.length; i++) overlays[i].textSamples = [overlays[i].text, second[i]];
    }
    return {
      overlays, controls, pageState,
      overlayStats: { candidates: overlays.length, layers: result.live.length, scanMs: result.ms, gatherMs,
        walked: result.walked, walkComplete: result.complete, phases: result.phases, scans: rec.scans, maxScanMs: rec.maxScanMs },
    };
  })();
}
