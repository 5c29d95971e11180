/**
 * One visual diff: a webview panel showing two versions of a map (any URI schemes, read through
 * workspace.openTextDocument) as one grid with the changes marked. It re-renders when either
 * document changes (debounced), numbers every render, and answers the webview's requests to
 * show a change or a clicked element in its source, on the side it belongs to.
 */
import { WebviewRequests } from '../webview/requests';
import { labelLocale } from '../messageLocale';
import * as vscode from 'vscode';
import { Analysis, Change, DiffLocation, IncrementalAnalyzer, Locale, MapDiff, analyze, diffMaps, mapLanguage } from '@cjm/core';
import { renderDiffHtml } from '@cjm/render';
import type { DiffSide, DiffSnapshot, DiffState, FromDiffWebview, ToDiffWebview } from './protocol';

const DEBOUNCE_MS = 150;

/** One side of the comparison. `text` stands in when the document cannot be opened (e.g. `git show`). */
export interface DiffSource {
  readonly uri: vscode.Uri;
  readonly label: string;
  readonly text?: string;
}

interface Rendered {
  readonly version: number;
  readonly docs: Record<DiffSide, vscode.TextDocument | undefined>;
  readonly versions: Record<DiffSide, number>;
  readonly diff: MapDiff;
}

export class DiffPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private rendered: Rendered | undefined;
  private readyResolve!: () => void;
  private readonly ready = new Promise<void>((r) => (this.readyResolve = r));
  private readonly requests = new WebviewRequests<ToDiffWebview>('the diff view', this.ready, (m) => this.post(m));
  private readonly analyzer = new IncrementalAnalyzer();
  private disposed = false;
  /** the last diff rendered, for tests and the commands */
  lastDiff: MapDiff | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly before: DiffSource,
    readonly after: DiffSource,
    private readonly locale: Locale,
    private readonly onDispose: (p: DiffPanel) => void,
  ) {
    const watched = new Set([before.uri.toString(), after.uri.toString()]);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: FromDiffWebview) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (watched.has(e.document.uri.toString())) this.refresh();
      }),
    );
  }

  state(mode: DiffState['mode'] = 'changes'): DiffState {
    return { before: this.before.uri.toString(), after: this.after.uri.toString(), beforeLabel: this.before.label, afterLabel: this.after.label, mode, current: -1 };
  }

  is(before: vscode.Uri, after: vscode.Uri): boolean {
    return this.before.uri.toString() === before.toString() && this.after.uri.toString() === after.toString();
  }

  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.renderNow(), DEBOUNCE_MS);
  }

  private async open(source: DiffSource): Promise<vscode.TextDocument | undefined> {
    try {
      return await vscode.workspace.openTextDocument(source.uri);
    } catch {
      return undefined;
    }
  }

  async renderNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed) return;
    const version = ++this.seq;
    const [bDoc, aDoc] = await Promise.all([this.open(this.before), this.open(this.after)]);
    // A newer render started while the documents were being read: let it win.
    if (this.disposed || version !== this.seq) return;
    const textOf = (doc: vscode.TextDocument | undefined, s: DiffSource) => doc?.getText() ?? s.text;
    const bText = textOf(bDoc, this.before);
    const aText = textOf(aDoc, this.after);
    // An empty old side is a file that did not exist at that revision (git: documents read as '').
    const b: Analysis | null = bText === undefined || !bText.trim() ? null : analyze(bText);
    const a: Analysis | null = aText === undefined ? null : this.analyzer.analyze(aText);
    const diff = diffMaps(b, a);
    this.lastDiff = diff;
    // Labelled as the preview labels the map: in its own language unless the settings say the editor's.
    const shown = a ?? b;
    const html = renderDiffHtml(b, a, diff, shown ? labelLocale(mapLanguage(shown.map, shown.text), this.locale) : this.locale);
    const title = a?.map.title?.value.trim() || b?.map.title?.value.trim() || this.after.uri.path.split('/').pop() || 'cjm';
    this.rendered = { version, docs: { before: bDoc, after: aDoc }, versions: { before: bDoc?.version ?? -1, after: aDoc?.version ?? -1 }, diff };
    this.post({
      type: 'render', version, beforeVersion: bDoc?.version ?? -1, afterVersion: aDoc?.version ?? -1, title, html,
      changes: diff.changes.length, beforeLabel: this.before.label, afterLabel: this.after.label,
    });
  }

  post(m: ToDiffWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(m);
  }

  request<T>(make: (requestId: number) => ToDiffWebview): Promise<T> {
    return this.requests.request<T>(make);
  }

  inspect(): Promise<DiffSnapshot> {
    return this.request<DiffSnapshot>((requestId) => ({ type: 'inspect', requestId }));
  }

  private settle(id: number, value: unknown, error?: string): void {
    this.requests.settle(id, value, error);
  }

  private onMessage(m: FromDiffWebview): void {
    switch (m.type) {
      case 'ready':
        this.readyResolve();
        void this.renderNow();
        return;
      case 'revealChange': {
        const r = this.current(m.version);
        const change = r?.diff.changes[m.index];
        if (r && change) void this.revealChange(r, change);
        return;
      }
      case 'revealSpan': {
        const r = this.current(m.version);
        if (r) void this.reveal(r, m.side, m.start, m.end);
        return;
      }
      case 'inspected':
        this.settle(m.requestId, m.snapshot);
        return;
      case 'clicked':
        this.settle(m.requestId, m.found);
        return;
    }
  }

  /** The render a message is about, if it is still what the panel shows and its documents have not moved on. */
  private current(version: number): Rendered | undefined {
    const r = this.rendered;
    if (!r || r.version !== version) return undefined;
    for (const side of ['before', 'after'] as const) {
      const doc = r.docs[side];
      if (doc && doc.version !== r.versions[side]) return undefined;
    }
    return r;
  }

  private revealChange(r: Rendered, c: Change): Promise<void> {
    const own = (at: DiffLocation | undefined) => at && !at.parent;
    const pick: Array<[DiffSide, DiffLocation | undefined]> = [
      ['after', own(c.afterAt) ? c.afterAt : undefined],
      ['before', own(c.beforeAt) ? c.beforeAt : undefined],
      ['after', c.afterAt],
      ['before', c.beforeAt],
    ];
    for (const [side, at] of pick) if (at && r.docs[side]) return this.reveal(r, side, at.span.start, at.span.end);
    return Promise.resolve();
  }

  /** Selects the range in an editor of that side: a visible one (a diff editor's side counts), else a new one beside the panel. */
  private async reveal(r: Rendered, side: DiffSide, start: number, end: number): Promise<void> {
    const doc = r.docs[side];
    if (!doc) return;
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    let editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    if (!editor) {
      const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
      editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: true, preview: true });
    }
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.requests.dispose();
    this.onDispose(this);
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
