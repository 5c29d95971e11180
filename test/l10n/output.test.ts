/**
 * What a Russian or Polish reader sees: `cjm check` output and the PR comment for maps
 * written in those languages (snapshots under test/fixtures/l10n, regenerated with
 * UPDATE_SNAPSHOTS=1), scanned for English words; the CLI's choice of language; and the
 * language server speaking the client's locale.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, fixture, matchesSnapshot, offsetOf } from '../helpers';
import { Lsp, positionAt, uriOf } from '../server/lsp';
import { englishWords } from './english';

const CLI = join(ROOT, 'dist/cli.js');

function cjm(args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete clean[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...clean, NO_COLOR: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const snapshot = (name: string, actual: string) => matchesSnapshot(fixture('l10n', name), actual);

test('the English-word scan catches an English word and ignores codes', () => {
  assert.deepEqual(englishWords('Ошибка `emotion` [emotion-rose] duplicate-id: stage added'), ['stage', 'added']);
});

for (const locale of ['ru', 'pl'] as const) {
  test(`${locale}: cjm check speaks ${locale}, codes unchanged (snapshot)`, () => {
    const r = cjm(['check', '--hints', '--locale', locale, `test/fixtures/l10n/${locale}/errors.cjm`]);
    assert.equal(r.code, 1, r.err);
    const text = r.out + r.err;
    snapshot(`${locale}/check.expected.txt`, text);
    for (const code of ['duplicate-id', 'unknown-key', 'score-out-of-range', 'undeclared-reference', 'empty-stage']) assert.match(text, new RegExp(` ${code} `));
    assert.deepEqual(englishWords(text), []);
  });

  test(`${locale}: the PR comment speaks the map's language (snapshot)`, () => {
    const r = cjm(['diff', '--format', 'pr-comment', `test/fixtures/l10n/${locale}/before.cjm`, `test/fixtures/l10n/${locale}/after.cjm`]);
    assert.equal(r.code, 0, r.err);
    snapshot(`${locale}/pr-comment.expected.md`, r.out);
    assert.deepEqual(englishWords(r.out), []);
  });

  test(`${locale}: the terminal diff, with LANG set to the language`, () => {
    const r = cjm(['diff', `test/fixtures/l10n/${locale}/before.cjm`, `test/fixtures/l10n/${locale}/after.cjm`], { LANG: `${locale}_${locale.toUpperCase()}.UTF-8` });
    assert.equal(r.code, 0, r.err);
    snapshot(`${locale}/diff.expected.txt`, r.out);
    assert.deepEqual(englishWords(r.out), []);
  });
}

test('the scan sees English in an English check of the same map', () => {
  const r = cjm(['check', '--locale', 'en', 'test/fixtures/l10n/ru/errors.cjm']);
  assert.ok(englishWords(r.out + r.err).length > 5);
});

test('CLI language: --locale, then LC_ALL, LC_MESSAGES, LANG; C follows the map, unknown languages are English', () => {
  const file = 'test/fixtures/l10n/ru/errors.cjm';
  const summary = (env: Record<string, string>, ...flags: string[]) => cjm(['check', ...flags, file], env).err.trim();
  assert.equal(summary({ LANG: 'pl_PL.UTF-8' }), 'Sprawdzono 1 plik: 3 błędy, 2 ostrzeżenia');
  assert.equal(summary({ LANG: 'pl_PL.UTF-8', LC_MESSAGES: 'ru_RU.UTF-8' }), 'Проверен 1 файл: 3 ошибки, 2 предупреждения');
  assert.equal(summary({ LANG: 'pl_PL.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LC_ALL: 'ru_RU.UTF-8' }), 'Проверен 1 файл: 3 ошибки, 2 предупреждения');
  assert.equal(summary({ LC_ALL: 'ru_RU.UTF-8' }, '--locale', 'en'), '1 file checked: 3 errors, 2 warnings');
  assert.equal(summary({ LC_ALL: 'ru_RU.UTF-8' }, '--locale=pl'), 'Sprawdzono 1 plik: 3 błędy, 2 ostrzeżenia');
  assert.equal(summary({ LANG: 'C.UTF-8' }), 'Проверен 1 файл: 3 ошибки, 2 предупреждения');
  assert.equal(summary({ LANG: 'de_DE.UTF-8' }), '1 file checked: 3 errors, 2 warnings');
  const bad = cjm(['check', '--locale', 'de', file], { LANG: 'ru_RU.UTF-8' });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--locale должен быть одним из: en, ru, pl, а не «de»/);
  // Usage errors and help speak the language too.
  assert.match(cjm(['fmt', '--check', '--write'], { LANG: 'pl_PL.UTF-8' }).err, /użyj --check albo --write, nie obu naraz/);
  assert.match(cjm(['diff', '--help'], { LANG: 'ru_RU.UTF-8' }).out, /^Использование: cjm diff/);
});

test('review output follows the map, not LANG; --locale overrides', () => {
  const files = ['test/fixtures/l10n/ru/before.cjm', 'test/fixtures/l10n/ru/after.cjm'];
  const inPolishShell = cjm(['diff', '--format', 'pr-comment', ...files], { LANG: 'pl_PL.UTF-8' }).out;
  assert.match(inPolishShell, /изменена 1 карта пути клиента/);
  const forced = cjm(['diff', '--format', 'pr-comment', '--locale', 'pl', ...files]).out;
  assert.match(forced, /zmieniono 1 mapę ścieżki klienta/);
  assert.match(forced, /dodano etap z 1 krokiem/);
  // Names from the map stay in the map's language: the emotion is the author's Russian word.
  assert.match(forced, /😟 тревога −2/);
  const json = JSON.parse(cjm(['diff', '--format', 'json', ...files], { LANG: 'ru_RU.UTF-8' }).out);
  assert.ok(json.files[0].diff.changes.some((c: { message: string }) => c.message.startsWith('step added: ')), 'JSON keeps English sentences');
});

test('language server: a client with locale ru gets Russian diagnostics, quick fixes and hover; codes unchanged', async () => {
  const lsp = await Lsp.start({ locale: 'ru' });
  try {
    const path = fixture('l10n', 'ru', 'errors.cjm');
    const uri = uriOf(path);
    const text = readFileSync(path, 'utf8');
    lsp.open(uri, text);
    const ds = await lsp.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(ds.map((d) => d.code).sort(), ['duplicate-id', 'empty-stage', 'score-out-of-range', 'undeclared-reference', 'unknown-key']);
    const undeclared = ds.find((d) => d.code === 'undeclared-reference')!;
    assert.equal(undeclared.message, 'В `personas` не объявлен объект «персона» с id `алексей`.');
    assert.equal(ds.find((d) => d.code === 'duplicate-id')!.relatedInformation?.[0].message, 'здесь `сайт` объявлен впервые');
    const actions = await lsp.request<Array<{ title: string }>>('textDocument/codeAction', { textDocument: { uri }, range: undeclared.range, context: { diagnostics: [undeclared] } });
    assert.ok(actions.some((a) => a.title === 'Добавить `алексей` в `personas` (персона)'), JSON.stringify(actions.map((a) => a.title)));
    const hover = await lsp.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offsetOf(text, 'алексей') + 2) });
    assert.equal(hover.contents.value, 'В этой карте не объявлен объект «персона» с id `алексей`.');
    const key = await lsp.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offsetOf(text, 'persona:') + 2) });
    assert.match(key.contents.value, /^\*\*persona\*\* — объект «карта пути клиента»/);
  } finally {
    await lsp.stop();
  }
});

test('language server: initializationOptions.locale wins over the client UI language', async () => {
  const lsp = await Lsp.start({ locale: 'ru', initializationOptions: { locale: 'pl' } });
  try {
    const path = fixture('l10n', 'ru', 'errors.cjm');
    lsp.open(uriOf(path), readFileSync(path, 'utf8'));
    const ds = await lsp.diagnostics(uriOf(path), (d) => d.length > 0);
    assert.equal(ds.find((d) => d.code === 'empty-stage')!.message, 'Etap `ожидание` nie ma jeszcze kroków.');
  } finally {
    await lsp.stop();
  }
});

test('with no language in the environment (unset, C, POSIX) check and diff speak the maps\' language; a named one wins', () => {
  const map = 'examples/bank-omnichannel-ru.cjm';
  for (const env of [{}, { LANG: 'C.UTF-8' }, { LC_ALL: 'POSIX' }] as Array<Record<string, string>>) {
    assert.match(cjm(['check', map], env).err, /^Проверен 1 файл: 0 ошибок, 0 предупреждений$/m, JSON.stringify(env));
    const diff = cjm(['diff', '/dev/null', map], env).out;
    assert.match(diff, /новый путь: 8 этапов/, JSON.stringify(env));
    assert.doesNotMatch(diff, /new journey|stage added/);
  }
  assert.match(cjm(['check', map], { LANG: 'en_US.UTF-8' }).err, /^1 file checked/m);
  assert.match(cjm(['check', map], { LANG: 'pl_PL.UTF-8' }).err, /^Sprawdzono 1 plik/m);
  assert.match(cjm(['check', map, '--locale', 'en']).err, /^1 file checked/m);
});
