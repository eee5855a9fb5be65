// Tracker companies → bundle.trackers: {entities: [{name, company, category, domains}], categories}
// Entities come from the npm package third-party-web (MIT, installed at
// set-up); rules/trackers/categories.json maps their categories onto ours and
// says which are reported; rules/trackers/overrides.json corrects categories
// (session recorders) and adds companies the data set lacks.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readJson } from './read.mjs';

export default function trackers(ctx) {
  const require = createRequire(join(ctx.root, 'package.json'));
  const pkgPath = require.resolve('third-party-web/package.json');
  const pkg = readJson(pkgPath, ctx.root);
  const source = readJson(join(pkgPath, '..', 'dist', 'entities.json'), ctx.root);
  ctx.sources.push({ name: 'third-party-web', version: pkg.version, license: pkg.license });
  const { map, findings } = readJson(join(ctx.rulesDir, 'trackers', 'categories.json'), ctx.root);
  const overrides = readJson(join(ctx.rulesDir, 'trackers', 'overrides.json'), ctx.root);
  const entities = source.map((e) => {
    const raw = e.categories?.[0] ?? e.category ?? 'other';
    return {
      name: e.name,
      company: e.company ?? e.name,
      category: map[raw] ?? raw,
      domains: [...new Set(e.domains.map((d) => d.replace(/^\*\./, '').toLowerCase()))],
    };
  });
  const byName = new Map(entities.map((e) => [e.name, e]));
  for (const o of overrides.categories) {
    const e = byName.get(o.entity);
    if (!e) throw new Error(`rules/trackers/overrides.json: no third-party-web entity "${o.entity}"`);
    if (!(o.category in findings)) throw new Error(`rules/trackers/overrides.json: ${o.entity}: unknown category ${o.category}`);
    e.category = o.category;
  }
  for (const o of overrides.entities) {
    if (byName.has(o.name)) throw new Error(`rules/trackers/overrides.json: ${o.name} is already in third-party-web`);
    entities.push({ name: o.name, company: o.company ?? o.name, category: o.category, domains: o.domains });
  }
  return { categories: findings, entities };
}
