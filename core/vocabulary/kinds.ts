import { CHANNEL_TYPES, KIND_IDS, LEVELS, Level, LevelField, OPPORTUNITY_STATUSES, SOURCE_TYPES } from './ids';
import { LOCALES, Locale, Localized, pack, perLocale } from './locale';
import { vocabularyEntry, vocabularyForms } from './words';

export { CHANNEL_TYPES, LEVELS, LEVEL_FIELDS, OPPORTUNITY_STATUSES, SOURCE_TYPES } from './ids';
export type { ChannelType, Level, LevelField, OpportunityStatus, SourceType } from './ids';

export interface KindInfo {
  readonly id: string;
  readonly names: Localized;
  /** other words accepted for the kind, per language */
  readonly forms: Readonly<Record<Locale, readonly string[]>>;
  /** what the kind shows, in English (the older field) */
  readonly description: string;
  readonly descriptions: Localized;
}

export const MAP_KINDS: readonly KindInfo[] = KIND_IDS.map((id) => ({
  id,
  names: perLocale((l) => vocabularyEntry('kind', id, l)!.label),
  forms: perLocale((l) => vocabularyForms('kind', id, l).slice(1)),
  description: pack('en').kinds[id].description,
  descriptions: perLocale((l) => pack(l).kinds[id].description),
}));

/** The canonical label of each level per language (Russian and Polish: the feminine form, as for criticality). */
export const LEVEL_NAMES: Readonly<Record<Level, Localized>> = Object.fromEntries(
  LEVELS.map((level) => [level, perLocale((l) => pack(l).levels[level].label)]),
) as Record<Level, Localized>;

/**
 * A level as a label after the field's name, agreeing with its noun: «Критичность:
 * высокая», «Влияние: высокое», «Усилия: высокие»; «Wpływ: wysoki».
 */
export function levelLabel(level: Level, field: LevelField, locale: Locale): string {
  return pack(locale).levels[level].agrees[field];
}

/** The values of `language:`: every language cjm speaks. */
export const LANGUAGES: readonly Locale[] = LOCALES;
