document.getElementById('go').addEventListener('click', () => {
  fetch('/collect?after=click').catch(() => {});
  document.title = 'Clicked';
});
