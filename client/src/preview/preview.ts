/**
 * One preview: a webview panel showing one map (its `resource`), either following the active
 * editor or locked to its map. It renders with the shared renderer on every change
 * (debounced), keeps the last good map while the text cannot be read, and answers the
 * webview's requests (reveal a source range, open a link).
 */
import { WebviewRequests } from '../webview/requests';
import * as vscode from 'vscode';
import { Analysis, Diagnostic, IncrementalAnalyzer, JourneyMap, Locale, analyze, diagnosticMessage, mapWithLibraryPersonas, toMermaidJourney } from '@cjm/core';
import { COLUMN_WIDTH, LABEL_WIDTH, currentStateToggleLabel, renderInsightsHtml } from '@cjm/render';
import { BaselineFiles, hasBaseline } from './baseline';
import { firstStagesText } from './prefix';
import { PreviewRenderer, RenderedMap } from './renderer';
import { BannerError, BaselineState, DomSnapshot, FromWebview, PreviewState, PreviewView, RenderMessage, ToWebview, Viewport, columnsInView, isSafeLink } from './protocol';

/** Diagnostics after which the model is not the user's map (parse failed or was cut short). */
const UNREADABLE = new Set(['yaml-syntax', 'too-deep', 'too-large', 'alias-limit', 'internal-error']);
const DEBOUNCE_MS = 120;
/** From this size on a map's whole analysis (~0.6 ms per 1,000 characters warm, 2–4 cold) delays its first screenful: its first stages go first. */
const EARLY_MIN_CHARS = 40_000;

export interface PreviewHost {
  /** VS Code's display language: the webview's chrome */
  readonly locale: Locale;
  /** the language the map's labels are drawn in, given the map's own (the `cjm.preview.language` setting decides whose) */
  readonly labelLocale: (language: Locale) => Locale;
  /** `cjm.preview.showCurrentState`: whether a future-state map opens drawn over its current state */
  readonly showCurrentState: (uri: vscode.Uri) => boolean;
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
  private lastGood: { rendered: RenderedMap; map: JourneyMap; baseline?: BaselineState; title: string } | undefined;
  private renderedVersion = -1;
  /** draws only the stages an edit touched, and knows what the webview shows */
  private renderer = new PreviewRenderer();
  /** the view the webview shows: Mermaid text and insights are made only for their views */
  private view: PreviewView = 'map';
  /** the user's "Show current state" for this map; undefined: the setting decides */
  private showCurrentState: boolean | undefined;
  /** the files the current-state overlay was read from (the baseline, libraries) */
  private baseline: BaselineFiles;
  private baselineFiles: ReadonlySet<string> = new Set();
  /** renders are async while the baseline is read: only the latest one posts */
  private renderSeq = 0;
  private readyResolve!: () => void;
  readonly ready = new Promise<void>((r) => (this.readyResolve = r));
  private readonly requests = new WebviewRequests<ToWebview>('the preview', this.ready, (m) => this.post(m));
  private disposed = false;
  /** re-parses only the stages an edit touched */
  private analyzer = new IncrementalAnalyzer();
  /** the analysis the last render came from: tests and exports reuse it */
  lastAnalysis: Analysis | undefined;
  /** the last text analysed and its analysis (before libraries are linked): a render of the same text reuses it */
  private analysed: { text: string; analysis: Analysis } | undefined;
  /** the webview's size and restored scroll (its `ready`): a big map's first message holds the stages in view */
  private viewport: Viewport | undefined;
  /** a big map's first stages analysed on their own, for the first message (see `early`) */
  private firstStages: { text: string; cut: string; analysis: Analysis } | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private resourceUri: vscode.Uri,
    private isLocked: boolean,
    private readonly host: PreviewHost,
  ) {
    this.baseline = new BaselineFiles(resourceUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
    // A big map's first stages are analysed while the webview loads, so its first message
    // goes out as soon as the webview says it is ready.
    setTimeout(() => {
      const doc = this.disposed ? undefined : this.document();
      const text = doc?.getText();
      if (text && text.length >= EARLY_MIN_CHARS) this.analyseFirstStages(text);
    }, 0);
  }

  /**
   * The text's first stages, cut out and analysed on their own (prefix.ts), when the map has
   * more than fill the webview's first screen; undefined for smaller maps and texts not cut.
   */
  private analyseFirstStages(text: string): { cut: string; analysis: Analysis } | undefined {
    if (this.firstStages?.text === text) return this.firstStages;
    // A stage has at least one column: this many stages fill the columns in view.
    const cut = firstStagesText(text, columnsInView(this.viewport, COLUMN_WIDTH, LABEL_WIDTH));
    if (cut === undefined) return undefined;
    this.firstStages = { text, cut, analysis: analyze(cut) };
    return this.firstStages;
  }

  /**
   * The first message of a big map, drawn from its first stages while the whole map is still to
   * be analysed (0.3 s warm, 1–2 s on a session's first open): the first screenful shows at
   * once; the whole map's message (the banner's diagnostics, the grid's real width, the stages
   * streamed after it) replaces it a moment later. Not for maps whose drawing depends on other
   * files (`use:`, `baseline:`) or on views other than the map, nor for unreadable text.
   */
  private early(doc: vscode.TextDocument, text: string): boolean {
    if (this.renderer.hasSent || this.analysed?.text === text || this.view !== 'map' || text.length < EARLY_MIN_CHARS) return false;
    const first = this.analyseFirstStages(text);
    if (!first) return false;
    const { map, diagnostics } = first.analysis;
    if (map.use?.length || hasBaseline(map) || diagnostics.some((d) => UNREADABLE.has(d.code))) return false;
    const language = this.renderer.language(map, first.cut);
    const rendered = this.renderer.render(map, first.cut, { locale: this.host.labelLocale(language), language });
    const { seq, html } = this.renderer.patch(rendered, { columns: columnsInView(this.viewport, COLUMN_WIDTH, LABEL_WIDTH), partial: true });
    const title = map.title?.value.trim() || doc.uri.path.split('/').pop() || 'cjm';
    this.panel.title = this.host.titleFor(title, this.isLocked);
    this.post({ type: 'render', version: doc.version, uri: this.resourceUri.toString(), title, locale: rendered.locale, errors: [], stale: false, locked: this.isLocked, contentSeq: seq, html: html ?? rendered.html, early: true });
    return true;
  }

  private analyse(text: string): Analysis {
    if (this.analysed?.text !== text) this.analysed = { text, analysis: this.analyzer.analyze(text) };
    return this.analysed.analysis;
  }

  /** Whether a change to `uri` changes what this preview shows besides its own map (its baseline, their libraries). */
  dependsOn(uri: vscode.Uri): boolean {
    return this.baselineFiles.has(uri.toString()) || this.baseline.has(uri);
  }

  /** A file the overlay was read from changed (in an editor or on disk): read it again and re-render. */
  dependencyChanged(uri: vscode.Uri): void {
    this.baseline.forget(uri);
    this.refresh();
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
    this.renderer = new PreviewRenderer();
    this.analyzer = new IncrementalAnalyzer();
    this.analysed = undefined;
    this.firstStages = undefined;
    this.baseline = new BaselineFiles(uri);
    this.baselineFiles = new Set();
    this.showCurrentState = undefined;
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
    const seq = ++this.renderSeq;
    // Read together: the overlay is sent after an await, when the live document may be newer.
    const text = doc.getText();
    const version = doc.version;
    if (this.early(doc, text)) {
      // The whole map once the first screenful is on its way (unless a newer render took over).
      setTimeout(() => {
        if (seq === this.renderSeq && !this.disposed) this.render(doc);
      }, 0);
      return;
    }
    this.firstStages = undefined;
    let a: Analysis = this.analyse(text);
    if (a.map.use?.length) {
      // Personas, channels and teams may come from libraries: linked, the banner shows only real errors.
      const linked = this.baseline.linked(a, () => this.refreshNow());
      if (!linked) return;
      a = linked;
    }
    this.lastAnalysis = a;
    // Drawn with the personas it takes from its libraries (cards, curves, legend), named as the
    // library names them; a library card's clicks lead to where the map names the persona.
    const drawn = mapWithLibraryPersonas(a, { atReference: true });
    const unreadable = a.diagnostics.some((d) => UNREADABLE.has(d.code));
    const words = this.host.messageLocale();
    let shown: { rendered: RenderedMap; map: JourneyMap; baseline?: BaselineState; title: string };
    if (unreadable && this.lastGood) shown = this.lastGood;
    else {
      const language = this.renderer.language(a.map, text);
      const locale = this.host.labelLocale(language);
      const title = a.map.title?.value.trim() || doc.uri.path.split('/').pop() || 'cjm';
      if (hasBaseline(a.map)) {
        const want = this.showCurrentState ?? this.host.showCurrentState(this.resourceUri);
        const label = currentStateToggleLabel(locale);
        if (want) {
          // The baseline is read asynchronously: a newer render may overtake this one.
          void this.baseline.render(text, locale, words).then((o) => {
            if (seq !== this.renderSeq || this.disposed) return;
            this.baselineFiles = o.files;
            const rendered = o.html !== undefined ? RenderedMap.fromHtml(o.html, language, locale) : this.renderer.render(drawn, text, { locale, language });
            const next = { rendered, map: drawn, title, baseline: { label, on: true, shown: o.html !== undefined, ...(o.problem ? { problem: o.problem } : {}) } };
            if (!unreadable) this.lastGood = next;
            this.send(version, a, next, unreadable, words);
          }, () => undefined);
          return;
        }
        shown = { rendered: this.renderer.render(drawn, text, { locale, language }), map: drawn, title, baseline: { label, on: false, shown: false } };
      } else {
        shown = { rendered: this.renderer.render(drawn, text, { locale, language }), map: drawn, title };
      }
      if (!unreadable) this.lastGood = shown;
    }
    this.send(version, a, shown, unreadable, words);
  }

  private send(version: number, a: Analysis, shown: { rendered: RenderedMap; map: JourneyMap; baseline?: BaselineState; title: string }, unreadable: boolean, words: Locale): void {
    const { rendered, map, title } = shown;
    this.panel.title = this.host.titleFor(title, this.isLocked);
    const errors = a.diagnostics.filter((d) => d.severity === 'error').slice(0, 50).map((d: Diagnostic): BannerError => {
      const p = a.lines.positionAt(d.span.start);
      return { line: p.line, character: p.character, offset: d.span.start, message: diagnosticMessage(d, words), code: d.code };
    });
    this.renderedVersion = version;
    // A big map opens with the stages in view; the webview asks for the rest (`more`).
    const { seq, patch, html, stages } = this.renderer.patch(rendered, { columns: columnsInView(this.viewport, COLUMN_WIDTH, LABEL_WIDTH) });
    const msg: RenderMessage = {
      type: 'render', version, uri: this.resourceUri.toString(), title, locale: rendered.locale, errors,
      ...(this.view === 'mermaid' ? { mermaid: toMermaidJourney(map, { locale: rendered.language }) } : {}),
      ...(this.view === 'insights' ? { insights: renderInsightsHtml(map, { locale: rendered.locale, language: rendered.language }) } : {}),
      stale: unreadable && rendered === this.lastGood?.rendered, locked: this.isLocked, contentSeq: seq,
      ...(shown.baseline ? { baseline: shown.baseline } : {}),
      ...(patch ? { parts: patch } : { html: html ?? rendered.html }),
      ...(stages ? { stages } : {}),
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
        this.renderer.forgetSent();
        this.viewport = m.viewport;
        if (m.view) this.view = m.view;
        if (typeof m.showCurrentState === 'boolean') this.showCurrentState = m.showCurrentState;
        this.readyResolve();
        this.refreshNow();
        return;
      case 'more': {
        // Drawn now, from the map last sent: an edit since has been sent for the stages shown, and the rest follows it.
        const b = this.renderer.more(m.contentSeq);
        if (b) this.post({ type: 'append', version: this.renderedVersion, uri: this.resourceUri.toString(), base: b.base, contentSeq: b.seq, from: b.from, to: b.to, total: b.total, count: b.count, slots: b.slots });
        return;
      }
      case 'resync':
        this.renderer.forgetSent();
        this.refreshNow();
        return;
      case 'view':
        if (m.view === this.view) return;
        this.view = m.view;
        // The Mermaid text and the insights are made only for their views: send them now.
        if (m.view !== 'map') this.refreshNow();
        return;
      case 'showCurrentState':
        // A click on an older render: the webview asks again once it sees the newer one.
        if (m.version !== this.renderedVersion) return;
        this.showCurrentState = m.show;
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
