#!/usr/bin/env node
// Builds the web report viewer as static files that work from any static
// server and offline:
//
//   node tools/build-viewer.mjs [--out build/viewer] [--wasm-dir build-wasm]
//   → OUT/viewer/   index.html, viewer.js, model.js, viewer.css   (web/viewer/)
//     OUT/report/   the shared renderer                           (web/report/)
//     OUT/core/     loader.js + durchblick.mjs/.wasm/.rules.json  (web/core/, the wasm build)
//     OUT/vendor/   chart.umd.min.js + its licence                (node_modules/chart.js, at build time)
//
// Open OUT/viewer/ through any static HTTP server (ES modules and fetch do
// not work from file://). Nothing is fetched from elsewhere.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function buildViewer({ out = join(ROOT, 'build/viewer'), wasmDir = join(ROOT, 'build-wasm') } = {}) {
  out = resolve(out);
  rmSync(out, { recursive: true, force: true });
  const copyDir = (from, to, filter = () => true) => {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) if (filter(name)) copyFileSync(join(from, name), join(to, name));
  };
  copyDir(join(ROOT, 'web/viewer'), join(out, 'viewer'));
  copyDir(join(ROOT, 'web/report'), join(out, 'report'), (n) => n.endsWith('.js'));
  mkdirSync(join(out, 'core'), { recursive: true });
  copyFileSync(join(ROOT, 'web/core/loader.js'), join(out, 'core/loader.js'));
  for (const name of ['durchblick.mjs', 'durchblick.wasm', 'durchblick.rules.json']) {
    const from = join(wasmDir, name);
    if (!existsSync(from)) throw new Error(`build-viewer: ${from} missing (build the wasm core first)`);
    copyFileSync(from, join(out, 'core', name));
  }
  // Chart.js, from the installed package (package.json devDependencies).
  const require = createRequire(import.meta.url);
  // The package exports no ./package.json: find its folder from its main entry.
  let pkgDir = dirname(require.resolve('chart.js'));
  while (!existsSync(join(pkgDir, 'package.json'))) pkgDir = dirname(pkgDir);
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  mkdirSync(join(out, 'vendor'), { recursive: true });
  copyFileSync(join(pkgDir, 'dist/chart.umd.min.js'), join(out, 'vendor/chart.umd.min.js'));
  const licence = ['LICENSE.md', 'LICENSE'].map((n) => join(pkgDir, n)).find(existsSync);
  if (licence) copyFileSync(licence, join(out, 'vendor/chart.js.LICENSE.md'));
  return { out, chartJs: version };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (flag) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const r = buildViewer({ out: get('--out'), wasmDir: get('--wasm-dir') });
  process.stdout.write(`viewer: ${r.out}/viewer/ (Chart.js ${r.chartJs})\n`);
}
