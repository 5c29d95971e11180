/**
 * The shape of a .cjm file, as data. This one table drives the parser (which keys are
 * known, what type each holds), the validator (required fields, did-you-mean), the
 * language server (key completion and hover docs), the formatter (canonical key order:
 * the order below) and the JSON Schema in schemas/ (generated from it, kept in step by a test).
 */
import { CHANNEL_TYPES, LEVELS, MAP_KINDS, OPPORTUNITY_STATUSES, SOURCE_TYPES, LANGUAGES } from './vocabulary/kinds';
import type { VocabularyName } from './vocabulary/words';

export type ObjectName = 'map' | 'persona' | 'channel' | 'team' | 'source' | 'lane' | 'kpi' | 'opportunity' | 'stage' | 'step';

/** What an id in one place can point at. */
export type RefKind = 'persona' | 'channel' | 'team' | 'source' | 'lane' | 'stage' | 'step';

export type FieldType =
  | { readonly t: 'version' }
  | { readonly t: 'string' }
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
  | { readonly t: 'list'; readonly of: ObjectName; readonly shorthand?: string };

export interface FieldSpec {
  readonly key: string;
  readonly type: FieldType;
  readonly required?: boolean;
  readonly doc: string;
  /** a line of YAML showing the field in use, for hover and docs */
  readonly example?: string;
}

const text = { t: 'text' } as const;
const str = { t: 'string' } as const;
const id = { t: 'id' } as const;
const ref = (r: RefKind) => ({ t: 'ref', ref: r }) as const;
const oneOf = (values: readonly string[], vocabulary?: VocabularyName) => ({ t: 'enum', values, vocabulary }) as const;
const list = (of: ObjectName, shorthand?: string) => ({ t: 'list', of, shorthand }) as const;

export const SCHEMA: Readonly<Record<ObjectName, readonly FieldSpec[]>> = {
  map: [
    { key: 'cjm', type: { t: 'version' }, required: true, doc: 'Format version of the file. Always `1` for now.', example: 'cjm: 1' },
    { key: 'title', type: str, required: true, doc: 'The journey\'s title, shown at the top of the map.', example: 'title: First order in the online shop' },
    { key: 'kind', type: oneOf(MAP_KINDS.map((k) => k.id), 'kind'), doc: 'What kind of map this is: `current-state` (as-is), `future-state` (to-be), `service-blueprint`, `day-in-the-life` or `internal-process`.', example: 'kind: current-state' },
    { key: 'language', type: oneOf(LANGUAGES), doc: 'The language the map is written in (`en`, `ru`, `pl`). Built-in stage names are shown in it when a stage has no `name`.', example: 'language: pl' },
    { key: 'description', type: text, doc: 'What the map covers: scope, segment, date of research.', example: 'description: First purchase of a new customer, desktop and mobile web.' },
    { key: 'persona', type: ref('persona'), doc: 'The default persona: the one every step is seen through unless the step names another.', example: 'persona: anna' },
    { key: 'personas', type: list('persona'), doc: 'The target customers this map is drawn for. Each has an `id` that steps refer to.', example: 'personas:\n  - id: anna\n    name: Anna, 34, busy parent' },
    { key: 'channels', type: list('channel'), doc: 'The channels touchpoints belong to (web, mobile app, branch, phone…). Each has an `id` that steps refer to with `channel:`.', example: 'channels:\n  - id: web\n    name: Website\n    type: web' },
    { key: 'teams', type: list('team'), doc: 'Teams that own steps, KPIs and improvements (marketing, sales, support, product, design). When declared, every `owner:` must name one.', example: 'teams:\n  - id: support\n    name: Customer support' },
    { key: 'sources', type: list('source'), doc: 'Research the map is based on: surveys, interviews, focus groups, analytics, social listening, reviews. Steps cite them by id in `evidence:`.', example: 'sources:\n  - id: survey-2025\n    type: survey\n    name: Post-purchase survey, n=412' },
    { key: 'lanes', type: list('lane'), doc: 'Custom lanes (rows) your team adds to the map. Steps fill them under `lanes:` by lane id.', example: 'lanes:\n  - id: legal\n    name: Legal constraints' },
    { key: 'kpis', type: list('kpi', 'name'), doc: 'How the journey\'s success is measured: CSAT, NPS, churn, conversion, revenue.', example: 'kpis:\n  - name: NPS\n    target: "50"' },
    { key: 'opportunities', type: list('opportunity', 'text'), doc: 'The improvement backlog for the whole journey. Each item may point at the `stage:` or `step:` it improves.', example: 'opportunities:\n  - text: Guest checkout\n    impact: high\n    effort: medium\n    step: sign-up' },
    { key: 'stages', type: list('stage'), required: true, doc: 'The phases of the journey, left to right in time. Built-in ids (awareness, consideration, decision, purchase, onboarding, usage, retention, loyalty, advocacy…) get localized names; any other id is fine too.', example: 'stages:\n  - id: awareness\n    steps: []' },
    { key: 'notes', type: text, doc: 'Free-form notes about the map.', example: 'notes: Reviewed with the support team in March.' },
  ],
  persona: [
    { key: 'id', type: id, required: true, doc: 'How steps refer to this persona.', example: 'id: anna' },
    { key: 'name', type: str, doc: 'The persona\'s display name.', example: 'name: Anna, 34, busy parent' },
    { key: 'description', type: text, doc: 'Who this person is.' },
    { key: 'quote', type: str, doc: 'A line in the persona\'s own words.', example: 'quote: "I shop on my phone while the kids sleep."' },
    { key: 'goals', type: text, doc: 'What the persona wants to achieve.' },
    { key: 'needs', type: text, doc: 'What the persona needs from the brand.' },
    { key: 'frustrations', type: text, doc: 'What annoys the persona in general.' },
  ],
  channel: [
    { key: 'id', type: id, required: true, doc: 'How steps refer to this channel with `channel:`.', example: 'id: app' },
    { key: 'name', type: str, doc: 'The channel\'s display name.', example: 'name: Mobile app' },
    { key: 'type', type: oneOf(CHANNEL_TYPES, 'channelType'), doc: `The kind of channel: ${CHANNEL_TYPES.join(', ')}. Decides its badge in the map.`, example: 'type: mobile-app' },
    { key: 'description', type: text, doc: 'More about the channel.' },
  ],
  team: [
    { key: 'id', type: id, required: true, doc: 'How `owner:` fields refer to this team.', example: 'id: support' },
    { key: 'name', type: str, doc: 'The team\'s display name.' },
    { key: 'contact', type: str, doc: 'Who to ask: a person, a channel, an e-mail address.' },
    { key: 'description', type: text, doc: 'What the team does.' },
  ],
  source: [
    { key: 'id', type: id, required: true, doc: 'How steps cite this source in `evidence:`.', example: 'id: interviews-q1' },
    { key: 'name', type: str, doc: 'What the source is.', example: 'name: 12 customer interviews' },
    { key: 'type', type: oneOf(SOURCE_TYPES, 'sourceType'), doc: `The kind of research: ${SOURCE_TYPES.join(', ')}.` },
    { key: 'date', type: str, doc: 'When the research was done.', example: 'date: 2025-03' },
    { key: 'sample', type: str, doc: 'Sample size or scope.', example: 'sample: "412 respondents"' },
    { key: 'url', type: str, doc: 'Where the raw research lives (http or https).' },
    { key: 'notes', type: text, doc: 'Anything else worth knowing about this source.' },
  ],
  lane: [
    { key: 'id', type: id, required: true, doc: 'How steps fill this lane under `lanes:`.', example: 'id: legal' },
    { key: 'name', type: str, doc: 'The lane\'s label in the map.' },
    { key: 'description', type: text, doc: 'What goes in this lane.' },
  ],
  kpi: [
    { key: 'name', type: str, required: true, doc: 'The metric: CSAT, NPS, churn, conversion, revenue…', example: 'name: Checkout conversion' },
    { key: 'current', type: str, doc: 'The value measured now.', example: 'current: "48%"' },
    { key: 'target', type: str, doc: 'The value the team aims for.', example: 'target: "65%"' },
    { key: 'stage', type: ref('stage'), doc: 'The stage this KPI measures (map-level KPIs only).' },
    { key: 'owner', type: ref('team'), doc: 'The team responsible for the metric.' },
    { key: 'notes', type: text, doc: 'How it is measured.' },
  ],
  opportunity: [
    { key: 'text', type: str, required: true, doc: 'The recommendation: what to change to remove a barrier or amplify a joy.', example: 'text: Let customers check out as guests' },
    { key: 'impact', type: oneOf(LEVELS, 'level'), doc: 'Expected impact: low, medium or high.', example: 'impact: high' },
    { key: 'effort', type: oneOf(LEVELS, 'level'), doc: 'Expected effort: low, medium or high.', example: 'effort: low' },
    { key: 'owner', type: ref('team'), doc: 'The team that would do it.', example: 'owner: product' },
    { key: 'status', type: oneOf(OPPORTUNITY_STATUSES, 'status'), doc: `Where it stands: ${OPPORTUNITY_STATUSES.join(', ')}.` },
    { key: 'stage', type: ref('stage'), doc: 'The stage it improves (map-level opportunities).' },
    { key: 'step', type: ref('step'), doc: 'The step it improves (map-level opportunities), by step id.' },
    { key: 'notes', type: text, doc: 'Rationale, links, experiments.' },
  ],
  stage: [
    { key: 'id', type: id, required: true, doc: 'The stage\'s id. Built-in ids (awareness, consideration, decision, purchase, onboarding, usage, retention, loyalty, advocacy…) get localized names; any other id is fine too.', example: 'id: purchase' },
    { key: 'name', type: str, doc: 'Display name; defaults to the built-in stage\'s name in the map\'s language, or the id.', example: 'name: Checkout' },
    { key: 'description', type: text, doc: 'What happens in this stage.' },
    { key: 'goals', type: text, doc: 'What the customer wants to achieve in this stage.' },
    { key: 'expectations', type: text, doc: 'What the customer expects from the brand in this stage.' },
    { key: 'criticality', type: oneOf(LEVELS, 'level'), doc: 'How much this stage matters to overall satisfaction: low, medium or high.' },
    { key: 'owner', type: ref('team'), doc: 'The team that owns this stage.' },
    { key: 'kpis', type: list('kpi', 'name'), doc: 'How this stage is measured.' },
    { key: 'opportunities', type: list('opportunity', 'text'), doc: 'Improvements for the stage as a whole.' },
    { key: 'steps', type: list('step'), doc: 'What happens in this stage, step by step.' },
    { key: 'notes', type: text, doc: 'Free-form notes.' },
  ],
  step: [
    { key: 'id', type: id, doc: 'Optional id, so other places (map-level opportunities, cross-references) can point at this step.', example: 'id: sign-up' },
    { key: 'name', type: str, required: true, doc: 'A short label for the step, shown as the column header.', example: 'name: Creates an account' },
    { key: 'persona', type: { t: 'ref', ref: 'persona', many: true }, doc: 'The persona this step belongs to, when it is not the map\'s default; a list when several personas share the step (Mermaid\'s actors).', example: 'persona: [anna, piotr]' },
    { key: 'action', type: str, doc: 'What the customer does.', example: 'action: Fills in a 12-field registration form' },
    { key: 'touchpoint', type: str, doc: 'Where the customer meets the company: ad, site, app, shop, call centre, e-mail, courier…', example: 'touchpoint: Registration form' },
    { key: 'channel', type: ref('channel'), doc: 'The channel the touchpoint belongs to, by id from `channels:`.', example: 'channel: web' },
    { key: 'thoughts', type: text, doc: 'What the customer thinks, in their own words.', example: 'thoughts: "Why do they need my birthday?"' },
    { key: 'questions', type: text, doc: 'Questions the customer asks at this step.' },
    { key: 'goals', type: text, doc: 'What the customer wants to achieve at this step.' },
    { key: 'expectations', type: text, doc: 'What the customer expects at this step.' },
    { key: 'emotion', type: { t: 'emotion' }, doc: 'How the customer feels: an emotion name (`frustrated`, `happy`… in English, Russian or Polish), a score from −3 to +3, or a Mermaid score `n/5`.', example: 'emotion: frustrated' },
    { key: 'criticality', type: oneOf(LEVELS, 'level'), doc: 'How much this step matters to overall satisfaction: low, medium or high.', example: 'criticality: high' },
    { key: 'pains', type: text, doc: 'Barriers and pain points: what gets in the way.', example: 'pains:\n  - Too many fields' },
    { key: 'joys', type: text, doc: 'Moments of delight: what goes better than expected.', example: 'joys: Parcel arrives the next morning' },
    { key: 'opportunities', type: list('opportunity', 'text'), doc: 'Recommendations for this step, with impact, effort and owner.', example: 'opportunities:\n  - text: Guest checkout\n    impact: high\n    effort: medium' },
    { key: 'frontstage', type: text, doc: 'What staff visibly do for the customer (service blueprints).' },
    { key: 'backstage', type: text, doc: 'What the company does behind the scenes (service blueprints).', example: 'backstage: Warehouse picks and packs the order' },
    { key: 'support', type: text, doc: 'Support processes and systems behind the step (service blueprints).' },
    { key: 'evidence', type: { t: 'evidence' }, doc: 'Where the statements come from: ids from `sources:` or free text.', example: 'evidence: [survey-2025]' },
    { key: 'owner', type: ref('team'), doc: 'The team that owns this step.', example: 'owner: product' },
    { key: 'kpis', type: list('kpi', 'name'), doc: 'How this step is measured.' },
    { key: 'lanes', type: { t: 'lanes' }, doc: 'Values for the custom lanes declared at the top of the map, by lane id.', example: 'lanes:\n  legal: Consent checkbox required' },
    { key: 'notes', type: text, doc: 'Free-form notes.' },
  ],
};

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
