// The editor speaks the map's language, whatever VS Code's is: with VS Code in English, a
// Russian map's preview is labelled in Russian (its toolbar stays English), completion writes
// Russian words into it, and New Journey Map writes a map in the language picked for it.
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { mapTemplate } from '@cjm/core/templates';
import type { DomSnapshot } from '../../../client/src/preview/protocol';
import { closeAllEditors, openMap, scratchMap, sleep, waitFor, workspaceUri } from '../helper';

const decoder = new TextDecoder();
const inspect = () => vscode.commands.executeCommand<DomSnapshot | undefined>('cjm.preview.inspect');
const english = (s: string) => /[a-z]/i.test(s);
const russian = (s: string) => /[а-яё]/i.test(s) && !english(s);
const previewTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);

suite('The map\'s language', () => {
  suiteSetup(async () => {
    await vscode.workspace.fs.createDirectory(workspaceUri('scratch'));
  });
  setup(closeAllEditors);
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('cjm').update('preview.language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('cjm').update('locale', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  test('with VS Code in English, a Russian map\'s preview labels are Russian and its toolbar English', async () => {
    assert.equal(vscode.env.language, 'en', 'this test needs VS Code in English');
    await openMap('bank-ru.cjm');
    await vscode.commands.executeCommand('cjm.preview.openToSide');
    const shown = await waitFor(async () => {
      const s = await inspect();
      return s && s.laneLabels.length > 0 && s.mapLocale === 'ru' ? s : undefined;
    }, 'the preview to show the Russian map');
    assert.ok(shown.laneLabels.length >= 5, shown.laneLabels.join(', '));
    for (const label of shown.laneLabels) assert.ok(russian(label), `lane label "${label}" is not Russian (all: ${shown.laneLabels.join(', ')})`);
    assert.ok(shown.stages.every(russian), `stage names: ${shown.stages.join(', ')}`);
    // The chrome follows VS Code: the tab title is English.
    assert.ok(previewTabs().some((t) => t.label.startsWith('Preview: ')), `tabs: ${previewTabs().map((t) => t.label).join(', ')}`);

    // The same labels as its HTML export.
    const target = workspaceUri('scratch', 'bank-ru.html');
    await vscode.commands.executeCommand('cjm.preview.export', { uri: workspaceUri('bank-ru.cjm'), format: 'html', target });
    const html = decoder.decode(await vscode.workspace.fs.readFile(target));
    const exported = [...html.matchAll(/<th class="[^"]*cjm-lane-label"[^>]*><span class="cjm-lane-name">([^<]*)<\/span>/g)].map((m) => m[1]);
    assert.deepEqual(shown.laneLabels, exported);
  });

  test('`cjm.preview.language: editor` draws the labels in VS Code\'s language instead', async () => {
    await openMap('bank-ru.cjm');
    await vscode.commands.executeCommand('cjm.preview.openToSide');
    await waitFor(async () => (await inspect())?.mapLocale === 'ru', 'the Russian preview');
    await vscode.workspace.getConfiguration('cjm').update('preview.language', 'editor', vscode.ConfigurationTarget.Global);
    const s = await waitFor(async () => {
      const x = await inspect();
      return x?.mapLocale === 'en' ? x : undefined;
    }, 'the preview to redraw in English');
    assert.ok(s.laneLabels.some((l) => /^steps$/i.test(l)), s.laneLabels.join(', '));
    await vscode.workspace.getConfiguration('cjm').update('preview.language', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(async () => (await inspect())?.mapLocale === 'ru', 'the preview to go back to the map\'s language');
  });

  test('the preview\'s problem list speaks `cjm.locale`, as the editor\'s diagnostics do', async () => {
    const text = decoder.decode(await vscode.workspace.fs.readFile(workspaceUri('bank-ru.cjm'))).replace('        persona: игорь\n', '        persona: пётр\n');
    await scratchMap('problems-ru.cjm', text);
    await vscode.commands.executeCommand('cjm.preview.openToSide');
    const problem = async () => (await inspect())?.bannerErrors.find((e) => e.includes('пётр'));
    const english = await waitFor(problem, 'the undeclared persona in the preview\'s problem list');
    assert.match(english, /No persona `пётр` is declared/);
    await vscode.workspace.getConfiguration('cjm').update('locale', 'ru', vscode.ConfigurationTarget.Global);
    const translated = await waitFor(async () => {
      const p = await problem();
      return p && !p.includes('No persona') ? p : undefined;
    }, 'the problem list to speak Russian');
    assert.match(translated, /не объявлен объект «персона» с id `пётр`/i);
    await vscode.workspace.getConfiguration('cjm').update('locale', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(async () => (await problem())?.includes('No persona'), 'the problem list back in English');
  });

  test('completion of `радость` in a Russian map inserts `радость`', async function () {
    this.timeout(60_000);
    const text = decoder.decode(await vscode.workspace.fs.readFile(workspaceUri('bank-ru.cjm'))).replace('emotion: радость', 'emotion: рад');
    const { doc, editor } = await scratchMap('completion-ru.cjm', text);
    const line = doc.lineAt(doc.positionAt(text.indexOf('emotion: рад')).line);
    editor.selection = new vscode.Selection(line.range.end, line.range.end);
    // The server has answered completion here once (a first request in a cold host can take
    // seconds): the widget opened below then shows its items in time to be accepted.
    await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, line.range.end);
      return list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label).includes('радость'));
    }, 'the language server to offer `радость`', 20_000);
    // As a user would: open the suggestions and accept the first one. Each try waits longer
    // for the widget: triggering again too soon would cancel the request it is waiting for.
    let wait = 800;
    const accepted = await waitFor(async () => {
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await sleep(wait);
      wait = Math.min(wait * 2, 4000);
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      await sleep(200);
      const now = doc.lineAt(line.lineNumber).text.trim();
      return now !== 'emotion: рад' ? now : undefined;
    }, 'a suggestion to be accepted', 20_000);
    assert.equal(accepted, 'emotion: радость');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('New Journey Map writes the map in the language picked for it, not VS Code\'s', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('cjm.newMap', { language: 'ru', kind: 'current-state' });
    assert.ok(doc, 'no document');
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, 'cjm');
    assert.equal(doc.getText(), mapTemplate('current-state', 'ru'));
    assert.match(doc.getText(), /^language: ru$/m);
    assert.match(doc.getText(), /^  - id: покупка$/m);
    assert.equal(vscode.window.activeTextEditor?.document, doc);
    // The language server reads it as a clean map.
    await sleep(1500);
    const errors = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(errors.map((d) => d.message), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
