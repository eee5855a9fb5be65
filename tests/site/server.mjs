// The demo site: a shop (home, product, basket, checkout), a news page and a
// clean page (tests/site/shop/), plus stand-ins for the ad and analytics
// vendors they embed (tests/site/vendors/<host>/), all on 127.0.0.1.
//
//   const site = await startDemoSite();
//   const browser = await launchChromium({ args: [...CHROMIUM_ARGS, ...site.browserArgs] });
//   await page.goto(`${site.url}/product.html`);
//   await site.close();
//
// The shop is plain HTTP on a free port. The vendors keep their real host
// names (hosts.json): Chromium's --host-resolver-rules sends those names to
// an HTTPS server here, with a throw-away self-signed certificate (made with
// openssl at start; Chromium is told to accept it). HTTPS because several of
// these names are HSTS-preloaded. Vendor endpoints set their cookies
// (hosts.json "cookies") like the real ones.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from '../lib/server.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const DEMO_HOSTS = JSON.parse(readFileSync(join(HERE, 'hosts.json'), 'utf8'));
/** The demo's pages, in the order the demo scans them. */
export const DEMO_PAGES = ['index.html', 'product.html', 'basket.html', 'checkout.html', 'news.html', 'clean.html'];

export function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'durchblick-demo-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
      '-subj', '/CN=durchblick demo vendors', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-addext', `subjectAltName=${DEMO_HOSTS.hosts.map((h) => `DNS:${h}`).join(',')}`,
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * @param {{port?: number}} [options] port of the shop (default: any free port)
 * @returns {Promise<{url: string, vendorPort: number, browserArgs: string[], pages: string[], close: () => Promise<void>}>}
 */
export async function startDemoSite({ port = 0 } = {}) {
  const vendors = await startServer({
    root: join(HERE, 'vendors'),
    byHost: true,
    tls: selfSignedCertificate(),
    onRequest(req, res) {
      const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
      const cookie = DEMO_HOSTS.cookies[host];
      if (cookie && !/\.js(\?|$)/.test(req.url)) res.setHeader('set-cookie', cookie);
      // Scripts are fetched cross-origin by the shop's pages; pixels and beacons answer any origin.
      if (req.headers.origin) {
        res.setHeader('access-control-allow-origin', req.headers.origin);
        res.setHeader('access-control-allow-credentials', 'true');
      }
    },
  });
  const shop = await startServer({ root: join(HERE, 'shop'), port, pixelFallback: false });
  const rules = DEMO_HOSTS.hosts.map((h) => `MAP ${h} 127.0.0.1:${vendors.port}`).join(', ');
  return {
    url: shop.url,
    vendorPort: vendors.port,
    pages: DEMO_PAGES.map((p) => `${shop.url}/${p}`),
    browserArgs: [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'],
    close: async () => {
      await shop.close();
      await vendors.close();
    },
  };
}

// `node tests/site/server.mjs [PORT]`: serve the demo site until interrupted.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const site = await startDemoSite({ port: Number(process.argv[2] ?? 0) });
  process.stdout.write(`demo site: ${site.url}/\nChromium flags: ${site.browserArgs.map((a) => `'${a}'`).join(' ')}\n`);
}
