// rules/pricing/currencies.json → bundle.currencies: [{code, tokens[]}]
// The tokens the price parser (wasm/src/price.h) accepts beside a number.
import { join } from 'node:path';
import { readJson } from './read.mjs';

export default function currencies(ctx) {
  const data = readJson(join(ctx.rulesDir, 'pricing', 'currencies.json'), ctx.root);
  const codes = new Set();
  for (const c of data.currencies ?? []) {
    if (!/^[A-Z]{3}$/.test(c.code ?? '')) throw new Error(`rules/pricing/currencies.json: bad code ${c.code}`);
    if (codes.has(c.code)) throw new Error(`rules/pricing/currencies.json: ${c.code} twice`);
    if (!Array.isArray(c.tokens) || !c.tokens.length) throw new Error(`rules/pricing/currencies.json: ${c.code} needs tokens`);
    codes.add(c.code);
  }
  return data.currencies.map((c) => ({ code: c.code, tokens: c.tokens }));
}
