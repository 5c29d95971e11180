import { LOCALES, fold, pack } from './vocabulary/locale';

/**
 * Edit distance where swapping two neighbouring letters counts as one edit ("titel" →
 * "title"), the commonest typo (optimal string alignment); inputs are short words.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** Every negation prefix of every language cjm speaks, folded, longest first. */
const NEGATIONS: readonly string[] = [...new Set(LOCALES.flatMap((l) => pack(l).negations.map(fold)))].sort((a, b) => b.length - a.length);

/** How many edits a word of this length may be away and still count as a typo. */
function tolerance(length: number): number {
  return Math.max(1, Math.floor(length / 3));
}

/**
 * How far `candidate` is from `typed` as a suggestion, or undefined when it must not be
 * suggested. A negation prefix (не-, nie-, un-, dis- …) is meaning, not a typo: a candidate
 * that differs by one is never close (недоверие ↛ доверие, уверенность ↛ неуверенность),
 * and a prefix both share does not make them look alike (nieufność ↛ niepewność: the
 * stems ufność and pewność are compared).
 */
export function suggestionDistance(typed: string, candidate: string): number | undefined {
  const t = fold(typed);
  const c = fold(candidate);
  if (!t || !c) return undefined;
  let limit = tolerance(t.length);
  let d = editDistance(t, c, limit + 4);
  for (const p of NEGATIONS) {
    const tp = t.startsWith(p) && t.length > p.length;
    const cp = c.startsWith(p) && c.length > p.length;
    if (tp && cp) limit = Math.min(limit, tolerance(t.length - p.length));
    else if (tp && editDistance(t.slice(p.length), c, d) < d) return undefined;
    else if (cp && editDistance(t, c.slice(p.length), d) < d) return undefined;
  }
  // A prefix of a longer word ("frust") is a word being typed, not a typo.
  if (d > limit && t.length >= 3 && c.startsWith(t)) d = limit;
  return d <= limit ? d : undefined;
}

/**
 * Candidates close to what was typed, closest first: a typo ("emotoin"), a different
 * case, a missing diacritic, or a prefix ("frust"); never one that flips a negation
 * (see `suggestionDistance`).
 */
export function didYouMean(typed: string, candidates: Iterable<string>, limit = 3): string[] {
  if (!fold(typed)) return [];
  const scored: Array<[number, string]> = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c)) continue;
    seen.add(c);
    const d = suggestionDistance(typed, c);
    if (d !== undefined) scored.push([d, c]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).slice(0, limit).map(([, c]) => c);
}
