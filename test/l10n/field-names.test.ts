/**
 * A change to one field reads, for a Russian or Polish reader, with the field named in
 * words ("точка контакта: … → …", "punkt styku: …"), not by its English key; an English
 * reader sees the key as written, which is what they type.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { CATALOGUES, FIELD_NAMES, SCHEMA, analyze, diffMaps, fieldName } from '@cjm/core';
import { buildDiffView, renderDiffViewHtml } from '@cjm/render';
import { ROOT } from '../helpers';
import { englishWords } from './english';

const CLI = join(ROOT, 'dist/cli.js');
const fields = (name: string) => `test/fixtures/l10n/fields/${name}`;

function diff(locale: string, lang: string): string {
  const r = spawnSync(process.execPath, [CLI, 'diff', '--locale', locale, fields(`${lang}-before.cjm`), fields(`${lang}-after.cjm`)], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('every key of every object in the schema has a name in words, translated in every catalogue', () => {
  for (const [object, specs] of Object.entries(SCHEMA)) {
    for (const spec of specs) {
      const name = FIELD_NAMES[`${object}.${spec.key}`] ?? FIELD_NAMES[spec.key];
      assert.ok(name, `${object}.${spec.key} has no name`);
      for (const locale of ['ru', 'pl'] as const) assert.ok(CATALOGUES[locale]?.[name.text], `${object}.${spec.key} in ${locale}`);
    }
  }
});

test('a field of a nested object is named after its parent; a custom lane by its id', () => {
  assert.equal(fieldName('opportunity', 'experiment.result', 'ru'), 'эксперимент › результат');
  assert.equal(fieldName('step', 'lanes.legal', 'pl'), 'wiersz legal');
  assert.equal(fieldName('step', 'lanes.legal', 'en'), 'lanes.legal');
  assert.equal(fieldName('kpi', 'baseline', 'ru'), 'исходное значение', 'a KPI\'s baseline is a value');
  assert.equal(fieldName('map', 'baseline', 'ru'), 'базовая карта', 'the map\'s is a file');
});

test('ru: every changed field of a map, a persona, a channel, a KPI, a stage, a step and an opportunity is named in Russian', () => {
  const out = diff('ru', 'ru');
  for (const name of ['описание', 'цитата', 'название', 'целевое значение', 'цели', 'действие', 'точка контакта', 'мысли', 'вопросы', 'ожидания', 'критичность', 'усилия']) {
    assert.match(out, new RegExp(`: ${name}: `), name);
  }
  assert.deepEqual(englishWords(out), []);
});

test('pl: the same changes name their fields in Polish', () => {
  const out = diff('pl', 'pl');
  for (const name of ['opis', 'cytat', 'nazwa', 'wartość docelowa', 'cele', 'działanie', 'punkt styku', 'myśli', 'pytania', 'oczekiwania', 'krytyczność', 'nakład']) {
    assert.match(out, new RegExp(`: ${name}: `), name);
  }
  assert.deepEqual(englishWords(out, 'pl'), []);
});

test('en: an English reader of a Polish map sees the keys as written', () => {
  const out = diff('en', 'pl');
  for (const key of ['description', 'quote', 'name', 'target', 'goals', 'action', 'touchpoint', 'thoughts', 'questions', 'expectations', 'criticality', 'effort']) {
    assert.match(out, new RegExp(`: ${key}: `), key);
  }
});

function prComment(lang: string): string {
  const r = spawnSync(process.execPath, [CLI, 'diff', '--format', 'pr-comment', fields(`${lang}-before.cjm`), fields(`${lang}-after.cjm`)], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('the PR comment\'s change table names a Russian map\'s fields in words, not as English keys in code', () => {
  const md = prComment('ru');
  assert.match(md, /^\| ~ \| Выбор пиццы › Листает меню \| точка контакта \| Меню на сайте \| Меню в приложении \| `step-changed` \|$/m);
  assert.match(md, /^\| ~ \| Конверсия корзины \| целевое значение \| 3% \| 4% \|/m);
  assert.doesNotMatch(md, /`touchpoint`|`target`/);
});

test('the visual diff\'s change list names fields in the reader\'s language: words in Polish, the key as code in English', () => {
  const read = (name: string) => analyze(readFileSync(join(ROOT, fields(name)), 'utf8'));
  const [before, after] = [read('pl-before.cjm'), read('pl-after.cjm')];
  const pl = renderDiffViewHtml(buildDiffView(before, after, diffMaps(before, after, { locale: 'pl' }), 'pl'));
  assert.match(pl, /<span class="cjm-change-field cjm-change-field-words">punkt styku<\/span>/);
  assert.doesNotMatch(pl, />touchpoint</);
  const en = renderDiffViewHtml(buildDiffView(before, after, diffMaps(before, after), 'en'));
  assert.match(en, /<code class="cjm-change-field">touchpoint<\/code>/);
});
