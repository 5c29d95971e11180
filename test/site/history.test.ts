/**
 * History extraction for `cjm site` against a real git repository: renames followed, a
 * merge that changed the map listed with its first parent as "before", a commit that broke
 * the map kept (and shown broken), one `git log` + one `git cat-file --batch`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '@cjm/core';
import { followMap, logMaps, mapHistories, parseLog, readBlobs, unquotePath } from '../../cli/site/history';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyRepo } from './repo';

const repo = historyRepo();

test('the versions of a renamed, broken, branched and merged map, newest first', () => {
  const h = mapHistories(repo.dir, [repo.shop], 50)!.get(repo.shop)!;
  assert.deepEqual(
    h.versions.map((v) => [v.date.slice(0, 10), v.author, v.subject, v.status, v.path]),
    [
      ['2026-03-08', 'Anna', "Merge branch 'retitle'", 'merge', 'journeys/shop.cjm'],
      ['2026-03-07', 'Boris', 'Paying angers people', 'modified', 'journeys/shop.cjm'],
      ['2026-03-06', 'Celina', 'Retitle the journey', 'modified', 'journeys/shop.cjm'],
      ['2026-03-05', 'Anna', 'Fix the map', 'modified', 'journeys/shop.cjm'],
      ['2026-03-04', 'Anna', 'WIP: half-edited map', 'modified', 'journeys/shop.cjm'],
      ['2026-03-03', 'Anna', 'Move maps into journeys/', 'renamed', 'journeys/shop.cjm'],
      ['2026-03-02', 'Boris', 'Guest checkout shipped', 'modified', 'shop.cjm'],
      ['2026-03-01', 'Anna', 'First draft of the shop journey', 'added', 'shop.cjm'],
    ],
  );
  const [merge, , , , broken, renamed, , added] = h.versions;
  assert.equal(renamed.oldPath, 'shop.cjm');
  assert.equal(added.beforeBlob, undefined);
  // The merge's "before" is its first parent (main), so its change is the branch's title.
  assert.equal(merge.parents.length, 2);
  assert.equal(merge.beforeBlob, h.versions[1].blob);
  assert.match(h.blobs.get(merge.blob)!, /title: First order, guest checkout/);
  assert.match(h.blobs.get(merge.blob)!, /emotion: angry/);
  // The broken commit is a version like any other; its text has errors.
  assert.ok(analyze(h.blobs.get(broken.blob)!).diagnostics.some((d) => d.severity === 'error'));
  for (const v of h.versions) assert.ok(h.blobs.has(v.blob), v.subject);
});

test('the limit keeps the newest versions', () => {
  const h = mapHistories(repo.dir, [repo.shop], 3)!.get(repo.shop)!;
  assert.deepEqual(h.versions.map((v) => v.subject), ["Merge branch 'retitle'", 'Paying angers people', 'Retitle the journey']);
});

test('a map committed once has one version; a path git never saw has none', () => {
  const all = mapHistories(repo.dir, ['restaurant.cjm', 'nowhere.cjm'], 20)!;
  assert.deepEqual(all.get('restaurant.cjm')!.versions.map((v) => v.status), ['added']);
  assert.deepEqual(all.get('nowhere.cjm')!.versions, []);
});

test('blob texts are read the same through a temporary file or, when none can be made, through the pipe; none is left behind', () => {
  const ids = mapHistories(repo.dir, [repo.shop], 50)!.get(repo.shop)!.versions.map((v) => v.blob);
  const tmp = mkdtempSync(join(tmpdir(), 'cjm-blobs-test-'));
  const saved = process.env.TMPDIR;
  try {
    process.env.TMPDIR = tmp;
    const viaFile = readBlobs(repo.dir, ids);
    assert.deepEqual(readdirSync(tmp), [], 'the temporary file is removed');
    process.env.TMPDIR = join(tmp, 'missing', 'dir');
    const viaPipe = readBlobs(repo.dir, ids);
    assert.equal(viaFile.size, new Set(ids).size);
    assert.deepEqual([...viaPipe], [...viaFile]);
    assert.match(viaFile.get(ids[0])!, /title: First order, guest checkout/);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('outside a git repository there is no history, and no error', () => {
  assert.equal(mapHistories('/', ['x.cjm'], 5), undefined);
});

test('the log parser reads renames, merges and quoted paths', () => {
  const log = parseLog([
    '\x01c3\x00c2 b1\x002026-03-08T10:00:00+01:00\x00Anna\x00Merge',
    '',
    '::100644 100644 100644 aaa bbb ccc MM\tmaps/a.cjm',
    '\x01c2\x00c1\x002026-03-07T10:00:00+01:00\x00Ewa\x00Move',
    '',
    ':100644 100644 aaa aaa R100\t"old \\"q\\".cjm"\tmaps/a.cjm',
    '\x01c1\x00\x002026-03-06T10:00:00+01:00\x00Ewa\x00Add',
    '',
    ':000000 100644 0000000000000000000000000000000000000000 aaa A\t"old \\"q\\".cjm"',
  ].join('\n'));
  const v = followMap(log, 'maps/a.cjm', 10);
  assert.deepEqual(v.map((x) => [x.status, x.path, x.beforeBlob ?? '-', x.blob]), [
    ['merge', 'maps/a.cjm', 'aaa', 'ccc'],
    ['renamed', 'maps/a.cjm', 'aaa', 'aaa'],
    ['added', 'old "q".cjm', '-', 'aaa'],
  ]);
  assert.equal(unquotePath('"\\320\\272\\320\\260\\321\\200\\321\\202\\320\\260.cjm"'), 'карта.cjm');
});

test('one git log lists every map commit, newest first', () => {
  const commits = logMaps(repo.dir);
  assert.equal(commits[0].subject, "Merge branch 'retitle'");
  assert.equal(commits.at(-1)!.subject, 'First draft of the shop journey');
});
