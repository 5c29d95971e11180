/**
 * The shape of a .cjm file, as data. This one table drives the parser (which keys are
 * known, what type each holds), the validator (required fields, did-you-mean), the
 * language server (key completion and hover docs), the formatter (canonical key order:
 * the order below) and the JSON Schema in schemas/ (generated from it, kept in step by a test).
 */
import { Msg, format, msg } from './l10n';
import { CHANNEL_TYPES, LEVELS, MAP_KINDS, OPPORTUNITY_STATUSES, SOURCE_TYPES, LANGUAGES } from './vocabulary/kinds';
import type { Locale } from './vocabulary/locale';
import type { VocabularyName } from './vocabulary/words';

export type ObjectName = 'map' | 'persona' | 'channel' | 'team' | 'source' | 'lane' | 'kpi' | 'opportunity' | 'stage' | 'step'
  /** an opportunity's A/B test: `experiment: {hypothesis, metric, result}` */
  | 'experiment'
  /** one dated value of a KPI's `history` */
  | 'measurement';

/** What an id in one place can point at. */
export type RefKind = 'persona' | 'channel' | 'team' | 'source' | 'lane' | 'stage' | 'step';

export type FieldType =
  | { readonly t: 'version' }
  /** `many`: one text or a list of texts; the model keeps the first as `<key>` and all as `<key>s` */
  | { readonly t: 'string'; readonly many?: boolean }
  /** a string, or a list of strings: the shape of every free-text lane */
  | { readonly t: 'text' }
  | { readonly t: 'id' }
  /** `many`: one id or a list of ids */
  | { readonly t: 'ref'; readonly ref: RefKind; readonly many?: boolean }
  /** `vocabulary`: the values are ids of that vocabulary, and its words in every language are accepted too */
  | { readonly t: 'enum'; readonly values: readonly string[]; readonly vocabulary?: VocabularyName }
  | { readonly t: 'emotion' }
  /** list items: strings that name a declared source, or free text */
  | { readonly t: 'evidence' }
  /** a mapping from custom lane ids to text */
  | { readonly t: 'lanes' }
  /** a list of objects; `shorthand` allows a plain string for an item, read as `shorthand` field */
  | { readonly t: 'list'; readonly of: ObjectName; readonly shorthand?: string }
  /** one nested object (a mapping), e.g. an opportunity's `experiment` */
  | { readonly t: 'object'; readonly of: ObjectName }
  /** a calendar date, `YYYY-MM-DD` (or a month, `YYYY-MM`) */
  | { readonly t: 'date' };

export interface FieldSpec {
  readonly key: string;
  readonly type: FieldType;
  readonly required?: boolean;
  /** what the key means, in English: the JSON Schema's description and docs/language.md */
  readonly doc: string;
  /** a line of YAML showing the field in use, for hover and docs (English) */
  readonly example?: string;
  /**
   * `doc` and `example` as catalogue messages, so hover and completion speak the reader's
   * language (`fieldDoc`, `fieldExample`). A translated example keeps the keys and
   * translates the values, the way a writer of that language fills the key in.
   */
  readonly docMsg: Msg;
  readonly exampleMsg?: Msg;
}

/** How the table below is written: the texts as messages, so the catalogue test sees every one. */
interface Field {
  readonly key: string;
  readonly type: FieldType;
  readonly required?: boolean;
  readonly doc: Msg;
  readonly example?: Msg;
}

const text = { t: 'text' } as const;
const str = { t: 'string' } as const;
const id = { t: 'id' } as const;
const ref = (r: RefKind) => ({ t: 'ref', ref: r }) as const;
const oneOf = (values: readonly string[], vocabulary?: VocabularyName) => ({ t: 'enum', values, vocabulary }) as const;
const list = (of: ObjectName, shorthand?: string) => ({ t: 'list', of, shorthand }) as const;
const date = { t: 'date' } as const;

const TABLE: Readonly<Record<ObjectName, readonly Field[]>> = {
  map: [
    { key: 'cjm', type: { t: 'version' }, required: true, doc: msg('Format version of the file. Always `1` for now.'), example: msg('cjm: 1') },
    { key: 'title', type: str, required: true, doc: msg('The journey\'s title, shown at the top of the map.'), example: msg('title: First order in the online shop') },
    { key: 'kind', type: oneOf(MAP_KINDS.map((k) => k.id), 'kind'), doc: msg('What kind of map this is: `current-state` (as-is), `future-state` (to-be), `service-blueprint`, `day-in-the-life`, `internal-process`, or `library` for a file of shared personas, channels, teams and sources (no stages) that maps `use:`.'), example: msg('kind: current-state') },
    { key: 'language', type: oneOf(LANGUAGES, 'language'), doc: msg('The language the map is written in: `en`, `ru`, `pl`, or its name (`русский`, `polski`). Built-in stage names are shown in it when a stage has no `name`.'), example: msg('language: pl') },
    { key: 'description', type: text, doc: msg('What the map covers: scope, segment, date of research.'), example: msg('description: First purchase of a new customer, desktop and mobile web.') },
    // --- shared library and baseline (core/imports.ts, core/baseline.ts) ---
    { key: 'use', type: text, doc: msg('Library files (`kind: library`) whose personas, channels, teams, sources and lanes this map uses, as paths relative to this file. Their ids count as declared here.'), example: msg('use: [../library/personas.cjm]') },
    { key: 'baseline', type: str, doc: msg('The current-state map this map is compared with, as a path relative to this file: the preview and `cjm render` lay its curve under this one and mark what changed.'), example: msg('baseline: ./current.cjm') },
    { key: 'persona', type: ref('persona'), doc: msg('The default persona: the one every step is seen through unless the step names another.'), example: msg('persona: anna') },
    { key: 'personas', type: list('persona'), doc: msg('The target customers this map is drawn for. Each has an `id` that steps refer to.'), example: msg('personas:\n  - id: anna\n    name: Anna, 34, busy parent') },
    { key: 'channels', type: list('channel'), doc: msg('The channels touchpoints belong to (web, mobile app, branch, phone…). Each has an `id` that steps refer to with `channel:`.'), example: msg('channels:\n  - id: web\n    name: Website\n    type: web') },
    { key: 'teams', type: list('team'), doc: msg('Teams that own steps, KPIs and improvements (marketing, sales, support, product, design). When declared, every `owner:` must name one.'), example: msg('teams:\n  - id: support\n    name: Customer support') },
    { key: 'sources', type: list('source'), doc: msg('Research the map is based on: surveys, interviews, focus groups, analytics, social listening, reviews. Steps cite them by id in `evidence:`.'), example: msg('sources:\n  - id: survey-2025\n    type: survey\n    name: Post-purchase survey, n=412') },
    { key: 'lanes', type: list('lane'), doc: msg('Custom lanes (rows) your team adds to the map. Steps fill them under `lanes:` by lane id.'), example: msg('lanes:\n  - id: legal\n    name: Legal constraints') },
    { key: 'kpis', type: list('kpi', 'name'), doc: msg('How the journey\'s success is measured: CSAT, NPS, churn, conversion, revenue.'), example: msg('kpis:\n  - name: NPS\n    target: "50"') },
    { key: 'opportunities', type: list('opportunity', 'text'), doc: msg('The improvement backlog for the whole journey. Each item may point at the `stage:` or `step:` it improves.'), example: msg('opportunities:\n  - text: Guest checkout\n    impact: high\n    effort: medium\n    step: sign-up') },
    { key: 'stages', type: list('stage'), required: true, doc: msg('The phases of the journey, left to right in time. Built-in ids (awareness, consideration, decision, purchase, onboarding, usage, retention, loyalty, advocacy…) get localized names; any other id is fine too.'), example: msg('stages:\n  - id: awareness\n    steps: []') },
    { key: 'notes', type: text, doc: msg('Free-form notes about the map.'), example: msg('notes: Reviewed with the support team in March.') },
  ],
  persona: [
    { key: 'id', type: id, required: true, doc: msg('How steps refer to this persona.'), example: msg('id: anna') },
    { key: 'name', type: str, doc: msg('The persona\'s display name.'), example: msg('name: Anna, 34, busy parent') },
    { key: 'description', type: text, doc: msg('Who this person is.') },
    { key: 'quote', type: str, doc: msg('A line in the persona\'s own words.'), example: msg('quote: "I shop on my phone while the kids sleep."') },
    { key: 'motivation', type: text, doc: msg('Why the persona starts this journey at all: the need or event that drives them.'), example: msg('motivation: Wants groceries delivered before the weekend') },
    { key: 'goals', type: text, doc: msg('What the persona wants to achieve.') },
    { key: 'needs', type: text, doc: msg('What the persona needs from the brand.') },
    { key: 'expectations', type: text, doc: msg('What the persona expects from the brand across the whole journey.'), example: msg('expectations: Delivery on the promised day, no surprises at checkout') },
    { key: 'frustrations', type: text, doc: msg('What annoys the persona in general.') },
  ],
  channel: [
    { key: 'id', type: id, required: true, doc: msg('How steps refer to this channel with `channel:`.'), example: msg('id: app') },
    { key: 'name', type: str, doc: msg('The channel\'s display name.'), example: msg('name: Mobile app') },
    { key: 'type', type: oneOf(CHANNEL_TYPES, 'channelType'), doc: msg('The kind of channel: web, mobile-app, social, email, phone, chat, branch, store, ads, partner, mail, event, other. Decides its badge in the map.'), example: msg('type: mobile-app') },
    { key: 'description', type: text, doc: msg('More about the channel.') },
    { key: 'kpis', type: list('kpi', 'name'), doc: msg('How well the channel works: its conversion, reach, cost per contact…'), example: msg('kpis:\n  - name: Conversion\n    current: "2.1%"') },
  ],
  team: [
    { key: 'id', type: id, required: true, doc: msg('How `owner:` fields refer to this team.'), example: msg('id: support') },
    { key: 'name', type: str, doc: msg('The team\'s display name.') },
    { key: 'contact', type: str, doc: msg('Who to ask: a person, a channel, an e-mail address.') },
    { key: 'description', type: text, doc: msg('What the team does.') },
  ],
  source: [
    { key: 'id', type: id, required: true, doc: msg('How steps cite this source in `evidence:`.'), example: msg('id: interviews-q1') },
    { key: 'name', type: str, doc: msg('What the source is.'), example: msg('name: 12 customer interviews') },
    { key: 'type', type: oneOf(SOURCE_TYPES, 'sourceType'), doc: msg('The kind of research: survey, interview, focus-group, analytics, social-listening, reviews, support-tickets, usability-test, observation, other.') },
    { key: 'date', type: str, doc: msg('When the research was done.'), example: msg('date: 2025-03') },
    { key: 'sample', type: str, doc: msg('Sample size or scope.'), example: msg('sample: "412 respondents"') },
    { key: 'url', type: str, doc: msg('Where the raw research lives (http or https).') },
    { key: 'notes', type: text, doc: msg('Anything else worth knowing about this source.') },
  ],
  lane: [
    { key: 'id', type: id, required: true, doc: msg('How steps fill this lane under `lanes:`.'), example: msg('id: legal') },
    { key: 'name', type: str, doc: msg('The lane\'s label in the map.') },
    { key: 'description', type: text, doc: msg('What goes in this lane.') },
  ],
  kpi: [
    { key: 'name', type: str, required: true, doc: msg('The metric: CSAT, NPS, churn, conversion, revenue…'), example: msg('name: Checkout conversion') },
    { key: 'baseline', type: str, doc: msg('The value before the work started, to compare against.'), example: msg('baseline: "41%"') },
    { key: 'current', type: str, doc: msg('The value measured now.'), example: msg('current: "48%"') },
    { key: 'target', type: str, doc: msg('The value the team aims for.'), example: msg('target: "65%"') },
    { key: 'history', type: list('measurement'), doc: msg('Earlier measurements, each with a `date` and a `value`: drawn as a small trend.'), example: msg('history:\n  - date: 2025-01-15\n    value: "41%"\n  - date: 2025-04-15\n    value: "48%"') },
    { key: 'stage', type: ref('stage'), doc: msg('The stage this KPI measures (map-level KPIs only).') },
    { key: 'owner', type: ref('team'), doc: msg('The team responsible for the metric.') },
    { key: 'notes', type: text, doc: msg('How it is measured.') },
  ],
  opportunity: [
    { key: 'text', type: str, required: true, doc: msg('The recommendation: what to change to remove a barrier or amplify a joy.'), example: msg('text: Let customers check out as guests') },
    { key: 'impact', type: oneOf(LEVELS, 'level'), doc: msg('Expected impact: low, medium or high.'), example: msg('impact: high') },
    { key: 'effort', type: oneOf(LEVELS, 'level'), doc: msg('Expected effort: low, medium or high.'), example: msg('effort: low') },
    { key: 'owner', type: ref('team'), doc: msg('The team that would do it.'), example: msg('owner: product') },
    { key: 'status', type: oneOf(OPPORTUNITY_STATUSES, 'status'), doc: msg('Where it stands: idea, planned, in-progress, done, rejected.') },
    { key: 'stage', type: ref('stage'), doc: msg('The stage it improves (map-level opportunities).') },
    { key: 'step', type: ref('step'), doc: msg('The step it improves (map-level opportunities), by step id.') },
    { key: 'due', type: date, doc: msg('When it should be done, as a date `YYYY-MM-DD` (or a month, `YYYY-MM`).'), example: msg('due: 2025-09-30') },
    { key: 'experiment', type: { t: 'object', of: 'experiment' }, doc: msg('The A/B test that checks it: `hypothesis`, `metric` and, once known, `result`.'), example: msg('experiment:\n  hypothesis: Guest checkout raises conversion\n  metric: Checkout conversion\n  result: +4 points in two weeks') },
    { key: 'notes', type: text, doc: msg('Rationale, links, experiments.') },
  ],
  experiment: [
    { key: 'hypothesis', type: str, required: true, doc: msg('What the team believes will happen, and why.'), example: msg('hypothesis: Guest checkout raises conversion') },
    { key: 'metric', type: str, doc: msg('What is measured to decide.'), example: msg('metric: Checkout conversion') },
    { key: 'result', type: str, doc: msg('What the test showed.'), example: msg('result: +4 points in two weeks') },
  ],
  measurement: [
    { key: 'date', type: date, required: true, doc: msg('When the value was measured, `YYYY-MM-DD` (or a month, `YYYY-MM`).'), example: msg('date: 2025-04-15') },
    { key: 'value', type: str, required: true, doc: msg('The value measured then.'), example: msg('value: "48%"') },
  ],
  stage: [
    { key: 'id', type: id, required: true, doc: msg('The stage\'s id. Built-in ids (awareness, consideration, decision, purchase, onboarding, usage, retention, loyalty, advocacy…) get localized names; any other id is fine too.'), example: msg('id: purchase') },
    { key: 'name', type: str, doc: msg('Display name; defaults to the built-in stage\'s name in the map\'s language, or the id.'), example: msg('name: Checkout') },
    { key: 'description', type: text, doc: msg('What happens in this stage.') },
    { key: 'goals', type: text, doc: msg('What the customer wants to achieve in this stage.') },
    { key: 'expectations', type: text, doc: msg('What the customer expects from the brand in this stage.') },
    { key: 'criticality', type: oneOf(LEVELS, 'level'), doc: msg('How much this stage matters to overall satisfaction: low, medium or high.') },
    { key: 'owner', type: ref('team'), doc: msg('The team that owns this stage.') },
    { key: 'kpis', type: list('kpi', 'name'), doc: msg('How this stage is measured.') },
    { key: 'opportunities', type: list('opportunity', 'text'), doc: msg('Improvements for the stage as a whole.') },
    { key: 'steps', type: list('step'), doc: msg('What happens in this stage, step by step.') },
    { key: 'notes', type: text, doc: msg('Free-form notes.') },
  ],
  step: [
    { key: 'id', type: id, doc: msg('Optional id, so other places (map-level opportunities, cross-references) can point at this step.'), example: msg('id: sign-up') },
    { key: 'name', type: str, required: true, doc: msg('A short label for the step, shown as the column header.'), example: msg('name: Creates an account') },
    { key: 'persona', type: { t: 'ref', ref: 'persona', many: true }, doc: msg('The persona this step belongs to, when it is not the map\'s default; a list when several personas share the step (Mermaid\'s actors).'), example: msg('persona: [anna, piotr]') },
    { key: 'action', type: str, doc: msg('What the customer does.'), example: msg('action: Fills in a 12-field registration form') },
    { key: 'touchpoint', type: { t: 'string', many: true }, doc: msg('Where the customer meets the company: ad, site, app, shop, call centre, e-mail, courier… A list when the step uses several.'), example: msg('touchpoint: Registration form') },
    { key: 'channel', type: { t: 'ref', ref: 'channel', many: true }, doc: msg('The channel the touchpoint belongs to, by id from `channels:`; a list when the step spans several.'), example: msg('channel: [web, app]') },
    { key: 'thoughts', type: text, doc: msg('What the customer thinks, in their own words.'), example: msg('thoughts: "Why do they need my birthday?"') },
    { key: 'questions', type: text, doc: msg('Questions the customer asks at this step.') },
    { key: 'goals', type: text, doc: msg('What the customer wants to achieve at this step.') },
    { key: 'expectations', type: text, doc: msg('What the customer expects at this step.') },
    { key: 'emotion', type: { t: 'emotion' }, doc: msg('How the customer feels: an emotion name (`frustrated`, `happy`… in English, Russian or Polish), a score from −3 to +3, or a Mermaid score `n/5`. On a map with several personas, one per persona: `{anna: anxious, piotr: calm}`.'), example: msg('emotion: frustrated') },
    { key: 'criticality', type: oneOf(LEVELS, 'level'), doc: msg('How much this step matters to overall satisfaction: low, medium or high.'), example: msg('criticality: high') },
    { key: 'pains', type: text, doc: msg('Barriers and pain points: what gets in the way.'), example: msg('pains:\n  - Too many fields') },
    { key: 'joys', type: text, doc: msg('Moments of delight: what goes better than expected.'), example: msg('joys: Parcel arrives the next morning') },
    { key: 'opportunities', type: list('opportunity', 'text'), doc: msg('Recommendations for this step, with impact, effort and owner.'), example: msg('opportunities:\n  - text: Guest checkout\n    impact: high\n    effort: medium') },
    { key: 'frontstage', type: text, doc: msg('What staff visibly do for the customer (service blueprints).') },
    { key: 'backstage', type: text, doc: msg('What the company does behind the scenes (service blueprints).'), example: msg('backstage: Warehouse picks and packs the order') },
    { key: 'support', type: text, doc: msg('Support processes and systems behind the step (service blueprints).') },
    { key: 'evidence', type: { t: 'evidence' }, doc: msg('Where the statements come from: ids from `sources:` or free text.'), example: msg('evidence: [survey-2025]') },
    { key: 'owner', type: ref('team'), doc: msg('The team that owns this step.'), example: msg('owner: product') },
    { key: 'kpis', type: list('kpi', 'name'), doc: msg('How this step is measured.') },
    { key: 'lanes', type: { t: 'lanes' }, doc: msg('Values for the custom lanes declared at the top of the map, by lane id.'), example: msg('lanes:\n  legal: Consent checkbox required') },
    { key: 'notes', type: text, doc: msg('Free-form notes.') },
  ],
};

export const SCHEMA: Readonly<Record<ObjectName, readonly FieldSpec[]>> = Object.fromEntries(
  (Object.keys(TABLE) as ObjectName[]).map((o) => [
    o,
    TABLE[o].map(({ doc, example, ...f }): FieldSpec => ({
      ...f,
      doc: format('en', doc),
      docMsg: doc,
      ...(example ? { example: format('en', example), exampleMsg: example } : {}),
    })),
  ]),
) as unknown as Record<ObjectName, readonly FieldSpec[]>;

/** What a key means, in a reader's language. */
export function fieldDoc(f: FieldSpec, locale: Locale = 'en'): string {
  return format(locale, f.docMsg);
}

/** The key's example in a reader's language: the same keys, values as a writer of that language writes them. */
export function fieldExample(f: FieldSpec, locale: Locale = 'en'): string | undefined {
  return f.exampleMsg && format(locale, f.exampleMsg);
}

const index = new Map<ObjectName, Map<string, FieldSpec>>(
  (Object.keys(SCHEMA) as ObjectName[]).map((o) => [o, new Map(SCHEMA[o].map((f) => [f.key, f]))]),
);

export function fieldSpec(object: ObjectName, key: string): FieldSpec | undefined {
  return index.get(object)?.get(key);
}

/** Which object a list field holds, e.g. `stages` in a map holds `stage`s. */
export function childObject(object: ObjectName, key: string): ObjectName | undefined {
  const f = fieldSpec(object, key);
  return f && f.type.t === 'list' ? f.type.of : undefined;
}

/** Everyday words people use for a key: read as the real key, with a hint to rename. */
export const KEY_ALIASES: Partial<Record<ObjectName, Readonly<Record<string, string>>>> = {
  step: { barriers: 'pains', recommendations: 'opportunities', delights: 'joys' },
  stage: { recommendations: 'opportunities' },
  map: { recommendations: 'opportunities' },
};

/** The real key an alias stands for; own properties only, so `constructor` is no alias. */
export function aliasedKey(object: ObjectName, written: string): string | undefined {
  const table = KEY_ALIASES[object];
  return table && Object.prototype.hasOwnProperty.call(table, written) ? table[written] : undefined;
}

/** Free-text fields of a step, in the order the map's lanes show them. */
export const STEP_TEXT_LANES = ['action', 'touchpoint', 'goals', 'expectations', 'thoughts', 'questions', 'pains', 'joys', 'frontstage', 'backstage', 'support', 'notes'] as const;
export type StepTextLane = (typeof STEP_TEXT_LANES)[number];

/** Ids must be one word: letters (any script), digits, `-`, `_` and `.`. */
export const ID_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;
