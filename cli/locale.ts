/**
 * The language the CLI speaks: `--locale` (anywhere before `--`), else the environment's
 * message locale as POSIX orders it (LC_ALL, then LC_MESSAGES, then LANG). When neither names
 * a language (unset, `C`, `POSIX`: CI runners, containers), what cjm says about maps follows
 * the maps' own language (`readerLocale`), else English. Review output (`cjm review`, `cjm diff
 * --format pr-comment`) follows the maps' language even then, unless `--locale` is given.
 */
import { LOCALES, Locale, t, toLocale } from '@cjm/core';

let explicit: Locale | undefined;
let fromEnv: Locale | undefined;

/** The locale POSIX environment variables ask for (unknown languages are English); none for unset, `C` and `POSIX`. */
export function envLocale(env: NodeJS.ProcessEnv): Locale | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const v = env[name];
    if (v) return /^(C|POSIX)([._@]|$)/i.test(v) ? undefined : toLocale(v);
  }
  return undefined;
}

/** Takes `--locale <tag>` / `--locale=<tag>` out of the arguments and remembers it. */
export function takeLocale(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  fromEnv = envLocale(env);
  explicit = undefined;
  const out: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a === '--locale') {
      value = argv[++i];
      if (value === undefined) throw new Error(messageIn(cliLocale(), 'needs'));
    } else if (a.startsWith('--locale=')) value = a.slice('--locale='.length);
    else out.push(a);
  }
  if (value !== undefined) {
    if (!(LOCALES as readonly string[]).includes(value)) throw new Error(messageIn(cliLocale(), 'bad', value));
    explicit = value as Locale;
  }
  return out;
}

function messageIn(locale: Locale, which: 'needs' | 'bad', value = ''): string {
  return which === 'needs' ? t(locale, '--locale needs a value: {0}', LOCALES.join(', ')) : t(locale, '--locale must be one of {0}, not "{1}"', LOCALES.join(', '), value);
}

/** The language of the CLI's own messages (usage, help, unreadable files). */
export function cliLocale(): Locale {
  return explicit ?? fromEnv ?? 'en';
}

/** The language of what the CLI says about maps: the one asked for, else the maps' own. */
export function readerLocale(maps: () => Locale): Locale {
  return explicit ?? fromEnv ?? maps();
}

/** The locale `--locale` named, if any. */
export function explicitLocale(): Locale | undefined {
  return explicit;
}
