/**
 * The canonical layout of a .cjm file. One formatter serves the language server (document
 * and range formatting) and `cjm fmt`.
 *
 * It re-prints the YAML syntax tree (the `yaml` package's Document), after putting every
 * object's keys in the schema's order, and then proves the result: the re-parsed output
 * must hold the same data and the same comments as the input. When it cannot prove that,
 * it refuses and hands back the text untouched, with the reason: a formatter that keeps
 * what the user wrote beats a pretty one. Rules and guarantees: docs/format.md.
 */
import { CST, Document, Node as YNode, Pair, Parser, Scalar, YAMLMap, YAMLSeq, isAlias, isCollection, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { TextEdit } from './diagnostics';
import { Msg, format, libraryText, msg, plural } from './l10n';
import type { Locale } from './vocabulary/locale';
import { LIMITS, guardText } from './guard';
import { parseYaml } from './parse';
import { ObjectName, SCHEMA, fieldSpec } from './schema';
import { Span, span } from './text';

export interface FormatOptions {
  /** spaces per level; the canonical layout uses 2 */
  readonly indent?: number;
}

export type FormatRefusal = 'too-large' | 'yaml-errors' | 'not-a-map' | 'aliases' | 'meaning' | 'comments' | 'internal';

export type FormatResult =
  | {
      readonly ok: true;
      /** the text after formatting (the input itself when nothing changed) */
      readonly text: string;
      readonly changed: boolean;
      /** edits against the input that turn it into `text`, in document order, not overlapping */
      readonly edits: readonly TextEdit[];
    }
  | {
      readonly ok: false;
      /** the input, untouched */
      readonly text: string;
      readonly changed: false;
      readonly edits: readonly TextEdit[];
      readonly code: FormatRefusal;
      /** a sentence for the user saying why the file was left alone, in English */
      readonly reason: string;
      /** the same sentence for any locale */
      readonly msg: Msg;
    };

const VERBATIM = 'cjmfmt-verbatim-';

function refuse(text: string, code: FormatRefusal, reason: Msg): FormatResult {
  return { ok: false, text, changed: false, edits: [], code, reason: format('en', reason), msg: reason };
}

/** Why the formatter left a file alone, in a locale. */
export function refusalReason(r: FormatResult, locale: Locale): string {
  return r.ok ? '' : format(locale, r.msg);
}

/** Formats a whole document. Never throws. */
export function formatText(text: string, options: FormatOptions = {}): FormatResult {
  try {
    const out = layout(text, options);
    if (typeof out !== 'string') return out;
    return { ok: true, text: out, changed: out !== text, edits: out === text ? [] : [lineEdit(text, out)] };
  } catch (e) {
    return refuse(text, 'internal', msg('The formatter failed ({0}); the file was left as it is.', String((e as Error).message)));
  }
}

/**
 * Formats the parts of a document that a range touches. The unit is a top-level entry
 * (`personas:`, `title:`…) or, inside `stages:`, a whole stage: every unit the range
 * overlaps is replaced by its formatted form, and nothing outside them changes. Keys are
 * reordered inside a unit, never across units. When formatting only those units would not
 * give a valid map with the same data and comments (say the stage list itself is indented
 * differently from its siblings), the whole document is formatted instead.
 */
export function formatRange(text: string, range: Span, options: FormatOptions = {}): FormatResult {
  const full = formatText(text, options);
  if (!full.ok || !full.changed) return full;
  try {
    const partial = rangeEdits(text, full.text, range);
    return partial ?? full;
  } catch {
    return full;
  }
}

// ---------------------------------------------------------------------------------------
// The layout

interface Source {
  /** the input with every line break as \n, and no byte-order mark */
  readonly lf: string;
  readonly eol: '\n' | '\r\n';
  readonly bom: string;
}

function normalize(text: string): Source {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  return { lf: body.replace(/\r\n?/g, '\n'), eol: /\r\n/.test(body) ? '\r\n' : '\n', bom };
}

function layout(text: string, options: FormatOptions): string | FormatResult {
  const guard = guardText(text);
  if (guard) return refuse(text, 'too-large', msg('{0} The formatter leaves it as it is.', guard.msg ?? guard.message));
  const src = normalize(text);
  if (!src.lf.trim()) return text;
  const doc = parseYaml(src.lf);
  if (doc.errors.length) {
    return refuse(text, 'yaml-errors', plural(doc.errors.length, 'The file has a YAML error; fix it first, then format.', 'The file has {0} YAML errors; fix them first, then format.'));
  }
  // nothing but comments: nothing to lay out
  if (doc.contents === null) return text;
  if (!isMap(doc.contents)) return refuse(text, 'not-a-map', msg('The file is not a mapping of `key: value` lines, so it is not a journey map the formatter can lay out.'));
  const before = plainData(doc);
  if (!before.ok) return refuse(text, 'aliases', before.reason);
  const commentsBefore = comments(src.lf);

  keepNumberSpelling(doc);
  const verbatim: Verbatim[] = [];
  arrange(doc, src.lf, doc.contents, 'map', 'root', verbatim);
  const indent = Math.max(1, Math.min(8, Math.floor(options.indent ?? 2)));
  let out: string;
  try {
    out = doc.toString({ indent, indentSeq: true, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false, verifyAliasOrder: true });
  } catch (e) {
    return refuse(text, 'meaning', libraryText(`Putting the keys in order would move an alias (*name) above its anchor (&name): ${(e as Error).message}`, msg('Putting the keys in order would move an alias (*name) above its anchor (&name); the file was left as it is.')));
  }
  out = restoreVerbatim(out, verbatim);
  out = out.replace(/\n+$/, '') + '\n';

  // The proof: same data, same comments, valid YAML.
  const check = parseYaml(out);
  if (check.errors.length) return refuse(text, 'internal', msg('The formatted text would not be valid YAML; the file was left as it is.'));
  const after = plainData(check);
  if (!after.ok || !deepEqual(before.value, after.value)) {
    return refuse(text, 'meaning', msg('Formatting this file would change what it means; it was left as it is.'));
  }
  if (!sameComments(commentsBefore, comments(out))) {
    return refuse(text, 'comments', msg('Formatting this file would lose or move a comment out of place; it was left as it is.'));
  }
  const final = src.bom + (src.eol === '\n' ? out : out.replace(/\n/g, '\r\n'));
  return final;
}

type Rank = (key: string) => number;
const ranks = new Map<ObjectName, Map<string, number>>(
  (Object.keys(SCHEMA) as ObjectName[]).map((o) => [o, new Map(SCHEMA[o].map((f, i) => [f.key, i]))]),
);
function rankOf(object: ObjectName): Rank {
  const r = ranks.get(object)!;
  return (key) => r.get(key) ?? Number.MAX_SAFE_INTEGER;
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number') ? String(pair.key.value) : undefined;
}

type Place = 'root' | 'item' | 'value';

/**
 * Walks the tree guided by the schema: orders the keys of every object it knows, turns
 * flow mappings and flow lists of objects into blocks, and keeps comments with the key
 * or item they were written next to.
 */
function arrange(doc: Document, lf: string, node: unknown, object: ObjectName | undefined, place: Place, verbatim: Verbatim[]): void {
  if (isAlias(node) || !node) return;
  if (isScalar(node)) {
    if ((node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) && node.range) protectBlockScalar(lf, node, verbatim);
    return;
  }
  if (isSeq(node)) {
    if (node.flow && node.items.some((i) => isCollection(i))) node.flow = false;
    for (const item of node.items) arrange(doc, lf, item, object, 'item', verbatim);
    if (!node.flow) clearFirstSpace(node);
    return;
  }
  if (!isMap(node)) return;
  if (node.flow) node.flow = false;
  for (const pair of node.items) keepKeyLineComment(lf, pair);
  if (object) sortPairs(node, rankOf(object), place);
  if (place !== 'root') clearFirstSpace(node);
  for (const pair of node.items) {
    const key = keyName(pair);
    const spec = object && key !== undefined ? fieldSpec(object, key) : undefined;
    const child = spec?.type.t === 'list' || spec?.type.t === 'object' ? spec.type.of : undefined;
    // a blank line between a key and its value separates nothing
    if (isNodeLike(pair.value)) pair.value.spaceBefore = false;
    // `emotion: {maria: anxious, tom: calm}` reads as one line per step: a flow mapping of
    // plain values stays as written.
    if (spec?.type.t === 'emotion' && isMap(pair.value) && pair.value.flow && pair.value.items.every((p) => isScalar(p.key) && isScalar(p.value))) continue;
    arrange(doc, lf, pair.value, child, 'value', verbatim);
  }
}

function sortPairs(map: YAMLMap, rank: Rank, place: Place): void {
  const first = map.items[0];
  if (!first) return;
  const keyed = map.items.map((p, i) => ({ p, i, r: rank(keyName(p as Pair) ?? '\0') }));
  keyed.sort((a, b) => a.r - b.r || a.i - b.i);
  map.items = keyed.map((k) => k.p);
  const now = map.items[0] as Pair;
  if (now === first) return;
  const oldKey = first.key as YNode;
  const newKey = now.key as YNode;
  if (!isNodeLike(oldKey) || !isNodeLike(newKey)) return;
  if (place === 'root') {
    // Comments above the first key are the file's header: they stay at the top.
    const header = oldKey.commentBefore;
    if (header) {
      const own = newKey.commentBefore;
      newKey.commentBefore = own ? `${header}\n${newKey.spaceBefore ? '\n' : ''}${own}` : header;
      oldKey.commentBefore = undefined;
    }
    newKey.spaceBefore = oldKey.spaceBefore;
    oldKey.spaceBefore = false;
  } else {
    // A comment above the key that is now first can only be printed above the item.
    if (newKey.commentBefore) {
      map.commentBefore = map.commentBefore ? `${map.commentBefore}\n${newKey.commentBefore}` : newKey.commentBefore;
      newKey.commentBefore = undefined;
    }
    newKey.spaceBefore = false;
  }
}

function isNodeLike(n: unknown): n is YNode {
  return !!n && typeof n === 'object' && ('commentBefore' in n || 'range' in n || isScalar(n) || isCollection(n));
}

/** Nothing to separate the first entry of a nested collection from: no blank line there. */
function clearFirstSpace(node: YAMLSeq | YAMLMap): void {
  const first = node.items[0];
  const target = isPair(first) ? first.key : first;
  if (target && typeof target === 'object' && 'spaceBefore' in (target as object)) (target as YNode).spaceBefore = false;
}

/**
 * `steps: # why` keeps its comment on the key's line. `yaml` reads such a comment as one
 * above the value and would print it on the next line.
 */
function keepKeyLineComment(lf: string, pair: Pair): void {
  const key = pair.key as YNode | null;
  const value = pair.value as YNode | null;
  if (!isScalar(key) || !key.range || key.comment || !value || !isNodeLike(value) || !value.commentBefore) return;
  const eol = lf.indexOf('\n', key.range[1]);
  const rest = lf.slice(key.range[1], eol < 0 ? lf.length : eol);
  if (!/(^|\s)#/.test(rest)) return;
  const [firstLine, ...others] = value.commentBefore.split('\n');
  key.comment = firstLine;
  value.commentBefore = others.length ? others.join('\n') : undefined;
}

/**
 * `yaml` prints numbers in its own spelling (`+2` → `2`, `0x1F` → `0x1f`); emotion scores
 * read better with their sign, so a number keeps the spelling it was written in.
 */
function keepNumberSpelling(doc: Document): void {
  const schema = doc.schema.clone();
  schema.tags = schema.tags.map((tag) => {
    if ((tag.tag !== 'tag:yaml.org,2002:int' && tag.tag !== 'tag:yaml.org,2002:float') || !('test' in tag) || !tag.test) return tag;
    const test = tag.test;
    const original = tag.stringify;
    return {
      ...tag,
      stringify(item, ctx, onComment, onChompKeep) {
        const source = (item as Scalar).source;
        if (typeof source === 'string' && source && test.test(source)) return source;
        return original ? original(item, ctx, onComment, onChompKeep) : String((item as Scalar).value);
      },
    };
  });
  doc.schema = schema;
}

// ---------------------------------------------------------------------------------------
// Block scalars: `yaml` re-wraps folded (`>`) text and recomputes headers. Their lines are
// the author's, so they are printed as written, only re-indented.

interface Verbatim {
  readonly id: string;
  /** the header as written, without the comment: `>`, `|-`, `>+` */
  readonly header: string;
  readonly comment?: string;
  /** content lines without their indentation ('' for blank lines) */
  readonly lines: string[];
}

function protectBlockScalar(lf: string, node: Scalar, verbatim: Verbatim[]): void {
  const [start, end] = node.range!;
  const headerEnd = lf.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return;
  const header = /^[|>][+-]?/.exec(lf.slice(start, headerEnd))?.[0];
  // An explicit indentation indicator (`|2`) is tied to the old indentation; `yaml` prints those.
  if (!header || /^[|>][+-]?\d|^[|>]\d/.test(lf.slice(start, headerEnd))) return;
  let body = lf.slice(headerEnd + 1, end).split('\n');
  if (body[body.length - 1] === '') body.pop();
  const indent = body.reduce<number | undefined>((acc, l) => (acc !== undefined || !l.trim() ? acc : l.length - l.trimStart().length), undefined);
  if (indent === undefined) return;
  if (!header.includes('+')) while (body.length && !body[body.length - 1].trim()) body.pop();
  body = body.map((l) => (l.length <= indent && !l.trim() ? '' : l.slice(indent)));
  const id = `${VERBATIM}${verbatim.length}`;
  verbatim.push({ id, header, comment: node.comment ?? undefined, lines: body });
  node.type = Scalar.BLOCK_LITERAL;
  node.value = `${id}\n`;
}

function restoreVerbatim(out: string, verbatim: Verbatim[]): string {
  if (!verbatim.length) return out;
  const lines = out.split('\n');
  const byId = new Map(verbatim.map((v) => [v.id, v]));
  const result: string[] = [];
  for (const line of lines) {
    const m = /^( *)(cjmfmt-verbatim-\d+)$/.exec(line);
    const v = m && byId.get(m[2]);
    if (!m || !v) {
      result.push(line);
      continue;
    }
    const prev = result.length - 1;
    const h = result[prev];
    const at = v.comment !== undefined ? h.lastIndexOf(' |', h.length - v.comment.length - 1) + 1 : h.length - 1;
    if (h[at] !== '|') throw new Error('a block scalar could not be put back');
    result[prev] = h.slice(0, at) + v.header + h.slice(at + 1);
    for (const l of v.lines) result.push(l ? m[1] + l : '');
    byId.delete(v.id);
  }
  if (byId.size) throw new Error('a block scalar could not be put back');
  return result.join('\n');
}

// ---------------------------------------------------------------------------------------
// The proof

function plainData(doc: Document): { ok: true; value: unknown } | { ok: false; reason: Msg } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: LIMITS.maxAliases }) };
  } catch (e) {
    return { ok: false, reason: msg('The file\'s aliases (*name) expand too far to compare before and after ({0}); it was left as it is.', String((e as Error).message)) };
  }
}

/** Plain data from `toJS`: key order of objects does not matter, list order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (a instanceof Map || b instanceof Map || a instanceof Set || b instanceof Set) {
    return deepEqual([...(a as Map<unknown, unknown>)], [...(b as Map<unknown, unknown>)]);
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Every comment in a text, as written (without trailing spaces), from the YAML token stream. */
export function comments(lf: string): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const walk = (t: unknown): void => {
    if (!t || typeof t !== 'object' || seen.has(t)) return;
    seen.add(t);
    if (Array.isArray(t)) {
      for (const x of t) walk(x);
      return;
    }
    const tok = t as { type?: string; source?: string };
    if (tok.type === 'comment' && typeof tok.source === 'string') {
      found.push(tok.source.trimEnd());
      return;
    }
    for (const v of Object.values(t)) if (v && typeof v === 'object') walk(v);
  };
  for (const token of new Parser().parse(lf)) walk(token as CST.Token);
  return found;
}

function sameComments(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((c, i) => c === y[i]);
}

// ---------------------------------------------------------------------------------------
// Edits

/** One edit covering the changed lines between `a` and `b`. */
function lineEdit(a: string, b: string, offset = 0): TextEdit {
  let p = 0;
  const max = Math.min(a.length, b.length);
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  while (p > 0 && a[p - 1] !== '\n') p--;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  while (s > 0 && a[a.length - s - 1] !== '\n' && a.length - s > p) s--;
  return { span: span(offset + p, offset + a.length - s), newText: b.slice(p, b.length - s) };
}

interface Unit {
  /** which entry: a top-level key (with its occurrence) or a stage's index */
  readonly path: string;
  /** offsets of the first character of the unit's first line and the end of its last line */
  readonly start: number;
  readonly end: number;
  /** the column the unit starts at */
  readonly column: number;
}

function units(lf: string): Unit[] | undefined {
  const doc = parseYaml(lf);
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const out: Unit[] = [];
  const seen = new Map<string, number>();
  const add = (path: string, from: number, to: number) => {
    const start = lf.lastIndexOf('\n', from - 1) + 1;
    let end = to;
    while (end > from && /\s/.test(lf[end - 1])) end--;
    const eol = lf.indexOf('\n', end);
    out.push({ path, start, end: eol < 0 ? lf.length : eol, column: from - start });
  };
  for (const pair of doc.contents.items) {
    const key = keyName(pair);
    const kr = (pair.key as YNode | null)?.range;
    if (key === undefined || !kr) return undefined;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const value = pair.value as YNode | null;
    if (key === 'stages' && isSeq(value) && !value.flow && value.items.length) {
      value.items.forEach((item, i) => {
        const r = (item as YNode).range;
        if (r) add(`stages#${n}/${i}`, r[0], r[1]);
      });
      continue;
    }
    add(`${key}#${n}`, kr[0], value?.range ? value.range[1] : kr[1]);
  }
  return out;
}

function rangeEdits(text: string, formatted: string, range: Span): FormatResult | undefined {
  const src = normalize(text);
  // offsets are mapped back by counting line breaks, which needs one kind of them
  if (src.eol === '\r\n' ? /\r(?!\n)|(?<!\r)\n/.test(text) : text.includes('\r')) return undefined;
  const dst = normalize(formatted);
  // work in \n text; map offsets back to the input at the end
  const toLf = (o: number) => text.slice(0, o).replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').length;
  const from = toLf(range.start);
  const to = toLf(range.end);
  const mine = units(src.lf);
  const theirs = units(dst.lf);
  if (!mine || !theirs) return undefined;
  const hit = mine.filter((u) => u.start <= to && u.end >= from);
  if (!hit.length) return { ok: true, text, changed: false, edits: [] };
  const edits: TextEdit[] = [];
  let result = '';
  let last = 0;
  for (const u of hit) {
    const t = theirs.find((x) => x.path === u.path);
    if (!t) return undefined;
    const replacement = shift(dst.lf.slice(t.start, t.end), u.column - t.column);
    if (replacement === undefined) return undefined;
    result += src.lf.slice(last, u.start) + replacement;
    last = u.end;
    const original = src.lf.slice(u.start, u.end);
    if (original !== replacement) edits.push(lineEdit(original, replacement, u.start));
  }
  result += src.lf.slice(last);
  // The same proof as for a whole document, on the partly formatted text.
  const check = parseYaml(result);
  const before = plainData(parseYaml(src.lf));
  const after = plainData(check);
  if (check.errors.length || !before.ok || !after.ok || !deepEqual(before.value, after.value) || !sameComments(comments(src.lf), comments(result))) return undefined;
  const final = src.bom + (src.eol === '\n' ? result : result.replace(/\n/g, '\r\n'));
  return { ok: true, text: final, changed: final !== text, edits: edits.map((e) => toInput(text, src, e)) };
}

/** Moves a block of lines left or right; undefined when a line has too little indentation to move left. */
function shift(block: string, by: number): string | undefined {
  if (!by) return block;
  const lines = block.split('\n');
  if (by > 0) return lines.map((l) => (l ? ' '.repeat(by) + l : l)).join('\n');
  const cut = -by;
  if (lines.some((l) => l && !/^ *$/.test(l.slice(0, cut)))) return undefined;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** An edit on the \n text → the same edit on the input (its BOM and line endings). */
function toInput(text: string, src: Source, e: TextEdit): TextEdit {
  const map = (o: number) => {
    // count \n before o in the lf text; each is two characters in a CRLF input
    let n = o + src.bom.length;
    if (src.eol === '\r\n') n += src.lf.slice(0, o).split('\n').length - 1;
    return Math.min(n, text.length);
  };
  return { span: span(map(e.span.start), map(e.span.end)), newText: src.eol === '\n' ? e.newText : e.newText.replace(/\n/g, '\r\n') };
}
