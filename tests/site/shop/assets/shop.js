// The demo shop's own behaviour: the kinds of pressure real shops apply.
// Every trick here is deliberate (tests/site/README.md lists them).
(function () {
  var body = document.body;
  var product = body.dataset.product;
  var page = body.dataset.page || (product ? 'product' : 'home');

  // A countdown that starts again from its full length on every load
  // (nothing is stored): the "offer" never really ends.
  var cd = document.getElementById('countdown');
  if (cd) {
    var left = Number(cd.dataset.countdownSeconds || 600);
    var show = function () {
      var m = Math.floor(left / 60), s = left % 60;
      cd.textContent = (m < 10 ? '0' : '') + m + ':' + (s < 10 ? '0' : '') + s;
    };
    show();
    setInterval(function () { if (left > 0) { left--; show(); } }, 1000);
  }

  // The price goes up on the second visit (a first-party cookie remembers you).
  var price = document.getElementById('price');
  if (price && body.dataset.priceRevisit) {
    var seen = /(?:^|; )sm_seen=1/.test(document.cookie);
    if (seen) price.textContent = body.dataset.priceRevisit.replace('.', ',') + ' €';
    document.cookie = 'sm_seen=1; path=/; max-age=2592000';
  }

  // "n people are looking at this right now": a random number.
  var viewers = document.getElementById('viewers');
  if (viewers) setInterval(function () { viewers.textContent = String(18 + Math.floor(Math.random() * 12)); }, 4000);

  // Invented purchase notifications.
  var toast = document.getElementById('activity');
  if (toast) {
    var names = ['Anna aus Berlin', 'Jonas aus Köln', 'Lea aus Hamburg', 'Mehmet aus München'];
    var i = 0;
    var pop = function () {
      toast.textContent = names[i++ % names.length] + ' hat gerade ProSound X2 gekauft – vor ' + (2 + i) + ' Minuten';
      toast.hidden = false;
      setTimeout(function () { toast.hidden = true; }, 3000);
    };
    setTimeout(pop, 1200);
    setInterval(pop, 6000);
  }

  // Exit-intent offer with a shaming "no".
  var exitOffer = document.getElementById('exit-offer');
  if (exitOffer) {
    var shown = false;
    document.addEventListener('mouseout', function (e) {
      if (shown || e.relatedTarget || e.clientY > 10) return;
      shown = true;
      exitOffer.hidden = false;
    });
    document.getElementById('exit-no').addEventListener('click', function () { exitOffer.hidden = true; });
  }

  // What the vendors' tags are told (the same calls real shops make).
  var value = Number(body.dataset.price || 0);
  window.dataLayer = window.dataLayer || [];
  window.fbq = window.fbq || function () { (window.fbq.queue = window.fbq.queue || []).push(arguments); };
  window.criteo_q = window.criteo_q || [];
  window.ttq = window.ttq || { queue: [], track: function () { this.queue.push(arguments); } };
  window.fbq('init', '1234567890123456', page === 'checkout' ? { em: 'max.mustermann@example.org' } : {});
  window.fbq('track', 'PageView');
  if (page === 'product') {
    window.dataLayer.push({ event: 'view_item', ecommerce: { currency: 'EUR', value: value, items: [{ item_id: product, item_name: body.dataset.productName }] } });
    window.fbq('track', 'ViewContent', { content_ids: [product], content_type: 'product', value: value, currency: 'EUR' });
    window.criteo_q.push({ event: 'setAccount', account: 12345 }, { event: 'viewItem', item: product });
    window.ttq.track('ViewContent', { contents: [{ content_id: product, content_name: body.dataset.productName }], value: value, currency: 'EUR' });
  } else if (page === 'basket') {
    window.dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: value, items: [{ item_id: product }] } });
    window.fbq('track', 'AddToCart', { content_ids: [product], content_type: 'product', value: value, currency: 'EUR' });
    window.criteo_q.push({ event: 'setAccount', account: 12345 }, { event: 'viewBasket', item: [{ id: product, price: value, quantity: 1 }] });
  } else if (page === 'checkout') {
    window.dataLayer.push({ event: 'begin_checkout', ecommerce: { currency: 'EUR', value: 105.46, items: [{ item_id: product }] } });
    window.fbq('track', 'InitiateCheckout', { content_ids: [product], value: 105.46, currency: 'EUR' });
  } else {
    window.dataLayer.push({ event: 'page_view' });
  }
})();
