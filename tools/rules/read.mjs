// Reading rule files: JSON only, every error names the file.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export function readJson(path, root) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${relative(root, path)}: ${e.message}`);
  }
}

// The JSON files directly in `dir`, sorted by name (the bundle order).
export function jsonFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}
