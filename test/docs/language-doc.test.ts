import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHANNEL_TYPES, DIAGNOSTIC_CODES, EMOTIONS, LEVELS, MAP_KINDS, OPPORTUNITY_STATUSES, ObjectName, SCHEMA, SOURCE_TYPES, STAGES,
  LOCALES, analyze, formatScore, objectPhrase, vocabularyDocTables,
} from '@cjm/core';
import { ROOT } from '../helpers';

const doc = readFileSync(join(ROOT, 'docs', 'language.md'), 'utf8');

/** The text of a section: from its heading line to the next heading of the same or a higher level (outside code blocks). */
function section(heading: string): string {
  const lines = doc.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `docs/language.md has no "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  let fenced = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    if (lines[end].startsWith('```')) fenced = !fenced;
    const h = /^(#+) /.exec(lines[end]);
    if (!fenced && h && h[1].length <= level) break;
  }
  return lines.slice(start + 1, end).join('\n');
}

test('the key reference documents every key of every object, and no key the format does not have', () => {
  for (const o of Object.keys(SCHEMA) as ObjectName[]) {
    const body = section(`### Keys of ${objectPhrase(o)}`);
    const documented = [...body.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(documented, SCHEMA[o].map((f) => f.key), o);
    for (const f of SCHEMA[o]) {
      const row = body.split('\n').find((l) => l.startsWith(`| \`${f.key}\` |`))!;
      const cells = row.slice(2, -2).split(' | ');
      assert.equal(cells[2], f.required ? 'yes' : '', `${o}.${f.key} required`);
      assert.equal(cells.slice(3).join(' | '), f.doc.replace(/\|/g, '\\|'), `${o}.${f.key}: the meaning column is the key's doc from schema.ts`);
    }
  }
});

test('every vocabulary table is generated from the language packs and current (node scripts/gen-vocabulary-doc.mjs)', () => {
  for (const [name, body] of Object.entries(vocabularyDocTables())) {
    const m = new RegExp(`<!-- vocabulary:${name} -->\\n([\\s\\S]*?)\\n<!-- /vocabulary:${name} -->`).exec(doc);
    assert.ok(m, `docs/language.md has a <!-- vocabulary:${name} --> block`);
    assert.equal(m[1], body, `the ${name} table is outdated: run node scripts/gen-vocabulary-doc.mjs`);
  }
});

test('the emotion table lists every emotion with its emoji, score and label and forms in every language', () => {
  const body = section('## Emotions');
  for (const e of EMOTIONS) {
    const cells = LOCALES.map((l) => `**${e.names[l]}**${e.forms[l].length ? ` · ${e.forms[l].join(', ')}` : ''}`);
    const row = `| \`${e.id}\` | ${e.emoji} | ${formatScore(e.score)} | ${cells.join(' | ')} |`;
    assert.ok(body.includes(row), `missing or outdated row:\n${row}`);
  }
  assert.match(body, /−3/);
  assert.match(body, /n\/5/);
});

test('every emotion is reviewed by meaning, once, with the score it has', () => {
  const body = section('### The emotions reviewed by meaning');
  const rows = [...body.matchAll(/^\| `([a-z]+)` \| ([^|]+) \| ([^|]+) \|$/gm)];
  assert.deepEqual(rows.map((r) => r[1]), EMOTIONS.map((e) => e.id), 'one row per emotion, in vocabulary order');
  for (const r of rows) {
    const e = EMOTIONS.find((x) => x.id === r[1])!;
    assert.ok(r[3].startsWith(`${formatScore(e.score)}:`), `${e.id}: the review gives the score ${formatScore(e.score)}`);
  }
  assert.ok(EMOTIONS.length >= 30, `${EMOTIONS.length} emotions`);
});

test('the built-in stages table lists every stage in order with names and forms in every language', () => {
  const body = section('## Built-in stages');
  for (const s of STAGES) {
    const cells = LOCALES.map((l) => `**${s.names[l]}**${s.forms[l].length ? ` · ${s.forms[l].join(', ')}` : ''}`);
    const row = `| ${s.order + 1} | \`${s.id}\` | ${cells.join(' | ')} |`;
    assert.ok(body.includes(row), `missing or outdated row:\n${row}`);
  }
  assert.equal([...body.matchAll(/^\| \d+ \| `/gm)].length, STAGES.length);
  assert.match(body, /A stage id that is a built-in stage's word is that stage/);
});

test('kinds, levels, channel and source types and statuses are all documented, in every language', () => {
  const kinds = section('## Kinds of map');
  for (const k of MAP_KINDS) for (const l of LOCALES) assert.ok(kinds.includes(`**${k.names[l]}**`), `${k.id} ${l}`);
  for (const v of [...CHANNEL_TYPES]) assert.ok(section('## Touchpoints and channels').includes(`\`${v}\``), `channel type ${v}`);
  for (const v of [...SOURCE_TYPES]) assert.ok(section('## Evidence and sources').includes(`\`${v}\``), `source type ${v}`);
  for (const v of [...OPPORTUNITY_STATUSES, ...LEVELS]) assert.ok(section('## Opportunities (recommendations)').includes(`\`${v}\``), `opportunity ${v}`);
  for (const v of LEVELS) assert.ok(section('## Criticality').includes(`| \`${v}\` |`), `level ${v}`);
});

test('the vocabulary sizes per language are in the docs', () => {
  const body = section('### Vocabulary sizes');
  for (const l of LOCALES) assert.match(body, new RegExp(`\\(\`${l}\`\\) \\| ${STAGES.length} \\| ${EMOTIONS.length} \\|`));
});

test('every diagnostic code has its own section with its severity, and every section is a real code', () => {
  const body = section('## Diagnostics');
  const headings = [...body.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]);
  assert.deepEqual([...headings].sort(), Object.keys(DIAGNOSTIC_CODES).sort());
  for (const [code, severity] of Object.entries(DIAGNOSTIC_CODES)) {
    const text = section(`### \`${code}\``);
    assert.match(text, new RegExp(`^Severity: \\*\\*${severity}\\*\\*`, 'm'), code);
    assert.match(text, /Fix:|report it/, `${code} says how to fix it`);
  }
});

test('the complete small map at the top of the page is a clean map', () => {
  const first = /```yaml\n([\s\S]*?)```/.exec(section('## A complete small map'))![1];
  const a = analyze(first);
  assert.deepEqual(a.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
  assert.ok(a.map.stages.length >= 3);
});
