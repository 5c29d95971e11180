/**
 * One emotion curve per persona. A map drawn for one persona keeps one curve, exactly as
 * before; a map whose steps carry an emotion per persona (`emotion: {maria: anxious, tom:
 * calm}`), or whose single emotions belong to different personas (`persona: tom`), gets one
 * series per persona. The preview, every export, the Mermaid journey, the PR chart and the
 * statistics all read these series, so they agree on who felt what where.
 */
import type { Emotion, JourneyMap, Persona, Step } from './model';
import { oneLine } from './labels';

export interface SeriesPoint {
  readonly stageIndex: number;
  /** index of the step in its stage */
  readonly stepIndex: number;
  readonly step: Step;
  readonly emotion: Emotion;
}

export interface EmotionSeries {
  /** the persona id; undefined for the one curve of a map that is not split by persona */
  readonly persona?: string;
  /** the persona's display name (its short name, see `personaShortName`), or undefined */
  readonly name?: string;
  /** 0, 1, 2…: picks the colour, dash and marker shape, stable for a persona across outputs */
  readonly index: number;
  /** the steps with an emotion for this persona, in journey order */
  readonly points: readonly SeriesPoint[];
}

/** `Anna, 34, busy parent` → `Anna`: the part of a persona's name a legend and a sentence can hold. */
export function personaShortName(p: Persona | undefined, id?: string): string {
  const name = p?.name ? oneLine(p.name.value).split(',')[0].trim() : '';
  return name || (p?.id ? oneLine(p.id.value) : id ?? '');
}

/**
 * The personas a step's single `emotion:` speaks for: those its `persona:` names, else the
 * map's default `persona:`, else every declared persona (a step nobody is named for is
 * everyone's).
 */
function personasOfStep(step: Step, map: JourneyMap, declared: readonly string[]): readonly string[] {
  if (step.personas.length) return step.personas.map((r) => r.id);
  if (map.persona) return [map.persona.id];
  return declared;
}

/** Whether the map draws one curve per persona (true) or its one curve (false). */
export function splitsByPersona(map: JourneyMap): boolean {
  return emotionSeries(map).some((s) => s.persona !== undefined);
}

/** The emotion curves of a map: one unnamed series, or one per persona in declaration order. */
export function emotionSeries(map: JourneyMap): EmotionSeries[] {
  const declared = [...new Set(map.personas.map((p) => p.id?.value).filter((x): x is string => !!x))];
  const perPersona = map.stages.some((st) => st.steps.some((s) => s.personaEmotions.length));
  const attributed = new Set<string>();
  if (!perPersona) {
    for (const st of map.stages) {
      for (const s of st.steps) if (s.emotion) for (const p of personasOfStep(s, map, [])) attributed.add(p);
    }
  }
  if (!perPersona && attributed.size <= 1) {
    const points: SeriesPoint[] = [];
    map.stages.forEach((st, si) => st.steps.forEach((step, i) => {
      if (step.emotion) points.push({ stageIndex: si, stepIndex: i, step, emotion: step.emotion });
    }));
    return [{ index: 0, points }];
  }
  // Undeclared keys get a diagnostic and draw no curve; a persona with no emotion draws none either.
  const ids = declared.length ? declared : [...attributed];
  return ids.map((id, index): EmotionSeries => {
    const points: SeriesPoint[] = [];
    map.stages.forEach((st, si) => st.steps.forEach((step, i) => {
      const e = emotionFor(step, id, map, declared);
      if (e) points.push({ stageIndex: si, stepIndex: i, step, emotion: e });
    }));
    const persona = map.personas.find((p) => p.id?.value === id);
    return { persona: id, name: personaShortName(persona, id), index, points };
  }).filter((s) => s.points.length > 0);
}

/** What `persona` feels at `step`: its own entry of a per-persona emotion, else the step's single emotion when it speaks for them. */
export function emotionFor(step: Step, persona: string, map: JourneyMap, declared?: readonly string[]): Emotion | undefined {
  if (step.personaEmotions.length) return step.personaEmotions.find((pe) => pe.persona.id === persona)?.emotion;
  if (!step.emotion) return undefined;
  const all = declared ?? map.personas.map((p) => p.id?.value).filter((x): x is string => !!x);
  return personasOfStep(step, map, all).includes(persona) ? step.emotion : undefined;
}

/** Every emotion a step carries, by persona id ('' for a single emotion): what the diff compares. */
export function stepEmotions(step: Step): ReadonlyMap<string, Emotion> {
  if (step.personaEmotions.length) {
    const out = new Map<string, Emotion>();
    for (const pe of step.personaEmotions) if (!out.has(pe.persona.id)) out.set(pe.persona.id, pe.emotion);
    return out;
  }
  return new Map(step.emotion ? [['', step.emotion]] : []);
}

/** The lowest moment of a series: the first step with its lowest understood score. */
export function lowestPoint(series: EmotionSeries): SeriesPoint | undefined {
  let best: SeriesPoint | undefined;
  for (const p of series.points) {
    if (p.emotion.score === undefined) continue;
    if (!best || p.emotion.score < best.emotion.score!) best = p;
  }
  return best;
}
