// Issue 3's "Done when" on real captures, through the native CLI:
// `durchblick-core har` names the ad companies of theverge.com and
// nytimes.com, reports retargeting with evidence where the capture shows it
// (Meta pixel, Google Analytics remarketing audiences, X/Twitter audience
// pixel, cookie syncing, first-party ids sent out), and finds no advertising
// on thegreenwebfoundation.org. `classify` gives a verdict for every request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { NATIVE_CLI, SHARED } from '../lib/paths.mjs';

const HAR = (name) => join(SHARED, 'fixtures', 'har', `${name}.har`);
const run = (args, input) => spawnSync(NATIVE_CLI, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });

function report(name) {
  const r = run(['har', HAR(name)]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const findings = (rep, type) => rep.findings.filter((f) => f.type === type);
const companiesOf = (rep, type) => new Set(findings(rep, type).map((f) => f.title.en.split(': ').pop()));
const tracker = (rep, company) => rep.trackers.find((t) => t.company === company);

test('theverge.com: ad companies are named, retargeting is shown with evidence', () => {
  const rep = report('theverge.com');
  const ads = companiesOf(rep, 'tracking/advertising');
  for (const c of ['Google', 'OpenX', 'Rubicon Project', 'AppNexus', 'The Trade Desk', 'Amazon Ads', 'Media Math']) {
    assert.ok(ads.has(c), `advertising finding for ${c} (have ${[...ads].join(', ')})`);
    assert.equal(tracker(rep, c)?.category, 'advertising', c);
  }
  const retargeting = findings(rep, 'tracking/retargeting');
  const meta = retargeting.find((f) => f.ruleId === 'meta/pixel');
  assert.ok(meta, 'Meta pixel audience call');
  assert.match(meta.evidence[0].requestUrl, /^https:\/\/www\.facebook\.com\/tr\/\?id=594981607301768&ev=PixelInitialized/);
  const ga = retargeting.find((f) => f.ruleId === 'google-analytics/remarketing-collect');
  assert.ok(ga, 'Google Analytics remarketing audiences');
  assert.match(ga.evidence[0].requestUrl, /stats\.g\.doubleclick\.net\/r\/collect\?.*tid=UA-26533115-1/);
  assert.equal(tracker(rep, 'Facebook').retargeting, true);
  assert.equal(tracker(rep, 'Google').retargeting, true);
  assert.equal(tracker(rep, 'OpenX').retargeting, false);
  // The Trade Desk's user id (its cookie) handed to other ad companies.
  const ttd = findings(rep, 'tracking/cookie_sync').find((f) => f.explanation.en.includes('9c4c8ab8-0faf-43db-ba54-db7c10f85fe0'));
  assert.ok(ttd, 'cookie sync of the Trade Desk id');
  assert.match(ttd.title.en, /^Identifier synced: The Trade Desk → .*Sonobi/);
  assert.ok(ttd.evidence.some((e) => /sync\.go\.sonobi\.com\/us\.gif\?nw=td&nuid=9c4c8ab8/.test(e.requestUrl ?? '')));
});

test('nytimes.com: ad companies are named, retargeting and identifier leaks are shown with evidence', () => {
  const rep = report('nytimes.com');
  const ads = companiesOf(rep, 'tracking/advertising');
  for (const c of ['Google', 'Rocket Fuel', 'AppNexus', 'OpenX', 'Tapad', 'Neustar']) {
    assert.ok(ads.has(c), `advertising finding for ${c} (have ${[...ads].join(', ')})`);
  }
  const rules = new Set(findings(rep, 'tracking/retargeting').flatMap((f) => f.evidence.map((e) => e.note)));
  for (const id of ['meta/pixel', 'google-analytics/remarketing-collect', 'google-analytics/ga-audiences', 'x/adsct']) {
    assert.ok([...rules].some((n) => n.includes(`rule ${id} `)), `evidence of ${id}`);
  }
  const x = findings(rep, 'tracking/retargeting').find((f) => f.ruleId === 'x/adsct');
  assert.match(x.evidence[0].requestUrl, /^https:\/\/analytics\.twitter\.com\/i\/adsct\?p_user_id=/);
  // The site's own visitor id (cookie nyt-a) goes to Google Analytics.
  const leak = findings(rep, 'tracking/identifier_leak').find((f) => f.title.en.endsWith('goes to Google'));
  assert.ok(leak, 'nyt-a sent to Google');
  assert.equal(leak.evidence[0].cookieName, 'nyt-a');
  assert.equal(leak.evidence[0].text, '3593076e248514dfbe9a6d95f9b4c9bb');
  assert.match(leak.evidence[0].requestUrl, /google-analytics\.com\/collect\?/);
  assert.ok(findings(rep, 'tracking/cookie_sync').length >= 3);
});

test('thegreenwebfoundation.org: no advertising, no retargeting', () => {
  const rep = report('thegreenwebfoundation.org');
  const ad = ['advertising', 'retargeting', 'product_retargeting', 'retargeted_ad', 'cookie_sync',
    'identifier_leak', 'hashed_pii'].map((t) => `tracking/${t}`);
  assert.deepEqual(rep.findings.map((f) => f.type).filter((t) => ad.includes(t)), []);
  assert.ok(!rep.trackers.some((t) => t.category === 'advertising' || t.retargeting));
});

test('classify gives every request of a capture a verdict', () => {
  const snap = JSON.parse(run(['har', '--snapshot', HAR('theverge.com')]).stdout);
  const input = snap.requests.map((r) => `${r.url}\t${r.type}`).join('\n');
  const r = run(['classify', '--page', snap.url, '-'], input);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'url\thost\tcompany\tcategory\ttracker\tretargeting\treason');
  const rows = lines.slice(1).map((l) => l.split('\t'));
  assert.equal(rows.length, snap.requests.length);
  for (const row of rows) assert.equal(row.length, 7, row.join(' | '));
  const pixel = rows.find((row) => row[0].startsWith('https://www.facebook.com/tr/?id=594981607301768'));
  assert.deepEqual(pixel.slice(1, 6), ['www.facebook.com', 'Facebook', 'social', 'yes', 'yes']);
  assert.match(pixel[6], /audience endpoint meta\/pixel/);
  const own = rows.find((row) => row[1] === 'www.theverge.com');
  assert.equal(own[4], 'no');
  assert.match(own[6], /^first party/);
  assert.ok(rows.filter((row) => row[4] === 'yes').length > 100);
  const bad = run(['classify', '-'], 'x');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /classify needs --page URL/);
});
