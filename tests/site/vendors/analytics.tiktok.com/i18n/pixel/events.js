// Stand-in for the TikTok pixel (demo site): posts events with product ids
// and a _ttp first-party id.
(function () {
  if (!/(?:^|; )_ttp=/.test(document.cookie)) document.cookie = '_ttp=2demoTtp1PCookieQx7v9K3mN1pL; path=/; max-age=33696000';
  function track(event, properties) {
    var body = JSON.stringify({ event: event, pixel_code: 'DEMOTT01', timestamp: new Date().toISOString(),
      context: { page: { url: location.href, referrer: document.referrer }, user: { ttp: '2demoTtp1PCookieQx7v9K3mN1pL' } },
      properties: properties || {} });
    fetch('https://analytics.tiktok.com/api/v2/pixel', { method: 'POST', body: body, credentials: 'include', keepalive: true }).catch(function () {});
  }
  var old = window.ttq && window.ttq.queue || [];
  window.ttq = { track: track, queue: [] };
  old.forEach(function (args) { track.apply(null, args); });
  track('Pageview', {});
})();
