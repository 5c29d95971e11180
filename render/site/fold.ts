/**
 * Text folded for the site's search, character by character so that a match's position in
 * the folded text is its position in the original (the snippet is cut from the original):
 * lower case, ё → е, Polish and other diacritics dropped (zolty finds żółty). Shared by the
 * build (the index) and the page script (the query).
 */
const SPECIAL: Record<string, string> = { ł: 'l', Ł: 'l', ß: 's', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd' };

export function foldChar(ch: string): string {
  if (ch.length !== 1) return ch;
  const special = SPECIAL[ch];
  if (special) return special;
  const lower = ch.toLowerCase();
  const base = lower.normalize('NFD')[0];
  return base && base.length === 1 ? base : lower.length === 1 ? lower : ch;
}

export function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldChar(s[i]);
  return out;
}

/** A query's words, folded; empty words dropped. */
export function queryTerms(q: string): string[] {
  return fold(q).split(/[\s,.;:!?()«»"“”„']+/u).filter(Boolean);
}
