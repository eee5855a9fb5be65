// rules/text/<type>.<lang>.json → bundle.text: [{id, type, lang, pattern, examples, counterexamples}]
// A file holds the rules of one finding type (or label class) in one language.
import { basename, join } from 'node:path';
import { jsonFiles, readJson } from './read.mjs';

export default function text(ctx) {
  const out = [];
  const ids = new Set();
  for (const file of jsonFiles(join(ctx.rulesDir, 'text'))) {
    const data = readJson(file, ctx.root);
    const name = basename(file);
    if (!data.type || !data.lang || !Array.isArray(data.rules)) {
      throw new Error(`rules/text/${name}: needs type, lang and rules[]`);
    }
    for (const rule of data.rules) {
      if (ids.has(rule.id)) throw new Error(`rules/text/${name}: rule id ${rule.id} is not unique`);
      ids.add(rule.id);
      out.push({
        id: rule.id,
        type: data.type,
        lang: data.lang,
        pattern: rule.pattern,
        examples: rule.examples ?? [],
        counterexamples: rule.counterexamples ?? [],
      });
    }
  }
  return out;
}
