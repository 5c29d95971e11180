/** The language packs as data: every accepted word means its id, in any case and without diacritics, and no word is ambiguous. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  EMOTIONS, LEVELS, LEVEL_FIELDS, LOCALES, MAP_KINDS, PACKS, STAGES, VOCABULARIES, analyze, findEmotion, findStage, fold, levelLabel,
  matchKey, resolveWord, vocabularyIds, vocabularyWords,
} from '@cjm/core';

test('every word of every vocabulary resolves to its own id, as written', () => {
  let n = 0;
  for (const v of VOCABULARIES) {
    for (const w of vocabularyWords(v)) {
      assert.equal(resolveWord(v, w.text)?.id, w.id, `${v}: ${w.text}`);
      n++;
    }
  }
  assert.ok(n > 1000, `${n} words checked`);
});

test('no word means two different things within one vocabulary', () => {
  for (const v of VOCABULARIES) {
    const seen = new Map<string, string>();
    for (const w of vocabularyWords(v)) {
      const k = matchKey(w.text);
      const before = seen.get(k);
      assert.ok(before === undefined || before === w.id, `${v}: "${w.text}" is both ${before} and ${w.id}`);
      seen.set(k, w.id);
    }
  }
});

test('every pack has a label for every id, and no form repeats its label', () => {
  for (const l of LOCALES) {
    for (const v of VOCABULARIES) {
      for (const id of vocabularyIds(v)) {
        const mine = vocabularyWords(v).filter((w) => w.locale === l && w.id === id);
        assert.equal(mine.filter((w) => w.canonical).length, 1, `${l} ${v} ${id} has one label`);
        assert.ok(mine.every((w) => w.text.trim() === w.text && w.text), `${l} ${v} ${id}: no blank or padded words`);
        assert.equal(new Set(mine.map((w) => matchKey(w.text))).size, mine.length, `${l} ${v} ${id}: no word twice`);
      }
    }
  }
});

/** A word as people type it: any letter case, diacritics dropped or kept, ё as е, spaces as - or _. */
function typed(word: string) {
  return fc.tuple(fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }), fc.boolean(), fc.constantFrom(' ', '-', '_')).map(([upper, plain, sep]) => {
    const base = plain ? fold(word) : word;
    return [...base].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('').replace(/ /g, sep);
  });
}

test('property: every label and form in every language round-trips to its id however it is typed', () => {
  const all = VOCABULARIES.flatMap((v) => vocabularyWords(v).filter((w) => w.locale).map((w) => ({ v, w })));
  fc.assert(
    fc.property(fc.constantFrom(...all).chain(({ v, w }) => typed(w.text).map((t) => ({ v, w, t }))), ({ v, w, t }) => resolveWord(v, t)?.id === w.id),
    { numRuns: 3000 },
  );
});

test('every emotion word in a map is understood, scored and keeps the word as written', () => {
  const words = vocabularyWords('emotion');
  const text = `cjm: 1\ntitle: All\nstages:\n  - id: s\n    steps:\n${words.map((w, i) => `      - name: n${i}\n        emotion: ${JSON.stringify(w.text)}\n`).join('')}`;
  const a = analyze(text);
  assert.deepEqual(a.diagnostics.filter((d) => d.code === 'unknown-emotion').map((d) => d.message), []);
  const steps = a.map.stages[0].steps;
  words.forEach((w, i) => {
    assert.equal(steps[i].emotion?.info?.id, w.id, w.text);
    assert.equal(steps[i].emotion?.raw, w.text);
    assert.equal(steps[i].emotion?.score, EMOTIONS.find((e) => e.id === w.id)!.score);
  });
});

test('every enum word in every language is a valid value where the schema expects it', () => {
  const q = (s: string) => JSON.stringify(s);
  const lines = (v: Parameters<typeof vocabularyWords>[0]) => vocabularyWords(v).map((w) => w.text);
  const kinds = lines('kind').map((k) => `cjm: 1\ntitle: K\nkind: ${q(k)}\nstages: []\n`);
  const rest = `cjm: 1\ntitle: T\nchannels:\n${lines('channelType').map((t, i) => `  - id: c${i}\n    type: ${q(t)}\n`).join('')}sources:\n${lines('sourceType').map((t, i) => `  - id: s${i}\n    type: ${q(t)}\n`).join('')}stages:\n  - id: a\n    steps:\n${lines('level').map((t, i) => `      - name: n${i}\n        criticality: ${q(t)}\n`).join('')}opportunities:\n${lines('level').map((t) => `  - text: x\n    impact: ${q(t)}\n    effort: ${q(t)}\n`).join('')}${lines('status').map((t) => `  - text: y\n    status: ${q(t)}\n`).join('')}`;
  for (const text of [...kinds, rest]) {
    const bad = analyze(text).diagnostics.filter((d) => d.code === 'invalid-value' || d.code === 'unknown-kind');
    assert.deepEqual(bad.map((d) => d.message), []);
  }
});

test('labels of levels agree with the noun they qualify', () => {
  assert.equal(levelLabel('high', 'criticality', 'ru'), 'высокая');
  assert.equal(levelLabel('high', 'impact', 'ru'), 'высокое');
  assert.equal(levelLabel('high', 'effort', 'ru'), 'высокие');
  assert.equal(levelLabel('low', 'effort', 'ru'), 'низкие');
  assert.equal(levelLabel('high', 'criticality', 'pl'), 'wysoka');
  assert.equal(levelLabel('high', 'impact', 'pl'), 'wysoki');
  assert.equal(levelLabel('low', 'effort', 'pl'), 'niski');
  for (const l of LOCALES) for (const level of LEVELS) for (const f of LEVEL_FIELDS) assert.equal(resolveWord('level', levelLabel(level, f, l))?.id, level);
});

test('Russian and Polish emotion labels are nouns, the same for any persona', () => {
  // An adjective label would need the persona's gender; these are the labels a reviewer checked as nouns.
  const adjectiveEndings = { ru: /(ый|ий|ой|ая|ое|ые|ен|на|ны|ан|ён)$/, pl: /(y|a|i|e)$/ } as const;
  const nounsEndingLikeAdjectives = new Set(['zaufanie', 'zadowolenie', 'niezadowolenie', 'zainteresowanie', 'zaskoczenie', 'wyczekiwanie', 'zdenerwowanie', 'przytłoczenie', 'rozczarowanie', 'zmęczenie', 'zniecierpliwienie', 'zakłopotanie', 'obrzydzenie', 'oburzenie', 'ulga', 'nadzieja', 'frustracja', 'ekscytacja', 'dezorientacja', 'nuda', 'neutralnie', 'poczucie bezpieczeństwa', 'niepewność']);
  for (const e of EMOTIONS) {
    assert.doesNotMatch(e.names.ru, adjectiveEndings.ru, `ru ${e.id}: ${e.names.ru}`);
    if (!nounsEndingLikeAdjectives.has(e.names.pl)) assert.doesNotMatch(e.names.pl, adjectiveEndings.pl, `pl ${e.id}: ${e.names.pl}`);
  }
});

test('emotion emoji are from Unicode 10 or older, so the PNG fonts draw them', () => {
  // Unicode 11+ additions in the blocks emoji come from (a conservative list of the ranges).
  const tooNew: Array<[number, number]> = [[0x1f94d, 0x1f94f], [0x1f96c, 0x1f97f], [0x1f998, 0x1f9bf], [0x1f9c1, 0x1f9cf], [0x1f9e7, 0x1f9ff], [0x1fa00, 0x1faff], [0x1f6d5, 0x1f6df], [0x1f6f9, 0x1f6ff], [0x1f7e0, 0x1f7ff], [0x1f90c, 0x1f90f], [0x1f93f, 0x1f93f], [0x1f971, 0x1f971]];
  for (const e of EMOTIONS) {
    for (const ch of e.emoji) {
      const cp = ch.codePointAt(0)!;
      assert.ok(!tooNew.some(([a, b]) => cp >= a && cp <= b), `${e.id} ${e.emoji} U+${cp.toString(16)}`);
    }
  }
  assert.equal(new Set(EMOTIONS.map((e) => e.emoji)).size, EMOTIONS.length, 'one emoji per emotion');
});

test('a language is a registered pack: its code, names and the locale list agree', () => {
  assert.deepEqual(Object.keys(PACKS), [...LOCALES]);
  for (const l of LOCALES) assert.equal(PACKS[l].code, l);
  assert.ok(EMOTIONS.length >= 30);
  for (const k of MAP_KINDS) for (const l of LOCALES) assert.ok(k.descriptions[l]);
  for (const s of STAGES) for (const l of LOCALES) assert.equal(findStage(s.names[l])?.stage.id, s.id);
  assert.equal(findEmotion('Zły')?.id, 'angry');
});
