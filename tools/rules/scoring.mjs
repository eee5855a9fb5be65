// rules/scoring.json → bundle.scoring
import { join } from 'node:path';
import { readJson } from './read.mjs';

export default function scoring(ctx) {
  const { caps, bands } = readJson(join(ctx.rulesDir, 'scoring.json'), ctx.root);
  return { caps, bands };
}
