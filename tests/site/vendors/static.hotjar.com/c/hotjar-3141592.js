// Stand-in for Hotjar (demo site): a session recorder that reports mouse
// movements and clicks.
(function () {
  var moves = [];
  document.addEventListener('mousemove', function (e) { moves.push([e.clientX, e.clientY]); }, { passive: true });
  document.addEventListener('click', function (e) { moves.push(['c', e.clientX, e.clientY]); });
  function flush() {
    navigator.sendBeacon('https://in.hotjar.com/api/v2/client/sites/3141592/visit-data?sv=6', JSON.stringify({ url: location.href, events: moves.splice(0) }));
  }
  setTimeout(flush, 500);
})();
