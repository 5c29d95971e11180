/**
 * What completion and New Journey Map write into a map on the author's behalf: in Russian and
 * Polish maps words of that language, which the vocabularies read back as the same emotion,
 * stage or value; in English maps the ids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMOTIONS, ID_PATTERN, LEVELS, LOCALES, MAP_KINDS, SCHEMA, STAGES, analyze, emotionWord, enumWord, findEmotion, findStage, fold, resolveWord, stageIdWord,
} from '@cjm/core';

test('every emotion\'s word in every language reads back as that emotion; English writes the id', () => {
  for (const em of EMOTIONS) {
    assert.equal(emotionWord(em, 'en'), em.id);
    for (const locale of LOCALES) {
      const word = emotionWord(em, locale);
      assert.equal(findEmotion(word)?.id, em.id, `${locale} ${word}`);
      if (locale !== 'en') assert.equal(word, em.names[locale], 'without typing, the canonical label');
    }
  }
});

test('typing any prefix of any word of the language writes a word of that emotion, never another\'s', () => {
  for (const em of EMOTIONS) {
    for (const locale of ['ru', 'pl'] as const) {
      for (const form of [em.names[locale], ...em.synonyms[locale]]) {
        for (let n = 1; n <= form.length; n++) {
          const word = emotionWord(em, locale, form.slice(0, n));
          assert.equal(findEmotion(word)?.id, em.id, `${locale} "${form.slice(0, n)}" → ${word}`);
          assert.ok(fold(word).startsWith(fold(form.slice(0, n))) || word === em.names[locale], `${word} is what was typed, or the canonical label`);
        }
      }
    }
  }
});

test('the canonical label wins while the typing leads to it; another form only when typed past it', () => {
  const happy = EMOTIONS.find((e) => e.id === 'happy')!;
  assert.equal(emotionWord(happy, 'ru', 'рад'), happy.names.ru);
  assert.equal(emotionWord(happy, 'ru', 'РАД'), happy.names.ru, 'case-insensitive');
  const frustrated = EMOTIONS.find((e) => e.id === 'frustrated')!;
  assert.equal(emotionWord(frustrated, 'pl', 'ziryt'), 'zirytowany');
  assert.equal(emotionWord(frustrated, 'pl', 'zirytowany'), 'zirytowany');
  assert.equal(emotionWord(frustrated, 'pl', 'раздр'), frustrated.names.pl, 'a word of another language writes the map\'s canonical label');
});

test('every built-in stage\'s id word is a valid id that names that stage, in every language', () => {
  for (const st of STAGES) {
    assert.equal(stageIdWord(st, 'en'), st.id);
    for (const locale of LOCALES) {
      const word = stageIdWord(st, locale);
      assert.ok(ID_PATTERN.test(word), `${locale} "${word}" is not an id`);
      assert.equal(findStage(word)?.stage, st, `${locale} ${word}`);
      if (locale !== 'en') assert.equal(word, st.names[locale].toLocaleLowerCase(locale));
    }
  }
  const purchase = STAGES.find((s) => s.id === 'purchase')!;
  assert.equal(stageIdWord(purchase, 'ru', 'оформ'), 'оформление', 'a synonym being typed is kept');
  assert.equal(stageIdWord(purchase, 'ru', 'покуп'), 'покупка');
});

test('a stage id names a built-in stage by id or any name in any language, and nothing else', () => {
  assert.equal(findStage('purchase')?.stage.id, 'purchase');
  assert.equal(findStage('Purchase')?.stage.id, 'purchase');
  assert.equal(findStage('покупка')?.stage.id, 'purchase');
  assert.equal(findStage('zakup')?.stage.id, 'purchase');
  assert.equal(findStage('swiadomosc')?.stage.id, 'awareness', 'diacritics folded');
  assert.equal(findStage('pokup'), undefined);
  assert.equal(findStage('morning'), undefined);
  assert.equal(findStage(''), undefined);
});

const enumKeys = ['kind', 'criticality', 'impact', 'effort'] as const;
const valuesOf = (key: string) => (key === 'kind' ? MAP_KINDS.map((k) => k.id) : [...LEVELS]);

test('map kinds and levels have one word per value in Russian and Polish; English writes ids', () => {
  for (const key of enumKeys) {
    const values = valuesOf(key);
    assert.deepEqual(values.map((v) => enumWord(key, v, 'en')), values);
    for (const locale of ['ru', 'pl'] as const) {
      const words = values.map((v) => enumWord(key, v, locale));
      assert.equal(new Set(words.map(fold)).size, values.length, `${key} ${locale}: ${words.join(', ')}`);
      for (const w of words) assert.ok(!values.includes(w) && /^\p{Ll}/u.test(w), `${key} ${locale}: "${w}" is a lower-case word, not an id`);
    }
  }
  assert.deepEqual(LEVELS.map((l) => enumWord('impact', l, 'ru')), ['низкое', 'среднее', 'высокое'], 'влияние is neuter');
  assert.deepEqual(LEVELS.map((l) => enumWord('effort', l, 'ru')), ['низкие', 'средние', 'высокие'], 'усилия is plural');
  assert.deepEqual(LEVELS.map((l) => enumWord('criticality', l, 'pl')), ['niska', 'średnia', 'wysoka'], 'krytyczność is feminine');
  assert.equal(enumWord('type', 'mobile-app', 'ru'), 'мобильное приложение', 'a key of two objects finds the vocabulary that has the value');
  assert.equal(enumWord('type', 'survey', 'pl', 'sourceType'), 'ankieta');
  assert.equal(enumWord('status', 'in-progress', 'pl'), 'w trakcie');
  assert.equal(enumWord('language', 'ru', 'ru'), 'ru', 'a key without a vocabulary keeps its value');
});

/** Every enum key of the schema whose values have words, with the vocabulary and the values. */
const vocabularyKeys = Object.entries(SCHEMA).flatMap(([object, fields]) =>
  fields.flatMap((f) => (f.type.t === 'enum' && f.type.vocabulary ? [{ object, key: f.key, vocabulary: f.type.vocabulary, values: f.type.values }] : [])));

test('every enum value has a word of the map\'s language, which its vocabulary reads back as that value', () => {
  assert.ok(vocabularyKeys.some((k) => k.key === 'impact') && vocabularyKeys.some((k) => k.object === 'source' && k.key === 'type'));
  for (const locale of ['ru', 'pl'] as const) {
    for (const { object, key, vocabulary, values } of vocabularyKeys) {
      for (const value of values) {
        const word = enumWord(key, value, locale, vocabulary);
        const r = resolveWord(vocabulary, word, locale);
        assert.equal(r?.id, value, `${locale} ${object}.${key} ${value}: ${word}`);
        // `partner` is Polish as well as the id: the id wins the lookup, and means the same.
        assert.ok(r?.locale === locale || word === value, `${locale} ${object}.${key} ${value}: ${word} is a word of ${locale}`);
      }
    }
  }
});

test('every word written for a kind or level is read back by the parser as that value', () => {
  assert.ok(SCHEMA.opportunity.some((f) => f.key === 'impact'));
  for (const locale of ['ru', 'pl'] as const) {
    for (const value of valuesOf('kind')) {
      const a = analyze(`cjm: 1\ntitle: x\nkind: ${enumWord('kind', value, locale)}\nlanguage: ${locale}\n`);
      assert.deepEqual(a.diagnostics.filter((d) => d.code === 'unknown-kind').map((d) => d.message), [], `${locale} kind ${value}`);
    }
    for (const key of ['impact', 'effort'] as const) {
      for (const value of LEVELS) {
        const a = analyze(`cjm: 1\ntitle: x\nlanguage: ${locale}\nopportunities:\n  - text: y\n    ${key}: ${enumWord(key, value, locale)}\n`);
        assert.deepEqual(a.diagnostics.filter((d) => d.code === 'invalid-value').map((d) => d.message), [], `${locale} ${key} ${value}`);
      }
    }
  }
});
