/**
 * YAML mistakes a map writer makes (test/fixtures/l10n/yaml): a Russian or Polish reader
 * gets a plain explanation of each in their language; an English reader keeps the parser's
 * own message where cjm has nothing plainer to say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { analyze, diagnosticMessage } from '@cjm/core';
import { ROOT, fixture } from '../helpers';
import { englishWords } from './english';

/** Each fixture and the parser codes its mistake produces. */
const MISTAKES: Record<string, string[]> = {
  'unclosed-quote.cjm': ['MISSING_CHAR'],
  'missing-colon.cjm': ['MULTILINE_IMPLICIT_KEY'],
  'windows-path.cjm': ['BAD_DQ_ESCAPE', 'BAD_DQ_ESCAPE'],
  'at-sign.cjm': ['BAD_SCALAR_START'],
  'comment-no-space.cjm': ['MISSING_CHAR'],
  'stray-bracket.cjm': ['UNEXPECTED_TOKEN'],
  'flow-commas.cjm': ['MISSING_CHAR'],
  'misaligned-list.cjm': ['BAD_INDENT'],
};

const read = (name: string) => readFileSync(fixture('l10n', 'yaml', name), 'utf8');

/**
 * Where each mistake is reported: the parser's position, one message per line, except where
 * cjm knows better: an unclosed quote at the quote that opened it, a misaligned line at its
 * start (test/core/yaml-slips.test.ts). Those two are plain words in English too.
 */
const PLACED: Record<string, (text: string) => number> = {
  'unclosed-quote.cjm': (text) => text.indexOf('"Czy'),
  'misaligned-list.cjm': (text) => text.indexOf('       - name: Składa'),
};

for (const [name, codes] of Object.entries(MISTAKES)) {
  test(`${name}: explained in Russian and Polish, the parser's words in English`, () => {
    const text = read(name);
    const errors = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: true }).errors;
    assert.deepEqual(errors.map((e) => e.code), codes, 'the fixture makes the mistake it is named after');
    const found = analyze(text).diagnostics.filter((d) => d.code === 'yaml-syntax');
    const lineOf = (o: number) => text.slice(0, o).split('\n').length;
    const firstPerLine = errors.filter((e, i) => errors.findIndex((x) => lineOf(x.pos[0]) === lineOf(e.pos[0])) === i);
    assert.equal(found.length, firstPerLine.length, 'one message per line');
    found.forEach((d, i) => {
      const placed = PLACED[name] as ((t: string) => number) | undefined;
      assert.equal(d.span.start, placed ? placed(text) : Math.min(firstPerLine[i].pos[0], text.length), 'at the mistake');
      const english = diagnosticMessage(d, 'en');
      if (!placed && codes[i] !== 'BAD_INDENT') assert.equal(english, firstPerLine[i].message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
      if (placed) assert.notEqual(english, firstPerLine[i].message.split('\n')[0], 'plain words in English too');
      for (const locale of ['ru', 'pl'] as const) {
        const m = diagnosticMessage(d, locale);
        assert.ok(!m.includes(codes[i]), `${locale}: a plain explanation, not the generic one: ${m}`);
        assert.notEqual(m, english);
        assert.deepEqual(englishWords(m, locale), [], m);
      }
    });
  });
}

test('cjm check shows the explanation with its line and column', () => {
  const clean = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete clean[k];
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'check', 'test/fixtures/l10n/yaml/unclosed-quote.cjm'], { cwd: ROOT, encoding: 'utf8', env: { ...clean, LANG: 'pl_PL.UTF-8' } });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^test\/fixtures\/l10n\/yaml\/unclosed-quote\.cjm:9:19 błąd yaml-syntax Tekst w cudzysłowie nie jest zamknięty: dodaj `"` na jego końcu\.$/m);
  const ru = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'check', '--locale', 'ru', 'test/fixtures/l10n/yaml/windows-path.cjm'], { cwd: ROOT, encoding: 'utf8', env: clean });
  assert.match(ru.stdout, /windows-path\.cjm:8:\d+ ошибка yaml-syntax .*`\\p` такой не является/);
});
