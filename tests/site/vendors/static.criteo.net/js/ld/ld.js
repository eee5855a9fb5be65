// Stand-in for Criteo's OneTag (demo site): sends viewItem/viewBasket events
// with product ids, sets cto_bundle, and syncs its user id with Google's
// cookie matching (cm.g.doubleclick.net).
(function () {
  if (!/(?:^|; )cto_bundle=/.test(document.cookie)) document.cookie = 'cto_bundle=Demo_ctoBundle_5f3c2a1b4e5d9c8b; path=/; max-age=33696000';
  var account = 0, sent = false;
  function handle(ev) {
    if (!ev) return;
    if (ev.event === 'setAccount') account = ev.account;
    if (ev.event === 'viewItem' || ev.event === 'viewBasket') {
      var ids = Array.isArray(ev.item) ? ev.item.map(function (i) { return i.id; }) : [ev.item];
      var img = new Image();
      img.src = 'https://sslwidget.criteo.com/event?a=' + account + '&v=5.23.0&p0=' + encodeURIComponent('e=' + (ev.event === 'viewItem' ? 'vp' : 'vb') + '&p=' + ids.join(',')) + '&dc=1';
      if (!sent) {
        sent = true;
        var sync = new Image();
        sync.src = 'https://gum.criteo.com/sync?c=72&r=2&j=handleCookieSync';
        var cm = new Image();
        cm.src = 'https://cm.g.doubleclick.net/pixel?google_nid=criteo&google_cm&google_sc&google_hm=' + encodeURIComponent(btoa('5f3c2a1b-demo-4e5d-9c8b-criteouid77'));
      }
    }
  }
  var q = window.criteo_q = window.criteo_q || [];
  q.forEach(handle);
  q.push = function () { Array.prototype.forEach.call(arguments, handle); return Array.prototype.push.apply(q, arguments); };
})();
