document.cookie = 'fixture_id=abc123def456; path=/';
fetch('/collect?kind=fetch').catch(() => {});
const x = new XMLHttpRequest();
x.open('GET', '/collect?kind=xhr');
x.send();
navigator.sendBeacon('/collect?kind=beacon', 'payload=1');
