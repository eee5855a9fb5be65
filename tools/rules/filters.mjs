// Filter lists → bundle.filters: {lists: [{id, title, version, kind, license, source, text}]}
// The lists of rules/filters/lists.json, taken from the npm package it names
// (unpacked by scripts/setup into .deps/npm/, checked against its integrity
// there). Each list keeps only its network-filter lines: comments and
// cosmetic rules (##, #@#, #$#, #%#, #?#, $$) are dropped here, every other
// line goes to the core, whose parser (wasm/src/filters/) decides and counts
// what it can use (`durchblick-core filters` prints the counts).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readJson } from './read.mjs';

const COSMETIC = /#@?[?$%]?\??#|\$@?\$/;

export function packageDir(root, pkg) {
  return join(root, '.deps', 'npm', `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}`, 'package');
}

// The network-filter lines of one list, and its header fields.
export function networkLines(raw) {
  const header = {};
  const lines = [];
  const dropped = { comment: 0, blank: 0, cosmetic: 0 };
  for (const line of raw.split('\n')) {
    const t = line.trim();
    const m = /^!\s*(Title|Version|TimeUpdated|License|Homepage):\s*(.*)$/.exec(t);
    if (m && !(m[1].toLowerCase() in header)) header[m[1].toLowerCase()] = m[2];  // the first: the list itself
    if (!t) dropped.blank++;
    else if (t.startsWith('!') || (t.startsWith('[') && t.endsWith(']'))) dropped.comment++;
    else if (COSMETIC.test(t)) dropped.cosmetic++;
    else lines.push(t);
  }
  return { header, lines, dropped };
}

export default function filters(ctx) {
  const config = readJson(join(ctx.rulesDir, 'filters', 'lists.json'), ctx.root);
  const dir = packageDir(ctx.root, config.package);
  if (!existsSync(join(dir, 'package.json'))) {
    throw new Error(`${relative(ctx.root, dir)}: missing (run scripts/setup)`);
  }
  const pkg = readJson(join(dir, 'package.json'), ctx.root);
  if (pkg.version !== config.package.version) {
    throw new Error(`${relative(ctx.root, dir)}: version ${pkg.version}, lists.json wants ${config.package.version}`);
  }
  ctx.sources.push({ name: pkg.name, version: pkg.version, license: pkg.license });
  const lists = [];
  for (const list of config.lists.filter((l) => l.enabled)) {
    const file = join(dir, 'dist', 'filters', 'declarative', `ruleset_${list.ruleset}`, `ruleset_${list.ruleset}.json`);
    const ruleset = readJson(file, ctx.root);
    const raw = ruleset?.[0]?.metadata?.rawFilterList;
    if (typeof raw !== 'string') throw new Error(`${relative(ctx.root, file)}: no rawFilterList`);
    const { header, lines, dropped } = networkLines(raw);
    lists.push({
      id: list.id,
      title: header.title ?? list.id,
      version: header.version ?? '',
      updated: header.timeupdated ?? '',
      kind: list.kind,
      license: list.license,
      source: `${pkg.name}@${pkg.version} ruleset_${list.ruleset}`,
      dropped,
      text: lines.join('\n'),
    });
  }
  return { lists };
}
