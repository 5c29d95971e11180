/**
 * Owns every preview: opens them (one per map), decides which preview follows which editor,
 * restores them after a reload (webview serializer), and links editors and previews both ways
 * (cursor → highlighted cell, editor scroll → the stage in the editor's middle in view),
 * throttled and guarded so the two sides never chase each other.
 */
import * as vscode from 'vscode';
import { Locale, toLocale } from '@cjm/core';
import { CjmPreview, PreviewHost, isMapDocument } from './preview';
import { shellHtml, localRoots } from './previewContent';
import { DomSnapshot, VIEW_TYPE, validState } from './protocol';
import { LOCALE_SETTING, PREVIEW_LANGUAGE, labelLocale, messageLocale } from '../messageLocale';

const TITLES: Record<Locale, { preview: string; locked: string }> = {
  en: { preview: 'Preview', locked: 'Locked preview' },
  ru: { preview: 'Просмотр', locked: 'Закреплённый просмотр' },
  pl: { preview: 'Podgląd', locked: 'Zablokowany podgląd' },
};
/** After the preview moves the editor, the editor's own scroll events are not echoed back. */
const ECHO_GUARD_MS = 600;
const SELECTION_THROTTLE_MS = 50;
const SCROLL_THROTTLE_MS = 100;
/** Like markdown.preview.scrollPreviewWithEditor / scrollEditorWithPreview: each direction of scroll sync. */
export const SCROLL_PREVIEW_WITH_EDITOR = 'cjm.preview.scrollPreviewWithEditor';
export const SCROLL_EDITOR_WITH_PREVIEW = 'cjm.preview.scrollEditorWithPreview';
/** Whether a future-state map's preview opens drawn over its current state (`baseline:`); the toolbar's toggle overrides it per map. */
export const SHOW_CURRENT_STATE = 'cjm.preview.showCurrentState';

function enabled(setting: string, uri: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(undefined, uri).get<boolean>(setting) !== false;
}

function throttle<A extends unknown[]>(ms: number, fn: (...args: A) => void): (...args: A) => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastArgs: A;
  return (...args: A) => {
    lastArgs = args;
    const wait = last + ms - Date.now();
    if (wait <= 0) {
      last = Date.now();
      fn(...lastArgs);
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        fn(...lastArgs);
      }, wait);
    }
  };
}

export class PreviewManager implements vscode.Disposable {
  private readonly previews = new Set<CjmPreview>();
  private readonly disposables: vscode.Disposable[] = [];
  private echoGuardUntil = new Map<string, number>();
  readonly locale: Locale = toLocale(vscode.env.language);
  private readonly host: PreviewHost;
  /** set by export.ts: the preview's own "Export…" button runs the export command */
  exportHandler: ((p: CjmPreview) => void) | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.host = {
      locale: this.locale,
      labelLocale: (language) => labelLocale(language, this.locale),
      showCurrentState: (uri) => vscode.workspace.getConfiguration(undefined, uri).get<boolean>(SHOW_CURRENT_STATE) === true,
      messageLocale,
      onDidRevealInEditor: (uri) => this.echoGuardUntil.set(uri.toString(), Date.now() + ECHO_GUARD_MS),
      onDidDispose: (p) => this.previews.delete(p),
      onDidRequestToggleLock: (p) => this.toggleLock(p),
      onDidRequestExport: (p) => this.exportHandler?.(p),
      onDidScrollPreview: (p, version, offset) => this.scrollEditors(p, version, offset),
      titleFor: (title, locked) => `${locked ? TITLES[this.locale].locked : TITLES[this.locale].preview}: ${title}`,
    };
    const highlight = throttle(SELECTION_THROTTLE_MS, (e: vscode.TextEditorSelectionChangeEvent) => {
      const doc = e.textEditor.document;
      const offset = doc.offsetAt(e.selections[0].active);
      for (const p of this.previewsOf(doc.uri)) p.highlight(offset, doc.version);
    });
    const scrolled = throttle(SCROLL_THROTTLE_MS, (e: vscode.TextEditorVisibleRangesChangeEvent) => {
      const doc = e.textEditor.document;
      if ((this.echoGuardUntil.get(doc.uri.toString()) ?? 0) > Date.now()) return;
      if (!enabled(SCROLL_PREVIEW_WITH_EDITOR, doc.uri)) return;
      const first = e.visibleRanges[0]?.start;
      const last = e.visibleRanges[e.visibleRanges.length - 1]?.end;
      if (!first || !last) return;
      // The line in the middle of the editor, where the reader looks; once the editor shows the
      // end of the file, the last line, since the last stage can never scroll up to the middle.
      let line = last.line >= doc.lineCount - 2 ? last.line : Math.floor((first.line + last.line) / 2);
      while (line > first.line && doc.lineAt(line).isEmptyOrWhitespace) line--;
      const offset = doc.offsetAt(new vscode.Position(line, doc.lineAt(line).firstNonWhitespaceCharacterIndex));
      for (const p of this.previewsOf(doc.uri)) p.post({ type: 'revealOffset', version: doc.version, offset });
    });
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        for (const p of this.previewsOf(e.document.uri)) p.refresh();
        // A future-state map's overlay changes with its baseline (and the libraries they use).
        for (const p of this.previews) if (p.dependsOn(e.document.uri)) p.dependencyChanged(e.document.uri);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isMapDocument(editor.document)) this.follow(editor.document.uri);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (isMapDocument(e.textEditor.document) && this.previewsOf(e.textEditor.document.uri).length) highlight(e);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (isMapDocument(e.textEditor.document) && this.previewsOf(e.textEditor.document.uri).length) scrolled(e);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(PREVIEW_LANGUAGE) || e.affectsConfiguration(LOCALE_SETTING) || e.affectsConfiguration(SHOW_CURRENT_STATE)) for (const p of this.previews) p.refreshNow();
      }),
      ...this.watchDependencies(),
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => this.restore(panel, state),
      }),
    );
  }

  /**
   * Baselines and libraries changed on disk (a checkout, another tool, a save from elsewhere):
   * previews drawn over them re-render. Edits in open editors arrive as document changes.
   */
  private watchDependencies(): vscode.Disposable[] {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.cjm');
    const changed = (uri: vscode.Uri) => {
      for (const p of this.previews) if (p.dependsOn(uri)) p.dependencyChanged(uri);
    };
    return [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
  }

  /** The preview was scrolled: editors showing its map scroll what is at its left edge to their top. */
  private scrollEditors(p: CjmPreview, version: number, offset: number): void {
    const doc = p.document();
    if (!doc || doc.version !== version || !enabled(SCROLL_EDITOR_WITH_PREVIEW, doc.uri)) return;
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document === doc);
    if (!editors.length) return;
    // The editor's scroll must not come back as a request to scroll the preview.
    this.echoGuardUntil.set(doc.uri.toString(), Date.now() + ECHO_GUARD_MS);
    const at = doc.positionAt(offset);
    const line = new vscode.Range(at.line, 0, at.line, 0);
    for (const e of editors) e.revealRange(line, vscode.TextEditorRevealType.AtTop);
  }

  /** "Show Source": the preview's map in an editor, the one already showing it if any. */
  async showSource(p: CjmPreview | undefined = this.active()): Promise<vscode.TextEditor | undefined> {
    if (!p) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a .cjm journey map first.'));
      return undefined;
    }
    const doc = p.document() ?? (await vscode.workspace.openTextDocument(p.resource));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    return vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? p.panel.viewColumn ?? vscode.ViewColumn.Active, preview: false });
  }

  private previewsOf(uri: vscode.Uri): CjmPreview[] {
    const key = uri.toString();
    return [...this.previews].filter((p) => p.resource.toString() === key);
  }

  /** Unlocked previews show whichever map the user is editing, unless that map already has a preview. */
  private follow(uri: vscode.Uri): void {
    if (this.previewsOf(uri).length) return;
    for (const p of this.previews) {
      if (!p.locked) {
        p.setResource(uri);
        return;
      }
    }
  }

  get all(): readonly CjmPreview[] {
    return [...this.previews];
  }

  /** The preview the user is looking at, else the one of the active editor, else any. */
  active(): CjmPreview | undefined {
    const list = [...this.previews];
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    return list.find((p) => p.panel.active) ?? list.find((p) => p.resource.toString() === uri) ?? list[0];
  }

  private create(uri: vscode.Uri, column: vscode.ViewColumn, locked: boolean, preserveFocus: boolean): CjmPreview {
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, this.host.titleFor(uri.path.split('/').pop() ?? 'cjm', locked), { viewColumn: column, preserveFocus }, {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: localRoots(this.extensionUri),
    });
    return this.attach(panel, uri, locked);
  }

  private attach(panel: vscode.WebviewPanel, uri: vscode.Uri, locked: boolean): CjmPreview {
    panel.webview.options = { enableScripts: true, localResourceRoots: localRoots(this.extensionUri) };
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'preview-icon.svg');
    const preview = new CjmPreview(panel, uri, locked, this.host);
    panel.webview.html = shellHtml(panel.webview, this.extensionUri, this.locale, preview.state());
    this.previews.add(preview);
    return preview;
  }

  private async restore(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = validState(raw);
    if (!state) {
      panel.dispose();
      return;
    }
    const uri = vscode.Uri.parse(state.uri, true);
    try {
      await vscode.workspace.openTextDocument(uri);
    } catch {
      // An untitled map or a file that is gone: nothing left to show.
      panel.dispose();
      return;
    }
    const preview = this.attach(panel, uri, state.locked);
    // The shell takes the saved view state (zoom, scroll) from the webview's own saved state.
    preview.refresh();
  }

  /** "Open Preview" (same column) or "Open Preview to the Side". One preview per map. */
  async open(uri: vscode.Uri | undefined, side: boolean): Promise<CjmPreview | undefined> {
    const target = uri ?? this.currentMapUri();
    if (!target) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a .cjm journey map first.'));
      return undefined;
    }
    const existing = this.previewsOf(target)[0];
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, side);
      return existing;
    }
    const activeColumn = vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    const column = side ? vscode.ViewColumn.Beside : activeColumn;
    const preview = this.create(target, column, false, side);
    return preview;
  }

  private currentMapUri(): vscode.Uri | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && isMapDocument(doc)) return doc.uri;
    return this.active()?.resource;
  }

  toggleLock(p: CjmPreview | undefined = this.active()): void {
    if (!p) return;
    p.setLocked(!p.locked);
    // Unlocking makes it follow the active map right away.
    const doc = vscode.window.activeTextEditor?.document;
    if (!p.locked && doc && isMapDocument(doc) && !this.previewsOf(doc.uri).some((x) => x !== p)) p.setResource(doc.uri);
  }

  async inspect(): Promise<DomSnapshot | undefined> {
    const p = this.active();
    return p ? p.inspect() : undefined;
  }

  dispose(): void {
    for (const p of [...this.previews]) p.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
