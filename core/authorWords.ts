/**
 * The words cjm writes into a map on the author's behalf (completion, New Journey Map): in the
 * map's language, so a Russian or Polish map never gets English ids typed into it. English
 * maps get the ids. Every word comes from the language packs (vocabulary/languages), so the
 * vocabularies read it back as the same emotion, stage or value.
 */
import { ID_PATTERN, SCHEMA } from './schema';
import type { EmotionInfo } from './vocabulary/emotions';
import { LEVEL_FIELDS, Level, LevelField } from './vocabulary/ids';
import { levelLabel } from './vocabulary/kinds';
import { Locale, fold } from './vocabulary/locale';
import type { StageInfo } from './vocabulary/stages';
import { VocabularyName, vocabularyEntry } from './vocabulary/words';

/**
 * The word of `words` the author is typing: the one `typed` spells out, else the first it
 * starts. A trailing space is part of the typing: `pewny ` is on its way to `pewny siebie`.
 */
export function typedForm(typed: string | undefined, words: readonly string[]): string | undefined {
  const q = fold((typed ?? '').trimStart());
  if (!q.trim()) return undefined;
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
  const q = fold((typed ?? '').trimStart());
  if (!q.trim() || fold(canonical).startsWith(q)) return canonical;
  return typedForm(typed, others) ?? canonical;
}

/** The emotion as an author in `locale` writes it (see authorForm); in English, the id. */
export function emotionWord(em: EmotionInfo, locale: Locale, typed?: string): string {
  if (locale === 'en') return em.id;
  return authorForm(em.names[locale], em.forms[locale], typed);
}

/**
 * A built-in stage as a stage id in `locale`: its name in lower case (`покупка`, `zakup`), or
 * the one-word form being typed (`оформ` → `оформление`, see authorForm); in English, the id.
 */
export function stageIdWord(st: StageInfo, locale: Locale, typed?: string): string {
  if (locale === 'en') return st.id;
  const words = [st.names[locale], ...st.forms[locale]].map((w) => w.toLocaleLowerCase(locale)).filter((w) => ID_PATTERN.test(w));
  if (!words.length) return st.id;
  return authorForm(words[0], words.slice(1), typed);
}

/** The vocabularies the schema's enum keys hold their values in (`type` holds channel or source types). */
const KEY_VOCABULARIES: ReadonlyMap<string, readonly VocabularyName[]> = (() => {
  const m = new Map<string, VocabularyName[]>();
  for (const fields of Object.values(SCHEMA)) {
    for (const f of fields) {
      if (f.type.t !== 'enum' || !f.type.vocabulary || f.type.vocabulary === 'language') continue;
      const list = m.get(f.key) ?? [];
      if (!list.includes(f.type.vocabulary)) list.push(f.type.vocabulary);
      m.set(f.key, list);
    }
  }
  return m;
})();

const isLevelField = (key: string): key is LevelField => (LEVEL_FIELDS as readonly string[]).includes(key);

/**
 * An enum value of `key` as an author in `locale` writes it: the pack's label (a level
 * agreeing with the key's noun: «влияние: высокое», «усилия: высокие», «krytyczność:
 * wysoka»), lower-cased like a value. English keeps the id, and so does `language:`: a code
 * (`ru`) is what tools and people read alike, though the language's name is understood too. `vocabulary` settles a key that more than one object uses (`type`); without
 * it the first of the key's vocabularies that has the value is taken.
 */
export function enumWord(key: string, value: string, locale: Locale, vocabulary?: VocabularyName): string {
  if (locale === 'en' || key === 'language') return value;
  const vocabularies = vocabulary ? [vocabulary] : KEY_VOCABULARIES.get(key) ?? [];
  for (const v of vocabularies) {
    const entry = vocabularyEntry(v, value, locale);
    if (!entry) continue;
    if (v === 'level' && isLevelField(key)) return levelLabel(value as Level, key, locale);
    return asValue(entry.label, locale);
  }
  return value;
}
