/** The glob and .gitignore matching behind cjm.validation.include/exclude (server/src/globs.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitignoreMatcher, globToRegExp, matchesAny } from '../../server/src/globs';

test('globs: **, *, ?, braces and classes over folder-relative paths', () => {
  const m = (glob: string, path: string) => globToRegExp(glob).test(path);
  assert.ok(m('**/*.cjm', 'shop.cjm') && m('**/*.cjm', 'a/b/shop.cjm'));
  assert.ok(!m('*.cjm', 'a/shop.cjm'), '* stays in one folder');
  assert.ok(m('maps/**', 'maps/x/y.cjm') && !m('maps/**', 'other/maps.cjm'));
  assert.ok(m('{maps,journeys}/*.cjm', 'journeys/a.cjm') && !m('{maps,journeys}/*.cjm', 'docs/a.cjm'));
  assert.ok(m('v?.cjm', 'v1.cjm') && !m('v?.cjm', 'v10.cjm'));
  assert.ok(m('[ab].cjm', 'a.cjm') && !m('[!ab].cjm', 'a.cjm') && m('[!ab].cjm', 'c.cjm'));
  assert.ok(m('shop.cjm', 'shop.cjm') && !m('shop.cjm', 'shopXcjm'), 'a dot is a dot');
});

test('a path matches when it or one of its folders does (files.exclude hides folders too)', () => {
  assert.ok(matchesAny('archive/2024/old.cjm', [globToRegExp('**/archive')]));
  assert.ok(!matchesAny('maps/new.cjm', [globToRegExp('**/archive')]));
  assert.ok(!matchesAny('anything.cjm', []));
});

test('.gitignore: comments, unanchored and anchored rules, folder-only rules, negation, ignored folders stay ignored', () => {
  const ignored = gitignoreMatcher('# comment\n*.tmp.cjm\n/root-only.cjm\nbuild/\ndrafts/*\n!drafts/keep.cjm\nlogs\n!logs/keep.cjm\n');
  assert.ok(ignored('a/b/x.tmp.cjm'), 'unanchored: any depth');
  assert.ok(ignored('root-only.cjm') && !ignored('sub/root-only.cjm'), 'a leading slash anchors');
  assert.ok(ignored('build/x.cjm') && ignored('a/build/x.cjm'), 'a folder rule matches the folder at any depth');
  assert.ok(!ignored('build.cjm'), 'a folder rule does not match a file');
  assert.ok(ignored('drafts/tmp.cjm') && !ignored('drafts/keep.cjm'), 'negation re-includes a file');
  assert.ok(ignored('logs/keep.cjm'), 'a file inside an ignored folder cannot be re-included');
  assert.ok(!ignored('maps/shop.cjm'));
});
