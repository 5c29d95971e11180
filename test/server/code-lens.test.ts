/** Insight code lenses over LSP: counts above stages and steps, in the editor's language, with the places they reveal. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CodeLens, Location } from 'vscode-languageserver-protocol';
import { fixture } from '../helpers';
import { Lsp, positionAt, textOf, uriOf } from './lsp';

const path = fixture('insights', 'clinic-ru.cjm');
const clinic = { uri: uriOf(path), text: readFileSync(path, 'utf8') };
let en: Lsp;
let pl: Lsp;

before(async () => {
  [en, pl] = await Promise.all([Lsp.start(), Lsp.start({ locale: 'pl' })]);
  for (const lsp of [en, pl]) lsp.open(clinic.uri, clinic.text);
});
after(async () => {
  assert.equal(await en.stop(), 0);
  assert.equal(await pl.stop(), 0);
});

const lenses = (lsp: Lsp) => lsp.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: clinic.uri } });
const lineOf = (needle: string) => positionAt(clinic.text, clinic.text.indexOf(needle)).line;

test('above each stage: pains without opportunities and evidence; above the lowest steps: their rank; the places go to cjm.showLocations', async () => {
  const got = await lenses(en);
  const byLine = got.map((l) => [l.range.start.line, l.command?.title]);
  assert.deepEqual(byLine, [
    [lineOf('- id: awareness'), 'Evidence: 1 of 1 step'],
    [lineOf('- id: purchase'), 'Evidence: 1 of 3 steps'],
    [lineOf('- id: usage'), '1 pain without opportunities'],
    [lineOf('- id: usage'), 'Evidence: 0 of 1 step'],
    [lineOf('- id: звонок'), 'Low point #1'],
    [lineOf('- id: форма'), 'Low point #2'],
    [lineOf('- name: Ждёт у кабинета'), 'Low point #3'],
  ]);
  const pains = got.find((l) => l.command?.title === '1 pain without opportunities')!;
  assert.equal(pains.command!.command, 'cjm.showLocations');
  const [uri, , places] = pains.command!.arguments as [string, unknown, Location[]];
  assert.equal(uri, clinic.uri);
  assert.deepEqual(places.map((p) => textOf(clinic.text, p.range)), ['Приём задерживается на полчаса']);
  const covered = got.find((l) => l.command?.title === 'Evidence: 1 of 1 step')!;
  assert.equal(covered.command!.command, '', 'nothing to reveal: the lens is a plain label');
});

test('the lenses speak the editor\'s language with Polish plural forms', async () => {
  const titles = (await lenses(pl)).map((l) => l.command?.title);
  assert.deepEqual(titles, [
    'Poparte badaniami: 1 z 1 kroku', 'Poparte badaniami: 1 z 3 kroków', '1 bolączka bez usprawnień', 'Poparte badaniami: 0 z 1 kroku',
    'Najniższy punkt nr 1', 'Najniższy punkt nr 2', 'Najniższy punkt nr 3',
  ]);
});
