/**
 * The semantic diff: two analyses of a map → what changed in the journey, in order, with
 * a stable kind id, a severity, a path of display names and source locations on both
 * sides. The CLI, the PR comment and the visual diff in the editor all read this one
 * result, so it is plain JSON-safe data (no Maps, no classes, no functions).
 *
 * Matching, in short (docs/diff-schema.md has the full story):
 * - stages by id; an unmatched stage whose steps mostly survive in another unmatched stage
 *   is that stage renamed, not a removal plus an addition;
 * - steps by id, then by name, then by content similarity, across stages (moves);
 * - pains, joys, evidence, opportunities, KPIs and free-text lists by normalized content,
 *   never by list index, so reordering such items is not a change;
 * - diagnostics by code + message + the stage/step they sit in, never by offset.
 */
import type { Analysis } from './analyze';
import type { DiagnosticCode } from './diagnostics';
import { emotionLabel, mapLocale, oneLine, stageLabel, stepLabel } from './labels';
import type { Emotion, JourneyMap, Kpi, LaneValue, Opportunity, Stage, Step, Text } from './model';
import { ObjectName, SCHEMA } from './schema';
import type { LineRange, Span } from './text';
import { formatScore } from './vocabulary/emotions';
import type { Locale } from './vocabulary/locale';

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
  readonly before?: EmotionStats;
  readonly after?: EmotionStats;
  /** by the mean */
  readonly direction: Direction;
}

/** The journey's lowest moment: the first step with the lowest score. */
export interface Moment {
  readonly path: readonly PathItem[];
  readonly score: number;
  readonly emotion: string;
  readonly at: DiffLocation;
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

// ---------------------------------------------------------------------------------------

/** Whitespace- and Unicode-normalized text: how list items and fields are compared. */
export function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const EMPTY_MAP: JourneyMap = {
  span: { start: 0, end: 0 },
  keys: new Map(),
  description: [],
  personas: [],
  channels: [],
  teams: [],
  sources: [],
  lanes: [],
  kpis: [],
  opportunities: [],
  stages: [],
  notes: [],
};

interface Side {
  readonly analysis: Analysis | null;
  readonly map: JourneyMap;
  readonly locale: Locale;
}

interface StageNode {
  readonly stage: Stage;
  readonly index: number;
  readonly item: PathItem;
  readonly steps: StepNode[];
  match?: StageNode;
}

interface StepNode {
  readonly step: Step;
  readonly index: number;
  readonly stage: StageNode;
  readonly item: PathItem;
  match?: StepNode;
  facts?: Set<string>;
}

/** A field's value as compared (`canon`) and as shown (`display`). */
export interface FieldVal {
  readonly display: DiffValue;
  readonly canon: string;
  readonly span: Span;
}

/** Where a change sorts: section, then stage slot, then step slot, then emission order. */
interface Keyed {
  readonly key: number[];
  readonly change: Change;
}

const FIELD_RANK = new Map((Object.keys(SCHEMA) as ObjectName[]).map((o) => [o, new Map(SCHEMA[o].map((f, i) => [f.key, i]))]));
const STEP_SKIP: ReadonlySet<string> = new Set(['emotion', 'pains', 'joys', 'evidence', 'opportunities', 'kpis']);
const STAGE_SKIP: ReadonlySet<string> = new Set(['id', 'name', 'kpis', 'opportunities', 'steps']);
const NAME_SKIP: ReadonlySet<string> = new Set(['name']);
const TEXT_SKIP: ReadonlySet<string> = new Set(['text']);
const NO_SKIP: ReadonlySet<string> = new Set();

const SECTION = { map: 0, declarations: 1, mapItems: 2, stages: 3, diagnostics: 4 } as const;
const DECLARATION_ORDER = ['persona', 'channel', 'team', 'source', 'lane'] as const;

/** Diff two versions of a map. `null` stands for "no file" (an added or deleted map). Never throws on any analyses. */
export function diffMaps(before: Analysis | null, after: Analysis | null): MapDiff {
  return new Differ(side(before), side(after)).run();
}

function side(analysis: Analysis | null): Side {
  const map = analysis?.map ?? EMPTY_MAP;
  return { analysis, map, locale: mapLocale(map) };
}

class Differ {
  private readonly out: Keyed[] = [];
  private seq = 0;
  private stagesB: StageNode[] = [];
  private stagesA: StageNode[] = [];
  /** slot of each stage pair in journey order, keyed by either side's node */
  private readonly stageSlot = new Map<StageNode, number>();

  constructor(
    private readonly b: Side,
    private readonly a: Side,
  ) {}

  run(): MapDiff {
    this.mapFields();
    this.declarations();
    this.items([], this.b.map.kpis, this.a.map.kpis, [SECTION.mapItems, 0], undefined, undefined);
    this.opportunities([], this.b.map.opportunities, this.a.map.opportunities, [SECTION.mapItems, 1], undefined, undefined);
    this.stages();
    this.diagnostics();
    const changes = this.out
      .sort((x, y) => compareKeys(x.key, y.key))
      .map((k) => k.change);
    const identical = (this.b.analysis?.text ?? null) === (this.a.analysis?.text ?? null);
    const emotions = this.emotions();
    return {
      version: DIFF_SCHEMA_VERSION,
      title: { before: this.title(this.b), after: this.title(this.a) },
      identical,
      formattingOnly: !identical && changes.length === 0,
      changes,
      emotions,
      summary: summarize(changes, emotions, identical),
    };
  }

  private title(s: Side): string | undefined {
    return s.analysis && s.map.title ? oneLine(s.map.title.value) : undefined;
  }

  private loc(s: Side, sp: Span | undefined, parent = false): DiffLocation | undefined {
    if (!s.analysis || !sp) return undefined;
    const range = s.analysis.lines.range(sp);
    return parent ? { span: { start: sp.start, end: sp.end }, range, parent: true } : { span: { start: sp.start, end: sp.end }, range };
  }

  private emit(key: number[], change: Omit<Change, 'severity'>): void {
    const severity = CHANGE_KINDS[change.kind].severity;
    const c: Record<string, unknown> = { kind: change.kind, severity };
    // A fixed property order keeps JSON output byte-stable.
    for (const p of ['path', 'field', 'before', 'after', 'score', 'code', 'message', 'beforeAt', 'afterAt'] as const) {
      if (change[p] !== undefined) c[p] = change[p];
    }
    this.out.push({ key: [...key, this.seq++], change: c as unknown as Change });
  }

  // --- map level -----------------------------------------------------------------------

  private mapFields(): void {
    const skip = new Set(['personas', 'channels', 'teams', 'sources', 'lanes', 'kpis', 'opportunities', 'stages']);
    const fb = comparableFields('map', this.b.map as unknown as Record<string, unknown>, skip);
    const fa = comparableFields('map', this.a.map as unknown as Record<string, unknown>, skip);
    this.compareFields('map', fb, fa, [], [SECTION.map], this.b.map.span, this.a.map.span, (f) =>
      f === 'title' ? 'title-changed' : f === 'kind' ? 'kind-changed' : 'map-changed',
    );
  }

  /** Personas, channels, teams, sources and lanes: matched by id, then by name. */
  private declarations(): void {
    DECLARATION_ORDER.forEach((type, t) => {
      const prop = `${type}s` as const;
      const before = (this.b.map[prop] as unknown as Array<Record<string, unknown> & { id?: Text; name?: Text; span: Span }>) ?? [];
      const after = (this.a.map[prop] as unknown as Array<Record<string, unknown> & { id?: Text; name?: Text; span: Span }>) ?? [];
      const pairs = matchBy(before, after, [
        (n) => (n.id ? `id:${n.id.value}` : undefined),
        (n) => (n.name ? `name:${normalizeText(n.name.value)}` : undefined),
        (n) => signature(type as ObjectName, n),
      ]);
      const label = (n: { id?: Text; name?: Text }, i: number): PathItem => ({
        type,
        ...(n.id ? { id: n.id.value } : {}),
        name: n.name ? oneLine(n.name.value) || oneLine(n.id?.value ?? '') : oneLine(n.id?.value ?? '') || `${type} ${i + 1}`,
      });
      pairs.forEach(([bi, ai], order) => {
        const key = [SECTION.declarations, t, order];
        const bn = bi === undefined ? undefined : before[bi];
        const an = ai === undefined ? undefined : after[ai];
        if (bn && an) {
          const fb = comparableFields(type as ObjectName, bn, NO_SKIP);
          const fa = comparableFields(type as ObjectName, an, NO_SKIP);
          this.compareFields(type as ObjectName, fb, fa, [label(an, ai!)], key, bn.span, an.span, () => `${type}-changed` as ChangeKind);
        } else if (an) {
          this.emit(key, { kind: `${type}-added` as ChangeKind, path: [label(an, ai!)], message: `${type} added`, afterAt: this.loc(this.a, an.span), beforeAt: this.loc(this.b, this.b.map.keys.get(prop), true) });
        } else if (bn) {
          this.emit(key, { kind: `${type}-removed` as ChangeKind, path: [label(bn, bi!)], message: `${type} removed`, beforeAt: this.loc(this.b, bn.span), afterAt: this.loc(this.a, this.a.map.keys.get(prop), true) });
        }
      });
    });
  }

  private compareFields(
    object: ObjectName,
    fb: Map<string, FieldVal>,
    fa: Map<string, FieldVal>,
    path: readonly PathItem[],
    key: number[],
    parentB: Span,
    parentA: Span,
    kindOf: (field: string) => ChangeKind,
  ): number {
    const ranks = FIELD_RANK.get(object)!;
    const rank = (k: string) => ranks.get(k.startsWith('lanes.') ? 'lanes' : k) ?? ranks.size;
    // Most fields are unchanged: collect the differing ones first, sort only those.
    const names: string[] = [];
    for (const [f, vb] of fb) if (fa.get(f)?.canon !== vb.canon) names.push(f);
    for (const f of fa.keys()) if (!fb.has(f)) names.push(f);
    if (!names.length) return 0;
    names.sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
    let n = 0;
    for (const f of names) {
      const vb = fb.get(f);
      const va = fa.get(f);
      n++;
      const message = !vb ? `${f} set to ${show(va!.display)}` : !va ? `${f} removed (was ${show(vb.display)})` : `${f}: ${show(vb.display)} → ${show(va.display)}`;
      this.emit([...key, rank(f)], {
        kind: kindOf(f),
        path,
        field: f,
        before: vb?.display,
        after: va?.display,
        message,
        beforeAt: vb ? this.loc(this.b, vb.span) : this.loc(this.b, parentB, true),
        afterAt: va ? this.loc(this.a, va.span) : this.loc(this.a, parentA, true),
      });
    }
    return n;
  }

  // --- KPIs and opportunities (map, stage and step level) --------------------------------

  private items(path: readonly PathItem[], before: readonly Kpi[], after: readonly Kpi[], key: number[], parentB: Span | undefined, parentA: Span | undefined): number {
    const pairs = matchBy(before, after, [(k) => (k.name ? normalizeText(k.name.value) : undefined), (k) => signature('kpi', k as never)]);
    let n = 0;
    pairs.forEach(([bi, ai], order) => {
      const bk = bi === undefined ? undefined : before[bi];
      const ak = ai === undefined ? undefined : after[ai];
      const item = (k: Kpi): PathItem => ({ type: 'kpi', name: oneLine(k.name?.value ?? '') || 'KPI' });
      const k = [...key, order];
      if (bk && ak) {
        n += this.compareFields('kpi', comparableFields('kpi', bk as never, NAME_SKIP), comparableFields('kpi', ak as never, NAME_SKIP), [...path, item(ak)], k, bk.span, ak.span, () => 'kpi-changed');
      } else if (ak) {
        n++;
        this.emit(k, { kind: 'kpi-added', path, after: kpiText(ak), message: `KPI added: ${kpiText(ak)}`, afterAt: this.loc(this.a, ak.span), beforeAt: this.loc(this.b, parentB, true) });
      } else if (bk) {
        n++;
        this.emit(k, { kind: 'kpi-removed', path, before: kpiText(bk), message: `KPI removed: ${kpiText(bk)}`, beforeAt: this.loc(this.b, bk.span), afterAt: this.loc(this.a, parentA, true) });
      }
    });
    return n;
  }

  private opportunities(path: readonly PathItem[], before: readonly Opportunity[], after: readonly Opportunity[], key: number[], parentB: Span | undefined, parentA: Span | undefined): number {
    const pairs = matchBy(before, after, [(o) => (o.text ? normalizeText(o.text.value) : undefined), (o) => signature('opportunity', o as never)]);
    let n = 0;
    pairs.forEach(([bi, ai], order) => {
      const bo = bi === undefined ? undefined : before[bi];
      const ao = ai === undefined ? undefined : after[ai];
      const item = (o: Opportunity): PathItem => ({ type: 'opportunity', name: oneLine(o.text?.value ?? '') || 'opportunity' });
      const k = [...key, order];
      if (bo && ao) {
        n += this.compareFields('opportunity', comparableFields('opportunity', bo as never, TEXT_SKIP), comparableFields('opportunity', ao as never, TEXT_SKIP), [...path, item(ao)], k, bo.span, ao.span, () => 'opportunity-changed');
      } else if (ao) {
        n++;
        this.emit(k, { kind: 'opportunity-added', path, after: item(ao).name, message: `opportunity added: ${show(item(ao).name)}`, afterAt: this.loc(this.a, ao.span), beforeAt: this.loc(this.b, parentB, true) });
      } else if (bo) {
        n++;
        this.emit(k, { kind: 'opportunity-removed', path, before: item(bo).name, message: `opportunity removed: ${show(item(bo).name)}`, beforeAt: this.loc(this.b, bo.span), afterAt: this.loc(this.a, parentA, true) });
      }
    });
    return n;
  }

  // --- stages and steps ---------------------------------------------------------------

  private nodes(s: Side): StageNode[] {
    return stageNodes(s.map, s.locale);
  }

  private stages(): void {
    const B = (this.stagesB = this.nodes(this.b));
    const A = (this.stagesA = this.nodes(this.a));
    matchStages(B, A);
    matchSteps(B, A);

    // Journey order: after stages in order; a removed stage sits after the stage that preceded it before.
    A.forEach((n) => this.stageSlot.set(n, n.index));
    let prev = -0.5;
    for (const n of B) {
      if (n.match) {
        prev = n.match.index;
        this.stageSlot.set(n, n.match.index);
      } else this.stageSlot.set(n, prev + 0.5 + n.index / (B.length + 1) / 4);
    }

    const moved = notInLongestIncreasing(B.filter((n) => n.match).map((n) => n.match!.index));
    for (const n of B) {
      const key = [SECTION.stages, this.stageSlot.get(n)!];
      if (!n.match) {
        const steps = n.steps.length;
        this.emit([...key, 0], {
          kind: 'stage-removed',
          path: [n.item],
          message: `stage removed${steps ? ` with ${steps} step${steps === 1 ? '' : 's'}` : ''}`,
          beforeAt: this.loc(this.b, n.stage.span),
          afterAt: this.loc(this.a, this.a.map.keys.get('stages'), true),
        });
        continue;
      }
      const m = n.match;
      const idB = n.stage.id?.value;
      const idA = m.stage.id?.value;
      const nameB = n.stage.name ? normalizeText(n.stage.name.value) : undefined;
      const nameA = m.stage.name ? normalizeText(m.stage.name.value) : undefined;
      if (idB !== idA || nameB !== nameA) {
        const show2 = (x: StageNode) => x.item.name + (x.item.id && x.item.id !== x.item.name ? ` (${x.item.id})` : '');
        const parts = [];
        if (n.item.name !== m.item.name) parts.push(`${n.item.name} → ${m.item.name}`);
        if (idB !== idA) parts.push(`id ${idB ?? '(none)'} → ${idA ?? '(none)'}`);
        if (!parts.length) parts.push(`name ${nameB ? show(nameB) : '(none)'} → ${nameA ? show(nameA) : '(none)'}`);
        this.emit([...key, 0], {
          kind: 'stage-renamed',
          path: [m.item],
          field: idB !== idA ? 'id' : 'name',
          before: show2(n),
          after: show2(m),
          message: `renamed: ${parts.join(', ')}`,
          beforeAt: this.loc(this.b, n.stage.id?.span ?? n.stage.name?.span ?? n.stage.span),
          afterAt: this.loc(this.a, m.stage.id?.span ?? m.stage.name?.span ?? m.stage.span),
        });
      }
      if (moved.has(n.match.index)) {
        this.emit([...key, 0], {
          kind: 'stage-moved',
          path: [m.item],
          before: String(n.index + 1),
          after: String(m.index + 1),
          message: `moved from position ${n.index + 1} to ${m.index + 1}`,
          beforeAt: this.loc(this.b, n.stage.span),
          afterAt: this.loc(this.a, m.stage.span),
        });
      }
      this.compareFields('stage', comparableFields('stage', n.stage as never, STAGE_SKIP), comparableFields('stage', m.stage as never, STAGE_SKIP), [m.item], [...key, 1], n.stage.span, m.stage.span, () => 'stage-changed');
      this.items([m.item], n.stage.kpis, m.stage.kpis, [...key, 2], n.stage.span, m.stage.span);
      this.opportunities([m.item], n.stage.opportunities, m.stage.opportunities, [...key, 3], n.stage.span, m.stage.span);
    }
    for (const m of A) {
      if (m.match) continue;
      const steps = m.steps.length;
      this.emit([SECTION.stages, m.index, 0], {
        kind: 'stage-added',
        path: [m.item],
        message: `stage added${steps ? ` with ${steps} step${steps === 1 ? '' : 's'}` : ''}`,
        afterAt: this.loc(this.a, m.stage.span),
        beforeAt: this.loc(this.b, this.b.map.keys.get('stages'), true),
      });
    }
    this.steps();
  }

  private steps(): void {
    // Steps of an added stage are part of that one change, unless they moved there.
    for (const m of this.stagesA) {
      const reordered = notInLongestIncreasing(
        m.match ? m.match.steps.filter((s) => s.match && s.match.stage === m).map((s) => s.match!.index) : [],
      );
      let prev = -0.5;
      const slot = new Map<StepNode, number>();
      for (const s of m.steps) slot.set(s, s.index);
      if (m.match) {
        for (const s of m.match.steps) {
          if (s.match && s.match.stage === m) prev = s.match.index;
          else if (!s.match) slot.set(s, prev + 0.5 + s.index / (m.match.steps.length + 1) / 4);
        }
      }
      const key = (s: StepNode) => [SECTION.stages, m.index, 4, slot.get(s)!];
      for (const s of m.steps) {
        if (!s.match) {
          if (m.match) {
            this.emit([...key(s), 0], { kind: 'step-added', path: [m.item, s.item], message: 'step added', afterAt: this.loc(this.a, s.step.span), beforeAt: this.loc(this.b, m.match.stage.span, true) });
          }
          continue;
        }
        const bs = s.match;
        if (bs.stage.match !== m) {
          this.emit([...key(s), 0], {
            kind: 'step-moved',
            path: [m.item, s.item],
            before: bs.stage.item.name,
            after: m.item.name,
            message: `moved from ${bs.stage.item.name} to ${m.item.name}`,
            beforeAt: this.loc(this.b, bs.step.span),
            afterAt: this.loc(this.a, s.step.span),
          });
        } else if (reordered.has(s.index)) {
          this.emit([...key(s), 0], {
            kind: 'step-reordered',
            path: [m.item, s.item],
            before: String(bs.index + 1),
            after: String(s.index + 1),
            message: `moved from position ${bs.index + 1} to ${s.index + 1} in ${m.item.name}`,
            beforeAt: this.loc(this.b, bs.step.span),
            afterAt: this.loc(this.a, s.step.span),
          });
        }
        this.stepFields(bs, s, key(s));
      }
      if (m.match) {
        for (const bs of m.match.steps) {
          if (bs.match) continue;
          this.emit([...key(bs), 0], { kind: 'step-removed', path: [m.item, bs.item], message: 'step removed', beforeAt: this.loc(this.b, bs.step.span), afterAt: this.loc(this.a, m.stage.span, true) });
        }
      }
    }
  }

  private stepFields(b: StepNode, a: StepNode, key: number[]): void {
    const path = [a.stage.item, a.item];
    this.compareFields('step', comparableFields('step', b.step as never, STEP_SKIP), comparableFields('step', a.step as never, STEP_SKIP), path, [...key, 1], b.step.span, a.step.span, () => 'step-changed');
    this.emotion(b, a, path, [...key, 2]);
    this.texts(path, 'pains', b.step.pains, a.step.pains, 'pain-added', 'pain-resolved', 'pain', [...key, 3], b.step.span, a.step.span);
    this.texts(path, 'joys', b.step.joys, a.step.joys, 'joy-added', 'joy-removed', 'joy', [...key, 4], b.step.span, a.step.span);
    this.texts(path, 'evidence', b.step.evidence.map((e) => e.text), a.step.evidence.map((e) => e.text), 'evidence-added', 'evidence-removed', 'evidence', [...key, 5], b.step.span, a.step.span);
    this.opportunities(path, b.step.opportunities, a.step.opportunities, [...key, 6], b.step.span, a.step.span);
    this.items(path, b.step.kpis, a.step.kpis, [...key, 7], b.step.span, a.step.span);
  }

  private emotion(b: StepNode, a: StepNode, path: readonly PathItem[], key: number[]): void {
    const eb = b.step.emotion;
    const ea = a.step.emotion;
    if (emotionKey(eb) === emotionKey(ea)) return;
    const base = { path, field: 'emotion' };
    const at = { beforeAt: eb ? this.loc(this.b, eb.span) : this.loc(this.b, b.step.span, true), afterAt: ea ? this.loc(this.a, ea.span) : this.loc(this.a, a.step.span, true) };
    if (!eb || !ea) {
      const kind: ChangeKind = eb ? 'emotion-removed' : 'emotion-added';
      const e = (eb ?? ea)!;
      this.emit(key, {
        ...base,
        kind,
        ...(eb ? { before: emotionLabel(eb) } : { after: emotionLabel(ea!) }),
        ...(e.score !== undefined ? { score: eb ? { before: e.score } : { after: e.score } } : {}),
        message: eb ? `emotion removed (was ${emotionLabel(eb)})` : `emotion ${emotionLabel(ea!)}`,
        ...at,
      });
      return;
    }
    const sb = eb.score;
    const sa = ea.score;
    const kind: ChangeKind = sb !== undefined && sa !== undefined && sa < sb ? 'emotion-dropped' : sb !== undefined && sa !== undefined && sa > sb ? 'emotion-rose' : 'emotion-changed';
    const score = sb !== undefined || sa !== undefined ? { score: { ...(sb !== undefined ? { before: sb } : {}), ...(sa !== undefined ? { after: sa } : {}) } } : {};
    this.emit(key, { ...base, kind, before: emotionLabel(eb), after: emotionLabel(ea), ...score, message: `emotion ${emotionLabel(eb)} → ${emotionLabel(ea)}`, ...at });
  }

  private texts(
    path: readonly PathItem[],
    field: string,
    before: readonly Text[],
    after: readonly Text[],
    added: ChangeKind,
    removed: ChangeKind,
    noun: string,
    key: number[],
    parentB: Span,
    parentA: Span,
  ): void {
    const pairs = matchBy(before, after, [(t) => normalizeText(t.value)]);
    pairs.forEach(([bi, ai], order) => {
      if (bi !== undefined && ai !== undefined) return;
      const t = bi !== undefined ? before[bi] : after[ai!];
      const value = normalizeText(t.value);
      const verb = bi !== undefined ? (removed === 'pain-resolved' ? 'resolved' : 'removed') : 'added';
      this.emit([...key, order], {
        kind: bi !== undefined ? removed : added,
        path,
        field,
        ...(bi !== undefined ? { before: value } : { after: value }),
        message: `${noun} ${verb}: ${show(value)}`,
        beforeAt: bi !== undefined ? this.loc(this.b, t.span) : this.loc(this.b, parentB, true),
        afterAt: ai !== undefined ? this.loc(this.a, t.span) : this.loc(this.a, parentA, true),
      });
    });
  }

  // --- diagnostics ---------------------------------------------------------------------

  private diagnostics(): void {
    type Entry = { key: string; path: PathItem[]; d: { code: DiagnosticCode; severity: string; message: string; span: Span } };
    // A diagnostic in a renamed or moved node keeps its identity: the key uses the after side's names.
    const collect = (s: Side, nodes: StageNode[]): Entry[] => {
      const out: Entry[] = [];
      for (const d of s.analysis?.diagnostics ?? []) {
        if (d.severity !== 'error' && d.severity !== 'warning') continue;
        const at = nodeAt(nodes, d.span.start);
        const path = at.map((x) => x.item);
        const name = (i: PathItem) => `${i.type}:${i.id ?? ''}:${i.name}`;
        const ident = at.map((x) => (x.match ? `=${name(s === this.b ? x.match.item : x.item)}` : name(x.item)));
        out.push({ key: `${d.code}\u0000${d.severity}\u0000${d.message}\u0000${ident.join('/')}`, path, d });
      }
      return out;
    };
    const eb = collect(this.b, this.stagesB);
    const ea = collect(this.a, this.stagesA);
    const pairs = matchBy(eb, ea, [(e) => e.key]);
    pairs.forEach(([bi, ai], order) => {
      if (bi !== undefined && ai !== undefined) return;
      const e = bi !== undefined ? eb[bi] : ea[ai!];
      const isError = e.d.severity === 'error';
      const kind: ChangeKind = bi !== undefined ? (isError ? 'error-fixed' : 'warning-fixed') : isError ? 'error-introduced' : 'warning-introduced';
      this.emit([SECTION.diagnostics, ai !== undefined ? 0 : 1, order], {
        kind,
        path: e.path,
        code: e.d.code,
        message: `${bi !== undefined ? 'fixed' : 'new'} ${e.d.severity} ${e.d.code}: ${oneLine(e.d.message)}`,
        ...(bi !== undefined ? { beforeAt: this.loc(this.b, e.d.span) } : { afterAt: this.loc(this.a, e.d.span) }),
      });
    });
  }

  // --- emotions --------------------------------------------------------------------------

  private emotions(): EmotionDiff {
    const stages: Array<{ slot: number; e: StageEmotion }> = [];
    const seen = new Set<StageNode>();
    for (const n of [...this.stagesA, ...this.stagesB]) {
      if (seen.has(n)) continue;
      seen.add(n);
      if (n.match) seen.add(n.match);
      const isA = n.index < this.stagesA.length && this.stagesA[n.index] === n;
      const bn = isA ? n.match : n;
      const an = isA ? n : undefined;
      const before = bn ? stats(bn) : undefined;
      const after = an ? stats(an) : undefined;
      if (!before && !after) continue;
      const direction: Direction = !before ? 'added' : !after ? 'removed' : after.mean > before.mean ? 'up' : after.mean < before.mean ? 'down' : 'same';
      stages.push({
        slot: this.stageSlot.get(n) ?? 0,
        e: { stage: (an ?? bn)!.item, ...(before ? { before } : {}), ...(after ? { after } : {}), direction },
      });
    }
    stages.sort((x, y) => x.slot - y.slot);
    const lowest = (s: Side, nodes: StageNode[]): Moment | undefined => {
      let best: StepNode | undefined;
      for (const st of nodes) for (const sp of st.steps) if (sp.step.emotion?.score !== undefined && (!best || sp.step.emotion.score < best.step.emotion!.score!)) best = sp;
      if (!best) return undefined;
      const e = best.step.emotion!;
      return { path: [best.stage.item, best.item], score: e.score!, emotion: emotionLabel(e), at: this.loc(s, e.span)! };
    };
    const lb = lowest(this.b, this.stagesB);
    const la = lowest(this.a, this.stagesA);
    return { stages: stages.map((s) => s.e), lowest: { ...(lb ? { before: lb } : {}), ...(la ? { after: la } : {}) } };
  }
}

// --- matching --------------------------------------------------------------------------

function stageNodes(map: JourneyMap, locale: Locale): StageNode[] {
  return map.stages.map((stage, index) => {
    const node: StageNode = {
      stage,
      index,
      item: { type: 'stage', ...(stage.id ? { id: stage.id.value } : {}), name: stageLabel(stage, index, locale) },
      steps: [],
    };
    stage.steps.forEach((step, i) => node.steps.push({ step, index: i, stage: node, item: { type: 'step', ...(step.id ? { id: step.id.value } : {}), name: stepLabel(step, i) } }));
    return node;
  });
}

/** Where a step sits: its stage's index and its index within that stage. */
export interface StepAt {
  readonly stage: number;
  readonly step: number;
}

/** Which node of the old map became which node of the new one, as diffMaps decides it. */
export interface JourneyMatch {
  /** for each old stage, the index of the new stage it became (undefined: removed) */
  readonly stages: ReadonlyArray<number | undefined>;
  /** for each old stage, for each of its steps, where that step is now (undefined: removed) */
  readonly steps: ReadonlyArray<ReadonlyArray<StepAt | undefined>>;
}

/**
 * The stage and step pairing behind diffMaps, for consumers that draw both versions in one
 * layout (the visual diff): they must pair nodes exactly as the change list does.
 */
export function matchJourney(before: JourneyMap, after: JourneyMap): JourneyMatch {
  const B = stageNodes(before, mapLocale(before));
  const A = stageNodes(after, mapLocale(after));
  matchStages(B, A);
  matchSteps(B, A);
  return {
    stages: B.map((n) => n.match?.index),
    steps: B.map((n) => n.steps.map((s) => (s.match ? { stage: s.match.stage.index, step: s.match.index } : undefined))),
  };
}

/**
 * Pairs items of two lists by a sequence of keys: the first key pairs what it can (in
 * order, duplicates one to one), the next key pairs what is left, and so on. Returns the
 * pairs in an order that follows `after`, with unmatched `before` items placed after their
 * last matched predecessor, so output reads like the new list with removals in place.
 */
function matchBy<T>(before: readonly T[], after: readonly T[], keys: Array<(t: T) => string | undefined>): Array<[number | undefined, number | undefined]> {
  const mb = new Array<number | undefined>(before.length).fill(undefined);
  const ma = new Array<number | undefined>(after.length).fill(undefined);
  for (const keyOf of keys) {
    const pool = new Map<string, number[]>();
    after.forEach((t, i) => {
      if (ma[i] !== undefined) return;
      const k = keyOf(t);
      if (k === undefined) return;
      const list = pool.get(k);
      if (list) list.push(i);
      else pool.set(k, [i]);
    });
    before.forEach((t, i) => {
      if (mb[i] !== undefined) return;
      const k = keyOf(t);
      if (k === undefined) return;
      const list = pool.get(k);
      const j = list?.shift();
      if (j === undefined) return;
      mb[i] = j;
      ma[j] = i;
    });
  }
  const out: Array<{ slot: number; pair: [number | undefined, number | undefined] }> = [];
  after.forEach((_, j) => out.push({ slot: j, pair: [ma[j], j] }));
  let prev = -0.5;
  before.forEach((_, i) => {
    if (mb[i] !== undefined) prev = mb[i]!;
    else out.push({ slot: prev + 0.5 + i / (before.length + 1) / 4, pair: [i, undefined] });
  });
  return out.sort((x, y) => x.slot - y.slot).map((o) => o.pair);
}

function stepKeys(s: StepNode): string[] {
  const keys: string[] = [];
  if (s.step.id) keys.push(`id:${s.step.id.value}`);
  if (s.step.name) keys.push(`name:${normalizeText(s.step.name.value)}`);
  return keys;
}

function matchStages(B: StageNode[], A: StageNode[]): void {
  const byId = new Map<string, StageNode[]>();
  for (const a of A) if (a.stage.id) (byId.get(a.stage.id.value) ?? byId.set(a.stage.id.value, []).get(a.stage.id.value)!).push(a);
  for (const b of B) {
    if (!b.stage.id) continue;
    const a = byId.get(b.stage.id.value)?.shift();
    if (a) link(b, a);
  }
  // An id that changed while the steps stayed is a rename; so is a stage without steps that kept its name.
  const candidates: Array<{ score: number; b: StageNode; a: StageNode }> = [];
  const restA = A.filter((a) => !a.match);
  const keysA = new Map(restA.map((a) => [a, new Set(a.steps.flatMap(stepKeys))]));
  for (const b of B) {
    if (b.match) continue;
    for (const a of restA) {
      let score = 0;
      if (b.steps.length && a.steps.length) {
        const ka = keysA.get(a)!;
        const common = b.steps.filter((s) => stepKeys(s).some((k) => ka.has(k))).length;
        score = common / Math.max(b.steps.length, a.steps.length);
      } else if (!b.steps.length && !a.steps.length && b.stage.name && a.stage.name && normalizeText(b.stage.name.value) === normalizeText(a.stage.name.value)) {
        score = 1;
      }
      if (score >= 0.5) candidates.push({ score, b, a });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.b.index - y.b.index || x.a.index - y.a.index);
  for (const c of candidates) if (!c.b.match && !c.a.match) link(c.b, c.a);
  // Stages without ids (a broken map) still pair up when nothing about them changed.
  const sig = (n: StageNode) => `${signature('stage', n.stage as never)}\u0000${n.steps.map((s) => [...stepFacts(s), ...stepKeys(s)].sort().join('\u0001')).join('\u0002')}`;
  const pool = new Map<string, StageNode[]>();
  for (const a of A) if (!a.match) (pool.get(sig(a)) ?? pool.set(sig(a), []).get(sig(a))!).push(a);
  for (const b of B) {
    if (b.match) continue;
    const a = pool.get(sig(b))?.shift();
    if (a) link(b, a);
  }
}

/** Ids first, then names (same stage first), then content similarity (same stage first). */
function matchSteps(B: StageNode[], A: StageNode[]): void {
  const allB = B.flatMap((n) => n.steps);
  const allA = A.flatMap((n) => n.steps);
  const byKey = (keyOf: (s: StepNode) => string | undefined, sameStageOnly: boolean) => {
    const pool = new Map<string, StepNode[]>();
    for (const a of allA) {
      if (a.match) continue;
      const k = keyOf(a);
      if (k === undefined) continue;
      (pool.get(k) ?? pool.set(k, []).get(k)!).push(a);
    }
    for (const b of allB) {
      if (b.match) continue;
      const k = keyOf(b);
      if (k === undefined) continue;
      const list = pool.get(k);
      if (!list) continue;
      const i = sameStageOnly ? list.findIndex((a) => !a.match && b.stage.match === a.stage) : list.findIndex((a) => !a.match);
      if (i >= 0) {
        link(b, list[i]);
        list.splice(i, 1);
      }
    }
  };
  byKey((s) => (s.step.id ? s.step.id.value : undefined), false);
  const name = (s: StepNode) => (s.step.name ? normalizeText(s.step.name.value) : undefined);
  byKey(name, true);
  byKey(name, false);
  // Steps with neither id nor name: identical content is the same step.
  const sig = (s: StepNode) => (s.step.id || s.step.name ? undefined : [...stepFacts(s)].sort().join('\u0000'));
  byKey(sig, true);
  byKey(sig, false);
  const restB = allB.filter((s) => !s.match);
  const restA = allA.filter((s) => !s.match);
  // Similarity is quadratic; past this many pairs the rest stay added and removed.
  if (!restB.length || !restA.length || restB.length * restA.length > 40_000) return;
  const candidates: Array<{ score: number; b: StepNode; a: StepNode }> = [];
  for (const b of restB) {
    const fb = stepFacts(b);
    if (!fb.size) continue;
    for (const a of restA) {
      const fa = stepFacts(a);
      if (!fa.size) continue;
      let common = 0;
      for (const f of fb) if (fa.has(f)) common++;
      const dice = (2 * common) / (fb.size + fa.size);
      if (dice >= 0.5) candidates.push({ score: dice + (b.stage.match === a.stage ? 0.01 : 0), b, a });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.b.index - y.b.index || x.a.index - y.a.index);
  for (const c of candidates) if (!c.b.match && !c.a.match) link(c.b, c.a);
}

function link<T extends { match?: T }>(b: T, a: T): void {
  b.match = a;
  a.match = b;
}

/** What a step says, apart from its name and id: for recognising a renamed step. */
function stepFacts(s: StepNode): Set<string> {
  if (s.facts) return s.facts;
  const facts = new Set<string>();
  for (const [k, v] of comparableFields('step', s.step as never, new Set(['id', 'name', 'opportunities', 'kpis']))) {
    if (typeof v.display === 'string') facts.add(`${k}=${v.canon}`);
    else for (const item of v.display) facts.add(`${k}=${normalizeText(item)}`);
  }
  if (s.step.emotion) facts.add(`emotion=${emotionKey(s.step.emotion)}`);
  for (const o of s.step.opportunities) if (o.text) facts.add(`opportunity=${normalizeText(o.text.value)}`);
  for (const k of s.step.kpis) if (k.name) facts.add(`kpi=${normalizeText(k.name.value)}`);
  s.facts = facts;
  return facts;
}

/** Indices (values) of `seq` outside one longest increasing subsequence: the ones that moved. */
function notInLongestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const tailIdx: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  seq.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
    tailIdx[lo] = i;
    prev[i] = lo > 0 ? tailIdx[lo - 1] : -1;
  });
  const keep = new Set<number>();
  for (let i = tails.length ? tailIdx[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(seq[i]);
  return new Set(seq.filter((v) => !keep.has(v)));
}

// --- values ----------------------------------------------------------------------------

/**
 * A node's comparable fields, read through the schema table so no field can be forgotten:
 * text lists compare as multisets, custom lanes as `lanes.<id>`, lists of objects are
 * left to their own matching (the caller skips them).
 */
export function comparableFields(object: ObjectName, node: Record<string, unknown>, skip: ReadonlySet<string>): Map<string, FieldVal> {
  const out = new Map<string, FieldVal>();
  for (const spec of SCHEMA[object]) {
    if (skip.has(spec.key) || spec.type.t === 'list' || spec.type.t === 'emotion') continue;
    const v = node[spec.key === 'cjm' ? 'version' : spec.key];
    if (v === undefined || v === null) continue;
    if (spec.type.t === 'lanes') {
      for (const lv of v as LaneValue[]) {
        const val = listVal(lv.values);
        if (val) out.set(`lanes.${lv.lane.id}`, { ...val, span: lv.values.length ? { start: lv.values[0].span.start, end: lv.values[lv.values.length - 1].span.end } : lv.lane.span });
      }
    } else if (spec.type.t === 'text' || spec.type.t === 'evidence') {
      const texts = (v as Array<Text | { text: Text }>).map((t) => ('text' in t && typeof t.text === 'object' ? t.text : (t as Text)));
      const val = listVal(texts);
      if (val) out.set(spec.key, val);
    } else if (spec.type.t === 'ref') {
      const r = v as { id: string; span: Span };
      out.set(spec.key, { display: oneLine(r.id), canon: r.id, span: r.span });
    } else {
      const t = v as Text;
      const n = normalizeText(t.value);
      out.set(spec.key, { display: n, canon: n, span: t.span });
    }
  }
  return out;
}

/** Everything a node says, as one string: pairs nodes that have no id or name to go by. */
function signature(object: ObjectName, node: Record<string, unknown>): string {
  return [...comparableFields(object, node, NO_SKIP)].map(([k, v]) => `${k}=${v.canon}`).join('\u0000');
}

function listVal(texts: readonly Text[]): FieldVal | undefined {
  const items = texts.map((t) => normalizeText(t.value)).filter((s) => s !== '');
  if (!items.length) return undefined;
  const span = { start: texts[0].span.start, end: texts[texts.length - 1].span.end };
  if (items.length === 1) return { display: items[0], canon: items[0], span };
  return { display: items, canon: [...items].sort().join('\u0000'), span };
}

function emotionKey(e: Emotion | undefined): string {
  if (!e) return '';
  if (e.info) return `id:${e.info.id}`;
  if (e.score !== undefined) return `score:${e.score}`;
  return `raw:${normalizeText(e.raw)}`;
}

function kpiText(k: Kpi): string {
  const name = oneLine(k.name?.value ?? '') || 'KPI';
  const parts = [k.current && `current ${oneLine(k.current.value)}`, k.target && `target ${oneLine(k.target.value)}`].filter(Boolean);
  return parts.length ? `${name} (${parts.join(', ')})` : name;
}

/** A value inside a sentence: free text in quotes, one-word values bare. */
export function show(v: DiffValue): string {
  if (typeof v !== 'string') return v.map(show).join('; ');
  return /^[\p{L}\p{N}_.%+−-]+$/u.test(v) ? v : JSON.stringify(v);
}

function nodeAt(nodes: StageNode[], offset: number): Array<StageNode | StepNode> {
  for (const st of nodes) {
    if (offset < st.stage.span.start || offset > st.stage.span.end) continue;
    for (const sp of st.steps) if (offset >= sp.step.span.start && offset <= sp.step.span.end) return [st, sp];
    return [st];
  }
  return [];
}

function stats(n: StageNode): EmotionStats | undefined {
  const scores = n.steps.map((s) => s.step.emotion?.score).filter((x): x is number => x !== undefined);
  if (!scores.length) return undefined;
  const mean = scores.reduce((x, y) => x + y, 0) / scores.length;
  return { lowest: Math.min(...scores), mean: Math.round(mean * 100) / 100, count: scores.length };
}

function compareKeys(x: number[], y: number[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

// --- summary ---------------------------------------------------------------------------

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summarize(changes: readonly Change[], emotions: EmotionDiff, identical: boolean): DiffSummary {
  const counts: Partial<Record<ChangeKind, number>> = {};
  const bySeverity: Record<ChangeSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const c of changes) {
    counts[c.kind] = (counts[c.kind] ?? 0) + 1;
    bySeverity[c.severity]++;
  }
  const n = (k: ChangeKind) => counts[k] ?? 0;
  const pathKey = (p: readonly PathItem[]) => p.map((x) => `${x.type}:${x.id ?? ''}:${x.name}`).join('/');
  const structural = changes.filter((c) => !c.kind.startsWith('error-') && !c.kind.startsWith('warning-'));
  const stageOf = (c: Change) => (c.path[0]?.type === 'stage' ? pathKey([c.path[0]]) : undefined);
  const touchedStages = new Set(structural.map(stageOf).filter((x): x is string => !!x));
  const stepKinds = new Set<ChangeKind>(['step-added', 'step-removed']);
  const changedSteps = new Set(structural.filter((c) => c.path.length >= 2 && c.path[1].type === 'step' && !stepKinds.has(c.kind)).map((c) => pathKey(c.path.slice(0, 2))));
  const stages = { added: n('stage-added'), removed: n('stage-removed'), changed: Math.max(0, touchedStages.size - n('stage-added') - n('stage-removed')) };
  const steps = { added: n('step-added'), removed: n('step-removed'), moved: n('step-moved'), changed: changedSteps.size };
  const errors = { introduced: n('error-introduced'), fixed: n('error-fixed') };

  let headline: string;
  if (identical) headline = 'no changes';
  else if (!changes.length) headline = 'formatting only: no change to the journey';
  else {
    const mapLevel = structural.filter((c) => !stageOf(c));
    const single = touchedStages.size === 1 && !stages.added && !stages.removed && !mapLevel.length ? [...touchedStages][0] : undefined;
    const first: string[] = [];
    if (!single) {
      if (stages.added) first.push(`${plural(stages.added, 'stage')} added`);
      if (stages.removed) first.push(`${plural(stages.removed, 'stage')} removed`);
      if (stages.changed) first.push(`${plural(stages.changed, 'stage')} changed`);
    }
    if (steps.added) first.push(`${plural(steps.added, 'step')} added`);
    if (steps.removed) first.push(`${plural(steps.removed, 'step')} removed`);
    if (steps.moved) first.push(`${plural(steps.moved, 'step')} moved`);
    const changedOnly = steps.changed - steps.moved;
    if (changedOnly > 0) first.push(`${plural(changedOnly, 'step')} changed`);
    const moves = emotions.stages
      .filter((s) => s.before && s.after && s.before.mean !== s.after.mean)
      .sort((x, y) => Math.abs(y.after!.mean - y.before!.mean) - Math.abs(x.after!.mean - x.before!.mean))
      .slice(0, 2);
    for (const s of moves) first.push(`${single ? '' : `${s.stage.name} `}emotion ${formatScore(s.before!.mean)} → ${formatScore(s.after!.mean)}`);
    if (single) {
      const own = structural.filter((c) => c.path.length === 1 || (c.path.length === 2 && c.path[1].type !== 'step'));
      const renamed = own.filter((c) => c.kind === 'stage-renamed').length;
      const movedStage = own.filter((c) => c.kind === 'stage-moved').length;
      if (renamed) first.unshift(`stage renamed from ${show(changes.find((c) => c.kind === 'stage-renamed')!.before!)}`);
      if (movedStage) first.unshift('stage moved');
      if (own.length - renamed - movedStage) first.push(`${plural(own.length - renamed - movedStage, 'stage-level change')}`);
    }
    // Map-level changes by kind: "title changed", "1 persona added", "2 channels changed".
    const byKind = new Map<ChangeKind, number>();
    for (const c of mapLevel) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
    for (const [kind, count] of byKind) {
      if (kind === 'title-changed' || kind === 'kind-changed') first.push(`${kind.split('-')[0]} changed`);
      else if (kind === 'map-changed') first.push(`${plural(count, 'map field')} changed`);
      else {
        const [noun, verb] = kind.split('-');
        first.push(`${count} ${count === 1 ? noun : noun === 'opportunity' ? 'opportunities' : noun === 'kpi' ? 'KPIs' : `${noun}s`} ${verb}`.replace(/^1 kpi /, '1 KPI '));
      }
    }
    const second: string[] = [];
    if (n('pain-added')) second.push(`${plural(n('pain-added'), 'pain')} added`);
    if (n('pain-resolved')) second.push(`${plural(n('pain-resolved'), 'pain')} resolved`);
    if (n('joy-added')) second.push(`${plural(n('joy-added'), 'joy')} added`);
    if (n('joy-removed')) second.push(`${plural(n('joy-removed'), 'joy')} removed`);
    const third = [`${errors.introduced} new error${errors.introduced === 1 ? '' : 's'}`];
    if (errors.fixed) third.push(`${plural(errors.fixed, 'error')} fixed`);
    if (n('warning-introduced')) third.push(`${n('warning-introduced')} new warning${n('warning-introduced') === 1 ? '' : 's'}`);
    if (n('warning-fixed')) third.push(`${plural(n('warning-fixed'), 'warning')} fixed`);
    const groups = [first.join(', '), second.join(', '), third.join(', ')].filter(Boolean);
    const label = single ? changes.find((c) => stageOf(c) === single)!.path[0].name : '';
    headline = (label ? `${label}: ` : '') + groups.join('; ');
  }
  return { counts, bySeverity, stages, steps, errors, headline };
}
