/**
 * How a map's nodes are named for people: in the diff, the git projection and anywhere
 * a stage or step must be mentioned in one line. Names are forced onto one line because
 * every consumer (terminal, git hunks, annotations, tables) is line-based.
 */
import type { Emotion, Stage, Step } from './model';
import { Msg, format, msg } from './l10n';
import type { ObjectName, RefKind } from './schema';
import { formatScore, nearestEmotion } from './vocabulary/emotions';
import type { Locale } from './vocabulary/locale';
import { findStage } from './vocabulary/stages';

/** A kind of declaration inside a sentence ("Another persona already has…", "No persona `x` is declared"). */
export const REF_KIND_NOUNS: Readonly<Record<RefKind, Msg>> = {
  persona: msg('persona'),
  channel: msg('channel'),
  team: msg('team'),
  source: msg('source'),
  lane: msg('lane'),
  stage: msg('stage'),
  step: msg('step'),
};

/**
 * Every key of a map in words, for a sentence about one field ("точка контакта: A → B").
 * Keyed by the key, or by `object.key` where a key means something else in that object (a
 * KPI's `baseline` is a value, the map's a file). A test checks every key of the schema has
 * one and every catalogue translates it.
 */
export const FIELD_NAMES: Readonly<Record<string, Msg>> = {
  cjm: msg('format version'),
  title: msg('title'),
  kind: msg('kind of map'),
  language: msg('language'),
  description: msg('description'),
  use: msg('libraries'),
  baseline: msg('baseline map'),
  persona: msg('persona'),
  personas: msg('personas'),
  channels: msg('channels'),
  teams: msg('teams'),
  sources: msg('research sources'),
  lanes: msg('lanes'),
  kpis: msg('KPIs'),
  opportunities: msg('opportunities'),
  stages: msg('stages'),
  notes: msg('notes'),
  id: msg('identifier'),
  name: msg('name'),
  'persona.name': msg('persona\'s name'),
  quote: msg('quote'),
  motivation: msg('motivation'),
  goals: msg('goals'),
  needs: msg('needs'),
  expectations: msg('expectations'),
  frustrations: msg('frustrations'),
  type: msg('type'),
  contact: msg('contact'),
  date: msg('date'),
  sample: msg('sample'),
  url: msg('link'),
  'kpi.baseline': msg('starting value'),
  current: msg('current value'),
  target: msg('target value'),
  history: msg('history'),
  stage: msg('stage'),
  owner: msg('owner'),
  text: msg('text'),
  impact: msg('impact'),
  effort: msg('effort'),
  status: msg('status'),
  step: msg('step'),
  due: msg('due date'),
  experiment: msg('experiment'),
  hypothesis: msg('hypothesis'),
  metric: msg('metric'),
  result: msg('result'),
  value: msg('value'),
  criticality: msg('criticality'),
  steps: msg('steps'),
  action: msg('action'),
  touchpoint: msg('touchpoint'),
  channel: msg('channel'),
  thoughts: msg('thoughts'),
  questions: msg('questions'),
  emotion: msg('emotion'),
  pains: msg('pains'),
  joys: msg('joys'),
  frontstage: msg('frontstage'),
  backstage: msg('backstage'),
  support: msg('support processes'),
  evidence: msg('evidence'),
};

/**
 * A field as the diff names it (`touchpoint`, `lanes.legal`, `experiment.result`): in
 * English the key as written, since that is what an English writer types; in another
 * language the key's name in words, a custom lane by its id, a field of a nested object
 * after its parent's ("эксперимент › результат").
 */
export function fieldName(object: ObjectName, field: string, locale: Locale): string {
  if (locale === 'en') return field;
  const dot = field.indexOf('.');
  if (dot < 0) {
    const name = FIELD_NAMES[`${object}.${field}`] ?? FIELD_NAMES[field];
    return name ? format(locale, name) : field;
  }
  const [parent, rest] = [field.slice(0, dot), field.slice(dot + 1)];
  if (parent === 'lanes') return `${format(locale, REF_KIND_NOUNS.lane)} ${rest}`;
  const name = FIELD_NAMES[`${object}.${parent}`] ?? FIELD_NAMES[parent];
  const child = FIELD_NAMES[rest];
  return `${name ? format(locale, name) : parent} › ${child ? format(locale, child) : rest}`;
}

const OBJECTS: ReadonlySet<string> = new Set(['persona', 'channel', 'team', 'source', 'lane', 'kpi', 'opportunity', 'stage', 'step']);

/** A change's field (`Change.field`) as `fieldName` names it; the object is the change kind's (`kpi-changed`: a KPI's), else the map's. */
export function changedFieldName(kind: string, field: string, locale: Locale): string {
  const object = kind.slice(0, kind.indexOf('-'));
  return fieldName((OBJECTS.has(object) ? object : 'map') as ObjectName, field, locale);
}

/** Collapses whitespace (including newlines) so a name can never span lines. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The stage's display name: its `name`, else the built-in name in the map's language, else its id. */
export function stageLabel(stage: Stage, index: number, locale: Locale): string {
  const name = stage.name ? oneLine(stage.name.value) : '';
  if (name) return name;
  const id = stage.id ? oneLine(stage.id.value) : '';
  const found = id ? findStage(id, locale) : undefined;
  // The id `purchase` is shown in the map's language; a stage's name written as the id
  // (`покупка`, `Zakup`) is shown as that name, in its own language; any other word the
  // author chose (`checkout`, `оформление`) is shown as written, never translated.
  if (found?.canonical) return found.stage.names[found.locale ?? locale];
  return id || format(locale, msg('Stage {0}', index + 1));
}

export function stepLabel(step: Step, index: number, locale: Locale = 'en'): string {
  const name = step.name ? oneLine(step.name.value) : '';
  if (name) return name;
  const id = step.id ? oneLine(step.id.value) : '';
  return id || format(locale, msg('Step {0}', index + 1));
}

/**
 * `😣 frustrated −2`, `😟 −2` for a bare score, `"meh?" (unknown)` when not understood. The
 * emotion is named by its label in `locale` (English: its id: `😣 раздражение −2`), the word
 * "unknown" in `words`.
 */
export function emotionLabel(e: Emotion, locale: Locale = 'en', words: Locale = locale): string {
  if (e.score === undefined) return format(words, msg('{0} (unknown)', JSON.stringify(oneLine(e.raw))));
  if (e.info) return `${e.info.emoji} ${locale === 'en' ? e.info.id : e.info.names[locale]} ${formatScore(e.score, words)}`;
  return `${nearestEmotion(e.score).emoji} ${formatScore(e.score, words)}${e.form === 'mermaid' ? ` (${oneLine(e.raw)})` : ''}`;
}
