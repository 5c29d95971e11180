/**
 * Every word the rendered map shows that is not the user's own: lane names, headings,
 * badges. One table for every face (preview, exports, CLI) so they never disagree.
 */
import { LEVEL_NAMES, Level, LevelField, Locale, MapLabels, VocabularyName, levelLabel as coreLevelLabel, pack, resolveValue, t, vocabularyLabel } from '@cjm/core';

/** The words themselves live in each language's pack (core/vocabulary/languages/). */
export type LabelKey = keyof MapLabels;

export function label(key: LabelKey, locale: Locale): string {
  return pack(locale).labels[key];
}

/** A level's canonical label (the form that agrees with «критичность»/«krytyczność»). */
export function levelName(level: Level, locale: Locale): string {
  return LEVEL_NAMES[level][locale];
}

/** A level agreeing with the field it qualifies: «Влияние: высокое», «Усилия: высокие». */
export function levelLabel(level: Level, field: LevelField, locale: Locale): string {
  return coreLevelLabel(level, field, locale);
}

/**
 * A vocabulary value as written (`type: ankieta`, `status: w trakcie`, `kind: as-is`) in
 * the reader's language; a value that is not a word of the vocabulary is shown as written.
 */
export function valueName(vocabulary: VocabularyName, written: string, locale: Locale): string {
  const id = resolveValue(vocabulary, written);
  return id ? vocabularyLabel(vocabulary, id, locale) : written;
}

export function kindName(kind: string, locale: Locale): string {
  return valueName('kind', kind, locale);
}

/** A glyph per channel type, so a channel reads at a glance even in a narrow cell. */
const CHANNEL_ICONS: Record<string, string> = {
  web: '🌐', 'mobile-app': '📱', social: '💬', email: '✉️', phone: '📞', chat: '🗨️', branch: '🏦',
  store: '🏬', ads: '📣', partner: '🤝', mail: '📮', event: '🎪', other: '◆',
};

export function channelIcon(type: string | undefined): string {
  const id = resolveValue('channelType', type);
  return (id && CHANNEL_ICONS[id]) || CHANNEL_ICONS.other;
}

/**
 * Labels that are not in the language packs' `MapLabels` (added with the full-map picture):
 * kept in the message catalogue, so core/l10n/ru.json and pl.json translate them.
 */
export type ExtraLabel = 'teams';

export function extraLabel(key: ExtraLabel, locale: Locale): string {
  switch (key) {
    case 'teams':
      return t(locale, 'Teams');
  }
}
