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
import { CST, Composer, Document, YAMLParseError, Node as YNode, Pair, Parser, Scalar, YAMLMap, YAMLSeq, isAlias, isCollection, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { TextEdit } from './diagnostics';
import { Msg, format, libraryText, msg, plural } from './l10n';
import type { Locale } from './vocabulary/locale';
import { CUT_UNSAFE, LIMITS, guardText } from './guard';
import { parseYaml } from './parse';
import { ObjectName, SCHEMA, fieldSpec } from './schema';
import { Span, span } from './text';

export interface FormatOptions {
  /** spaces per level; the canonical layout uses 2 */
  readonly indent?: number;
  /**
   * How the result is proved to mean what the input means: `stages` (the default) re-reads
   * only the stages the formatter changed where the map can be cut into stages safely, and
   * the whole result otherwise; `whole` always re-reads the whole result. Both accept and
   * refuse the same texts (a property test checks it); `whole` is there to show that.
   */
  readonly proof?: 'stages' | 'whole';
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
  // One pass of the YAML parser gives both the document and its comments.
  const { doc, notes } = parseNoted(src.lf);
  if (doc.errors.length) {
    return refuse(text, 'yaml-errors', plural(doc.errors.length, 'The file has a YAML error; fix it first, then format.', 'The file has {0} YAML errors; fix them first, then format.'));
  }
  // nothing but comments: nothing to lay out
  if (doc.contents === null) return text;
  if (!isMap(doc.contents)) return refuse(text, 'not-a-map', msg('The file is not a mapping of `key: value` lines, so it is not a journey map the formatter can lay out.'));
  const before = plainData(doc);
  if (!before.ok) return refuse(text, 'aliases', before.reason);

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

  const refusal = options.proof === 'whole' ? ((lastProof.how = 'whole'), proveWhole(before.value, notes, out)) : prove(src.lf, doc, before.value, notes, out);
  if (refusal) return refuse(text, refusal.code, refusal.msg);
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

/** A comment as the YAML token stream has it: where it starts and its text without trailing spaces. */
interface Note {
  readonly offset: number;
  readonly text: string;
}

/**
 * Every comment among the parser's tokens, in no particular order. The walk follows the token
 * types' own fields (yaml's CST): a generic walk over every object with a set of those seen
 * cost as much as the parse on big maps.
 */
function notesOf(tokens: readonly CST.Token[]): Note[] {
  const found: Note[] = [];
  const list = (ts: readonly CST.Token[] | undefined): void => {
    if (ts) for (const t of ts) token(t);
  };
  const items = (its: readonly CST.CollectionItem[]): void => {
    for (const it of its) {
      list(it.start);
      if (it.key) token(it.key);
      list(it.sep);
      if (it.value) token(it.value);
    }
  };
  const token = (t: CST.Token): void => {
    switch (t.type) {
      case 'comment':
        found.push({ offset: t.offset, text: t.source.trimEnd() });
        return;
      case 'document':
        list(t.start);
        if (t.value) token(t.value);
        list(t.end);
        return;
      case 'doc-end':
      case 'alias':
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        list(t.end);
        return;
      case 'block-scalar':
        list(t.props);
        return;
      case 'block-map':
      case 'block-seq':
        items(t.items);
        return;
      case 'flow-collection':
        token(t.start);
        items(t.items);
        list(t.end);
        return;
    }
  };
  list(tokens);
  return found;
}

/**
 * `parseYaml` and the comments of the same text from one run of the parser: the token stream
 * is read once and handed to the composer, as `parseDocument` does (a second document is an
 * error there too). Reading the tokens apart cost as much as the parse itself.
 */
function parseNoted(lf: string): { doc: Document.Parsed; notes: Note[] } {
  const tokens = Array.from(new Parser().parse(lf));
  const notes = notesOf(tokens);
  let doc: Document.Parsed | undefined;
  for (const d of new Composer(YAML_OPTIONS).compose(tokens, true, lf.length)) {
    if (!doc) doc = d as Document.Parsed;
    else {
      doc.errors.push(new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  return { doc: doc!, notes };
}

/** Every comment in a text, as written (without trailing spaces), from the YAML token stream. */
export function comments(lf: string): string[] {
  return notesOf(Array.from(new Parser().parse(lf))).map((n) => n.text);
}

/**
 * Both proofs' verdicts on a candidate result `out` for an input `lf` (both with \n line
 * breaks, the input valid YAML): whether the stage-by-stage proof showed the meaning kept, and
 * what the whole-text proof refuses, if anything. For tests: the first may only say true where
 * the second refuses nothing.
 */
export function proofVerdicts(lf: string, out: string): { stages: boolean; whole: FormatRefusal | undefined } {
  const { doc, notes } = parseNoted(lf);
  const before = plainData(doc);
  if (doc.errors.length || !before.ok) throw new Error('the input must be valid YAML without runaway aliases');
  return { stages: sameByStages(lf, doc, before.value, notes, out), whole: proveWhole(before.value, notes, out)?.code };
}

/** The parser's options, as `parseYaml` sets them: the formatter reads a text as the analysis does. */
const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false } as const;

interface Refusal {
  readonly code: FormatRefusal;
  readonly msg: Msg;
}

const INVALID: Refusal = { code: 'internal', msg: msg('The formatted text would not be valid YAML; the file was left as it is.') };
const MEANING: Refusal = { code: 'meaning', msg: msg('Formatting this file would change what it means; it was left as it is.') };
const COMMENTS: Refusal = { code: 'comments', msg: msg('Formatting this file would lose or move a comment out of place; it was left as it is.') };

/**
 * Whether `out` means what `lf` means: valid YAML, the same data, the same comments. Proved
 * stage by stage where it can be, else by reading the whole of `out`; undefined when it holds.
 */
function prove(lf: string, doc: Document.Parsed, before: unknown, notes: readonly Note[], out: string): Refusal | undefined {
  // The same text means the same.
  if (out === lf) return (lastProof.how = 'unchanged'), undefined;
  if (sameByStages(lf, doc, before, notes, out)) return (lastProof.how = 'stages'), undefined;
  lastProof.how = 'whole';
  return proveWhole(before, notes, out);
}

/** How the last formatting in this thread proved its result (for tests and the benchmark). */
export const lastProof: { how: 'unchanged' | 'stages' | 'whole' } = { how: 'whole' };

/** The proof by reading the whole formatted text. */
function proveWhole(before: unknown, notes: readonly Note[], out: string): Refusal | undefined {
  const check = parseNoted(out);
  if (check.doc.errors.length) return INVALID;
  const after = plainData(check.doc);
  if (!after.ok || !deepEqual(before, after.value)) return MEANING;
  if (!sameComments(notes.map((n) => n.text), check.notes.map((n) => n.text))) return COMMENTS;
  return undefined;
}

// The things that make a stage cut unsafe are the incremental analyzer's (CUT_UNSAFE, guard.ts);
// the cut below differs from its one on purpose: a `-` alone on its line also starts a stage here.
interface StageCut {
  /** where the top-level `stages:` key starts */
  readonly key: number;
  /** each stage item's lines: from its dash's line to the next item's (the last one's to the next top-level key) */
  readonly chunks: readonly { readonly start: number; readonly end: number }[];
  /** where the stage list ends: the next line at column 0 that is not a comment, or the text's end */
  readonly end: number;
}

/**
 * The items of a block-style top-level `stages:` list in an LF text, as the incremental
 * analyzer cuts them; undefined when the list cannot be cut so (no such list, a line less
 * indented than the items inside it).
 */
function cutStages(lf: string): StageCut | undefined {
  const m = /^stages:[ ]*(#.*)?$/m.exec(lf);
  if (!m) return undefined;
  const blockStart = m.index + m[0].length + 1;
  const next = /^[^\s#]/gm;
  next.lastIndex = blockStart;
  const endMatch = next.exec(lf);
  const blockEnd = endMatch ? endMatch.index : lf.length;
  const first = /^( *)-( |$)/gm;
  first.lastIndex = blockStart;
  const firstHit = first.exec(lf);
  if (!firstHit || firstHit.index >= blockEnd) return undefined;
  const indent = firstHit[1];
  if (indent.length) {
    const shallow = new RegExp(`^ {0,${indent.length - 1}}[^\\s#]`, 'gm');
    shallow.lastIndex = blockStart;
    const hit = shallow.exec(lf);
    if (hit && hit.index < blockEnd) return undefined;
  }
  // `-` alone on its line starts an item too: every item starts a chunk of its own.
  const item = new RegExp(`^${indent}-( |$)`, 'gm');
  item.lastIndex = firstHit.index;
  const starts: number[] = [];
  for (let hit = item.exec(lf); hit && hit.index < blockEnd; hit = item.exec(lf)) starts.push(hit.index);
  return { key: m.index, chunks: starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : blockEnd })), end: blockEnd };
}

/** The one top-level `stages` entry of a mapping, or undefined when there is none or more than one. */
function stagesPair(map: YAMLMap): Pair | undefined {
  const found = map.items.filter((p) => isScalar(p.key) && p.key.value === 'stages');
  return found.length === 1 ? (found[0] as Pair) : undefined;
}

function plainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set);
}

/**
 * The proof stage by stage: true when `out` has been shown to mean what `lf` means; false
 * when that could not be shown this way (the caller reads the whole of `out` then, so false
 * never refuses anything by itself).
 *
 * The formatter keeps stages apart: each stage item of the result comes from the same item of
 * the input. Both texts are cut into the part outside the stage list and one chunk per stage,
 * as the incremental analyzer cuts them, which is exact where no anchor, alias, tag, directive,
 * tab or odd line break is in the text (any of them: the whole text is read). A result's chunk
 * that is the input's chunk character for character means what that chunk meant; the input's
 * own parse tells which stage that was (its item starts inside that chunk and no other does)
 * and which comments it held (by their offsets). Every other piece of the result is read on
 * its own and compared with the input's data for it: the top-level part with every entry but
 * the stage list, a changed chunk with its stage. The comments of all pieces together must be
 * the input's comments.
 */
function sameByStages(lf: string, doc: Document.Parsed, before: unknown, notes: readonly Note[], out: string): boolean {
  if (!isMap(doc.contents) || !plainObject(before) || !Array.isArray(before.stages)) return false;
  if (CUT_UNSAFE.test(out)) return false;
  const mine = cutStages(lf);
  const theirs = cutStages(out);
  if (!mine || !theirs || mine.chunks.length !== theirs.chunks.length || before.stages.length !== mine.chunks.length) return false;
  // The input's own parse must show the cut: one `stages` entry where the cut found it, a block
  // list whose items each start in a chunk of their own.
  const pair = stagesPair(doc.contents);
  const list = pair?.value;
  if (!pair || (pair.key as YNode).range?.[0] !== mine.key || !isSeq(list) || list.flow || list.items.length !== mine.chunks.length) return false;
  for (let i = 0; i < list.items.length; i++) {
    const at = (list.items[i] as YNode | null)?.range?.[0];
    if (at === undefined || at < mine.chunks[i].start || at >= mine.chunks[i].end) return false;
  }

  const found: string[] = [];
  // The result outside the stage list: every top-level entry but `stages`, which it holds empty.
  const outside = parseNoted(out.slice(0, theirs.chunks[0].start) + out.slice(theirs.end));
  if (outside.doc.errors.length || outside.doc.warnings.length || !isMap(outside.doc.contents)) return false;
  const emptied = stagesPair(outside.doc.contents);
  if (!emptied || !(emptied.value === null || (isScalar(emptied.value) && emptied.value.value === null))) return false;
  const rest = plainData(outside.doc);
  if (!rest.ok || !plainObject(rest.value)) return false;
  const { stages: _theirs, ...restAfter } = rest.value;
  const { stages: _mine, ...restBefore } = before;
  if (!deepEqual(restBefore, restAfter)) return false;
  for (const n of outside.notes) found.push(n.text);

  // The input's comments by chunk, for the chunks the formatter left as they were.
  const byChunk: string[][] = mine.chunks.map(() => []);
  for (const n of notes) {
    if (n.offset < mine.chunks[0].start || n.offset >= mine.end) continue;
    let lo = 0;
    let hi = mine.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (mine.chunks[mid].start <= n.offset) lo = mid;
      else hi = mid - 1;
    }
    byChunk[lo].push(n.text);
  }
  for (let i = 0; i < theirs.chunks.length; i++) {
    const t = theirs.chunks[i];
    const m = mine.chunks[i];
    if (t.end - t.start === m.end - m.start && out.startsWith(lf.slice(m.start, m.end), t.start)) {
      for (const c of byChunk[i]) found.push(c);
      continue;
    }
    const stage = parseNoted(out.slice(t.start, t.end));
    const seq = stage.doc.contents;
    if (stage.doc.errors.length || stage.doc.warnings.length || !isSeq(seq) || seq.flow || seq.items.length !== 1) return false;
    const data = plainData(stage.doc);
    if (!data.ok || !Array.isArray(data.value) || !deepEqual(before.stages[i], data.value[0])) return false;
    for (const n of stage.notes) found.push(n.text);
  }
  return sameComments(notes.map((n) => n.text), found);
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
