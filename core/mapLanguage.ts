/**
 * Which language a map is written in, for everything that writes into it or draws it for its
 * readers (completion, the preview, exports): its `language:` when it names a supported one,
 * else read from the text itself. A Russian team that never wrote `language: ru` still gets
 * Russian lane labels and Russian words from completion.
 */
import type { JourneyMap } from './model';
import { textChange } from './text';
import { LOCALES, Locale, isLocale, pack } from './vocabulary/locale';
import type { LanguagePack } from './vocabulary/pack';
import { resolveValue } from './vocabulary/words';

/** `key:` at the start of a line (after list dashes): cjm's keys are English and say nothing about the map. */
const KEY = /^\s*(?:-\s+)*[A-Za-z_][\w-]*\s*:(?=\s|$)/;
/** A comment: may be in another language than the map (a template's, a reviewer's). */
const COMMENT = /(?:^|\s)#.*$/;
const SCRIPT_TEST: Readonly<Record<LanguagePack['script'], RegExp>> = { latin: /^\p{Script=Latin}$/u, cyrillic: /^\p{Script=Cyrillic}$/u };

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
  return localeOfLetters(countedLetters(text));
}

/** The last text counted, and its counts. */
let lastCounted: { readonly text: string; readonly counts: LetterCounts } | undefined;

/**
 * `letterCounts(text)`, from the last text's counts when `text` is that text edited in a few
 * lines, as it most often is (a keystroke; the next version in a site's history, where
 * counting 5,000 versions of 6 KB maps whole was 3% of a `cjm site` build): the changed lines
 * counted out, their new text counted in. Exact, since counts add up line by line.
 */
export function countedLetters(text: string): LetterCounts {
  const last = lastCounted;
  let counts: LetterCounts | undefined;
  if (last) {
    const change = textChange(last.text, text);
    // Whole lines: from the start of the first changed line through the line break ending the last.
    const from = change.from && last.text.lastIndexOf('\n', change.from - 1) + 1;
    const lineEnd = (s: string, at: number) => {
      const nl = s.indexOf('\n', at);
      return nl < 0 ? s.length : nl + 1;
    };
    const oldEnd = lineEnd(last.text, change.oldEnd);
    const newEnd = lineEnd(text, change.newEnd);
    if (oldEnd - from + (newEnd - from) < text.length / 2) {
      counts = addLetterCounts(addLetterCounts(last.counts, letterCounts(last.text.slice(from, oldEnd)), -1), letterCounts(text.slice(from, newEnd)));
    }
  }
  counts ??= letterCounts(text);
  lastCounted = text.length <= INFER_CACHE_MAX_TEXT ? { text, counts } : undefined;
  return counts;
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
  // One pass, counting instead of collecting: this runs on every keystroke (completion,
  // symbols, the preview), and a 10,000-line map has 300 KB of letters.
  const counts = { latin: 0, cyrillic: 0 };
  const own: Partial<Record<Locale, number>> = {};
  for (const l of LOCALES) if (pack(l).ownLetters) own[l] = 0;
  const lineBreak = /\r?\n/g;
  for (let from = 0; from <= text.length; ) {
    lineBreak.lastIndex = from;
    const end = lineBreak.exec(text);
    let line = text.slice(from, end ? end.index : text.length).replace(KEY, '');
    if (line.includes('#')) line = line.replace(COMMENT, '');
    countLetters(line, counts, own);
    if (!end) break;
    from = lineBreak.lastIndex;
  }
  return { latin: counts.latin, cyrillic: counts.cyrillic, own };
}

/** What one code point (lower-cased, as the text is judged) adds: the script of each of its letters. */
type LetterClass = readonly { script: LanguagePack['script']; owners: readonly Locale[] }[];
const letterClasses = new Map<number, LetterClass>();

function classOf(codePoint: number): LetterClass {
  let c = letterClasses.get(codePoint);
  if (c) return c;
  // Lower-casing may give more than one code point (İ → i̇): each counts, as in the lower-cased text.
  c = [...String.fromCodePoint(codePoint).toLowerCase()].flatMap((ch) => {
    const script = SCRIPT_TEST.latin.test(ch) ? 'latin' : SCRIPT_TEST.cyrillic.test(ch) ? 'cyrillic' : undefined;
    return script ? [{ script, owners: LOCALES.filter((l) => pack(l).script === script && pack(l).ownLetters.includes(ch)) }] : [];
  });
  letterClasses.set(codePoint, c);
  return c;
}

function countLetters(s: string, counts: Record<LanguagePack['script'], number>, own: Partial<Record<Locale, number>>): void {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 128) {
      // ASCII letters are Latin and no pack's own letters (checked by the vocabulary tests).
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) counts.latin++;
      continue;
    }
    const cp = s.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    for (const { script, owners } of classOf(cp)) {
      counts[script]++;
      for (const l of owners) own[l] = (own[l] ?? 0) + 1;
    }
  }
}

/** `a` and `b` counted together; with `sign` -1, `a` without `b` (a piece of it). */
export function addLetterCounts(a: LetterCounts, b: LetterCounts, sign: 1 | -1 = 1): LetterCounts {
  const own: Partial<Record<Locale, number>> = { ...a.own };
  for (const l of LOCALES) if (b.own[l] !== undefined) own[l] = (own[l] ?? 0) + sign * b.own[l]!;
  return { latin: a.latin + sign * b.latin, cyrillic: a.cyrillic + sign * b.cyrillic, own };
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
