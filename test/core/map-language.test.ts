/**
 * Which language a map is written in, for what cjm writes into it and draws for its readers:
 * the declared `language:`, else the language of its values (never of its keys or comments).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { LOCALES, LetterCounts, analyze, commentLocale, countedLetters, diffMaps, inferLocale, letterCounts, mapLanguage, pack, textconv } from '@cjm/core';
import { renderMarkdown } from '@cjm/render';
import { example, fixture } from '../helpers';

const maps = [
  ...readdirSync(example()).filter((f) => f.endsWith('.cjm')).map((f) => example(f)),
  ...['bank-ru.cjm', 'gaps-pl.cjm', 'shop.cjm'].map((f) => fixture('server', f)),
];

for (const path of maps) {
  const text = readFileSync(path, 'utf8');
  const declared = /^language: (\w+)$/m.exec(text)?.[1];
  if (!declared) continue;
  test(`${path.split('/').slice(-2).join('/')} without its \`language: ${declared}\` is still read as ${declared}`, () => {
    const undeclared = text.replace(/^language: \w+\n/m, '');
    assert.equal(inferLocale(undeclared), declared);
    assert.equal(mapLanguage(analyze(undeclared).map, undeclared), declared);
  });
}

test('a declared language wins over the text', () => {
  const text = 'cjm: 1\ntitle: Покупка билета\nlanguage: pl\n';
  assert.equal(mapLanguage(analyze(text).map, text), 'pl');
});

test('a language cjm does not speak is not taken at its word: the text decides', () => {
  const text = 'cjm: 1\ntitle: Покупка билета\nlanguage: de\n';
  assert.equal(mapLanguage(analyze(text).map, text), 'ru');
});

test('Russian values with English ids are Russian', () => {
  const text = ['cjm: 1', 'title: Первый заказ', 'stages:', '  - id: awareness', '    steps:', '      - id: sees-ad', '        channel: web', '        name: Видит рекламу'].join('\n');
  assert.equal(inferLocale(text), 'ru');
});

test('an English map with a Polish name or Russian comments stays English', () => {
  const shop = readFileSync(fixture('server', 'shop.cjm'), 'utf8').replace(/^language: en\n/m, '');
  assert.equal(inferLocale(shop.replace(/^title: .*$/m, 'title: First order by Łukasz Żółć from Łódź')), 'en');
  assert.equal(inferLocale('# Карта для тестов: комментарий по-русски\ntitle: First order\nstages:\n  - id: awareness # осведомленность\n'), 'en');
});

test('Polish values are Polish even with English ids and keys', () => {
  assert.equal(inferLocale('title: Pierwsze zamówienie\nstages:\n  - id: purchase\n    steps:\n      - name: Płaci za zamówienie\n        channel: web\n'), 'pl');
});

test('a map with no letters in its values has no language to read; mapLanguage falls back to English', () => {
  assert.equal(inferLocale('cjm: 1\nstages:\n  - steps: []\n'), undefined);
  assert.equal(inferLocale(''), undefined);
  assert.equal(mapLanguage(undefined, ''), 'en');
});

// One answer for every face: a Russian map that never wrote `language: ru` names the built-in
// stage `purchase` «Покупка» in its diff, its git projection, its PR comment and its exports,
// as the preview and completion do.
const undeclaredRu = ['cjm: 1', 'title: Первый заказ', 'stages:', '  - id: purchase', '    steps:', '      - name: Оплачивает заказ', '        emotion: -1', ''].join('\n');

test('every face reads an undeclared Russian map as Russian: diff, textconv, PR comment, render', () => {
  const a = analyze(undeclaredRu);
  assert.equal(mapLanguage(a.map, a.text), 'ru');
  assert.equal(commentLocale([a]), 'ru');
  assert.equal(commentLocale([a, analyze('cjm: 1\ntitle: First order\n'), a]), 'ru', 'most maps are Russian');
  assert.match(textconv(a), /^purchase: этап Покупка$/m);
  const diff = diffMaps(null, a);
  assert.ok(JSON.stringify(diff).includes('Покупка'), 'the diff names the stage in Russian');
  assert.ok(!JSON.stringify(diff).includes('"Purchase"'));
  // Labels in English (`--locale en`), the map's own built-in names still Russian.
  const md = renderMarkdown(a.map, { locale: 'en', language: mapLanguage(a.map, a.text) });
  assert.match(md, /Покупка/);
  assert.match(md, /^\| Step \| Emotion \|$/m, 'the labels around it in English');
  assert.match(md, /section Покупка/, 'the Mermaid chart names it as the page does');
});

test('a declared language may carry a region: `ru-RU` is Russian', () => {
  const text = 'cjm: 1\ntitle: First order\nlanguage: ru-RU\n';
  assert.equal(mapLanguage(analyze(text).map, text), 'ru');
});

test('`language:` may name the language in words, in any language cjm speaks, and the file keeps the word', () => {
  const cases: [string, string][] = [
    ['русский', 'ru'], ['Русский язык', 'ru'], ['по-русски', 'ru'], ['Russian', 'ru'], ['rosyjski', 'ru'],
    ['polski', 'pl'], ['Polski', 'pl'], ['język polski', 'pl'], ['польский', 'pl'], ['Polish', 'pl'], ['pl_PL', 'pl'],
    ['English', 'en'], ['angielski', 'en'], ['английский', 'en'], ['en-GB', 'en'],
  ];
  for (const [written, locale] of cases) {
    const text = `cjm: 1\ntitle: T\nlanguage: ${written}\nstages:\n  - id: purchase\n    steps:\n      - name: a\n        emotion: happy\n`;
    const a = analyze(text);
    assert.deepEqual(a.diagnostics.filter((d) => d.code === 'invalid-value'), [], written);
    assert.equal(mapLanguage(a.map, text), locale, written);
    assert.equal(a.map.language?.value, written, 'the model keeps the author\'s word');
  }
});

test('an unknown language is an error whose suggestions and examples are in the writer\'s language', () => {
  const text = 'cjm: 1\ntitle: Т\nlanguage: руский\n';
  const d = analyze(text).diagnostics.find((x) => x.code === 'invalid-value')!;
  assert.ok(d, 'reported');
  assert.equal(d.fixes?.[0]?.edits[0].newText, 'русский');
  assert.equal(mapLanguage(analyze('cjm: 1\ntitle: T\nlanguage: klingon\n').map, 'cjm: 1\ntitle: T\nlanguage: klingon\n'), 'en');
});

// The reading is one counting pass (it runs on every keystroke); this is the reading as first
// written, collecting every letter, kept as the oracle the fast pass must agree with.
function inferByCollecting(text: string): string | undefined {
  const KEY = /^\s*(?:-\s+)*[A-Za-z_][\w-]*\s*:(?=\s|$)/;
  const COMMENT = /(?:^|\s)#.*$/;
  const values = text.split(/\r?\n/).map((raw) => raw.replace(KEY, '').replace(COMMENT, '')).join('\n').toLowerCase();
  const letters = { latin: values.match(/\p{Script=Latin}/gu) ?? [], cyrillic: values.match(/\p{Script=Cyrillic}/gu) ?? [] };
  const total = letters.latin.length + letters.cyrillic.length;
  if (total === 0) return undefined;
  const script = letters.cyrillic.length * 3 >= total ? 'cyrillic' : 'latin';
  const own: Record<string, string> = { en: '', pl: 'ąćęłńóśźż', ru: 'ёыэъ' };
  const candidates = script === 'cyrillic' ? ['ru'] : ['en', 'pl'];
  let best: string | undefined;
  let most = 0;
  for (const l of candidates) {
    const n = own[l] ? letters[script].filter((c) => own[l].includes(c)).length : 0;
    if (n >= 2 && n * 100 >= letters[script].length && n > most) [best, most] = [l, n];
  }
  return best ?? candidates[0];
}

test('the counting pass reads every text as collecting every letter does', () => {
  const piece = fc.constantFrom('title: ', 'name: ', '  - id: x\n', '# Łódź комментарий\n', ' #', '#', '\n', '\r\n', '\r', '\u2028', ' ', 'ą', 'Ż', 'ż', 'ы', 'Ё', 'ъ', 'İ', 'ß', 'ﬃ', 'Ǆ', 'abc', 'Покупка', 'Zamówienie', '😀', '\ud800', 'é', 'Ω', ':', '- ');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      assert.equal(inferLocale(text), inferByCollecting(text));
    }),
    { numRuns: 3000 },
  );
  for (const path of maps) {
    const text = readFileSync(path, 'utf8');
    assert.equal(inferLocale(text + ' '), inferByCollecting(text + ' '), path);
  }
});

test('the counts of an edited text, from the last text\'s counts and the changed lines, are the counts of the whole', () => {
  const same = (c: LetterCounts) => ({ latin: c.latin, cyrillic: c.cyrillic, own: Object.fromEntries(LOCALES.map((l) => [l, c.own[l] ?? 0])) });
  const piece = fc.constantFrom('title: ', 'name: ', '  - id: x\n', '# Łódź комментарий\n', ' #', '\n', '\r\n', '\r', ' ', 'ą', 'Ż', 'ы', 'Ё', 'İ', 'abc', 'Покупка', 'Zamówienie', '😀', '\ud800', ':', '- ');
  const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 12 }), put: fc.array(piece, { maxLength: 4 }) });
  const start = readFileSync(example('bank-omnichannel-ru.cjm'), 'utf8');
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 30 }), (edits) => {
      let text = start;
      countedLetters(text);
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.put.join('') + text.slice(at + e.cut);
        assert.deepEqual(same(countedLetters(text)), same(letterCounts(text)));
      }
    }),
    { numRuns: 300 },
  );
});

test('no language names an ASCII letter its own (the counting pass takes ASCII letters as plain Latin)', () => {
  for (const l of LOCALES) assert.ok(![...pack(l).ownLetters].some((c) => c.charCodeAt(0) < 128), l);
});
