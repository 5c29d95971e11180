import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { openMap, workspaceUri, waitForDiagnostics, codeOf, lineOf, describe, closeAllEditors } from '../helper';

suite('Diagnostics', () => {
  suiteTeardown(closeAllEditors);

  test('a misspelled emotion is an error on its line, with a code and the word in the message', async () => {
    const { doc } = await openMap('broken.cjm');
    const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'unknown-emotion'), 'an unknown-emotion diagnostic');
    const d = diags.find((x) => codeOf(x) === 'unknown-emotion')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, lineOf(doc, 'frustratd'));
    assert.equal(doc.getText(d.range), 'frustratd', 'the range should cover exactly the misspelled value');
    assert.match(d.message, /frustratd/);
  });

  test('a valid example map has no errors or warnings', async () => {
    const { doc } = await openMap('shop.cjm');
    // Give the server time to publish; then nothing stronger than information may remain.
    await new Promise((r) => setTimeout(r, 1500));
    const serious = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.equal(serious.length, 0, describe(serious));
  });

  test('diagnostics follow edits without saving', async () => {
    const { doc, editor } = await openMap('shop.cjm');
    const line = lineOf(doc, 'emotion: delighted');
    const range = doc.lineAt(line).range;
    try {
      await editor.edit((e) => e.replace(range, doc.lineAt(line).text.replace('delighted', 'delightd')));
      await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'unknown-emotion' && x.range.start.line === line), 'an error after the edit');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitForDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'unknown-emotion'), 'the error to clear after reverting');
  });

  test('errors in maps nobody opened reach the Problems panel (workspace-wide pass)', async () => {
    const uri = workspaceUri('never-opened.cjm');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the test must not open this file');
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-emotion'), 'an unknown-emotion diagnostic', 20_000);
    assert.match(diags.find((x) => codeOf(x) === 'unknown-emotion')!.message, /grumpyish/);
  });
});
