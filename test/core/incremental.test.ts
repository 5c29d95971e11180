/**
 * The incremental analyzer must give exactly what a full analysis gives, after any
 * sequence of edits: it is only allowed to be faster.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { Analysis, IncrementalAnalyzer, IncrementalOptions, LineIndex, analyze, textChange } from '@cjm/core';
// @ts-expect-error plain JavaScript module shared with the benchmarks
import { generateMap } from '../../bench/generate-map.mjs';
import { ROOT, example } from '../helpers';

/** Everything observable about an analysis, as plain data. */
function observable(a: Analysis): unknown {
  return JSON.parse(
    JSON.stringify({ map: a.map, diagnostics: a.diagnostics, definitions: a.symbols.definitions, references: a.symbols.references }, (k, v) =>
      v instanceof Map ? Object.fromEntries(v) : k === 'info' ? v?.id : v,
    ),
  );
}

/**
 * After every edit of a random sequence (at a position, deleting up to `maxDelete` characters,
 * inserting one of `pieces`) over one of `bases`, the incremental result equals a full analysis.
 */
function equalAfterEdits(options: IncrementalOptions, bases: readonly string[], pieces: fc.Arbitrary<string>, maxDelete: number, maxEdits: number, numRuns: number): void {
  fc.assert(
    fc.property(fc.constantFrom(...bases), fc.array(fc.tuple(fc.nat(), fc.nat({ max: maxDelete }), pieces), { minLength: 1, maxLength: maxEdits }), (base, edits) => {
      const inc = new IncrementalAnalyzer(options);
      let text = base;
      assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)));
      for (const [pos, del, ins] of edits) {
        const at = pos % (text.length + 1);
        text = text.slice(0, at) + ins + text.slice(at + del);
        assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)));
      }
    }),
    { numRuns },
  );
}

const shop = readFileSync(example('online-shop.cjm'), 'utf8');

/**
 * Both ways of reusing a stage an edit moved: copied with moved spans (the default, every
 * analysis stays true), and the same objects with their spans moved in place (`latestOnly`,
 * the language server's: the latest analysis is true); and the site's history walk (copies, a
 * changed stage parsed step by step, parses kept for a few versions). Every property holds for each.
 */
const MODES: ReadonlyArray<{ name: string; options: IncrementalOptions }> = [
  { name: 'copies', options: {} },
  { name: 'latest only', options: { latestOnly: true } },
  { name: 'the site\'s: copies, step by step, parses kept for four analyses', options: { keep: 4, stepwise: true } },
];

test('an edit inside one stage is analysed incrementally and equals a full analysis', () => {
  const inc = new IncrementalAnalyzer();
  inc.analyze(shop);
  const edited = shop.replace('emotion: anxious', 'emotion: angry');
  const a = inc.analyze(edited);
  assert.equal(inc.lastMode, 'incremental');
  assert.deepEqual(observable(a), observable(analyze(edited)));
});

test('texts with anchors, syntax errors or flow stage lists fall back to a full parse', () => {
  const inc = new IncrementalAnalyzer();
  for (const t of [shop.replace('title: First', 'title: &t First'), shop.replace('emotion: happy', 'emotion: [happy'), 'cjm: 1\ntitle: t\nstages: [{id: a}]\n']) {
    const a = inc.analyze(t);
    assert.equal(inc.lastMode, 'full');
    assert.deepEqual(observable(a), observable(analyze(t)));
  }
});

const corpus = readdirSync(`${ROOT}/examples`)
  .filter((f) => f.endsWith('.cjm'))
  .map((f) => readFileSync(`${ROOT}/examples/${f}`, 'utf8'))
  // a top-level key after the stages exercises the cut document's second half
  .flatMap((t) => [t, `${t}notes: |\n  Reviewed after the stages\n`]);
const piece = fc.constantFrom('\n', ' ', '  ', '- ', ': ', 'emotion: happy\n', '      - name: New step\n', '  - id: extra\n', '# note\n', 'x', 'stages:\n', '\n    steps:\n', '"', '[', ']');

for (const mode of MODES) test(`after random edit sequences the incremental result equals a full analysis (${mode.name})`, () => {
  equalAfterEdits(mode.options, corpus, piece, 30, 10, 120);
});

// Line terminators other than LF: the JavaScript regexes that cut the text see a line break
// at CR, U+2028 and U+2029, while YAML breaks lines at LF, CRLF and CR only.
const terminator = fc.constantFrom('\r\n', '\r', '\u2028', '\u2029', '\n');
const terminatorPiece = fc.oneof(
  terminator,
  terminator.map((t) => `${t}  - id: extra${t}    steps:${t}`),
  terminator.map((t) => `${t}stages:${t}`),
  terminator.map((t) => `emotion: happy${t}`),
);

for (const mode of MODES) test(`every line terminator: the incremental result equals a full analysis, and ranges stay on their line (${mode.name})`, () => {
  const crlf = corpus.map((t) => t.replace(/\n/g, '\r\n'));
  const cr = corpus.slice(0, 2).map((t) => t.replace(/\n/g, '\r'));
  fc.assert(
    fc.property(fc.constantFrom(...corpus, ...crlf, ...cr), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 10 }), terminatorPiece), { minLength: 1, maxLength: 6 }), (base, edits) => {
      const inc = new IncrementalAnalyzer(mode.options);
      let text = base;
      assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)));
      for (const [pos, del, ins] of edits) {
        const at = pos % (text.length + 1);
        text = text.slice(0, at) + ins + text.slice(at + del);
        const a = inc.analyze(text);
        assert.deepEqual(observable(a), observable(analyze(text)));
        for (const d of a.diagnostics) {
          const start = a.lines.positionAt(d.span.start);
          const end = a.lines.positionAt(d.span.end);
          assert.ok(end.character <= a.lines.lineText(end.line).length && start.character <= a.lines.lineText(start.line).length, `${d.code} ends past its line: ${JSON.stringify([start, end])}`);
        }
      }
    }),
    { numRuns: 150 },
  );
});

test('a stage that only U+2028 or a lone CR separates is not read on its own', () => {
  for (const t of ['\u2028', '\u2029', '\r']) {
    const text = shop.replace('\nstages:\n', `\nnotes: x${t}stages:\n`);
    const inc = new IncrementalAnalyzer();
    assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)), JSON.stringify(t));
    const edited = text.replace('emotion: anxious', 'emotion: angry');
    assert.deepEqual(observable(inc.analyze(edited)), observable(analyze(edited)), JSON.stringify(t));
  }
});

test('brackets inside quotes add up across stages: the guard walks the chunks as one text', () => {
  // Each stage alone is far below the guard's raw bracket limit; all of them together are above it.
  const stage = (i: number) => `  - id: s${i}\n    name: "${'['.repeat(60)}"\n`;
  const many = (n: number) => `cjm: 1\ntitle: Brackets\nstages:\n${Array.from({ length: n }, (_, i) => stage(i)).join('')}`;
  const inc = new IncrementalAnalyzer();
  for (const text of [many(5), many(9), many(5), many(9).replace('id: s3', 'id: s33')]) {
    const a = inc.analyze(text);
    assert.deepEqual(observable(a), observable(analyze(text)));
  }
  assert.ok(analyze(many(9)).diagnostics.some((d) => d.code === 'too-deep'));
});

test('a stage read before is read again when what it depends on above it changes', () => {
  const inc = new IncrementalAnalyzer();
  const base = shop.replace('emotion: anxious', 'emotion: anxiuos');
  const steps = [
    base,
    // the language changes how an unknown emotion is explained
    base.replace('cjm: 1\n', 'cjm: 1\nlanguage: ru\n'),
    base,
    // without declared sources, evidence cites nothing
    base.replace('\nsources:', '\nsourcez:'),
    base,
    // typing before the stages moves every one of them
    base.replace('title: ', 'title: x'),
  ];
  for (const text of steps) assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)));
  assert.equal(inc.lastMode, 'incremental');
});

const stagePiece = fc.constantFrom('"[[[[', '\'{{', ' # [[[', ']]', '|\n      [[[\n', 'emotion: angry', 'emotion: злой', 'evidence: [interviews]', 'language: pl\n', 'language: ru\n', 'x', '\n');

// Found by the property below (seed -1797963320): a comment typed into the last line's
// indentation. The parser ends the stage list, and the map with it, after comment lines
// indented under the last stage, by rules that depend on their indentation.
for (const mode of MODES) test(`comment lines ending the map, at any indentation, end it where a full analysis does (${mode.name})`, () => {
  const bases = [shop, 'cjm: 1\ntitle: T\nstages:\n  - id: x\n    name: X\n  - id: z\n    steps:\n      - id: y\n        owner: m\n    name: Z\n'];
  const tails = ['  # c\n', '    # c\n', '        # c\n', '# c\n', '  # c\n# d\n', '# d\n  # c\n', '  # c\n\n', '\n  # c\n', '  # c', '   # c\nnotes: x\n'];
  for (const base of bases) {
    for (const tail of tails) {
      const inc = new IncrementalAnalyzer(mode.options);
      inc.analyze(base);
      const text = base + tail;
      assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)), JSON.stringify(tail));
    }
  }
  const at = shop.lastIndexOf('\n', shop.length - 2) + 3;
  const typed = `${shop.slice(0, at)} # [[["${shop.slice(at)}`;
  const inc = new IncrementalAnalyzer(mode.options);
  inc.analyze(shop);
  assert.deepEqual(observable(inc.analyze(typed)), observable(analyze(typed)));
});

for (const mode of MODES) test(`edits anywhere, including brackets, quotes and the map language, keep incremental = full (${mode.name})`, () => {
  equalAfterEdits(mode.options, corpus, stagePiece, 8, 12, 120);
});

test('a comment line that ends a stage, less indented than its steps, ends the stage in both analyses at the same place', () => {
  // Found by the property test below: the parser ended the whole stage in the next line's indentation.
  const blueprint = readFileSync(example('service-blueprint.cjm'), 'utf8');
  const edited = blueprint.replace('        support: ERP billing module\n        owner: key-account\n', '        support: ERP billing module\n      # [[[   owner: key-account\n');
  assert.notEqual(edited, blueprint);
  const inc = new IncrementalAnalyzer();
  inc.analyze(blueprint);
  assert.deepEqual(observable(inc.analyze(edited)), observable(analyze(edited)));
});

test('a key left empty after the stages (`: |`) is placed where a full analysis places it', () => {
  // Found by the property test above: the empty key's message pointed into the stages.
  const text = `${shop}: |\n  Reviewed after the stages\n`;
  const inc = new IncrementalAnalyzer();
  inc.analyze(shop);
  assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)));
  assert.deepEqual(observable(inc.analyze(`\n${text}`)), observable(analyze(`\n${text}`)));
});

test('typing inside a stage finds the cut from the change alone; an edit above the stages cuts the whole text; both equal a full analysis', () => {
  const inc = new IncrementalAnalyzer();
  inc.analyze(shop);
  const at = shop.indexOf('emotion: anxious');
  let text = shop;
  for (const ch of 'abc') {
    text = text.slice(0, at) + ch + text.slice(at);
    assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)));
    assert.equal(inc.lastCut, 'change');
  }
  // A new stage typed inside one: the changed chunk is cut in two.
  text = text.replace('      - name: ', '  - id: typed-in\n    steps:\n      - name: ');
  assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)));
  assert.equal(inc.lastCut, 'change');
  text = text.replace('title: ', 'title: x');
  assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)));
  assert.equal(inc.lastCut, 'whole');
});

test('textChange finds the one changed region, and a line index moved by it equals one built from scratch', () => {
  const line = fc.constantFrom('a', 'b', '\n', ' ', 'ab\n', '\n\n', 'é', '😀');
  const str = fc.array(line, { maxLength: 40 }).map((xs) => xs.join(''));
  fc.assert(
    fc.property(str, fc.nat(), fc.nat({ max: 12 }), str, (a, pos, del, ins) => {
      const at = pos % (a.length + 1);
      const b = a.slice(0, at) + ins + a.slice(at + del);
      const c = textChange(a, b);
      assert.equal(a.slice(0, c.from) + b.slice(c.from, c.newEnd) + a.slice(c.oldEnd), b);
      assert.ok(c.from <= c.oldEnd && c.from <= c.newEnd && a.length - c.oldEnd === b.length - c.newEnd);
      const moved = LineIndex.afterChange(new LineIndex(a), b, c);
      const fresh = new LineIndex(b);
      assert.equal(moved.lineCount, fresh.lineCount);
      for (let o = 0; o <= b.length; o++) assert.deepEqual(moved.positionAt(o), fresh.positionAt(o));
    }),
    { numRuns: 300 },
  );
  // Long texts go through the block comparison.
  const long = shop.repeat(8);
  const edited = `${long.slice(0, 20_000)}x${long.slice(20_003)}`;
  assert.deepEqual(textChange(long, edited), { from: 20_000, oldEnd: 20_003, newEnd: 20_001 });
});

test('a map parsed stage by stage in portions (prepare) then analysed equals a full analysis, and the portions are many for a big map', () => {
  const big: string = generateMap({ stages: 120, steps: 4 });
  const inc = new IncrementalAnalyzer();
  let portions = 0;
  for (const _ of inc.prepare(big, 16 * 1024)) portions++;
  assert.ok(portions >= big.length / (2 * 16 * 1024), `${portions} portions for ${big.length} characters`);
  assert.deepEqual(observable(inc.analyze(big)), observable(analyze(big)));
  assert.equal(inc.lastMode, 'incremental');
  // Texts that cannot be cut are left to the analysis, which still equals a full one.
  for (const t of [shop.replace('title: First', 'title: &t First'), 'cjm: 1\ntitle: t\nstages: [{id: a}]\n']) {
    const other = new IncrementalAnalyzer();
    for (const _ of other.prepare(t)) portions++;
    assert.deepEqual(observable(other.analyze(t)), observable(analyze(t)));
  }
});

test('whole-map rules over stages reused as they were read: an opportunity, an id or a reference elsewhere changes what a reused stage reports', () => {
  const base = [
    'cjm: 1',
    'title: Reuse',
    'personas:',
    '  - id: anna',
    'stages:',
    '  - id: awareness',
    '    steps:',
    '      - id: see-ad',
    '        name: Sees an ad',
    '        persona: anna',
    '        emotion: curious',
    '        pains: [Too loud]',
    '  - id: purchase',
    '    steps:',
    '      - id: pay',
    '        name: Pays',
    '        emotion: happy',
    '',
  ].join('\n');
  const inc = new IncrementalAnalyzer();
  const steps = [
    base,
    // a map-level opportunity now addresses the first stage's pains
    base.replace('stages:\n', 'opportunities:\n  - text: Quieter ads\n    stage: awareness\nstages:\n'),
    base,
    // the second stage takes the first one's step id: a duplicate across stages
    base.replace('id: pay', 'id: see-ad'),
    // and the persona reference in the first stage loses its declaration
    base.replace('id: pay', 'id: see-ad').replace('  - id: anna', '  - id: bob'),
    base,
  ];
  for (const text of steps) {
    const a = inc.analyze(text);
    assert.deepEqual(observable(a), observable(analyze(text)));
  }
  const codes = (t: string) => analyze(t).diagnostics.map((d) => d.code);
  assert.ok(codes(steps[0]).includes('pain-without-opportunity') && !codes(steps[1]).includes('pain-without-opportunity'));
  assert.ok(codes(steps[3]).includes('duplicate-id') && codes(steps[4]).includes('undeclared-reference'));
});

test('latest only: the stages an edit moved are the very objects read before, at the ranges a full analysis gives', () => {
  // Stages after the edit carry what gets moved: diagnostics with fixes and related notes, a
  // stage without an id (its hint points at the stage's start), per-persona emotions, lanes.
  const extra = [
    '  - name: No id and no steps',
    '  - id: later',
    '    steps:',
    '      - id: odd',
    '        name: Odd step',
    '        emotion: {anna: anxious, anna: happy}',
    '        emotoin: happy',
    '        criticality: hgh',
    '        channel: wbe',
    '        evidence: [survey]',
    '',
  ].join('\n');
  const base: string = `${generateMap({ stages: 6, steps: 2 })}${extra}`;
  const inc = new IncrementalAnalyzer({ latestOnly: true });
  let before = inc.analyze(base);
  assert.deepEqual(observable(before), observable(analyze(base)));
  const at = base.indexOf('emotion:', base.indexOf('id: stage-2'));
  let text = base;
  for (const [ins, del] of [['x', 0], ['', 1], ['note: a new line\n        ', 0], ['😀', 0], ['', 2]] as const) {
    text = text.slice(0, at) + ins + text.slice(at + del);
    const a = inc.analyze(text);
    assert.equal(inc.lastMode, 'incremental');
    assert.deepEqual(observable(a), observable(analyze(text)), JSON.stringify(ins));
    // Every stage but the edited one is the object read before, wherever the edit moved it.
    const edited = 2;
    a.map.stages.forEach((st, i) => {
      if (i !== edited) assert.equal(st, before.map.stages[i], `stage ${i} was read again or copied`);
    });
    before = a;
  }
  // Typing above the stages moves the list itself: its stages are read again, and right.
  text = text.replace('title: ', 'title: moved ');
  const a = inc.analyze(text);
  assert.deepEqual(observable(a), observable(analyze(text)));
  assert.ok(a.diagnostics.some((d) => d.code === 'empty-stage') && a.diagnostics.some((d) => d.code === 'duplicate-key'));
});

for (const mode of MODES.filter((m) => !m.options.latestOnly)) test(`copies: an analysis returned before stays exactly as it was after any later edits (${mode.name})`, () => {
  fc.assert(
    fc.property(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 30 }), piece), { minLength: 1, maxLength: 8 }), (base, edits) => {
      const inc = new IncrementalAnalyzer(mode.options);
      let text = base;
      const kept: Array<[Analysis, unknown]> = [];
      const a0 = inc.analyze(text);
      kept.push([a0, observable(a0)]);
      for (const [pos, del, ins] of edits) {
        const at = pos % (text.length + 1);
        text = text.slice(0, at) + ins + text.slice(at + del);
        const a = inc.analyze(text);
        kept.push([a, observable(a)]);
      }
      for (const [a, seen] of kept) assert.deepEqual(observable(a), seen);
    }),
    { numRuns: 60 },
  );
});

// Stages parsed step by step: a stage key after the steps, so the stage's own nodes sit on both sides of its steps.
const afterSteps = corpus.map((t) => t.replace(/\n(?=  - id: )/g, (m, at: number) => (at > t.indexOf('\nstages:') + 8 ? '\n    goals: Read after the steps\n' : m)));
const stepPiece = fc.constantFrom(
  '\n', ' ', '  ', '- ', 'x', '"', '#', '# c\n', '      # c\n', '\n      - id: typed\n', '      - name: Typed\n', '    steps:\n', '    goals: After\n',
  '\n     half\n', '"a\n      - id: q\n', 'emotion: angry', '        pains: [x]\n', '      -\n        name: Dash alone\n', '|\n        block\n',
);

for (const mode of MODES) test(`edits around and inside steps keep the step-by-step parse equal to a full analysis (${mode.name})`, () => {
  equalAfterEdits(mode.options, [...corpus, ...afterSteps], stepPiece, 12, 10, 60);
});

test('an edit inside one step reads only that step again: the stage\'s other steps are the objects read before', () => {
  const base: string = generateMap({ stages: 4, steps: 3 });
  const inc = new IncrementalAnalyzer({ stepwise: true });
  let before = inc.analyze(base);
  let text = base;
  for (const [from, to] of [['emotion: happy', 'emotion: angry'], ['Pain 7a, the form is long', 'Pain 7a, the form is much too long'], ['backstage: Systems do work\n      - id: step-2-2', 'backstage: Systems do work\n        note: typed\n      - id: step-2-2']]) {
    const at = text.indexOf(from);
    assert.ok(at > 0, from);
    text = text.replace(from, to);
    const a = inc.analyze(text);
    assert.equal(inc.lastMode, 'incremental');
    assert.deepEqual(observable(a), observable(analyze(text)));
    const stage = a.map.stages.findIndex((s) => s.span.start <= at && at < s.span.end);
    const edited = a.map.stages[stage].steps.findIndex((s) => s.span.start <= at && at < s.span.end);
    assert.notEqual(a.map.stages[stage], before.map.stages[stage]);
    a.map.stages[stage].steps.forEach((step, i) => {
      if (i < edited) assert.equal(step, before.map.stages[stage].steps[i], `step ${i} before the edited one was read again`);
    });
    before = a;
  }
});

test('identical steps in one stage and identical stages are each parsed and read on their own, equal to a full analysis', () => {
  const step = '      - name: Same\n        emotion: happy\n';
  const stage = (id: string) => `  - id: ${id}\n    steps:\n${step}${step}`;
  const base = `cjm: 1\ntitle: Twins\nstages:\n${stage('a')}${stage('b')}`;
  for (const mode of MODES) {
    const inc = new IncrementalAnalyzer(mode.options);
    for (const text of [base, base.replace('id: b', 'id: a'), base.replace('id: b', 'id: a').replace(`${step}  - id: a`, `${step}    goals: x\n  - id: a`), base, `${base}${stage('c')}`, `${base}${stage('b')}`]) {
      assert.deepEqual(observable(inc.analyze(text)), observable(analyze(text)), `${mode.name}: ${text}`);
    }
  }
});

test('parses kept for a few analyses: going back to an earlier text (a revert, an undo) equals a full analysis, reparses nothing, and leaves every earlier analysis as it was', () => {
  let backParsedNothing = 0;
  fc.assert(
    fc.property(
      fc.constantFrom(...corpus, ...afterSteps),
      fc.array(fc.oneof(fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.oneof(piece, stepPiece)), fc.nat({ max: 3 })), { minLength: 2, maxLength: 12 }),
      (base, moves) => {
        const inc = new IncrementalAnalyzer({ keep: 4, stepwise: true });
        const texts = [base];
        const kept: Array<[Analysis, unknown]> = [];
        const a0 = inc.analyze(base);
        kept.push([a0, observable(a0)]);
        for (const move of moves) {
          const text = texts[texts.length - 1];
          // A number goes back that many versions (and a bit of the one before is undone); a tuple edits.
          const next = typeof move === 'number' ? texts[Math.max(0, texts.length - 2 - move)] : text.slice(0, move[0] % (text.length + 1)) + move[2] + text.slice((move[0] % (text.length + 1)) + move[1]);
          const before = inc.parses;
          const a = inc.analyze(next);
          if (typeof move === 'number' && next !== text && inc.lastMode === 'incremental' && inc.parses === before) backParsedNothing++;
          assert.deepEqual(observable(a), observable(analyze(next)));
          kept.push([a, observable(a)]);
          texts.push(next);
        }
        for (const [a, seen] of kept) assert.deepEqual(observable(a), seen);
      },
    ),
    { numRuns: 80 },
  );
  assert.ok(backParsedNothing > 0, 'going back never found its parses kept');
});
