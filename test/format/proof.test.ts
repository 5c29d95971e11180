/**
 * The formatter proves its result means what the input meant stage by stage where it can,
 * instead of reading the whole result again. That proof must never accept what the whole
 * reading refuses: checked here on random maps, on the formatter's own results, and on
 * results broken on purpose (a line dropped, doubled, moved, re-indented, a value changed),
 * which is what a bug in the printer would hand the proof.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CST, Parser, parseDocument } from 'yaml';
import { formatText } from '@cjm/core';
import { comments, lastProof, proofVerdicts } from '@cjm/core/format';
// @ts-expect-error plain JavaScript module shared with the benchmarks
import { generateMap } from '../../bench/generate-map.mjs';
import { layout, objectArb, write } from './arbitraries';

const lf = (s: string) => s.replace(/\r\n/g, '\n');

/** A map with several stages, each from the schema's random objects. */
const manyStages = fc.tuple(objectArb('map', 2), fc.array(objectArb('stage', 1), { minLength: 1, maxLength: 6 })).map(([top, stages]) => ({ ...top, stages }));

/** What a printer bug could do to a result: one line dropped, doubled, moved, re-indented or changed. */
const breakage = fc.record({
  kind: fc.constantFrom('drop', 'double', 'swap', 'indent', 'outdent', 'char', 'insert'),
  at: fc.nat(),
  other: fc.nat(),
  snippet: fc.constantFrom('    # moved here', '  - id: extra', 'stages:', 'title: Other', '      name: "open', '    x: 1', '#', '  -', '      - z'),
});

function broken(text: string, b: typeof breakage extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = text.split('\n');
  const i = b.at % lines.length;
  const j = b.other % lines.length;
  switch (b.kind) {
    case 'drop':
      lines.splice(i, 1);
      break;
    case 'double':
      lines.splice(i, 0, lines[i]);
      break;
    case 'swap':
      [lines[i], lines[j]] = [lines[j], lines[i]];
      break;
    case 'indent':
      lines[i] = ' ' + lines[i];
      break;
    case 'outdent':
      lines[i] = lines[i].replace(/^ /, '');
      break;
    case 'char': {
      const l = lines[i];
      const k = l.length ? b.other % l.length : 0;
      lines[i] = l.slice(0, k) + (l[k] === 'x' ? 'y' : 'x') + l.slice(k + 1);
      break;
    }
    case 'insert':
      lines.splice(i, 0, b.snippet);
      break;
  }
  return lines.join('\n');
}

test('random maps: the stage-by-stage proof gives the whole-text proof\'s result, and the output is the same', () => {
  let byStages = 0;
  fc.assert(
    fc.property(fc.oneof(objectArb('map', 0), manyStages), layout, (map, l) => {
      const input = write(map, l);
      fc.pre(input !== '' && parseDocument(input).errors.length === 0);
      const whole = formatText(input, { proof: 'whole' });
      const staged = formatText(input);
      if (lastProof.how === 'stages') byStages++;
      assert.deepEqual(staged, whole);
    }),
    { numRuns: 200 },
  );
  // the generator must reach the stage-by-stage proof, not only its fall-backs
  assert.ok(byStages > 30, `${byStages} proved by stages`);
});

test('results broken on purpose: the stage-by-stage proof never accepts what the whole-text proof refuses', () => {
  let caught = 0;
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof(manyStages, fc.constant(null)), layout, breakage, fc.nat(20), (map, l, b, stages) => {
      const input = lf(map ? write(map, { ...l, crlf: false }) : generateMap({ stages: 2 + (stages % 6), steps: 2 }).replace(/^( +)name: (Step .*)\n( +)action: (.*)$/gm, '$3action: $4\n$1name: $2'));
      fc.pre(input !== '' && parseDocument(input).errors.length === 0);
      const r = formatText(input);
      fc.pre(r.ok);
      const candidate = broken(r.text, b);
      const v = proofVerdicts(input, candidate);
      if (v.stages) {
        accepted++;
        assert.equal(v.whole, undefined, `the stage proof accepted what the whole proof refuses (${v.whole}):\n${input}\n---\n${candidate}`);
      } else if (v.whole) caught++;
    }),
    { numRuns: 400 },
  );
  assert.ok(caught > 100 && accepted > 20, `${caught} broken results refused, ${accepted} accepted`);
});

test('each kind of change the stage-by-stage proof must see', () => {
  const input = lf(generateMap({ stages: 3, steps: 1 }).replace('  - id: stage-1\n', '  # the second stage\n  - id: stage-1\n'));
  const out = formatText(input);
  assert.ok(out.ok && out.changed);
  assert.deepEqual(proofVerdicts(input, out.text), { stages: true, whole: undefined });
  const cases: Array<[string, string, string]> = [
    ['a value in a stage', 'name: Stage 2\n', 'name: Stage two\n'],
    ['a value outside the stages', 'title: Generated', 'title: Renamed'],
    ['a comment dropped', '  # the second stage\n', ''],
    ['a comment rewritten', '# the second stage', '# the 2nd stage'],
    ['a stage dropped', out.text.slice(out.text.indexOf('  - id: stage-1\n'), out.text.indexOf('  - id: stage-2\n')), ''],
    ['a key moved out of its stage', '    name: Stage 3\n', ''],
    ['stages swapped', '  - id: stage-0\n', '  - id: stage-9\n'],
    ['two stages made one', '  - id: stage-2\n', '    id: stage-2\n'],
    ['a top-level key added', 'personas:', 'extra: 1\npersonas:'],
  ];
  for (const [what, from, to] of cases) {
    assert.ok(out.text.includes(from), what);
    const v = proofVerdicts(input, out.text.replace(from, to));
    assert.equal(v.stages, false, what);
    assert.notEqual(v.whole, undefined, what);
  }
  // A second `stages:` the whole-text proof lets pass (the later one wins in the data) is
  // beyond the stage cut: it leaves it to the whole-text proof.
  assert.equal(proofVerdicts(input, out.text.replace('personas:', 'stages: []\npersonas:')).stages, false);
  // A comment moved between stages is still every comment, once: both proofs accept it.
  const moved = out.text.replace('  # the second stage\n', '').replace('  - id: stage-2\n', '  # the second stage\n  - id: stage-2\n');
  assert.deepEqual(proofVerdicts(input, moved), { stages: true, whole: undefined });
});

test('texts the stage cut cannot read exactly are proved by reading them whole', () => {
  const base = generateMap({ stages: 3, steps: 1 }).replace(/^( +)name: (Step .*)\n( +)action: (.*)$/gm, '$3action: $4\n$1name: $2');
  for (const [what, text] of [
    ['an anchor and its alias in two stages', base.replace('name: Stage 1', 'name: &first Stage 1').replace('name: Stage 3', 'name: *first')],
    ['a tag', base.replace('name: Stage 2', 'name: !!str Stage 2')],
    ['a flow stage list', base.replace(/^stages:\n[\s\S]*$/m, 'stages: [{id: a, name: A}, {id: b, name: B}]\n')],
    ['stage items at column 0', base.replace(/^stages:\n[\s\S]*$/m, (list: string) => list.replace(/^ {2}/gm, ''))],
  ]) {
    const r = formatText(text);
    assert.ok(r.ok, what);
    assert.equal(lastProof.how, 'whole', what);
    assert.deepEqual(formatText(text, { proof: 'whole' }), r, what);
  }
});

test('an already formatted map needs no proof: the text is the same', () => {
  const once = formatText(generateMap({ stages: 4, steps: 2 }));
  assert.ok(once.ok);
  const again = formatText(once.text);
  assert.equal(lastProof.how, 'unchanged');
  assert.ok(again.ok && !again.changed && again.text === once.text);
});

/** The comments as the formatter found them before its walk followed the token types: every object, each once. */
function everyComment(text: string): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const walk = (t: unknown): void => {
    if (!t || typeof t !== 'object' || seen.has(t)) return;
    seen.add(t);
    if (Array.isArray(t)) return t.forEach(walk);
    const tok = t as { type?: string; source?: string };
    if (tok.type === 'comment' && typeof tok.source === 'string') return void found.push(tok.source.trimEnd());
    for (const v of Object.values(t)) walk(v);
  };
  for (const token of new Parser().parse(text)) walk(token as CST.Token);
  return found;
}

test('the comments are found as before, in random text and in random maps', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', ':', ' ', '\n', '-', '#', '"', "'", '[', ']', '{', '}', '|', '>', '&', '*', '!', '?', ',', '\t', '.', 'é'), maxLength: 120 }), (text) => {
      assert.deepEqual(comments(text).sort(), everyComment(text).sort());
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(manyStages, layout, (map, l) => {
      const text = lf(write(map, l));
      assert.deepEqual(comments(text).sort(), everyComment(text).sort());
    }),
    { numRuns: 100 },
  );
});
