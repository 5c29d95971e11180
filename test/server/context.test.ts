/** The cursor context in half-typed documents, in-process (the LSP tests cover the wiring). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '@cjm/core';
import { cursorContext } from '../../server/src/features/context';

/** `¦` marks the cursor. */
function ctx(marked: string) {
  const offset = marked.indexOf('¦');
  return cursorContext(new LineIndex(marked.replace('¦', '')), offset);
}

test('a value being typed, a key without value, an empty item', () => {
  const v = ctx('cjm: 1\nstages:\n  - id: a\n    steps:\n      - name: x\n        emotion: sfru¦\n');
  assert.ok(v.kind === 'value' && v.spec.key === 'emotion' && v.object === 'step' && v.prefix === 'sfru');
  const k = ctx('stages:\n  - id: a\n    steps:\n      - name: x\n        channel: ¦\n');
  assert.ok(k.kind === 'value' && k.spec.key === 'channel' && k.prefix === '');
  const item = ctx('stages:\n  - id: a\n    steps:\n      - ¦\n');
  assert.ok(item.kind === 'key' && item.object === 'step' && item.present.size === 0);
});

test('sequences written at the same indentation as their key', () => {
  const c = ctx('stages:\n- id: a\n  steps:\n  - name: x\n    ¦\n');
  assert.ok(c.kind === 'key' && c.object === 'step' && c.present.has('name'), JSON.stringify(c));
});

test('present keys are collected above and below the cursor, in the same object only', () => {
  const c = ctx('stages:\n  - id: a\n    steps:\n      - name: x\n        ¦\n        emotion: happy\n      - name: y\n        joys: z\n');
  assert.ok(c.kind === 'key');
  assert.deepEqual([...c.present].sort(), ['emotion', 'name']);
});

test('flow lists, lanes and block scalars', () => {
  const flow = ctx('stages:\n  - id: a\n    steps:\n      - evidence: [survey, ana¦]\n');
  assert.ok(flow.kind === 'value' && flow.spec.key === 'evidence' && flow.prefix === 'ana' && flow.item);
  const lane = ctx('stages:\n  - id: a\n    steps:\n      - lanes:\n          le¦\n');
  assert.ok(lane.kind === 'lane-key' && lane.prefix === 'le');
  const block = ctx('description: |\n  some text\n  emotion: ¦\n');
  assert.equal(block.kind, 'none');
  const comment = ctx('# emotion: ¦\n');
  assert.equal(comment.kind, 'none');
});
