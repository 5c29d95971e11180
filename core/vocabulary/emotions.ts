import { EMOTION_FACTS } from './ids';
import { LOCALES, Locale, Localized, matchKey, perLocale } from './locale';
import { resolveWord, vocabularyEntry, vocabularyForms } from './words';

/**
 * The valence scale every emotion lives on: −3 (worst) … 0 (neutral) … +3 (best).
 * Mermaid's journey diagrams score tasks 1…5; `n/5` in a map means such a score and is
 * mapped linearly (1 → −3, 3 → 0, 5 → +3), so a Mermaid round trip is exact.
 */
export const VALENCE_MIN = -3;
export const VALENCE_MAX = 3;

export function mermaidToValence(score: number): number {
  return (score - 3) * 1.5;
}

export function valenceToMermaid(valence: number): number {
  return Math.max(1, Math.min(5, Math.round(valence / 1.5 + 3)));
}

export interface EmotionInfo {
  readonly id: string;
  readonly emoji: string;
  readonly score: number;
  /** the label per language: a noun in Russian and Polish, so it never depends on the persona's gender */
  readonly names: Localized;
  /** every other accepted word per language: adjectives in each gender and number, synonyms */
  readonly forms: Readonly<Record<Locale, readonly string[]>>;
  /** the same lists as `forms` (the older name) */
  readonly synonyms: Readonly<Record<Locale, readonly string[]>>;
}

/** Sorted from the best feeling to the worst; facts in ids.ts, words in languages/. */
export const EMOTIONS: readonly EmotionInfo[] = EMOTION_FACTS.map((f) => {
  const forms = perLocale((l) => vocabularyForms('emotion', f.id, l).slice(1));
  return { id: f.id, emoji: f.emoji, score: f.score, names: perLocale((l) => vocabularyEntry('emotion', f.id, l)!.label), forms, synonyms: forms };
});

const byId = new Map(EMOTIONS.map((em) => [em.id, em]));

/** Every word that names the emotion (id, labels and forms in every language), as matched. */
export function emotionWords(em: EmotionInfo): string[] {
  const words = [em.id, ...Object.values(em.names)];
  for (const list of Object.values(em.forms)) words.push(...list);
  return words.map(matchKey);
}

/** An emotion by its id or any of its names or forms in any language. */
export function findEmotion(word: string): EmotionInfo | undefined {
  const r = resolveWord('emotion', word);
  return r ? byId.get(r.id) : undefined;
}

/** An emotion and the language it was written in (undefined when written as the id). */
export function resolveEmotion(word: string, prefer?: Locale): { info: EmotionInfo; locale?: Locale } | undefined {
  const r = resolveWord('emotion', word, prefer);
  return r ? { info: byId.get(r.id)!, locale: r.locale } : undefined;
}

/** Emotions a typed prefix points at (any language), sorted by valence, best first. */
export function matchEmotions(typed: string): EmotionInfo[] {
  const q = matchKey(typed);
  if (!q) return [...EMOTIONS];
  const prefix = EMOTIONS.filter((em) => emotionWords(em).some((w) => w.startsWith(q)));
  if (prefix.length) return prefix;
  return EMOTIONS.filter((em) => emotionWords(em).some((w) => w.includes(q)));
}

/** The emotion closest in valence to a score: how a bare number is drawn. */
export function nearestEmotion(score: number): EmotionInfo {
  let best = EMOTIONS[0];
  for (const em of EMOTIONS) if (Math.abs(em.score - score) < Math.abs(best.score - score)) best = em;
  return best;
}

/**
 * `−2`, `+1.5`, `0`: how a score is written for people (true minus sign). Russian and
 * Polish readers write a decimal comma (`−1,5`); machine output (JSON, textconv, Mermaid)
 * keeps the default, English form.
 */
export function formatScore(score: number, locale: Locale = 'en'): string {
  const rounded = Math.round(score * 10) / 10;
  if (rounded === 0) return '0';
  const digits = String(Math.abs(rounded));
  return (rounded > 0 ? '+' : '−') + (DECIMAL_COMMA.has(locale) ? digits.replace('.', ',') : digits);
}

/** The languages that write `1,5` for one and a half (CLDR's decimal separator). */
const DECIMAL_COMMA: ReadonlySet<Locale> = new Set(LOCALES.filter((l) => new Intl.NumberFormat(l).format(1.5) === '1,5'));
