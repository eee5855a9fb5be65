// rules/findings/*.json → bundle.findings: {type: {category, severity, weight, ...}}
import { basename, join } from 'node:path';
import { jsonFiles, readJson } from './read.mjs';

export default function findings(ctx) {
  const out = {};
  for (const file of jsonFiles(join(ctx.rulesDir, 'findings'))) {
    const data = readJson(file, ctx.root);
    for (const [type, def] of Object.entries(data.types ?? {})) {
      if (out[type]) throw new Error(`finding type ${type} defined twice (again in ${basename(file)})`);
      out[type] = def;
    }
  }
  return out;
}
