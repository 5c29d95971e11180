/** "Did you mean" never misleads: no negation flips, no other language while one's own is close. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOCALES, PACKS, VOCABULARIES, analyze, didYouMean, editDistance, fold, suggestWords, suggestionDistance, vocabularyWords,
} from '@cjm/core';

const NEGATIONS = [...new Set(LOCALES.flatMap((l) => PACKS[l].negations.map(fold)))];

/** True when one word is the other with a negation prefix (give or take one letter): недоверие / доверие. */
function negationOf(a: string, b: string): boolean {
  const [x, y] = [fold(a), fold(b)];
  return NEGATIONS.some((p) => (x.startsWith(p) && editDistance(x.slice(p.length), y, 1) <= 1) || (y.startsWith(p) && editDistance(y.slice(p.length), x, 1) <= 1));
}

test('no suggestion from any vocabulary word, or a typo of it, is its negation — over every pair of words', () => {
  let pairs = 0;
  for (const v of VOCABULARIES) {
    const words = vocabularyWords(v);
    for (const a of words) {
      for (const b of words) {
        if (a.id === b.id || !negationOf(a.text, b.text)) continue;
        pairs++;
        assert.equal(suggestionDistance(a.text, b.text), undefined, `${v}: ${a.text} → ${b.text}`);
      }
      // What a writer would see for a word the vocabulary did not know: the word itself and a one-letter typo of it.
      for (const t of [a.text, a.text.slice(0, -1)]) {
        for (const s of suggestWords(v, t, { exclude: (id) => id === a.id, limit: 10 })) {
          assert.ok(!negationOf(a.text, s.text), `${v}: "${t}" (${a.id}) was offered its negation "${s.text}" (${s.id})`);
        }
      }
    }
  }
  assert.ok(pairs >= 20, `${pairs} negation pairs in the vocabularies`);
});

test('the inversions seen before never come back', () => {
  assert.deepEqual(didYouMean('недоверие', ['доверие']), []);
  assert.deepEqual(didYouMean('уверенность', ['неуверенность']), []);
  assert.deepEqual(didYouMean('nieufność', ['niepewność']), []);
  assert.deepEqual(didYouMean('niezadowolona', ['zadowolona']), []);
  assert.deepEqual(didYouMean('unsure', ['sure']), []);
  assert.deepEqual(didYouMean('dissatisfied', ['satisfied']), []);
  // …while real typos still find their word, prefixes included
  assert.deepEqual(didYouMean('недоверe', ['доверие', 'недоверие']), ['недоверие']);
  assert.deepEqual(didYouMean('dsappointed', ['disappointed']), ['disappointed']);
  assert.deepEqual(didYouMean('frust', ['frustrated']), ['frustrated']);
});

test('a typo gets a suggestion in its own language, the map\'s first', () => {
  const pl = suggestWords('emotion', 'zestresowny', { locale: 'pl' });
  assert.equal(pl[0]?.text, 'zestresowany');
  assert.ok(pl.every((w) => w.locale === 'pl'));
  // Cyrillic is never offered a Latin word, and the reverse
  assert.ok(suggestWords('emotion', 'раздражона').every((w) => w.locale === 'ru'));
  assert.ok(suggestWords('emotion', 'frustated', { locale: 'ru' }).every((w) => w.locale !== 'ru'));
  // Polish letters settle the language even without `language:`
  assert.ok(suggestWords('emotion', 'zaniepokojna').every((w) => w.locale === 'pl'));
});

const map = (language: string | undefined, emotion: string) =>
  `cjm: 1\ntitle: T\n${language ? `language: ${language}\n` : ''}stages:\n  - id: a\n    steps:\n      - name: n\n        emotion: ${emotion}\n`;

test('an unknown emotion gets suggestions and examples in the map\'s language', () => {
  const d = (text: string) => analyze(text).diagnostics.find((x) => x.code === 'unknown-emotion')!;
  assert.match(d(map('pl', 'zdenerwowanaa')).message, /`zdenerwowana`/);
  assert.equal(d(map('pl', 'zdenerwowanaa')).fixes![0].edits[0].newText, 'zdenerwowana');
  assert.match(d(map('ru', 'xyzzy')).message, /Use a name like `радость` or `раздражение`/);
  assert.match(d(map('pl', 'xyzzy')).message, /Use a name like `radość` or `frustracja`/);
  assert.match(d(map(undefined, 'xyzzy')).message, /Use a name like `happy` or `frustrated`/);
  assert.match(d(map(undefined, 'ыыыы')).message, /`радость`/, 'a Cyrillic word gets Russian examples');
});

test('an invalid enum value lists the values in the map\'s language, and fixes keep the writer\'s language', () => {
  const text = 'cjm: 1\ntitle: T\nlanguage: ru\nstages:\n  - id: a\n    criticality: высокаяя\n    steps:\n      - name: n\n        emotion: 1\n        criticality: огромная\n';
  const ds = analyze(text).diagnostics.filter((x) => x.code === 'invalid-value');
  assert.equal(ds.length, 2);
  assert.equal(ds[0].fixes![0].edits[0].newText, 'высокая');
  assert.match(ds[1].message, /Use one of: низкая, средняя, высокая\./);
  const en = analyze('cjm: 1\ntitle: T\nstages:\n  - id: a\n    criticality: hihg\n    steps: [{name: n, emotion: 1}]\n').diagnostics.find((x) => x.code === 'invalid-value')!;
  assert.match(en.message, /Use one of: low, medium, high\./);
  assert.equal(en.fixes![0].edits[0].newText, 'high');
});
