// The visual diff in a real VS Code: from a diff editor's two sides (no git needed) and from
// git HEAD (a repository the test makes in its scratch workspace, when git can run here).
// The webview is read through cjm.diff.inspect and driven through cjm.diff.click.
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { activateExtension, allTabs, closeAllEditors, sleep, waitFor, workspaceUri } from '../helper';

interface Snapshot {
  version: number;
  mode: 'changes' | 'before' | 'after';
  title: string;
  stages: string[];
  steps: string[];
  marked: { added: number; removed: number; changed: number; moved: number };
  changes: number;
  current: number;
  curves: { before: boolean; after: boolean };
  beforeMarkers: number;
  afterMarkers: number;
  legend: string[];
  visibleFromOtherSide: number;
  toolbar?: { width: number; rows: number; cutOff: string[] };
}

const inspect = () => vscode.commands.executeCommand<Snapshot | undefined>('cjm.diff.inspect');
const click = (selector: string) => vscode.commands.executeCommand<boolean>('cjm.diff.click', selector);

function diffTabs() {
  return allTabs().filter(({ tab }) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('cjm.diff'));
}

async function waitForDiff(what: string, predicate: (s: Snapshot) => boolean, timeoutMs = 20_000): Promise<Snapshot> {
  let last: Snapshot | undefined;
  return waitFor(async () => {
    last = await inspect();
    return last && predicate(last) ? last : undefined;
  }, `${what} (last snapshot: ${JSON.stringify(last)})`, timeoutMs);
}

/** shop.cjm with a step added, a step removed, an emotion changed and a stage renamed. */
function edited(text: string): string {
  const out = text
    .replace('        emotion: anxious\n', '        emotion: happy\n')
    .replace('  - id: delivery\n    steps:\n', '  - id: delivery\n    name: Delivery and unboxing\n    steps:\n')
    .replace(/      - id: confirmation\n(?:        .*\n)+/, '')
    .replace('      - id: pays\n', '      - id: address\n        name: Enters the address\n        emotion: neutral\n      - id: pays\n');
  assert.notEqual(out, text);
  return out.endsWith('\n') ? out : out + '\n';
}

async function write(uri: vscode.Uri, text: string) {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

function gitWorks(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

suite('Visual diff', () => {
  setup(closeAllEditors);
  suiteTeardown(closeAllEditors);

  test('"Open Preview Diff" on a diff editor of two maps shows one grid with the changes marked and both curves', async () => {
    await activateExtension();
    const original = await vscode.workspace.fs.readFile(workspaceUri('shop.cjm'));
    const text = new TextDecoder().decode(original);
    const before = workspaceUri('scratch', 'diff-before.cjm');
    const after = workspaceUri('scratch', 'diff-after.cjm');
    await write(before, text);
    await write(after, edited(text));
    await vscode.commands.executeCommand('vscode.diff', before, after, 'shop: before ↔ after');
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'the text diff editor');
    assert.ok(vscode.extensions.getExtension('cjm-tools.cjm')!.packageJSON.contributes.menus['editor/title'].some((m: { command: string; when: string }) => m.command === 'cjm.diff.openFromDiffEditor' && /isInDiffEditor/.test(m.when)));

    await vscode.commands.executeCommand('cjm.diff.openFromDiffEditor');
    await waitFor(() => diffTabs().length === 1, `a diff webview tab (tabs: ${allTabs().map(({ tab }) => tab.label).join(', ')})`);
    const s = await waitForDiff('the rendered diff', (x) => x.changes > 0);
    assert.equal(diffTabs()[0].tab.label, 'diff-before.cjm ↔ diff-after.cjm', 'the tab names both sides, before ↔ after as the toolbar');
    assert.deepEqual(s.toolbar?.cutOff, [], `every toolbar button fits the panel (toolbar ${JSON.stringify(s.toolbar)})`);
    assert.ok(s.marked.added >= 1, 'the added step is highlighted');
    assert.ok(s.marked.removed >= 1, 'the removed step is ghosted');
    assert.ok(s.marked.changed >= 1, 'the changed emotion is marked');
    assert.ok(s.curves.before && s.curves.after, 'both emotion curves are drawn');
    assert.ok(s.beforeMarkers >= 6 && s.afterMarkers >= 6, `markers: ${s.beforeMarkers} before, ${s.afterMarkers} after`);
    assert.ok(s.steps.includes('Enters the address') && s.steps.includes('Reads the delivery e-mail'), `one grid with both versions' steps: ${s.steps.join(', ')}`);
    assert.ok(s.stages.some((x) => x.includes('Delivery and unboxing')), `renamed stage: ${s.stages.join(', ')}`);
    assert.ok(s.legend.some((l) => /Added: 1/.test(l)), `legend: ${s.legend.join(' | ')}`);

    // Before / After keep the layout: the same columns, nothing of the other version visible.
    for (const mode of ['before', 'after', 'changes'] as const) {
      assert.ok(await click(`[data-mode="${mode}"]`));
      const m = await waitForDiff(`the ${mode} mode`, (x) => x.mode === mode);
      assert.deepEqual(m.steps, s.steps, `${mode}: same columns`);
      assert.equal(m.visibleFromOtherSide, 0, `${mode}: nothing of the other version shows`);
    }

    // Next change, then a change in the list takes the editor to its source.
    assert.ok(await click('[data-command="next"]'));
    await waitForDiff('the first change to be current', (x) => x.current === 0);
    assert.ok(await click('li.cjm-change[data-kind="step-added"]'));
    const afterDoc = await vscode.workspace.openTextDocument(after);
    const at = afterDoc.getText().indexOf('- id: address');
    await waitFor(() => {
      const e = vscode.window.visibleTextEditors.find((x) => x.document.uri.toString() === after.toString());
      const o = e ? afterDoc.offsetAt(e.selection.active) : -1;
      return e && o >= at && o < at + 120;
    }, 'the new side\'s editor to select the added step');
  });

  test('a Polish map\'s visual diff is labelled in Polish in an English VS Code, as its preview is', async () => {
    await activateExtension();
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('gaps-pl.cjm')));
    const before = workspaceUri('scratch', 'diff-pl-before.cjm');
    const after = workspaceUri('scratch', 'diff-pl-after.cjm');
    await write(before, text);
    await write(after, text.replace('        name: Widzi reklamę\n', '        name: Widzi reklamę\n        touchpoint: Baner w aplikacji\n'));
    await vscode.commands.executeCommand('vscode.diff', before, after, 'pl: before ↔ after');
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'the text diff editor');
    await vscode.commands.executeCommand('cjm.diff.openFromDiffEditor');
    const s = await waitForDiff('the rendered diff', (x) => x.changes > 0);
    assert.ok(s.legend.some((l) => /^Zmienione: 1$/.test(l)), `legend: ${s.legend.join(' | ')}`);
    assert.ok(!s.legend.some((l) => /Changed|Added/.test(l)), `legend: ${s.legend.join(' | ')}`);
  });

  test('the diff follows edits of the new side without saving', async () => {
    await activateExtension();
    const before = workspaceUri('scratch', 'diff-before.cjm');
    const after = workspaceUri('scratch', 'diff-after.cjm');
    await vscode.commands.executeCommand('vscode.diff', before, after, 'shop: before ↔ after');
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'the text diff editor');
    await vscode.commands.executeCommand('cjm.diff.openFromDiffEditor');
    const first = await waitForDiff('the rendered diff', (x) => x.changes > 0);
    const doc = await vscode.workspace.openTextDocument(after);
    const edit = new vscode.WorkspaceEdit();
    const at = doc.getText().indexOf('emotion: frustrated');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'emotion: frustrated'.length)), 'emotion: delighted');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const next = await waitForDiff('a re-render with one more change', (x) => x.version > first.version && x.changes === first.changes + 1);
    assert.ok(next.marked.changed > first.marked.changed);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('"Compare Preview with HEAD" compares the edited map with its last commit; git: documents get no Problems', async function () {
    await activateExtension();
    const git = vscode.extensions.getExtension<{ enabled: boolean }>('vscode.git');
    if (!git || !gitWorks()) {
      // The diff editor route above needs no git; this one cannot run here.
      console.log(`[diff] skipped: ${!git ? 'no built-in git extension' : 'no git binary'}`);
      this.skip();
    }
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const gitDir = `${root}/.git`;
    const run = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, '--work-tree', root, '-c', 'user.name=cjm test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'pipe' });
    execFileSync('git', ['init', '-q', root], { stdio: 'pipe' });
    const map = workspaceUri('head.cjm');
    const shop = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('shop.cjm')));
    // Both versions have a problem (an emotion nobody knows): the file's shows in Problems;
    // if git: documents were validated too, the old side's would show under a git: URI.
    const broken = shop.replace('emotion: curious', 'emotion: flabbergasted-ish');
    await write(map, broken);
    run('add', 'head.cjm');
    run('commit', '-q', '-m', 'map');

    const config = vscode.workspace.getConfiguration('git');
    await config.update('enabled', true, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(async () => (git!.isActive ? git!.exports : await git!.activate())?.enabled, 'the git extension to be enabled', 20_000);
      const doc = await vscode.workspace.openTextDocument(map);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => {
        const at = doc.getText().indexOf('emotion: anxious');
        e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'emotion: anxious'.length)), 'emotion: happy');
      });
      await vscode.commands.executeCommand('cjm.diff.compareWithHead');
      const s = await waitForDiff('the diff with HEAD', (x) => x.changes === 1, 30_000);
      assert.ok(s.curves.before && s.curves.after, 'both curves');
      assert.ok(s.marked.changed >= 1, `the changed emotion is marked: ${JSON.stringify(s.marked)}`);
      assert.ok(diffTabs().some(({ tab }) => tab.label === 'head.cjm (HEAD) ↔ head.cjm'), `a tab titled "head.cjm (HEAD) ↔ head.cjm" (tabs: ${diffTabs().map(({ tab }) => tab.label).join(', ')})`);
      await waitFor(() => vscode.languages.getDiagnostics(map).length > 0, 'the working file\'s problem in Problems');
      await sleep(2000);
      const gitDiags = vscode.languages.getDiagnostics().filter(([uri, d]) => uri.scheme !== 'file' && uri.scheme !== 'untitled' && d.length);
      assert.deepEqual(gitDiags.map(([u]) => u.toString()), [], 'no Problems for read-only documents');
      assert.ok(vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'git' && d.uri.path.endsWith('/head.cjm')), 'the old side was read as a git: document');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
