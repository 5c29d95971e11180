import { fold } from './vocabulary/locale';

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

/**
 * Candidates close to what was typed, closest first: a typo ("emotoin"), a different
 * case, a missing diacritic, or a prefix ("frust").
 */
export function didYouMean(typed: string, candidates: Iterable<string>, limit = 3): string[] {
  const t = fold(typed);
  if (!t) return [];
  const maxDist = Math.max(1, Math.floor(t.length / 3));
  const scored: Array<[number, string]> = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c)) continue;
    seen.add(c);
    const f = fold(c);
    let d = editDistance(t, f, maxDist);
    if (d > maxDist && t.length >= 3 && f.startsWith(t)) d = maxDist;
    if (d <= maxDist) scored.push([d, c]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).slice(0, limit).map(([, c]) => c);
}
