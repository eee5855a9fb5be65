// The requests both filter benchmarks match (bench/filters.mjs,
// bench/filters-ab.mjs), and how their per-request times are summarised.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from '../tests/lib/paths.mjs';

/**
 * Every request of ../shared/eval/requests-dev.json (fetch as xhr, empty URLs
 * left out) and of the HARs in ../shared/fixtures/har/ (turned into snapshots
 * by `engine`, web URLs only), as {url, sourceUrl, type}.
 */
export function filterBenchRequests(engine) {
  const requests = [];
  for (const r of JSON.parse(readFileSync(join(SHARED, 'eval', 'requests-dev.json'), 'utf8'))) {
    if (r.url === 'http://' || r.url === 'https://') continue;
    requests.push({ url: r.url, sourceUrl: r.sourceUrl, type: r.type === 'fetch' ? 'xhr' : r.type });
  }
  const harDir = join(SHARED, 'fixtures', 'har');
  const harFiles = readdirSync(harDir).filter((n) => n.endsWith('.har')).sort();
  let fromHars = 0;
  for (const f of harFiles) {
    const snapshot = JSON.parse(engine.snapshotFromHar(readFileSync(join(harDir, f), 'utf8')));
    for (const r of snapshot.requests ?? []) {
      if (!/^https?:\/\/[^/]/.test(r.url)) continue;
      requests.push({ url: r.url, sourceUrl: snapshot.url, type: r.type });
      fromHars++;
    }
  }
  return { requests, fromHars, harFiles: harFiles.length };
}

/** per[i] = the times of request i over the rounds: each request's median, then median, p99, mean of those. */
export function perRequestStats(per) {
  const med = per.map((xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1]).sort((x, y) => x - y);
  const q = (p) => med[Math.min(med.length - 1, Math.floor(p * med.length))];
  return { median: q(0.5), p99: q(0.99), mean: med.reduce((s, x) => s + x, 0) / med.length };
}
