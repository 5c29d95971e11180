/**
 * `diffMaps`: two analyses of a map → the ordered change list. The Differ walks the map
 * level, the declarations (personas, channels, teams, sources, lanes), map-level KPIs and
 * opportunities, the stages and their steps (pairing them through ./match) and the
 * diagnostics, emitting each change with a sort key (section, stage slot, step slot, field
 * rank, emission order) so the list reads in journey order and is byte-stable; the emotion
 * statistics and the summary (./summary) are computed from the result.
 */
import type { Analysis } from '../analyze';
import { Diagnostic, diagnosticMessage } from '../diagnostics';
import { Msg, format, msg, plural } from '../l10n';
import { emotionLabel, fieldName, oneLine } from '../labels';
import { mapLanguage } from '../mapLanguage';
import { sameReading } from '../parse';
import type { JourneyMap, Kpi, Opportunity, Step, Text } from '../model';
import { ObjectName, SCHEMA } from '../schema';
import type { Span } from '../text';
import type { Locale } from '../vocabulary/locale';
import { StageNode, StepNode, matchBy, matchStages, matchSteps, nodeAt, notInLongestIncreasing, stageNodes } from './match';
import { WholeJourney, emotionDiff, summarize } from './summary';
import { personaShortName, stepEmotions } from '../personaCurves';
import type { Emotion } from '../model';
import { CHANGE_KINDS, Change, ChangeKind, ChangeSeverity, DIFF_SCHEMA_VERSION, DiffLocation, MapDiff, PathItem } from './types';
import { FieldVal, NO_SKIP, comparableFields, emotionKey, kpiText, normalizeText, sameContent, show, signature } from './values';

const EMPTY_MAP: JourneyMap = {
  span: { start: 0, end: 0 },
  keys: new Map(),
  description: [],
  use: [],
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

const SECTION = { map: 0, declarations: 1, mapItems: 2, stages: 3, diagnostics: 4 } as const;
const DECLARATION_ORDER = ['persona', 'channel', 'team', 'source', 'lane'] as const;

export interface DiffOptions {
  /**
   * The language of the change messages and the headline (default English). Stage and
   * emotion names follow each map's own `language:` whatever this is.
   */
  readonly locale?: Locale;
  /**
   * A repository's policy (`.cjm.yml`, core/repoConfig.ts): a severity per change kind
   * instead of the default, and kinds left out of the result (and so of its summary).
   */
  readonly policy?: ChangePolicy;
}

export interface ChangePolicy {
  readonly severity?: Readonly<Partial<Record<ChangeKind, ChangeSeverity>>>;
  readonly ignore?: readonly ChangeKind[];
}

/** Diff two versions of a map. `null` stands for "no file" (an added or deleted map). Never throws on any analyses. */
export function diffMaps(before: Analysis | null, after: Analysis | null, options: DiffOptions = {}): MapDiff {
  return new Differ(side(before), side(after), options.locale ?? 'en', options.policy).run();
}

/** What a change log needs of a diff: `diffMaps` without the emotion statistics and the summary. */
export type ChangeLog = Pick<MapDiff, 'identical' | 'formattingOnly' | 'changes'>;

/**
 * The change list of `diffMaps(before, after, options)`, equal to it field for field, without
 * the emotion statistics and the headline: for callers that diff many versions and show only
 * the changes (`cjm site`'s history).
 */
export function diffChanges(before: Analysis | null, after: Analysis | null, options: DiffOptions = {}): ChangeLog {
  return new Differ(side(before), side(after), options.locale ?? 'en', options.policy).changeLog();
}

/**
 * `diffMaps` comparing every stage and step field by field, even those that read the same:
 * the reference the tests hold the skipping against. Not for use elsewhere.
 */
export function diffMapsExhaustive(before: Analysis | null, after: Analysis | null, options: DiffOptions = {}): MapDiff {
  return new Differ(side(before), side(after), options.locale ?? 'en', options.policy, false).run();
}

/** Declarations added and removed, per type: a sentence each, so a translation can agree with its noun. */
const DECLARATION_MESSAGES: Record<(typeof DECLARATION_ORDER)[number], { added: Msg; removed: Msg }> = {
  persona: { added: msg('persona added'), removed: msg('persona removed') },
  channel: { added: msg('channel added'), removed: msg('channel removed') },
  team: { added: msg('team added'), removed: msg('team removed') },
  source: { added: msg('source added'), removed: msg('source removed') },
  lane: { added: msg('lane added'), removed: msg('lane removed') },
};

/** Text items added and removed from a step, by field. */
const TEXT_MESSAGES: Record<string, { added: (v: string) => Msg; removed: (v: string) => Msg; reworded?: (b: string, a: string) => Msg }> = {
  pains: { added: (v) => msg('pain added: {0}', v), removed: (v) => msg('pain resolved: {0}', v), reworded: (b, a) => msg('pain reworded: {0} → {1}', b, a) },
  joys: { added: (v) => msg('joy added: {0}', v), removed: (v) => msg('joy removed: {0}', v), reworded: (b, a) => msg('joy reworded: {0} → {1}', b, a) },
  evidence: { added: (v) => msg('evidence added: {0}', v), removed: (v) => msg('evidence removed: {0}', v) },
};

/**
 * Each analysis's language, inferred once: a history diffs every version twice (as the
 * after side of one pair and the before side of the next), and the inference reads the text.
 */
const languages = new WeakMap<Analysis, Locale>();

function side(analysis: Analysis | null): Side {
  const map = analysis?.map ?? EMPTY_MAP;
  if (!analysis) return { analysis, map, locale: mapLanguage(map, '') };
  let locale = languages.get(analysis);
  if (locale === undefined) languages.set(analysis, (locale = mapLanguage(map, analysis.text)));
  return { analysis, map, locale };
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
    private readonly locale: Locale,
    private readonly policy?: ChangePolicy,
    /** skip comparing stages and steps that read the same (`sameContent`) */
    private readonly skipSame = true,
  ) {}

  private say(m: Msg): string {
    return format(this.locale, m);
  }

  run(): MapDiff {
    const { identical, formattingOnly, changes, whole } = this.collect();
    const emotions = emotionDiff(this.stagesB, this.stagesA, this.stageSlot, { before: (sp) => this.loc(this.b, sp), after: (sp) => this.loc(this.a, sp) }, { before: this.b.locale, after: this.a.locale, words: this.locale }, this.personaNames());
    return {
      version: DIFF_SCHEMA_VERSION,
      title: { before: this.title(this.b), after: this.title(this.a) },
      identical,
      formattingOnly,
      changes,
      emotions,
      summary: summarize(changes, emotions, identical, this.locale, whole),
    };
  }

  changeLog(): ChangeLog {
    const { identical, formattingOnly, changes } = this.collect();
    return { identical, formattingOnly, changes };
  }

  private collect(): ChangeLog & { whole: WholeJourney | undefined } {
    this.mapFields();
    this.declarations();
    this.items([], this.b.map.kpis, this.a.map.kpis, [SECTION.mapItems, 0], undefined, undefined);
    this.opportunities([], this.b.map.opportunities, this.a.map.opportunities, [SECTION.mapItems, 1], undefined, undefined);
    this.stages();
    this.diagnostics();
    // A whole map added or deleted: its stages and problems are the news, not every field
    // "set to" something; the headline sums the journey up instead.
    const whole: WholeJourney | undefined = !this.b.analysis === !this.a.analysis ? undefined : journeyOf(this.a.analysis ? 'added' : 'deleted', this.a.analysis ? this.stagesA : this.stagesB);
    const all = this.out
      .sort((x, y) => compareKeys(x.key, y.key))
      .map((k) => k.change)
      .filter((c) => !whole || c.kind === 'stage-added' || c.kind === 'stage-removed' || /^(error|warning)-/.test(c.kind));
    const identical = (this.b.analysis?.text ?? null) === (this.a.analysis?.text ?? null);
    // Measured before the policy: changes a team chose not to see are still changes, not formatting.
    const formattingOnly = !identical && all.length === 0;
    const ignored = new Set(this.policy?.ignore ?? []);
    const severity = this.policy?.severity ?? {};
    const changes = all.filter((c) => !ignored.has(c.kind)).map((c) => (severity[c.kind] && severity[c.kind] !== c.severity ? { ...c, severity: severity[c.kind]! } : c));
    return { identical, formattingOnly, changes, whole };
  }

  /** Short persona names by id, the after side's winning: what per-persona statistics are labelled with. */
  private personaNames(): Map<string, string> {
    const out = new Map<string, string>();
    for (const m of [this.b.map, this.a.map]) for (const p of m.personas) if (p.id) out.set(p.id.value, personaShortName(p));
    return out;
  }

  /** "step added: 😣 frustrated −2, "Enters the address"": a new step's feeling and action, for a reviewer. */
  private stepAdded(step: Step): Msg {
    const parts: string[] = [];
    if (step.emotion) parts.push(emotionLabel(step.emotion, this.a.locale, this.locale));
    for (const pe of step.personaEmotions) {
      const who = personaShortName(this.a.map.personas.find((p) => p.id?.value === pe.persona.id), pe.persona.id);
      parts.push(`${who} ${emotionLabel(pe.emotion, this.a.locale, this.locale)}`);
    }
    if (step.action?.value.trim()) parts.push(show(normalizeText(step.action.value)));
    return parts.length ? msg('step added: {0}', parts.join(', ')) : msg('step added');
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
    for (const p of ['path', 'field', 'persona', 'before', 'after', 'score', 'code', 'message', 'beforeAt', 'afterAt'] as const) {
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
          // Declarations rarely change between two versions: one that reads the same has no field to compare.
          if (this.skipSame && sameContent(bn, an)) return;
          const fb = comparableFields(type as ObjectName, bn, NO_SKIP);
          const fa = comparableFields(type as ObjectName, an, NO_SKIP);
          this.compareFields(type as ObjectName, fb, fa, [label(an, ai!)], key, bn.span, an.span, () => `${type}-changed` as ChangeKind);
        } else if (an) {
          this.emit(key, { kind: `${type}-added` as ChangeKind, path: [label(an, ai!)], message: this.say(DECLARATION_MESSAGES[type].added), afterAt: this.loc(this.a, an.span), beforeAt: this.loc(this.b, this.b.map.keys.get(prop), true) });
        } else if (bn) {
          this.emit(key, { kind: `${type}-removed` as ChangeKind, path: [label(bn, bi!)], message: this.say(DECLARATION_MESSAGES[type].removed), beforeAt: this.loc(this.b, bn.span), afterAt: this.loc(this.a, this.a.map.keys.get(prop), true) });
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
      const name = fieldName(object, f, this.locale);
      const message = this.say(!vb ? msg('{0} set to {1}', name, show(va!.display)) : !va ? msg('{0} removed (was {1})', name, show(vb.display)) : msg('{0}: {1} → {2}', name, show(vb.display), show(va.display)));
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
    if (this.sameList(before, after)) return 0;
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
        this.emit(k, { kind: 'kpi-added', path, after: kpiText(ak, this.locale), message: this.say(msg('KPI added: {0}', kpiText(ak, this.locale))), afterAt: this.loc(this.a, ak.span), beforeAt: this.loc(this.b, parentB, true) });
      } else if (bk) {
        n++;
        this.emit(k, { kind: 'kpi-removed', path, before: kpiText(bk, this.locale), message: this.say(msg('KPI removed: {0}', kpiText(bk, this.locale))), beforeAt: this.loc(this.b, bk.span), afterAt: this.loc(this.a, parentA, true) });
      }
    });
    return n;
  }

  private opportunities(path: readonly PathItem[], before: readonly Opportunity[], after: readonly Opportunity[], key: number[], parentB: Span | undefined, parentA: Span | undefined): number {
    if (this.sameList(before, after)) return 0;
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
        this.emit(k, { kind: 'opportunity-added', path, after: item(ao).name, message: this.say(msg('opportunity added: {0}', show(item(ao).name))), afterAt: this.loc(this.a, ao.span), beforeAt: this.loc(this.b, parentB, true) });
      } else if (bo) {
        n++;
        this.emit(k, { kind: 'opportunity-removed', path, before: item(bo).name, message: this.say(msg('opportunity removed: {0}', show(item(bo).name))), beforeAt: this.loc(this.b, bo.span), afterAt: this.loc(this.a, parentA, true) });
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
          message: this.say(steps ? plural(steps, 'stage removed with {0} step', 'stage removed with {0} steps') : msg('stage removed')),
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
        const none = this.say(msg('(none)'));
        if (idB !== idA) parts.push(this.say(msg('id {0} → {1}', idB ?? none, idA ?? none)));
        if (!parts.length) parts.push(this.say(msg('name {0} → {1}', nameB ? show(nameB) : none, nameA ? show(nameA) : none)));
        this.emit([...key, 0], {
          kind: 'stage-renamed',
          path: [m.item],
          field: idB !== idA ? 'id' : 'name',
          before: show2(n),
          after: show2(m),
          message: this.say(msg('renamed: {0}', parts.join(', '))),
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
          message: this.say(msg('moved from position {0} to {1}', n.index + 1, m.index + 1)),
          beforeAt: this.loc(this.b, n.stage.span),
          afterAt: this.loc(this.a, m.stage.span),
        });
      }
      // A stage that reads the same (its steps aside) has no field, KPI or opportunity to report.
      if (this.skipSame && (sameReading(n.stage, m.stage) || sameContent(n.stage, m.stage, 'steps'))) continue;
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
        message: this.say(steps ? plural(steps, 'stage added with {0} step', 'stage added with {0} steps') : msg('stage added')),
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
            this.emit([...key(s), 0], { kind: 'step-added', path: [m.item, s.item], message: this.say(this.stepAdded(s.step)), afterAt: this.loc(this.a, s.step.span), beforeAt: this.loc(this.b, m.match.stage.span, true) });
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
            message: this.say(msg('moved from {0} to {1}', bs.stage.item.name, m.item.name)),
            beforeAt: this.loc(this.b, bs.step.span),
            afterAt: this.loc(this.a, s.step.span),
          });
        } else if (reordered.has(s.index)) {
          this.emit([...key(s), 0], {
            kind: 'step-reordered',
            path: [m.item, s.item],
            before: String(bs.index + 1),
            after: String(s.index + 1),
            message: this.say(msg('moved from position {0} to {1} in {2}', bs.index + 1, s.index + 1, m.item.name)),
            beforeAt: this.loc(this.b, bs.step.span),
            afterAt: this.loc(this.a, s.step.span),
          });
        }
        this.stepFields(bs, s, key(s));
      }
      if (m.match) {
        for (const bs of m.match.steps) {
          if (bs.match) continue;
          this.emit([...key(bs), 0], { kind: 'step-removed', path: [m.item, bs.item], message: this.say(msg('step removed')), beforeAt: this.loc(this.b, bs.step.span), afterAt: this.loc(this.a, m.stage.span, true) });
        }
      }
    }
  }

  private stepFields(b: StepNode, a: StepNode, key: number[]): void {
    // Most steps of two versions read the same, moved at most: nothing below would differ.
    if (this.skipSame && (sameReading(b.step, a.step) || sameContent(b.step, a.step))) return;
    const path = [a.stage.item, a.item];
    this.compareFields('step', comparableFields('step', b.step as never, STEP_SKIP), comparableFields('step', a.step as never, STEP_SKIP), path, [...key, 1], b.step.span, a.step.span, () => 'step-changed');
    this.emotion(b, a, path, [...key, 2]);
    this.texts(path, 'pains', b.step.pains, a.step.pains, 'pain-added', 'pain-resolved', [...key, 3], b.step.span, a.step.span, 'pain-reworded');
    this.texts(path, 'joys', b.step.joys, a.step.joys, 'joy-added', 'joy-removed', [...key, 4], b.step.span, a.step.span, 'joy-reworded');
    this.texts(path, 'evidence', b.step.evidence.map((e) => e.text), a.step.evidence.map((e) => e.text), 'evidence-added', 'evidence-removed', [...key, 5], b.step.span, a.step.span);
    this.opportunities(path, b.step.opportunities, a.step.opportunities, [...key, 6], b.step.span, a.step.span);
    this.items(path, b.step.kpis, a.step.kpis, [...key, 7], b.step.span, a.step.span);
  }

  /** Two lists that read the same have nothing to pair: most edits change one field of one list. */
  private sameList(before: readonly unknown[], after: readonly unknown[]): boolean {
    return this.skipSame && sameContent(before, after);
  }

  /**
   * A step's emotion, compared per persona when either side writes one per persona
   * ("Maria: emotion frustrated → satisfied"); a single emotion on both sides is compared
   * as always. A side's single emotion stands for every persona the other side names.
   */
  private emotion(b: StepNode, a: StepNode, path: readonly PathItem[], key: number[]): void {
    const mb = stepEmotions(b.step);
    const ma = stepEmotions(a.step);
    if (b.step.personaEmotions.length || a.step.personaEmotions.length) {
      const order = [...new Set([...ma.keys(), ...mb.keys()])].filter((p) => p !== '');
      order.forEach((persona, i) => {
        const eb = mb.get(persona) ?? mb.get('');
        const ea = ma.get(persona) ?? ma.get('');
        const who = personaShortName(this.a.map.personas.find((p) => p.id?.value === persona) ?? this.b.map.personas.find((p) => p.id?.value === persona), persona);
        this.emotionChange(b, a, eb, ea, path, [...key, i], persona, who);
      });
      return;
    }
    this.emotionChange(b, a, mb.get(''), ma.get(''), path, key);
  }

  private emotionChange(b: StepNode, a: StepNode, eb: Emotion | undefined, ea: Emotion | undefined, path: readonly PathItem[], key: number[], persona?: string, who?: string): void {
    if (emotionKey(eb) === emotionKey(ea)) return;
    const base = { path, field: 'emotion', ...(persona !== undefined ? { persona } : {}) };
    const say = (m: Msg) => this.say(who !== undefined ? msg('{0}: {1}', who, m) : m);
    const at = { beforeAt: eb ? this.loc(this.b, eb.span) : this.loc(this.b, b.step.span, true), afterAt: ea ? this.loc(this.a, ea.span) : this.loc(this.a, a.step.span, true) };
    if (!eb || !ea) {
      const kind: ChangeKind = eb ? 'emotion-removed' : 'emotion-added';
      const e = (eb ?? ea)!;
      this.emit(key, {
        ...base,
        kind,
        ...(eb ? { before: this.emotionLabel(eb, this.b) } : { after: this.emotionLabel(ea!, this.a) }),
        ...(e.score !== undefined ? { score: eb ? { before: e.score } : { after: e.score } } : {}),
        message: say(eb ? msg('emotion removed (was {0})', this.emotionLabel(eb, this.b)) : msg('emotion {0}', this.emotionLabel(ea!, this.a))),
        ...at,
      });
      return;
    }
    const sb = eb.score;
    const sa = ea.score;
    const kind: ChangeKind = sb !== undefined && sa !== undefined && sa < sb ? 'emotion-dropped' : sb !== undefined && sa !== undefined && sa > sb ? 'emotion-rose' : 'emotion-changed';
    const score = sb !== undefined || sa !== undefined ? { score: { ...(sb !== undefined ? { before: sb } : {}), ...(sa !== undefined ? { after: sa } : {}) } } : {};
    this.emit(key, { ...base, kind, before: this.emotionLabel(eb, this.b), after: this.emotionLabel(ea, this.a), ...score, message: say(msg('emotion {0} → {1}', this.emotionLabel(eb, this.b), this.emotionLabel(ea, this.a))), ...at });
  }

  /** An emotion named in its map's language, with the words around it in the reader's. */
  private emotionLabel(e: NonNullable<StepNode['step']['emotion']>, s: Side): string {
    return emotionLabel(e, s.locale, this.locale);
  }

  private texts(
    path: readonly PathItem[],
    field: string,
    before: readonly Text[],
    after: readonly Text[],
    added: ChangeKind,
    removed: ChangeKind,
    key: number[],
    parentB: Span,
    parentA: Span,
    reworded?: ChangeKind,
  ): void {
    if (this.sameList(before, after)) return;
    const pairs = matchBy(before, after, [(t) => normalizeText(t.value)]);
    // A pain resolved and one added with much the same words is one pain re-worded.
    const texts = TEXT_MESSAGES[field];
    const rewordings = reworded && texts.reworded ? pairRewordings(pairs, before, after) : new Map<number, number>();
    const pairedAfter = new Set(rewordings.values());
    pairs.forEach(([bi, ai], order) => {
      if (bi !== undefined && ai !== undefined) return;
      if (ai !== undefined && pairedAfter.has(ai)) return;
      const into = bi !== undefined ? rewordings.get(bi) : undefined;
      if (bi !== undefined && into !== undefined) {
        const was = normalizeText(before[bi].value);
        const now = normalizeText(after[into].value);
        this.emit([...key, order], {
          kind: reworded!,
          path,
          field,
          before: was,
          after: now,
          message: this.say(texts.reworded!(show(was), show(now))),
          beforeAt: this.loc(this.b, before[bi].span),
          afterAt: this.loc(this.a, after[into].span),
        });
        return;
      }
      const t = bi !== undefined ? before[bi] : after[ai!];
      const value = normalizeText(t.value);
      this.emit([...key, order], {
        kind: bi !== undefined ? removed : added,
        path,
        field,
        ...(bi !== undefined ? { before: value } : { after: value }),
        message: this.say(bi !== undefined ? texts.removed(show(value)) : texts.added(show(value))),
        beforeAt: bi !== undefined ? this.loc(this.b, t.span) : this.loc(this.b, parentB, true),
        afterAt: ai !== undefined ? this.loc(this.a, t.span) : this.loc(this.a, parentA, true),
      });
    });
  }

  // --- diagnostics ---------------------------------------------------------------------

  private diagnostics(): void {
    type Entry = { key: string; path: PathItem[]; d: Diagnostic };
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
        message: this.say(diagnosticChange(bi !== undefined, isError, e.d.code, oneLine(diagnosticMessage(e.d, this.locale)))),
        ...(bi !== undefined ? { beforeAt: this.loc(this.b, e.d.span) } : { afterAt: this.loc(this.a, e.d.span) }),
      });
    });
  }
}

function diagnosticChange(fixed: boolean, isError: boolean, code: string, text: string): Msg {
  if (fixed) return isError ? msg('fixed error {0}: {1}', code, text) : msg('fixed warning {0}: {1}', code, text);
  return isError ? msg('new error {0}: {1}', code, text) : msg('new warning {0}: {1}', code, text);
}

/** Lexicographic order of two sort keys; a key that is a prefix of the other sorts first. */
function compareKeys(x: number[], y: number[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** Words of a text for comparing wordings: lower case, letters and digits of any script. */
function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** How much two wordings share, 0…1: the Dice coefficient of their words. */
export function wordingSimilarity(x: string, y: string): number {
  const a = words(x);
  const b = words(y);
  if (!a.length || !b.length) return 0;
  const left = new Map<string, number>();
  for (const w of a) left.set(w, (left.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of b) {
    const n = left.get(w) ?? 0;
    if (n > 0) (shared++, left.set(w, n - 1));
  }
  return (2 * shared) / (a.length + b.length);
}

/** Re-wordings share at least half their words; below that, a resolved and an added item are two facts. */
const REWORDED = 0.5;

/** Unpaired before items → the unpaired after item that re-words each, most similar pairs first. */
function pairRewordings(pairs: ReadonlyArray<[number | undefined, number | undefined]>, before: readonly Text[], after: readonly Text[]): Map<number, number> {
  const gone = pairs.filter(([b, a]) => b !== undefined && a === undefined).map(([b]) => b!);
  const come = pairs.filter(([b, a]) => b === undefined && a !== undefined).map(([, a]) => a!);
  const candidates: Array<{ b: number; a: number; s: number }> = [];
  for (const b of gone) for (const a of come) {
    const s = wordingSimilarity(before[b].value, after[a].value);
    if (s >= REWORDED) candidates.push({ b, a, s });
  }
  candidates.sort((x, y) => y.s - x.s || x.b - y.b || x.a - y.a);
  const out = new Map<number, number>();
  const taken = new Set<number>();
  for (const c of candidates) {
    if (out.has(c.b) || taken.has(c.a)) continue;
    out.set(c.b, c.a);
    taken.add(c.a);
  }
  return out;
}

/** A whole journey, as a headline sums it up when the map itself was added or deleted. */
function journeyOf(status: 'added' | 'deleted', nodes: readonly StageNode[]): WholeJourney {
  const scores = nodes.flatMap((n) => n.steps.flatMap((s) => [...stepEmotions(s.step).values()].map((e) => e.score))).filter((x): x is number => x !== undefined);
  return {
    status,
    stages: nodes.length,
    steps: nodes.reduce((n, st) => n + st.steps.length, 0),
    ...(scores.length ? { lowest: Math.min(...scores), highest: Math.max(...scores) } : {}),
  };
}
