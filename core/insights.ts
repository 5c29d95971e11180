/**
 * Insight views over one map: where the journey hurts most, which pains nobody is working
 * on, how much of each stage rests on research, which opportunities to do first, and who
 * carries the work. Pure functions of the model, so the preview panel, the editor's code
 * lenses and `cjm render --format insights-md|insights-html` show the same numbers.
 */
import type { JourneyMap, Opportunity, Stage, Step, Text } from './model';
import type { Span } from './text';
import { resolveValue } from './vocabulary/words';
import type { Level } from './vocabulary/ids';

/** Where a step sits: indices into `map.stages` and the stage's `steps`. */
export interface StepPlace {
  readonly stage: number;
  readonly step: number;
  readonly span: Span;
}

export interface LowMoment extends StepPlace {
  readonly score: number;
}

export interface PainWithoutOpportunity extends StepPlace {
  readonly pain: Text;
}

export interface StageEvidence {
  readonly stage: number;
  readonly span: Span;
  /** steps whose `evidence:` names a source or a finding */
  readonly stepsWith: number;
  readonly stepsWithout: number;
  /** pains written in steps with evidence, and in steps without */
  readonly painsWith: number;
  readonly painsWithout: number;
}

/** An opportunity wherever it is written: in a step, a stage, or the map's backlog. */
export interface PlacedOpportunity {
  readonly opportunity: Opportunity;
  readonly span: Span;
  /** the stage it improves (written in, or pointed at), when known */
  readonly stage?: number;
  readonly step?: number;
  readonly impact?: Level;
  readonly effort?: Level;
  /** `done` and `rejected` ones are closed: they count in the matrix, not in the workload */
  readonly open: boolean;
}

export interface OwnerLoad {
  /** the team id as written in `owner:` */
  readonly owner: string;
  /** the declared team's name, when there is one */
  readonly name?: string;
  /** open opportunities the team would do */
  readonly opportunities: number;
  /** steps (customer actions) the team owns */
  readonly steps: number;
  readonly stages: number;
  readonly kpis: number;
}

export interface Insights {
  /** the persona the curve was read for (undefined: every step of the map) */
  readonly persona?: string;
  /** the steps with the lowest emotion, lowest first (negative ones; else the single lowest) */
  readonly lowestMoments: readonly LowMoment[];
  readonly painsWithoutOpportunities: readonly PainWithoutOpportunity[];
  readonly evidence: readonly StageEvidence[];
  /** every opportunity, for the impact × effort matrix (`matrixCell` sorts them into cells) */
  readonly opportunities: readonly PlacedOpportunity[];
  /** teams with work, most loaded first; then opportunities nobody owns */
  readonly workload: readonly OwnerLoad[];
  readonly unownedOpportunities: number;
}

export interface InsightOptions {
  /**
   * Read the curve for this persona only: the steps it is named on (`persona:`), and the
   * steps that name nobody when it is the map's default persona (or the only one).
   */
  readonly persona?: string;
  /** how many lowest moments at most (default 3) */
  readonly lowest?: number;
}

const CLOSED = new Set(['done', 'rejected']);

function level(t: Text | undefined): Level | undefined {
  return resolveValue('level', t?.value) as Level | undefined;
}

/** Whether a step is seen through a persona (see `InsightOptions.persona`). */
export function stepHasPersona(map: JourneyMap, step: Step, persona: string): boolean {
  if (step.personas.length) return step.personas.some((p) => p.id === persona);
  const fallback = map.persona?.id ?? (map.personas.length === 1 ? map.personas[0].id?.value : undefined);
  return fallback === persona;
}

/** The emotion score a step has for a persona (one curve per map today; per persona when steps carry one per persona). */
export function stepScore(map: JourneyMap, step: Step, persona?: string): number | undefined {
  if (persona !== undefined && !stepHasPersona(map, step, persona)) return undefined;
  return step.emotion?.score;
}

function* eachStep(map: JourneyMap): Generator<{ stage: Stage; st: Step; si: number; i: number }> {
  for (let si = 0; si < map.stages.length; si++) {
    const stage = map.stages[si];
    for (let i = 0; i < stage.steps.length; i++) yield { stage, st: stage.steps[i], si, i };
  }
}

export function lowestMoments(map: JourneyMap, options: InsightOptions = {}): LowMoment[] {
  const scored: LowMoment[] = [];
  for (const { st, si, i } of eachStep(map)) {
    const score = stepScore(map, st, options.persona);
    if (score !== undefined) scored.push({ stage: si, step: i, span: st.span, score });
  }
  // Stable: equal scores keep journey order, so the earliest of equal lows comes first.
  scored.sort((a, b) => a.score - b.score);
  const negative = scored.filter((m) => m.score < 0);
  return (negative.length ? negative : scored.slice(0, 1)).slice(0, options.lowest ?? 3);
}

/** Opportunities by where they are written or pointed at. */
export function placedOpportunities(map: JourneyMap): PlacedOpportunity[] {
  const out: PlacedOpportunity[] = [];
  const stepIndex = new Map<string, { stage: number; step: number }>();
  const stageIndex = new Map<string, number>();
  map.stages.forEach((sg, si) => {
    if (sg.id && !stageIndex.has(sg.id.value)) stageIndex.set(sg.id.value, si);
    sg.steps.forEach((st, i) => {
      if (st.id && !stepIndex.has(st.id.value)) stepIndex.set(st.id.value, { stage: si, step: i });
    });
  });
  const place = (o: Opportunity, stage?: number, step?: number): PlacedOpportunity => ({
    opportunity: o, span: o.span, stage, step, impact: level(o.impact), effort: level(o.effort),
    open: !CLOSED.has(resolveValue('status', o.status?.value) ?? ''),
  });
  for (const { st, si, i } of eachStep(map)) {
    for (const o of st.opportunities) out.push(place(o, si, i));
  }
  map.stages.forEach((sg, si) => sg.opportunities.forEach((o) => out.push(place(o, si))));
  for (const o of map.opportunities) {
    const at = o.step ? stepIndex.get(o.step.id) : undefined;
    out.push(place(o, at?.stage ?? (o.stage ? stageIndex.get(o.stage.id) : undefined), at?.step));
  }
  return out.filter((p) => p.opportunity.text?.value.trim());
}

/**
 * Pains in steps that no opportunity improves: none written in the step, none in the map's
 * backlog pointing at it by `step:`. (An opportunity does not name the pain it removes, so
 * a step with any opportunity counts as worked on.)
 */
export function painsWithoutOpportunities(map: JourneyMap, placed = placedOpportunities(map)): PainWithoutOpportunity[] {
  const worked = new Set(placed.filter((p) => p.step !== undefined).map((p) => `${p.stage}/${p.step}`));
  const out: PainWithoutOpportunity[] = [];
  for (const { st, si, i } of eachStep(map)) {
    if (worked.has(`${si}/${i}`)) continue;
    for (const pain of st.pains) if (pain.value.trim()) out.push({ stage: si, step: i, span: pain.span, pain });
  }
  return out;
}

/** Per stage: how many steps (and their pains) rest on evidence, and how many on nothing. */
export function evidenceCoverage(map: JourneyMap): StageEvidence[] {
  return map.stages.map((sg, si) => {
    let stepsWith = 0;
    let stepsWithout = 0;
    let painsWith = 0;
    let painsWithout = 0;
    for (const st of sg.steps) {
      const backed = st.evidence.some((e) => e.text.value.trim());
      const pains = st.pains.filter((p) => p.value.trim()).length;
      if (backed) {
        stepsWith++;
        painsWith += pains;
      } else {
        stepsWithout++;
        painsWithout += pains;
      }
    }
    return { stage: si, span: sg.span, stepsWith, stepsWithout, painsWith, painsWithout };
  });
}

/** The opportunities in one cell of the impact × effort matrix (`undefined`: not rated). */
export function matrixCell(placed: readonly PlacedOpportunity[], impact: Level | undefined, effort: Level | undefined): PlacedOpportunity[] {
  return placed.filter((p) => p.impact === impact && p.effort === effort);
}

/** Who carries the work: open opportunities, steps, stages and KPIs per `owner:` team. */
export function ownersWorkload(map: JourneyMap, placed = placedOpportunities(map)): { workload: OwnerLoad[]; unowned: number } {
  const names = new Map(map.teams.filter((tm) => tm.id).map((tm) => [tm.id!.value, tm.name?.value.trim() || undefined]));
  const loads = new Map<string, { opportunities: number; steps: number; stages: number; kpis: number }>();
  const load = (owner: string) => {
    let l = loads.get(owner);
    if (!l) loads.set(owner, (l = { opportunities: 0, steps: 0, stages: 0, kpis: 0 }));
    return l;
  };
  let unowned = 0;
  for (const p of placed) {
    if (!p.open) continue;
    if (p.opportunity.owner) load(p.opportunity.owner.id).opportunities++;
    else unowned++;
  }
  const kpiOwners = [...map.kpis];
  for (const sg of map.stages) {
    if (sg.owner) load(sg.owner.id).stages++;
    kpiOwners.push(...sg.kpis);
    for (const st of sg.steps) {
      if (st.owner) load(st.owner.id).steps++;
      kpiOwners.push(...st.kpis);
    }
  }
  for (const k of kpiOwners) if (k.owner) load(k.owner.id).kpis++;
  const workload = [...loads].map(([owner, l]) => ({ owner, ...(names.get(owner) ? { name: names.get(owner) } : {}), ...l }));
  // Most work first; equal loads keep the order the teams are declared in, then first use.
  const order = [...names.keys()];
  const rank = (o: string) => (order.includes(o) ? order.indexOf(o) : order.length);
  workload.sort((a, b) => (b.opportunities + b.steps) - (a.opportunities + a.steps) || rank(a.owner) - rank(b.owner));
  return { workload, unowned };
}

export function computeInsights(map: JourneyMap, options: InsightOptions = {}): Insights {
  const placed = placedOpportunities(map);
  const { workload, unowned } = ownersWorkload(map, placed);
  return {
    ...(options.persona !== undefined ? { persona: options.persona } : {}),
    lowestMoments: lowestMoments(map, options),
    painsWithoutOpportunities: painsWithoutOpportunities(map, placed),
    evidence: evidenceCoverage(map),
    opportunities: placed,
    workload,
    unownedOpportunities: unowned,
  };
}

/**
 * The personas whose curves differ enough to read one by one: declared personas that some
 * step is seen through. Empty for a map of one persona (its curve is the map's).
 */
export function insightPersonas(map: JourneyMap): string[] {
  const ids = map.personas.map((p) => p.id?.value).filter((id): id is string => !!id);
  if (ids.length < 2) return [];
  return ids.filter((id) => map.stages.some((sg) => sg.steps.some((st) => st.emotion && stepHasPersona(map, st, id))));
}
