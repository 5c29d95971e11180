/** Completion and hover for per-persona emotions and the new fields, on the feature functions directly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '@cjm/core';
import { complete } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { example, fixture } from '../helpers';

const text = readFileSync(fixture('personas', 'two-personas.cjm'), 'utf8');

test('under a block `emotion:` the declared personas are offered as keys, those already given an emotion left out', () => {
  const edited = text.replace('          maria: anxious\n          tom: calm\n', '          maria: anxious\n          \n');
  const a = analyze(edited);
  const offset = edited.indexOf('maria: anxious\n          \n') + 'maria: anxious\n          '.length;
  const list = complete(a.lines, a, offset, { locale: 'en' });
  assert.deepEqual(list.items.map((i) => i.label), ['tom']);
  assert.equal((list.items[0].textEdit as { newText: string }).newText, 'tom: ');
  assert.match(String(list.items[0].detail), /persona: Tom, 29/);
});

test('after a persona key, emotions are offered as values', () => {
  const a = analyze(text);
  const offset = text.indexOf('tom: calm') + 'tom: ca'.length;
  const list = complete(a.lines, a, offset, { locale: 'en' });
  assert.ok(list.items.some((i) => i.label === 'calm'), list.items.map((i) => i.label).join());
});

test('keys of the new objects are completed: an opportunity offers `due` and `experiment`, an experiment its own keys', () => {
  const src = text.replace('            effort: low\n', '            effort: low\n            \n');
  const a = analyze(src);
  const at = src.indexOf('effort: low\n            \n') + 'effort: low\n            '.length;
  const labels = complete(a.lines, a, at, { locale: 'en' }).items.map((i) => i.label);
  assert.ok(labels.includes('due') && labels.includes('experiment'), labels.join());
  const exp = src.replace('            effort: low\n            \n', '            effort: low\n            experiment:\n              \n');
  const b = analyze(exp);
  const at2 = exp.indexOf('experiment:\n              \n') + 'experiment:\n              '.length;
  assert.deepEqual(complete(b.lines, b, at2, { locale: 'en' }).items.map((i) => i.label), ['hypothesis', 'metric', 'result']);
});

test('hover on a per-persona emotion names the persona and the emotion; on the key, the persona card', () => {
  const a = analyze(text);
  const h = hover(a, text.indexOf('tom: calm') + 'tom: c'.length, { locale: 'en' });
  const value = (h!.contents as { value: string }).value;
  assert.match(value, /Tom, 29, eats out alone/);
  assert.match(value, /calm/);
  const card = hover(a, text.indexOf('tom: calm') + 1, { locale: 'en' });
  assert.match((card!.contents as { value: string }).value, /persona `tom`/);
});

test('a Russian reader hovering a persona sees its motivation and expectations in Russian headings', () => {
  const src = readFileSync(example('dostavka-produktov-ru.cjm'), 'utf8');
  const a = analyze(src);
  const h = hover(a, src.indexOf('          мария: тревога') + 12, { locale: 'ru' });
  const value = (h!.contents as { value: string }).value;
  assert.match(value, /\*\*Мотивация:\*\*\n- Освободить субботу/);
  assert.match(value, /\*\*Ожидания:\*\*/);
});
