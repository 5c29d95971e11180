// Which extension host runs the suite and the extension, and how soon a map opened in a cold
// workbench gets its first diagnostics. First in the suite, so the extension is not yet active.
// The harness runs the suite twice (Node host, and web host forced by the user setting
// `remote.extensionKind`) and names the expected host in .suite-results/options.json: a
// silent fall-back to the Node build fails here.
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { EXTENSION_ID, codeOf, workspaceUri } from '../helper';
import { readOptions, resultsFolder } from '../results';

/** The web-worker extension host has importScripts and no Node `process`. */
function runningHost(): 'node' | 'web' {
  const g = globalThis as { importScripts?: unknown; process?: { versions?: { node?: string } } };
  return typeof g.importScripts === 'function' && !g.process?.versions?.node ? 'web' : 'node';
}

/** Resolves when `uri` has a diagnostic with `code` (event-driven: the time is the measurement). */
function diagnosticArrives(uri: vscode.Uri, code: string): Promise<number> {
  const has = () => vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === code);
  return new Promise((resolve) => {
    if (has()) return resolve(Date.now());
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && has()) {
        sub.dispose();
        resolve(Date.now());
      }
    });
  });
}

suite('Host', () => {
  test('the suite and the extension run in the extension host the harness asked for', async () => {
    const expected = (await readOptions()).host ?? 'node';
    assert.equal(runningHost(), expected, `the suite runs in the ${runningHost()} host, the harness asked for ${expected}`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    // In a web workbench (code-server), UI = the web-worker host, Workspace = the Node host.
    const kind = expected === 'web' ? vscode.ExtensionKind.UI : vscode.ExtensionKind.Workspace;
    if (vscode.env.uiKind === vscode.UIKind.Web || expected === 'web') assert.equal(ext.extensionKind, kind, `extensionKind ${ext.extensionKind}`);
  });

  test('a map opened in a cold workbench gets its first diagnostics within 3 s of activation', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const wasActive = ext.isActive;
    const uri = workspaceUri('broken.cjm');
    const opened = Date.now();
    const arrived = diagnosticArrives(uri, 'unknown-emotion');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await ext.activate();
    const activated = Date.now();
    const first = await Promise.race([arrived, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no diagnostics within 20 s')), 20_000))]);
    const timings = { host: runningHost(), coldStart: !wasActive, openToActivatedMs: activated - opened, activatedToDiagnosticsMs: first - activated, openToDiagnosticsMs: first - opened };
    console.log(`[timing] ${JSON.stringify(timings)}`);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(resultsFolder(), 'timings.json'), new TextEncoder().encode(JSON.stringify(timings, null, 2)));
    // The target is 1 s (docs/performance.md); the bound leaves room for a busy shared machine.
    assert.ok(timings.activatedToDiagnosticsMs < 3000, `first diagnostics ${timings.activatedToDiagnosticsMs} ms after activation`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
