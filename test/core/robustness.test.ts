/**
 * The core never throws and never points outside the text, whatever it is fed: random
 * text, mutated real maps, and the hostile inputs from a map built to hurt.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { Analysis, analyze, LIMITS } from '@cjm/core';
import { ROOT } from '../helpers';

function spansInside(a: Analysis): void {
  const len = a.text.length;
  const check = (s: { start: number; end: number }, what: string) => {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: non-integer span`);
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= len, `${what}: ${s.start}-${s.end} outside 0-${len}`);
  };
  for (const d of a.diagnostics) {
    assert.notEqual(d.code, 'internal-error', d.message);
    check(d.span, d.code);
    for (const r of d.related ?? []) check(r.span, `${d.code} related`);
    for (const f of d.fixes ?? []) for (const e of f.edits) check(e.span, `${d.code} fix`);
  }
  const seen = new Set<object>();
  const walk = (v: unknown, path: string) => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Map) {
      for (const [k, x] of v) walk(x, `${path}.${String(k)}`);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') check(o as { start: number; end: number }, path);
    for (const [k, x] of Object.entries(o)) if (k !== 'info') walk(x, `${path}.${k}`);
  };
  walk(a.map, 'map');
  for (const d of a.symbols.definitions) (check(d.span, 'definition'), check(d.node, 'definition node'));
  for (const r of a.symbols.references) check(r.span, 'reference');
}

const corpus = [
  ...readdirSync(`${ROOT}/examples`).filter((f) => f.endsWith('.cjm')).map((f) => readFileSync(`${ROOT}/examples/${f}`, 'utf8')),
  ...readdirSync(`${ROOT}/test/fixtures/rules`).map((f) => readFileSync(`${ROOT}/test/fixtures/rules/${f}`, 'utf8')),
];

const yamlish = fc.constantFrom(...':-[]{}#&*!|>\'"\n\t ,?%@`'.split(''), '\n  - ', ': ', '\n    ', '*a', '&a ', '<<: ', '__proto__: ', 'emotion: ', 'id: ', 'steps:\n', '- name: x\n', '\r\n', '😣', 'ł', 'я');

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(yamlish, { maxLength: 6 }).map((a) => a.join('')) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('dupline' as const), at: fc.nat() }),
);

type Mutation = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; len: number } | { kind: 'dupline'; at: number };

function mutate(text: string, m: Mutation): string {
  const at = text.length ? m.at % (text.length + 1) : 0;
  if (m.kind === 'insert') return text.slice(0, at) + m.text + text.slice(at);
  if (m.kind === 'delete') return text.slice(0, at) + text.slice(at + m.len);
  const lines = text.split('\n');
  const i = lines.length ? m.at % lines.length : 0;
  lines.splice(i, 0, lines[i] ?? '');
  return lines.join('\n');
}

test('random text never throws and yields spans inside the document', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => spansInside(analyze(s))), { numRuns: 400 });
  fc.assert(fc.property(fc.array(yamlish, { maxLength: 60 }).map((a) => a.join('')), (s) => spansInside(analyze(s))), { numRuns: 400 });
});

test('real maps under random edit sequences never throw and keep spans inside', () => {
  fc.assert(
    fc.property(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 8 }), (base, ms) => {
      let text = base;
      for (const m of ms) {
        text = mutate(text, m);
        spansInside(analyze(text));
      }
    }),
    { numRuns: 150 },
  );
});

test('ten thousand aliases are capped with a diagnostic, not expanded', () => {
  const text = `cjm: 1\ntitle: &t ${'x'.repeat(1000)}\nnotes:\n${'  - *t\n'.repeat(10_000)}stages: []\n`;
  const a = analyze(text);
  spansInside(a);
  assert.ok(a.diagnostics.some((d) => d.code === 'alias-limit'));
  assert.ok(a.map.notes.length <= LIMITS.maxAliases);
});

test('past the alias cap, one diagnostic: the aliases it did not expand are not blamed again', () => {
  const steps = Array.from({ length: 3000 }, (_, i) => `      - name: s${i}\n        emotion: *e\n        thoughts: [*e]\n        lanes: {x: *e}`).join('\n');
  const text = `cjm: 1\ntitle: t\nlanes:\n  - id: x\n    name: &e happy\nstages:\n  - id: s\n    steps:\n${steps}\n`;
  const a = analyze(text);
  spansInside(a);
  assert.deepEqual(a.diagnostics.map((d) => d.code), ['alias-limit']);
});

test('nested alias bombs (billion laughs) stay bounded', () => {
  let text = 'cjm: 1\ntitle: t\nlanes:\n  - id: a\n    description: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 9; i++) text += `  - id: a${i}\n    description: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  text += 'stages: []\n';
  spansInside(analyze(text));
});

test('deep flow nesting is refused before the parser, however often it is parsed', () => {
  const text = `cjm: 1\ntitle: t\nnotes: ${'['.repeat(5000)}${']'.repeat(5000)}\nstages: []\n`;
  for (let i = 0; i < 30; i++) {
    const a = analyze(text);
    assert.equal(a.diagnostics[0].code, 'too-deep');
    assert.equal(text[a.diagnostics[0].span.start], '[');
  }
});

test('deep block nesting and compact list nesting are refused with a position', () => {
  const compact = `cjm: 1\ntitle: t\nnotes:\n  ${'- '.repeat(5000)}x\n`;
  assert.equal(analyze(compact).diagnostics[0].code, 'too-deep');
  const indented = `cjm: 1\ntitle: t\nnotes:\n${' '.repeat(LIMITS.maxIndent + 10)}- x\n`;
  const a = analyze(indented);
  assert.equal(a.diagnostics[0].code, 'too-deep');
  assert.equal(a.lines.positionAt(a.diagnostics[0].span.start).line, 3);
});

test('a line of a million characters is read as text', () => {
  const a = analyze(`cjm: 1\ntitle: ${'<script>'.repeat(125_000)}\nstages: []\n`);
  assert.equal(a.map.title!.value.length, 1_000_000);
  spansInside(a);
});

test('files over the size limit are refused with a clear message', () => {
  const a = analyze('#'.repeat(LIMITS.maxLength + 1));
  assert.equal(a.diagnostics[0].code, 'too-large');
  assert.match(a.diagnostics[0].message, /Split the map/);
});

test('__proto__ and friends are harmless keys and ids', () => {
  const text = 'cjm: 1\ntitle: t\n__proto__: {polluted: true}\nconstructor: x\npersonas:\n  - id: __proto__\n  - id: constructor\nstages:\n  - id: prototype\n    steps:\n      - name: s\n        persona: __proto__\n        lanes: {__proto__: x}\n';
  const a = analyze(text);
  spansInside(a);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.ok(a.symbols.byId('persona', '__proto__'));
  assert.ok(a.diagnostics.some((d) => d.code === 'unknown-key' && text.slice(d.span.start, d.span.end) === '__proto__'));
  assert.ok(!a.diagnostics.some((d) => d.code === 'undeclared-reference' && d.message.includes('__proto__') && d.message.includes('persona')));
});

test('the nesting guard counts structure: brackets in quotes, comments and block text are text', () => {
  const deep = '['.repeat(LIMITS.maxDepth + 1);
  const valid = [
    `cjm: 1\ntitle: "${deep}"\nstages: []\n`,
    `cjm: 1\ntitle: '${deep} it''s ${deep}'\nstages: []\n`,
    `cjm: 1\ntitle: t # ${deep}\nstages: []\n`,
    `cjm: 1\ntitle: t\nnotes:\n  - |\n    ${deep}\n    ${'{'.repeat(LIMITS.maxDepth + 1)}\n  - "a \\" ${deep}"\nstages: []\n`,
    `cjm: 1\ntitle: t\nnotes: ["${deep}", '${deep}']\nstages: []\n`,
  ];
  for (const text of valid) {
    const a = analyze(text);
    assert.ok(!a.diagnostics.some((d) => d.code === 'too-deep'), text);
    assert.ok(!a.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(a.diagnostics));
  }
  const refused = [
    `cjm: 1\ntitle: t\nnotes: ${deep}${']'.repeat(LIMITS.maxDepth + 1)}\nstages: []\n`,
    `cjm: 1\ntitle: t\nnotes: &a ${deep}${']'.repeat(LIMITS.maxDepth + 1)}\nstages: []\n`,
    `cjm: 1\ntitle: t\nnotes: [a, {b: ${deep}}]\nstages: []\n`,
    // An unclosed quote must not hide real nesting after it: the raw count still stops it.
    `cjm: 1\ntitle: "unclosed\nnotes: ${'['.repeat(5000)}\nstages: []\n`,
  ];
  for (const text of refused) {
    assert.equal(analyze(text).diagnostics[0]?.code, 'too-deep', text.slice(0, 80));
  }
});
