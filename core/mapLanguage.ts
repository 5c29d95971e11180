/**
 * Which language a map is written in, for everything that writes into it or draws it for its
 * readers (completion, the preview, exports): its `language:` when it names a supported one,
 * else read from the text itself. A Russian team that never wrote `language: ru` still gets
 * Russian lane labels and Russian words from completion.
 */
import type { JourneyMap } from './model';
import { LOCALES, Locale } from './vocabulary/locale';

const CYRILLIC = /[\u0400-\u04ff]/gu;
const LATIN = /[a-zA-Z\u00c0-\u024f]/gu;
/** Letters only Polish uses among the three languages (ó is Polish too, but also common in loanwords). */
const POLISH = /[ąćęłńśźżĄĆĘŁŃŚŹŻó]/gu;
/** `key:` at the start of a line (after list dashes): cjm's keys are English and say nothing about the map. */
const KEY = /^\s*(?:-\s+)*[A-Za-z_][\w-]*\s*:(?=\s|$)/;
/** A comment: may be in another language than the map (a template's, a reviewer's). */
const COMMENT = /(?:^|\s)#.*$/;

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

/**
 * The language of a map's values (keys and comments left out), or undefined when they hold no
 * letters to judge by. Russian when Cyrillic makes up at least a third of the letters (Russian
 * maps keep English ids like `web` or `awareness`); Polish when at least 1% of the Latin letters
 * are ones only Polish uses (Polish prose has about 7%; an English map with one Polish name has
 * far fewer); English otherwise.
 */
export function inferLocale(text: string): Locale | undefined {
  let cyrillic = 0;
  let latin = 0;
  let polish = 0;
  for (const raw of text.split(/\r?\n/)) {
    const value = raw.replace(KEY, '').replace(COMMENT, '');
    cyrillic += count(value, CYRILLIC);
    latin += count(value, LATIN);
    polish += count(value, POLISH);
  }
  if (cyrillic + latin === 0) return undefined;
  if (cyrillic * 3 >= cyrillic + latin) return 'ru';
  if (polish >= 2 && polish * 100 >= latin) return 'pl';
  return 'en';
}

/** The map's declared `language:` when cjm speaks it, else what its text is written in, else English. */
export function mapLanguage(map: Pick<JourneyMap, 'language'> | undefined, text: string): Locale {
  const declared = map?.language?.value.trim().toLowerCase();
  if (declared && (LOCALES as readonly string[]).includes(declared)) return declared as Locale;
  return inferLocale(text) ?? 'en';
}
