/**
 * Maps written the way Russian and Polish CX writers write them check clean and render in
 * their language with grammatical labels; the failures listed in issue 12 stay fixed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import {
  EMOTIONS, LEVELS, LEVEL_FIELDS, Locale, MAP_KINDS, PACKS, STAGES, VocabularyName, analyze, findEmotion, mapLanguage, resolveValue,
  stageLabel, vocabularyIds, vocabularyLabel,
} from '@cjm/core';
import { renderMapHtml } from '@cjm/render';
import { fixture } from '../helpers';

const native = readdirSync(fixture('native')).filter((f) => f.endsWith('.cjm'));
const read = (f: string) => analyze(readFileSync(fixture('native', f), 'utf8'));

test('there are at least two native maps per language', () => {
  for (const l of ['ru', 'pl']) assert.ok(native.filter((f) => f.startsWith(`${l}-`)).length >= 2, l);
});

for (const f of native) {
  test(`${f} checks clean: no errors, no warnings, nothing at all`, () => {
    const a = read(f);
    assert.deepEqual(a.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`), []);
  });
}

/** Every English word cjm itself may put into a rendered map, with what it is. */
function englishLabels(target: Locale): Array<[string, string]> {
  const en = PACKS.en;
  const out: Array<[string, string]> = [];
  const add = (what: string, english: string, local: string) => {
    if (english.toLowerCase() !== local.toLowerCase()) out.push([what, english]);
  };
  for (const [k, v] of Object.entries(en.labels)) add(`label ${k}`, v, PACKS[target].labels[k as keyof typeof en.labels]);
  const vocabularies: VocabularyName[] = ['emotion', 'stage', 'kind', 'status', 'channelType', 'sourceType'];
  for (const v of vocabularies) for (const id of vocabularyIds(v)) add(`${v} ${id}`, vocabularyLabel(v, id, 'en'), vocabularyLabel(v, id, target));
  for (const l of LEVELS) for (const fld of LEVEL_FIELDS) add(`level ${l}`, en.levels[l].agrees[fld], PACKS[target].levels[l].agrees[fld]);
  return out;
}

/** The text a reader sees: tags dropped, entities decoded, attributes (ids, classes) ignored. */
function visibleText(html: string): string {
  return html.replace(/<[^>]*>/g, '\n').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

for (const f of native) {
  test(`${f} renders with no English word from cjm's own label tables`, () => {
    const a = read(f);
    const locale = mapLanguage(a.map, a.text);
    const text = visibleText(renderMapHtml(a.map, { locale }));
    for (const [what, english] of englishLabels(locale)) {
      const re = new RegExp(`(?<![\\p{L}])${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu');
      assert.doesNotMatch(text, re, `${what}: "${english}" appears in the rendered ${locale} map`);
    }
  });
}

test('native maps render grammatical labels in their own language', () => {
  const ru = renderMapHtml(read('ru-cosmetics.cjm').map, { locale: 'ru' });
  assert.match(ru, /Критичность: высокая/);
  assert.match(ru, /Влияние: высокое/);
  assert.match(ru, /Усилия: низкие/);
  assert.match(ru, /Усилия: средние/);
  assert.match(ru, /cjm-badge-status">в работе</);
  assert.match(ru, /class="cjm-stage-name">Покупка</, 'the stage word used as its id is shown as the stage name');
  assert.match(ru, /class="cjm-kind[^"]*">Текущее состояние</);
  assert.match(ru, /раздражение −2/, 'a feminine adjective is shown as the noun label');
  const pl = renderMapHtml(read('pl-bank.cjm').map, { locale: 'pl' });
  assert.match(pl, /Wpływ: wysoki/);
  assert.match(pl, /Nakład: niski/);
  assert.match(pl, /Krytyczność: wysoka/);
  assert.match(pl, /cjm-badge-status">pomysł</);
  assert.match(pl, /zdenerwowanie −1/);
  assert.match(pl, /rozczarowanie −2/);
  assert.match(pl, /class="cjm-stage-name">Świadomość</);
  assert.match(pl, /class="cjm-stage-name">korzystanie</, 'a form that is not the name is shown as written');
  const sources = renderMapHtml(read('pl-bank.cjm').map, { locale: 'en' });
  assert.match(sources, /cjm-badge-source-type">survey</, 'an English reader gets the English label');
});

const m = (body: string) => `cjm: 1\ntitle: T\n${body}`;
const errors = (text: string) => analyze(text).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.code}: ${d.message}`);

test('regressions: values Russian and Polish writers type are valid (issue 12)', () => {
  for (const kind of ['текущее состояние', 'stan obecny']) assert.deepEqual(errors(m(`kind: ${kind}\nstages: []\n`)), [], kind);
  const step = (k: string, v: string) => m(`stages:\n  - id: a\n    steps:\n      - name: n\n        emotion: 1\n        ${k}: ${v}\n`);
  for (const v of ['низкая', 'средняя']) assert.deepEqual(errors(step('criticality', v)), [], v);
  const opp = (k: string, v: string) => m(`opportunities:\n  - text: x\n    ${k}: ${v}\nstages: []\n`);
  assert.deepEqual(errors(opp('impact', 'высокий')), []);
  assert.deepEqual(errors(opp('effort', 'niski')), []);
  assert.deepEqual(errors(opp('status', 'pomysł')), []);
  assert.deepEqual(errors(m('channels:\n  - id: c\n    type: strona www\nstages: []\n')), []);
  assert.deepEqual(errors(m('sources:\n  - id: s\n    type: ankieta\nstages: []\n')), []);
  assert.equal(resolveValue('kind', 'stan obecny'), 'current-state');
});

test('regressions: feminine, plural and missing emotion words are known, with the right meaning', () => {
  const expected: Record<string, string> = {
    раздражена: 'frustrated', довольна: 'satisfied', zadowolona: 'satisfied', zaniepokojona: 'anxious', zachwycona: 'delighted',
    недоверие: 'distrustful', недовольство: 'dissatisfied', удивление: 'surprised', страх: 'afraid', уверенность: 'confident',
    удовлетворенность: 'satisfied', усталость: 'tired', предвкушение: 'anticipating', zdenerwowany: 'nervous', zawiedziony: 'disappointed',
    zaskoczony: 'surprised', satysfakcja: 'satisfied', irytacja: 'frustrated', strach: 'afraid', nieufność: 'distrustful', surprised: 'surprised',
    zaskoczenie: 'surprised', раздражены: 'frustrated', zadowoleni: 'satisfied', stres: 'stressed',
    // the words that used to mean another feeling
    интерес: 'interested', спокойствие: 'calm', скука: 'bored', волнение: 'nervous', 'радостное волнение': 'excited',
  };
  for (const [word, id] of Object.entries(expected)) assert.equal(findEmotion(word)?.id, id, word);
  assert.notEqual(findEmotion('интерес')?.id, findEmotion('любопытство')?.id);
  assert.notEqual(findEmotion('спокойствие')?.id, findEmotion('облегчение')?.id);
  assert.notEqual(findEmotion('скука')?.id, findEmotion('нетерпение')?.id);
  assert.notEqual(findEmotion('волнение')?.id, findEmotion('тревога')?.id);
  assert.ok(EMOTIONS.length >= 30);
});

test('regressions: built-in stage words used as ids are those stages, with order checks and names', () => {
  for (const id of ['покупка', 'zakup', 'Purchase']) {
    const a = analyze(m(`language: ru\nstages:\n  - id: ${id}\n    steps: [{name: n, emotion: 1}]\n  - id: awareness\n    steps: [{name: m, emotion: 1}]\n`));
    assert.ok(a.diagnostics.some((d) => d.code === 'stage-order' && d.message.includes(`\`awareness\` usually comes before \`${id}\``)), id);
  }
  const a = analyze(m('language: en\nstages:\n  - id: покупка\n    steps: [{name: n, emotion: 1}]\n  - id: checkout\n    steps: [{name: n, emotion: 1}]\n  - id: purchase\n    steps: [{name: n, emotion: 1}]\n'));
  const [ru, form, id] = a.map.stages;
  assert.equal(stageLabel(ru, 0, 'en'), 'Покупка', 'a Russian stage name is never translated into English');
  assert.equal(stageLabel(form, 1, 'en'), 'checkout', 'a form is shown as written');
  assert.equal(stageLabel(id, 2, 'ru'), 'Покупка');
  assert.equal(STAGES.find((s) => s.id === 'purchase')!.names.pl, 'Zakup');
});

test('regressions: an emotion written in one language is not shown in another when the map declares none', () => {
  const a = analyze(m('stages:\n  - id: a\n    steps:\n      - name: n\n        emotion: раздражена\n'));
  assert.match(renderMapHtml(a.map, { locale: 'en' }), /раздражение −2/);
  assert.doesNotMatch(renderMapHtml(a.map, { locale: 'en' }), /frustrated −2/);
  assert.equal(MAP_KINDS.find((k) => k.id === 'current-state')!.names.ru, 'Текущее состояние');
});
