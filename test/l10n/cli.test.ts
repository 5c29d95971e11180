/**
 * The CLI's remaining commands in the reader's language: render, textconv, config-git and
 * Mermaid import/export speak Russian and Polish in their help, summaries and messages,
 * while what git and other programs read (textconv's lines, JSON) stays as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { englishWords } from './english';

const CLI = join(ROOT, 'dist/cli.js');
const PL = { LANG: 'pl_PL.UTF-8' };
const RU = { LANG: 'ru_RU.UTF-8' };

function cjm(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  const clean = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete clean[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...clean, NO_COLOR: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * Help texts name commands, options, products and file formats, which no language
 * translates: the synopsis line, `--options`, `cjm render`/`git diff`, value lists
 * (`svg|png`), quoted examples, list labels (`png:`), file names and config keys.
 */
function helpWords(help: string, language: 'ru' | 'pl'): string[] {
  const prose = help
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/^(\S+:) .*$/m, '$1')
    .replace(/"[^"\n]*"/g, ' ')
    .replace(/\b[a-z]+(\.[a-zA-Z]+)+(\s+true\b)?|\S*\.(cjm|mmd|md|png|js|gitattributes)\b|~?\/\S+/g, ' ')
    .replace(/(^|[\s(\[,])--?[a-z][a-z-]*(=\S+)?/g, ' ')
    .replace(/\b(cjm|git)( [a-z][a-z-]*)?/g, ' ')
    .replace(/\b(VS Code|DejaVu Sans|Symbola|Markdown|GitHub|SVG|PNG|HTML|JSON)\b/g, ' ')
    .replace(/\b[a-z]+(\|[a-z]+)+\b/g, ' ')
    .replace(/^\s+[a-z]+:/gm, ' ');
  return englishWords(prose, language);
}

for (const [language, env, usage] of [['pl', PL, 'Użycie'], ['ru', RU, 'Использование']] as const) {
  for (const command of ['render', 'textconv', 'merge', 'config-git', 'import', 'export']) {
    test(`${language}: cjm ${command} --help is in ${language}`, () => {
      const r = cjm([command, '--help'], env);
      assert.equal(r.code, 0, r.err);
      assert.ok(r.out.startsWith(`${usage}: cjm ${command}`), r.out);
      assert.deepEqual(helpWords(r.out, language), [], r.out);
    });
  }

  test(`${language}: cjm --help summarises every command in ${language}`, () => {
    const r = cjm(['--help'], env);
    const summaries = r.out.split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().replace(/^\S+\s+/, ''));
    assert.ok(summaries.length >= 9, r.out);
    for (const s of summaries) assert.deepEqual(helpWords(s, language), [], s);
  });
}

test('pl: cjm config-git says what it did in Polish; the git commands it ran are shown as they are', () => {
  const repo = mkdtempSync(join(tmpdir(), 'cjm-config-git-'));
  try {
    assert.equal(spawnSync('git', ['init', '-q'], { cwd: repo }).status, 0);
    const first = cjm(['config-git'], PL, repo);
    assert.equal(first.code, 0, first.err);
    const lines = first.out.trimEnd().split('\n');
    assert.equal(lines[0], `dodano „*.cjm diff=cjm” w ${join(repo, '.gitattributes')}`);
    assert.equal(lines[1], `dodano „*.cjm merge=cjm” w ${join(repo, '.gitattributes')}`);
    assert.deepEqual(lines.slice(2), ['git config --local diff.cjm.textconv "cjm textconv"', 'git config --local diff.cjm.cachetextconv "true"', 'git config --local merge.cjm.driver "cjm merge %O %A %B %L %P"']);
    assert.equal(cjm(['config-git'], PL, repo).out.split('\n')[0], `bez zmian: „*.cjm diff=cjm” w ${join(repo, '.gitattributes')}`);
    assert.match(cjm(['config-git', 'extra'], PL, repo).err, /^cjm config-git: nieoczekiwany argument „extra”\n\nUżycie: cjm config-git/);
    // English stays as it was.
    assert.match(cjm(['config-git'], {}, repo).out, /^kept "\*\.cjm diff=cjm" in /);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
  const outside = mkdtempSync(join(tmpdir(), 'cjm-no-git-'));
  try {
    const r = cjm(['config-git'], PL, outside);
    assert.equal(r.code, 2);
    assert.match(r.err, /^cjm config-git: potrzebne repozytorium git \(albo --global\): /);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('ru: cjm render usage errors are in Russian', () => {
  assert.match(cjm(['render'], RU).err, /^cjm render: какой файл\? Укажите один файл \.cjm/);
  assert.match(cjm(['render', '--format', 'gif', 'x.cjm'], RU).err, /^cjm render: --format должен быть одним из: svg, png, html, md, json, insights-md, insights-html, а не «gif»/);
  assert.match(cjm(['render', '--format', 'gif', 'x.cjm']).err, /^cjm render: --format must be one of svg, png, html, md, json, insights-md, insights-html, not "gif"/);
});

test('textconv prints the same lines for git whatever the reader\'s language (git caches them per blob): the map\'s language', () => {
  const file = 'test/fixtures/l10n/ru/before.cjm';
  const english = cjm(['textconv', file]);
  assert.equal(english.code, 0, english.err);
  assert.equal(cjm(['textconv', file], RU).out, english.out);
  assert.equal(cjm(['textconv', file], PL).out, english.out);
  assert.match(english.out, /^выбор › Листает меню: эмоция 🤔 любопытство \+1$/m);
});

for (const [lang, emotion, errors] of [
  ['ru', /^выбор › Листает меню: эмоция 🤔 любопытство \+1$/m, /^выбор › Листает меню: ошибка score-out-of-range "Оценки эмоций/m],
  ['pl', /: emocja \S+ ciekawość \+1$/m, /: błąd score-out-of-range "/m],
] as const) {
  test(`${lang}: git's projection of a ${lang} map speaks it: its words, its emotions as written, its errors, no English`, () => {
    const fields = cjm(['textconv', `test/fixtures/l10n/fields/${lang}-before.cjm`]);
    assert.equal(fields.code, 0, fields.err);
    assert.deepEqual(englishWords(fields.out, lang), []);
    assert.match(fields.out, emotion);
    const broken = cjm(['textconv', `test/fixtures/l10n/${lang}/errors.cjm`]);
    assert.match(broken.out, errors);
    assert.deepEqual(englishWords(broken.out, lang), []);
  });
}

test('en: git\'s projection of an English map keeps its English words', () => {
  const r = cjm(['textconv', 'examples/online-shop.cjm'], RU);
  assert.match(r.out, /^map: title /m);
  assert.match(r.out, /: emotion \S+ \w+ [+−]?\d$/m);
  assert.match(r.out, /^formatting: /m);
});

test('Mermaid import explains in the reader\'s language what it could not read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cjm-import-'));
  try {
    const bad = join(dir, 'bad.mmd');
    writeFileSync(bad, 'graph TD\n  A --> B\n');
    const ru = cjm(['import', 'mermaid', bad], RU);
    assert.equal(ru.code, 2, 'a file that is not a journey is still refused');
    assert.match(ru.err, /bad\.mmd:1: ошибка: это не диаграмма Mermaid `journey`: первой инструкцией должна быть `journey`/);
    const odd = join(dir, 'odd.mmd');
    writeFileSync(odd, 'journey\n  title Zakupy\n  section Wybór\n    Ogląda: 7: Anna\n');
    const pl = cjm(['import', 'mermaid', odd], PL);
    assert.match(pl.err, /odd\.mmd:4: ostrzeżenie: ocena 7 jest poza skalą Mermaid 1–5: zaimportowano jako 5\/5/);
    assert.match(cjm(['import', 'mermaid', odd]).err, /odd\.mmd:4: warning: score 7 is outside Mermaid's 1–5: imported as 5\/5/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export takes --locale for the built-in stage names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cjm-export-'));
  try {
    const map = join(dir, 'm.cjm');
    writeFileSync(map, 'cjm: 1\ntitle: T\nstages:\n  - id: purchase\n    steps:\n      - name: Pays\n        emotion: 2/5\n');
    assert.match(cjm(['export', 'mermaid', map]).out, /section Purchase/);
    assert.match(cjm(['export', 'mermaid', map, '--locale', 'pl']).out, /section Zakup/);
    assert.match(readFileSync(map, 'utf8'), /purchase/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
