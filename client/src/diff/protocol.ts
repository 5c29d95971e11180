/**
 * The one typed channel between the visual diff's extension side (client/src/diff) and its
 * webview script (media/src/diff). Both sides import this file; nothing else crosses.
 *
 * A diff is computed from two documents, so its `version` is the extension's render number,
 * and each render names the two document versions it came from. Every message about
 * rendered content carries that render `version`; the webview drops renders older than
 * what it shows, the extension drops reveal requests about a render it has replaced.
 */

export const DIFF_VIEW_TYPE = 'cjm.diff';

export type DiffMode = 'changes' | 'before' | 'after';
export const DIFF_MODES: readonly DiffMode[] = ['changes', 'before', 'after'];

export type DiffSide = 'before' | 'after';

/** What the panel keeps with vscode.setState and the serializer restores from. */
export interface DiffState {
  /** the old and new documents' URIs (any scheme) */
  readonly before: string;
  readonly after: string;
  /** what the tab calls the two sides, e.g. `HEAD` and `Working Tree` */
  readonly beforeLabel: string;
  readonly afterLabel: string;
  readonly mode: DiffMode;
  /** the change the reviewer was on, or -1 */
  readonly current: number;
}

const str = (v: unknown, max = 4000) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);

/** Accepts only a well-formed state: restored state comes from disk and may be from an old version. */
export function validDiffState(s: unknown): DiffState | undefined {
  if (!s || typeof s !== 'object') return undefined;
  const o = s as Record<string, unknown>;
  const before = str(o.before);
  const after = str(o.after);
  if (!before || !after) return undefined;
  return {
    before,
    after,
    beforeLabel: str(o.beforeLabel, 200) ?? '',
    afterLabel: str(o.afterLabel, 200) ?? '',
    mode: DIFF_MODES.includes(o.mode as DiffMode) ? (o.mode as DiffMode) : 'changes',
    current: typeof o.current === 'number' && Number.isInteger(o.current) && o.current >= -1 && o.current < 1e6 ? o.current : -1,
  };
}

/** What `cjm.diff.inspect` reports about the rendered DOM (the VS Code tests read the webview through it). */
export interface DiffSnapshot {
  readonly version: number;
  readonly mode: DiffMode;
  readonly title: string;
  readonly stages: string[];
  readonly steps: string[];
  /** elements marked in the grid, by class */
  readonly marked: { readonly added: number; readonly removed: number; readonly changed: number; readonly moved: number };
  /** entries in the change list */
  readonly changes: number;
  /** the change the view is on, or -1 */
  readonly current: number;
  readonly curves: { readonly before: boolean; readonly after: boolean };
  readonly beforeMarkers: number;
  readonly afterMarkers: number;
  /** `Added: 1` … as the legend shows them */
  readonly legend: string[];
  /** elements visible in the current mode that exist only in the other version (must be 0) */
  readonly visibleFromOtherSide: number;
  /** the toolbar: its width, how many rows its controls take, and the controls that do not fit in the panel (must be none) */
  readonly toolbar?: { readonly width: number; readonly rows: number; readonly cutOff: string[] };
}

// Extension → webview ------------------------------------------------------------------

export interface DiffRenderMessage {
  readonly type: 'render';
  readonly version: number;
  readonly beforeVersion: number;
  readonly afterVersion: number;
  readonly title: string;
  /** the diff fragment from render/diff-view.ts, already escaped */
  readonly html: string;
  readonly changes: number;
  readonly beforeLabel: string;
  readonly afterLabel: string;
}

export interface DiffCommandMessage {
  readonly type: 'command';
  readonly command: 'next' | 'previous' | 'showChanges' | 'showBefore' | 'showAfter';
}

export interface DiffInspectMessage {
  readonly type: 'inspect';
  readonly requestId: number;
}

export interface DiffClickMessage {
  /** clicks an element as a user would: for tests */
  readonly type: 'click';
  readonly requestId: number;
  readonly selector: string;
}

export type ToDiffWebview = DiffRenderMessage | DiffCommandMessage | DiffInspectMessage | DiffClickMessage;

// Webview → extension ------------------------------------------------------------------

export interface DiffReadyMessage {
  readonly type: 'ready';
}

/** Show change `index` in its source: the new side where it exists there, else the old one. */
export interface RevealChangeMessage {
  readonly type: 'revealChange';
  readonly version: number;
  readonly index: number;
}

/** Select a clicked element's source on one side. */
export interface RevealSpanMessage {
  readonly type: 'revealSpan';
  readonly version: number;
  readonly side: DiffSide;
  readonly start: number;
  readonly end: number;
}

export interface DiffInspectedMessage {
  readonly type: 'inspected';
  readonly requestId: number;
  readonly snapshot: DiffSnapshot;
}

export interface DiffClickedMessage {
  readonly type: 'clicked';
  readonly requestId: number;
  readonly found: boolean;
}

export type FromDiffWebview = DiffReadyMessage | RevealChangeMessage | RevealSpanMessage | DiffInspectedMessage | DiffClickedMessage;

/** Labels of the webview's own chrome, in VS Code's display language. */
export interface DiffUiLabels {
  readonly previous: string;
  readonly next: string;
  readonly changes: string;
  readonly before: string;
  readonly after: string;
  readonly position: string;
  readonly none: string;
}

/** What the shell hands the webview script at start (JSON in a data attribute). */
export interface DiffSettings {
  readonly labels: DiffUiLabels;
  readonly state: DiffState;
}
