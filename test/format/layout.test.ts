/** The formatter's layout: fixture pairs, idempotence, refusals, line endings, ranges. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { formatRange, formatText } from '@cjm/core';
import { comments } from '@cjm/core/format';
import { example, fixture, offsetOf } from '../helpers';

const read = (...p: string[]) => readFileSync(fixture('format', ...p), 'utf8');
const pairs = readdirSync(fixture('format')).filter((f) => f.endsWith('.input.cjm')).map((f) => f.replace(/\.input\.cjm$/, ''));

function formatted(text: string): string {
  const r = formatText(text);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.text;
}

function apply(text: string, edits: readonly { span: { start: number; end: number }; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

test('every fixture pair is there', () => {
  assert.deepEqual(pairs.sort(), ['comments', 'crlf', 'keys', 'scalars']);
});

for (const name of pairs) {
  test(`${name}: input formats to expected, expected is a fixed point, edits give the same text`, () => {
    const input = read(`${name}.input.cjm`);
    const expected = read(`${name}.expected.cjm`);
    const r = formatText(input);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.text, expected);
    assert.equal(r.changed, true);
    assert.equal(apply(input, r.edits), expected);
    const again = formatText(expected);
    assert.ok(again.ok && !again.changed && again.edits.length === 0 && again.text === expected);
    assert.deepEqual(parseDocument(expected).toJS(), parseDocument(input).toJS());
    assert.deepEqual(comments(expected.replace(/\r\n/g, '\n')).sort(), comments(input.replace(/\r\n/g, '\n')).sort());
  });
}

test('keys follow the schema at every level; unknown keys follow in their own order; lane ids are not sorted', () => {
  const out = read('keys.expected.cjm');
  // each key is looked for after the one before it, so a key found out of order is missed
  const order = (...keys: string[]) => {
    let at = 0;
    for (const k of keys) {
      at = out.indexOf(k, at);
      if (at < 0) return false;
    }
    return true;
  };
  assert.ok(order('cjm: 1', 'title:', 'kind:', 'language:', 'description:', 'persona: anna', 'personas:', 'channels:', 'teams:', 'sources:', 'lanes:', 'kpis:', 'opportunities:', 'stages:', 'notes: at the end', 'x-extra:'));
  assert.ok(order('- id: anna', 'name: Anna', 'quote:'));
  assert.ok(order('- id: web', 'name: Website', 'type: web'));
  assert.ok(order('- id: survey', 'type: survey', 'url:'));
  assert.ok(order('- text: Guest checkout', 'status: idea'));
  assert.ok(order('- id: purchase', 'name: Checkout', 'kpis:', 'steps:'));
  assert.ok(order('- name: Conversion', 'current: 48%', 'target: 65%'));
  assert.ok(order('- id: pays', 'name: Pays', 'action: Pays', 'emotion: happy', 'opportunities:', 'evidence:', 'owner: product', 'lanes:', 'notes: last', 'custom-key:', 'another:'));
  assert.ok(order('- text: Faster checkout', 'impact: high', 'effort: low', 'owner: product'));
  assert.ok(order('zeta: z', 'alpha: a'));
});

test('comments stay with what they precede, trailing comments stay on their line', () => {
  const out = read('comments.expected.cjm');
  assert.ok(out.startsWith('# A header comment about the whole map.\n# It has two lines.\ncjm: 1\n'), 'the header stays at the top');
  assert.match(out, /^title: Comments everywhere # trailing on title$/m);
  assert.match(out, /^# about the stages\nstages: # trailing on the stages key\n  # before the first stage\n  - id: awareness$/m);
  assert.match(out, /^ {10}- Too loud # trailing on an item$/m);
  assert.match(out, /^ {6}# between steps\n {6}- name: Reads a review\n\n {2}# between stages, after a blank line\n {2}- id: purchase$/m);
  assert.match(out, /^ {8}emotion: \+2 # a score with its sign$/m);
  assert.match(out, /# the end of the file\n$/);
});

test('quoting, block scalars and numbers are kept as written; flow lists of text stay, other flow becomes block', () => {
  const out = read('scalars.expected.cjm');
  assert.match(out, /^title: 'Single quoted, it''s kept'$/m);
  assert.match(out, /^description: "Double quoted: \\"kept\\""$/m);
  assert.match(out, /^notes: >\n {2}Folded text that the author\n {2}wrapped by hand, kept as written\.\n\n {2}A second paragraph\.$/m);
  assert.match(out, /^ {4}description: \|\n {6}Literal text\n {8}with indentation inside\n\n {6}and a blank line\.$/m);
  assert.match(out, /^ {8}thoughts: \|-\n/m);
  assert.match(out, /^ {8}joys: >\+\n {10}kept trailing newline\n\n {8}evidence: \[a, b\]$/m);
  assert.match(out, /^ {8}questions: \[Why\?, How\?\]$/m);
  assert.match(out, /^ {8}emotion: -1$/m);
  assert.match(out, /^ {8}pains:\n {10}first: x$/m);
  assert.match(out, /^ {8}kpis:\n {10}- name: NPS\n {12}target: "50"$/m);
});

test('numbers keep their spelling', () => {
  const out = formatted('emotion: +2\ncjm: 1\nhex: 0x1F\nexp: 1e3\nfrac: 1.50\nnil: ~\n');
  assert.equal(out, 'cjm: 1\nemotion: +2\nhex: 0x1F\nexp: 1e3\nfrac: 1.50\nnil: ~\n');
});

test('CRLF stays CRLF, a byte-order mark stays, the file ends with one line break', () => {
  const out = read('crlf.expected.cjm');
  assert.ok(out.includes('\r\n') && !/[^\r]\n/.test(out));
  assert.equal(formatted('\ufefftitle: T\ncjm: 1'), '\ufeffcjm: 1\ntitle: T\n');
  assert.equal(formatted('cjm: 1\ntitle: T\n\n\n'), 'cjm: 1\ntitle: T\n');
});

test('other indentation widths', () => {
  const r = formatText('cjm: 1\nstages:\n  - id: a\n    steps:\n      - name: x\n', { indent: 4 });
  assert.ok(r.ok);
  assert.equal(r.text, 'cjm: 1\nstages:\n    - id: a\n      steps:\n          - name: x\n');
});

test('blank lines: kept where written, runs collapse to one, none at the start of a nested list', () => {
  const out = formatted('cjm: 1\n\n\n\ntitle: T\nstages:\n\n  - id: a\n\n  - id: b\n');
  assert.equal(out, 'cjm: 1\n\ntitle: T\nstages:\n  - id: a\n\n  - id: b\n');
});

test('empty and comment-only files are left alone', () => {
  for (const t of ['', '\n', '# just a note\n']) {
    const r = formatText(t);
    assert.ok(r.ok && !r.changed && r.text === t, JSON.stringify(t));
  }
});

test('refuses a file with YAML errors and returns it untouched with a reason', () => {
  const input = 'title: x\ncjm: 1\nstages: [unclosed\n';
  const r = formatText(input);
  assert.equal(r.ok, false);
  assert.equal(r.text, input);
  assert.deepEqual(r.edits, []);
  assert.ok(!r.ok && r.code === 'yaml-errors' && /YAML error/.test(r.reason));
});

test('refuses what is not a mapping, and a reorder that would put an alias above its anchor', () => {
  const list = formatText('- a\n- b\n');
  assert.ok(!list.ok && list.code === 'not-a-map');
  const alias = 'stages:\n  - id: a\n    name: &n Name\ntitle: *n\ncjm: 1\n';
  const r = formatText(alias);
  assert.ok(!r.ok && r.code === 'meaning' && r.text === alias, JSON.stringify(r));
});

test('refuses alias bombs instead of expanding them', () => {
  const bomb = readFileSync(example('broken', 'alias-bomb.cjm'), 'utf8');
  const r = formatText(bomb);
  assert.equal(r.ok, false);
  assert.equal(r.text, bomb);
});

for (const file of readdirSync(example()).filter((f) => f.endsWith('.cjm')).sort()) {
  test(`examples/${file}: formatting keeps data and comments and is idempotent`, () => {
    const text = readFileSync(example(file), 'utf8');
    const once = formatted(text);
    assert.equal(formatted(once), once);
    assert.deepEqual(parseDocument(once).toJS(), parseDocument(text).toJS());
    assert.deepEqual(comments(once).sort(), comments(text).sort());
  });
}

test('range formatting changes only the stage around the range', () => {
  const text = 'title: T\ncjm: 1\nstages:\n  - name: A\n    id: a\n  - name: B\n    id: b\n  - name: C\n    id: c\n';
  const at = offsetOf(text, 'name: B');
  const r = formatRange(text, { start: at, end: at + 3 });
  assert.ok(r.ok);
  assert.equal(r.text, 'title: T\ncjm: 1\nstages:\n  - name: A\n    id: a\n  - id: b\n    name: B\n  - name: C\n    id: c\n');
  assert.equal(apply(text, r.edits), r.text);
  assert.ok(r.edits.every((e) => e.span.start >= offsetOf(text, '  - name: B') && e.span.end <= offsetOf(text, '  - name: C')));
});

test('range formatting keeps the indentation of the list it is in, and works on CRLF text', () => {
  const text = 'title: T\r\ncjm: 1\r\nstages:\r\n    - name: A\r\n      id: a\r\n    - name: B\r\n      id: b\r\n';
  const at = offsetOf(text, 'name: A');
  const r = formatRange(text, { start: at, end: at });
  assert.ok(r.ok);
  assert.equal(r.text, 'title: T\r\ncjm: 1\r\nstages:\r\n    - id: a\r\n      name: A\r\n    - name: B\r\n      id: b\r\n');
  assert.equal(apply(text, r.edits), r.text);
});

test('range formatting of a top-level entry, and a range that touches nothing to format', () => {
  const text = 'title:   T\ncjm: 1\npersonas:\n  - name: Anna\n    id: anna\nstages: []\n';
  const r = formatRange(text, { start: offsetOf(text, 'Anna'), end: offsetOf(text, 'Anna') });
  assert.ok(r.ok);
  assert.equal(r.text, 'title:   T\ncjm: 1\npersonas:\n  - id: anna\n    name: Anna\nstages: []\n');
  const none = formatRange('cjm: 1\ntitle: T\nstages:\n  - id: a\n    name: A\n', { start: 0, end: 3 });
  assert.ok(none.ok && !none.changed && none.edits.length === 0);
});

test('range formatting falls back to the whole document when a part alone cannot be formatted safely', () => {
  // the anchor sits in the stage, its alias in a top-level entry: formatting the entry
  // alone is fine, but the whole-document proof is what decides
  const text = 'cjm: 1\ntitle: T\nstages:\n  - name: X\n    id: a\n  - {id: b, name: &n B}\nnotes: *n\n';
  const at = offsetOf(text, 'id: b');
  const r = formatRange(text, { start: at, end: at });
  assert.ok(r.ok);
  assert.equal(apply(text, r.edits), r.text);
  assert.deepEqual(parseDocument(r.text).toJS(), parseDocument(text).toJS());
  assert.match(r.text, /^  - id: b\n    name: &n B$/m);
});
