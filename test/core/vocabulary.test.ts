import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMOTIONS, STAGES, MAP_KINDS, findEmotion, matchEmotions, matchStages, nextExpectedStage,
  mermaidToValence, valenceToMermaid, formatScore, nearestEmotion, toLocale, LOCALES, pack, resolveValue,
} from '@cjm/core';

test('stages are in journey order with names in every language', () => {
  const ids = STAGES.map((s) => s.id);
  for (const [a, b] of [['awareness', 'consideration'], ['consideration', 'decision'], ['decision', 'purchase'], ['purchase', 'onboarding'], ['onboarding', 'usage'], ['usage', 'retention'], ['retention', 'loyalty'], ['loyalty', 'advocacy']]) {
    assert.ok(ids.indexOf(a) < ids.indexOf(b), `${a} before ${b}`);
  }
  for (const s of STAGES) for (const l of LOCALES) assert.ok(s.names[l], `${s.id} ${l}`);
});

test('Russian and Polish words from the domain find their stage', () => {
  const cases: Array<[string, string]> = [
    ['осведомленность', 'awareness'], ['рассмотрение', 'consideration'], ['решение', 'decision'], ['покупка', 'purchase'],
    ['использование', 'usage'], ['удержание', 'retention'], ['лояльность', 'loyalty'], ['пропаганда', 'advocacy'], ['рекомендация', 'advocacy'],
    ['świadomość', 'awareness'], ['rozważanie', 'consideration'], ['decyzja', 'decision'], ['zakup', 'purchase'],
    ['użytkowanie', 'usage'], ['lojalność', 'loyalty'], ['rekomendacja', 'advocacy'],
  ];
  for (const [word, id] of cases) assert.equal(matchStages(word)[0]?.id, id, word);
});

test('prefixes typed mid-word find stages, Polish without diacritics too', () => {
  assert.equal(matchStages('zak')[0].id, 'purchase');
  assert.equal(matchStages('покуп')[0].id, 'purchase');
  assert.equal(matchStages('swiad')[0].id, 'awareness');
  assert.equal(matchStages('').length, STAGES.length);
});

test('the next expected stage follows the last built-in stage used', () => {
  assert.equal(nextExpectedStage([])?.id, 'need');
  assert.equal(nextExpectedStage(['awareness'])?.id, 'consideration');
  assert.equal(nextExpectedStage(['awareness', 'my-own-stage', 'purchase'])?.id, 'delivery');
  assert.equal(nextExpectedStage(['advocacy']), undefined);
});

test('emotions are sorted by valence, on the −3…+3 scale, with emoji and three languages', () => {
  for (let i = 1; i < EMOTIONS.length; i++) assert.ok(EMOTIONS[i - 1].score >= EMOTIONS[i].score);
  for (const e of EMOTIONS) {
    assert.ok(e.score >= -3 && e.score <= 3);
    assert.ok(e.emoji.length > 0);
    for (const l of LOCALES) assert.ok(e.names[l]);
  }
  assert.equal(new Set(EMOTIONS.map((e) => e.id)).size, EMOTIONS.length);
});

test('emotions are found by any language and by prefix', () => {
  assert.equal(findEmotion('frustrated')?.score, -2);
  assert.equal(findEmotion('Sfrustrowany')?.id, 'frustrated');
  assert.equal(findEmotion('раздражение')?.id, 'frustrated');
  assert.equal(matchEmotions('sfru')[0].id, 'frustrated');
  assert.equal(matchEmotions('трев')[0].id, 'anxious');
  assert.equal(findEmotion('nonsense'), undefined);
});

test("Mermaid's 1–5 scores map onto the valence scale and back exactly", () => {
  for (let m = 1; m <= 5; m++) assert.equal(valenceToMermaid(mermaidToValence(m)), m);
  assert.equal(mermaidToValence(3), 0);
  assert.equal(mermaidToValence(1), -3);
  assert.equal(valenceToMermaid(-2), 2);
  assert.equal(valenceToMermaid(99), 5);
});

test('scores print with a real minus sign; a bare score is drawn as the nearest emotion', () => {
  assert.equal(formatScore(-2), '−2');
  assert.equal(formatScore(1.5), '+1.5');
  assert.equal(formatScore(0), '0');
  assert.equal(nearestEmotion(-2.9).id, 'angry');
  assert.equal(nearestEmotion(3).id, 'delighted');
});

test('kinds and locales', () => {
  assert.deepEqual(MAP_KINDS.map((k) => k.id), ['current-state', 'future-state', 'service-blueprint', 'day-in-the-life', 'internal-process', 'library']);
  assert.equal(toLocale('ru'), 'ru');
  assert.equal(toLocale('pl-PL'), 'pl');
  assert.equal(toLocale('de'), 'en');
  assert.equal(toLocale(undefined), 'en');
});

test('every language pack names every language cjm speaks, so `language:` may be written in words', () => {
  for (const l of LOCALES) {
    assert.deepEqual(Object.keys(pack(l).languages).sort(), [...LOCALES].sort(), `${l} names every language`);
    for (const code of LOCALES) assert.equal(resolveValue('language', pack(l).languages[code].label), code, `${l}: ${code}`);
  }
});
