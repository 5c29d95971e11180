/**
 * The laid-out view's types: what layout.ts builds and what html.ts, svg.ts, markdown.ts and the
 * visual diff draw. Kept apart from layout.ts so the diff marks (set by diff-view.ts) and the
 * view can refer to each other without an import circle.
 */
import type { Level, Locale, Span } from '@cjm/core';

/** Longer texts are cut so one hostile line cannot make the preview unusable. */
export const MAX_ITEM_CHARS = 2000;

export interface Badge {
  /** a stable class suffix: `impact-high`, `channel`, `owner`, `kpi-target` … */
  readonly kind: string;
  readonly text: string;
  readonly level?: Level;
}

export interface Item {
  readonly text: string;
  readonly span: Span;
  /** `question` for questions in the thoughts lane; `quote` for thoughts */
  readonly tone?: 'question' | 'quote';
  readonly icon?: string;
  readonly badges: readonly Badge[];
  /** only ever an http(s) URL */
  readonly href?: string;
  /** a KPI's dated history as numbers, oldest first, for a sparkline; `labels` say each point's date and value */
  readonly trend?: { readonly values: readonly number[]; readonly labels: readonly string[] };
  /** an opportunity's experiment, one line each: hypothesis, metric, result (already labelled) */
  readonly experiment?: readonly string[];
  /** visual diff only: the item exists in one version only */
  readonly diff?: ItemMark;
  /** the author's notes on the thing itself (an opportunity's, a KPI's, a source's notes) */
  readonly notes?: readonly string[];
}

export type LaneKey =
  | 'goals' | 'actions' | 'touchpoints' | 'thoughts' | 'expectations' | 'emotion' | 'pains' | 'joys'
  | 'opportunities' | 'frontstage' | 'backstage' | 'support' | 'owners' | 'kpis' | 'evidence' | 'notes'
  | `lane:${string}`;

export interface LaneView {
  readonly key: LaneKey;
  readonly label: string;
  readonly span?: Span;
  /** a custom lane's `description:` */
  readonly description?: string;
}

export interface EmotionView {
  readonly span: Span;
  readonly raw: string;
  /** undefined when the value was not understood */
  readonly score?: number;
  readonly emoji: string;
  /** `frustrated −2` in the chosen language */
  readonly label: string;
}

/** One point of a persona's curve. */
export interface CurvePoint {
  readonly column: number;
  readonly stepName: string;
  /** the step's start offset: what `data-step-offset` carries */
  readonly stepOffset: number;
  readonly emotion: EmotionView;
}

/** One emotion curve: the map's one curve (no persona), or one persona's. */
export interface CurveView {
  /** the persona id; undefined for the one curve of a map not split by persona */
  readonly persona?: string;
  /** the persona's short name, for the legend */
  readonly name?: string;
  /** picks colour, dash and marker shape (render/curves.ts) */
  readonly index: number;
  readonly points: readonly CurvePoint[];
}

export interface StepView {
  /** column index across the whole map */
  readonly column: number;
  readonly stageIndex: number;
  readonly id?: string;
  readonly name: string;
  readonly span: Span;
  /** a stage without steps still gets one (empty) column */
  readonly placeholder: boolean;
  readonly criticality?: Level;
  readonly persona?: string;
  /** the step's single emotion; undefined when the map draws one curve per persona */
  readonly emotion?: EmotionView;
  /** one per persona, when the map draws one curve per persona, in legend order */
  readonly personaEmotions?: readonly { readonly persona: string; readonly name: string; readonly index: number; readonly emotion: EmotionView }[];
  readonly cells: Readonly<Partial<Record<LaneKey, readonly Item[]>>>;
  /** visual diff only: what changed in this column */
  readonly diff?: StepDiffMark;
}

export interface StageView {
  readonly index: number;
  readonly id?: string;
  readonly name: string;
  readonly span: Span;
  readonly criticality?: Level;
  readonly description: readonly Item[];
  readonly goals: readonly Item[];
  readonly expectations: readonly Item[];
  readonly owner?: string;
  readonly firstColumn: number;
  readonly columns: number;
  readonly opportunities: readonly Item[];
  readonly kpis: readonly Item[];
  /** the stage's `notes:` (absent in views built before they were shown) */
  readonly notes?: readonly Item[];
  /** visual diff only: what changed in this stage */
  readonly diff?: StageDiffMark;
}

export interface PersonaView {
  readonly id?: string;
  readonly name: string;
  readonly span: Span;
  readonly primary: boolean;
  readonly description: readonly Item[];
  readonly quote?: Item;
  readonly goals: readonly Item[];
  readonly needs: readonly Item[];
  readonly frustrations: readonly Item[];
  readonly motivation: readonly Item[];
  readonly expectations: readonly Item[];
}

export interface MapView {
  readonly locale: Locale;
  /** the language the map is written in: built-in stage and emotion names are in it */
  readonly language: Locale;
  readonly title: string;
  readonly titleSpan?: Span;
  readonly kind?: string;
  readonly kindLabel?: string;
  readonly description: readonly Item[];
  readonly personas: readonly PersonaView[];
  /** the emotion curves: one, or one per persona (core `emotionSeries`) */
  readonly curves: readonly CurveView[];
  /**
   * comparison only (visual diff, baseline overlay) of two versions that both draw a curve per
   * persona: the old version's persona curves, on the union grid's columns, drawn dashed under
   * `curves` (the new version's); a persona keeps its index, so its colour, on both sides
   */
  readonly curvesBefore?: readonly CurveView[];
  readonly stages: readonly StageView[];
  readonly steps: readonly StepView[];
  /** the lanes that have something to show, in display order */
  readonly lanes: readonly LaneView[];
  readonly hasStageOpportunities: boolean;
  readonly hasStageKpis: boolean;
  /** true when frontstage and backstage are both shown: the line of visibility runs between them */
  readonly lineOfVisibility: boolean;
  readonly journeyKpis: readonly Item[];
  readonly backlog: readonly Item[];
  readonly sources: readonly Item[];
  readonly channels: readonly Item[];
  readonly notes: readonly Item[];
  /** declared teams with their contacts and descriptions */
  readonly teams?: readonly Item[];
}

/**
 * - `added`, `removed`: only in the new / only in the old version;
 * - `moved`: in the new place of a step or stage that moved (or was reordered);
 * - `moved-away`: the ghost left at the old place of a step that moved to another stage;
 * - `changed`: in both versions, with something different.
 */
export type MarkStatus = 'added' | 'removed' | 'moved' | 'moved-away' | 'changed';

export interface DiffMark {
  readonly status?: MarkStatus;
  /** indices into MapDiff.changes that this element shows */
  readonly changes: readonly number[];
  /** the old name when it differs (renames) */
  readonly before?: string;
  /** `moved from Checkout`, `was #2` */
  readonly note?: string;
  /** set when the element exists in one version only: the Before / After modes hide the other */
  readonly only?: 'before' | 'after';
}

export interface StepDiffMark extends DiffMark {
  /** marks of this column's cells, by lane (`emotion` for its marker on the curve) */
  readonly cells: Readonly<Partial<Record<LaneKey, DiffMark>>>;
  /** the old version's emotion, drawn on the dashed "before" curve in this column */
  readonly emotionBefore?: EmotionView;
}

export interface StageDiffMark extends DiffMark {
  readonly rows: Readonly<{ stageOpportunities?: DiffMark; stageKpis?: DiffMark }>;
}

/** An item present in one version only. */
export type ItemMark = 'added' | 'removed';
