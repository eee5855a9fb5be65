// The extension's local memory (extension/lib/memory.js) on an in-memory
// stand-in for chrome.storage.local: deduplication, what a page recalls,
// wiping, the size bound.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.chrome = {
  storage: {
    local: {
      get: async (key) => (store.has(key) ? { [key]: structuredClone(store.get(key)) } : {}),
      set: async (obj) => { for (const [k, v] of Object.entries(obj)) store.set(k, structuredClone(v)); },
      remove: async (key) => { store.delete(key); },
    },
  },
};
const { remember, recall, listMemory, wipeMemory, productViewsFrom, MAX_ENTRIES } = await import('../../extension/lib/memory.js');

beforeEach(() => store.clear());
const obs = (kind, key, value, url, seenAtMs) => ({ kind, key, value, url, seenAtMs });

test('the same fact seen again moves seenAtMs, not the first sighting', async () => {
  await remember([obs('price', 'BL-4711', '89,99 €', 'https://shop.test/p#x', 1000)]);
  await remember([obs('price', 'BL-4711', '89,99 €', 'https://shop.test/p', 5000)]);
  const [e, ...rest] = await listMemory();
  assert.equal(rest.length, 0);
  assert.deepEqual(e, { kind: 'price', key: 'BL-4711', value: '89,99 €', url: 'https://shop.test/p', site: 'shop.test', firstSeenAtMs: 1000, seenAtMs: 5000 });
});

test('a page recalls its prices, its timers and recent product views', async () => {
  await remember([
    obs('price', 'BL-4711', '89,99 €', 'https://shop.test/a', 1000),
    obs('price', 'https://shop.test/b', '5 €', 'https://shop.test/b', 1000),
    obs('price', 'OTHER', '1 €', 'https://shop.test/c', 1000),
    obs('timer_end', 'timer0', '99000', 'https://shop.test/a', 1000),
    obs('timer_end', 'timer0', '99000', 'https://shop.test/a', 3000),
    obs('timer_end', 'timer0', '77000', 'https://elsewhere.test/', 1000),
    obs('product_view', 'BL-4711', 'Schuh', 'https://shop.test/a', 2000),
  ]);
  const h = await recall({ url: 'https://shop.test/a#top', productIds: ['BL-4711'] });
  assert.deepEqual(h.map((x) => `${x.kind} ${x.key} ${x.value} ${x.seenAtMs}`).sort(), [
    'price BL-4711 89,99 € 1000', 'product_view BL-4711 Schuh 2000', 'timer_end timer0 99000 1000',
  ]);
  assert.ok(h.every((x) => Object.keys(x).join() === 'kind,key,value,url,seenAtMs'), 'only PriorObservation fields');
  const byUrl = await recall({ url: 'https://shop.test/b' });
  assert.deepEqual(byUrl.filter((x) => x.kind === 'price').map((x) => x.value), ['5 €']);
});

test('wiping one site keeps the others; wiping all leaves nothing', async () => {
  await remember([obs('price', 'a', '1 €', 'https://one.test/', 1), obs('price', 'b', '2 €', 'https://two.test/', 2)]);
  await wipeMemory('one.test');
  assert.deepEqual((await listMemory()).map((e) => e.site), ['two.test']);
  await wipeMemory();
  assert.deepEqual(await listMemory(), []);
});

test('the memory is bounded, oldest dropped first', async () => {
  const many = Array.from({ length: MAX_ENTRIES + 10 }, (_, i) => obs('product_view', `p${i}`, '', 'https://s.test/', i));
  await remember(many);
  const all = await listMemory();
  assert.equal(all.length, MAX_ENTRIES);
  assert.equal(all.at(-1).key, 'p10');
});

test('product views are the snapshot\'s product ids', () => {
  assert.deepEqual(productViewsFrom({ url: 'https://s.test/p#r', title: 'Schuh', productIds: ['A', '', 7, 'B'] }, 9),
    [obs('product_view', 'A', 'Schuh', 'https://s.test/p', 9), obs('product_view', 'B', 'Schuh', 'https://s.test/p', 9)]);
});
