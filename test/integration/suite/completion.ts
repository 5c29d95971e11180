import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { EMOTIONS, STAGES, emotionWord, stageIdWord } from '@cjm/core';
import { openMap, completions, labelOf, shownText, lineOf, closeAllEditors } from '../helper';

// gaps-pl.cjm is a Polish map: completion writes Polish words into it.
const pl = (id: string) => emotionWord(EMOTIONS.find((e) => e.id === id)!, 'pl');
const plStage = (id: string) => stageIdWord(STAGES.find((s) => s.id === id)!, 'pl');
const inserted = (item: vscode.CompletionItem) => {
  const t = item.textEdit ?? item.insertText ?? labelOf(item);
  return typeof t === 'string' ? t : t instanceof vscode.SnippetString ? t.value : t.newText;
};

function sortKey(item: vscode.CompletionItem): string {
  return item.sortText ?? labelOf(item);
}

suite('Completion', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
  });

  test('at `emotion: ` in a Polish map every emotion is offered in Polish, with emoji and score', async () => {
    const { doc } = await openMap('gaps-pl.cjm');
    const line = lineOf(doc, 'name: Porównuje ceny') + 1;
    assert.match(doc.lineAt(line).text, /^\s+emotion: $/);
    const items = await completions(doc, doc.lineAt(line).range.end);
    const labels = items.map(labelOf);
    for (const e of ['frustrated', 'delighted', 'neutral', 'anxious', 'angry']) assert.ok(labels.includes(pl(e)), `no "${pl(e)}" among: ${labels.slice(0, 30).join(', ')}`);
    const frustrated = items.find((i) => labelOf(i) === pl('frustrated'))!;
    assert.equal(inserted(frustrated), pl('frustrated'), 'picking it writes the Polish word');
    const shown = shownText(frustrated);
    assert.match(shown, /😣/, `no emoji in: ${shown}`);
    assert.match(shown, /[-−]2/, `no score in: ${shown}`);
    // sorted by valence: the happiest first, the angriest last
    const byValence = [...items].filter((i) => ['delighted', 'neutral', 'angry'].map(pl).includes(labelOf(i))).sort((a, b) => sortKey(a).localeCompare(sortKey(b))).map(labelOf);
    assert.deepEqual(byValence, ['delighted', 'neutral', 'angry'].map(pl));
  });

  test('typing a Polish emotion name finds the emotion', async () => {
    const { doc } = await openMap('gaps-pl.cjm');
    const line = lineOf(doc, 'name: Porównuje ceny') + 1;
    const items = await completions(doc, doc.lineAt(line).range.end);
    const frustrated = items.find((i) => labelOf(i) === pl('frustrated'));
    assert.ok(frustrated);
    const filter = (frustrated.filterText ?? labelOf(frustrated)).toLowerCase();
    assert.ok(filter.includes('sfru'), `filter text "${filter}" would not match "sfru"`);
  });

  test('at a stage id the built-in stages are offered in Polish, the next one in journey order first', async () => {
    const { doc } = await openMap('gaps-pl.cjm');
    const line = lineOf(doc, '  - id: \n');
    const items = await completions(doc, doc.lineAt(line).range.end);
    const labels = items.map(labelOf);
    for (const s of ['decision', 'purchase', 'retention']) assert.ok(labels.includes(plStage(s)), `no stage "${plStage(s)}" among: ${labels.slice(0, 30).join(', ')}`);
    const purchase = items.find((i) => labelOf(i) === plStage('purchase'))!;
    assert.equal(inserted(purchase), plStage('purchase'));
    assert.match(shownText(purchase), /Zakup/, `no Polish label in: ${shownText(purchase)}`);
    const first = [...items].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))[0];
    assert.equal(labelOf(first), plStage('decision'), 'after awareness and consideration, decision should come first');
  });

  test('typing `zak` at a stage id finds purchase (Polish synonym)', async () => {
    const { doc, editor } = await openMap('gaps-pl.cjm');
    const line = lineOf(doc, '  - id: \n');
    await editor.edit((e) => e.insert(doc.lineAt(line).range.end, 'zak'));
    const items = await completions(doc, doc.lineAt(line).range.end);
    const purchase = items.find((i) => labelOf(i) === plStage('purchase'));
    assert.ok(purchase, `no purchase among: ${items.map(labelOf).slice(0, 30).join(', ')}`);
    assert.ok((purchase.filterText ?? labelOf(purchase)).toLowerCase().includes('zak'), `filter text of purchase does not match "zak": ${purchase.filterText}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('keys valid in a step are offered, without the ones already present', async () => {
    const { doc, editor } = await openMap('shop.cjm');
    // A new key line inside the "pays" step, after its last key (the next stage follows).
    const line = lineOf(doc, '  - id: delivery');
    const at = new vscode.Position(line, 0);
    await editor.edit((e) => e.insert(at, '        \n'));
    try {
      const items = await completions(doc, new vscode.Position(line, 8));
      const labels = items.map((i) => labelOf(i).replace(/:$/, ''));
      assert.ok(labels.includes('touchpoint') === false, 'touchpoint is already present in the step');
      for (const k of ['thoughts', 'joys', 'owner']) assert.ok(labels.includes(k), `no key "${k}" among: ${labels.join(', ')}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
