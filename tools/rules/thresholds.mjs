// rules/thresholds/*.json → bundle.thresholds: {"family.name": number}
import { join } from 'node:path';
import { jsonFiles, readJson } from './read.mjs';

export default function thresholds(ctx) {
  const out = {};
  for (const file of jsonFiles(join(ctx.rulesDir, 'thresholds'))) {
    for (const [name, value] of Object.entries(readJson(file, ctx.root))) {
      if (name.startsWith('$')) continue;
      if (name in out) throw new Error(`threshold ${name} defined twice`);
      out[name] = value;
    }
  }
  return out;
}
