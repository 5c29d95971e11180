/**
 * What a Russian or Polish reader sees in the editor: the documentation of every key (and
 * its example), every emotion, and completion's own words, with no English word reaching
 * them; the English texts unchanged; translated examples that still mean the same map.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  EMOTIONS,
  LOCALES,
  ObjectName,
  SCHEMA,
  fieldDoc,
  fieldExample,
  findEmotion,
  formatScore,
  resolveValue,
  vocabularyEntry,
  type VocabularyName,
} from '@cjm/core';
import { emotionDoc, keyDoc } from '../../server/src/features/docs';
import { fixture, offsetOf } from '../helpers';
import { Lsp, positionAt, uriOf } from '../server/lsp';
import { englishWords } from './english';

const FIELDS = (Object.keys(SCHEMA) as ObjectName[]).flatMap((o) => SCHEMA[o].map((f) => ({ o, f })));

for (const locale of ['ru', 'pl'] as const) {
  test(`${locale}: the documentation of every key, with its example, has no English word`, () => {
    const found = FIELDS.map(({ o, f }) => `${o}.${f.key}: ${englishWords(withoutKey(keyDoc(o, f, locale)), locale).join(', ')}`).filter((s) => !s.endsWith(': '));
    assert.deepEqual(found, []);
  });

  test(`${locale}: the documentation of every emotion has no English word, and names it in ${locale}`, () => {
    for (const em of EMOTIONS) {
      const doc = emotionDoc(em, locale);
      assert.deepEqual(englishWords(doc, locale), [], `${em.id}: ${doc}`);
      assert.ok(doc.includes(`**${em.names[locale]}**`), doc);
    }
  });

  test(`${locale}: hovering a key and an emotion in a ${locale} map speaks ${locale}`, async () => {
    const lsp = await Lsp.start({ locale });
    try {
      const path = fixture('l10n', locale, 'before.cjm');
      const text = readFileSync(path, 'utf8');
      const uri = uriOf(path);
      lsp.open(uri, text);
      const hover = async (needle: string) =>
        (await lsp.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offsetOf(text, needle) + 1) })).contents.value;
      const key = await hover('emotion:');
      assert.match(key, locale === 'ru' ? /Что чувствует клиент/ : /Co czuje klient/);
      assert.match(key, locale === 'ru' ? /emotion: раздражение/ : /emotion: frustracja/);
      assert.deepEqual(englishWords(withoutKey(key), locale), [], key);
      const word = locale === 'ru' ? 'тревога' : 'zaniepokojony';
      const emotion = await hover(word);
      assert.match(emotion, locale === 'ru' ? /😟 \*\*тревога\*\* \(`anxious`\) — оценка −2/ : /😟 \*\*niepokój\*\* \(`anxious`\) — ocena −2/);
      assert.deepEqual(englishWords(emotion, locale), [], emotion);
    } finally {
      await lsp.stop();
    }
  });

  test(`${locale}: translated examples keep the keys, and their values mean what the English ones do`, () => {
    for (const { o, f } of FIELDS) {
      const en = fieldExample(f, 'en');
      if (!en) continue;
      const here = fieldExample(f, locale)!;
      const a = parseYaml(en) as unknown;
      const b = parseYaml(here) as unknown;
      assert.deepEqual(shape(b), shape(a), `${o}.${f.key}: ${here}`);
      // A vocabulary value written in the reader's language is the same value.
      // (`language:`'s example names the reader's own language: `language: ru` for a Russian reader.)
      if (f.type.t === 'enum' && f.type.vocabulary && f.type.vocabulary !== 'language') {
        const value = (x: unknown) => String((x as Record<string, unknown>)[f.key]);
        assert.equal(resolveValue(f.type.vocabulary, value(b)), value(a), `${o}.${f.key}: ${here}`);
      }
      if (f.type.t === 'emotion') assert.equal(findEmotion(String((b as Record<string, unknown>).emotion))?.id, (a as Record<string, unknown>).emotion);
    }
  });

  test(`${locale}: the docs of channel, source and status types name every value in ${locale}`, () => {
    const lists: Array<[ObjectName, string, VocabularyName]> = [
      ['channel', 'type', 'channelType'],
      ['source', 'type', 'sourceType'],
      ['opportunity', 'status', 'status'],
    ];
    for (const [o, key, vocabulary] of lists) {
      const f = SCHEMA[o].find((x) => x.key === key)!;
      const values = f.type.t === 'enum' ? f.type.values : [];
      assert.ok(values.length > 3);
      for (const v of values) {
        assert.ok(f.doc.includes(v), `${o}.${key}: the English doc lists ${v}`);
        const label = vocabularyEntry(vocabulary, v, locale)!.label;
        assert.ok(fieldDoc(f, locale).includes(label), `${o}.${key}: ${locale} doc lacks «${label}»: ${fieldDoc(f, locale)}`);
      }
    }
  });
}

/**
 * The keys of a parsed YAML value, recursively; the values themselves are the translator's.
 * A step's `lanes:` mapping is keyed by lane ids, which are the writer's words too.
 */
function shape(v: unknown, parent?: string): unknown {
  if (Array.isArray(v)) return v.map((x) => shape(x));
  if (v && typeof v === 'object') {
    if (parent === 'lanes') return Object.values(v).map((x) => shape(x));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x, k)]));
  }
  return typeof v;
}

/** A key's documentation starts with the key itself, in bold: code, like a key in backticks. */
const withoutKey = (doc: string) => doc.replace(/^\*\*[a-z]+\*\*/, '');

test('English documentation is the schema table\'s text, as before', () => {
  const touchpoint = SCHEMA.step.find((f) => f.key === 'touchpoint')!;
  assert.equal(
    keyDoc('step', touchpoint),
    '**touchpoint** — in a step\n\nWhere the customer meets the company: ad, site, app, shop, call centre, e-mail, courier… A list when the step uses several.\n\n```yaml\ntouchpoint: Registration form\n```',
  );
  const frustrated = EMOTIONS.find((e) => e.id === 'frustrated')!;
  assert.match(emotionDoc(frustrated), /^😣 \*\*frustrated\*\* — score −2\n\nen: frustrated · ru: раздражение · pl: frustracja\n\nAlso: /);
  for (const { f } of FIELDS) assert.equal(fieldDoc(f, 'en'), f.doc);
});

test('scores are written with a decimal comma for Russian and Polish readers, a point elsewhere', () => {
  assert.deepEqual(LOCALES.map((l) => formatScore(-1.5, l)), ['−1.5', '−1,5', '−1,5']);
  assert.equal(formatScore(1.5), '+1.5');
  assert.equal(formatScore(2, 'ru'), '+2');
  assert.equal(formatScore(0, 'pl'), '0');
});
