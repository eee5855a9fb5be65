// Stand-in for Google Publisher Tag (demo site): requests an ad for the slot.
(function () {
  var slot = document.getElementById('ad-top');
  fetch('https://securepubads.g.doubleclick.net/gampad/ads?iu=/1234/news/top&sz=728x90&url=' + encodeURIComponent(location.href) + '&correlator=' + Date.now(), { credentials: 'include' })
    .then(function () { if (slot) slot.textContent = 'Anzeige: ProSound X2 jetzt 60 % günstiger!'; })
    .catch(function () {});
})();
