// `durchblick analyze|har` (Node, wasm core) against `durchblick-core
// analyze|har` (native): the same stdout bytes, the same stderr message (after
// the program name) and the same exit status, for good and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NATIVE = process.env.DURCHBLICK_CORE_CLI ?? join(ROOT, 'build/durchblick-core');
const NODE_CLI = join(ROOT, 'scanner/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'durchblick-parity-'));

const snapshot = {
  schema: 'durchblick.snapshot/1',
  url: 'https://shop.example/product/4711',
  title: 'ProSound X2 – „Kopfhörer“ <b>',
  lang: 'de',
  capturedAtMs: 1780000000000.5,
  requests: [
    { url: 'https://shop.example/product/4711', type: 'main_frame' },
    { url: 'https://connect.facebook.net/en_US/fbevents.js', type: 'script' },
    { url: 'https://www.facebook.com/tr/?id=1&ev=ViewContent&cd[content_ids]=%5B%22SKU-4711%22%5D', type: 'image' },
    { url: 'https://sslwidget.criteo.com/event?a=1&p0=e%3Dvp%26p%3DSKU-4711', type: 'image' },
  ],
  texts: [
    { id: 't1', text: 'Nur noch 2 Stück auf Lager!' },
    { id: 't2', text: 'UVP 199,99 €', strike: true },
  ],
  cookies: [{ name: '_fbp', value: 'fb.1.1780000000000.1234567890', domain: 'shop.example' }],
};
const har = {
  log: {
    version: '1.2', creator: { name: 'test', version: '1' },
    pages: [{ id: 'p1', title: 'Shop', startedDateTime: '2026-01-01T00:00:00.000Z' }],
    entries: [
      { pageref: 'p1', startedDateTime: '2026-01-01T00:00:00.000Z', time: 1, _resourceType: 'document',
        request: { method: 'GET', url: 'https://shop.example/', headers: [], cookies: [] },
        response: { status: 200, headers: [{ name: 'Set-Cookie', value: 'sid=abc123def456; Path=/' }], content: { mimeType: 'text/html' } } },
      { pageref: 'p1', startedDateTime: '2026-01-01T00:00:00.100Z', time: 1, _resourceType: 'image',
        request: { method: 'GET', url: 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/?data=ecomm_prodid%3DSKU-1', headers: [] },
        response: { status: 200, headers: [], content: { mimeType: 'image/gif' } } },
    ],
  },
};
const file = (name, content) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const good = file('good.json', JSON.stringify(snapshot));
const badUtf8 = file('bad-utf8.json', Buffer.concat([Buffer.from('{"schema":"durchblick.snapshot/1","url":"https://a.example/","texts":[{"id":"t1","text":"caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"}]}')]));
const cases = [
  ['analyze', good],
  ['analyze', '--pretty', good],
  ['analyze', badUtf8],
  ['analyze', file('invalid.json', '{"schema":"durchblick.snapshot/1","url":')],
  ['analyze', file('schema.json', '{"schema":"durchblick.snapshot/9","url":"https://a.example/"}')],
  ['analyze', file('array.json', '[1,2]')],
  ['analyze', join(dir, 'missing.json')],
  ['analyze', '--jsonl', file('lines.jsonl', `${JSON.stringify(snapshot)}\n\n{"url":1}\r\n  \n${JSON.stringify({ ...snapshot, url: 'https://b.example/' })}\nnot json`)],
  ['analyze', '--jsonl', file('lines-ok.jsonl', `${JSON.stringify(snapshot)}\n${JSON.stringify(snapshot)}\n`)],
  ['har', file('good.har', JSON.stringify(har))],
  ['har', '--snapshot', join(dir, 'good.har')],
  ['har', '--snapshot', '--pretty', join(dir, 'good.har')],
  ['har', file('bad.har', '{"log":{}}')],
  ['har'],
  ['analyze', '--bogus', good],
];

const haveNative = existsSync(NATIVE);
for (const args of cases) {
  test(`same bytes and status: ${args.map((a) => a.replace(dir, '…')).join(' ')}`, { skip: !haveNative && `${NATIVE} not built` }, () => {
    const native = spawnSync(NATIVE, args, { encoding: 'buffer' });
    const node = spawnSync(process.execPath, [NODE_CLI, ...args], { encoding: 'buffer' });
    assert.equal(node.status, native.status, `exit status; node stderr: ${node.stderr}`);
    assert.ok(node.stdout.equals(native.stdout), `stdout differs:\nnode:   ${node.stdout.toString().slice(0, 400)}\nnative: ${native.stdout.toString().slice(0, 400)}`);
    const msg = (b, prog) => b.toString().split('\n').map((l) => l.replace(new RegExp(`^${prog}: `), '')).join('\n');
    assert.equal(msg(node.stderr, 'durchblick'), msg(native.stderr, 'durchblick-core'));
  });
}

test('stdin: analyze - reads standard input', { skip: !haveNative && `${NATIVE} not built` }, () => {
  const input = JSON.stringify(snapshot);
  const native = spawnSync(NATIVE, ['analyze', '-'], { input });
  const node = spawnSync(process.execPath, [NODE_CLI, 'analyze', '-'], { input });
  assert.equal(node.status, 0);
  assert.ok(node.stdout.equals(native.stdout));
  assert.match(node.stdout.toString(), /^\{"schema":"durchblick\.report\/1"/);
});
