// Where tests find the repository and the build outputs (scripts/build).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NATIVE_CLI = process.env.DURCHBLICK_CORE ?? join(ROOT, 'build', 'durchblick-core');
export const WASM_DIR = process.env.DURCHBLICK_WASM_DIR ?? join(ROOT, 'build-wasm');
// The shared folder beside the repository (/work/main → /work/shared), or
// beside the worktrees' parent (/work/wt/<name> → /work/shared).
export const SHARED = process.env.DURCHBLICK_SHARED ??
  [resolve(ROOT, '..', 'shared'), resolve(ROOT, '..', '..', 'shared')].find((d) => existsSync(d)) ??
  resolve(ROOT, '..', 'shared');
