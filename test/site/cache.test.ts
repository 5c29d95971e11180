/**
 * `cjm site --cache`: a rebuild takes each version's facts and change log from the cache by
 * blob id and analyses only what is new, and the site it writes is byte for byte the one a
 * build without the cache writes. Another build of cjm, or a damaged cache file, means
 * starting afresh, never a failure or a different site.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, findSiteScripts } from '../../cli/site/build';
import { ROOT } from '../helpers';
import { commit, historyRepo } from './repo';
import { siteFiles } from './site-files';

const scripts = findSiteScripts(join(ROOT, 'out'))!;
const FILES = ['journeys/shop.cjm', 'restaurant.cjm', 'bank-omnichannel-ru.cjm', 'sklep-internetowy-pl.cjm'];

function build(dir: string, cache?: { dir: string; version: string }) {
  const out = mkdtempSync(join(tmpdir(), 'cjm-site-out-'));
  const result = buildSite({ files: FILES.map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') })), cwd: dir, out, locale: 'en', history: 20, scripts, ...(cache ? { cache } : {}) });
  return { out, result };
}

test('a rebuild takes every version from the cache and writes the same site', () => {
  const repo = historyRepo();
  const cache = { dir: mkdtempSync(join(tmpdir(), 'cjm-site-cache-')), version: 'test-1' };
  const plain = build(repo.dir);
  const first = build(repo.dir, cache);
  // shop: 8 versions (the fix brings back a text analysed before); the others one version each.
  assert.equal(first.result.versions, 11);
  assert.equal(first.result.analysed, plain.result.analysed);
  assert.ok(first.result.analysed > 3);
  const second = build(repo.dir, cache);
  assert.equal(second.result.analysed, 0);
  assert.equal(second.result.versions, 11);
  assert.deepEqual(siteFiles(second.out), siteFiles(plain.out));
  assert.deepEqual(siteFiles(first.out), siteFiles(plain.out));
  // The Russian and Polish maps' change logs come back in their languages.
  assert.match(siteFiles(second.out).get(join('maps', 'bank-omnichannel-ru.html'))!, /lang="ru"/);
});

test('after a push, only the new version is analysed (and the one it is compared with)', () => {
  const repo = historyRepo();
  const cache = { dir: mkdtempSync(join(tmpdir(), 'cjm-site-cache-')), version: 'test-1' };
  build(repo.dir, cache);
  const shop = join(repo.dir, 'journeys', 'shop.cjm');
  writeFileSync(shop, readFileSync(shop, 'utf8').replace('        emotion: angry', '        emotion: satisfied'));
  commit(repo, 9, 'Paying is fine again', 'Boris');
  const next = build(repo.dir, cache);
  assert.equal(next.result.versions, 12);
  assert.equal(next.result.analysed, 2);
  assert.deepEqual(siteFiles(next.out), siteFiles(build(repo.dir).out));
  assert.match(siteFiles(next.out).get(join('maps', 'journeys-shop.html'))!, /Paying is fine again/);
});

test('a cache of another cjm build, or a damaged one, is not used, and the build still succeeds', () => {
  const repo = historyRepo();
  const dir = mkdtempSync(join(tmpdir(), 'cjm-site-cache-'));
  const plain = build(repo.dir);
  build(repo.dir, { dir, version: 'old' });
  const other = build(repo.dir, { dir, version: 'new' });
  assert.equal(other.result.analysed, plain.result.analysed);
  assert.deepEqual(siteFiles(other.out), siteFiles(plain.out));
  writeFileSync(join(dir, 'cjm-site-cache.json'), '{"cjm":"new","facts":{"en:1":{"errors":"x"}},"logs":[');
  const damaged = build(repo.dir, { dir, version: 'new' });
  assert.equal(damaged.result.analysed, plain.result.analysed);
  assert.deepEqual(siteFiles(damaged.out), siteFiles(plain.out));
  // Entries of the right build but the wrong shape are computed again, not trusted.
  const stored = JSON.parse(readFileSync(join(dir, 'cjm-site-cache.json'), 'utf8'));
  for (const k of Object.keys(stored.facts)) stored.facts[k] = { errors: 'none', scores: 3 };
  for (const k of Object.keys(stored.logs)) stored.logs[k] = { identical: false, formattingOnly: false, changes: [{ kind: 'pain-added', line: 42 }] };
  writeFileSync(join(dir, 'cjm-site-cache.json'), JSON.stringify(stored));
  const wrong = build(repo.dir, { dir, version: 'new' });
  assert.equal(wrong.result.analysed, plain.result.analysed);
  assert.deepEqual(siteFiles(wrong.out), siteFiles(plain.out));
});

test('a cache that cannot be written is reported, and the site is built all the same', () => {
  const repo = historyRepo();
  // A file where the cache's folder should be: no folder can be made there.
  const blocked = join(mkdtempSync(join(tmpdir(), 'cjm-site-cache-')), 'file');
  writeFileSync(blocked, 'not a folder');
  const plain = build(repo.dir);
  const r = build(repo.dir, { dir: blocked, version: 'test-1' });
  assert.match(r.result.cacheProblem ?? '', /^E[A-Z]+$/);
  assert.equal(plain.result.cacheProblem, undefined);
  assert.deepEqual(siteFiles(r.out), siteFiles(plain.out));
});
