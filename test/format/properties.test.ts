/**
 * Properties of the formatter on random maps built from the schema, written in random key
 * order with random comments and layouts: the data and the comments survive, the output
 * is a fixed point, and every object's known keys come out in the schema's order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { YAMLMap, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { ObjectName, SCHEMA, fieldSpec, formatText } from '@cjm/core';
import { comments } from '@cjm/core/format';
import { layout, objectArb, write } from './arbitraries';

function keysInOrder(node: unknown, object: ObjectName | undefined): boolean {
  if (isSeq(node)) return node.items.every((i) => keysInOrder(i, object));
  if (!isMap(node)) return true;
  const keys = (node as YAMLMap).items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  if (object) {
    const order = SCHEMA[object].map((f) => f.key);
    const ranks = keys.map((k) => (order.includes(k) ? order.indexOf(k) : Infinity));
    if (ranks.some((r, i) => i > 0 && r < ranks[i - 1])) return false;
  }
  return (node as YAMLMap).items.every((p) => {
    const spec = object && isScalar(p.key) ? fieldSpec(object, String(p.key.value)) : undefined;
    return keysInOrder(p.value, spec?.type.t === 'list' ? spec.type.of : undefined);
  });
}

test('random maps: same data, same comments, idempotent, keys in schema order', () => {
  let withComments = 0;
  let reordered = 0;
  fc.assert(
    fc.property(objectArb('map', 0), layout, (map, l) => {
      const input = write(map, l);
      fc.pre(input !== '' && parseDocument(input).errors.length === 0);
      const r = formatText(input);
      assert.ok(r.ok, `${r.ok ? '' : r.reason}\n${input}`);
      const out = r.text;
      if (comments(input.replace(/\r\n/g, '\n')).length) withComments++;
      if (!keysInOrder(parseDocument(input).contents, 'map')) reordered++;
      assert.deepEqual(parseDocument(out).toJS(), parseDocument(input).toJS());
      const lf = (s: string) => s.replace(/\r\n/g, '\n');
      assert.deepEqual(comments(lf(out)).sort(), comments(lf(input)).sort());
      assert.equal(out.includes('\r\n'), l.crlf);
      const again = formatText(out);
      assert.ok(again.ok && again.text === out, `not idempotent:\n${out}\n---\n${again.text}`);
      assert.ok(keysInOrder(parseDocument(out).contents, 'map'), out);
    }),
    { numRuns: 150 },
  );
  // the generator must exercise what the property is about
  assert.ok(withComments > 40 && reordered > 40, `${withComments} with comments, ${reordered} reordered`);
});

test('random text never throws and a refusal always returns the input untouched', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', ':', ' ', '\n', '-', '#', '"', "'", '[', ']', '{', '}', '|', '>', '&', '*', '!', '\t', 'é'), maxLength: 80 }), (text) => {
      const r = formatText(text);
      if (!r.ok) {
        assert.equal(r.text, text);
        assert.ok(r.reason.length > 0);
      } else {
        assert.equal(formatText(r.text).text, r.text);
      }
    }),
    { numRuns: 300 },
  );
});
