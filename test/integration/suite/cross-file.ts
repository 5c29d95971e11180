// Navigation across files in real VS Code: the Russian current/future pair in examples/library
// shares its personas through `use: [./bank-library.cjm]` (scripts/test-vscode.mjs copies it
// into the workspace as library/). Definition, references, rename and workspace symbols
// reach into files that are not open; a missing library is a diagnostic at its `use:` entry.
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { closeAllEditors, codeOf, describe, openMap, positionOf, scratchMap, waitFor, waitForDiagnostics, workspaceUri } from '../helper';

const name = (uri: vscode.Uri) => uri.path.split('/').slice(-2).join('/');
const targetOf = (l: vscode.Location | vscode.LocationLink) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : { uri: l.uri, range: l.range });

async function future() {
  const opened = await openMap('library/future.cjm');
  // The map is linked with its library once the server has read it: no "undeclared" persona.
  await waitForDiagnostics(opened.doc.uri, (d) => !d.some((x) => codeOf(x) === 'undeclared-reference'), 'no undeclared persona (the library is read)', 30_000);
  return opened;
}

suite('Cross-file navigation (a shared library)', () => {
  suiteTeardown(closeAllEditors);

  test('go to definition on a persona reference opens the persona in the library file', async () => {
    const { doc } = await future();
    const pos = positionOf(doc, 'persona: игорь', { before: true }).translate(0, 'persona: иг'.length);
    const defs = await waitFor(async () => {
      const d = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', doc.uri, pos);
      return d?.length ? d : undefined;
    }, 'a definition for игорь');
    const { uri, range } = targetOf(defs[0]);
    assert.equal(name(uri), 'library/bank-library.cjm');
    const lib = await vscode.workspace.openTextDocument(uri);
    assert.equal(lib.getText(range), 'игорь');
    assert.equal(lib.lineAt(range.start.line).text.trim(), '- id: игорь');
  });

  test('find references on a library persona lists the library and both maps, the current state unopened', async () => {
    const { doc } = await future();
    const pos = positionOf(doc, 'persona: игорь', { before: true }).translate(0, 'persona: иг'.length);
    // The unopened current state is linked by the workspace scan, which in the browser build
    // reads the files through the extension: wait for it rather than for a fixed time.
    const refs = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, pos);
      return found?.some((r) => name(r.uri) === 'library/current.cjm') ? found : undefined;
    }, 'references in library/current.cjm', 60_000);
    const files = [...new Set(refs.map((r) => name(r.uri)))].sort();
    assert.deepEqual(files, ['library/bank-library.cjm', 'library/current.cjm', 'library/future.cjm']);
    const inFile = (f: string) => refs.filter((r) => name(r.uri) === f).length;
    const count = async (f: string) => ((await vscode.workspace.openTextDocument(workspaceUri(f))).getText().match(/persona: игорь$/gm) ?? []).length;
    assert.equal(inFile('library/current.cjm'), await count('library/current.cjm'));
    assert.equal(inFile('library/future.cjm'), await count('library/future.cjm'));
    assert.equal(inFile('library/bank-library.cjm'), 1, 'the declaration');
    // Peek references, as a user sees them (the screenshot of scripts/test-vscode.mjs).
    await vscode.commands.executeCommand('editor.action.peekLocations', doc.uri, pos, refs, 'peek');
  });

  test('renaming a library persona from a map is one workspace edit over the library and every map', async () => {
    const { doc } = await future();
    await vscode.commands.executeCommand('closeReferenceSearch');
    const pos = positionOf(doc, 'persona: игорь', { before: true }).translate(0, 'persona: иг'.length);
    const edit = await waitFor(async () => {
      const e = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, pos, 'игорь-разработчик');
      return e?.entries().some(([uri]) => name(uri) === 'library/current.cjm') ? e : undefined;
    }, 'a rename edit reaching library/current.cjm', 60_000);
    const byFile = new Map(edit.entries().map(([uri, edits]) => [name(uri), edits]));
    assert.deepEqual([...byFile.keys()].sort(), ['library/bank-library.cjm', 'library/current.cjm', 'library/future.cjm']);
    for (const [f, edits] of byFile) {
      const text = await vscode.workspace.openTextDocument(workspaceUri(f));
      assert.ok(edits.every((e) => text.getText(e.range) === 'игорь' && e.newText === 'игорь-разработчик'), f);
    }
    assert.equal(byFile.get('library/bank-library.cjm')!.length, 1);
  });

  test('rename refuses an id another persona of the library has, in the reader\'s language as diagnostics are (English VS Code, Russian map)', async () => {
    const { doc } = await future();
    const pos = positionOf(doc, 'persona: игорь', { before: true }).translate(0, 'persona: иг'.length);
    // Until the server has read the library it knows no ольга and would rename (the edit is
    // only returned, never applied): ask until it refuses.
    const refusal = await waitFor(async () => {
      try {
        await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, pos, 'ольга');
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    }, 'the rename to be refused', 30_000);
    assert.match(refusal, /Another persona already has the id `ольга`\./);
  });

  test('workspace symbols (Ctrl+T) find a persona, a stage and a step in maps that are not open', async () => {
    await future();
    const find = async (query: string, want: (s: vscode.SymbolInformation) => boolean, what: string) =>
      waitFor(async () => (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query))?.find(want), what, 30_000);
    const persona = await find('ольга', (s) => name(s.location.uri) === 'library/bank-library.cjm', 'the persona ольга in the library');
    assert.match(persona.name, /Ольга|ольга/);
    const step = await find('Ждёт в отделении', (s) => name(s.location.uri) === 'library/current.cjm', 'the step "Ждёт в отделении" of the current state (removed in the future one)');
    assert.equal(step.kind, vscode.SymbolKind.Method);
    assert.equal(persona.kind, vscode.SymbolKind.Object);
    const current = await vscode.workspace.openTextDocument(workspaceUri('library/current.cjm'));
    assert.match(current.lineAt(step.location.range.start.line).text, /очередь|Ждёт в отделении/);
    const stage = await find('Получение карты', (s) => name(s.location.uri) === 'library/current.cjm', 'the stage "Получение карты" in the current state');
    assert.equal(stage.kind, vscode.SymbolKind.Class);
  });

  test('exporting the future state as SVG and HTML draws it over its current state, read through workspace.fs', async () => {
    const { doc } = await future();
    const svgUri = workspaceUri('scratch', 'future.svg');
    await vscode.commands.executeCommand<vscode.Uri>('cjm.preview.export', { uri: doc.uri, format: 'svg', target: svgUri });
    const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(svgUri));
    assert.match(svg, /<g class="persona-curve-before" data-persona="ольга">/);
    assert.match(svg, /<rect class="mark-removed"/);
    assert.match(svg, />Текущее состояние: Дебетовая карта/);
    const htmlUri = workspaceUri('scratch', 'future.html');
    await vscode.commands.executeCommand<vscode.Uri>('cjm.preview.export', { uri: doc.uri, format: 'html', target: htmlUri });
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(htmlUri));
    assert.match(html, /data-baseline-root=""/);
    assert.match(html, /cjm-diff-removed/);
  });

  test('a map whose library is missing gets a diagnostic at its use: entry', async () => {
    const text = 'cjm: 1\ntitle: Без библиотеки\nlanguage: ru\nuse: [../library/нет-такой-библиотеки.cjm]\npersona: ольга\nstages:\n  - id: awareness\n    steps:\n      - name: Видит рекламу\n        emotion: интерес\n';
    const { doc } = await scratchMap('без-библиотеки.cjm', text);
    const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'missing-file'), 'missing-file', 30_000);
    const missing = diags.find((x) => codeOf(x) === 'missing-file')!;
    assert.equal(doc.getText(missing.range).replace(/^["']|["']$/g, ''), '../library/нет-такой-библиотеки.cjm', describe(diags));
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
  });
});
