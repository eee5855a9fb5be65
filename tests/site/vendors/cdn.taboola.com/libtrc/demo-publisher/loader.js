// Stand-in for Taboola's widget loader (demo site): fetches recommendations.
(function () {
  var img = new Image();
  img.src = 'https://trc.taboola.com/demo-publisher/log/3/available?route=EU&pi=' + encodeURIComponent(location.pathname) + '&cv=20260101-1';
})();
