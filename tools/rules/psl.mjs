// The Public Suffix List → bundle.psl: ["com", "co.uk", "*.ck", "!www.ck", ...]
// From Debian's publicsuffix package (MPL-2.0), installed at set-up. IDN
// rules are written in Unicode in the list; each is also emitted in punycode
// ("公司.cn" and "xn--55qx5d.cn"), because browsers report hosts in punycode.
import { readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';

const PSL_PATH = '/usr/share/publicsuffix/public_suffix_list.dat';

function punycode(rule) {
  const prefix = rule.match(/^(!|\*\.)?/)[0];
  const ascii = domainToASCII(rule.slice(prefix.length));
  return ascii ? prefix + ascii : null;
}

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
    const rule = line.toLowerCase();
    rules.push(rule);
    if (/[^\x00-\x7f]/.test(rule)) {
      const ascii = punycode(rule);
      if (ascii && ascii !== rule) rules.push(ascii);
    }
  }
  ctx.sources.push({ name: 'publicsuffix (Debian)', file: PSL_PATH, license: 'MPL-2.0' });
  return rules;
}
