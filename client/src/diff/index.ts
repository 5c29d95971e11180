/**
 * The visual diff's entry point, called once from client/src/extension.ts: the compare
 * commands (with HEAD, with a branch or tag, from the Source Control view, from a diff
 * editor's title bar), navigation, and the test hooks.
 */
import * as vscode from 'vscode';
import { DiffManager } from './manager';
import { diffWords } from './labels';
import { GitUnavailable } from './git';
import { gitProblemMessage, pickRef, sidesFromActiveTab, sidesFromRef, targetMap } from './sources';

export const DIFF_COMMANDS = {
  compareWithHead: 'cjm.diff.compareWithHead',
  compareWithRef: 'cjm.diff.compareWithRef',
  openFromDiffEditor: 'cjm.diff.openFromDiffEditor',
  next: 'cjm.diff.next',
  previous: 'cjm.diff.previous',
  /** internal (hidden from the palette): the DOM summary of the active diff view, for tests */
  inspect: 'cjm.diff.inspect',
  /** internal: clicks an element of the active diff view by CSS selector, for tests */
  click: 'cjm.diff.click',
} as const;

export function activateDiff(context: vscode.ExtensionContext): DiffManager {
  const manager = new DiffManager(context.extensionUri);
  const words = diffWords(manager.locale);

  const compareWithRef = async (arg: unknown, ref: string | undefined) => {
    const uri = targetMap(arg);
    if (!uri) {
      void vscode.window.showWarningMessage(words.openMapFirst);
      return undefined;
    }
    try {
      const chosen = ref ?? (await pickRef(uri, manager.locale));
      if (!chosen) return undefined;
      const { before, after } = await sidesFromRef(uri, chosen, manager.locale);
      return manager.open(before, after);
    } catch (e) {
      const message = gitProblemMessage(e, uri, manager.locale);
      if (e instanceof GitUnavailable && e.problem === 'no-repository') {
        // The fix happens in the Source Control view (open a repository, or initialise one), so the message leads there.
        void vscode.window.showErrorMessage(message, words.openSourceControl).then((picked) => {
          if (picked === words.openSourceControl) void vscode.commands.executeCommand('workbench.view.scm');
        });
      } else {
        void vscode.window.showErrorMessage(message);
      }
      return undefined;
    }
  };

  context.subscriptions.push(
    manager,
    vscode.commands.registerCommand(DIFF_COMMANDS.compareWithHead, (arg?: unknown) => compareWithRef(arg, 'HEAD').then(() => undefined)),
    vscode.commands.registerCommand(DIFF_COMMANDS.compareWithRef, (arg?: unknown, ref?: unknown) => compareWithRef(arg, typeof ref === 'string' ? ref : undefined).then(() => undefined)),
    vscode.commands.registerCommand(DIFF_COMMANDS.openFromDiffEditor, () => {
      const sides = sidesFromActiveTab(manager.locale);
      if (!sides) {
        void vscode.window.showWarningMessage(words.noDiffEditor);
        return;
      }
      manager.open(sides.before, sides.after);
    }),
    vscode.commands.registerCommand(DIFF_COMMANDS.next, () => manager.active()?.post({ type: 'command', command: 'next' })),
    vscode.commands.registerCommand(DIFF_COMMANDS.previous, () => manager.active()?.post({ type: 'command', command: 'previous' })),
    vscode.commands.registerCommand(DIFF_COMMANDS.inspect, () => manager.inspect()),
    vscode.commands.registerCommand(DIFF_COMMANDS.click, async (selector: string) => {
      const p = manager.active();
      return p ? p.request<boolean>((requestId) => ({ type: 'click', requestId, selector })) : false;
    }),
  );
  return manager;
}
