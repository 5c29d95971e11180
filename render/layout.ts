/**
 * The map as the renderers see it: stages as column groups, steps as columns, lanes as rows,
 * every text already resolved (ids → names, emotions → emoji and scores, levels → words in the
 * chosen language) and every item carrying the source span it came from. HTML, SVG, Markdown
 * and `cjm render --format json` all draw this one structure, so they cannot drift apart.
 */
import {
  Emotion, JourneyMap, Kpi, Level, Locale, Opportunity, Persona, Span, Stage, Step, Text,
  emotionSeries, formatScore, mapLanguage, nearestEmotion, oneLine, resolveValue, stageLabel, stepLabel, t,
} from '@cjm/core';
import { LabelKey, channelIcon, kindName, label, levelLabel, valueName } from './labels';
import type {
  Badge, CurveView, EmotionView, Item, LaneKey, LaneView, MapView, PersonaView, StageView, StepView,
} from './view';
import { MAX_ITEM_CHARS } from './view';

const FIXED_LANES: readonly LaneKey[] = [
  'goals', 'actions', 'touchpoints', 'thoughts', 'expectations', 'emotion', 'pains', 'joys', 'opportunities',
  'frontstage', 'backstage', 'support',
];
const TAIL_LANES: readonly LaneKey[] = ['owners', 'kpis', 'evidence', 'notes'];

export function isHttpUrl(s: string | undefined): s is string {
  return !!s && /^https?:\/\/[^\s]+$/i.test(s.trim());
}

function clip(s: string): string {
  return s.length > MAX_ITEM_CHARS ? s.slice(0, MAX_ITEM_CHARS) + '…' : s;
}

function item(t: Text, extra: Partial<Item> = {}): Item {
  return { text: clip(t.value), span: t.span, badges: [], ...extra };
}

function items(list: readonly Text[], extra: Partial<Item> = {}): Item[] {
  return list.filter((t) => t.value.trim()).map((t) => item(t, extra));
}

/** The author's notes on a thing, when there are any: `{ notes }` to spread into its item. */
function notesOf(list: readonly Text[]): { notes?: string[] } {
  const notes = list.map((t) => clip(t.value.trim())).filter(Boolean);
  return notes.length ? { notes } : {};
}

/** A level written in any language (`high`, `высокая`, `wysoki`). */
function asLevel(t: Text | undefined): Level | undefined {
  return resolveValue('level', t?.value) as Level | undefined;
}

/**
 * @param locale the language of the labels around the author's text (lanes, badges)
 * @param language the language the map is written in (`mapLanguage`), when the caller has its text
 */
export function buildView(map: JourneyMap, locale: Locale, language?: Locale, options: ViewOptions = {}): MapView {
  const b = viewBuilder(map, locale, language, options);
  const stages: StageView[] = [];
  const steps: StepView[] = [];
  map.stages.forEach((sg, si) => {
    const part = b.stage(sg, si, steps.length);
    stages.push(part.stage);
    steps.push(...part.steps);
  });
  return b.finish(stages, steps);
}

export interface ViewOptions {
  readonly curves?: 'personas' | 'one';
}

/** One stage laid out: its header's view and its columns. */
export interface StagePart {
  readonly stage: StageView;
  readonly steps: readonly StepView[];
}

/**
 * buildView in pieces, for the preview's incremental renderer: `stage` lays out one stage
 * (what it shows depends only on that stage, its position — index and first column — and the
 * map outside the stages), `finish` puts the map together from the stages' parts. `finish`
 * reads the parts for what they hold (lanes, names, columns), never for their spans: the
 * curves take their spans from the map, so parts laid out from an earlier version of the same
 * stage text give the same view.
 */
export function viewBuilder(map: JourneyMap, locale: Locale, language?: Locale, options: ViewOptions = {}): { stage(sg: Stage, si: number, firstColumn: number): StagePart; finish(stages: readonly StageView[], steps: readonly StepView[]): MapView } {
  // Built-in stage and emotion names are part of the map's text: they follow the map's
  // language (declared, or read from its text by the caller); the labels around them follow
  // the reader's locale. Without either, the labels' locale.
  const contentLocale: Locale = language ?? (map.language ? mapLanguage(map, '') : locale);
  const names = {
    persona: new Map(map.personas.filter((p) => p.id).map((p) => [p.id!.value, p.name?.value || p.id!.value])),
    team: new Map(map.teams.filter((t) => t.id).map((t) => [t.id!.value, t.name?.value || t.id!.value])),
    channel: new Map(map.channels.filter((c) => c.id).map((c) => [c.id!.value, c])),
    source: new Map(map.sources.filter((s) => s.id).map((s) => [s.id!.value, s])),
    lane: new Map(map.lanes.filter((l) => l.id).map((l) => [l.id!.value, l])),
  };
  const team = (id: string | undefined) => (id ? names.team.get(id) ?? id : undefined);

  const opportunity = (o: Opportunity): Item | undefined => {
    if (!o.text?.value.trim()) return undefined;
    const badges: Badge[] = [];
    const impact = asLevel(o.impact);
    const effort = asLevel(o.effort);
    if (impact) badges.push({ kind: 'impact', text: `${label('impact', locale)}: ${levelLabel(impact, 'impact', locale)}`, level: impact });
    if (effort) badges.push({ kind: 'effort', text: `${label('effort', locale)}: ${levelLabel(effort, 'effort', locale)}`, level: effort });
    if (o.owner) badges.push({ kind: 'owner', text: team(o.owner.id)! });
    if (o.status?.value.trim()) badges.push({ kind: 'status', text: valueName('status', o.status.value.trim(), locale) });
    if (o.due?.value.trim()) badges.push({ kind: 'due', text: t(locale, 'due {0}', o.due.value.trim()) });
    const ex = o.experiment;
    const experiment = ex && (ex.hypothesis || ex.metric || ex.result)
      ? [
        ex.hypothesis?.value.trim() && t(locale, 'Hypothesis: {0}', oneLine(clip(ex.hypothesis.value))),
        ex.metric?.value.trim() && t(locale, 'Metric: {0}', oneLine(clip(ex.metric.value))),
        ex.result?.value.trim() && t(locale, 'Result: {0}', oneLine(clip(ex.result.value))),
      ].filter((x): x is string => !!x)
      : undefined;
    return { text: clip(o.text.value), span: o.span, badges, ...(experiment?.length ? { experiment } : {}), ...notesOf(o.notes) };
  };
  const kpi = (k: Kpi): Item | undefined => {
    if (!k.name?.value.trim()) return undefined;
    const badges: Badge[] = [];
    if (k.baseline?.value.trim()) badges.push({ kind: 'kpi-baseline', text: t(locale, 'baseline {0}', k.baseline.value.trim()) });
    if (k.current?.value.trim()) badges.push({ kind: 'kpi-current', text: `${label('current', locale)} ${k.current.value.trim()}` });
    if (k.target?.value.trim()) badges.push({ kind: 'kpi-target', text: `${label('target', locale)} ${k.target.value.trim()}` });
    if (k.owner) badges.push({ kind: 'owner', text: team(k.owner.id)! });
    const trend = kpiTrend(k);
    return { text: clip(k.name.value), span: k.span, badges, ...(trend ? { trend } : {}), ...notesOf(k.notes) };
  };
  const defined = <T>(x: T | undefined): x is T => x !== undefined;

  const stepRefs = new Map<string, Opportunity[]>();
  const stageRefs = new Map<string, Opportunity[]>();
  const backlog: Item[] = [];
  for (const o of map.opportunities) {
    if (o.step) stepRefs.set(o.step.id, [...(stepRefs.get(o.step.id) ?? []), o]);
    else if (o.stage) stageRefs.set(o.stage.id, [...(stageRefs.get(o.stage.id) ?? []), o]);
    else {
      const it = opportunity(o);
      if (it) backlog.push(it);
    }
  }
  const stageKpiRefs = new Map<string, Kpi[]>();
  const journeyKpis: Item[] = [];
  for (const k of map.kpis) {
    if (k.stage) stageKpiRefs.set(k.stage.id, [...(stageKpiRefs.get(k.stage.id) ?? []), k]);
    else {
      const it = kpi(k);
      if (it) journeyKpis.push(it);
    }
  }

  const emotion = (e: Emotion): EmotionView => {
    if (e.score === undefined) return { span: e.span, raw: e.raw, emoji: '?', label: `${oneLine(clip(e.raw))} (${label('unknownEmotion', locale)})` };
    const info = e.info ?? nearestEmotion(e.score);
    // A name written in one language is never shown translated into another unless the
    // map says what language it is in: «раздражена» stays Russian («раздражение»).
    const word = e.info ? e.info.names[map.language ? contentLocale : e.locale ?? contentLocale] : '';
    return { span: e.span, raw: e.raw, score: e.score, emoji: info.emoji, label: `${word ? word + ' ' : ''}${formatScore(e.score, locale)}` };
  };

  const stepCells = (st: Step): Partial<Record<LaneKey, Item[]>> => {
    const cells: Partial<Record<LaneKey, Item[]>> = {};
    const put = (k: LaneKey, list: Item[]) => {
      if (list.length) cells[k] = list;
    };
    put('goals', items(st.goals));
    put('actions', st.action && st.action.value.trim() ? [item(st.action)] : []);
    const touch: Item[] = [];
    // Several channels show as several badges; the first one gives the icon.
    const ch = st.channel ? names.channel.get(st.channel.id) : undefined;
    const channelBadge: Badge[] = st.channels.map((c) => ({ kind: 'channel', text: names.channel.get(c.id)?.name?.value || c.id }));
    const icon = st.channel ? channelIcon(ch?.type?.value) : undefined;
    const points = st.touchpoints.filter((tp) => tp.value.trim());
    points.forEach((tp, i) => touch.push(item(tp, { badges: i === points.length - 1 ? channelBadge : [], icon: i === 0 ? icon : undefined })));
    if (!points.length && st.channel) touch.push({ text: '', span: st.channel.span, badges: channelBadge, icon });
    put('touchpoints', touch);
    put('thoughts', [...items(st.thoughts, { tone: 'quote' }), ...items(st.questions, { tone: 'question' })]);
    put('expectations', items(st.expectations));
    put('pains', items(st.pains));
    put('joys', items(st.joys));
    const opps = [...st.opportunities, ...(st.id ? stepRefs.get(st.id.value) ?? [] : [])].map(opportunity).filter(defined);
    put('opportunities', opps);
    put('frontstage', items(st.frontstage));
    put('backstage', items(st.backstage));
    put('support', items(st.support));
    put('owners', st.owner ? [{ text: team(st.owner.id)!, span: st.owner.span, badges: [] }] : []);
    put('kpis', st.kpis.map(kpi).filter(defined));
    put('evidence', st.evidence.filter((e) => e.text.value.trim()).map((e) => {
      const src = e.source ? names.source.get(e.source.id) : undefined;
      const url = src?.url?.value.trim();
      return {
        text: clip(src?.name?.value || e.text.value),
        span: e.text.span,
        badges: src?.type?.value ? [{ kind: 'source-type', text: valueName('sourceType', src.type.value, locale) }] : [],
        href: isHttpUrl(url) ? url : undefined,
      };
    }));
    for (const lv of st.lanes) put(`lane:${lv.lane.id}`, items(lv.values));
    put('notes', items(st.notes));
    return cells;
  };

  // One curve per persona, or the one curve: the core decides for every output alike.
  const series = emotionSeries(map);
  // A comparison draws one curve before and one after (`curves: 'one'`): per-persona curves on
  // top of two versions would be a tangle no one can read; the change list names each persona.
  const split = options.curves !== 'one' && series.some((c) => c.persona !== undefined);
  const byStep = new Map<Step, Array<NonNullable<StepView['personaEmotions']>[number]>>();
  if (split) {
    for (const c of series) {
      for (const p of c.points) {
        const list = byStep.get(p.step) ?? [];
        list.push({ persona: c.persona!, name: clip(c.name ?? c.persona!), index: c.index, emotion: emotion(p.emotion) });
        byStep.set(p.step, list);
      }
    }
  }
  const stagePart = (sg: Stage, si: number, first: number): StagePart => {
    const steps: StepView[] = [];
    sg.steps.forEach((st, i) => {
      const personaId = st.persona?.id;
      const perPersona = split ? byStep.get(st) ?? [] : undefined;
      steps.push({
        column: first + steps.length,
        stageIndex: si,
        id: st.id?.value,
        name: clip(stepLabel(st, i)),
        span: st.span,
        placeholder: false,
        criticality: asLevel(st.criticality),
        persona: personaId && personaId !== map.persona?.id ? names.persona.get(personaId) ?? personaId : undefined,
        emotion: !split && st.emotion ? emotion(st.emotion) : undefined,
        ...(perPersona ? { personaEmotions: perPersona } : {}),
        cells: stepCells(st),
      });
    });
    if (!sg.steps.length) {
      steps.push({ column: first, stageIndex: si, name: label('noSteps', locale), span: sg.span, placeholder: true, cells: {} });
    }
    const id = sg.id?.value;
    const stage: StageView = {
      index: si,
      id,
      name: clip(stageLabel(sg, si, contentLocale)),
      span: sg.span,
      criticality: asLevel(sg.criticality),
      description: items(sg.description),
      goals: items(sg.goals),
      expectations: items(sg.expectations),
      owner: team(sg.owner?.id),
      firstColumn: first,
      columns: steps.length,
      opportunities: [...sg.opportunities, ...(id ? stageRefs.get(id) ?? [] : [])].map(opportunity).filter(defined),
      kpis: [...sg.kpis, ...(id ? stageKpiRefs.get(id) ?? [] : [])].map(kpi).filter(defined),
      notes: items(sg.notes),
    };
    return { stage, steps };
  };

  const finish = (stages: readonly StageView[], steps: readonly StepView[]): MapView => {
    const filled = (k: LaneKey) => steps.some((s) => s.cells[k]?.length);
    const lanes: LaneView[] = [];
    for (const k of FIXED_LANES) {
      if (k === 'emotion' ? steps.some((s) => s.emotion || s.personaEmotions?.length) : filled(k)) lanes.push({ key: k, label: label(k as LabelKey, locale) });
    }
    const customIds = new Set<string>();
    for (const l of map.lanes) {
      const id = l.id?.value;
      if (!id || customIds.has(id)) continue;
      customIds.add(id);
      const description = l.description.map((d) => d.value.trim()).filter(Boolean).join(' ');
      if (filled(`lane:${id}`)) lanes.push({ key: `lane:${id}`, label: clip(l.name?.value || id), span: l.span, ...(description ? { description: clip(description) } : {}) });
    }
    // Values for undeclared lanes are still the user's words: show them rather than drop them.
    for (const s of steps) {
      for (const k of Object.keys(s.cells)) {
        if (k.startsWith('lane:') && !customIds.has(k.slice(5))) {
          customIds.add(k.slice(5));
          lanes.push({ key: k as LaneKey, label: clip(k.slice(5)) });
        }
      }
    }
    for (const k of TAIL_LANES) if (filled(k)) lanes.push({ key: k, label: label(k as LabelKey, locale) });
    const shown = new Set(lanes.map((l) => l.key));

    const persona = (p: Persona): PersonaView => ({
      id: p.id?.value,
      name: clip(p.name?.value || p.id?.value || label('persona', locale)),
      span: p.span,
      primary: !!p.id && p.id.value === map.persona?.id,
      description: items(p.description),
      quote: p.quote?.value.trim() ? item(p.quote) : undefined,
      goals: items(p.goals),
      needs: items(p.needs),
      frustrations: items(p.frustrations),
      motivation: items(p.motivation),
      expectations: items(p.expectations),
    });
    const personas = map.personas.map(persona).sort((a, b) => Number(b.primary) - Number(a.primary));

    const columnOf = new Map<Step, StepView>();
    let col = 0;
    for (const sg of map.stages) {
      for (const st of sg.steps) columnOf.set(st, steps[col++]);
      if (!sg.steps.length) col++;
    }
    const curves: CurveView[] = (split ? series : []).map((c) => ({
      ...(c.persona !== undefined ? { persona: c.persona, name: clip(c.name ?? c.persona) } : {}),
      index: c.index,
      points: c.points.map((p) => {
        const sv = columnOf.get(p.step)!;
        return { column: sv.column, stepName: sv.name, stepOffset: p.step.span.start, emotion: emotion(p.emotion) };
      }),
    }));

    const kind = map.kind?.value.trim();
    return {
      locale,
      language: contentLocale,
      title: clip(map.title?.value.trim() || label('untitled', locale)),
      titleSpan: map.title?.span,
      kind: kind || undefined,
      kindLabel: kind ? kindName(kind, locale) : undefined,
      description: items(map.description),
      personas,
      curves,
      stages,
      steps,
      lanes,
      hasStageOpportunities: stages.some((s) => s.opportunities.length),
      hasStageKpis: stages.some((s) => s.kpis.length),
      lineOfVisibility: shown.has('frontstage') && shown.has('backstage') || (kind === 'service-blueprint' && shown.has('backstage')),
      journeyKpis,
      backlog,
      sources: map.sources.filter((s) => s.id || s.name).map((s) => ({
        text: clip(s.name?.value || s.id!.value),
        span: s.span,
        badges: [s.type?.value ? valueName('sourceType', s.type.value, locale) : undefined, s.date?.value, s.sample?.value].filter((v): v is string => !!v?.trim()).map((v) => ({ kind: 'source-meta', text: v })),
        href: isHttpUrl(s.url?.value) ? s.url!.value.trim() : undefined,
        ...notesOf(s.notes),
      })),
      // A channel, then the KPIs that measure how well it works.
      channels: map.channels.filter((c) => c.id).flatMap((c): Item[] => [
        {
          text: clip(c.name?.value || c.id!.value),
          span: c.span,
          icon: channelIcon(c.type?.value),
          badges: [],
          ...notesOf(c.description),
        },
        ...(c.kpis ?? []).map(kpi).filter(defined),
      ]),
      notes: items(map.notes),
      teams: map.teams.filter((tm) => tm.id).map((tm) => ({
        text: clip(tm.name?.value || tm.id!.value),
        span: tm.span,
        badges: tm.contact?.value.trim() ? [{ kind: 'contact', text: clip(tm.contact.value.trim()) }] : [],
        ...notesOf(tm.description),
      })),
    };
  };
  return { stage: stagePart, finish };
}

/** Where a step sits on the curve, or undefined when it has no understood emotion. */
export function scoreOf(s: StepView): number | undefined {
  return s.emotion?.score;
}

/**
 * A KPI's history as a trend: the numbers read from its dated values (`41%`, `3,8%`,
 * `1 200`), in date order, with the current value last when it is not already the latest.
 * Undefined when fewer than two values are numbers: one point is no trend.
 */
export function kpiTrend(k: Kpi): { readonly values: readonly number[]; readonly labels: readonly string[] } | undefined {
  const dated = k.history
    .filter((h) => h.date?.value.trim() && h.value?.value.trim())
    .map((h, i) => ({ date: h.date!.value.trim(), text: h.value!.value.trim(), i }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i));
  const points = dated.map((d) => ({ label: `${d.date}: ${d.text}`, n: numberIn(d.text) })).filter((p): p is { label: string; n: number } => p.n !== undefined);
  if (points.length < 2) return undefined;
  return { values: points.map((p) => p.n), labels: points.map((p) => p.label) };
}

/** The first number in a value as people write it: `48%`, `3,8%`, `1 200 ₽`, `−2`. */
export function numberIn(s: string): number | undefined {
  const m = /[-−]?\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?/.exec(s);
  if (!m) return undefined;
  const n = Number(m[0].replace(/[\s\u00a0\u202f]/g, '').replace('−', '-').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** The built-in lanes a picture can be limited to, in display order; `emotions` is read as `emotion`. */
export const LANE_CHOICES: readonly string[] = [...FIXED_LANES, ...TAIL_LANES];

export interface LaneChoice {
  readonly view: MapView;
  /** names that are neither a built-in lane nor a custom lane's id */
  readonly unknown: readonly string[];
}

/**
 * The view with only the lanes asked for, in the order asked (`actions,emotions,pains`): a
 * slide-sized picture. A name is a built-in lane key (`emotions` for the curve) or a custom
 * lane's id; a lane asked for but empty in this map is simply not drawn. Stage-level
 * opportunities and KPIs come with the `opportunities` and `kpis` lanes.
 */
export function chooseLanes(view: MapView, wanted: readonly string[]): LaneChoice {
  const unknown: string[] = [];
  const keys: LaneKey[] = [];
  const customIds = new Set(view.lanes.filter((l) => l.key.startsWith('lane:')).map((l) => l.key.slice(5)));
  for (const raw of wanted) {
    const w = raw.trim();
    if (!w) continue;
    const key = (w === 'emotions' ? 'emotion' : w) as LaneKey;
    if (LANE_CHOICES.includes(key)) keys.push(key);
    else if (customIds.has(w)) keys.push(`lane:${w}`);
    else if (w.startsWith('lane:') && customIds.has(w.slice(5))) keys.push(w as LaneKey);
    else unknown.push(w);
  }
  const byKey = new Map(view.lanes.map((l) => [l.key, l]));
  const lanes = [...new Set(keys)].map((k) => byKey.get(k)).filter((l): l is LaneView => !!l);
  const shown = new Set(lanes.map((l) => l.key));
  return {
    unknown,
    view: {
      ...view,
      lanes,
      hasStageOpportunities: view.hasStageOpportunities && shown.has('opportunities'),
      hasStageKpis: view.hasStageKpis && shown.has('kpis'),
      lineOfVisibility: view.lineOfVisibility && shown.has('backstage'),
    },
  };
}
