import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { openMap, EXTENSION_ID, waitFor, closeAllEditors } from '../helper';

suite('Activation', () => {
  suiteTeardown(closeAllEditors);

  test('a .cjm file opens in the cjm language and activates the extension', async () => {
    const { doc } = await openMap('shop.cjm');
    assert.equal(doc.languageId, 'cjm');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor(() => ext.isActive, 'the extension to be active');
  });

  test('the manifest contributes the language, its grammar and the preview commands', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const lang = (pkg.contributes?.languages ?? []).find((l: { id: string }) => l.id === 'cjm');
    assert.ok(lang, 'no cjm language contributed');
    assert.ok((lang.extensions ?? []).includes('.cjm'), 'cjm language does not claim *.cjm');
    assert.ok((pkg.contributes?.grammars ?? []).some((g: { language: string }) => g.language === 'cjm'), 'no TextMate grammar for cjm');
  });
});
