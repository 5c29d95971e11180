/**
 * Owns every visual diff panel: opens one per pair of documents (reusing it when asked again),
 * restores them after a reload through the webview serializer (validated state), and knows
 * which one is active for the navigation and test commands.
 */
import * as vscode from 'vscode';
import { Locale, toLocale } from '@cjm/core';
import { localRoots } from '../preview/previewContent';
import { diffShellHtml } from './content';
import { DiffPanel, DiffSource } from './panel';
import { DIFF_VIEW_TYPE, DiffSnapshot, validDiffState } from './protocol';
import { diffTitle } from './labels';
import { PREVIEW_LANGUAGE } from '../messageLocale';

export class DiffManager implements vscode.Disposable {
  private readonly panels = new Set<DiffPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly locale: Locale = toLocale(vscode.env.language);

  constructor(private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(DIFF_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => this.restore(panel, state),
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(PREVIEW_LANGUAGE)) for (const p of this.panels) p.refresh();
      }),
    );
  }

  private title(before: DiffSource, after: DiffSource): string {
    const side = (x: DiffSource) => ({ scheme: x.uri.scheme, path: x.uri.path, label: x.label });
    return diffTitle(side(before), side(after));
  }

  private attach(panel: vscode.WebviewPanel, before: DiffSource, after: DiffSource, mode: 'changes' | 'before' | 'after' = 'changes'): DiffPanel {
    panel.webview.options = { enableScripts: true, localResourceRoots: localRoots(this.extensionUri) };
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'preview-icon.svg');
    panel.title = this.title(before, after);
    const p = new DiffPanel(panel, before, after, this.locale, (x) => this.panels.delete(x));
    panel.webview.html = diffShellHtml(panel.webview, this.extensionUri, this.locale, p.state(mode));
    this.panels.add(p);
    return p;
  }

  /** Shows the diff of these two sides, in a new panel beside the editor or the one already showing them. */
  open(before: DiffSource, after: DiffSource): DiffPanel {
    const existing = [...this.panels].find((p) => p.is(before.uri, after.uri));
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn);
      void existing.renderNow();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(DIFF_VIEW_TYPE, this.title(before, after), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: localRoots(this.extensionUri),
    });
    return this.attach(panel, before, after);
  }

  private async restore(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = validDiffState(raw);
    let before: vscode.Uri;
    let after: vscode.Uri;
    try {
      if (!state) throw new Error('no state');
      before = vscode.Uri.parse(state.before, true);
      after = vscode.Uri.parse(state.after, true);
    } catch {
      panel.dispose();
      return;
    }
    this.attach(panel, { uri: before, label: state.beforeLabel }, { uri: after, label: state.afterLabel }, state.mode);
  }

  /** The panel the user is looking at, else any. */
  active(): DiffPanel | undefined {
    const list = [...this.panels];
    return list.find((p) => p.panel.active) ?? list[list.length - 1];
  }

  get all(): readonly DiffPanel[] {
    return [...this.panels];
  }

  async inspect(): Promise<DiffSnapshot | undefined> {
    return this.active()?.inspect();
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
