#!/usr/bin/env node
// In-wasm filter matching of two or more wasm builds, A/B in one Node run:
// each build's engine holds easylist.txt + easyprivacy.txt, and the rounds
// of matchFiltersTimed over the requests of bench/filters.mjs alternate
// between the builds, so that on a shared machine every build sees the same
// load. Prints each build's median, p99 and mean per request (µs; a
// request's time is its median over the rounds) and the load average.
//
//   node bench/filters-ab.mjs /tmp/before-build-wasm build-wasm   (ROUNDS=21)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHARED } from '../tests/lib/paths.mjs';
import { filterBenchRequests, perRequestStats } from './filter-requests.mjs';
const dirs = process.argv.slice(2);
const ROUNDS = Number(process.env.ROUNDS ?? 21);
const lists = ['easylist.txt', 'easyprivacy.txt'].map((f) => [f, readFileSync(join(SHARED, 'eval', 'filterlists', f), 'utf8')]);
const engines = [];
for (const dir of dirs) {
  const { default: createModule } = await import(pathToFileURL(join(dir, 'durchblick.mjs')).href);
  const m = await createModule({ wasmBinary: readFileSync(join(dir, 'durchblick.wasm')) });
  const engine = new m.Engine(readFileSync(join(dir, 'durchblick.rules.json'), 'utf8'));
  const names = new m.StringVector(), texts = new m.StringVector();
  for (const [n, t] of lists) { names.push_back(n); texts.push_back(t); }
  engine.useFilterLists(names, texts);
  engine.matchFilters('https://example.com/', 'https://example.com/', 'script');
  engines.push(engine);
}
const requests = filterBenchRequests(engines[0]).requests.map((r) => `${r.url}\t${r.sourceUrl}\t${r.type}`);
const lines = requests.join('\n');
const per = engines.map(() => requests.map(() => []));
const blocked = [];
for (let round = 0; round < ROUNDS; round++) {
  engines.forEach((e, k) => {
    const [times, b] = e.matchFiltersTimed(lines).split(';');
    blocked[k] = b;
    times.split(',').forEach((t, i) => per[k][i].push(Number(t) / 1000));
  });
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`${requests.length} requests, ${ROUNDS} interleaved rounds, load average ${load}`);
per.forEach((p, k) => {
  const { median, p99, mean } = perRequestStats(p);
  console.log(`${dirs[k].padEnd(24)} median ${median.toFixed(2)} p99 ${p99.toFixed(2)} mean ${mean.toFixed(2)} blocked ${blocked[k]}`);
});
