// The news page's pop-ups: a cookie banner without a first-layer reject, a
// newsletter modal after a few seconds that locks scrolling, and a request
// for notification permission right on load.
(function () {
  var banner = document.getElementById('cookie-banner');
  if (!/(?:^|; )sm_consent=/.test(document.cookie)) banner.hidden = false;
  document.getElementById('cookie-accept').addEventListener('click', function () {
    document.cookie = 'sm_consent=all; path=/; max-age=31536000';
    banner.hidden = true;
    // After "accept all" more partners are loaded.
    var s = document.createElement('script');
    s.src = 'https://connect.facebook.net/en_US/fbevents.js';
    document.head.appendChild(s);
    window.fbq = window.fbq || function () { (window.fbq.queue = window.fbq.queue || []).push(arguments); };
    window.fbq('init', '1234567890123456');
    window.fbq('track', 'PageView');
  });
  document.getElementById('cookie-settings').addEventListener('click', function () {
    banner.querySelector('p').textContent = 'Hier kannst du einzelne Zwecke abwählen. (Zweite Ebene: 847 Partner, jeder einzeln.)';
  });

  var nl = document.getElementById('newsletter');
  setTimeout(function () {
    nl.hidden = false;
    document.documentElement.style.overflow = 'hidden';
  }, 2500);
  var closeNl = function () { nl.hidden = true; document.documentElement.style.overflow = ''; };
  document.getElementById('nl-close').addEventListener('click', closeNl);
  document.getElementById('nl-no').addEventListener('click', closeNl);

  if (window.Notification && Notification.permission === 'default') {
    try { Notification.requestPermission().catch(function () {}); } catch (e) { /* old API */ }
  }

  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({ event: 'page_view', page_type: 'article' });
})();
