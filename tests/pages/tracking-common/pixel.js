// Shared by the tracking fixture pages: send a request the way tags do (a
// pixel image), to a host the test browser maps to the local server
// (--host-resolver-rules="MAP * 127.0.0.1"), on the server's port.
window.pixel = function pixel(host, path) {
  const img = new Image(1, 1);
  img.src = `http://${host}:${location.port}${path}`;
  document.body.appendChild(img);
};
