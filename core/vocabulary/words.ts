/**
 * Every vocabulary as words: looking a written value up (any language, any case, with or
 * without diacritics) and naming an id in a language. The model keeps what the author
 * wrote; these functions say what it means.
 */
import { didYouMean } from '../suggest';
import { CHANNEL_TYPES, EMOTION_FACTS, KIND_IDS, LEVELS, OPPORTUNITY_STATUSES, SOURCE_TYPES, STAGE_IDS } from './ids';
import { LOCALES, Locale, localesOfWord, matchKey, pack } from './locale';
import type { Entry, LanguagePack } from './pack';

export type VocabularyName = 'stage' | 'emotion' | 'kind' | 'level' | 'status' | 'channelType' | 'sourceType' | 'language';
export const VOCABULARIES: readonly VocabularyName[] = ['stage', 'emotion', 'kind', 'level', 'status', 'channelType', 'sourceType', 'language'];

const IDS: Readonly<Record<VocabularyName, readonly string[]>> = {
  stage: STAGE_IDS,
  emotion: EMOTION_FACTS.map((e) => e.id),
  kind: KIND_IDS,
  level: LEVELS,
  status: OPPORTUNITY_STATUSES,
  channelType: CHANNEL_TYPES,
  sourceType: SOURCE_TYPES,
  language: LOCALES,
};

function table(p: LanguagePack, vocabulary: VocabularyName): Readonly<Record<string, Entry>> {
  switch (vocabulary) {
    case 'stage': return p.stages;
    case 'emotion': return p.emotions;
    case 'kind': return p.kinds;
    case 'level': return p.levels;
    case 'status': return p.statuses;
    case 'channelType': return p.channelTypes;
    case 'sourceType': return p.sourceTypes;
    case 'language': return p.languages;
  }
}

/** One word of a vocabulary. */
export interface Word {
  readonly vocabulary: VocabularyName;
  readonly id: string;
  /** the word as the language pack writes it, diacritics included (the id for an id) */
  readonly text: string;
  /** the language it is a word of; undefined for the id itself, which every language accepts */
  readonly locale?: Locale;
  /** true for the label cjm shows in that language */
  readonly canonical: boolean;
}

export function vocabularyIds(vocabulary: VocabularyName): readonly string[] {
  return IDS[vocabulary];
}

export function vocabularyEntry(vocabulary: VocabularyName, id: string, locale: Locale): Entry | undefined {
  const t = table(pack(locale), vocabulary);
  return Object.prototype.hasOwnProperty.call(t, id) ? t[id] : undefined;
}

/** What cjm shows for an id in a language: the entry's label, or the id itself when it is not in the vocabulary. */
export function vocabularyLabel(vocabulary: VocabularyName, id: string, locale: Locale): string {
  return vocabularyEntry(vocabulary, id, locale)?.label ?? id;
}

/** The label and every accepted form of an id in one language, as the pack writes them. */
export function vocabularyForms(vocabulary: VocabularyName, id: string, locale: Locale): readonly string[] {
  const e = vocabularyEntry(vocabulary, id, locale);
  return e ? [e.label, ...(e.forms ?? [])] : [];
}

const allWords = new Map<VocabularyName, readonly Word[]>();
const index = new Map<VocabularyName, Map<string, Word[]>>();

/** Every word of a vocabulary: ids first, then each language's labels and forms. */
export function vocabularyWords(vocabulary: VocabularyName): readonly Word[] {
  let words = allWords.get(vocabulary);
  if (!words) {
    const list: Word[] = IDS[vocabulary].map((id) => ({ vocabulary, id, text: id, canonical: false }));
    for (const locale of LOCALES) {
      for (const id of IDS[vocabulary]) {
        const e = vocabularyEntry(vocabulary, id, locale);
        if (!e) continue;
        list.push({ vocabulary, id, text: e.label, locale, canonical: true });
        for (const f of e.forms ?? []) list.push({ vocabulary, id, text: f, locale, canonical: false });
      }
    }
    words = list;
    allWords.set(vocabulary, words);
  }
  return words;
}

function lookup(vocabulary: VocabularyName, key: string): readonly Word[] {
  let m = index.get(vocabulary);
  if (!m) {
    m = new Map();
    for (const w of vocabularyWords(vocabulary)) {
      const k = matchKey(w.text);
      const list = m.get(k);
      if (list) list.push(w);
      else m.set(k, [w]);
    }
    index.set(vocabulary, m);
  }
  return m.get(key) ?? [];
}

/** What a written value means: its id, and the language it was written in (undefined when written as the id). */
export interface Resolved {
  readonly id: string;
  readonly locale?: Locale;
  /** the pack's own spelling of the word that matched */
  readonly word: Word;
}

/**
 * Resolves a value as written to its id: case, diacritics (ё/е, ł/l, ą/a …) and spaces
 * versus `-`/`_` do not matter. The id itself wins; then a word of `prefer` (the map's
 * language); then the languages in registration order.
 */
export function resolveWord(vocabulary: VocabularyName, written: string | undefined, prefer?: Locale): Resolved | undefined {
  if (written === undefined) return undefined;
  if (vocabulary === 'language') {
    // A language tag with a region or script (`ru-RU`, `pl_PL`, `en-GB`) names its language.
    const tag = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]{2,8})+\s*$/i.exec(written);
    const base = tag ? resolveWord(vocabulary, tag[1], prefer) : undefined;
    if (base) return base;
  }
  const hits = lookup(vocabulary, matchKey(written));
  if (!hits.length) return undefined;
  const best = hits.find((w) => w.locale === undefined) ?? hits.find((w) => w.locale === prefer) ?? hits[0];
  return { id: best.id, locale: best.locale, word: best };
}

/** The id a written value means, or undefined when it is not a word of the vocabulary. */
export function resolveValue(vocabulary: VocabularyName, written: string | undefined): string | undefined {
  return resolveWord(vocabulary, written)?.id;
}

/**
 * The languages to look for a suggestion in, in order: those the word's letters allow,
 * the map's language first among them. A Cyrillic word is never offered a Latin word.
 */
export function suggestionLocales(typed: string, mapLocale?: Locale): Locale[] {
  const byLetters = localesOfWord(typed);
  const candidates = byLetters.length ? byLetters : [...LOCALES];
  return mapLocale && candidates.includes(mapLocale) ? [mapLocale, ...candidates.filter((l) => l !== mapLocale)] : candidates;
}

/**
 * Words close to what was typed that never mislead: no suggestion flips a negation
 * (недоверие is never "did you mean доверие?"), and the first language (see
 * `suggestionLocales`) with any close word is the only one offered, so a Polish word
 * never gets an English suggestion while a Polish one is close. One word per id.
 */
export function suggestWords(vocabulary: VocabularyName, typed: string, options: { locale?: Locale; limit?: number; exclude?: (id: string) => boolean } = {}): Word[] {
  const limit = options.limit ?? 3;
  const words = vocabularyWords(vocabulary).filter((w) => !options.exclude?.(w.id));
  for (const locale of suggestionLocales(typed, options.locale)) {
    // Ids are English words: they are offered with English.
    const own = words.filter((w) => (w.locale ?? 'en') === locale);
    const texts = didYouMean(typed, own.map((w) => w.text), own.length);
    if (!texts.length) continue;
    const out: Word[] = [];
    const seen = new Set<string>();
    for (const t of texts) {
      const w = own.find((x) => x.text === t)!;
      if (seen.has(w.id)) continue;
      seen.add(w.id);
      out.push(w);
      if (out.length >= limit) break;
    }
    return out;
  }
  return [];
}

/** A few values to show as examples in a language when nothing typed is close. */
export function vocabularyExamples(vocabulary: VocabularyName, locale: Locale): string[] {
  if (vocabulary === 'emotion') return pack(locale).exampleEmotions.map((id) => vocabularyLabel('emotion', id, locale));
  return IDS[vocabulary].map((id) => vocabularyLabel(vocabulary, id, locale));
}
