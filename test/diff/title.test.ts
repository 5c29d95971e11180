/** The visual diff's tab title tells comparisons of one map apart, before ↔ after as its toolbar (client/src/diff/labels.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffTitle } from '../../client/src/diff/labels';

const file = (path: string) => ({ scheme: 'file', path, label: path.split('/').pop()! });

test('a map compared with HEAD and with a branch gets two titles, each naming the revision', () => {
  const map = file('/work/shop.cjm');
  const head = diffTitle({ scheme: 'git', path: '/work/shop.cjm', label: 'HEAD' }, { ...map, label: 'shop.cjm (Working Tree)' });
  const main = diffTitle({ scheme: 'git', path: '/work/shop.cjm', label: 'main' }, { ...map, label: 'shop.cjm (Working Tree)' });
  assert.equal(head, 'shop.cjm (HEAD) ↔ shop.cjm');
  assert.equal(main, 'shop.cjm (main) ↔ shop.cjm');
});

test('two revisions are both named; two files by their names, the older first', () => {
  assert.equal(diffTitle({ scheme: 'git', path: '/w/shop.cjm', label: 'HEAD' }, { scheme: 'git', path: '/w/shop.cjm', label: 'Index' }), 'shop.cjm (HEAD) ↔ shop.cjm (Index)');
  assert.equal(diffTitle(file('/w/old/shop.cjm'), file('/w/new/sklep.cjm')), 'shop.cjm ↔ sklep.cjm');
});
