/**
 * Which language a map is written in, for everything that writes into it or draws it for its
 * readers (completion, the preview, exports): its `language:` when it names a supported one,
 * else read from the text itself. A Russian team that never wrote `language: ru` still gets
 * Russian lane labels and Russian words from completion.
 */
import type { JourneyMap } from './model';
import { LOCALES, Locale, isLocale, pack } from './vocabulary/locale';
import type { LanguagePack } from './vocabulary/pack';
import { resolveValue } from './vocabulary/words';

/** `key:` at the start of a line (after list dashes): cjm's keys are English and say nothing about the map. */
const KEY = /^\s*(?:-\s+)*[A-Za-z_][\w-]*\s*:(?=\s|$)/;
/** A comment: may be in another language than the map (a template's, a reviewer's). */
const COMMENT = /(?:^|\s)#.*$/;
const SCRIPT_LETTERS: Readonly<Record<LanguagePack['script'], RegExp>> = { latin: /\p{Script=Latin}/gu, cyrillic: /\p{Script=Cyrillic}/gu };

/**
 * The language of a map's values (keys and comments left out), or undefined when they hold no
 * letters to judge by. First the script: Cyrillic when it makes up at least a third of the
 * letters (Russian maps keep English ids like `web` or `awareness`), else Latin. Then, among
 * the languages of that script (the language packs), the one whose own letters (ą ł ż …, see
 * `LanguagePack.ownLetters`) make up at least 1% of the script's letters (Polish prose has
 * about 7%; an English map with one Polish name has far fewer); else the script's first
 * language (English, Russian).
 */
export function inferLocale(text: string): Locale | undefined {
  if (text.length > INFER_CACHE_MAX_TEXT) return inferUncached(text);
  if (inferred.has(text)) return inferred.get(text);
  const found = inferUncached(text);
  if (inferred.size >= INFER_CACHE_SIZE) inferred.delete(inferred.keys().next().value as string);
  inferred.set(text, found);
  return found;
}

/**
 * The answers for the last few texts: one text is asked about many times over (a diff asks for
 * each side twice, a site build for every version, completion on every keystroke), and the
 * answer costs a pass over every letter. Small texts only, so the cache never holds much.
 */
const inferred = new Map<string, Locale | undefined>();
const INFER_CACHE_SIZE = 16;
const INFER_CACHE_MAX_TEXT = 256 * 1024;

function inferUncached(text: string): Locale | undefined {
  return localeOfLetters(letterCounts(text));
}

/**
 * What `inferLocale` counts in a text: letters of each script in its values, and of those the
 * ones that belong to each language's own letters. Counts add up over pieces of a text cut at
 * line starts or between a line's `- ` markers and what follows them (the key and comment rules
 * see the same lines), so a caller can count each piece once and add the counts per version.
 */
export interface LetterCounts {
  readonly latin: number;
  readonly cyrillic: number;
  /** per language: how many of its script's letters are its own letters */
  readonly own: Readonly<Partial<Record<Locale, number>>>;
}

export function letterCounts(text: string): LetterCounts {
  const values = text.split(/\r?\n/).map((raw) => raw.replace(KEY, '').replace(COMMENT, '')).join('\n').toLowerCase();
  const letters = { latin: values.match(SCRIPT_LETTERS.latin) ?? [], cyrillic: values.match(SCRIPT_LETTERS.cyrillic) ?? [] };
  const own: Partial<Record<Locale, number>> = {};
  for (const l of LOCALES) {
    const mine = pack(l).ownLetters;
    if (mine) own[l] = letters[pack(l).script].filter((c) => mine.includes(c)).length;
  }
  return { latin: letters.latin.length, cyrillic: letters.cyrillic.length, own };
}

export function addLetterCounts(a: LetterCounts, b: LetterCounts): LetterCounts {
  const own: Partial<Record<Locale, number>> = { ...a.own };
  for (const l of LOCALES) if (b.own[l] !== undefined) own[l] = (own[l] ?? 0) + b.own[l]!;
  return { latin: a.latin + b.latin, cyrillic: a.cyrillic + b.cyrillic, own };
}

/** The language `inferLocale` reads from a text's letter counts. */
export function localeOfLetters(c: LetterCounts): Locale | undefined {
  const total = c.latin + c.cyrillic;
  if (total === 0) return undefined;
  const script: LanguagePack['script'] = c.cyrillic * 3 >= total ? 'cyrillic' : 'latin';
  const inScript = c[script];
  const candidates = LOCALES.filter((l) => pack(l).script === script);
  let best: Locale | undefined;
  let most = 0;
  for (const l of candidates) {
    const n = pack(l).ownLetters ? c.own[l] ?? 0 : 0;
    if (n >= 2 && n * 100 >= inScript && n > most) [best, most] = [l, n];
  }
  return best ?? candidates[0];
}

/**
 * The language a map is written in, for everyone who writes into it or shows it (completion,
 * the preview, exports, `cjm render`, the diff, the git projection, the PR comment): its
 * declared `language:` when cjm speaks it (`ru`, `pl-PL`), else what its text is written in,
 * else English. `text` is the map's whole text (an analysis's `text`).
 */
export function mapLanguage(map: Pick<JourneyMap, 'language'> | undefined, text: string): Locale {
  return declaredLanguage(map) ?? inferLocale(text) ?? 'en';
}

/**
 * The language a map's `language:` names, when cjm speaks it: a code (`ru`), a tag with a
 * region (`pl-PL`) or the language's name in any language cjm speaks (`русский`, `polski`).
 */
export function declaredLanguage(map: Pick<JourneyMap, 'language'> | undefined): Locale | undefined {
  const id = resolveValue('language', map?.language?.value);
  return id !== undefined && isLocale(id) ? id : undefined;
}
