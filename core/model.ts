/**
 * The typed journey-map model. Every node knows its source span, so diagnostics,
 * navigation, the preview and the diff can all point back into the text.
 * Absent optional scalars are `undefined`; absent lists are empty arrays.
 */
import type { EmotionInfo } from './vocabulary/emotions';
import type { Locale } from './vocabulary/locale';
import type { RefKind } from './schema';
import type { Span } from './text';

/** A scalar as written, with the span of its value. */
export interface Text {
  readonly value: string;
  readonly span: Span;
}

/** An id used to point at something declared elsewhere. */
export interface Ref {
  readonly kind: RefKind;
  readonly id: string;
  readonly span: Span;
}

export interface NodeBase {
  /** the whole node: for a list item, the item; for a field value, the value */
  readonly span: Span;
  /** span of each key present on the node, by key */
  readonly keys: ReadonlyMap<string, Span>;
}

export interface Persona extends NodeBase {
  readonly id?: Text;
  readonly name?: Text;
  readonly description: Text[];
  readonly quote?: Text;
  readonly goals: Text[];
  readonly needs: Text[];
  readonly frustrations: Text[];
  /** why the persona starts the journey */
  readonly motivation: Text[];
  /** what the persona expects across the whole journey */
  readonly expectations: Text[];
}

export interface Channel extends NodeBase {
  readonly id?: Text;
  readonly name?: Text;
  readonly type?: Text;
  readonly description: Text[];
  /** how well the channel works (channel effectiveness) */
  readonly kpis: Kpi[];
}

export interface Team extends NodeBase {
  readonly id?: Text;
  readonly name?: Text;
  readonly contact?: Text;
  readonly description: Text[];
}

export interface Source extends NodeBase {
  readonly id?: Text;
  readonly name?: Text;
  readonly type?: Text;
  readonly date?: Text;
  readonly sample?: Text;
  readonly url?: Text;
  readonly notes: Text[];
}

export interface LaneDef extends NodeBase {
  readonly id?: Text;
  readonly name?: Text;
  readonly description: Text[];
}

/** One dated value of a KPI's `history`. */
export interface Measurement extends NodeBase {
  /** `YYYY-MM-DD` or `YYYY-MM`, as written (checked by the parser) */
  readonly date?: Text;
  readonly value?: Text;
}

/** An opportunity's A/B test. */
export interface Experiment extends NodeBase {
  readonly hypothesis?: Text;
  readonly metric?: Text;
  readonly result?: Text;
}

export interface Kpi extends NodeBase {
  readonly name?: Text;
  readonly baseline?: Text;
  readonly target?: Text;
  readonly current?: Text;
  /** earlier measurements, as written (the renderer orders them by date) */
  readonly history: Measurement[];
  readonly stage?: Ref;
  readonly owner?: Ref;
  readonly notes: Text[];
}

export interface Opportunity extends NodeBase {
  readonly text?: Text;
  readonly impact?: Text;
  readonly effort?: Text;
  readonly owner?: Ref;
  readonly status?: Text;
  readonly stage?: Ref;
  readonly step?: Ref;
  /** `YYYY-MM-DD` or `YYYY-MM`, as written (checked by the parser) */
  readonly due?: Text;
  readonly experiment?: Experiment;
  readonly notes: Text[];
}

/** How a step feels, however it was written. */
export interface Emotion {
  readonly span: Span;
  /** the text as written: `frustrated`, `-2`, `4/5`, `раздражение` */
  readonly raw: string;
  readonly form: 'name' | 'score' | 'mermaid';
  /** the vocabulary entry, when written as a name (in any language) */
  readonly info?: EmotionInfo;
  /** the language the name was written in; undefined for an id, a score or a word not understood */
  readonly locale?: Locale;
  /** valence on the −3…+3 scale; undefined when the value is not understood */
  readonly score?: number;
}

/** One evidence item: a cited source (by id) or free text. */
export interface Evidence {
  readonly text: Text;
  readonly source?: Ref;
}

/** One persona's emotion at a step, written `emotion: {maria: anxious, tom: calm}`. */
export interface PersonaEmotion {
  /** the key: a persona id, checked against `personas:` like any reference */
  readonly persona: Ref;
  readonly emotion: Emotion;
}

export interface LaneValue {
  readonly lane: Ref;
  readonly values: Text[];
}

export interface Step extends NodeBase {
  readonly id?: Text;
  readonly name?: Text;
  /** the first persona named by `persona:` */
  readonly persona?: Ref;
  /** every persona named by `persona:` (one id or a list) */
  readonly personas: Ref[];
  readonly action?: Text;
  /** the first touchpoint */
  readonly touchpoint?: Text;
  /** every touchpoint (`touchpoint:` is one text or a list) */
  readonly touchpoints: Text[];
  /** the first channel */
  readonly channel?: Ref;
  /** every channel named by `channel:` (one id or a list) */
  readonly channels: Ref[];
  readonly thoughts: Text[];
  readonly questions: Text[];
  readonly goals: Text[];
  readonly expectations: Text[];
  /** the emotion written as one value (`emotion: anxious`); undefined when written per persona */
  readonly emotion?: Emotion;
  /** the emotion written per persona (`emotion: {maria: anxious, tom: calm}`), in written order; empty otherwise */
  readonly personaEmotions: PersonaEmotion[];
  readonly criticality?: Text;
  readonly pains: Text[];
  readonly joys: Text[];
  readonly opportunities: Opportunity[];
  readonly frontstage: Text[];
  readonly backstage: Text[];
  readonly support: Text[];
  readonly evidence: Evidence[];
  readonly owner?: Ref;
  readonly kpis: Kpi[];
  readonly lanes: LaneValue[];
  readonly notes: Text[];
}

export interface Stage extends NodeBase {
  readonly id?: Text;
  readonly name?: Text;
  readonly description: Text[];
  readonly goals: Text[];
  readonly expectations: Text[];
  readonly criticality?: Text;
  readonly owner?: Ref;
  readonly kpis: Kpi[];
  readonly opportunities: Opportunity[];
  readonly steps: Step[];
  readonly notes: Text[];
}

export interface JourneyMap extends NodeBase {
  readonly version?: Text;
  readonly title?: Text;
  readonly kind?: Text;
  readonly language?: Text;
  readonly description: Text[];
  readonly persona?: Ref;
  readonly personas: Persona[];
  readonly channels: Channel[];
  readonly teams: Team[];
  readonly sources: Source[];
  readonly lanes: LaneDef[];
  readonly kpis: Kpi[];
  readonly opportunities: Opportunity[];
  readonly stages: Stage[];
  readonly notes: Text[];
  // --- shared library and baseline (core/imports.ts, core/baseline.ts) ---
  /** library files whose personas, channels, teams, sources and lanes this map uses, as written (relative paths) */
  readonly use: Text[];
  /** the current-state map this (future-state) map is compared with, as written (a relative path) */
  readonly baseline?: Text;
}

/** Something a reference can point at. */
export interface Definition {
  readonly kind: RefKind;
  readonly id: string;
  /** the span of the id's value */
  readonly span: Span;
  /** the whole declaring node */
  readonly node: Span;
  readonly name?: string;
}
