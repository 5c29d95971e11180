/**
 * One indentation slip gives one message: the line that fits no level of the lines above it,
 * with a fix that lines it up, instead of the parser's cascade ("sequence item without -
 * indicator", "implicit keys need to be on a single line", a step "without a name", an
 * unknown key…). Shifting any one structural line of every example by one space (3,688 broken
 * variants) gave a single message 199 times before; now it gives one, at that line, every time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Analysis, analyze, diagnosticMessage } from '@cjm/core';
import { example, fixture } from '../helpers';

const read = (name: string) => readFileSync(fixture('slips', name), 'utf8');
const position = (a: Analysis, offset: number) => {
  const p = a.lines.positionAt(offset);
  return `${p.line + 1}:${p.character + 1}`;
};

function applyPreferredFix(a: Analysis): string {
  const [d] = a.diagnostics;
  const f = d.fixes?.find((x) => x.preferred) ?? d.fixes?.[0];
  assert.ok(f, 'the slip comes with a fix');
  let text = a.text;
  for (const e of [...f.edits].sort((x, y) => y.span.start - x.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  return text;
}

const SLIPS: { file: string; at: string; en: RegExp; ru: RegExp; pl: RegExp }[] = [
  { file: 'step-key-short-ru.cjm', at: '10:1', en: /starts in column 8, but the lines it belongs with start in column 9, like `emotion:` on line 9/, ru: /начинается в столбце 8, а строки, к которым она относится, — в столбце 9, как `emotion:` в строке 9/, pl: /kolumnie 8/ },
  { file: 'step-key-short-en.cjm', at: '10:1', en: /column 8, .* column 9, like `name:` on line 9/, ru: /столбце 8/, pl: /w kolumnie 9, jak `name:` w wierszu 9/ },
  { file: 'stage-key-short-pl.cjm', at: '7:1', en: /column 4, .* column 5, like `id:` on line 6/, ru: /столбце 4/, pl: /zaczyna się w kolumnie 4, a wiersze, do których należy, w kolumnie 5/ },
  { file: 'item-short-ru.cjm', at: '10:1', en: /column 6, .* column 7, like `- name:` on line 8/, ru: /столбце 6.*столбце 7/, pl: /kolumnie 6/ },
  { file: 'opportunity-item-deep-pl.cjm', at: '13:1', en: /column 12, .* column 11, like `- text:` on line 11/, ru: /столбце 12/, pl: /kolumnie 12.*kolumnie 11/ },
  { file: 'first-item-deep-ru.cjm', at: '8:1', en: /out of line with the lines under it, like `emotion:` on line 9: move it to column 7/, ru: /не выровнена со строками под ней, как `emotion:` в строке 9: перенесите её в столбец 7/, pl: /przesuń go do kolumny 7/ },
  { file: 'top-key-deep-en.cjm', at: '2:1', en: /column 2, .* column 1, like `cjm:` on line 1/, ru: /столбце 2/, pl: /kolumnie 2/ },
];

for (const s of SLIPS) {
  test(`${s.file}: one message at the slipped line, in every language, and its fix makes the map read`, () => {
    const a = analyze(read(s.file));
    assert.equal(a.diagnostics.length, 1, a.diagnostics.map((d) => `${position(a, d.span.start)} ${d.code} ${diagnosticMessage(d, 'en')}`).join('\n'));
    const [d] = a.diagnostics;
    assert.equal(d.code, 'yaml-syntax');
    assert.equal(position(a, d.span.start), s.at);
    assert.match(diagnosticMessage(d, 'en'), s.en);
    assert.match(diagnosticMessage(d, 'ru'), s.ru);
    assert.match(diagnosticMessage(d, 'pl'), s.pl);
    const fixed = analyze(applyPreferredFix(a));
    assert.deepEqual(fixed.diagnostics.filter((x) => x.code === 'yaml-syntax').map((x) => diagnosticMessage(x, 'en')), []);
  });
}

test('an unclosed quote is reported once, at the quote that opened it, in plain words in every language', () => {
  const a = analyze(read('unclosed-quote-en.cjm'));
  assert.equal(a.diagnostics.length, 1);
  assert.equal(position(a, a.diagnostics[0].span.start), '6:15');
  assert.match(diagnosticMessage(a.diagnostics[0], 'en'), /double quotes is not closed/);
  assert.match(diagnosticMessage(a.diagnostics[0], 'ru'), /кавычк/);
});

test('a bracket never closed is one message at the bracket, in every language, not the rest of the map read as its list', () => {
  for (const [file, at, bracket] of [['unclosed-bracket-ru.cjm', '13:19', '['], ['unclosed-bracket-pl.cjm', '6:12', '{']] as const) {
    const a = analyze(read(file));
    // The parser alone reports every line after the bracket.
    assert.ok(a.yaml!.errors.length > 3, `${file}: the cascade this is about`);
    assert.equal(a.diagnostics.length, 1, a.diagnostics.map((d) => `${position(a, d.span.start)} ${d.code} ${diagnosticMessage(d, 'en')}`).join('\n'));
    const [d] = a.diagnostics;
    assert.equal(position(a, d.span.start), at);
    assert.equal(a.text[d.span.start], bracket);
    assert.match(diagnosticMessage(d, 'en'), bracket === '[' ? /This `\[` opens a list that is never closed/ : /This `\{` opens a mapping that is never closed/);
    assert.match(diagnosticMessage(d, 'ru'), bracket === '[' ? /Скобка `\[` открывает список, который нигде не закрыт/ : /словарь/);
    assert.match(diagnosticMessage(d, 'pl'), bracket === '[' ? /listę/ : /Nawias `\{` otwiera słownik, który nigdzie się nie zamyka/);
  }
  // An error before the bracket is still reported.
  const before = read('unclosed-bracket-ru.cjm').replace('emotion: интерес', 'emotion: интерес\n        criticality: [x, y]');
  assert.ok(analyze(before).diagnostics.length >= 2);
  // Closed, the map reads: the message goes.
  assert.deepEqual(analyze(read('unclosed-bracket-ru.cjm').replace('[опрос', '[опрос]')).diagnostics.filter((d) => d.code === 'yaml-syntax'), []);
});

test('a slip in one stage does not hide an error in another', () => {
  const text = read('step-key-short-en.cjm').replace('        emotion: anxious', '        emotion: "anxious');
  const a = analyze(text);
  assert.deepEqual(a.diagnostics.map((d) => position(a, d.span.start)), ['10:1', '17:18']);
});

test('text that is not a slip is never blamed: a wrong key, a colon in a value, a multi-line value', () => {
  const colon = analyze('cjm: 1\ntitle: T\nstages:\n  - id: purchase\n    steps:\n      - name: Pays: by card\n        emotion: happy\n');
  assert.equal(colon.diagnostics.length, 1);
  assert.match(diagnosticMessage(colon.diagnostics[0], 'en'), /must be put in quotes/);
  const prose = 'cjm: 1\ntitle: T\ndescription: A long text\n   that goes on: here\nstages:\n  - id: purchase\n    steps:\n      - name: a\n        emotion: happy\n';
  assert.ok(!analyze(prose).diagnostics.some((d) => /starts in column/.test(diagnosticMessage(d, 'en'))));
});

test('a one-space slip of any structural line of a Russian and a Polish example is one message, at that line', () => {
  let broken = 0;
  for (const f of readdirSync(example()).filter((x) => /-(ru|pl)\.cjm$/.test(x)).slice(0, 2)) {
    const lines = readFileSync(example(f), 'utf8').split('\n');
    lines.forEach((l, i) => {
      if (i % 5 || !/^\s*(?:- |[\p{L}_][\p{L}\p{N}_-]*:)/u.test(l)) return;
      for (const copy of [' ' + l, l.startsWith(' ') ? l.slice(1) : undefined]) {
        if (copy === undefined) continue;
        const a = analyze([...lines.slice(0, i), copy, ...lines.slice(i + 1)].join('\n'));
        if (!a.diagnostics.some((d) => d.code === 'yaml-syntax')) continue;
        broken++;
        const shown = a.diagnostics.filter((d) => d.severity !== 'info');
        assert.equal(shown.length, 1, `${f}:${i + 1}: ${shown.map((d) => diagnosticMessage(d, 'en')).join(' | ')}`);
        assert.equal(a.lines.positionAt(shown[0].span.start).line, i, `${f}:${i + 1}`);
      }
    });
  }
  assert.ok(broken > 20, `${broken} broken variants`);
});

test('maps that read are analysed exactly as before: no example or fixture gets a slip message', () => {
  const dirs = [example(), fixture('server'), fixture('render')];
  let n = 0;
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.cjm'))) {
      const a = analyze(readFileSync(`${dir}/${f}`, 'utf8'));
      n++;
      assert.ok(!a.diagnostics.some((d) => /starts in column/.test(diagnosticMessage(d, 'en'))), f);
    }
  }
  assert.ok(n > 10);
});
