// The renderer (popup, HTML export, viewer) has German and English words for
// everything the core can put into a report's labels: every tracker category
// of the rules bundle (third-party-web's mapped onto ours, plus overrides),
// "unknown" for unlisted companies, and every finding family.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASM_DIR } from '../lib/paths.mjs';
import { STRINGS } from '../../web/report/strings.js';

const BUNDLE = join(WASM_DIR, 'durchblick.rules.json');

test('every tracker category of the rules bundle has a German and an English name', { skip: !existsSync(BUNDLE) && 'no wasm build (rules bundle)' }, () => {
  const bundle = JSON.parse(readFileSync(BUNDLE, 'utf8'));
  const categories = new Set(bundle.trackers.entities.map((e) => e.category));
  assert.ok(categories.size >= 5, 'categories were read');
  categories.add('unknown'); // a company recognised only by its behaviour (tracking_common.cc)
  for (const lang of ['de', 'en']) {
    const missing = [...categories].filter((c) => typeof STRINGS[lang].trackerCategories[c] !== 'string');
    assert.deepEqual(missing, [], `${lang}: tracker categories without a name`);
  }
});

test('every finding family has a German and an English name and introduction', { skip: !existsSync(BUNDLE) && 'no wasm build (rules bundle)' }, () => {
  const bundle = JSON.parse(readFileSync(BUNDLE, 'utf8'));
  const families = new Set(Object.values(bundle.findings).map((f) => f.category));
  assert.ok(families.size >= 3);
  for (const lang of ['de', 'en']) {
    for (const c of families) {
      assert.equal(typeof STRINGS[lang].category[c], 'string', `${lang}: ${c}`);
      assert.equal(typeof STRINGS[lang].categoryIntro[c], 'string', `${lang}: ${c} intro`);
    }
  }
});
