/**
 * The diff's public vocabulary: the schema version, every change kind with its severity
 * and meaning, and the shape of the result (MapDiff with its changes, emotion statistics
 * and summary). Everything here is plain JSON-safe data or a type describing it; the CLI,
 * the PR comment, the JSON report and the visual diff all read these names, so the ids and
 * shapes are a contract (docs/diff-schema.md).
 */
import type { DiagnosticCode } from '../diagnostics';
import type { LineRange, Span } from '../text';

/** Bumped only when a consumer would have to change: new kinds and fields are additive. */
export const DIFF_SCHEMA_VERSION = 1;

export type ChangeSeverity = 'error' | 'warning' | 'info';
export const CHANGE_SEVERITIES: readonly ChangeSeverity[] = ['error', 'warning', 'info'];

/**
 * Every change kind, its severity and what it means. The ids are stable: `--fail-on`,
 * CI configurations, the PR comment and docs refer to them. Severity says how much a
 * reviewer should look: `warning` is something the journey lost or got worse at.
 */
export const CHANGE_KINDS = {
  'title-changed': { severity: 'info', doc: 'The map\'s title changed.' },
  'kind-changed': { severity: 'info', doc: 'The map\'s kind changed (e.g. current-state → future-state).' },
  'map-changed': { severity: 'info', doc: 'Another map-level field changed: description, language, default persona, notes, format version.' },
  'persona-added': { severity: 'info', doc: 'A persona was declared.' },
  'persona-removed': { severity: 'warning', doc: 'A persona was removed: the map no longer speaks for that customer.' },
  'persona-changed': { severity: 'info', doc: 'A persona\'s field changed (field, before, after).' },
  'channel-added': { severity: 'info', doc: 'A channel was declared.' },
  'channel-removed': { severity: 'warning', doc: 'A channel was removed.' },
  'channel-changed': { severity: 'info', doc: 'A channel\'s field changed.' },
  'team-added': { severity: 'info', doc: 'A team was declared.' },
  'team-removed': { severity: 'info', doc: 'A team was removed.' },
  'team-changed': { severity: 'info', doc: 'A team\'s field changed.' },
  'source-added': { severity: 'info', doc: 'A research source was declared.' },
  'source-removed': { severity: 'warning', doc: 'A research source was removed: statements may have lost their backing.' },
  'source-changed': { severity: 'info', doc: 'A research source\'s field changed.' },
  'lane-added': { severity: 'info', doc: 'A custom lane was declared.' },
  'lane-removed': { severity: 'info', doc: 'A custom lane was removed.' },
  'lane-changed': { severity: 'info', doc: 'A custom lane\'s field changed.' },
  'stage-added': { severity: 'info', doc: 'A stage was added (one change; its steps are not listed again).' },
  'stage-removed': { severity: 'warning', doc: 'A stage was removed with its steps (steps that moved elsewhere are reported as moves).' },
  'stage-renamed': { severity: 'info', doc: 'A stage\'s id or name changed; matched by id, or by its steps when the id changed.' },
  'stage-moved': { severity: 'info', doc: 'A stage changed its place in the journey.' },
  'stage-changed': { severity: 'info', doc: 'A stage\'s field changed (description, goals, criticality, owner…).' },
  'step-added': { severity: 'info', doc: 'A step was added (one change; its fields are not listed again).' },
  'step-removed': { severity: 'warning', doc: 'A step was removed.' },
  'step-moved': { severity: 'info', doc: 'A step moved to another stage (before and after name the stages).' },
  'step-reordered': { severity: 'info', doc: 'A step changed its place within its stage.' },
  'step-changed': { severity: 'info', doc: 'A step\'s field changed (name, action, touchpoint, channel, thoughts…): field, before, after.' },
  'emotion-dropped': { severity: 'warning', doc: 'A step\'s emotion score went down.' },
  'emotion-rose': { severity: 'info', doc: 'A step\'s emotion score went up.' },
  'emotion-changed': { severity: 'info', doc: 'A step\'s emotion changed with the same (or no known) score, e.g. anxious → frustrated.' },
  'emotion-added': { severity: 'info', doc: 'A step got an emotion.' },
  'emotion-removed': { severity: 'warning', doc: 'A step lost its emotion: the curve has a gap there now.' },
  'pain-added': { severity: 'warning', doc: 'A pain point was added to a step.' },
  'pain-resolved': { severity: 'info', doc: 'A pain point was removed from a step.' },
  'joy-added': { severity: 'info', doc: 'A moment of delight was added to a step.' },
  'joy-removed': { severity: 'warning', doc: 'A moment of delight was removed from a step.' },
  'pain-reworded': { severity: 'info', doc: 'A pain point of a step was re-worded: similar text in its place (before and after hold both wordings).' },
  'joy-reworded': { severity: 'info', doc: 'A moment of delight was re-worded: similar text in its place.' },
  'opportunity-added': { severity: 'info', doc: 'An opportunity (recommendation) was added, at map, stage or step level.' },
  'opportunity-removed': { severity: 'info', doc: 'An opportunity was removed.' },
  'opportunity-changed': { severity: 'info', doc: 'An opportunity\'s impact, effort, status, owner… changed.' },
  'evidence-added': { severity: 'info', doc: 'An evidence item was added to a step.' },
  'evidence-removed': { severity: 'warning', doc: 'An evidence item was removed from a step.' },
  'kpi-added': { severity: 'info', doc: 'A KPI was added, at map, stage or step level.' },
  'kpi-removed': { severity: 'warning', doc: 'A KPI was removed.' },
  'kpi-changed': { severity: 'info', doc: 'A KPI\'s target, current value, owner… changed.' },
  'error-introduced': { severity: 'error', doc: 'The new version has an error the old one did not.' },
  'error-fixed': { severity: 'info', doc: 'An error of the old version is gone.' },
  'warning-introduced': { severity: 'warning', doc: 'The new version has a warning the old one did not.' },
  'warning-fixed': { severity: 'info', doc: 'A warning of the old version is gone.' },
} as const satisfies Record<string, { severity: ChangeSeverity; doc: string }>;

export type ChangeKind = keyof typeof CHANGE_KINDS;
export const CHANGE_KIND_IDS = Object.keys(CHANGE_KINDS) as ChangeKind[];

export function isChangeKind(s: string): s is ChangeKind {
  return Object.prototype.hasOwnProperty.call(CHANGE_KINDS, s);
}

/** `error` > `warning` > `info`: a change is "at least" a severity when its rank is ≤. */
export function changeSeverityRank(s: ChangeSeverity): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}

export type PathType = 'persona' | 'channel' | 'team' | 'source' | 'lane' | 'kpi' | 'opportunity' | 'stage' | 'step';

/** One level of a change's path, with the name people see. */
export interface PathItem {
  readonly type: PathType;
  readonly id?: string;
  readonly name: string;
}

export interface DiffLocation {
  /** UTF-16 offsets into that side's text */
  readonly span: Span;
  /** zero-based lines and UTF-16 columns (LSP style) */
  readonly range: LineRange;
  /** set when the node does not exist on this side: the location is its nearest parent there */
  readonly parent?: true;
}

/** A value as people read it: one line of text, or the items of a list. */
export type DiffValue = string | readonly string[];

export interface Change {
  readonly kind: ChangeKind;
  readonly severity: ChangeSeverity;
  /** map → … → stage → step; empty for map-level changes and map-level diagnostics */
  readonly path: readonly PathItem[];
  /** the field of the last path item that changed, as written in the file (`action`, `lanes.legal`) */
  readonly field?: string;
  /** emotion kinds on a map with one emotion per persona: whose emotion changed (the persona id) */
  readonly persona?: string;
  readonly before?: DiffValue;
  readonly after?: DiffValue;
  /** emotion kinds: the scores on the −3…+3 scale */
  readonly score?: { readonly before?: number; readonly after?: number };
  /** diagnostic kinds: the diagnostic's code */
  readonly code?: DiagnosticCode;
  /** one English sentence, without the path */
  readonly message: string;
  readonly beforeAt?: DiffLocation;
  readonly afterAt?: DiffLocation;
}

export interface EmotionStats {
  readonly lowest: number;
  readonly mean: number;
  /** steps with a known score */
  readonly count: number;
}

export type Direction = 'up' | 'down' | 'same' | 'added' | 'removed';

export interface StageEmotion {
  readonly stage: PathItem;
  /** over every emotion of the stage's steps (every persona's, on a map with one per persona) */
  readonly before?: EmotionStats;
  readonly after?: EmotionStats;
  /** by the mean */
  readonly direction: Direction;
  /** on a map with one emotion per persona: the same statistics per persona id, in the order personas are declared */
  readonly personas?: readonly PersonaStageEmotion[];
}

export interface PersonaStageEmotion {
  readonly persona: string;
  /** the persona's short name (`Maria` for `Maria, 41, …`), from the after side when it has one */
  readonly name: string;
  readonly before?: EmotionStats;
  readonly after?: EmotionStats;
}

/** The journey's lowest moment: the first step with the lowest score. */
export interface Moment {
  readonly path: readonly PathItem[];
  readonly score: number;
  readonly emotion: string;
  readonly at: DiffLocation;
  /** whose moment it is, on a map with one emotion per persona (the persona id) */
  readonly persona?: string;
}

export interface EmotionDiff {
  /** every stage that has a known score on either side, in journey order */
  readonly stages: readonly StageEmotion[];
  readonly lowest: { readonly before?: Moment; readonly after?: Moment };
}

export interface DiffSummary {
  readonly counts: Readonly<Partial<Record<ChangeKind, number>>>;
  readonly bySeverity: Readonly<Record<ChangeSeverity, number>>;
  readonly stages: { readonly added: number; readonly removed: number; readonly changed: number };
  readonly steps: { readonly added: number; readonly removed: number; readonly moved: number; readonly changed: number };
  readonly errors: { readonly introduced: number; readonly fixed: number };
  /** one line for a reviewer: "Checkout: 2 steps changed, emotion −2 → +1; 1 pain resolved; 0 new errors" */
  readonly headline: string;
}

export interface MapDiff {
  readonly version: typeof DIFF_SCHEMA_VERSION;
  readonly title: { readonly before?: string; readonly after?: string };
  /** the two texts are the same */
  readonly identical: boolean;
  /** the texts differ but nothing in the journey does (indentation, key order, quoting, comments) */
  readonly formattingOnly: boolean;
  readonly changes: readonly Change[];
  readonly emotions: EmotionDiff;
  readonly summary: DiffSummary;
}
