// Stand-in for Google Tag Manager + gtag (demo site): sets the _ga and
// _gcl_au first-party cookies, sends GA4 hits and Google Ads remarketing with
// the product ids the page pushed to dataLayer.
(function () {
  function cookie(name) { var m = document.cookie.match('(?:^|; )' + name + '=([^;]*)'); return m ? m[1] : null; }
  var ga = cookie('_ga');
  if (!ga) { ga = 'GA1.1.' + 1780000000 + '.' + 1780000123; document.cookie = '_ga=' + ga + '; path=/; max-age=63072000'; }
  if (!cookie('_gcl_au')) document.cookie = '_gcl_au=1.1.987654321.1780000000; path=/; max-age=7776000';
  var cid = ga.split('.').slice(2).join('.');
  function hit(src) { var i = new Image(); i.src = src; }
  function handle(ev) {
    if (!ev || !ev.event) return;
    var items = (ev.ecommerce && ev.ecommerce.items) || [];
    var q = 'v=2&tid=G-DEMO1234&cid=' + cid + '&en=' + encodeURIComponent(ev.event) + '&dl=' + encodeURIComponent(location.href);
    items.forEach(function (it, n) { q += '&pr' + (n + 1) + '=id' + encodeURIComponent(it.item_id) + (it.item_name ? '~nm' + encodeURIComponent(it.item_name) : ''); });
    navigator.sendBeacon('https://www.google-analytics.com/g/collect?' + q);
    // The ads hits follow a moment later, so that every host sees Google's
    // requests in one order (the core currently takes a company's category
    // from its first request; see docs/scanner.md).
    if (items.length) setTimeout(function () {
      hit('https://googleads.g.doubleclick.net/pagead/viewthroughconversion/987654321/?random=' + Date.now() +
        '&cv=11&fst=' + Date.now() + '&num=1&guid=ON&data=' + encodeURIComponent('event=' + ev.event + ';ecomm_prodid=' + items.map(function (i) { return i.item_id; }).join(',') + ';ecomm_pagetype=' + (ev.event === 'view_item' ? 'product' : 'cart')) +
        '&url=' + encodeURIComponent(location.href));
      hit('https://www.googleadservices.com/pagead/conversion/987654321/?label=remarketing&guid=ON&gclaw=' + encodeURIComponent(cookie('_gcl_au')));
    }, 150);
  }
  var dl = window.dataLayer = window.dataLayer || [];
  dl.forEach(handle);
  var push = dl.push;
  dl.push = function () { Array.prototype.forEach.call(arguments, handle); return push.apply(dl, arguments); };
})();
