/**
 * The visual diff: two versions of a map drawn as ONE grid, the preview's own (html.ts), with
 * every change of diffMaps marked where it happened. Columns are the union of both versions'
 * steps, paired exactly as the change list pairs them (core matchJourney): steps of the new
 * version in order, removed ones kept in place, a step that moved to another stage shown at
 * its new place and as a ghost at its old one. Because the layout is the union, the Changes,
 * Before and After modes are one DOM with a class on the root (see media/diff.css): nothing
 * moves when the reviewer switches.
 *
 * Browser-safe (no Node, no DOM): it runs in the extension host, the browser build and tests.
 */
import {
  Analysis, Change, ChangeKind, ChangeSeverity, DiffValue, JourneyMap, Locale, MapDiff, MapText, Span, Step, analyze, changedFieldName, mapLanguage, matchJourney, splitsByPersona, tn,
} from '@cjm/core';
import { changeKindLabel } from './diff-labels';
import type { DiffMark, MarkStatus, StageDiffMark, StepDiffMark } from './view';
import { nameHtml } from './diff-marks';
import { escapeHtml as esc } from './escape';
import { renderGrid } from './html';
import { label } from './labels';
import { buildView } from './layout';
import type { SvgComparison } from './svg';
import type { CurveView, EmotionView, Item, LaneKey, LaneView, MapView, StageView, StepView } from './view';

export type ChangeGroup = 'added' | 'removed' | 'changed' | 'moved' | 'problems';
export const CHANGE_GROUPS: readonly ChangeGroup[] = ['added', 'removed', 'changed', 'moved', 'problems'];

/** One line of the change list. */
export interface ChangeEntry {
  /** index into MapDiff.changes (and the `data-change` of the grid elements showing it) */
  readonly index: number;
  readonly kind: ChangeKind;
  readonly group: ChangeGroup;
  readonly severity: ChangeSeverity;
  /** the kind in the chosen language */
  readonly label: string;
  /** `Checkout › Pays` */
  readonly path: string;
  /** the changed field: its key (or a problem's code) as code, or, for a reader of another language, its name in words */
  readonly field?: string;
  readonly fieldIsCode?: boolean;
  readonly before?: string;
  readonly after?: string;
  /** false when no grid element shows it (personas, channels, map fields…): the list is the only place */
  readonly marked: boolean;
}

export interface DiffView {
  readonly locale: Locale;
  /** the union grid, with marks */
  readonly view: MapView;
  readonly title: { readonly before?: string; readonly after?: string };
  /** the change indices the title shows */
  readonly titleChanges: readonly number[];
  readonly changes: readonly ChangeEntry[];
  readonly counts: Readonly<Record<ChangeGroup, number>>;
  readonly identical: boolean;
  readonly formattingOnly: boolean;
  /** which versions have an emotion curve (at least two scored steps) */
  readonly curves: { readonly before: boolean; readonly after: boolean };
}

export function changeGroup(kind: ChangeKind): ChangeGroup {
  if (kind === 'stage-added' || kind === 'step-added') return 'added';
  if (kind === 'stage-removed' || kind === 'step-removed') return 'removed';
  if (kind === 'stage-moved' || kind === 'step-moved' || kind === 'step-reordered') return 'moved';
  if (/^(error|warning)-/.test(kind)) return 'problems';
  return 'changed';
}

// --- the union of both versions ----------------------------------------------------------

type ColumnKind = 'same' | 'added' | 'removed' | 'moved' | 'moved-away';

interface UStage {
  readonly b?: number;
  readonly a?: number;
  readonly slot: number;
  columns: UColumn[];
}

interface UColumn {
  readonly b?: { stage: number; step: number };
  readonly a?: { stage: number; step: number };
  readonly kind: ColumnKind;
  readonly slot: number;
}

interface Marks {
  status?: MarkStatus;
  changes: number[];
  before?: string;
  note?: string;
}

const mark = (): Marks => ({ changes: [] });

function union(b: MapText, a: MapText): UStage[] {
  const mb = b.map;
  const ma = a.map;
  const m = matchJourney(b, a);
  const stageFrom = new Map<number, number>();
  m.stages.forEach((ai, bi) => ai !== undefined && stageFrom.set(ai, bi));
  const stepFrom = new Map<string, { stage: number; step: number }>();
  m.steps.forEach((list, bi) => list.forEach((to, ti) => to && stepFrom.set(`${to.stage}/${to.step}`, { stage: bi, step: ti })));

  // Stages: the new order; a removed stage sits after the stage that preceded it before (as in the change list).
  const stages: UStage[] = ma.stages.map((_, ai) => ({ a: ai, b: stageFrom.get(ai), slot: ai, columns: [] }));
  let prev = -0.5;
  mb.stages.forEach((_, bi) => {
    const ai = m.stages[bi];
    if (ai !== undefined) prev = ai;
    else stages.push({ b: bi, slot: prev + 0.5 + (bi + 1) / (mb.stages.length + 2) / 4, columns: [] });
  });
  stages.sort((x, y) => x.slot - y.slot);

  for (const u of stages) {
    const cols: UColumn[] = [];
    if (u.a !== undefined) {
      ma.stages[u.a].steps.forEach((_, ti) => {
        const from = stepFrom.get(`${u.a}/${ti}`);
        const kind: ColumnKind = !from ? 'added' : from.stage === u.b ? 'same' : 'moved';
        cols.push({ a: { stage: u.a!, step: ti }, b: from, kind, slot: ti });
      });
    }
    if (u.b !== undefined) {
      const steps = mb.stages[u.b].steps;
      let last = -0.5;
      steps.forEach((_, ti) => {
        const to = m.steps[u.b!][ti];
        if (to && u.a !== undefined && to.stage === u.a) {
          last = to.step;
          return;
        }
        const slot = u.a === undefined ? ti : last + 0.5 + (ti + 1) / (steps.length + 2) / 4;
        cols.push({ b: { stage: u.b!, step: ti }, kind: to ? 'moved-away' : 'removed', slot });
      });
    }
    cols.sort((x, y) => x.slot - y.slot);
    u.columns = cols;
  }
  return stages;
}

// --- items -------------------------------------------------------------------------------

const signature = (it: Item) => [it.text, it.tone ?? '', it.icon ?? '', ...it.badges.map((b) => `${b.kind}:${b.text}`)].join('\u0000');

/** Both versions of a cell: unchanged items once, the new order, each removed item just before what replaced it. */
export function mergeItems(before: readonly Item[], after: readonly Item[]): Item[] {
  const pool = new Map<string, number[]>();
  before.forEach((it, i) => {
    const k = signature(it);
    pool.set(k, [...(pool.get(k) ?? []), i]);
  });
  const matchOfAfter = after.map((it) => {
    const list = pool.get(signature(it));
    return list?.length ? list.shift() : undefined;
  });
  const matched = new Set(matchOfAfter.filter((x): x is number => x !== undefined));
  const out: Item[] = [];
  let j = 0;
  const flushRemoved = (upTo: number) => {
    for (; j < upTo; j++) if (!matched.has(j)) out.push({ ...before[j], diff: 'removed' });
  };
  after.forEach((it, i) => {
    const k = matchOfAfter[i];
    if (k === undefined) {
      // The removed items up to the next kept one read as "old → new" next to this added item.
      let next = j;
      while (next < before.length && !matched.has(next)) next++;
      flushRemoved(next);
      out.push({ ...it, diff: 'added' });
    } else {
      flushRemoved(k);
      j = Math.max(j, k + 1);
      out.push(it);
    }
  });
  flushRemoved(before.length);
  return out;
}

const differs = (items: readonly Item[]) => items.some((i) => i.diff);

// --- where a change is shown ----------------------------------------------------------------

const STEP_FIELD_LANES: Record<string, LaneKey | 'head'> = {
  id: 'head', name: 'head', criticality: 'head', persona: 'head',
  action: 'actions', touchpoint: 'touchpoints', channel: 'touchpoints',
  thoughts: 'thoughts', questions: 'thoughts', goals: 'goals', expectations: 'expectations',
  frontstage: 'frontstage', backstage: 'backstage', support: 'support', owner: 'owners', notes: 'notes',
  evidence: 'evidence',
};

function stepLaneOf(c: Change): LaneKey | 'head' {
  switch (c.kind) {
    case 'emotion-dropped': case 'emotion-rose': case 'emotion-changed': case 'emotion-added': case 'emotion-removed':
      return 'emotion';
    case 'pain-added': case 'pain-resolved': case 'pain-reworded': return 'pains';
    case 'joy-added': case 'joy-removed': case 'joy-reworded': return 'joys';
    case 'evidence-added': case 'evidence-removed': return 'evidence';
    case 'opportunity-added': case 'opportunity-removed': case 'opportunity-changed': return 'opportunities';
    case 'kpi-added': case 'kpi-removed': case 'kpi-changed': return 'kpis';
    case 'step-changed':
      if (c.field?.startsWith('lanes.')) return `lane:${c.field.slice(6)}`;
      return STEP_FIELD_LANES[c.field ?? ''] ?? 'head';
    default:
      return 'head';
  }
}

const inside = (span: Span, offset: number) => offset >= span.start && offset < Math.max(span.end, span.start + 1);

// --- the view ------------------------------------------------------------------------------

const EMPTY_TEXT = '';

/** Two versions (null: no file on that side) and their diff → the union grid with marks and the change list. */
export function buildDiffView(before: Analysis | null, after: Analysis | null, diff: MapDiff, locale: Locale): DiffView {
  const empty = (before && after) ? undefined : analyze(EMPTY_TEXT).map;
  const mb = before?.map ?? empty!;
  const ma = after?.map ?? empty!;
  const tb = { map: mb, text: before?.text ?? EMPTY_TEXT };
  const ta = { map: ma, text: after?.text ?? EMPTY_TEXT };
  const vb = buildView(mb, locale, mapLanguage(mb, tb.text), { curves: 'one' });
  const va = buildView(ma, locale, mapLanguage(ma, ta.text), { curves: 'one' });
  // Both versions drawn per persona: a curve per persona on each side (dashed = before). When
  // only one side is split (personas added or dropped), the two single curves still compare.
  const perPersona = !!before && !!after && splitsByPersona(mb) && splitsByPersona(ma);
  const stages = union(tb, ta);
  const stepView = (v: MapView, at: { stage: number; step: number }) => v.steps[v.stages[at.stage].firstColumn + at.step];
  const stepModel = (m: JourneyMap, at: { stage: number; step: number }): Step => m.stages[at.stage].steps[at.step];

  // Marks, filled from the columns' kinds first, then from the change list.
  const cols = stages.flatMap((u, ui) => u.columns.map((c) => ({ u: ui, c, head: mark(), cells: new Map<LaneKey, Marks>() })));
  const stageMarks = stages.map(() => ({ head: mark(), rows: new Map<'stageOpportunities' | 'stageKpis', Marks>() }));
  const titleChanges: number[] = [];
  const marked = new Set<number>();

  const cellOf = (col: (typeof cols)[number], lane: LaneKey) => {
    let m = col.cells.get(lane);
    if (!m) col.cells.set(lane, (m = mark()));
    return m;
  };

  const findColumn = (c: Change) => {
    const tries: Array<[(col: (typeof cols)[number]) => Step | undefined, Change['afterAt']]> = [
      [(col) => (col.c.a ? stepModel(ma, col.c.a) : undefined), c.afterAt && !c.afterAt.parent ? c.afterAt : undefined],
      [(col) => (col.c.b && col.c.kind !== 'moved' ? stepModel(mb, col.c.b) : undefined), c.beforeAt && !c.beforeAt.parent ? c.beforeAt : undefined],
      [(col) => (col.c.a ? stepModel(ma, col.c.a) : undefined), c.afterAt],
      [(col) => (col.c.b && col.c.kind !== 'moved' ? stepModel(mb, col.c.b) : undefined), c.beforeAt],
    ];
    for (const [model, at] of tries) {
      if (!at) continue;
      const hit = cols.find((col) => {
        const s = model(col);
        return s && inside(s.span, at.span.start);
      });
      if (hit) return hit;
    }
    return undefined;
  };
  const findStage = (c: Change) => {
    const a = c.afterAt && !c.afterAt.parent ? c.afterAt.span.start : undefined;
    const b = c.beforeAt && !c.beforeAt.parent ? c.beforeAt.span.start : undefined;
    let i = a === undefined ? -1 : stages.findIndex((u) => u.a !== undefined && inside(ma.stages[u.a].span, a));
    if (i < 0 && b !== undefined) i = stages.findIndex((u) => u.b !== undefined && inside(mb.stages[u.b].span, b));
    return i < 0 ? undefined : i;
  };

  diff.changes.forEach((c, i) => {
    if (c.kind === 'title-changed') {
      titleChanges.push(i);
      marked.add(i);
      return;
    }
    if (c.path[1]?.type === 'step') {
      const col = findColumn(c);
      if (!col) return;
      marked.add(i);
      const lane = stepLaneOf(c);
      if (lane === 'head') col.head.changes.push(i);
      else cellOf(col, lane).changes.push(i);
      if (c.kind === 'step-changed' && c.field === 'name' && typeof c.before === 'string') col.head.before = c.before;
      if (c.kind === 'step-reordered') {
        col.head.status = 'moved';
        col.head.note = `${label('wasPosition', locale)}${c.before}`;
      }
      if (c.kind === 'step-moved') {
        // The ghost at the old place points at the same change.
        const ghost = cols.find((g) => g.c.kind === 'moved-away' && g.c.b && col.c.b && g.c.b.stage === col.c.b.stage && g.c.b.step === col.c.b.step);
        ghost?.head.changes.push(i);
      }
      return;
    }
    if (c.path[0]?.type === 'stage') {
      const ui = findStage(c);
      if (ui === undefined) return;
      marked.add(i);
      const sm = stageMarks[ui];
      const rowKey = c.kind.startsWith('kpi-') ? 'stageKpis' : c.kind.startsWith('opportunity-') ? 'stageOpportunities' : undefined;
      if (rowKey) {
        const r = sm.rows.get(rowKey) ?? mark();
        r.changes.push(i);
        sm.rows.set(rowKey, r);
      } else sm.head.changes.push(i);
      if (c.kind === 'stage-moved') {
        sm.head.status = 'moved';
        sm.head.note = `${label('wasPosition', locale)}${c.before}`;
      }
    }
  });

  // The union StepViews and StageViews.
  const steps: StepView[] = [];
  const stageViews: StageView[] = [];
  let colIndex = 0;
  stages.forEach((u, ui) => {
    const first = steps.length;
    const own = cols.filter((x) => x.u === ui);
    for (const col of own) {
      const { c } = col;
      const av = c.a ? stepView(va, c.a) : undefined;
      const bv = c.b ? stepView(vb, c.b) : undefined;
      const base = (c.kind === 'removed' || c.kind === 'moved-away' ? bv : av)!;
      const cells: Partial<Record<LaneKey, readonly Item[]>> = {};
      if (av && bv) {
        for (const k of new Set([...Object.keys(av.cells), ...Object.keys(bv.cells)]) as Set<LaneKey>) {
          const merged = mergeItems(bv.cells[k] ?? [], av.cells[k] ?? []);
          if (merged.length) cells[k] = merged;
          if (differs(merged)) cellOf(col, k);
        }
      } else Object.assign(cells, base.cells);
      const status: MarkStatus | undefined = c.kind === 'same' ? col.head.status : c.kind;
      const only = c.kind === 'added' || c.kind === 'moved' ? 'after' : c.kind === 'removed' || c.kind === 'moved-away' ? 'before' : undefined;
      if (c.kind === 'moved' && bv) col.head.note = `${label('movedFrom', locale)} ${vb.stages[c.b!.stage].name}`;
      if (c.kind === 'moved-away') {
        const to = stages.find((s) => s.columns.some((x) => x.kind === 'moved' && x.b?.stage === c.b!.stage && x.b.step === c.b!.step));
        if (to?.a !== undefined) col.head.note = `${label('movedTo', locale)} ${va.stages[to.a].name}`;
      }
      // The old curve runs through the old places: here unless the step came from another stage.
      const emotionBefore: EmotionView | undefined = c.kind === 'moved' ? undefined : bv?.emotion;
      const emotion = c.kind === 'removed' || c.kind === 'moved-away' ? undefined : av?.emotion;
      const cellMarks: Partial<Record<LaneKey, DiffMark>> = {};
      for (const [k, m] of col.cells) cellMarks[k] = { changes: m.changes, status: 'changed' };
      const headChanged = col.head.changes.length > 0 || !!col.head.before;
      const anyChange = headChanged || col.cells.size > 0;
      const diffMark: StepDiffMark = {
        status: status ?? (anyChange ? 'changed' : undefined),
        changes: col.head.changes,
        ...(col.head.before ? { before: col.head.before } : {}),
        ...(col.head.note ? { note: col.head.note } : {}),
        ...(only ? { only } : {}),
        cells: cellMarks,
        ...(emotionBefore ? { emotionBefore } : {}),
      };
      steps.push({ ...base, column: colIndex++, stageIndex: ui, placeholder: false, emotion, cells, diff: diffMark });
    }
    const as = u.a !== undefined ? va.stages[u.a] : undefined;
    const bs = u.b !== undefined ? vb.stages[u.b] : undefined;
    const baseStage = (as ?? bs)!;
    if (steps.length === first) {
      steps.push({
        column: colIndex++, stageIndex: ui, name: label('noSteps', locale), span: baseStage.span, placeholder: true, cells: {},
        diff: { status: !as ? 'removed' : !bs ? 'added' : undefined, changes: [], cells: {}, ...(!as ? { only: 'before' as const } : !bs ? { only: 'after' as const } : {}) },
      });
    }
    const sm = stageMarks[ui];
    const merge = (pick: (s: StageView) => readonly Item[]) => (as && bs ? mergeItems(pick(bs), pick(as)) : pick(baseStage));
    const opportunities = merge((s) => s.opportunities);
    const kpis = merge((s) => s.kpis);
    const rows: { stageOpportunities?: DiffMark; stageKpis?: DiffMark } = {};
    const rowMark = (key: 'stageOpportunities' | 'stageKpis', items: readonly Item[]) => {
      const r = sm.rows.get(key);
      if (r || differs(items)) rows[key] = { status: 'changed', changes: r?.changes ?? [] };
    };
    rowMark('stageOpportunities', opportunities);
    rowMark('stageKpis', kpis);
    const renamed = as && bs && as.name !== bs.name ? bs.name : undefined;
    const description = merge((s) => s.description);
    const goals = merge((s) => s.goals);
    const expectations = merge((s) => s.expectations);
    const stageStatus: MarkStatus | undefined = !as ? 'removed' : !bs ? 'added' : sm.head.status ?? (sm.head.changes.length || renamed || differs([...description, ...goals, ...expectations]) ? 'changed' : undefined);
    const stageMark: StageDiffMark = {
      status: stageStatus,
      changes: sm.head.changes,
      ...(renamed ? { before: renamed } : {}),
      ...(sm.head.note ? { note: sm.head.note } : {}),
      ...(!as ? { only: 'before' as const } : !bs ? { only: 'after' as const } : {}),
      rows,
    };
    stageViews.push({
      ...baseStage, index: ui, firstColumn: first, columns: steps.length - first,
      description, goals, expectations, opportunities, kpis, diff: stageMark,
    });
  });

  const personaCurves = perPersona ? unionCurves(mb, ma, locale, tb.text, ta.text, stages, steps) : undefined;
  if (personaCurves) {
    // The per-persona curves replace the single ones; the marks of the emotion cells stay.
    steps.forEach((st, i) => {
      const { emotion: _e, ...rest } = st;
      const { emotionBefore: _b, ...mark } = st.diff!;
      steps[i] = { ...rest, diff: mark };
    });
  }
  const lanes = personaCurves ? unionLanes(personaCurves.lanes.before, personaCurves.lanes.after, steps, personaCurves) : unionLanes(vb.lanes, va.lanes, steps);
  const view: MapView = {
    ...va,
    title: after ? va.title : vb.title,
    description: [],
    personas: [],
    stages: stageViews,
    steps,
    lanes,
    hasStageOpportunities: stageViews.some((s) => s.opportunities.length),
    hasStageKpis: stageViews.some((s) => s.kpis.length),
    lineOfVisibility: va.lineOfVisibility || vb.lineOfVisibility,
    journeyKpis: [],
    backlog: [],
    sources: [],
    channels: [],
    notes: [],
    curves: personaCurves?.after ?? [],
    ...(personaCurves ? { curvesBefore: personaCurves.before } : {}),
  };

  const pathText = (c: Change) => c.path.map((p) => p.name).join(' › ');
  const value = (v: DiffValue | undefined) => (v === undefined ? undefined : typeof v === 'string' ? v : v.join('; '));
  const changes: ChangeEntry[] = diff.changes.map((c, index) => ({
    index,
    kind: c.kind,
    group: changeGroup(c.kind),
    severity: c.severity,
    label: changeKindLabel(c.kind, locale),
    path: pathText(c),
    // An English reader sees the key as written (code); a reader of another language, its name in words.
    ...(c.field ? { field: changedFieldName(c.kind, c.field, locale), fieldIsCode: locale === 'en' } : c.code ? { field: c.code, fieldIsCode: true } : {}),
    ...(value(c.before) !== undefined ? { before: value(c.before) } : {}),
    ...(value(c.after) !== undefined ? { after: value(c.after) } : {}),
    marked: marked.has(index),
  }));
  const counts = Object.fromEntries(CHANGE_GROUPS.map((g) => [g, changes.filter((c) => c.group === g).length])) as Record<ChangeGroup, number>;
  const scored = (v: MapView) => v.steps.filter((s) => s.emotion?.score !== undefined).length > 1;
  const scoredCurves = (list: readonly CurveView[]) => list.some((c) => c.points.filter((p) => p.emotion.score !== undefined).length > 1);
  return {
    locale,
    view,
    title: { before: before ? vb.title : undefined, after: after ? va.title : undefined },
    titleChanges,
    changes,
    counts,
    identical: diff.identical,
    formattingOnly: diff.formattingOnly,
    curves: personaCurves
      ? { before: scoredCurves(personaCurves.before), after: scoredCurves(personaCurves.after) }
      : { before: !!before && scored(vb), after: !!after && scored(va) },
  };
}

/**
 * Each version's persona curves moved onto the union grid's columns. The old curve runs
 * through the old places (a step that moved is on it at its ghost), the new one through the
 * new places. A persona keeps the new version's index (its colour in the future map's own
 * preview); one only the old version has takes the next free index.
 */
function unionCurves(mb: JourneyMap, ma: JourneyMap, locale: Locale, textB: string, textA: string, stages: readonly UStage[], steps: readonly StepView[]): { before: CurveView[]; after: CurveView[]; lanes: { before: readonly LaneView[]; after: readonly LaneView[] } } {
  const pb = buildView(mb, locale, mapLanguage(mb, textB));
  const pa = buildView(ma, locale, mapLanguage(ma, textA));
  const colB = new Map<number, number>();
  const colA = new Map<number, number>();
  let col = 0;
  for (const u of stages) {
    if (!u.columns.length) {
      col++;
      continue;
    }
    for (const c of u.columns) {
      if (c.a) colA.set(pa.stages[c.a.stage].firstColumn + c.a.step, col);
      if (c.b && c.kind !== 'moved') colB.set(pb.stages[c.b.stage].firstColumn + c.b.step, col);
      col++;
    }
  }
  const move = (curve: CurveView, cols: Map<number, number>, index: number): CurveView => ({
    ...curve,
    index,
    points: curve.points.flatMap((p) => {
      const at = cols.get(p.column);
      return at === undefined ? [] : [{ ...p, column: at, stepName: steps[at]?.name ?? p.stepName }];
    }),
  });
  const after = pa.curves.map((c) => move(c, colA, c.index));
  let next = Math.max(-1, ...after.map((c) => c.index)) + 1;
  const before = pb.curves.map((c) => {
    const same = after.find((a) => a.persona === c.persona);
    return move(c, colB, same ? same.index : next++);
  });
  // A step with only per-persona emotions has no single one: the persona views know the emotion lane is there.
  return { before: before.filter((c) => c.points.length), after: after.filter((c) => c.points.length), lanes: { before: pb.lanes, after: pa.lanes } };
}

/** The lanes of both versions, in the new version's order, an old-only lane after its old predecessor. */
function unionLanes(before: readonly LaneView[], after: readonly LaneView[], steps: readonly StepView[], curves?: { before: readonly CurveView[]; after: readonly CurveView[] }): LaneView[] {
  const out = [...after];
  const has = (k: LaneKey) => out.some((l) => l.key === k);
  before.forEach((l, i) => {
    if (has(l.key)) return;
    const prevKey = before.slice(0, i).reverse().find((p) => has(p.key))?.key;
    const at = prevKey ? out.findIndex((p) => p.key === prevKey) + 1 : 0;
    out.splice(at, 0, l);
  });
  // A lane needs content in some column (or, for emotions, a marker on either curve).
  const curved = !!curves && [...curves.before, ...curves.after].some((c) => c.points.length);
  return out.filter((l) => (l.key === 'emotion' ? curved || steps.some((s) => s.emotion || s.diff?.emotionBefore) : steps.some((s) => s.cells[l.key]?.length)));
}

// --- HTML ------------------------------------------------------------------------------------

const GROUP_LABEL = { added: 'diffAdded', removed: 'diffRemoved', changed: 'diffChanged', moved: 'diffMoved', problems: 'diffProblems' } as const;

/** The legend; `curves` names the two curves (the visual diff says before/after, a baseline overlay names the states). */
export function legendHtml(dv: DiffView, curves: { before: string; after: string } = { before: label('curveBefore', dv.locale), after: label('curveAfter', dv.locale) }): string {
  const l = (k: Parameters<typeof label>[0]) => esc(label(k, dv.locale));
  const total = dv.changes.length;
  const groups = CHANGE_GROUPS.filter((g) => g !== 'problems' || dv.counts.problems).map((g) =>
    `<span class="cjm-legend-item cjm-legend-${g}" data-group="${g}" data-count="${dv.counts[g]}"><span class="cjm-swatch" aria-hidden="true"></span>${l(GROUP_LABEL[g])}: <b>${dv.counts[g]}</b></span>`);
  const curveItems = [
    dv.curves.before ? `<span class="cjm-legend-item cjm-legend-curve-before"><svg width="28" height="8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4"/></svg>${esc(curves.before)}</span>` : '',
    dv.curves.after ? `<span class="cjm-legend-item cjm-legend-curve-after"><svg width="28" height="8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4"/></svg>${esc(curves.after)}</span>` : '',
  ].join('');
  const note = dv.identical || dv.formattingOnly ? `<p class="cjm-diff-note-banner">${l(dv.formattingOnly ? 'formattingOnly' : 'noChanges')}</p>` : '';
  return `<div class="cjm-legend" data-total="${total}"><span class="cjm-legend-total"><b>${total}</b> ${l('changeCount')}</span>${groups.join('')}${curveItems}</div>${note}`;
}

/**
 * The words of a comparison picture (render/svg.ts `SvgComparison`): the legend's counts and
 * curve names and the change list, the same the HTML legend and list show.
 */
export function comparisonWords(dv: DiffView, curves: { before: string; after: string } = { before: label('curveBefore', dv.locale), after: label('curveAfter', dv.locale) }, subtitle?: string): SvgComparison {
  const groups = CHANGE_GROUPS.filter((g) => g !== 'problems' || dv.counts.problems).map((g) => ({ group: g, label: label(GROUP_LABEL[g], dv.locale), count: dv.counts[g] }));
  const entries = dv.changes.map((c) => {
    const values = c.before !== undefined && c.after !== undefined ? `${c.before} → ${c.after}` : c.after ?? c.before ?? '';
    return { group: c.group, text: [c.label, c.path, c.field, values].filter(Boolean).join(' · ') };
  });
  return {
    ...(subtitle ? { subtitle } : {}),
    total: tn(dv.locale, dv.changes.length, '{0} change', '{0} changes', dv.changes.length),
    groups,
    curves: { ...(dv.curves.before ? { before: curves.before } : {}), ...(dv.curves.after ? { after: curves.after } : {}) },
    changeList: { heading: label('changeList', dv.locale), entries },
  };
}

export function changeListHtml(dv: DiffView): string {
  if (!dv.changes.length) return '';
  const items = dv.changes.map((c) => {
    const values = c.before !== undefined || c.after !== undefined
      ? `<span class="cjm-change-values">${c.before !== undefined ? `<del>${esc(c.before)}</del>` : ''}${c.before !== undefined && c.after !== undefined ? '<span class="cjm-diff-arrow" aria-hidden="true"> → </span>' : ''}${c.after !== undefined ? `<ins>${esc(c.after)}</ins>` : ''}</span>`
      : '';
    return `<li class="cjm-change cjm-change-${c.group} cjm-severity-${c.severity}${c.marked ? '' : ' cjm-unmarked'}" data-change="${c.index}" data-kind="${c.kind}" tabindex="0">`
      + `<span class="cjm-change-kind">${esc(c.label)}</span>`
      + (c.path ? `<span class="cjm-change-path">${esc(c.path)}</span>` : '')
      + (c.field ? (c.fieldIsCode ? `<code class="cjm-change-field">${esc(c.field)}</code>` : `<span class="cjm-change-field cjm-change-field-words">${esc(c.field)}</span>`) : '')
      + values + '</li>';
  });
  return `<section class="cjm-change-list-box"><h2>${esc(label('changeList', dv.locale))}</h2><ol class="cjm-change-list">${items.join('')}</ol></section>`;
}

/**
 * The whole visual diff as one HTML fragment: title, legend, the union grid, the change list.
 * The root starts in the Changes mode (`cjm-mode-changes`); the webview switches the class.
 */
export function renderDiffViewHtml(dv: DiffView): string {
  const { before, after } = dv.title;
  const titleMark = { changes: dv.titleChanges, ...(before !== undefined && after !== undefined && before !== after ? { before } : {}) };
  const noFile = esc(label('noFile', dv.locale));
  const title = after === undefined ? `<del class="cjm-diff-was">${esc(before ?? '')}</del> → ${noFile}` : before === undefined ? `${noFile} → <ins class="cjm-diff-now">${esc(after)}</ins>` : nameHtml(after, titleMark);
  const v = dv.view;
  return `<div class="cjm-map cjm-diff cjm-mode-changes" data-cjm-root="" data-diff-root="" data-locale="${v.locale}" data-steps="${v.steps.length}" data-stages="${v.stages.length}" data-changes="${dv.changes.length}">`
    + `<header class="cjm-header"><div class="cjm-title-row"><h1 class="cjm-title"${dv.titleChanges.length ? ` data-change="${dv.titleChanges.join(' ')}"` : ''}>${title}</h1>`
    + (v.kindLabel ? `<span class="cjm-kind cjm-kind-${esc(v.kind ?? '')}">${esc(v.kindLabel)}</span>` : '') + '</div>'
    + legendHtml(dv) + '</header>'
    + `<div class="cjm-grid-scroll">${renderGrid(v)}</div>`
    + changeListHtml(dv)
    + '</div>';
}

/** Convenience for the CLI, tests and the extension: two analyses → the visual diff's HTML. */
export function renderDiffHtml(before: Analysis | null, after: Analysis | null, diff: MapDiff, locale: Locale): string {
  return renderDiffViewHtml(buildDiffView(before, after, diff, locale));
}
