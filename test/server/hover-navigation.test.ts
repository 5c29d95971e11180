/** Hover, outline, folding, definition, references, highlights and rename over LSP. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, Hover, Location, LocationLink, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { Lsp, after as afterText, applyEdits, at, serverFixture, textOf } from './lsp';

let lsp: Lsp;
const shop = serverFixture('shop.cjm');
const bank = serverFixture('bank-ru.cjm');

before(async () => {
  lsp = await Lsp.start();
  lsp.open(shop.uri, shop.text);
  lsp.open(bank.uri, bank.text);
});
after(async () => {
  assert.equal(await lsp.stop(), 0);
});

async function hoverText(uri: string, position: { line: number; character: number }): Promise<string> {
  const h = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  return h ? (typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : JSON.stringify(h.contents)) : '';
}

test('hovering a key shows its documentation and an example', async () => {
  const text = await hoverText(shop.uri, at(shop.text, 'touchpoint:', 3));
  assert.match(text, /customer meets the company/);
  assert.match(text, /in a step/);
});

test('hovering an emotion shows its emoji, score and names in every language', async () => {
  const text = await hoverText(shop.uri, at(shop.text, 'emotion: frustrated', 'emotion: fru'.length));
  assert.match(text, /😣 \*\*frustrated\*\* — score −2/);
  assert.match(text, /ru: раздражение · pl: frustracja/);
  const score = await hoverText(bank.uri, afterText(bank.text, 'emotion: 1'));
  assert.match(score, /Score \+1/);
});

test('hovering a persona reference shows the persona card', async () => {
  const text = await hoverText(shop.uri, at(shop.text, 'persona: anna', 'persona: an'.length));
  assert.match(text, /Anna, 34, busy parent/);
  assert.match(text, /I shop on my phone/);
  assert.match(text, /Frustrations/);
  const ru = await hoverText(bank.uri, at(bank.text, 'persona: игорь', 'persona: иг'.length));
  assert.match(ru, /Игорь, 27 лет, разработчик/);
});

test('hovering a channel reference shows its definition', async () => {
  const text = await hoverText(bank.uri, at(bank.text, 'channel: branch', 'channel: br'.length));
  assert.match(text, /Отделение банка/);
  assert.match(text, /\(branch\)/);
});

test('hovering a stage id summarises the stage: name, steps, mean and lowest emotion', async () => {
  const text = await hoverText(shop.uri, at(shop.text, 'id: purchase', 5));
  assert.match(text, /Purchase/);
  assert.match(text, /2 steps/);
  assert.match(text, /mean emotion 😟 −2/);
  assert.match(text, /lowest: Creates an account 😣 frustrated −2/);
  const ru = await hoverText(bank.uri, at(bank.text, 'id: purchase', 5));
  assert.match(ru, /Покупка/);
});

test('the outline nests steps under stages under the map, with declarations grouped', async () => {
  const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: shop.uri } });
  assert.equal(symbols.length, 1);
  const map = symbols[0];
  assert.equal(map.name, 'First order in the online shop');
  const groups = map.children!.map((c) => c.name);
  assert.deepEqual(groups, ['personas', 'channels', 'teams', 'sources', 'stages']);
  const stages = map.children!.find((c) => c.name === 'stages')!.children!;
  assert.deepEqual(stages.map((s) => s.name), ['Awareness', 'Consideration', 'Purchase', 'Delivery']);
  const purchase = stages[2];
  assert.deepEqual(purchase.children!.map((s) => s.name), ['Creates an account', 'Pays']);
  const signUp = purchase.children![0];
  assert.equal(textOf(shop.text, signUp.selectionRange), 'sign-up');
  const inside = (outer: Range, inner: Range) => outer.start.line <= inner.start.line && outer.end.line >= inner.end.line;
  assert.ok(inside(purchase.range, signUp.range) && inside(map.range, purchase.range));
});

test('folding ranges cover stages, steps and comment blocks', async () => {
  const ranges = await lsp.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: shop.uri } });
  const lines = shop.text.split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle));
  const stage = ranges.find((r) => r.startLine === lineOf('- id: purchase'));
  assert.ok(stage, 'the purchase stage folds');
  assert.equal(stage.endLine, lineOf('- id: delivery') - 1);
  assert.ok(ranges.some((r) => r.startLine === lineOf('- id: sign-up')));
  assert.ok(ranges.every((r) => r.endLine > r.startLine && r.endLine < lines.length));
});

test('go to definition on a channel reference lands on the channel declaration', async () => {
  const defs = await lsp.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: shop.uri }, position: at(shop.text, 'channel: courier', 'channel: cou'.length) });
  assert.equal(defs.length, 1);
  assert.equal(textOf(shop.text, defs[0].targetSelectionRange), 'courier');
  assert.equal(defs[0].targetSelectionRange.start.line, at(shop.text, '- id: courier').line);
  assert.equal(textOf(shop.text, defs[0].originSelectionRange!), 'courier');
});

test('find references lists every use of a persona id, with or without its declaration', async () => {
  const p = at(bank.text, 'persona: игорь', 'persona: '.length);
  const withDecl = await lsp.request<Location[]>('textDocument/references', { textDocument: { uri: bank.uri }, position: p, context: { includeDeclaration: true } });
  const without = await lsp.request<Location[]>('textDocument/references', { textDocument: { uri: bank.uri }, position: p, context: { includeDeclaration: false } });
  assert.equal(withDecl.length, 3);
  assert.equal(without.length, 2);
  assert.ok(withDecl.every((l) => textOf(bank.text, l.range) === 'игорь'));
});

test('F2 on a channel id renames the declaration and every reference, and nothing else', async () => {
  const p = at(bank.text, 'channel: app', 'channel: a'.length);
  const prep = await lsp.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: bank.uri }, position: p });
  assert.equal(prep.placeholder, 'app');
  const edit = await lsp.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: bank.uri }, position: p, newName: 'mobile' });
  const edits = edit.changes![bank.uri];
  assert.equal(edits.length, 3);
  const renamed = applyEdits(bank.text, edits);
  assert.equal(renamed, bank.text.replace('  - id: app\n', '  - id: mobile\n').replaceAll('channel: app\n', 'channel: mobile\n'));
});

test('rename refuses invalid ids, ids already taken, and places that are not ids', async () => {
  const p = at(shop.text, 'channel: web', 'channel: w'.length);
  await assert.rejects(lsp.request('textDocument/rename', { textDocument: { uri: shop.uri }, position: p, newName: 'two words' }), /`two words` is not a valid id/);
  assert.match(shop.text, /^ {2}- id: social$/m);
  await assert.rejects(lsp.request('textDocument/rename', { textDocument: { uri: shop.uri }, position: p, newName: 'social' }), /Another channel already has the id `social`\./);
  await assert.rejects(lsp.request('textDocument/prepareRename', { textDocument: { uri: shop.uri }, position: at(shop.text, 'title:', 2) }), /Only the ids/);
});

test('a rename is refused in the reader\'s language (cjm.locale), as diagnostics are: a Russian map in an English editor in English; in Russian the noun agrees with the kind', async () => {
  const p = at(bank.text, 'channel: app', 'channel: a'.length);
  await assert.rejects(lsp.request('textDocument/rename', { textDocument: { uri: bank.uri }, position: p, newName: 'web' }), (e: Error) => /^Another channel already has the id `web`\.$/.test(e.message) || assert.fail(e.message));
  const ru = await Lsp.start({ locale: 'ru' });
  ru.open(bank.uri, bank.text);
  after(async () => assert.equal(await ru.stop(), 0));
  const refused = async (req: Promise<unknown>) => {
    try {
      await req;
    } catch (e) {
      return (e as Error).message;
    }
    assert.fail('the rename was not refused');
  };
  const invalid = await refused(ru.request('textDocument/rename', { textDocument: { uri: bank.uri }, position: p, newName: 'два слова' }));
  assert.match(invalid, /`два слова` не годится как id: нужно одно слово из букв, цифр и знаков/);
  assert.match(await refused(ru.request('textDocument/rename', { textDocument: { uri: bank.uri }, position: p, newName: 'web' })), /Id `web` уже есть у другого канала\./);
  const step = bank.text.match(/^ {6}- id: ([^\s]+)\n/m)![1];
  const other = [...bank.text.matchAll(/^ {6}- id: ([^\s]+)\n/gm)][1][1];
  assert.match(await refused(ru.request('textDocument/rename', { textDocument: { uri: bank.uri }, position: at(bank.text, `- id: ${step}`, 6), newName: other })), new RegExp(`Id \`${other}\` уже есть у другого шага\\.`));
  assert.match(await refused(ru.request('textDocument/prepareRename', { textDocument: { uri: bank.uri }, position: at(bank.text, 'title:', 2) })), /^Переименовать можно только id персон, каналов/);
  for (const m of [invalid]) assert.doesNotMatch(m, /valid|already|rename/);
});

test('document highlights mark the declaration as a write and references as reads', async () => {
  const hs = await lsp.request<Array<{ range: Range; kind: number }>>('textDocument/documentHighlight', { textDocument: { uri: shop.uri }, position: at(shop.text, '- id: web', 7) });
  assert.equal(hs.filter((h) => h.kind === 3).length, 1);
  assert.equal(hs.filter((h) => h.kind === 2).length, (shop.text.match(/channel: web$/gm) ?? []).length);
});
