// Fixture behaviour (not Durchblick code): what manipulative shops do.
(function () {
  const visits = Number(localStorage.getItem('visits') || 0) + 1;
  localStorage.setItem('visits', String(visits));
  if (visits > 1) document.getElementById('price').textContent = '109,99 €';
  // A countdown that starts again on every load, with more time after the
  // first visit (15, then 30 minutes): its deadline keeps moving.
  const end = Date.now() + (visits > 1 ? 30 : 15) * 60 * 1000;
  const timer = document.getElementById('timer');
  const tick = () => {
    const s = Math.max(0, Math.round((end - Date.now()) / 1000));
    timer.textContent = `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  };
  tick();
  setInterval(tick, 1000);
  // A newsletter modal over the whole page, half a second after loading.
  setTimeout(() => { document.getElementById('newsletter').hidden = false; }, 500);
  // Trackers, on the test server's port (the tests map these hosts to 127.0.0.1).
  const port = location.port ? `:${location.port}` : '';
  const load = (src) => { const s = document.createElement('script'); s.src = src; document.head.append(s); };
  load(`http://connect.facebook.net${port}/en_US/fbevents.js`);
  load(`http://www.googletagmanager.com${port}/gtag/js?id=G-TEST`);
  new Image().src = `http://www.facebook.com${port}/tr?id=1234567890&ev=ViewContent&cd[content_ids]=%5B%22BL-4711%22%5D&cd[content_type]=product`;
  new Image().src = `http://www.google-analytics.com${port}/g/collect?v=2&tid=G-TEST&cid=555.666&en=view_item`;
  new Image().src = `http://dis.criteo.com${port}/dis/dis.aspx?p=BL-4711&c=2&cb=42`;
})();
