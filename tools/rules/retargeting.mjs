// Retargeting vendors and endpoints → bundle.retargeting (rules/trackers/retargeting.json,
// our own data, CC0-1.0). Checked here for shape; the core checks every
// endpoint's examples and counterexamples in tests/core/retargeting_rules_test.cc.
import { join } from 'node:path';
import { readJson } from './read.mjs';

const ROLES = new Set(['retargeting', 'audience', 'conversion', 'sync']);

export default function retargeting(ctx) {
  const file = join(ctx.rulesDir, 'trackers', 'retargeting.json');
  const data = readJson(file, ctx.root);
  const ids = new Set();
  const fail = (msg) => { throw new Error(`rules/trackers/retargeting.json: ${msg}`); };
  for (const v of data.vendors) {
    if (!v.id || !v.company) fail('every vendor needs an id and a company');
    if (!v.sources?.length) fail(`${v.id}: needs at least one source`);
    for (const e of v.endpoints) {
      if (ids.has(e.id)) fail(`endpoint id ${e.id} is used twice`);
      ids.add(e.id);
      if (!e.id.startsWith(`${v.id}/`) && !e.id.includes('/')) fail(`${e.id}: id must be vendor/name`);
      if (!ROLES.has(e.role)) fail(`${e.id}: role must be one of ${[...ROLES].join(', ')}`);
      if (!e.hosts?.length) fail(`${e.id}: needs hosts`);
      if (!e.path && !e.pathContains) fail(`${e.id}: needs path or pathContains`);
      if (!e.examples?.length || !e.counterexamples?.length) fail(`${e.id}: needs examples and counterexamples`);
    }
  }
  for (const p of data.productUrlPatterns.patterns) {
    if (p.examples.length < 3 || p.counterexamples.length < 3) fail(`product pattern ${p.id}: needs 3 examples and 3 counterexamples`);
  }
  ctx.sources.push({ name: 'rules/trackers/retargeting.json', license: 'CC0-1.0' });
  const strip = (o) => JSON.parse(JSON.stringify(o, (k, val) => (k === '$comment' ? undefined : val)));
  return strip({ vendors: data.vendors, generic: data.generic, productUrlPatterns: data.productUrlPatterns.patterns });
}
