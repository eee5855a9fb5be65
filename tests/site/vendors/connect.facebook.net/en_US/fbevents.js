// Stand-in for the Meta pixel (demo site): sets the _fbp first-party cookie
// and sends PageView/ViewContent/AddToCart/InitiateCheckout to facebook.com/tr
// with content ids and, at checkout, the SHA-256 hashed e-mail address
// ("advanced matching").
(function () {
  function cookie(name) { var m = document.cookie.match('(?:^|; )' + name + '=([^;]*)'); return m ? m[1] : null; }
  var fbp = cookie('_fbp');
  if (!fbp) { fbp = 'fb.1.1780000000000.1234567890'; document.cookie = '_fbp=' + fbp + '; path=/; max-age=7776000'; }
  var pixelId = null, userData = {};
  function sha256(text) {
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(text.trim().toLowerCase())).then(function (b) {
      return Array.from(new Uint8Array(b)).map(function (x) { return x.toString(16).padStart(2, '0'); }).join('');
    });
  }
  function send(ev, data) {
    var q = 'id=' + pixelId + '&ev=' + encodeURIComponent(ev) + '&dl=' + encodeURIComponent(location.href) + '&rl=' + encodeURIComponent(document.referrer) + '&fbp=' + fbp + '&ts=' + Date.now();
    Object.keys(data || {}).forEach(function (k) {
      var v = data[k];
      q += '&cd[' + k + ']=' + encodeURIComponent(Array.isArray(v) ? JSON.stringify(v) : v);
    });
    var withUser = userData.em ? sha256(userData.em).then(function (h) { return q + '&ud[em]=' + h; }) : Promise.resolve(q);
    withUser.then(function (query) { var i = new Image(); i.src = 'https://www.facebook.com/tr/?' + query; });
  }
  function fbq(cmd, a, b) {
    if (cmd === 'init') { pixelId = a; userData = b || {}; }
    else if (cmd === 'track' && pixelId) send(a, b);
  }
  var queue = (window.fbq && window.fbq.queue) || [];
  window.fbq = fbq;
  queue.forEach(function (args) { fbq.apply(null, args); });
})();
