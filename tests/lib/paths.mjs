// Where tests find the repository and the build outputs (scripts/build).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NATIVE_CLI = process.env.DURCHBLICK_CORE ?? join(ROOT, 'build', 'durchblick-core');
export const WASM_DIR = process.env.DURCHBLICK_WASM_DIR ?? join(ROOT, 'build-wasm');
export const SHARED = resolve(ROOT, '..', 'shared');
