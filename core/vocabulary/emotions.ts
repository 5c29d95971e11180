import { Locale, Localized, fold } from './locale';

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
  readonly names: Localized;
  readonly synonyms: Readonly<Record<Locale, readonly string[]>>;
}

const e = (id: string, emoji: string, score: number, names: Localized, synonyms: Record<Locale, string[]>): EmotionInfo => ({
  id, emoji, score, names, synonyms,
});

/**
 * Sorted from the best feeling to the worst. Emoji are from Unicode 10 or older, so the
 * fonts a PNG export can rely on (Symbola, DejaVu) draw every one of them.
 */
export const EMOTIONS: readonly EmotionInfo[] = [
  e('delighted', '🤩', 3, { en: 'delighted', ru: 'восторг', pl: 'zachwycony' }, { en: ['thrilled', 'amazed', 'excited'], ru: ['восхищение', 'в восторге', 'восхищён'], pl: ['zachwyt', 'podekscytowany'] }),
  e('happy', '😄', 2, { en: 'happy', ru: 'радость', pl: 'szczęśliwy' }, { en: ['glad', 'joyful', 'pleased'], ru: ['счастье', 'рад', 'довольный'], pl: ['radosny', 'radość'] }),
  e('satisfied', '🙂', 1, { en: 'satisfied', ru: 'удовлетворение', pl: 'zadowolony' }, { en: ['content', 'ok', 'fine'], ru: ['доволен', 'удовлетворён'], pl: ['usatysfakcjonowany'] }),
  e('relieved', '😌', 1, { en: 'relieved', ru: 'облегчение', pl: 'ulga' }, { en: ['reassured', 'calm'], ru: ['спокойствие'], pl: ['spokojny', 'uspokojony'] }),
  e('hopeful', '🤞', 1, { en: 'hopeful', ru: 'надежда', pl: 'pełen nadziei' }, { en: ['optimistic', 'trusting'], ru: ['оптимизм', 'доверие'], pl: ['nadzieja', 'optymistyczny'] }),
  e('curious', '🤔', 1, { en: 'curious', ru: 'любопытство', pl: 'zaciekawiony' }, { en: ['interested', 'intrigued'], ru: ['интерес', 'заинтересованность'], pl: ['ciekawość', 'zainteresowany'] }),
  e('neutral', '😐', 0, { en: 'neutral', ru: 'нейтрально', pl: 'neutralny' }, { en: ['indifferent', 'meh'], ru: ['безразличие', 'нейтральный'], pl: ['obojętny'] }),
  e('uncertain', '🤨', -1, { en: 'uncertain', ru: 'неуверенность', pl: 'niepewny' }, { en: ['unsure', 'hesitant', 'doubtful'], ru: ['сомнение', 'колебание'], pl: ['niepewność', 'wahanie'] }),
  e('confused', '😕', -1, { en: 'confused', ru: 'растерянность', pl: 'zdezorientowany' }, { en: ['lost', 'puzzled'], ru: ['замешательство', 'непонимание'], pl: ['zagubiony', 'dezorientacja'] }),
  e('impatient', '⏳', -1, { en: 'impatient', ru: 'нетерпение', pl: 'zniecierpliwiony' }, { en: ['bored', 'waiting'], ru: ['ожидание', 'скука'], pl: ['znudzony', 'czekanie'] }),
  e('anxious', '😟', -2, { en: 'anxious', ru: 'тревога', pl: 'zaniepokojony' }, { en: ['worried', 'nervous', 'stressed'], ru: ['беспокойство', 'стресс', 'волнение'], pl: ['niepokój', 'zestresowany'] }),
  e('disappointed', '😞', -2, { en: 'disappointed', ru: 'разочарование', pl: 'rozczarowany' }, { en: ['let down', 'sad'], ru: ['разочарован', 'грусть'], pl: ['rozczarowanie', 'smutny'] }),
  e('frustrated', '😣', -2, { en: 'frustrated', ru: 'раздражение', pl: 'sfrustrowany' }, { en: ['annoyed', 'irritated'], ru: ['фрустрация', 'досада', 'раздражён'], pl: ['frustracja', 'zirytowany'] }),
  e('angry', '😠', -3, { en: 'angry', ru: 'злость', pl: 'zły' }, { en: ['furious', 'outraged'], ru: ['гнев', 'возмущение', 'ярость'], pl: ['wściekły', 'oburzony', 'złość'] }),
];

const byWord = new Map<string, EmotionInfo>();
for (const em of EMOTIONS) {
  for (const w of emotionWords(em)) if (!byWord.has(w)) byWord.set(w, em);
}

export function emotionWords(em: EmotionInfo): string[] {
  const words = [em.id, ...Object.values(em.names)];
  for (const list of Object.values(em.synonyms)) words.push(...list);
  return words.map(fold);
}

/** An emotion by its id or any of its names or synonyms in any language. */
export function findEmotion(word: string): EmotionInfo | undefined {
  return byWord.get(fold(word.trim()));
}

/** Emotions a typed prefix points at (any language), sorted by valence, best first. */
export function matchEmotions(typed: string): EmotionInfo[] {
  const q = fold(typed.trim());
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

/** `−2`, `+1.5`, `0`: how a score is written for people (true minus sign). */
export function formatScore(score: number): string {
  const rounded = Math.round(score * 10) / 10;
  if (rounded === 0) return '0';
  return (rounded > 0 ? '+' : '−') + String(Math.abs(rounded));
}
