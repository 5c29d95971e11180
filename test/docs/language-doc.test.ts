import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHANNEL_TYPES, DIAGNOSTIC_CODES, EMOTIONS, LEVELS, MAP_KINDS, OPPORTUNITY_STATUSES, ObjectName, SCHEMA, SOURCE_TYPES, STAGES,
  analyze, formatScore, objectPhrase,
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

test('the emotion table lists every emotion with its emoji, score and names in three languages', () => {
  const body = section('## Emotions');
  for (const e of EMOTIONS) {
    const synonyms = [...e.synonyms.en, ...e.synonyms.ru, ...e.synonyms.pl].join(', ');
    const row = `| \`${e.id}\` | ${e.emoji} | ${formatScore(e.score)} | ${e.names.en} | ${e.names.ru} | ${e.names.pl} | ${synonyms} |`;
    assert.ok(body.includes(row), `missing or outdated row:\n${row}`);
  }
  assert.equal([...body.matchAll(/^\| `[a-z]+` \| /gm)].length, EMOTIONS.length, 'no rows for emotions that do not exist');
  assert.match(body, /−3/);
  assert.match(body, /n\/5/);
});

test('the built-in stages table lists every stage in order with names and synonyms', () => {
  const body = section('## Built-in stages');
  for (const s of STAGES) {
    const synonyms = [...s.synonyms.en, ...s.synonyms.ru, ...s.synonyms.pl].join(', ');
    const row = `| ${s.order + 1} | \`${s.id}\` | ${s.names.en} | ${s.names.ru} | ${s.names.pl} | ${synonyms} |`;
    assert.ok(body.includes(row), `missing or outdated row:\n${row}`);
  }
  assert.equal([...body.matchAll(/^\| \d+ \| `/gm)].length, STAGES.length);
});

test('kinds, levels, channel and source types and statuses are all documented', () => {
  const kinds = section('## Kinds of map');
  for (const k of MAP_KINDS) assert.ok(kinds.includes(`| \`${k.id}\` | ${k.names.en} / ${k.names.ru} / ${k.names.pl} |`), k.id);
  for (const v of [...CHANNEL_TYPES]) assert.ok(section('## Touchpoints and channels').includes(`\`${v}\``), `channel type ${v}`);
  for (const v of [...SOURCE_TYPES]) assert.ok(section('## Evidence and sources').includes(`\`${v}\``), `source type ${v}`);
  for (const v of [...OPPORTUNITY_STATUSES, ...LEVELS]) assert.ok(section('## Opportunities (recommendations)').includes(`\`${v}\``), `opportunity ${v}`);
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
