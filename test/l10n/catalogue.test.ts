/**
 * The message catalogue: every message the code uses has a Russian and a Polish entry
 * (every plural form the language's rules pick from), every entry is used, and the
 * translations keep the English placeholders, so nothing reaches a reader half-translated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUES, LOCALES, format, msg, orList, plural, pluralKey, t, tn } from '@cjm/core';
import { ROOT } from '../helpers';
import { scanSource, scanTree } from './scan';

const scan = scanTree(ROOT);
const translated = LOCALES.filter((l) => l !== 'en');

/** Every key a locale's catalogue must hold for the messages in use. */
function expectedKeys(locale: (typeof LOCALES)[number]): Map<string, string> {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const keys = new Map<string, string>();
  for (const u of scan.uses) {
    if (u.plural) for (const c of categories) keys.set(pluralKey(u.text, c), u.text);
    else keys.set(u.text, u.text);
  }
  return keys;
}

const placeholders = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();

test('every message is a literal the catalogue can hold, and every diagnostic is a message', () => {
  assert.deepEqual(scan.problems, []);
  assert.ok(scan.uses.length > 300, `found ${scan.uses.length} messages`);
});

for (const locale of translated) {
  test(`${locale}: every message the code uses is translated, in every plural form`, () => {
    const cat = CATALOGUES[locale]!;
    const missing = [...expectedKeys(locale).keys()].filter((k) => typeof cat[k] !== 'string' || !(cat[k] as string).trim());
    assert.deepEqual(missing, [], `add these to core/l10n/${locale}.json`);
  });

  test(`${locale}: every catalogue entry is used by the code`, () => {
    const expected = expectedKeys(locale);
    assert.deepEqual(Object.keys(CATALOGUES[locale]!).filter((k) => !expected.has(k)), [], `remove these from core/l10n/${locale}.json`);
  });

  test(`${locale}: translations keep the English placeholders`, () => {
    const bad: string[] = [];
    for (const [key, english] of expectedKeys(locale)) {
      const v = CATALOGUES[locale]![key];
      if (typeof v === 'string' && placeholders(v).join() !== placeholders(english).join()) bad.push(`${key} → ${v}`);
    }
    assert.deepEqual(bad, []);
  });
}

test('plural forms follow each language: 1 шаг, 2 шага, 5 шагов; 1 krok, 2 kroki, 5 kroków', () => {
  const steps = (locale: 'en' | 'ru' | 'pl', n: number) => tn(locale, n, '{0} step', '{0} steps');
  assert.deepEqual([1, 2, 5, 21, 22, 25, 0].map((n) => steps('ru', n)), ['1 шаг', '2 шага', '5 шагов', '21 шаг', '22 шага', '25 шагов', '0 шагов']);
  assert.deepEqual([1, 2, 5, 12, 22, 25, 0].map((n) => steps('pl', n)), ['1 krok', '2 kroki', '5 kroków', '12 kroków', '22 kroki', '25 kroków', '0 kroków']);
  assert.deepEqual([1, 2, 0].map((n) => steps('en', n)), ['1 step', '2 steps', '0 steps']);
});

test('messages nest, and user words inside them are shown as written', () => {
  const m = msg('`{0}` is not a known emotion. Did you mean {1}?', 'радостъ', orList(['`радость`', '`гордость`']));
  assert.equal(format('en', m), '`радостъ` is not a known emotion. Did you mean `радость` or `гордость`?');
  assert.equal(format('ru', m), '`радостъ` — неизвестная эмоция. Возможно, имелось в виду `радость` или `гордость`?');
  assert.equal(format('pl', m), '`радостъ` to nieznana emocja. Czy chodziło o `радость` lub `гордость`?');
  assert.equal(format('ru', plural(3, 'stage added with {0} step', 'stage added with {0} steps')), 'этап добавлен, в нём 3 шага');
});

test('a message missing from a catalogue falls back to English rather than to nothing', () => {
  assert.equal(t('ru', 'A sentence no catalogue has: {0}', 'x'), 'A sentence no catalogue has: x');
});

test('the scanner reports messages built at run time and diagnostics with bare strings', () => {
  const s = scanSource('x.ts', "msg(`a ${b}`); t(locale, name); diagnostic('empty-stage', `Stage ${id}`, at); msg('fine {0}', 1); plural(n, 'one', 'many');");
  assert.equal(s.problems.length, 3, s.problems.join('\n'));
  assert.deepEqual(s.uses.map((u) => [u.text, u.plural]), [['fine {0}', false], ['many', true]]);
});
