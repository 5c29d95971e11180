/**
 * The one typed channel between the extension (client/src/preview) and the webview script
 * (media/src/preview). Both sides import this file; nothing else crosses the boundary.
 *
 * Every message about the document carries the document `version` it was computed from, so a
 * side that already saw a newer version drops it (renders that arrive out of order, clicks on
 * offsets of a text that has changed since).
 */

export const VIEW_TYPE = 'cjm.preview';

export type PreviewView = 'map' | 'mermaid' | 'insights';

export interface BannerError {
  /** zero-based line, for the link */
  readonly line: number;
  readonly character: number;
  readonly offset: number;
  readonly message: string;
  readonly code: string;
}

/** What the webview keeps with vscode.setState, and what the serializer restores from. */
export interface PreviewState {
  readonly uri: string;
  readonly locked: boolean;
  readonly zoom: number;
  readonly fit: boolean;
  readonly view: PreviewView;
  readonly scrollX: number;
  readonly scrollY: number;
  /** the persona whose curve alone is shown (its id); absent: every persona's curve */
  readonly personaFilter?: string;
  /**
   * A future-state map is drawn over its current state (`baseline:`): the toolbar's "Show
   * current state". Absent: as the `cjm.preview.showCurrentState` setting says.
   */
  readonly showCurrentState?: boolean;
}

export const ZOOM_MIN = 0.25;
export const ZOOM_MAX = 3;

/** Accepts only a well-formed state: restored state comes from disk and may be from an old version. */
export function validState(s: unknown): PreviewState | undefined {
  if (!s || typeof s !== 'object') return undefined;
  const o = s as Record<string, unknown>;
  const num = (v: unknown, lo: number, hi: number, dflt: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(lo, Math.min(hi, v)) : dflt);
  if (typeof o.uri !== 'string' || !o.uri) return undefined;
  return {
    uri: o.uri,
    locked: o.locked === true,
    zoom: num(o.zoom, ZOOM_MIN, ZOOM_MAX, 1),
    fit: o.fit === true,
    view: o.view === 'mermaid' || o.view === 'insights' ? o.view : 'map',
    scrollX: num(o.scrollX, 0, 1e7, 0),
    scrollY: num(o.scrollY, 0, 1e7, 0),
    // An id as the map writes it; whether the map still has that persona is checked against the page.
    ...(typeof o.personaFilter === 'string' && o.personaFilter && o.personaFilter.length <= 200 && !/[\u0000-\u001f]/.test(o.personaFilter) ? { personaFilter: o.personaFilter } : {}),
    ...(typeof o.showCurrentState === 'boolean' ? { showCurrentState: o.showCurrentState } : {}),
  };
}

/** What a test (or a curious user) can learn about the rendered DOM through `cjm.preview.inspect`. */
export interface DomSnapshot {
  readonly version: number;
  readonly view: PreviewView;
  readonly zoom: number;
  readonly stages: string[];
  readonly steps: string[];
  readonly emotionMarkers: number;
  /** data-step-offset of the highlighted step, if any */
  readonly activeStepOffset?: number;
  readonly bannerErrors: string[];
  readonly stale: boolean;
  readonly mermaidRendered: boolean;
  readonly title: string;
  /** the page's horizontal scroll, CSS pixels */
  readonly scrollX: number;
  /** names of the stages whose header is at least partly visible right of the lane labels */
  readonly visibleStages: string[];
  /** the language the map's labels are drawn in (the map fragment's `lang`) */
  readonly mapLocale: string;
  /** the row labels of the grid, top to bottom (STAGES, STEPS, ACTIONS, …) */
  readonly laneLabels: string[];
  /** the page's vertical scroll, CSS pixels */
  readonly scrollY?: number;
  /** where the toolbar, the stage row and the step row are on screen (their top edges, CSS pixels from the viewport's top; left edge for the toolbar) */
  readonly chrome?: { readonly toolbarLeft: number; readonly toolbarTop: number; readonly stageRowTop: number; readonly stepRowTop: number; readonly toolbarBottom: number };
  /** the zoom level as the toolbar shows it ("100%") */
  readonly zoomLabel?: string;
  /** the persona curves drawn (their persona ids) and those the persona filter leaves visible */
  readonly personaCurves?: { readonly drawn: string[]; readonly visible: string[]; readonly legend: string[] };
  /** while a big map is still being streamed in: the stages shown, of how many (absent while the whole map is still being analysed); absent once complete */
  readonly streaming?: { readonly shown: number; readonly total?: number };
  /** the "Show current state" button (absent when the map names no baseline) and whether the overlay is drawn */
  readonly currentState?: { readonly button: boolean; readonly pressed: boolean; readonly disabled: boolean; readonly overlay: boolean; readonly changes: number; readonly label: string };
}

// Extension → webview ------------------------------------------------------------------

export interface RenderMessage {
  readonly type: 'render';
  readonly version: number;
  readonly uri: string;
  readonly title: string;
  /**
   * The language the map's labels (lane names, badges, headings) are drawn in, a BCP 47 tag: the
   * map's own, as in its exports, while the webview's chrome keeps VS Code's language. Set as
   * the map's `lang` for screen readers and hyphenation.
   */
  readonly locale: string;
  /** the whole map fragment from render, already escaped; absent when `parts` is given */
  readonly html?: string;
  /** only what changed since the content the webview already shows (client/src/preview/parts.ts) */
  readonly parts?: MapPatch;
  /** numbers this content: the next `parts` names it as its `base` */
  readonly contentSeq?: number;
  /**
   * The map as a Mermaid journey; sent only while the webview shows the Mermaid view (it says
   * which view it shows: `ready`, `view`), since it costs a pass over the whole map per edit.
   */
  readonly mermaid?: string;
  /** the insight panel's HTML (render/insights.ts); absent from senders that do not show one */
  readonly insights?: string;
  readonly errors: readonly BannerError[];
  /** true when the text could not be read and `html` is the last good map */
  readonly stale: boolean;
  readonly locked: boolean;
  /** present when the map names a current-state map (`baseline:`): the toolbar shows its toggle */
  readonly baseline?: BaselineState;
  /**
   * Present while the map is being streamed: the content has only the first `shown` of its
   * `total` stages (the grid's columns, the curve's line, header and footer are the whole
   * map's). Once it has painted them, the webview asks for more (`more`).
   */
  readonly stages?: StreamState;
  /**
   * Drawn from the map's first stages only, while the whole map is still being analysed: the
   * whole map's message follows by itself (nothing to ask for); until then an editor position
   * or a restored scroll position may be in stages still to come.
   */
  readonly early?: boolean;
}

export interface StreamState {
  readonly shown: number;
  readonly total: number;
}

/**
 * The next stages of a map being streamed: each slot's HTML is appended at the end of its row
 * of the grid (the stage, step, lane and stage-level rows; `markers` to the curve), which turns
 * the content numbered `base` into the content numbered `contentSeq`, with `count` parts.
 */
export interface AppendMessage {
  readonly type: 'append';
  /** the document version of the content this extends */
  readonly version: number;
  readonly uri: string;
  readonly base: number;
  readonly contentSeq: number;
  /** the stages appended: [from, to) of `total` */
  readonly from: number;
  readonly to: number;
  readonly total: number;
  readonly count: number;
  /** [slot, HTML]: `head`, `steps`, `markers`, `stageOpportunities`, `stageKpis` or `cells:<lane key>` */
  readonly slots: ReadonlyArray<readonly [string, string]>;
}

/** Whether a message from the other side is an `AppendMessage` a webview can apply (shape only). */
export function validAppend(m: unknown): m is AppendMessage {
  if (!m || typeof m !== 'object') return false;
  const o = m as Record<string, unknown>;
  const int = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  return o.type === 'append' && typeof o.uri === 'string' && int(o.version) && int(o.base) && int(o.contentSeq) && int(o.from) && int(o.to) && int(o.total) && int(o.count)
    && (o.from as number) < (o.to as number) && (o.to as number) <= (o.total as number)
    && Array.isArray(o.slots) && o.slots.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string');
}

export interface BaselineState {
  /** the toggle's text, in the language of the map's labels ("Show current state") */
  readonly label: string;
  /** the choice in effect: the user's for this map, else the `cjm.preview.showCurrentState` setting */
  readonly on: boolean;
  /** the current state is drawn under the map (the fragment is the overlay): on, and the baseline could be read */
  readonly shown: boolean;
  /** why it cannot be drawn (the baseline file is missing, refused…), in cjm's message language */
  readonly problem?: string;
}

/**
 * The parts of the map fragment, in document order: the elements this selector finds are the
 * ones client/src/preview/parts.ts cuts the HTML into. Everything else is glue.
 */
export const CHUNK_SELECTOR = 'header.cjm-header, footer.cjm-footer, table.cjm-grid th, table.cjm-grid td:not(.cjm-curve-cell), g.emotion-marker, path.cjm-curve-line';

/** An update of the map fragment relative to the content numbered `base`. */
export interface MapPatch {
  readonly base: number;
  /** how many parts the fragment has (the same before and after) */
  readonly count: number;
  /** parts to replace: [index, HTML] */
  readonly changed: ReadonlyArray<readonly [number, string]>;
  /** runs of parts whose source offsets all move by `by`: [first index, last index, by] */
  readonly shifts: ReadonlyArray<readonly [number, number, number]>;
}

export interface HighlightMessage {
  readonly type: 'highlight';
  readonly version: number;
  /** the cursor's offset, or undefined to clear */
  readonly offset?: number;
}

export interface RevealInPreviewMessage {
  readonly type: 'revealOffset';
  readonly version: number;
  /** an offset in the middle of the editor's visible lines (its last line at the end of the file): its stage is scrolled into view */
  readonly offset: number;
}

export interface CommandMessage {
  readonly type: 'command';
  readonly command: 'zoomIn' | 'zoomOut' | 'zoomReset' | 'fitWidth' | 'showMap' | 'showMermaid' | 'toggleMermaid' | 'showInsights';
}

export interface RasterizeMessage {
  readonly type: 'rasterize';
  readonly requestId: number;
  readonly svg: string;
  readonly scale: number;
}

export interface InspectMessage {
  readonly type: 'inspect';
  readonly requestId: number;
}

export interface ClickMessage {
  /** clicks an element as a user would: for tests of the preview → editor link */
  readonly type: 'click';
  readonly requestId: number;
  readonly selector: string;
  /** a double-click: the two clicks, then `dblclick`, as a browser sends them */
  readonly double?: boolean;
}

export interface ScrollToMessage {
  /** scrolls the page as a user would (so preview → editor sync follows): for tests; answered by `ack` */
  readonly type: 'scrollTo';
  readonly requestId: number;
  /** CSS pixels from the left and top of the page */
  readonly x: number;
  readonly y: number;
}

export type ToWebview = RenderMessage | AppendMessage | HighlightMessage | RevealInPreviewMessage | CommandMessage | RasterizeMessage | InspectMessage | ClickMessage | ScrollToMessage;

// Webview → extension ------------------------------------------------------------------

export interface ReadyMessage {
  readonly type: 'ready';
  /** what the restored webview shows: the extension sends Mermaid text only to the Mermaid view */
  readonly view?: PreviewView;
  /** the restored "Show current state" choice, if the user made one for this map */
  readonly showCurrentState?: boolean;
  /** what the page will show first, so a big map's first message holds just the stages in view */
  readonly viewport?: Viewport;
}

export interface Viewport {
  /** the page's width, CSS pixels */
  readonly width: number;
  /** where the page will be scrolled to (restored), CSS pixels */
  readonly scrollX: number;
  readonly zoom: number;
}

/**
 * How many step columns are in view (or left of it) for a viewport: what a streamed map's first
 * message must hold. Anything not a sane viewport gives a generous default.
 */
export function columnsInView(v: Viewport | undefined, columnWidth: number, labelWidth: number): number {
  const ok = (n: unknown, lo: number, hi: number) => typeof n === 'number' && Number.isFinite(n) && n >= lo && n <= hi;
  if (!v || !ok(v.width, 1, 1e5) || !ok(v.scrollX, 0, 1e7) || !ok(v.zoom, ZOOM_MIN, ZOOM_MAX)) return 16;
  const right = (v.scrollX + v.width) / v.zoom - labelWidth;
  // One more than fits: the column that is half in view.
  return Math.max(1, Math.ceil(right / columnWidth) + 1);
}

/** The webview painted the streamed content numbered `contentSeq`: the next stages, please. */
export interface MoreMessage {
  readonly type: 'more';
  readonly contentSeq: number;
}

/** The user switched views (map, Mermaid, insights). */
export interface ViewChangedMessage {
  readonly type: 'view';
  readonly view: PreviewView;
}

/** The user pressed "Show current state" on the render of `version`. */
export interface ShowCurrentStateMessage {
  readonly type: 'showCurrentState';
  readonly version: number;
  readonly show: boolean;
}

export interface RevealMessage {
  readonly type: 'reveal';
  readonly version: number;
  readonly start: number;
  readonly end: number;
  /**
   * Select start…end (a double-click). Otherwise the cursor goes to `start` with nothing
   * selected: a selection would be replaced by the next keystroke, losing the user's text.
   */
  readonly select?: boolean;
}

export interface OpenLinkMessage {
  readonly type: 'openLink';
  readonly href: string;
}

export interface RasterizedMessage {
  readonly type: 'rasterized';
  readonly requestId: number;
  /** a data:image/png;base64 URL, or undefined with `error` */
  readonly dataUrl?: string;
  readonly error?: string;
}

export interface InspectedMessage {
  readonly type: 'inspected';
  readonly requestId: number;
  readonly snapshot: DomSnapshot;
}

export interface ClickedMessage {
  readonly type: 'clicked';
  readonly requestId: number;
  readonly found: boolean;
}

/** The webview could not apply a patch (it does not have its base): send the whole map. */
export interface ResyncMessage {
  readonly type: 'resync';
}

export interface ToggleLockMessage {
  readonly type: 'toggleLock';
}

export interface ExportRequestMessage {
  readonly type: 'export';
}

/**
 * The user scrolled the preview: `offset` starts what is now at its left edge (the first step
 * right of the lane labels), or is 0 while the map's header is in view at the left. The editor
 * scrolls it to its top, unless `cjm.preview.scrollEditorWithPreview` is off.
 */
export interface PreviewScrolledMessage {
  readonly type: 'scrolled';
  readonly version: number;
  readonly offset: number;
}

export interface AckMessage {
  readonly type: 'ack';
  readonly requestId: number;
}

export type FromWebview = ReadyMessage | MoreMessage | ResyncMessage | RevealMessage | OpenLinkMessage | RasterizedMessage | InspectedMessage | ClickedMessage | ToggleLockMessage | ExportRequestMessage | PreviewScrolledMessage | AckMessage | ViewChangedMessage | ShowCurrentStateMessage;

/** What the shell hands the webview script at start (JSON in a data attribute). */
export interface PreviewSettings {
  readonly labels: UiLabels;
  readonly mermaidScript: string;
  readonly state: PreviewState;
}

/** Labels of the webview's own chrome, in VS Code's display language. */
export interface UiLabels {
  readonly zoomIn: string;
  readonly zoomOut: string;
  /** the zoom level's button: a click resets to 100 % */
  readonly zoomReset: string;
  readonly fit: string;
  readonly map: string;
  readonly mermaid: string;
  readonly locked: string;
  readonly unlocked: string;
  readonly export: string;
  readonly errorsTitle: string;
  readonly staleNote: string;
  readonly line: string;
  readonly mermaidLoading: string;
  readonly mermaidFailed: string;
  /** the insight panel's toolbar button */
  readonly insights?: string;
}

/** Only http(s) links leave the preview, and only through VS Code. */
export function isSafeLink(href: string): boolean {
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
