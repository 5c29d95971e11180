/**
 * The words cjm writes into a map on the author's behalf (completion, New Journey Map): in the
 * map's language, so a Russian or Polish map never gets English ids typed into it. English
 * maps get the ids. Every word returned here is one the vocabularies read back as the same
 * emotion, stage or value.
 */
import { ID_PATTERN } from './schema';
import { EmotionInfo } from './vocabulary/emotions';
import { LEVEL_NAMES, LEVELS, Level, MAP_KINDS } from './vocabulary/kinds';
import { Locale, fold } from './vocabulary/locale';
import { STAGES, StageInfo, builtinStage, stageWords } from './vocabulary/stages';

/** The word of `words` the author is typing: the one `typed` spells out, else the first it starts. */
export function typedForm(typed: string | undefined, words: readonly string[]): string | undefined {
  const q = fold((typed ?? '').trim());
  if (!q) return undefined;
  return words.find((w) => fold(w) === q) ?? words.find((w) => fold(w).startsWith(q));
}

/** Lower-cases a label's first letter: `Текущее состояние` is a heading; in a file it is `текущее состояние`. */
function asValue(label: string, locale: Locale): string {
  return label.charAt(0).toLocaleLowerCase(locale) + label.slice(1);
}

/**
 * The word to write for what is being typed: the canonical label when the typing leads to it
 * (`рад` → `радость`), else the language's other form the typing leads to (`sfru` →
 * `sfrustrowany`, `досад` → `досада`), else the canonical label.
 */
function authorForm(canonical: string, others: readonly string[], typed: string | undefined): string {
  const q = fold((typed ?? '').trim());
  if (!q || fold(canonical).startsWith(q)) return canonical;
  return typedForm(typed, others) ?? canonical;
}

/** The emotion as an author in `locale` writes it (see authorForm); in English, the id. */
export function emotionWord(em: EmotionInfo, locale: Locale, typed?: string): string {
  if (locale === 'en') return em.id;
  return authorForm(em.names[locale], em.synonyms[locale], typed);
}

/**
 * A built-in stage as a stage id in `locale`: its name in lower case (`покупка`, `zakup`), or
 * the one-word form being typed (`оформ` → `оформление`, see authorForm); in English, the id.
 */
export function stageIdWord(st: StageInfo, locale: Locale, typed?: string): string {
  if (locale === 'en') return st.id;
  const words = [st.names[locale], ...st.synonyms[locale]].map((w) => w.toLocaleLowerCase(locale)).filter((w) => ID_PATTERN.test(w));
  if (!words.length) return st.id;
  return authorForm(words[0], words.slice(1), typed);
}

/**
 * The built-in stage a stage id names: its id (`purchase`) or any of its names and synonyms in
 * any language (`покупка`, `zakup`, `Purchase`), matched case- and diacritic-insensitively.
 */
export function stageNamedBy(id: string): StageInfo | undefined {
  const direct = builtinStage(id);
  if (direct) return direct;
  const q = fold(id.trim());
  return q ? STAGES.find((st) => stageWords(st).includes(q)) : undefined;
}

/**
 * Level adjectives agree with the noun the key names: «критичность: высокая» (feminine),
 * «влияние: высокое» (neuter), «усилия: высокие» (plural); «krytyczność: wysoka», «wpływ:
 * wysoki», «nakład: wysoki». Criticality's forms are the canonical LEVEL_NAMES.
 */
const LEVEL_FORMS: Readonly<Record<string, Partial<Record<Locale, Readonly<Record<Level, string>>>>>> = {
  impact: {
    ru: { low: 'низкое', medium: 'среднее', high: 'высокое' },
    pl: { low: 'niski', medium: 'średni', high: 'wysoki' },
  },
  effort: {
    ru: { low: 'низкие', medium: 'средние', high: 'высокие' },
    pl: { low: 'niski', medium: 'średni', high: 'wysoki' },
  },
};

/**
 * An enum value of `key` as an author in `locale` writes it. Map kinds and levels have words in
 * every language; other values (channel and source types, statuses, language codes) are
 * written as ids until their vocabularies name them.
 */
export function enumWord(key: string, value: string, locale: Locale): string {
  if (locale === 'en') return value;
  if (key === 'kind') {
    const kind = MAP_KINDS.find((k) => k.id === value);
    return kind ? asValue(kind.names[locale], locale) : value;
  }
  if ((LEVELS as readonly string[]).includes(value) && (key === 'criticality' || key in LEVEL_FORMS)) {
    const level = value as Level;
    return LEVEL_FORMS[key]?.[locale]?.[level] ?? LEVEL_NAMES[level][locale];
  }
  return value;
}
