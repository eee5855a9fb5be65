// web/core/loader.js hands snapshots to the core as UTF-8 written into the
// wasm heap (TextEncoder.encodeInto), not through Embind's string conversion.
// The core must see exactly the bytes a file of the same text holds: the
// report's engine.snapshotSha256 is the hash of the bytes analysed, so it is
// compared with Node's own SHA-256 of the UTF-8 encoding, for mostly-ASCII
// text (the first, tight heap buffer), text of mostly multi-byte characters
// (too big for that buffer: the second attempt), astral characters, a lone
// surrogate (encoded as U+FFFD, as TextEncoder and Buffer do), and the same
// snapshot given as bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loadCore } from '../../web/core/loader.js';
import { WASM_DIR } from '../lib/paths.mjs';

const core = await loadCore({ dir: WASM_DIR });
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
const snapshot = (text) =>
  JSON.stringify({ schema: 'durchblick.snapshot/1', url: 'https://shop.example/p', lang: 'de', texts: [{ id: 't0', text }] });

const cases = {
  'mostly ASCII': 'Nur noch 2 Stück auf Lager! '.repeat(200),
  'mostly two- and three-byte characters': 'äöüß€…'.repeat(2000),
  'astral characters': '😀🛒 nur heute '.repeat(500),
  'empty text': '',
};

for (const [name, text] of Object.entries(cases)) {
  test(`loader: ${name}: the core hashes the UTF-8 bytes of the string`, () => {
    const json = snapshot(text);
    const report = core.analyze(json);
    assert.equal(report.error, undefined, JSON.stringify(report.error));
    assert.equal(report.engine.snapshotSha256, sha(Buffer.from(json, 'utf8')));
    // The same snapshot as bytes (Uint8Array and ArrayBuffer): the same report.
    const bytes = new TextEncoder().encode(json);
    assert.equal(core.analyzeJson(bytes), core.analyzeJson(json));
    assert.equal(core.analyzeJson(bytes.buffer), core.analyzeJson(json));
  });
}

test('loader: a lone surrogate in the string reaches the core as U+FFFD', () => {
  // JSON.stringify would escape it; a host may still build such a string by hand.
  const json = `{"schema":"durchblick.snapshot/1","url":"https://shop.example/p","texts":[{"id":"t0","text":"a\ud800b"}]}`;
  const report = core.analyze(json);
  assert.equal(report.engine.snapshotSha256, sha(Buffer.from(json, 'utf8')));
  assert.equal(report.engine.snapshotSha256, sha(Buffer.from(json.replace('\ud800', '\ufffd'), 'utf8')));
});

test('loader: other inputs are still refused by the core binding', () => {
  assert.throws(() => core.analyzeJson(42));
  assert.throws(() => core.analyzeJson(new Uint16Array([1, 2])));
});

test('loader: a heap that cannot grow gives a clear error instead of writing at address 0', async () => {
  const { pathToFileURL } = await import('node:url');
  const { join } = await import('node:path');
  const { default: create } = await import(pathToFileURL(join(WASM_DIR, 'durchblick.mjs')).href);
  let module = null;
  const full = await loadCore({ dir: WASM_DIR, createModule: async (options) => (module = await create(options)) });
  // Set after loading: the module's first malloc call replaces Module._malloc.
  module._malloc = () => 0; // as dlmalloc answers when memory.grow fails
  assert.throws(() => full.analyzeJson(snapshot('Nur noch 2 Stück')), /no room in the wasm heap/);
  assert.throws(() => full.analyzeJson(new TextEncoder().encode(snapshot('x'))), /no room in the wasm heap/);
});
