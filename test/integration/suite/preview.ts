import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { openMap, allTabs, waitFor, contributedCommands, closeAllEditors } from '../helper';

const TITLE = 'First order in the online shop';

function previewCommand(side: boolean): string {
  const cmds = contributedCommands().filter((c) => /preview/i.test(c) && /open|show/i.test(c) && !/lock|export|diff|refresh|mermaid|zoom/i.test(c));
  const found = cmds.find((c) => /side/i.test(c) === side);
  assert.ok(found, `no ${side ? '"Open Preview to the Side"' : '"Open Preview"'} command among: ${contributedCommands().join(', ')}`);
  return found;
}

function previewTabs() {
  return allTabs().filter(({ tab }) => tab.input instanceof vscode.TabInputWebview && tab.label.includes(TITLE));
}

suite('Preview', () => {
  setup(closeAllEditors);
  suiteTeardown(closeAllEditors);

  test('"Open Preview to the Side" opens a webview titled with the map, beside the text', async () => {
    const { editor } = await openMap('shop.cjm');
    await vscode.commands.executeCommand(previewCommand(true));
    const [preview] = await waitFor(() => (previewTabs().length ? previewTabs() : undefined), `a webview tab titled "${TITLE}" (tabs: ${allTabs().map(({ tab }) => tab.label).join(', ')})`);
    assert.notEqual(preview.column, editor.viewColumn, 'the preview should open in another column');
    assert.ok(
      allTabs().some(({ tab, column }) => tab.input instanceof vscode.TabInputText && tab.input.uri.path.endsWith('/shop.cjm') && column === editor.viewColumn),
      'the text editor should stay open',
    );
  });

  test('opening the preview again reuses it: one preview per map', async () => {
    await openMap('shop.cjm');
    const cmd = previewCommand(true);
    await vscode.commands.executeCommand(cmd);
    await waitFor(() => previewTabs().length === 1, 'one preview tab');
    await openMap('shop.cjm');
    await vscode.commands.executeCommand(cmd);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(previewTabs().length, 1, `tabs: ${allTabs().map(({ tab }) => tab.label).join(', ')}`);
  });

  test('"Open Preview" replaces the editor in its column', async () => {
    const { editor } = await openMap('shop.cjm');
    await vscode.commands.executeCommand(previewCommand(false));
    const [preview] = await waitFor(() => (previewTabs().length ? previewTabs() : undefined), `a webview tab titled "${TITLE}"`);
    assert.equal(preview.column, editor.viewColumn);
    assert.ok(preview.tab.isActive, 'the preview should be the active tab of its group');
  });
});
