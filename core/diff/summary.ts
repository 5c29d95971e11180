/**
 * What the change list adds up to: the emotion statistics (each stage's lowest and mean
 * score before and after, in journey order, and each side's lowest moment) and the summary
 * (counts by kind and severity, stages and steps touched, errors introduced and fixed, and
 * the one-line headline a reviewer reads first). Pure functions of the matched nodes and
 * the sorted changes; diffMaps calls them last.
 */
import { emotionLabel } from '../labels';
import { Msg, format, msg, plural } from '../l10n';
import type { Locale } from '../vocabulary/locale';
import type { Span } from '../text';
import { formatScore } from '../vocabulary/emotions';
import type { StageNode, StepNode } from './match';
import type { Change, ChangeKind, ChangeSeverity, DiffLocation, DiffSummary, Direction, EmotionDiff, EmotionStats, Moment, PathItem, PersonaStageEmotion, StageEmotion } from './types';
import type { Emotion, Step } from '../model';
import { stepEmotions } from '../personaCurves';
import { show } from './values';

// --- emotions --------------------------------------------------------------------------

/** Where a span of one side is, for that side's locations. */
export type Locate = (span: Span) => DiffLocation | undefined;

/**
 * The emotion part of a diff: `B` and `A` are the matched stage nodes of both sides, `slot`
 * each stage's place in journey order (keyed by either side's node), `at` locates a span on
 * the before and the after side.
 */
export function emotionDiff(
  B: readonly StageNode[],
  A: readonly StageNode[],
  slot: ReadonlyMap<StageNode, number>,
  at: { readonly before: Locate; readonly after: Locate },
  locales: { readonly before: Locale; readonly after: Locale; readonly words: Locale } = { before: 'en', after: 'en', words: 'en' },
  personaNames: ReadonlyMap<string, string> = new Map(),
): EmotionDiff {
  const stages = stageEmotions(B, A, slot, personaNames);
  const lowB = lowestStep(B);
  // On a tie, the after side keeps the step that was lowest before if it is still exactly as
  // low: "X −3 → Y −3" would read as a move when X is still where it was.
  const stillLow = lowB?.match && lowestEmotion(lowB.match.step)?.score === lowestEmotion(lowB.step)?.score ? lowB.match : undefined;
  const lowA = lowestStep(A, stillLow);
  const lb = lowB && moment(lowB, at.before, locales.before, locales.words);
  const la = lowA && moment(lowA, at.after, locales.after, locales.words);
  return { stages, lowest: { ...(lb ? { before: lb } : {}), ...(la ? { after: la } : {}) } };
}

/** Every stage with a known score on either side, in journey order, with the direction of its mean. */
function stageEmotions(B: readonly StageNode[], A: readonly StageNode[], slot: ReadonlyMap<StageNode, number>, names: ReadonlyMap<string, string>): StageEmotion[] {
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
    const personas = personaStats(bn, an, names);
    stages.push({
      slot: slot.get(n) ?? 0,
      e: { stage: (an ?? bn)!.item, ...(before ? { before } : {}), ...(after ? { after } : {}), direction, ...(personas.length ? { personas } : {}) },
    });
  }
  stages.sort((x, y) => x.slot - y.slot);
  return stages.map((s) => s.e);
}

/** One side's lowest moment: the first step with the lowest score, or `prefer` when it ties for lowest. */
function lowestStep(nodes: readonly StageNode[], prefer?: StepNode): StepNode | undefined {
  let best: StepNode | undefined;
  const low = (sp: StepNode) => lowestEmotion(sp.step)?.score;
  for (const st of nodes) for (const sp of st.steps) if (low(sp) !== undefined && (!best || low(sp)! < low(best)!)) best = sp;
  if (best && prefer && prefer !== best && low(prefer) === low(best)) return prefer;
  return best;
}

/** The step's lowest understood emotion: its single one, or the lowest of its personas'. */
function lowestEmotion(step: Step): Emotion | undefined {
  let best: Emotion | undefined;
  for (const e of stepEmotions(step).values()) if (e.score !== undefined && (!best || e.score < best.score!)) best = e;
  return best;
}

function moment(sp: StepNode, at: Locate, locale: Locale, words: Locale): Moment {
  const e = lowestEmotion(sp.step)!;
  const persona = sp.step.personaEmotions.find((pe) => pe.emotion === e)?.persona.id;
  return { path: [sp.stage.item, sp.item], score: e.score!, emotion: emotionLabel(e, locale, words), at: at(e.span)!, ...(persona !== undefined ? { persona } : {}) };
}

/** Per persona, a stage's statistics on each side; empty unless a side writes emotions per persona. */
function personaStats(bn: StageNode | undefined, an: StageNode | undefined, names: ReadonlyMap<string, string>): PersonaStageEmotion[] {
  const ids: string[] = [];
  for (const n of [an, bn]) for (const s of n?.steps ?? []) for (const pe of s.step.personaEmotions) if (!ids.includes(pe.persona.id)) ids.push(pe.persona.id);
  return ids.map((persona) => {
    const side = (n: StageNode | undefined) => (n ? scoreStats(n.steps.map((s) => (s.step.personaEmotions.length ? s.step.personaEmotions.find((pe) => pe.persona.id === persona)?.emotion : s.step.emotion)?.score)) : undefined);
    const before = side(bn);
    const after = side(an);
    return { persona, name: names.get(persona) ?? persona, ...(before ? { before } : {}), ...(after ? { after } : {}) };
  });
}

/** A stage's lowest and mean score (to two decimals) over its steps with a known score, every persona's counted. */
function stats(n: StageNode): EmotionStats | undefined {
  return scoreStats(n.steps.flatMap((s) => [...stepEmotions(s.step).values()].map((e) => e.score)));
}

function scoreStats(all: ReadonlyArray<number | undefined>): EmotionStats | undefined {
  const scores = all.filter((x): x is number => x !== undefined);
  if (!scores.length) return undefined;
  const mean = scores.reduce((x, y) => x + y, 0) / scores.length;
  return { lowest: Math.min(...scores), mean: Math.round(mean * 100) / 100, count: scores.length };
}

// --- summary ---------------------------------------------------------------------------

/** Map-level changes in the headline, by kind: "title changed", "1 persona added", "2 KPIs changed". */
const MAP_LEVEL: Partial<Record<ChangeKind, (n: number) => Msg>> = {
  'title-changed': () => msg('title changed'),
  'kind-changed': () => msg('kind changed'),
  'map-changed': (n) => plural(n, '{0} map field changed', '{0} map fields changed'),
  'persona-added': (n) => plural(n, '{0} persona added', '{0} personas added'),
  'persona-removed': (n) => plural(n, '{0} persona removed', '{0} personas removed'),
  'persona-changed': (n) => plural(n, '{0} persona changed', '{0} personas changed'),
  'channel-added': (n) => plural(n, '{0} channel added', '{0} channels added'),
  'channel-removed': (n) => plural(n, '{0} channel removed', '{0} channels removed'),
  'channel-changed': (n) => plural(n, '{0} channel changed', '{0} channels changed'),
  'team-added': (n) => plural(n, '{0} team added', '{0} teams added'),
  'team-removed': (n) => plural(n, '{0} team removed', '{0} teams removed'),
  'team-changed': (n) => plural(n, '{0} team changed', '{0} teams changed'),
  'source-added': (n) => plural(n, '{0} source added', '{0} sources added'),
  'source-removed': (n) => plural(n, '{0} source removed', '{0} sources removed'),
  'source-changed': (n) => plural(n, '{0} source changed', '{0} sources changed'),
  'lane-added': (n) => plural(n, '{0} lane added', '{0} lanes added'),
  'lane-removed': (n) => plural(n, '{0} lane removed', '{0} lanes removed'),
  'lane-changed': (n) => plural(n, '{0} lane changed', '{0} lanes changed'),
  'kpi-added': (n) => plural(n, '{0} KPI added', '{0} KPIs added'),
  'kpi-removed': (n) => plural(n, '{0} KPI removed', '{0} KPIs removed'),
  'kpi-changed': (n) => plural(n, '{0} KPI changed', '{0} KPIs changed'),
  'opportunity-added': (n) => plural(n, '{0} opportunity added', '{0} opportunities added'),
  'opportunity-removed': (n) => plural(n, '{0} opportunity removed', '{0} opportunities removed'),
  'opportunity-changed': (n) => plural(n, '{0} opportunity changed', '{0} opportunities changed'),
};

/** A map added or deleted as a whole: what its headline sums up. */
export interface WholeJourney {
  readonly status: 'added' | 'deleted';
  readonly stages: number;
  readonly steps: number;
  readonly lowest?: number;
  readonly highest?: number;
}

/** "new journey: 5 stages, 12 steps, emotions −2 … +3". */
function journeyHeadline(j: WholeJourney): Msg {
  const stages = plural(j.stages, '{0} stage', '{0} stages');
  const steps = plural(j.steps, '{0} step', '{0} steps');
  if (j.status === 'deleted') return msg('journey deleted: {0}, {1}', stages, steps);
  if (j.lowest === undefined || j.highest === undefined) return msg('new journey: {0}, {1}', stages, steps);
  return msg('new journey: {0}, {1}, emotions {2} … {3}', stages, steps, formatScore(j.lowest), formatScore(j.highest));
}

/** Counts and the headline of a sorted change list; `emotions` supplies the stage means the headline quotes. */
export function summarize(changes: readonly Change[], emotions: EmotionDiff, identical: boolean, locale: Locale = 'en', whole?: WholeJourney): DiffSummary {
  const say = (m: Msg) => format(locale, m);
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
  // Identical texts can still differ in meaning when a library they read changed.
  if (identical && !changes.length) headline = say(msg('no changes'));
  else if (whole) {
    const problems = [say(plural(errors.introduced, '{0} new error', '{0} new errors'))];
    if (n('warning-introduced')) problems.push(say(plural(n('warning-introduced'), '{0} new warning', '{0} new warnings')));
    headline = `${say(journeyHeadline(whole))}; ${problems.join(', ')}`;
  } else if (!changes.length) headline = say(msg('formatting only: no change to the journey'));
  else {
    const mapLevel = structural.filter((c) => !stageOf(c));
    const single = touchedStages.size === 1 && !stages.added && !stages.removed && !mapLevel.length ? [...touchedStages][0] : undefined;
    const first: string[] = [];
    if (!single) {
      if (stages.added) first.push(say(plural(stages.added, '{0} stage added', '{0} stages added')));
      if (stages.removed) first.push(say(plural(stages.removed, '{0} stage removed', '{0} stages removed')));
      if (stages.changed) first.push(say(plural(stages.changed, '{0} stage changed', '{0} stages changed')));
    }
    if (steps.added) first.push(say(plural(steps.added, '{0} step added', '{0} steps added')));
    if (steps.removed) first.push(say(plural(steps.removed, '{0} step removed', '{0} steps removed')));
    if (steps.moved) first.push(say(plural(steps.moved, '{0} step moved', '{0} steps moved')));
    const changedOnly = steps.changed - steps.moved;
    if (changedOnly > 0) first.push(say(plural(changedOnly, '{0} step changed', '{0} steps changed')));
    const moves = emotions.stages
      .filter((s) => s.before && s.after && s.before.mean !== s.after.mean)
      .sort((x, y) => Math.abs(y.after!.mean - y.before!.mean) - Math.abs(x.after!.mean - x.before!.mean))
      .slice(0, 2);
    // Stages where a step's feeling changed; elsewhere a mean moves only because steps came or went.
    const felt = new Set(structural.filter((c) => c.kind.startsWith('emotion-')).map(stageOf));
    for (const s of moves) {
      const from = formatScore(s.before!.mean, locale);
      const to = formatScore(s.after!.mean, locale);
      const key = pathKey([s.stage]);
      // Only the headline's own stage goes unnamed: any other stage's figure names its stage.
      const own = single === key;
      if (felt.has(key)) first.push(say(own ? msg('emotion {0} → {1}', from, to) : msg('{0} emotion {1} → {2}', s.stage.name, from, to)));
      else first.push(say(own ? msg('mean {0} → {1} because steps came or went', from, to) : msg('{0} mean {1} → {2} because steps came or went', s.stage.name, from, to)));
    }
    if (single) {
      const own = structural.filter((c) => c.path.length === 1 || (c.path.length === 2 && c.path[1].type !== 'step'));
      const renamed = own.filter((c) => c.kind === 'stage-renamed').length;
      const movedStage = own.filter((c) => c.kind === 'stage-moved').length;
      if (renamed) first.unshift(say(msg('stage renamed from {0}', show(changes.find((c) => c.kind === 'stage-renamed')!.before!))));
      if (movedStage) first.unshift(say(msg('stage moved')));
      if (own.length - renamed - movedStage) first.push(say(plural(own.length - renamed - movedStage, '{0} stage-level change', '{0} stage-level changes')));
    }
    // Map-level changes by kind: "title changed", "1 persona added", "2 channels changed".
    const byKind = new Map<ChangeKind, number>();
    for (const c of mapLevel) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
    for (const [kind, count] of byKind) {
      const m = MAP_LEVEL[kind];
      if (m) first.push(say(m(count)));
    }
    const second: string[] = [];
    if (n('pain-added')) second.push(say(plural(n('pain-added'), '{0} pain added', '{0} pains added')));
    if (n('pain-resolved')) second.push(say(plural(n('pain-resolved'), '{0} pain resolved', '{0} pains resolved')));
    if (n('joy-added')) second.push(say(plural(n('joy-added'), '{0} joy added', '{0} joys added')));
    if (n('joy-removed')) second.push(say(plural(n('joy-removed'), '{0} joy removed', '{0} joys removed')));
    if (n('pain-reworded')) second.push(say(plural(n('pain-reworded'), '{0} pain reworded', '{0} pains reworded')));
    if (n('joy-reworded')) second.push(say(plural(n('joy-reworded'), '{0} joy reworded', '{0} joys reworded')));
    const third = [say(plural(errors.introduced, '{0} new error', '{0} new errors'))];
    if (errors.fixed) third.push(say(plural(errors.fixed, '{0} error fixed', '{0} errors fixed')));
    if (n('warning-introduced')) third.push(say(plural(n('warning-introduced'), '{0} new warning', '{0} new warnings')));
    if (n('warning-fixed')) third.push(say(plural(n('warning-fixed'), '{0} warning fixed', '{0} warnings fixed')));
    const groups = [first.join(', '), second.join(', '), third.join(', ')].filter(Boolean);
    const label = single ? changes.find((c) => stageOf(c) === single)!.path[0].name : '';
    headline = (label ? `${label}: ` : '') + groups.join('; ');
  }
  return { counts, bySeverity, stages, steps, errors, headline };
}
