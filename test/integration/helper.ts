// Shared steps for the integration suite: only the public vscode API, so the same tests run
// in desktop VS Code (npm run test:electron) and in code-server (npm run test:vscode).
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';

export const EXTENSION_ID = 'cjm-tools.cjm';

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder, ...segments);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `predicate` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(100);
  }
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}

/** Opens a map from the test workspace in an editor and makes sure the extension runs. */
export async function activate(docUri: vscode.Uri): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  await activateExtension();
  const doc = await vscode.workspace.openTextDocument(docUri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

export async function openMap(name: string) {
  return activate(workspaceUri(name));
}

/** A scratch copy of a map the test may edit freely (an untitled-like file in the workspace). */
export async function scratchMap(name: string, text: string) {
  const uri = workspaceUri('scratch', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return activate(uri);
}

/** Position right after the first occurrence of `needle` (or at its start with `before`). */
export function positionOf(doc: vscode.TextDocument, needle: string, { before = false, nth = 0 } = {}): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${nth + 1}) not found in ${doc.uri.path}`);
  }
  return doc.positionAt(before ? at : at + needle.length);
}

export function lineOf(doc: vscode.TextDocument, needle: string): number {
  return positionOf(doc, needle, { before: true }).line;
}

export async function waitForDiagnostics(uri: vscode.Uri, predicate: (d: readonly vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 15_000) {
  return waitFor(() => {
    const diags = vscode.languages.getDiagnostics(uri);
    return predicate(diags) ? diags : undefined;
  }, `${what} in ${uri.path.split('/').pop()} (now: ${describe(vscode.languages.getDiagnostics(uri))})`, timeoutMs);
}

export function describe(diags: readonly vscode.Diagnostic[]): string {
  if (!diags.length) return 'no diagnostics';
  return diags.map((d) => `${d.range.start.line + 1}: [${codeOf(d)}] ${d.message}`).join('; ');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Everything a user sees for a completion item in the list and its details pane. */
export function shownText(item: vscode.CompletionItem): string {
  const label = typeof item.label === 'string' ? { label: item.label } : item.label;
  const docs = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? '';
  return [label.label, label.detail, label.description, item.detail, docs].filter(Boolean).join(' ');
}

export async function completions(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  return list?.items ?? [];
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** All tabs in every editor group, with the group's view column. */
export function allTabs(): Array<{ tab: vscode.Tab; column: vscode.ViewColumn }> {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((tab) => ({ tab, column: g.viewColumn })));
}

export async function closeAllEditors() {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The ids of the extension's commands as the manifest declares them. */
export function contributedCommands(): string[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const cmds = (ext?.packageJSON?.contributes?.commands ?? []) as Array<{ command: string }>;
  return cmds.map((c) => c.command);
}
