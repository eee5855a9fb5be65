// Gatherer "interactions": what the person did on the page and what the page
// asked of the browser, as times for the core's pop-up decisions (a pop-up
// that opens right after a click was asked for; one that opens when the
// pointer leaves the window is exit intent; a notification prompt on arrival
// is pushy). Facts only: which of them counts is the core's call.
//
// One self-contained function (hosts serialise it into the page), run in the
// page's main world, in two modes:
//   early, at document_start (readyState "loading", or {install: true}):
//       records trusted pointer presses and key presses, scrolls (at most one
//       per 100 ms), the pointer leaving the window (with its clientY), and
//       every call of Notification.requestPermission and
//       PushManager.prototype.subscribe: prompts are invisible to the DOM, so
//       the two are wrapped where page scripts call them (the call goes
//       through unchanged). Returns null. Deliberately small: it runs before
//       the page's own scripts, on every page (the extension's only
//       document_start script; scanner: page.addInitScript).
//   later, to gather: gatherInteractions() → {pageState: {...}}, read from
//       the record through a function the page can call but not replace.
//       Without the early call the lists are empty.
//
// pageState fields: clicksMs[], scrollsMs[], exitMs[], exitY[] (ms after
// navigation start), notificationPermission, notificationRequests[] ({atMs,
// userActivation, api}). Each list keeps its first 200 entries.
//
// Hostile pages: the record lives in a closure; the page sees only a frozen
// reader that returns copies, and untrusted (synthetic) events are ignored.
// A page that gets an unwrapped Notification from a fresh frame, or hides its
// own events before they reach window, is not seen (a main-world limit).

/** @returns {{pageState: object}|null} */
export function gatherInteractions(options) {
  const KEY = Symbol.for('durchblick.interactions');
  if ((options && options.install) || document.readyState === 'loading') {
    if (window[KEY]) return null;
    const apply = Reflect.apply, push = Array.prototype.push, slice = Array.prototype.slice;
    // An own now on performance at document start is the host's page clock
    // (the scanner's fast-forwarded one, scanner/scan-page.js).
    const ownNow = Object.getOwnPropertyDescriptor(performance, 'now');
    const now = ((f) => () => apply(f, performance, []))(ownNow && typeof ownNow.value === 'function' ? ownNow.value : Performance.prototype.now);
    const rec = { clicks: [], scrolls: [], exits: [], exitY: [], notif: [] };
    const cap = (list, v) => { if (list.length < 200) apply(push, list, [v]); };
    const on = (target, type, fn) => {
      try { apply(EventTarget.prototype.addEventListener, target, [type, fn, { capture: true, passive: true }]); } catch (e) { /* ignore */ }
    };
    on(window, 'pointerdown', (e) => { if (e.isTrusted) cap(rec.clicks, now()); });
    on(window, 'keydown', (e) => { if (e.isTrusted) cap(rec.clicks, now()); });
    let lastScroll = -1e9;
    on(window, 'scroll', (e) => {
      const t = now();
      if (e.isTrusted && t - lastScroll > 100) { lastScroll = t; cap(rec.scrolls, t); }
    });
    on(document, 'mouseout', (e) => {
      if (e.isTrusted && !e.relatedTarget) { cap(rec.exits, now()); cap(rec.exitY, e.clientY); }
    });
    const wrap = (owner, name, api) => {
      try {
        const orig = owner && owner[name];
        if (typeof orig !== 'function') return;
        const wrapped = function (...args) {
          try { const ua = navigator.userActivation; cap(rec.notif, { atMs: now(), userActivation: !!(ua && ua.isActive), api }); } catch (e) { /* never break the page */ }
          return apply(orig, this, args);
        };
        Object.defineProperty(wrapped, 'name', { value: name });
        Object.defineProperty(owner, name, { value: wrapped, writable: true, configurable: true });
      } catch (e) { /* ignore */ }
    };
    if (typeof Notification === 'function') wrap(Notification, 'requestPermission', 'Notification.requestPermission');
    if (typeof PushManager === 'function') wrap(PushManager.prototype, 'subscribe', 'PushManager.subscribe');
    const read = () => {
      const notif = [];
      for (let i = 0; i < rec.notif.length; i++) {
        const n = rec.notif[i];
        apply(push, notif, [{ atMs: n.atMs, userActivation: n.userActivation, api: n.api }]);
      }
      return { clicks: apply(slice, rec.clicks, []), scrolls: apply(slice, rec.scrolls, []), exits: apply(slice, rec.exits, []),
        exitY: apply(slice, rec.exitY, []), notif };
    };
    try { Object.defineProperty(window, KEY, { value: Object.freeze(read), configurable: false, enumerable: false, writable: false }); } catch (e) { /* ignore */ }
    return null;
  }
  let r = null;
  try { r = typeof window[KEY] === 'function' ? window[KEY]() : null; } catch (e) { r = null; }
  r = r || { clicks: [], scrolls: [], exits: [], exitY: [], notif: [] };
  return {
    pageState: {
      clicksMs: r.clicks, scrollsMs: r.scrolls, exitMs: r.exits, exitY: r.exitY,
      notificationPermission: typeof Notification === 'function' ? String(Notification.permission) : '',
      notificationRequests: r.notif,
    },
  };
}
