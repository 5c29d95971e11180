/**
 * Random maps built from the schema, written in random key order with random comments and
 * layouts: what the formatter's property tests feed it.
 */
import fc from 'fast-check';
import { Document, isScalar, visit } from 'yaml';
import { ObjectName, SCHEMA } from '@cjm/core';

export const word = fc.constantFrom('anna', 'web', 'Pays', 'yes', '+2', '1e3', '0x1F', 'null', '48%', 'a: b', '#hash', "it's", 'say "hi"', 'Оплата', 'Zakup ✓', '- dash', 'two\nlines', ' padded ', '', '~');
const value = fc.oneof(word, fc.integer({ min: -3, max: 3 }), fc.array(word, { minLength: 1, maxLength: 3 }));

export type Plain = Record<string, unknown>;
export function objectArb(object: ObjectName, depth: number): fc.Arbitrary<Plain> {
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

export const layout = fc.record({
  indent: fc.constantFrom(2, 3, 4),
  indentSeq: fc.boolean(),
  flowLists: fc.boolean(),
  crlf: fc.boolean(),
  comments: fc.array(fc.tuple(fc.nat(), fc.constantFrom('before', 'after', 'space'), fc.constantFrom(' why', ' Почему?', 'x: y', ' # nested')), { maxLength: 6 }),
});

export type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

export function write(map: Plain, l: Layout): string {
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

