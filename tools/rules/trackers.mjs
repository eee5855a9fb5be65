// Tracker companies → bundle.trackers: {entities: [{name, company, category, domains}], categories}
// Entities come from the npm package third-party-web (MIT, installed at
// set-up); rules/trackers/categories.json says which categories count.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readJson } from './read.mjs';

export default function trackers(ctx) {
  const require = createRequire(join(ctx.root, 'package.json'));
  const pkgPath = require.resolve('third-party-web/package.json');
  const pkg = readJson(pkgPath, ctx.root);
  const entities = readJson(join(pkgPath, '..', 'dist', 'entities.json'), ctx.root);
  ctx.sources.push({ name: 'third-party-web', version: pkg.version, license: pkg.license });
  const categories = readJson(join(ctx.rulesDir, 'trackers', 'categories.json'), ctx.root);
  delete categories.$comment;
  return {
    categories,
    entities: entities.map((e) => ({
      name: e.name,
      company: e.company ?? e.name,
      category: e.categories?.[0] ?? e.category ?? 'other',
      domains: [...new Set(e.domains.map((d) => d.replace(/^\*\./, '').toLowerCase()))],
    })),
  };
}
