/**
 * What the change list adds up to: the emotion statistics (each stage's lowest and mean
 * score before and after, in journey order, and each side's lowest moment) and the summary
 * (counts by kind and severity, stages and steps touched, errors introduced and fixed, and
 * the one-line headline a reviewer reads first). Pure functions of the matched nodes and
 * the sorted changes; diffMaps calls them last.
 */
import { emotionLabel } from '../labels';
import type { Span } from '../text';
import { formatScore } from '../vocabulary/emotions';
import type { StageNode, StepNode } from './match';
import type { Change, ChangeKind, ChangeSeverity, DiffLocation, DiffSummary, Direction, EmotionDiff, EmotionStats, Moment, PathItem, StageEmotion } from './types';
import { show } from './values';

// --- emotions --------------------------------------------------------------------------

/** Where a span of one side is, for that side's locations. */
export type Locate = (span: Span) => DiffLocation | undefined;

/**
 * The emotion part of a diff: `B` and `A` are the matched stage nodes of both sides, `slot`
 * each stage's place in journey order (keyed by either side's node), `at` locates a span on
 * the before and the after side.
 */
export function emotionDiff(B: readonly StageNode[], A: readonly StageNode[], slot: ReadonlyMap<StageNode, number>, at: { readonly before: Locate; readonly after: Locate }): EmotionDiff {
  const stages = stageEmotions(B, A, slot);
  const lb = lowestMoment(B, at.before);
  const la = lowestMoment(A, at.after);
  return { stages, lowest: { ...(lb ? { before: lb } : {}), ...(la ? { after: la } : {}) } };
}

/** Every stage with a known score on either side, in journey order, with the direction of its mean. */
function stageEmotions(B: readonly StageNode[], A: readonly StageNode[], slot: ReadonlyMap<StageNode, number>): StageEmotion[] {
  const stages: Array<{ slot: number; e: StageEmotion }> = [];
  const seen = new Set<StageNode>();
  for (const n of [...A, ...B]) {
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.match) seen.add(n.match);
    const isA = n.index < A.length && A[n.index] === n;
    const bn = isA ? n.match : n;
    const an = isA ? n : undefined;
    const before = bn ? stats(bn) : undefined;
    const after = an ? stats(an) : undefined;
    if (!before && !after) continue;
    const direction: Direction = !before ? 'added' : !after ? 'removed' : after.mean > before.mean ? 'up' : after.mean < before.mean ? 'down' : 'same';
    stages.push({
      slot: slot.get(n) ?? 0,
      e: { stage: (an ?? bn)!.item, ...(before ? { before } : {}), ...(after ? { after } : {}), direction },
    });
  }
  stages.sort((x, y) => x.slot - y.slot);
  return stages.map((s) => s.e);
}

/** One side's lowest moment: the first step with the lowest score. */
function lowestMoment(nodes: readonly StageNode[], at: Locate): Moment | undefined {
  let best: StepNode | undefined;
  for (const st of nodes) for (const sp of st.steps) if (sp.step.emotion?.score !== undefined && (!best || sp.step.emotion.score < best.step.emotion!.score!)) best = sp;
  if (!best) return undefined;
  const e = best.step.emotion!;
  return { path: [best.stage.item, best.item], score: e.score!, emotion: emotionLabel(e), at: at(e.span)! };
}

/** A stage's lowest and mean score (to two decimals) over its steps with a known score. */
function stats(n: StageNode): EmotionStats | undefined {
  const scores = n.steps.map((s) => s.step.emotion?.score).filter((x): x is number => x !== undefined);
  if (!scores.length) return undefined;
  const mean = scores.reduce((x, y) => x + y, 0) / scores.length;
  return { lowest: Math.min(...scores), mean: Math.round(mean * 100) / 100, count: scores.length };
}

// --- summary ---------------------------------------------------------------------------

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Counts and the headline of a sorted change list; `emotions` supplies the stage means the headline quotes. */
export function summarize(changes: readonly Change[], emotions: EmotionDiff, identical: boolean): DiffSummary {
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
