/**
 * Which node of the old map is which node of the new one. Stages pair by id, then by the
 * steps they share (a renamed stage), then by identical content; steps by id, then by
 * name, then by identical content, then by content similarity, across stages (moves);
 * other lists by `matchBy`'s sequence of keys. Also the longest-increasing-subsequence
 * test that tells a moved item from one that merely shifted, and `matchJourney`, the same
 * pairing for consumers that draw both versions in one layout.
 */
import { stageLabel, stepLabel } from '../labels';
import { mapLanguage } from '../mapLanguage';
import type { JourneyMap, Stage, Step } from '../model';
import type { Locale } from '../vocabulary/locale';
import type { PathItem } from './types';
import { comparableFields, emotionKey, normalizeText, signature } from './values';

/** A stage of one side with its steps; `match` is its counterpart on the other side once paired. */
export interface StageNode {
  readonly stage: Stage;
  readonly index: number;
  readonly item: PathItem;
  readonly steps: StepNode[];
  match?: StageNode;
}

/** A step of one side; `facts` caches stepFacts for the similarity pass. */
export interface StepNode {
  readonly step: Step;
  readonly index: number;
  readonly stage: StageNode;
  readonly item: PathItem;
  match?: StepNode;
  facts?: Set<string>;
}

/** One side's stages and steps as unmatched nodes, labelled as people see them. */
export function stageNodes(map: JourneyMap, locale: Locale): StageNode[] {
  return map.stages.map((stage, index) => {
    const node: StageNode = {
      stage,
      index,
      item: { type: 'stage', ...(stage.id ? { id: stage.id.value } : {}), name: stageLabel(stage, index, locale) },
      steps: [],
    };
    stage.steps.forEach((step, i) => node.steps.push({ step, index: i, stage: node, item: { type: 'step', ...(step.id ? { id: step.id.value } : {}), name: stepLabel(step, i, locale) } }));
    return node;
  });
}

/** Where a step sits: its stage's index and its index within that stage. */
export interface StepAt {
  readonly stage: number;
  readonly step: number;
}

/** A map and the text it was read from (an analysis): the text tells the language of a map that does not declare it. */
export interface MapText {
  readonly map: JourneyMap;
  readonly text: string;
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
export function matchJourney(before: MapText, after: MapText): JourneyMatch {
  const B = stageNodes(before.map, mapLanguage(before.map, before.text));
  const A = stageNodes(after.map, mapLanguage(after.map, after.text));
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
export function matchBy<T>(before: readonly T[], after: readonly T[], keys: Array<(t: T) => string | undefined>): Array<[number | undefined, number | undefined]> {
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

export function matchStages(B: StageNode[], A: StageNode[]): void {
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
export function matchSteps(B: StageNode[], A: StageNode[]): void {
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
  for (const pe of s.step.personaEmotions) facts.add(`emotion.${pe.persona.id}=${emotionKey(pe.emotion)}`);
  for (const o of s.step.opportunities) if (o.text) facts.add(`opportunity=${normalizeText(o.text.value)}`);
  for (const k of s.step.kpis) if (k.name) facts.add(`kpi=${normalizeText(k.name.value)}`);
  s.facts = facts;
  return facts;
}

/** Indices (values) of `seq` outside one longest increasing subsequence: the ones that moved. */
export function notInLongestIncreasing(seq: readonly number[]): Set<number> {
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

/** The stage (and step) whose source span holds `offset`: where a diagnostic sits. */
export function nodeAt(nodes: StageNode[], offset: number): Array<StageNode | StepNode> {
  for (const st of nodes) {
    if (offset < st.stage.span.start || offset > st.stage.span.end) continue;
    for (const sp of st.steps) if (offset >= sp.step.span.start && offset <= sp.step.span.end) return [st, sp];
    return [st];
  }
  return [];
}
