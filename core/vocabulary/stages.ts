import { STAGE_IDS } from './ids';
import { LOCALES, Locale, Localized, matchKey, pack, perLocale } from './locale';
import { resolveWord, vocabularyEntry, vocabularyForms } from './words';

export interface StageInfo {
  readonly id: string;
  /** position in the usual journey order, 0-based */
  readonly order: number;
  readonly names: Localized;
  /** other words people type for this stage, per language (the names are not repeated here) */
  readonly forms: Readonly<Record<Locale, readonly string[]>>;
  /** the same lists as `forms` (the older name) */
  readonly synonyms: Readonly<Record<Locale, readonly string[]>>;
  readonly description: Localized;
}

/** Built-in stages in the order a journey usually runs. A map may use its own ids too. */
export const STAGES: readonly StageInfo[] = STAGE_IDS.map((id, order) => {
  const forms = perLocale((l) => vocabularyForms('stage', id, l).slice(1));
  return {
    id,
    order,
    names: perLocale((l) => vocabularyEntry('stage', id, l)!.label),
    forms,
    synonyms: forms,
    description: perLocale((l) => pack(l).stages[id].description),
  };
});

const byId = new Map(STAGES.map((st) => [st.id, st]));

/** A built-in stage by its id exactly. */
export function builtinStage(id: string): StageInfo | undefined {
  return byId.get(id);
}

export interface StageMatch {
  readonly stage: StageInfo;
  /** the language of the word that matched; undefined when the id itself was written */
  readonly locale?: Locale;
  /** true when the word is the stage's name in that language (or its id), not another form */
  readonly canonical: boolean;
}

/**
 * The built-in stage a stage id stands for: its id, or its name or any form in any
 * language (`покупка`, `zakup`, `Purchase`, `checkout`). `-` and `_` match spaces, so
 * `повторная-покупка` is a retention stage.
 */
export function findStage(word: string, prefer?: Locale): StageMatch | undefined {
  const r = resolveWord('stage', word, prefer);
  if (!r) return undefined;
  return { stage: byId.get(r.id)!, locale: r.locale, canonical: r.word.locale === undefined || r.word.canonical };
}

/** Every word (id, display names, forms in all languages) that names the stage, as matched. */
export function stageWords(st: StageInfo): string[] {
  const words = [st.id, ...Object.values(st.names)];
  for (const list of Object.values(st.forms)) words.push(...list);
  return words.map(matchKey);
}

/** Built-in stages a typed prefix (in any of the languages) points at, best first. */
export function matchStages(typed: string): StageInfo[] {
  const q = matchKey(typed);
  if (!q) return [...STAGES];
  const scored: Array<[number, StageInfo]> = [];
  for (const st of STAGES) {
    const words = stageWords(st);
    if (words.some((w) => w.startsWith(q))) scored.push([0, st]);
    else if (words.some((w) => w.includes(q))) scored.push([1, st]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].order - b[1].order).map(([, st]) => st);
}

/** The built-in stage that usually follows the last built-in one a map already has. */
export function nextExpectedStage(existingIds: readonly string[]): StageInfo | undefined {
  let last = -1;
  const used = new Set<string>();
  for (const id of existingIds) {
    const st = findStage(id)?.stage;
    if (!st) continue;
    used.add(st.id);
    if (st.order > last) last = st.order;
  }
  return STAGES.find((st) => st.order > last && !used.has(st.id));
}
