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
  // One pass over the text, counting instead of collecting: this runs on every keystroke
  // (completion, symbols, the workspace index), and a 10,000-line map has 300 KB of letters.
  const counts = { latin: 0, cyrillic: 0 };
  const own = new Map<Locale, number>(LOCALES.map((l) => [l, 0]));
  const lineBreak = /\r?\n/g;
  for (let from = 0; from <= text.length; ) {
    lineBreak.lastIndex = from;
    const end = lineBreak.exec(text);
    const to = end ? end.index : text.length;
    let line = text.slice(from, to).replace(KEY, '');
    if (line.includes('#')) line = line.replace(COMMENT, '');
    countLetters(line, counts, own);
    if (!end) break;
    from = lineBreak.lastIndex;
  }
  const total = counts.latin + counts.cyrillic;
  if (total === 0) return undefined;
  const script: LanguagePack['script'] = counts.cyrillic * 3 >= total ? 'cyrillic' : 'latin';
  const candidates = LOCALES.filter((l) => pack(l).script === script);
  let best: Locale | undefined;
  let most = 0;
  for (const l of candidates) {
    const n = own.get(l) ?? 0;
    if (n >= 2 && n * 100 >= counts[script] && n > most) [best, most] = [l, n];
  }
  return best ?? candidates[0];
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

function countLetters(s: string, counts: Record<LanguagePack['script'], number>, own: Map<Locale, number>): void {
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
      for (const l of owners) own.set(l, (own.get(l) ?? 0) + 1);
    }
  }
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
