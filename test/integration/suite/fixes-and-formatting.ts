import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { openMap, waitForDiagnostics, codeOf, lineOf, describe, closeAllEditors } from '../helper';

suite('Quick fixes and formatting', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
  suiteTeardown(closeAllEditors);

  test('the did-you-mean fix for a misspelled emotion replaces only that word', async () => {
    const { doc } = await openMap('broken.cjm');
    const before = doc.getText();
    const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'unknown-emotion'), 'an unknown-emotion diagnostic');
    const diag = diags.find((x) => codeOf(x) === 'unknown-emotion')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = (actions ?? []).find((a) => /frustrated/.test(a.title));
    assert.ok(fix, `no fix mentioning "frustrated" among: ${(actions ?? []).map((a) => a.title).join(' | ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), 'the fix should be a quickfix');
    assert.ok(fix.edit, 'the fix should carry its edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const line = lineOf(doc, 'emotion:');
    assert.equal(doc.lineAt(line).text, '        emotion: frustrated');
    assert.equal(doc.getText(), before.replace('frustratd', 'frustrated'), 'nothing else may change');
    await waitForDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'unknown-emotion'), 'the error to go away after the fix');
  });

  test('formatting puts keys in canonical order, keeps comments, and is stable', async () => {
    const { doc } = await openMap('unformatted.cjm');
    const opts = { tabSize: 2, insertSpaces: true };
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, opts);
    assert.ok(edits?.length, 'the formatter returned no edits for a map out of canonical layout');
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we));
    const text = doc.getText();
    assert.ok(text.indexOf('cjm: 1') < text.indexOf('title:'), `cjm: should come before title:\n${text}`);
    assert.ok(text.indexOf('id: awareness') < text.indexOf('steps:'), `a stage's id should come before its steps\n${text}`);
    assert.ok(text.indexOf('id: sees-ad') < text.indexOf('name: Sees an ad'), `a step's id should come before its name\n${text}`);
    assert.match(text, /^# Valid, but not in canonical layout/, 'the leading comment was lost');
    assert.match(text, /emotion: curious\s+# keep this comment/, 'the trailing comment was lost');
    assert.ok(!/^ {4}-/m.test(text), `sequence items should be indented by two spaces\n${text}`);
    const again = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, opts);
    const changed = (again ?? []).filter((e) => doc.getText(e.range) !== e.newText);
    assert.equal(changed.length, 0, 'formatting twice should change nothing');
    await new Promise((r) => setTimeout(r, 800));
    const errors = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(errors.length, 0, `formatting introduced errors: ${describe(errors)}`);
  });
});
