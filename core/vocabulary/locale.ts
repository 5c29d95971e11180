import { PACKS } from './languages/index';
import type { LanguagePack } from './pack';

/** The languages cjm speaks: the map's own texts may be in any language, but labels come in these. */
export type Locale = keyof typeof PACKS;
export const LOCALES: readonly Locale[] = Object.keys(PACKS) as Locale[];

export type Localized = Readonly<Record<Locale, string>>;

/** One value per language: `perLocale((l) => pack(l).name)`. */
export function perLocale<T>(f: (l: Locale) => T): Record<Locale, T> {
  return Object.fromEntries(LOCALES.map((l) => [l, f(l)])) as Record<Locale, T>;
}

export function pack(locale: Locale): LanguagePack {
  return PACKS[locale];
}

export function isLocale(code: string): code is Locale {
  return Object.prototype.hasOwnProperty.call(PACKS, code);
}

/** VS Code hands over tags like `ru`, `pl`, `en-US`, `pt-br`: anything unknown falls back to English. */
export function toLocale(tag: string | undefined): Locale {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : 'en';
}

/**
 * Folds a word for loose matching: lower case, Polish and Russian letters that people
 * often type without diacritics (ł→l, ё→е, ą→a …) folded to their base letter.
 */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/ё/g, 'е')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * The key a vocabulary word is matched by: folded, and spaces, `-` and `_` counted as one
 * separator, so `mobile app`, `mobile-app` and `Mobile_App` are the same word.
 */
export function matchKey(s: string): string {
  return fold(s.trim()).replace(/[\s_-]+/g, ' ');
}

/**
 * The languages a word may be written in, judged by its letters alone: a letter only one
 * language uses settles it (ą, ł → Polish); otherwise every language of the word's script.
 * Empty for a word with no letters of any known script.
 */
export function localesOfWord(word: string): Locale[] {
  const lower = word.toLowerCase();
  const script = /\p{Script=Cyrillic}/u.test(lower) ? 'cyrillic' : /\p{Script=Latin}/u.test(lower) ? 'latin' : undefined;
  if (!script) return [];
  const same = LOCALES.filter((l) => PACKS[l].script === script);
  const own = same.filter((l) => [...PACKS[l].ownLetters].some((c) => lower.includes(c)));
  return own.length ? own : same;
}
