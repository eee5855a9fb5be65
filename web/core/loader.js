// Loads the wasm core (build-wasm/durchblick.mjs + .wasm + durchblick.rules.json)
// with one API for every JavaScript host: the extension's service worker, the
// web viewer and Node (scanner, tests, benchmarks).
//
//   import { loadCore } from '../web/core/loader.js';
//   const core = await loadCore();               // Node: from build-wasm/ (or DURCHBLICK_WASM_DIR)
//   const core = await loadCore({ baseUrl });    // browser: fetches from baseUrl
//   const report = core.analyze(snapshot);       // object in, report object out
//   const text = core.analyzeJson(snapshotJson); // string (or UTF-8 bytes) in, string out (byte-exact)
//   const snapshot = core.snapshotFromHar(harText);
//   core.versions                                // { core: '0.1.0', rules: '0.1.0+…' }
//
// Errors of the input come back as error reports ({error: {code, message,
// where}}), exactly as from the native CLI. Only a broken installation (module
// or rules missing, rules rejected) throws.

const IS_NODE = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

async function nodeSources(dir) {
  const { readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const { pathToFileURL, fileURLToPath } = await import('node:url');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const base = path.resolve(dir ?? process.env.DURCHBLICK_WASM_DIR ?? path.join(root, 'build-wasm'));
  const read = async (name) => {
    try {
      return await readFile(path.join(base, name));
    } catch (e) {
      throw new Error(`durchblick core: ${path.join(base, name)} missing (build the wasm core first: scripts/build)`);
    }
  };
  return {
    moduleUrl: pathToFileURL(path.join(base, 'durchblick.mjs')).href,
    wasmBinary: await read('durchblick.wasm'),
    rulesJson: (await read('durchblick.rules.json')).toString('utf8'),
  };
}

async function browserSources(baseUrl) {
  const base = new URL(baseUrl ?? './', globalThis.location?.href);
  const get = async (name, as) => {
    const res = await fetch(new URL(name, base));
    if (!res.ok) throw new Error(`durchblick core: ${name}: HTTP ${res.status}`);
    return as === 'text' ? res.text() : res.arrayBuffer();
  };
  const [wasmBinary, rulesJson] = await Promise.all([get('durchblick.wasm'), get('durchblick.rules.json', 'text')]);
  return { moduleUrl: new URL('durchblick.mjs', base).href, wasmBinary, rulesJson };
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { ignoreBOM: true }); // keeps a leading U+FEFF, as Embind's decoding does

// Calls fn(ptr, size) with `input` (a string, or UTF-8 bytes as an
// ArrayBuffer or byte array) copied into the wasm heap, and frees the copy.
// TextEncoder.encodeInto writes the bytes natively; Embind's std::string
// conversion would walk the string twice in JavaScript. Returns undefined
// for other inputs (the caller hands those to Embind, which rejects them).
function withUtf8InHeap(module, input, fn) {
  // malloc answers 0 when the heap cannot grow (2 GiB): writing there would
  // overwrite the module's own memory, so say so instead.
  const alloc = (size) => {
    const ptr = module._malloc(size);
    if (!ptr) throw new Error(`durchblick core: no room in the wasm heap for an input of ${size} bytes`);
    return ptr;
  };
  let bytes = null;
  if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
  else if (ArrayBuffer.isView(input) && input.BYTES_PER_ELEMENT === 1) {
    bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  } else if (typeof input !== 'string') return undefined;
  if (bytes) {
    const ptr = alloc(bytes.length + 1);
    try {
      module.HEAPU8.set(bytes, ptr);  // HEAPU8 read after malloc: the heap may have grown
      return fn(ptr, bytes.length);
    } finally {
      module._free(ptr);
    }
  }
  // Page text is mostly ASCII: try a little more room than code units, and
  // the bound of 3 bytes per UTF-16 code unit only if that was too little.
  for (const room of [input.length + (input.length >> 3) + 16, 3 * input.length + 1]) {
    const ptr = alloc(room);
    try {
      const { read, written } = utf8.encodeInto(input, module.HEAPU8.subarray(ptr, ptr + room));
      if (read === input.length) return fn(ptr, written);
    } finally {
      module._free(ptr);
    }
  }
  throw new Error('durchblick core: could not encode the input as UTF-8');  // unreachable: 3 bytes a code unit always fit
}

/**
 * @param {{dir?: string, baseUrl?: string, createModule?: Function, wasmBinary?: ArrayBuffer|Uint8Array, rulesJson?: string}} [options]
 *   dir: Node only, the folder of the wasm build; baseUrl: browser only, where the three files are;
 *   createModule/wasmBinary/rulesJson: supply the parts yourself (e.g. a service worker's static import).
 */
export async function loadCore(options = {}) {
  let { createModule, wasmBinary, rulesJson } = options;
  if (!wasmBinary || !rulesJson || !createModule) {
    const src = IS_NODE ? await nodeSources(options.dir) : await browserSources(options.baseUrl);
    wasmBinary ??= src.wasmBinary;
    rulesJson ??= src.rulesJson;
    createModule ??= (await import(src.moduleUrl)).default;
  }
  const module = await createModule({ wasmBinary });
  const engine = new module.Engine(rulesJson);
  if (!engine.ok()) throw new Error(`durchblick core: rules rejected: ${engine.error()}`);
  const versions = Object.freeze({ core: module.coreVersion(), rules: engine.rulesVersion() });
  // The *Utf8 entry points return a view of the result's bytes in the wasm
  // heap, valid until the next call into the module: decoded at once.
  const analyzeJson = (input) =>
    withUtf8InHeap(module, input, (ptr, size) => fromUtf8.decode(engine.analyzeUtf8(ptr, size))) ??
    engine.analyze(input);
  const snapshotFromHarJson = (input) =>
    withUtf8InHeap(module, input, (ptr, size) => fromUtf8.decode(engine.snapshotFromHarUtf8(ptr, size))) ??
    engine.snapshotFromHar(input);
  return Object.freeze({
    versions,
    analyzeJson: (snapshotJson) => analyzeJson(snapshotJson),
    analyze: (snapshot) => JSON.parse(analyzeJson(typeof snapshot === 'string' ? snapshot : JSON.stringify(snapshot))),
    snapshotFromHar: (harText) => JSON.parse(snapshotFromHarJson(harText)),
    snapshotFromHarJson: (harText) => snapshotFromHarJson(harText), // string (or bytes) in, string out
  });
}
