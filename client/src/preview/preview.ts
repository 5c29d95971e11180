/**
 * One preview: a webview panel showing one map (its `resource`), either following the active
 * editor or locked to its map. It renders with the shared renderer on every change
 * (debounced), keeps the last good map while the text cannot be read, and answers the
 * webview's requests (reveal a source range, open a link).
 */
import { WebviewRequests } from '../webview/requests';
import * as vscode from 'vscode';
import { Analysis, Diagnostic, IncrementalAnalyzer, JourneyMap, Locale, diagnosticMessage, mapLanguage, toMermaidJourney } from '@cjm/core';
import { renderInsightsHtml, renderMapHtml } from '@cjm/render';
import { MapParts, diffParts, splitParts } from './parts';
import { BannerError, DomSnapshot, FromWebview, PreviewState, RenderMessage, ToWebview, isSafeLink } from './protocol';

/** Diagnostics after which the model is not the user's map (parse failed or was cut short). */
const UNREADABLE = new Set(['yaml-syntax', 'too-deep', 'too-large', 'alias-limit', 'internal-error']);
const DEBOUNCE_MS = 120;

export interface PreviewHost {
  /** VS Code's display language: the webview's chrome */
  readonly locale: Locale;
  /** the language the map's labels are drawn in (the `cjm.preview.language` setting decides whose) */
  readonly labelLocale: (map: JourneyMap, text: string) => Locale;
  /** the language of cjm's messages (`cjm.locale`), as the language server shows them */
  readonly messageLocale: () => Locale;
  readonly onDidRevealInEditor: (uri: vscode.Uri) => void;
  readonly onDidDispose: (p: CjmPreview) => void;
  readonly onDidRequestToggleLock: (p: CjmPreview) => void;
  readonly onDidRequestExport: (p: CjmPreview) => void;
  /** the user scrolled the preview: `offset` is what now is at its left edge */
  readonly onDidScrollPreview: (p: CjmPreview, version: number, offset: number) => void;
  readonly titleFor: (title: string, locked: boolean) => string;
}

export function isMapDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'cjm' || /\.cjm$/i.test(doc.uri.path);
}

export class CjmPreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastGood: { html: string; mermaid: string; insights: string; title: string; locale: Locale } | undefined;
  private renderedVersion = -1;
  /** what the webview shows, as parts: the next render sends only what differs */
  private sent: { seq: number; parts: MapParts } | undefined;
  private contentSeq = 0;
  private readyResolve!: () => void;
  readonly ready = new Promise<void>((r) => (this.readyResolve = r));
  private readonly requests = new WebviewRequests<ToWebview>('the preview', this.ready, (m) => this.post(m));
  private disposed = false;
  /** re-parses only the stages an edit touched */
  private analyzer = new IncrementalAnalyzer();
  /** the analysis the last render came from: tests and exports reuse it */
  lastAnalysis: Analysis | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private resourceUri: vscode.Uri,
    private isLocked: boolean,
    private readonly host: PreviewHost,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get resource(): vscode.Uri {
    return this.resourceUri;
  }

  get locked(): boolean {
    return this.isLocked;
  }

  get version(): number {
    return this.renderedVersion;
  }

  state(): PreviewState {
    return { uri: this.resourceUri.toString(), locked: this.isLocked, zoom: 1, fit: false, view: 'map', scrollX: 0, scrollY: 0 };
  }

  setLocked(locked: boolean): void {
    this.isLocked = locked;
    this.refreshNow();
  }

  /** Shows another map in this preview (a following preview when the active editor changes). */
  setResource(uri: vscode.Uri): void {
    if (uri.toString() === this.resourceUri.toString()) return;
    this.resourceUri = uri;
    this.lastGood = undefined;
    this.sent = undefined;
    this.analyzer = new IncrementalAnalyzer();
    this.renderedVersion = -1;
    this.refreshNow();
  }

  document(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.resourceUri.toString());
  }

  /** Debounced: typing fast renders once per pause. */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refreshNow(), DEBOUNCE_MS);
  }

  refreshNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed) return;
    const doc = this.document();
    if (doc) this.render(doc);
    else void vscode.workspace.openTextDocument(this.resourceUri).then((d) => this.render(d), () => undefined);
  }

  private render(doc: vscode.TextDocument): void {
    if (this.disposed) return;
    const text = doc.getText();
    const a = this.analyzer.analyze(text);
    this.lastAnalysis = a;
    const unreadable = a.diagnostics.some((d) => UNREADABLE.has(d.code));
    let html: string;
    let mermaid: string;
    let insights: string;
    let title = a.map.title?.value.trim() || doc.uri.path.split('/').pop() || 'cjm';
    let locale: Locale;
    if (unreadable && this.lastGood) {
      ({ html, mermaid, insights, title, locale } = this.lastGood);
    } else {
      locale = this.host.labelLocale(a.map, text);
      const language = mapLanguage(a.map, text);
      html = renderMapHtml(a.map, { locale, language });
      mermaid = toMermaidJourney(a.map, { locale: language });
      insights = renderInsightsHtml(a.map, { locale, language });
      if (!unreadable) this.lastGood = { html, mermaid, insights, title, locale };
    }
    this.panel.title = this.host.titleFor(title, this.isLocked);
    const words = this.host.messageLocale();
    const errors = a.diagnostics.filter((d) => d.severity === 'error').slice(0, 50).map((d: Diagnostic): BannerError => {
      const p = a.lines.positionAt(d.span.start);
      return { line: p.line, character: p.character, offset: d.span.start, message: diagnosticMessage(d, words), code: d.code };
    });
    this.renderedVersion = doc.version;
    const parts = splitParts(html);
    const patch = this.sent && diffParts(this.sent.parts, parts, this.sent.seq);
    const seq = ++this.contentSeq;
    this.sent = { seq, parts };
    const msg: RenderMessage = {
      type: 'render', version: doc.version, uri: this.resourceUri.toString(), title, locale, mermaid, insights, errors,
      stale: unreadable && html === this.lastGood?.html, locked: this.isLocked, contentSeq: seq,
      ...(patch ? { parts: patch } : { html }),
    };
    this.post(msg);
  }

  post(m: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(m);
  }

  highlight(offset: number | undefined, version: number): void {
    this.post({ type: 'highlight', version, offset });
  }

  /** Request/response over the channel: inspect, click, rasterize. */
  request<T>(make: (requestId: number) => ToWebview): Promise<T> {
    return this.requests.request<T>(make);
  }

  inspect(): Promise<DomSnapshot> {
    return this.request<DomSnapshot>((requestId) => ({ type: 'inspect', requestId }));
  }

  private settle(id: number, value: unknown, error?: string): void {
    this.requests.settle(id, value, error);
  }

  private onMessage(m: FromWebview): void {
    switch (m.type) {
      case 'ready':
        // A (re)loaded webview has no map yet: the next render sends all of it.
        this.sent = undefined;
        this.readyResolve();
        this.refreshNow();
        return;
      case 'resync':
        this.sent = undefined;
        this.refreshNow();
        return;
      case 'reveal':
        void this.reveal(m.version, m.start, m.end, m.select === true);
        return;
      case 'openLink':
        if (isSafeLink(m.href)) void vscode.env.openExternal(vscode.Uri.parse(m.href, true));
        return;
      case 'rasterized':
        this.settle(m.requestId, m.dataUrl, m.error ?? (m.dataUrl ? undefined : 'no image'));
        return;
      case 'inspected':
        this.settle(m.requestId, m.snapshot);
        return;
      case 'clicked':
        this.settle(m.requestId, m.found);
        return;
      case 'toggleLock':
        this.host.onDidRequestToggleLock(this);
        return;
      case 'export':
        this.host.onDidRequestExport(this);
        return;
      case 'scrolled':
        this.host.onDidScrollPreview(this, m.version, m.offset);
        return;
      case 'ack':
        this.settle(m.requestId, true);
        return;
    }
  }

  /**
   * Puts the cursor at the clicked element's source in an editor (opening one beside the
   * preview if needed); `select` (a double-click) selects all of it.
   */
  private async reveal(version: number, start: number, end: number, select: boolean): Promise<void> {
    const doc = this.document() ?? (await vscode.workspace.openTextDocument(this.resourceUri));
    // Offsets are only meaningful for the text they were computed from.
    if (version !== doc.version) return;
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    this.host.onDidRevealInEditor(doc.uri);
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One),
      preserveFocus: false,
      preview: false,
    });
    // Never a selection on a plain click: the next keystroke would replace the user's text.
    editor.selection = select ? new vscode.Selection(range.start, range.end) : new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.requests.dispose();
    this.host.onDidDispose(this);
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
