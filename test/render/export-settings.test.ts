/** cjm.export.format and cjm.export.folder as Export… reads them (client/src/preview/exportSettings.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportLanes, exportPlace, formatWithoutAsking } from '../../client/src/preview/exportSettings';

test('a format in cjm.export.format is written without asking; "ask" and anything unknown ask', () => {
  assert.equal(formatWithoutAsking('png'), 'png');
  assert.equal(formatWithoutAsking('md'), 'md');
  for (const v of ['ask', 'PDF', '', undefined, 3]) assert.equal(formatWithoutAsking(v), undefined, String(v));
});

test('cjm.export.folder: empty is beside the map, a relative folder is in the workspace, an absolute one is itself, ".." is not followed', () => {
  assert.deepEqual(exportPlace(''), { kind: 'beside' });
  assert.deepEqual(exportPlace(undefined), { kind: 'beside' });
  assert.deepEqual(exportPlace('exports'), { kind: 'workspace', segments: ['exports'] });
  assert.deepEqual(exportPlace('./docs\\maps/'), { kind: 'workspace', segments: ['docs', 'maps'] });
  assert.deepEqual(exportPlace('/srv/maps'), { kind: 'absolute', path: '/srv/maps' });
  assert.deepEqual(exportPlace('C:\\Users\\ola\\mapy'), { kind: 'absolute', path: 'C:\\Users\\ola\\mapy' });
  assert.deepEqual(exportPlace('../outside'), { kind: 'beside' });
});

test('cjm.export.lanes: a list of lane names makes a slide; anything else draws the whole map', () => {
  assert.deepEqual(exportLanes(['actions', ' emotions ', 'pains']), ['actions', 'emotions', 'pains']);
  assert.equal(exportLanes([]), undefined);
  assert.equal(exportLanes(['', '  ']), undefined);
  assert.equal(exportLanes('actions,pains'), undefined, 'a string is not the documented shape');
  assert.deepEqual(exportLanes(['actions', 7, null]), ['actions']);
});
