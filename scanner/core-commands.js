// `durchblick analyze` and `durchblick har`: the Node counterparts of the
// native `durchblick-core analyze|har` (wasm/cli/main.cc), on the wasm build
// of the same core. Same stdout bytes, the same one-line errors on stderr
// (prefixed "durchblick:" instead of "durchblick-core:") and the same exit
// status: 0 ok, 2 bad input, 1 other failure.
import { openSync, readSync, closeSync, writeSync } from 'node:fs';
import { loadCore } from '../web/core/loader.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024; // durchblick::kMaxSnapshotBytes

const STRERROR = {
  ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory', ELOOP: 'Too many levels of symbolic links', EMFILE: 'Too many open files',
};

export function fail(message) {
  writeSync(2, `durchblick: ${message}\n`);
}

/** Reads a file (or stdin for "-") but at most limit + 1 bytes, like ReadInput() of the native CLI. */
export function readInput(path, limit) {
  let fd;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    return { error: `${path}: cannot open: ${STRERROR[e.code] ?? e.message}` };
  }
  const chunks = [];
  let size = 0;
  const buffer = Buffer.alloc(1 << 16);
  try {
    for (;;) {
      let n;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (e) {
        if (e.code === 'EAGAIN') continue;
        if (e.code === 'EOF') break;
        return { error: `${path}: read error` };
      }
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      size += n;
      if (size > limit) break;
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  if (size > limit) {
    return { error: `${path}: too_large: input is larger than ${Math.floor(limit / (1 << 20))} MiB (at byte ${limit})` };
  }
  const bytes = Buffer.concat(chunks);
  return { text: bytes.toString('utf8'), bytes };
}

/** "code at where: message" if `report` is an error report (same test as ErrorOf() in main.cc). */
export function errorOf(report) {
  if (!report.startsWith('{"schema":"durchblick.report/1","error"')) return null;
  let j;
  try {
    j = JSON.parse(report);
  } catch {
    return null;
  }
  if (!j.error) return null;
  const e = j.error;
  return `${e.code ?? 'error'} at ${e.where ?? '?'}: ${e.message ?? ''}`;
}

/**
 * Re-indents compact JSON with two spaces the way nlohmann::json::dump(2)
 * does, copying strings and numbers verbatim (a JSON.parse round trip would
 * turn 1700000000000.0 into 1700000000000).
 */
export function prettyJson(json) {
  let out = '';
  let depth = 0;
  const nl = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      out += json.slice(i, j + 1);
      i = j;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      if (json[i + 1] === close) {
        out += c + close;
        i++;
      } else {
        depth++;
        out += c + nl();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += nl() + c;
    } else if (c === ',') {
      out += ',' + nl();
    } else if (c === ':') {
      out += ': ';
    } else if (c !== ' ' && c !== '\n' && c !== '\t' && c !== '\r') {
      out += c;
    }
  }
  return out;
}

function write(text) {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off);
    } catch (e) {
      if (e.code === 'EAGAIN') continue;
      return false;
    }
  }
  return true;
}

async function coreFor(options) {
  if (!options.rules) return loadCore();
  const r = readInput(options.rules, 256 << 20);
  if (r.error) return { error: r.error };
  try {
    return await loadCore({ rulesJson: r.text });
  } catch (e) {
    return { error: `${options.rules}: ${String(e.message).replace(/^durchblick core: rules rejected: /, '')}` };
  }
}

/**
 * Runs `analyze` or `har`.
 * @param {'analyze'|'har'} command
 * @param {{file?: string, jsonl?: boolean, pretty?: boolean, snapshot?: boolean, rules?: string}} o
 * @returns {Promise<number>} exit status
 */
export async function runCoreCommand(command, o) {
  const file = o.file ?? '-';
  const limit = command === 'har' ? 4 * MAX_SNAPSHOT_BYTES : o.jsonl ? 16 * MAX_SNAPSHOT_BYTES : MAX_SNAPSHOT_BYTES;
  // The native CLI reports a bad --rules bundle before a bad input; with the
  // built-in rules (which cannot be bad) the input is read first, so an
  // unreadable file fails without compiling the rules.
  let input = o.rules ? null : readInput(file, limit);
  if (input?.error) {
    fail(input.error);
    return EXIT_BAD_INPUT;
  }
  const core = await coreFor(o);
  if (core.error) {
    fail(core.error);
    return EXIT_BAD_INPUT;
  }
  input ??= readInput(file, limit);
  if (input.error) {
    fail(input.error);
    return EXIT_BAD_INPUT;
  }
  const pretty = (json) => (o.pretty ? prettyJson(json) : json);
  const analyzeOne = (text) => {
    const report = core.analyzeJson(text);
    const error = errorOf(report);
    if (error) {
      fail(`${file}: ${error}`);
      return EXIT_BAD_INPUT;
    }
    return write(pretty(report) + '\n') ? EXIT_OK : EXIT_FAILURE;
  };
  if (command === 'har') {
    const snapshot = core.snapshotFromHarJson(input.bytes);
    const error = errorOf(snapshot);
    if (error) {
      fail(`${file}: ${error}`);
      return EXIT_BAD_INPUT;
    }
    if (o.snapshot) return write(pretty(snapshot) + '\n') ? EXIT_OK : EXIT_FAILURE;
    return analyzeOne(snapshot);
  }
  if (!o.jsonl) return analyzeOne(input.bytes);
  // One snapshot per line. The core gets bytes (Embind passes a Uint8Array
  // to std::string unchanged), so invalid UTF-8 reaches it as in the file.
  let status = EXIT_OK;
  const bytes = input.bytes;
  let start = 0;
  let lineNo = 0;
  const out = [];
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    let line = bytes.subarray(start, end);
    start = end + 1;
    lineNo++;
    if (line.length && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    if (!line.some((b) => b !== 0x20 && b !== 0x09)) continue;
    let report = core.analyzeJson(line);
    const error = errorOf(report);
    if (error) {
      fail(`${file}: line ${lineNo}: ${error}`);
      report = `${report.slice(0, -1)},"line":${lineNo}}`;
      status = EXIT_BAD_INPUT;
    }
    out.push(report + '\n');
    if (out.length >= 256) {
      if (!write(out.join(''))) return EXIT_FAILURE;
      out.length = 0;
    }
  }
  if (out.length && !write(out.join(''))) return EXIT_FAILURE;
  return status;
}
