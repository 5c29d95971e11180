/**
 * The structural three-way merge behind `cjm merge` (core/merge.ts), on the example maps:
 * identity merges, reordering, list items whose dash moves, block scalars that look like
 * comments, and the inputs it refuses so git can merge them line by line.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { analyze, mergeMapTexts } from '@cjm/core';
import { example, fixture } from '../helpers';

const base = readFileSync(fixture('diff', 'emotion-rose', 'before.cjm'), 'utf8');

function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `"${from}" is in the text`);
  return text.replace(from, to);
}

function merged(b: string, o: string, t: string): { text: string; conflicts: number } {
  const r = mergeMapTexts(b, o, t, { oursLabel: 'ours', theirsLabel: 'theirs' });
  assert.equal(r.kind, 'merged', JSON.stringify(r));
  const { text, conflicts } = r as { text: string; conflicts: number };
  return { text, conflicts };
}

test('every example: a side that changed nothing yields the other side, byte for byte', () => {
  const names = readdirSync(example('')).filter((n) => n.endsWith('.cjm'));
  assert.ok(names.length >= 5);
  for (const name of names) {
    const text = readFileSync(example(name), 'utf8');
    const changed = text.replace(/^title: (.*)$/m, 'title: $1 (v2)');
    assert.notEqual(changed, text, name);
    assert.deepEqual(merged(text, text, text), { text, conflicts: 0 }, name);
    assert.deepEqual(merged(text, changed, text), { text: changed, conflicts: 0 }, name);
    assert.deepEqual(merged(text, text, changed), { text: changed, conflicts: 0 }, name);
    assert.deepEqual(merged(text, changed, changed), { text: changed, conflicts: 0 }, name);
  }
});

test('their reordering of stages is kept together with our edit inside a moved stage', () => {
  const delivery = '  - id: delivery\n    steps:\n      - id: receive\n        name: Receives the parcel\n        channel: app\n        emotion: happy\n';
  const theirs = edit(edit(base, delivery, ''), '  - id: consideration\n', delivery + '  - id: consideration\n');
  const ours = edit(base, 'emotion: happy', 'emotion: delighted');
  const r = merged(base, ours, theirs);
  assert.equal(r.conflicts, 0);
  assert.equal(r.text, edit(theirs, 'emotion: happy', 'emotion: delighted'));
});

test('a step whose fields were reordered (its dash moves to another line) merges with an edit of another field', () => {
  const receive = '      - id: receive\n        name: Receives the parcel\n        channel: app\n        emotion: happy\n';
  const ours = edit(base, receive, '      - name: Receives the parcel\n        id: receive\n        channel: app\n        emotion: happy\n');
  const theirs = edit(base, 'channel: app\n        emotion: happy', 'channel: email\n        emotion: happy');
  const r = merged(base, ours, theirs);
  assert.equal(r.conflicts, 0);
  assert.equal(r.text, '' + edit(ours, 'channel: app\n        emotion: happy', 'channel: email\n        emotion: happy'));
  assert.equal(analyze(r.text).diagnostics.filter((d) => d.severity === 'error').length, 0);
});

test('a conflict on the first field of a list item: each side of the conflict keeps the dash', () => {
  const b = 'cjm: 1\ntitle: T\nstages:\n  - id: s\n    steps:\n      - name: Pays\n        id: pay\n        emotion: happy\n';
  const o = edit(b, 'name: Pays', 'name: Pays by card');
  const t = edit(edit(b, 'name: Pays', 'name: Pays online'), 'title: T', 'title: Their T');
  const r = merged(b, o, t);
  assert.equal(r.conflicts, 1);
  assert.equal(r.text, 'cjm: 1\ntitle: Their T\nstages:\n  - id: s\n    steps:\n<<<<<<< ours\n      - name: Pays by card\n=======\n      - name: Pays online\n>>>>>>> theirs\n        id: pay\n        emotion: happy\n');
});

test('block scalars with blank and #-lines stay whole; an edit after one merges beside an edit inside it', () => {
  const b = 'cjm: 1\ntitle: T\ndescription: |\n  First line\n\n  # not a comment, part of the text\nstages:\n  - id: s\n    steps:\n      - id: a\n        name: A\n';
  const o = edit(b, 'First line', 'First line, edited');
  const t = edit(b, 'name: A', 'name: A2');
  const r = merged(b, o, t);
  assert.equal(r.conflicts, 0);
  assert.equal(r.text, edit(o, 'name: A', 'name: A2'));
});

test('top-level keys added on both sides, and no final line break kept as it was', () => {
  const b = 'cjm: 1\ntitle: T';
  const r = merged(b, 'cjm: 1\nkind: future-state\ntitle: T', 'cjm: 1\ntitle: T\nlanguage: en');
  assert.deepEqual(r, { text: 'cjm: 1\nkind: future-state\ntitle: T\nlanguage: en', conflicts: 0 });
});

test('inputs it will not cut are handed back to git: not YAML, not a mapping, mixed line endings', () => {
  assert.deepEqual(mergeMapTexts(base, base, 'cjm: 1\ntitle: [open\n'), { kind: 'unstructured', side: 'theirs', reason: 'yaml', line: 2, column: 0 });
  assert.equal((mergeMapTexts('- a\n', '- b\n', '- a\n') as { reason: string }).reason, 'not-a-map');
  assert.equal((mergeMapTexts(base, base.replace(/\n/g, '\r\n'), base) as { reason: string }).reason, 'line-endings');
  assert.equal((mergeMapTexts('a: 1\r\nb: 2\n', 'a: 1\n', 'a: 1\n') as { reason: string }).reason, 'line-endings');
  assert.equal((mergeMapTexts(base, base, 'cjm: 1\nx: ' + '['.repeat(200) + ']'.repeat(200) + '\n') as { reason: string }).reason, 'too-deep');
});

test('random line edits on both sides: never throws, and a clean result always parses', () => {
  const text = readFileSync(example('online-shop.cjm'), 'utf8');
  const lines = text.split('\n');
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const mutate = () => {
    const out = [...lines];
    for (let k = 0; k < 3; k++) {
      const i = rand(out.length);
      const op = rand(3);
      if (op === 0) out.splice(i, 1);
      else if (op === 1) out.splice(i, 0, out[rand(out.length)]);
      else out[i] = out[i].replace(/: .*/, ': changed ' + rand(100));
    }
    return out.join('\n');
  };
  let clean = 0;
  for (let n = 0; n < 80; n++) {
    const r = mergeMapTexts(text, mutate(), mutate());
    if (r.kind === 'merged' && r.conflicts === 0) {
      clean++;
      assert.equal(analyze(r.text).diagnostics.some((d) => d.code === 'yaml-syntax'), false, r.text);
    }
  }
  assert.ok(clean > 0, 'some random pairs merge cleanly');
});
