// The Public Suffix List → bundle.psl: ["com", "co.uk", "*.ck", "!www.ck", ...]
// From Debian's publicsuffix package (MPL-2.0), installed at set-up.
import { readFileSync } from 'node:fs';

const PSL_PATH = '/usr/share/publicsuffix/public_suffix_list.dat';

export default function psl(ctx) {
  let text;
  try {
    text = readFileSync(PSL_PATH, 'utf8');
  } catch (e) {
    throw new Error(`${PSL_PATH}: ${e.message} (apt-get install publicsuffix)`);
  }
  const rules = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().split(/\s/)[0];
    if (!line || line.startsWith('//')) continue;
    rules.push(line.toLowerCase());
  }
  ctx.sources.push({ name: 'publicsuffix (Debian)', file: PSL_PATH, license: 'MPL-2.0' });
  return rules;
}
