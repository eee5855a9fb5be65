// Debian's Chromium through playwright-core, with the flags this closed
// network needs (no background connections, no component updates).
//
//   const browser = await launchChromium();
//   const ctx = await launchWithExtension('build/extension');   // persistent context + MV3 extension
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A plain headless browser (scanner, gatherer tests). */
export function launchChromium(options = {}) {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, ...options });
}

/**
 * A persistent context with the unpacked extension in `dir` loaded (headless).
 * extraArgs: more Chromium flags (e.g. --lang=de, --host-resolver-rules=...).
 */
export async function launchWithExtension(dir, { extraArgs = [], ...options } = {}) {
  const ext = resolve(dir);
  const profile = mkdtempSync(join(tmpdir(), 'durchblick-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...extraArgs],
    ...options,
  });
  ctx.profileDir = profile; // finds the browser's processes (bench/extension.mjs)
  return ctx;
}
