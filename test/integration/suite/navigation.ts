import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { openMap, positionOf, hoverText, lineOf, closeAllEditors } from '../helper';

function flatten(symbols: vscode.DocumentSymbol[], parent?: vscode.DocumentSymbol, out: Array<{ s: vscode.DocumentSymbol; parent?: vscode.DocumentSymbol }> = []) {
  for (const s of symbols) {
    out.push({ s, parent });
    flatten(s.children ?? [], s, out);
  }
  return out;
}

suite('Hover and navigation', () => {
  suiteTeardown(closeAllEditors);

  test('hovering an emotion shows its emoji and score', async () => {
    const { doc } = await openMap('shop.cjm');
    const pos = positionOf(doc, 'emotion: frustrated', { before: true }).translate(0, 'emotion: fru'.length);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(text, /😣/, `hover: ${text}`);
    assert.match(text, /[-−]2/, `hover: ${text}`);
  });

  test('hovering a key shows its documentation', async () => {
    const { doc } = await openMap('shop.cjm');
    const pos = positionOf(doc, 'touchpoint:', { before: true }).translate(0, 3);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(text, /customer meets the company/i, `hover: ${text}`);
  });

  test('hovering a persona reference shows the persona', async () => {
    const { doc } = await openMap('shop.cjm');
    const pos = positionOf(doc, 'persona: anna', { before: true }).translate(0, 'persona: an'.length);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(text, /Anna, 34, busy parent/, `hover: ${text}`);
  });

  test('the outline nests steps under their stages', async () => {
    const { doc } = await openMap('shop.cjm');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(symbols?.length, 'no document symbols');
    const all = flatten(symbols);
    const stageLine = lineOf(doc, '  - id: purchase');
    const stage = all.find(({ s }) => /purchase/i.test(s.name) && s.range.start.line <= stageLine && s.range.end.line >= stageLine);
    assert.ok(stage, `no purchase stage in: ${all.map(({ s }) => s.name).join(', ')}`);
    const step = all.find(({ s }) => /Creates an account|sign-up/.test(s.name));
    assert.ok(step, `no sign-up step in: ${all.map(({ s }) => s.name).join(', ')}`);
    assert.equal(step.parent, stage.s, 'the step should be a child of its stage');
    assert.ok(stage.s.range.contains(step.s.range), 'the stage range should contain the step');
    assert.equal(step.s.selectionRange.start.line, lineOf(doc, '- id: sign-up'));
  });

  test('go to definition on a channel reference lands on the channel', async () => {
    const { doc } = await openMap('shop.cjm');
    const pos = positionOf(doc, 'channel: courier', { before: true }).translate(0, 'channel: cou'.length);
    const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', doc.uri, pos);
    assert.ok(defs?.length, 'no definition');
    const range = 'targetRange' in defs[0] ? (defs[0].targetSelectionRange ?? defs[0].targetRange) : defs[0].range;
    assert.equal(range.start.line, lineOf(doc, '- id: courier'));
  });

  test('renaming a channel id changes its declaration and every reference', async () => {
    const { doc } = await openMap('shop.cjm');
    const pos = positionOf(doc, 'channel: web', { before: true }).translate(0, 'channel: w'.length);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, pos, 'website');
    assert.ok(edit, 'no rename edit');
    const edits = edit.get(doc.uri);
    const references = (doc.getText().match(/channel: web$/gm) ?? []).length;
    assert.equal(edits.length, references + 1, 'declaration plus every `channel: web`');
    assert.ok(edits.every((e) => doc.getText(e.range) === 'web' && e.newText === 'website'));
  });
});
