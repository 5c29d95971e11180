/** The languages cjm speaks: the map's own texts may be in any language, but labels come in these. */
export type Locale = 'en' | 'ru' | 'pl';
export const LOCALES: readonly Locale[] = ['en', 'ru', 'pl'];

export type Localized = Readonly<Record<Locale, string>>;

/** VS Code hands over tags like `ru`, `pl`, `en-US`, `pt-br`: anything unknown falls back to English. */
export function toLocale(tag: string | undefined): Locale {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'ru' || base === 'pl' ? base : 'en';
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
