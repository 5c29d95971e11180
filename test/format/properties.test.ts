/**
 * Properties of the formatter on random maps built from the schema, written in random key
 * order with random comments and layouts: the data and the comments survive, the output
 * is a fixed point, and every object's known keys come out in the schema's order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Document, YAMLMap, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { ObjectName, SCHEMA, fieldSpec, formatText } from '@cjm/core';
import { comments } from '@cjm/core/format';

const word = fc.constantFrom('anna', 'web', 'Pays', 'yes', '+2', '1e3', '0x1F', 'null', '48%', 'a: b', '#hash', "it's", 'say "hi"', 'Оплата', 'Zakup ✓', '- dash', 'two\nlines', ' padded ', '', '~');
const value = fc.oneof(word, fc.integer({ min: -3, max: 3 }), fc.array(word, { minLength: 1, maxLength: 3 }));

type Plain = Record<string, unknown>;
function objectArb(object: ObjectName, depth: number): fc.Arbitrary<Plain> {
  const fields = SCHEMA[object].filter((f) => f.type.t !== 'list' || depth < 3);
  const entries = fields.map((f) => {
    const v: fc.Arbitrary<unknown> = f.type.t === 'list' ? fc.array(objectArb(f.type.of, depth + 1), { maxLength: 2 }) : f.type.t === 'lanes' ? fc.dictionary(fc.constantFrom('legal', 'ops', 'zeta'), word) : value;
    return fc.option(v.map((x) => [f.key, x] as const), { nil: undefined, freq: 2 });
  });
  const extra = fc.option(value.map((x) => ['x-custom', x] as const), { nil: undefined, freq: 4 });
  return fc.tuple(fc.tuple(...entries, extra), fc.nat()).map(([es, seed]) => {
    const present = es.filter((e): e is readonly [string, unknown] => e !== undefined);
    // a deterministic shuffle so keys arrive out of order
    const shuffled = present.map((e, i) => ({ e, k: (seed * 31 + i * 17) % 97 })).sort((a, b) => a.k - b.k).map((x) => x.e);
    return Object.fromEntries(shuffled);
  });
}

const layout = fc.record({
  indent: fc.constantFrom(2, 3, 4),
  indentSeq: fc.boolean(),
  flowLists: fc.boolean(),
  crlf: fc.boolean(),
  comments: fc.array(fc.tuple(fc.nat(), fc.constantFrom('before', 'after', 'space'), fc.constantFrom(' why', ' Почему?', 'x: y', ' # nested')), { maxLength: 6 }),
});

type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

function write(map: Plain, l: Layout): string {
  const doc = new Document(map);
  const nodes: Array<{ commentBefore?: string | null; comment?: string | null; spaceBefore?: boolean }> = [];
  visit(doc, {
    Scalar(_k, n) {
      nodes.push(n);
    },
    Seq(_k, n) {
      if (l.flowLists && n.items.every((i) => isScalar(i))) n.flow = true;
    },
  });
  for (const [i, where, text] of l.comments) {
    if (!nodes.length) break;
    const n = nodes[i % nodes.length];
    if (where === 'before') n.commentBefore = text;
    else if (where === 'after') n.comment = text;
    else n.spaceBefore = true;
  }
  let text: string;
  try {
    text = doc.toString({ indent: l.indent, indentSeq: l.indentSeq, lineWidth: 60 });
  } catch {
    return '';
  }
  return l.crlf ? text.replace(/\n/g, '\r\n') : text;
}

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
