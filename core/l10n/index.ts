/**
 * The message catalogue every face of cjm shares: the language server, the CLI, the
 * renderer and the PR comment. Messages are written in English in the code, and the English
 * text is the key into `<locale>.json`, the flat format `@vscode/l10n` reads (a plural form
 * is keyed `<English plural>/<category>`, @vscode/l10n's `message/comment` key), so a
 * translator edits one JSON file per language and a fourth language is one more file.
 *
 * A message can be kept as data (`msg`, `plural`) and formatted later in any locale
 * (`format`): a diagnostic carries its message this way, so a map is analysed once and
 * shown in whatever language the reader uses. String arguments are never translated:
 * they are what the user wrote, an id or a code.
 */
import type { Locale } from '../vocabulary/locale';
import pl from './pl.json';
import ru from './ru.json';

export type MsgArg = string | number | Msg;

/** A message as data: plain JSON, so it can travel to another process or be cached. */
export interface Msg {
  /** the English text, with `{0}`, `{1}`… for the arguments; the catalogue key */
  readonly text: string;
  readonly args?: readonly MsgArg[];
  /** plural messages: the count (argument `{0}`) that picks the form, and the English singular */
  readonly count?: number;
  readonly one?: string;
  /** English text from a library (the YAML parser): shown as it is in English, `text` elsewhere */
  readonly raw?: string;
}

type Entry = string | { readonly message: string; readonly comment?: readonly string[] };
export type Catalogue = Readonly<Record<string, Entry>>;

/** Every catalogue but English, which is the code itself. */
export const CATALOGUES: Readonly<Partial<Record<Locale, Catalogue>>> = { ru, pl };

/** A message to format later. */
export function msg(text: string, ...args: MsgArg[]): Msg {
  return args.length ? { text, args } : { text };
}

/** A library's English message, shown as it is to English readers and as `instead` to others. */
export function libraryText(raw: string, instead: Msg): Msg {
  return { ...instead, raw };
}

/**
 * A message whose words follow a count: `plural(n, '{0} step', '{0} steps')` gives
 * 1 шаг, 2 шага, 5 шагов in Russian. The count is `{0}`; more arguments follow as `{1}`….
 */
export function plural(count: number, one: string, other: string, ...args: MsgArg[]): Msg {
  return { text: other, one, count, args: [count, ...args] };
}

/** Formats a message now. */
export function t(locale: Locale, text: string, ...args: MsgArg[]): string {
  return format(locale, msg(text, ...args));
}

/** Formats a plural message now. */
export function tn(locale: Locale, count: number, one: string, other: string, ...args: MsgArg[]): string {
  return format(locale, plural(count, one, other, ...args));
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** one / few / many / other: the forms a locale's plural rules pick from (CLDR). */
export function pluralCategory(locale: Locale, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

/** The catalogue key of a plural form. */
export function pluralKey(other: string, category: string): string {
  return `${other}/${category}`;
}

function lookup(locale: Locale, key: string): string | undefined {
  const e = CATALOGUES[locale]?.[key];
  return e === undefined ? undefined : typeof e === 'string' ? e : e.message;
}

/** A message (or a plain string, which is shown as it is) in a locale. Missing translations fall back to English. */
export function format(locale: Locale, m: Msg | string): string {
  if (typeof m === 'string') return m;
  if (m.raw !== undefined && locale === 'en') return m.raw;
  let template: string;
  if (m.count !== undefined) {
    const english = pluralCategory('en', m.count) === 'one' && m.one !== undefined ? m.one : m.text;
    template = locale === 'en' ? english : (lookup(locale, pluralKey(m.text, pluralCategory(locale, m.count))) ?? english);
  } else {
    template = locale === 'en' ? m.text : (lookup(locale, m.text) ?? m.text);
  }
  const args = m.args;
  if (!args?.length) return template;
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const a = args[Number(i)];
    return a === undefined ? whole : formatArg(locale, a);
  });
}

function formatArg(locale: Locale, a: MsgArg): string {
  if (typeof a === 'string') return a;
  if (typeof a === 'number') return Math.abs(a) >= 10000 ? new Intl.NumberFormat(locale === 'en' ? 'en' : locale).format(a) : String(a);
  return format(locale, a);
}

/** `a or b or c` in a locale, for lists of suggestions; items are shown as given. */
export function orList(items: readonly MsgArg[]): MsgArg {
  if (!items.length) return '';
  return items.reduce((acc, x) => msg('{0} or {1}', acc, x));
}
