// A real local HTTP server for tests and benchmarks: serves a folder on
// 127.0.0.1 (port 0 = any free port) with correct content types. Routes can
// add behaviour a static folder cannot (delays, hanging responses, cookies).
//
//   const server = await startServer({ root: 'tests/pages' });
//   await page.goto(`${server.url}/low-stock/index.html`);
//   await server.close();
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.png': 'image/png', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8', '.har': 'application/json; charset=utf-8',
};
// A 1×1 transparent GIF for pixel endpoints that have no file.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * @param {{root: string, port?: number, host?: string,
 *          routes?: Record<string, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void>,
 *          pixelFallback?: boolean, tls?: {key: string|Buffer, cert: string|Buffer}, byHost?: boolean,
 *          onRequest?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}} options
 *   routes: exact pathnames handled by a function; pixelFallback: answer unknown paths with a GIF
 *   (tracker endpoints in fixtures) instead of 404; tls: serve HTTPS with this key and
 *   certificate; byHost: serve <root>/<Host header without port>/<path> (one folder per
 *   host name, for fixtures reached through Chromium's --host-resolver-rules); onRequest: called
 *   first for every request (to set extra headers such as Set-Cookie).
 */
export async function startServer({ root, port = 0, host = '127.0.0.1', routes = {}, pixelFallback = true, tls, byHost = false, onRequest }) {
  const base = resolve(root);
  const handler = async (req, res) => {
    const url = new URL(req.url, 'http://x');
    onRequest?.(req, res);
    if (routes[url.pathname]) return routes[url.pathname](req, res);
    const hostDir = byHost ? String(req.headers.host ?? '').replace(/:\d+$/, '').replace(/[^a-z0-9.-]/gi, '') : '';
    let path = normalize(join(base, hostDir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      if (pixelFallback) {
        res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' });
        res.end(PIXEL);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    }
  };
  const server = tls ? createTlsServer(tls, handler) : createServer(handler);
  await new Promise((ok, fail) => server.once('error', fail).listen(port, host, ok));
  const { port: actual } = server.address();
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${actual}`,
    port: actual,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}
