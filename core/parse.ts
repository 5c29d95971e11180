/**
 * Text → typed model. Reads the YAML AST (never `toJS`, which would expand aliases
 * without a bound and lose positions) guided by the schema table, so the model and the
 * schema cannot drift apart. Never throws: everything it cannot read becomes a diagnostic
 * with a span, and the rest of the map is still read.
 */
import { Alias, Document, Node as YNode, Pair, Scalar, YAMLMap, YAMLSeq, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { Diagnostic, Fix, diagnostic, fix, related } from './diagnostics';
import { Msg, format, libraryText, msg, orList } from './l10n';
import { LIMITS, guardText } from './guard';
import type { Emotion, Evidence, JourneyMap, LaneValue, PersonaEmotion, Ref, Text } from './model';
import { FieldSpec, FieldType, ID_PATTERN, ObjectName, SCHEMA, aliasedKey, fieldSpec } from './schema';
import { didYouMean } from './suggest';
import { LineIndex, Span, span } from './text';
import { IndentSlip, findIndentSlips, unclosedFlowDiagnostic, unclosedFlowStart, unclosedQuoteStart } from './yamlSlips';
import { VALENCE_MAX, VALENCE_MIN, findEmotion, mermaidToValence, resolveEmotion } from './vocabulary/emotions';
import { Locale, isLocale, localesOfWord } from './vocabulary/locale';
import { VocabularyName, resolveValue, resolveWord, suggestWords, vocabularyExamples } from './vocabulary/words';

export interface ParseOutput {
  readonly map: JourneyMap;
  readonly diagnostics: Diagnostic[];
  /** the YAML document, for tools that need the syntax tree (formatting, completion); absent when the text was refused before parsing */
  readonly yaml?: Document.Parsed;
  /** ways to line up the line whose indentation fits no level above it, when that explains the syntax errors (see yamlSlips.ts) */
  readonly slips?: readonly IndentSlip[];
  /** where a `[` or `{` that is never closed begins: the map after it was not read (see yamlSlips.ts) */
  readonly unreadFrom?: number;
}

type Obj = Record<string, unknown> & { span: Span; keys: Map<string, Span> };

function emptyObject(object: ObjectName, at: Span): Obj {
  const o: Obj = { span: at, keys: new Map() };
  for (const f of SCHEMA[object]) {
    const prop = f.key === 'cjm' ? 'version' : f.key;
    if (f.type.t === 'text' || f.type.t === 'list' || f.type.t === 'evidence' || f.type.t === 'lanes') o[prop] = [];
    if ((f.type.t === 'ref' || f.type.t === 'string') && f.type.many) o[`${prop}s`] = [];
    if (f.type.t === 'emotion') o.personaEmotions = [];
  }
  return o;
}

/** Is the map's `kind:` the library kind, in any language? */
export function isLibrary(kind: { value: string } | undefined): boolean {
  return !!kind && resolveValue('kind', kind.value) === 'library';
}

export function parseMap(text: string, lines?: LineIndex): ParseOutput {
  const diagnostics: Diagnostic[] = [];
  const refused = guardText(text);
  if (refused) {
    diagnostics.push(refused);
    return { map: emptyObject('map', span(0, text.length)) as unknown as JourneyMap, diagnostics };
  }
  let doc: Document.Parsed;
  try {
    doc = parseYaml(text);
  } catch (e) {
    // The parser is not meant to throw; if it does, the user still gets a message.
    diagnostics.push(diagnostic('yaml-syntax', msg('The YAML parser failed: {0}', (e as Error).message), span(0, 0)));
    return { map: emptyObject('map', span(0, text.length)) as unknown as JourneyMap, diagnostics };
  }
  return readDocument(text, doc, diagnostics, { lines });
}

/** The one set of parser options every part of cjm uses. */
export function parseYaml(text: string): Document.Parsed {
  return parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false });
}

/** What a caller that already holds them hands the reader, so nothing is computed twice. */
export interface ReadOptions {
  /** the text's line index (built once per version) */
  readonly lines?: LineIndex;
  /**
   * Where nodes parsed on their own sit in the text: a node (a stage item) in this map has
   * ranges relative to the offset given, and so has everything under it but the nodes that
   * have an offset of their own (the steps of a stage parsed step by step). The incremental
   * analyzer parses each stage alone and never moves its ranges when text before it changes.
   */
  readonly bases?: ReadonlyMap<object, number>;
  /**
   * What earlier reads made of such nodes, filled and used by the reader: an item read
   * before, for a map of the same language and sources, reads the same, so its objects and
   * diagnostics are taken as they are (same base) or copied with their spans moved (the
   * item moved) instead of being read again.
   */
  readonly reuse?: WeakMap<object, ReadItem>;
  /**
   * With `reuse`: an item that moved is reused as the same objects, its spans moved in place,
   * instead of being copied. Only the latest read is then true: a model or diagnostic read
   * before holds the moved spans too. For a caller that keeps one analysis per document and
   * replaces it on every change (the language server); see `IncrementalAnalyzer`.
   */
  readonly moveInPlace?: boolean;
}

/** One list item as read before (see `ReadOptions.reuse`). */
export interface ReadItem {
  readonly base: number;
  readonly context: string;
  readonly objects: readonly unknown[];
  readonly diagnostics: readonly Diagnostic[];
  /** with `moveInPlace`: every span in `objects` and `diagnostics`, each an object of its own, moved together */
  readonly spans?: readonly Span[];
}

/** Reads an already parsed (and guarded) document into the model. */
export function readDocument(text: string, doc: Document.Parsed, diagnostics: Diagnostic[] = [], options: ReadOptions = {}): ParseOutput {
  const reader = new Reader(text, doc, diagnostics, options);
  const slips = findIndentSlips(text, doc.errors.map((e) => e.pos[0]));
  const unclosed = unclosedFlowStart(text, doc);
  diagnostics.push(...syntaxDiagnostics(text, doc, unclosed));
  const root = doc.contents;
  let map: JourneyMap;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    map = emptyObject('map', span(0, text.length)) as unknown as JourneyMap;
    if (!doc.errors.length) {
      diagnostics.push(diagnostic('missing-field', msg('This map is empty. A map needs at least `cjm: 1`, `title` and `stages`.'), span(0, 0), {
        fixes: [fix(msg('Insert a minimal map'), [{ span: span(0, 0), newText: 'cjm: 1\ntitle: New journey\nstages:\n  - id: awareness\n    steps:\n      - name: First contact\n' }])],
      }));
    }
  } else {
    map = reader.object('map', root) as unknown as JourneyMap;
  }
  return { map, diagnostics, yaml: doc, slips, ...(unclosed ? { unreadFrom: unclosed.at } : {}) };
}

/** The YAML parser's errors and warnings about a parsed text, explained. */
export function syntaxDiagnostics(text: string, doc: Document.Parsed, unclosed = unclosedFlowStart(text, doc)): Diagnostic[] {
  // After a bracket that is never closed, every error is the parser reading the rest of the
  // map as that list: one message at the bracket says it all.
  const errors = unclosed ? doc.errors.filter((e) => e.pos[0] < unclosed.at) : doc.errors;
  const out = errors.map((err) => {
    const quote = unclosedQuoteStart(doc, err);
    // At the quote that opened it, the parser's "Missing closing quote" would point nowhere near; say it plainly in every language.
    return quote !== undefined ? diagnostic('yaml-syntax', explainYaml(err.code, err.message)!, span(quote, quote + 1)) : syntaxDiagnostic(text, err.code, err.message, err.pos);
  });
  if (unclosed) out.push(unclosedFlowDiagnostic(unclosed));
  for (const w of doc.warnings) {
    const start = Math.min(w.pos[0], text.length);
    out.push(diagnostic('yaml-syntax', libraryText(yamlMessage(w.message), explainYaml(w.code, w.message) ?? msg('The YAML parser warns about this ({0}).', w.code)), span(start, Math.min(w.pos[1], text.length)), { severity: 'warning' }));
  }
  return out;
}

/** `yaml` puts a code excerpt after the first line; the editor shows the position itself. */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0];
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * YAML's messages are written for programmers; the people who write maps are not. The
 * common mistakes get a plain explanation and, where the repair is certain, a fix.
 */
function syntaxDiagnostic(text: string, code: string, message: string, pos: [number, number]): Diagnostic {
  // yaml reports errors at the end of input one character past it; keep spans inside the text
  const start = Math.min(pos[0], text.length);
  const at = span(start, Math.min(Math.max(pos[1], start + 1), text.length));
  const lineEnd = (from: number) => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  };
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY': {
      // `name: Pays: by card`: text with ": " in it must be quoted.
      const valueEnd = lineEnd(start);
      const raw = text.slice(start, valueEnd).replace(/\s+#.*$/, '').trimEnd();
      const quoted = JSON.stringify(raw);
      return diagnostic('yaml-syntax', msg('Text that contains ": " must be put in quotes, like {0}.', quoted), span(start, start + raw.length), {
        fixes: raw ? [fix(msg('Put the text in quotes: {0}', quoted), [{ span: span(start, start + raw.length), newText: quoted }], true)] : [],
      });
    }
    case 'TAB_AS_INDENT':
      return diagnostic('yaml-syntax', msg('Use spaces, not tabs, to indent a map.'), at, {
        fixes: text[start] === '\t' ? [fix(msg('Replace the tab with two spaces'), [{ span: span(start, start + 1), newText: '  ' }])] : [],
      });
    case 'MULTIPLE_DOCS':
      return diagnostic('yaml-syntax', msg('A .cjm file holds one map; a `---` line starts a second one. Put each map in its own file.'), at);
    case 'BAD_INDENT':
      if (/^Flow (sequence|mapping)/.test(message)) {
        return diagnostic('yaml-syntax', libraryText(`A list in [ ] or a mapping in { } above is not closed, or its lines are not indented enough. ${yamlMessage(message)}.`, msg('A list in [ ] or a mapping in { } above is not closed, or its lines are not indented enough.')), at);
      }
      return diagnostic('yaml-syntax', libraryText(`${yamlMessage(message)}: check the indentation of this line against the lines above.`, explainYaml(code, message) ?? msg('Check the indentation of this line against the lines above.')), at);
    default:
      return diagnostic('yaml-syntax', libraryText(yamlMessage(message), explainYaml(code, message) ?? msg('The YAML here cannot be read ({0}): check quotes, brackets, colons and indentation.', code)), at);
  }
}

/**
 * The YAML parser's common complaints, said plainly for readers of every language but
 * English, who keep the parser's own words: by its code and, where one code covers several
 * mistakes (MISSING_CHAR), by its message. Undefined for what has no plain explanation yet.
 */
function explainYaml(code: string, message: string): Msg | undefined {
  const first = yamlMessage(message);
  switch (code) {
    case 'MISSING_CHAR':
      if (first.startsWith('Missing closing "quote')) return msg('A text in double quotes is not closed: add the closing `"` at its end.');
      if (first.startsWith("Missing closing 'quote")) return msg("A text in single quotes is not closed: add the closing `'` at its end.");
      if (first.startsWith('Comments must be separated')) return msg('Put a space before `#`: a comment must be separated from the text before it.');
      if (first.startsWith('Implicit map keys need to be followed by map values')) return msg('This line is read as a key without a value: write `key: value`, with a colon and a space.');
      if (/^Missing , (or : )?between/.test(first)) return msg('Items in [ ] or { } must be separated by commas.');
      if (first.startsWith('Missing space after :')) return msg('Put a space after `:` between a key and its value.');
      if (first.startsWith('Sequence item without - indicator')) return msg('A list item must start with `- `.');
      return undefined;
    case 'MULTILINE_IMPLICIT_KEY':
      return msg('A line here has no `key:`. Start it with a key and a colon, or, if it continues the text above, indent it further or put the whole text in quotes.');
    case 'BAD_DQ_ESCAPE': {
      const seq = /escape sequence (\S+)/.exec(first)?.[1];
      return seq ? msg('In double quotes a backslash starts an escape sequence, and `{0}` is not one: write `\\\\` for a backslash, or use single quotes.', seq) : undefined;
    }
    case 'BAD_SCALAR_START': {
      const c = /character (\S)/.exec(first)?.[1] ?? /start with (\S)/.exec(first)?.[1];
      return c ? msg('A value cannot start with `{0}`: put the text in quotes.', c) : undefined;
    }
    case 'UNEXPECTED_TOKEN': {
      const found = /"([^"]{1,20})"$/.exec(first)?.[1] ?? /^Unexpected ([,\]}{[])/.exec(first)?.[1];
      return found ? msg('`{0}` is not expected here: check the brackets, commas and quotes around it.', found) : msg('Something here is not expected: check the brackets, commas and quotes around it.');
    }
    case 'BLOCK_IN_FLOW':
      return msg('A `- ` list or `key: value` lines cannot be inside [ ] or { }: write the items in the brackets separated by commas, or drop the brackets.');
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
    case 'MULTIPLE_ANCHORS':
      return msg('An anchor (`&name`) or alias (`*name`) here is not valid: give it a name, and use at most one anchor per value.');
    case 'TAG_RESOLVE_FAILED': {
      const tag = /tag: (\S+)/.exec(first)?.[1];
      return tag ? msg('cjm does not know the tag `{0}` and reads the value as plain text; remove the tag.', tag) : undefined;
    }
    case 'KEY_OVER_1024_CHARS':
      return msg('A key or value here is more than 1024 characters long: is a `:` or a line break missing?');
    case 'BAD_INDENT':
      return first.startsWith('All sequence items must start at the same column') ? msg('Every `- ` of a list must start in the same column: line this item up with the ones above.') : undefined;
    default:
      return undefined;
  }
}

/** What `field` returns for an emotion written per persona, told apart from a single `Emotion`. */
class PerPersona {
  constructor(readonly items: PersonaEmotion[]) {}
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** `30.09.2025`, `2025/9/30`, `2025-9-30` → `2025-09-30`, when the reading is certain. */
function normalizeDate(raw: string): string | undefined {
  const v = raw.trim();
  const pad = (n: string) => n.padStart(2, '0');
  let y: string, m: string, d: string;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v);
  if (match) [, y, m, d] = match;
  else if ((match = /^(\d{1,2})[.](\d{1,2})[.](\d{4})$/.exec(v))) [, d, m, y] = match;
  else return undefined;
  return isRealDate(Number(y), Number(m), Number(d)) ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

class Reader {
  private aliasesSeen = 0;
  private aliasReported = false;
  /** aliases past the budget: read as absent, and never blamed again (one alias-limit says it all) */
  private readonly refused = new WeakSet<object>();
  private readonly lines: LineIndex;
  /** added to the ranges of the nodes being read (see `ReadOptions.bases`) */
  private base = 0;
  /** how many items read on their own (`bases`) enclose the node being read */
  private depth = 0;
  private readonly bases: ReadonlyMap<object, number> | undefined;
  private readonly reuse: WeakMap<object, ReadItem> | undefined;
  private readonly moveInPlace: boolean;
  /** declared source ids, so evidence knows which items cite a source */
  private sourceIds = new Set<string>();
  private sourcesDeclared = false;
  /** the map's `language:`, read first: suggestions and examples are given in it */
  private locale: Locale | undefined;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly out: Diagnostic[],
    options: ReadOptions = {},
  ) {
    this.lines = options.lines ?? new LineIndex(text);
    this.bases = options.bases?.size ? options.bases : undefined;
    this.reuse = this.bases && options.reuse;
    this.moveInPlace = !!this.reuse && options.moveInPlace === true;
  }

  private spanOf(node: YNode | Pair | null | undefined, fallback: Span = span(0, 0)): Span {
    if (!node) return fallback;
    if (isPair(node)) {
      const k = this.spanOf(node.key as YNode | null);
      const v = node.value ? this.spanOf(node.value as YNode) : k;
      return span(k.start, v.end);
    }
    const r = (node as YNode).range;
    if (!r) return fallback;
    const start = r[0] + this.base;
    let end = r[1] + this.base;
    // After a trailing comment line the parser may end a block in the next line's indentation:
    // end it where that line starts, as a parse of the block alone (the incremental one) does.
    if (end > start && this.text.charCodeAt(end - 1) === 32) {
      let ls = end;
      while (ls > start && this.text.charCodeAt(ls - 1) === 32) ls--;
      if (ls > start && (this.text.charCodeAt(ls - 1) === 10 || this.text.charCodeAt(ls - 1) === 13)) end = ls;
    }
    return span(start, end);
  }

  /** Follows an alias to its anchor, within a budget that stops alias bombs. */
  private deref(node: unknown): YNode | null | undefined {
    if (!isAlias(node)) return node as YNode | null | undefined;
    this.aliasesSeen++;
    if (this.aliasesSeen > LIMITS.maxAliases) {
      if (!this.aliasReported) {
        this.aliasReported = true;
        this.out.push(diagnostic('alias-limit', msg('More than {0} aliases (*name) are used in this file; cjm stops expanding them here.', LIMITS.maxAliases), this.spanOf(node as Alias)));
      }
      this.refused.add(node as Alias);
      return undefined;
    }
    let target: unknown;
    try {
      target = (node as Alias).resolve(this.doc);
    } catch {
      target = undefined;
    }
    if (target === undefined) {
      this.out.push(diagnostic('yaml-syntax', msg('`*{0}` refers to an anchor `&{0}` that is not defined above it.', (node as Alias).source), this.spanOf(node as Alias)));
      return undefined;
    }
    return isAlias(target) ? undefined : (target as YNode);
  }

  private describe(node: YNode | null | undefined): Msg {
    if (node === null || node === undefined) return msg('nothing');
    if (isMap(node)) return msg('a mapping (key: value lines)');
    if (isSeq(node)) return msg('a list');
    if (isScalar(node)) {
      const v = node.value;
      if (v === null) return msg('nothing');
      if (typeof v === 'number') return msg('the number {0}', String(node.source ?? v));
      if (typeof v === 'boolean') return msg('the value {0}', String(v));
      return msg('text');
    }
    return msg('an unreadable value');
  }

  private wrongType(what: Msg, node: YNode | null | undefined, at: Span): void {
    this.out.push(diagnostic('wrong-type', msg('{0}, but this is {1}.', what, this.describe(node)), at));
  }

  /** Reads a mapping as the given schema object. */
  object(object: ObjectName, raw: unknown, where?: Span): Obj {
    const node = this.deref(raw);
    const at = this.spanOf(node, where);
    const o = emptyObject(object, at);
    if (this.isRefused(raw)) return o;
    if (!isMap(node)) {
      this.wrongType(msg('Expected {0}', OBJECT_PHRASES[object]), node, at);
      return o;
    }
    const found = new Map<string, { pair: Pair; keySpan: Span; spec: FieldSpec }>();
    for (const item of node.items) {
      const pair = item as Pair;
      const keyNode = this.deref(pair.key);
      if (this.isRefused(pair.key)) continue;
      const keySpan = this.spanOf(keyNode ?? (pair.key as YNode | null), at);
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.out.push(diagnostic('wrong-type', msg('Keys must be plain words like `name` or `steps`.'), keySpan));
        continue;
      }
      const written = String(keyNode.value);
      let key = written;
      const alias = aliasedKey(object, written);
      if (alias) {
        key = alias;
        this.out.push(diagnostic('deprecated-key', msg('`{0}` is read as `{1}`; write `{1}` so every tool agrees.', written, alias), keySpan, {
          tags: ['deprecated'],
          fixes: [fix(msg('Rename `{0}` to `{1}`', written, alias), [{ span: keySpan, newText: alias }], true)],
        }));
      }
      const spec = fieldSpec(object, key);
      if (!spec) {
        const valid = SCHEMA[object].map((f) => f.key).filter((k) => !found.has(k));
        const suggestions = didYouMean(written, valid);
        const elsewhere = (Object.keys(SCHEMA) as ObjectName[]).filter((o) => o !== object && fieldSpec(o, written));
        const message = suggestions.length
          ? msg('`{0}` is not a field of {1}. Did you mean {2}?', written, OBJECT_PHRASES[object], orList(suggestions.map((s) => `\`${s}\``)))
          : elsewhere.length
            ? msg('`{0}` is not a field of {1}. It belongs in {2}.', written, OBJECT_PHRASES[object], orList(elsewhere.map((o) => OBJECT_PHRASES[o])))
            : msg('`{0}` is not a field of {1}.', written, OBJECT_PHRASES[object]);
        this.out.push(diagnostic('unknown-key', message, keySpan, {
          fixes: suggestions.map((s, i) => fix(msg('Change `{0}` to `{1}`', written, s), [{ span: keySpan, newText: s }], i === 0)),
        }));
        continue;
      }
      const first = found.get(key);
      if (first) {
        this.out.push(diagnostic('duplicate-key', msg('`{0}` appears twice in this {1}; only the first one counts.', key, OBJECT_NOUNS[object]), keySpan, {
          related: [related(first.keySpan, msg('first `{0}` is here', key))],
          fixes: [fix(msg('Remove this duplicate `{0}`', written), [{ span: this.pairLines(pair, node.flow === true), newText: '' }])],
        }));
        continue;
      }
      found.set(key, { pair, keySpan, spec });
      o.keys.set(key, keySpan);
    }
    // Sources first: evidence anywhere below needs to know them.
    if (object === 'map') {
      const sources = found.get('sources');
      if (sources) this.noteSources(sources.pair.value);
      const language = found.get('language');
      const value = language ? this.deref(language.pair.value) : undefined;
      const named = isScalar(value) && typeof value.value === 'string' ? resolveWord('language', value.value)?.id : undefined;
      if (named !== undefined && isLocale(named)) this.locale = named;
    }
    for (const spec of SCHEMA[object]) {
      const prop = spec.key === 'cjm' ? 'version' : spec.key;
      const entry = found.get(spec.key);
      if (!entry) continue;
      const value = this.field(object, spec, entry.pair.value, entry.keySpan);
      if (value instanceof PerPersona) {
        o.personaEmotions = value.items;
      } else if ((spec.type.t === 'ref' || spec.type.t === 'string') && spec.type.many) {
        // The model keeps the first id where one is expected, and all of them beside it.
        const all = value === undefined ? [] : Array.isArray(value) ? value : [value];
        o[prop] = all[0];
        o[`${prop}s`] = all;
      } else if (value !== undefined) o[prop] = value;
    }
    // A library (`kind: library`) is declarations only: it has no journey, so no stages.
    const library = object === 'map' && isLibrary(o.kind as Text | undefined);
    for (const spec of SCHEMA[object]) {
      if (spec.required && !found.has(spec.key) && !(library && spec.key === 'stages')) this.missing(object, spec.key, node, at);
    }
    return o;
  }

  private noteSources(raw: unknown): void {
    const node = this.deref(raw);
    if (!isSeq(node)) return;
    this.sourcesDeclared = true;
    for (const item of node.items) {
      const m = this.deref(item);
      if (!isMap(m)) continue;
      const idNode = this.deref(m.get('id', true));
      if (isScalar(idNode) && idNode.value !== null) this.sourceIds.add(String(idNode.value));
    }
  }

  /** The whole lines a block pair occupies, for deleting it without leaving debris. */
  private pairLines(pair: Pair, flow: boolean): Span {
    const s = this.spanOf(pair);
    if (flow) {
      let end = s.end;
      while (end < this.text.length && /[\s,]/.test(this.text[end]) && this.text[end] !== '\n') end++;
      return span(s.start, end);
    }
    const startPos = this.lines.positionAt(s.start);
    const lineStart = this.lines.lineStart(startPos.line);
    const before = this.text.slice(lineStart, s.start);
    const start = /^\s*$/.test(before) ? lineStart : s.start;
    let end = s.end;
    const nl = this.text.indexOf('\n', end);
    const rest = this.text.slice(end, nl < 0 ? this.text.length : nl);
    if (/^\s*(#.*)?$/.test(rest)) end = nl < 0 ? this.text.length : nl + 1;
    return span(start, end);
  }

  private missing(object: ObjectName, key: string, node: YAMLMap, at: Span): void {
    const firstKey = node.items.length ? this.spanOf(node.items[0].key as YNode) : undefined;
    const where = firstKey ?? span(at.start, at.start);
    const placeholder = key === 'cjm' ? '1' : key === 'stages' ? '[]' : '""';
    const fixes: Fix[] = [];
    if (firstKey) {
      const col = this.lines.positionAt(firstKey.start).character;
      const insert = node.flow ? `${key}: ${placeholder}, ` : `${key}: ${placeholder}\n${' '.repeat(col)}`;
      fixes.push(fix(msg('Add the missing `{0}`', key), [{ span: span(firstKey.start, firstKey.start), newText: insert }], true));
    }
    this.out.push(diagnostic('missing-field', msg('{0} needs `{1}`.', OBJECT_SUBJECTS[object], key), where, { fixes }));
  }

  private isRefused(raw: unknown): boolean {
    return isAlias(raw) && this.refused.has(raw);
  }

  private field(object: ObjectName, spec: FieldSpec, raw: unknown, keySpan: Span): unknown {
    const node = this.deref(raw);
    if (this.isRefused(raw)) return undefined;
    const at = node ? this.spanOf(node, keySpan) : span(keySpan.end, keySpan.end);
    const t: FieldType = spec.type;
    const isEmpty = node === null || node === undefined || (isScalar(node) && node.value === null);
    if (isEmpty && t.t !== 'list' && t.t !== 'text' && t.t !== 'evidence' && t.t !== 'lanes') {
      this.out.push(diagnostic(spec.required ? 'missing-field' : 'empty-value', msg('`{0}` has no value.', spec.key), spec.required ? keySpan : at));
      return undefined;
    }
    switch (t.t) {
      case 'version': {
        const v = isScalar(node) ? node.value : undefined;
        if (v !== 1) {
          this.out.push(diagnostic('unsupported-version', msg('This cjm reads format version 1; `cjm: {0}` is not supported.', isScalar(node) ? node.source ?? String(v) : '…'), at, {
            fixes: [fix(msg('Set `cjm: 1`'), [{ span: at, newText: '1' }])],
          }));
        }
        return isScalar(node) ? this.scalarText(node) : undefined;
      }
      case 'string':
        if (t.many && isSeq(node)) return this.texts(spec.key, node, at);
        if (!isScalar(node)) return this.wrongType(t.many ? msg('`{0}` should be text or a list of texts', spec.key) : msg('`{0}` should be text', spec.key), node, at);
        return this.scalarText(node);
      case 'date': {
        if (!isScalar(node)) return this.wrongType(msg('`{0}` should be a date like 2025-09-30', spec.key), node, at);
        const txt = this.scalarText(node);
        this.checkDate(txt, spec.key);
        return txt;
      }
      case 'object':
        return this.object(t.of, node, at);
      case 'id': {
        if (!isScalar(node)) return this.wrongType(msg('`{0}` should be text', spec.key), node, at);
        const txt = this.scalarText(node);
        if (t.t === 'id') this.checkId(txt, spec.key);
        return txt;
      }
      case 'ref': {
        if (t.many && isSeq(node)) return this.texts(spec.key, node, at).map((txt): Ref => ({ kind: t.ref, id: txt.value, span: txt.span }));
        if (!isScalar(node)) return this.wrongType(t.many ? msg('`{0}` should be an id or a list of ids', spec.key) : msg('`{0}` should be an id', spec.key), node, at);
        const txt = this.scalarText(node);
        return { kind: t.ref, id: txt.value, span: txt.span } satisfies Ref;
      }
      case 'enum': {
        if (!isScalar(node)) return this.wrongType(msg('`{0}` should be one of: {1}', spec.key, t.values.join(', ')), node, at);
        const txt = this.scalarText(node);
        // A vocabulary value may be written in any language; the model keeps the author's word.
        const known = t.vocabulary ? resolveWord(t.vocabulary, txt.value) !== undefined : t.values.includes(txt.value);
        if (!known) {
          const suggestions = t.vocabulary ? this.suggestValues(t.vocabulary, txt.value) : didYouMean(txt.value, t.values);
          const code = spec.key === 'kind' && object === 'map' ? 'unknown-kind' : 'invalid-value';
          const values = t.vocabulary ? this.valueExamples(t.vocabulary, txt.value, t.values) : t.values;
          this.out.push(diagnostic(code, msg('`{0}` is not a valid {1}. Use one of: {2}.', txt.value, spec.key, values.join(', ')), txt.span, {
            fixes: suggestions.map((s, i) => fix(msg('Change to `{0}`', s), [{ span: txt.span, newText: s }], i === 0)),
          }));
        }
        return txt;
      }
      case 'text':
        return this.texts(spec.key, node, at);
      case 'emotion':
        return isMap(node) ? this.personaEmotions(node, at) : this.emotion(node, at);
      case 'evidence':
        return this.texts(spec.key, node, at).map((txt): Evidence => {
          const cites = this.sourcesDeclared && ID_PATTERN.test(txt.value);
          return cites ? { text: txt, source: { kind: 'source', id: txt.value, span: txt.span } } : { text: txt };
        });
      case 'lanes':
        return this.laneValues(node, at);
      case 'list':
        return this.list(spec, t.of, t.shorthand, node, at);
    }
  }

  private scalarText(node: Scalar): Text {
    const v = node.value;
    // Numbers and booleans keep the spelling the author wrote (`1.10` stays `1.10`).
    const value = typeof v === 'string' ? v : node.source !== undefined ? String(node.source) : String(v);
    return { value, span: this.spanOf(node) };
  }

  /**
   * A date as ISO writes it, `2025-09-30` or a month `2025-09`: the one form every
   * language's readers and `sort` agree on. A day that does not exist (2025-02-30) is an
   * error too, since a renderer would otherwise draw it somewhere.
   */
  private checkDate(txt: Text, key: string): void {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(txt.value.trim());
    const valid = !!m && isRealDate(Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
    if (valid) return;
    const fixed = normalizeDate(txt.value);
    this.out.push(diagnostic('invalid-value', msg('`{0}` is not a date. Write `{1}` as year-month-day, like 2025-09-30 (or a month, like 2025-09).', txt.value, key), txt.span, {
      fixes: fixed ? [fix(msg('Change to `{0}`', fixed), [{ span: txt.span, newText: fixed }], true)] : [],
    }));
  }

  /**
   * `emotion: {maria: anxious, tom: calm}`: one emotion per persona. Each key is a persona
   * reference (validation checks it against `personas:`), each value reads exactly like a
   * single `emotion:`, in any language.
   */
  private personaEmotions(node: YAMLMap, at: Span): PerPersona {
    const items: PersonaEmotion[] = [];
    const seen = new Map<string, Span>();
    for (const pair of node.items) {
      const k = this.deref(pair.key);
      if (this.isRefused(pair.key)) continue;
      const ks = this.spanOf(k, at);
      if (!isScalar(k) || k.value === null || typeof k.value === 'object') {
        this.out.push(diagnostic('wrong-type', msg('The keys of a per-persona `emotion` must be persona ids, like `anna: anxious`.'), ks));
        continue;
      }
      const id = String(k.value);
      const first = seen.get(id);
      if (first) {
        this.out.push(diagnostic('duplicate-key', msg('Persona `{0}` has two emotions in this step; only the first one counts.', id), ks, {
          related: [related(first, msg('first `{0}` is here', id))],
          fixes: [fix(msg('Remove this duplicate `{0}`', id), [{ span: this.pairLines(pair as Pair, node.flow === true), newText: '' }])],
        }));
        continue;
      }
      seen.set(id, ks);
      const value = this.deref(pair.value);
      if (this.isRefused(pair.value)) continue;
      if (value === null || value === undefined || (isScalar(value) && value.value === null)) {
        this.out.push(diagnostic('empty-value', msg('Persona `{0}` has no emotion here.', id), ks));
        continue;
      }
      const emotion = this.emotion(value, this.spanOf(value, ks));
      if (emotion) items.push({ persona: { kind: 'persona', id, span: this.scalarText(k).span }, emotion });
    }
    if (!items.length && !node.items.length) this.out.push(diagnostic('empty-value', msg('`{0}` has no value.', 'emotion'), at));
    return new PerPersona(items);
  }

  private checkId(txt: Text, key: string): void {
    if (!ID_PATTERN.test(txt.value)) {
      const suggestion = txt.value.trim().toLowerCase().replace(/[^\p{L}\p{N}_.-]+/gu, '-').replace(/^-+|-+$/g, '');
      this.out.push(diagnostic('invalid-id', msg('`{0}` must be one word (letters, digits, - _ .), like `{1}`.', key, suggestion || 'my-id'), txt.span, {
        fixes: suggestion && ID_PATTERN.test(suggestion) ? [fix(msg('Change to `{0}`', suggestion), [{ span: txt.span, newText: suggestion }])] : [],
      }));
    }
  }

  private texts(key: string, node: YNode | null | undefined, at: Span): Text[] {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (isScalar(node)) return [this.scalarText(node)];
    if (isSeq(node)) {
      const out: Text[] = [];
      for (const item of node.items) {
        const n = this.deref(item);
        if (this.isRefused(item)) continue;
        if (isScalar(n) && n.value !== null) out.push(this.scalarText(n));
        else if (isMap(n) && this.colonInText(n)) continue;
        else if (!(isScalar(n) && n.value === null)) this.wrongType(msg('Items of `{0}` should be text', key), n, this.spanOf(n, at));
      }
      return out;
    }
    this.wrongType(msg('`{0}` should be text or a list of texts', key), node, at);
    return [];
  }

  /**
   * `- Pain: the form is long` is valid YAML (a one-key mapping) but the author meant
   * text with a colon in it: say so, and offer to quote it.
   */
  private colonInText(n: YAMLMap): boolean {
    if (n.items.length !== 1 || n.flow) return false;
    const whole = this.spanOf(n);
    const raw = this.text.slice(whole.start, whole.end).trimEnd();
    if (raw.includes('\n') || !isScalar(n.items[0].key) || !isScalar(n.items[0].value)) return false;
    const textOnly = raw.replace(/\s+#.*$/, '');
    const s = span(whole.start, whole.start + textOnly.length);
    const quoted = JSON.stringify(textOnly);
    this.out.push(diagnostic('wrong-type', msg('Text that contains ": " must be put in quotes, like {0}.', quoted), s, {
      fixes: [fix(msg('Put the text in quotes: {0}', quoted), [{ span: s, newText: quoted }], true)],
    }));
    return true;
  }

  private emotion(node: YNode | null | undefined, at: Span): Emotion | undefined {
    if (!isScalar(node)) {
      this.wrongType(msg('`emotion` should be an emotion name, a score from −3 to +3 or a Mermaid score like 4/5'), node, at);
      return undefined;
    }
    const raw = node.source !== undefined && typeof node.value !== 'string' ? String(node.source) : String(node.value);
    const s = this.spanOf(node);
    if (typeof node.value === 'number') {
      const score = node.value;
      if (!(score >= VALENCE_MIN && score <= VALENCE_MAX)) {
        const clamped = Math.max(VALENCE_MIN, Math.min(VALENCE_MAX, Math.round(score)));
        const message = score >= 1 && score <= 5
          ? msg('Emotion scores run from −3 to +3; {0} is outside. For Mermaid\'s 1–5 scale write `{0}/5`.', raw)
          : msg('Emotion scores run from −3 to +3; {0} is outside.', raw);
        this.out.push(diagnostic('score-out-of-range', message, s, {
          fixes: [fix(msg('Change to {0}', String(clamped)), [{ span: s, newText: String(clamped) }])],
        }));
        return { span: s, raw, form: 'score' };
      }
      return { span: s, raw, form: 'score', score };
    }
    const mermaid = /^\s*(\d+(?:\.\d+)?)\s*\/\s*5\s*$/.exec(raw);
    if (mermaid) {
      const m = Number(mermaid[1]);
      if (m < 1 || m > 5) {
        this.out.push(diagnostic('score-out-of-range', msg('Mermaid scores run from 1/5 to 5/5; {0} is outside.', raw), s));
        return { span: s, raw, form: 'mermaid' };
      }
      return { span: s, raw, form: 'mermaid', score: mermaidToValence(m) };
    }
    const found = resolveEmotion(raw, this.locale);
    if (found) return { span: s, raw, form: 'name', info: found.info, score: found.info.score, locale: found.locale };
    // One word per emotion, in the writer's language, never the opposite feeling.
    const suggestions = suggestWords('emotion', raw, { locale: this.locale }).map((w) => w.text);
    const like = vocabularyExamples('emotion', this.exampleLocale(raw)).map((w) => `\`${w}\``);
    const message = suggestions.length
      ? msg('`{0}` is not a known emotion. Did you mean {1}?', raw, orList(suggestions.map((w) => `\`${w}\``)))
      : msg('`{0}` is not a known emotion. Use a name like {1}, or a score from −3 to +3.', raw, orList(like));
    this.out.push(diagnostic('unknown-emotion', message, s, {
      fixes: suggestions.map((w, i) => {
        const em = findEmotion(w);
        return fix(msg('Change to {0}', `\`${w}\`${em ? ` ${em.emoji}` : ''}`), [{ span: s, newText: w }], i === 0);
      }),
    }));
    return { span: s, raw, form: 'name' };
  }

  /** Close values of a vocabulary, in the writer's language (see `suggestWords`). */
  private suggestValues(vocabulary: VocabularyName, typed: string): string[] {
    return suggestWords(vocabulary, typed, { locale: this.locale }).map((w) => w.text);
  }

  /** The language examples are given in: the map's, else the one the typed word's letters settle, else English. */
  private exampleLocale(typed: string): Locale {
    if (this.locale) return this.locale;
    const byLetters = localesOfWord(typed);
    return byLetters.length === 1 ? byLetters[0] : 'en';
  }

  /** The values to list after "Use one of:": the ids in English (as always), the labels in Russian or Polish. */
  private valueExamples(vocabulary: VocabularyName, typed: string, ids: readonly string[]): readonly string[] {
    const locale = this.exampleLocale(typed);
    return locale === 'en' ? ids : vocabularyExamples(vocabulary, locale);
  }

  private laneValues(node: YNode | null | undefined, at: Span): LaneValue[] {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isMap(node)) {
      this.wrongType(msg('`lanes` in a step should map lane ids to text, like `legal: Consent required`'), node, at);
      return [];
    }
    const out: LaneValue[] = [];
    const seen = new Map<string, Span>();
    for (const pair of node.items) {
      const k = this.deref(pair.key);
      if (this.isRefused(pair.key)) continue;
      const ks = this.spanOf(k, at);
      if (!isScalar(k) || k.value === null) {
        this.out.push(diagnostic('wrong-type', msg('Lane ids must be plain words.'), ks));
        continue;
      }
      const id = String(k.value);
      const first = seen.get(id);
      if (first) {
        this.out.push(diagnostic('duplicate-key', msg('Lane `{0}` appears twice in this step; only the first one counts.', id), ks, {
          related: [related(first, msg('first `{0}` is here', id))],
          fixes: [fix(msg('Remove this duplicate `{0}`', id), [{ span: this.pairLines(pair as Pair, node.flow === true), newText: '' }])],
        }));
        continue;
      }
      seen.set(id, ks);
      const value = this.deref(pair.value);
      if (this.isRefused(pair.value)) continue;
      out.push({ lane: { kind: 'lane', id, span: ks }, values: this.texts(id, value, this.spanOf(value, ks)) });
    }
    return out;
  }

  private list(spec: FieldSpec, of: ObjectName, shorthand: string | undefined, node: YNode | null | undefined, at: Span): Obj[] {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) {
      this.wrongType(msg('`{0}` should be a list (lines starting with `- `)', spec.key), node, at);
      return [];
    }
    const out: Obj[] = [];
    for (const item of (node as YAMLSeq).items) {
      const base = this.bases?.get(item as object);
      if (base === undefined) {
        this.listItem(spec, of, shorthand, item, at, out);
        continue;
      }
      // An item read on its own inside another (a step of a stage) is reused only by copy:
      // moved in place, its spans would move twice, once with the item around it.
      const reuse = this.moveInPlace && this.depth > 0 ? undefined : this.reuse;
      // Everything outside the item that reading it depends on.
      const context = `${this.locale ?? ''}\u0000${this.sourcesDeclared}\u0000${this.aliasesSeen}\u0000${at.start}`;
      const before = reuse?.get(item as object);
      if (before && before.context === context) {
        // Text typed above the item only moved it: what it reads is what it read, moved along.
        let now = before;
        if (before.base !== base) {
          if (before.spans) moveSpans(before as Mutable<ReadItem>, base);
          else reuse!.set(item as object, (now = moved(before, base)));
        }
        for (const o of now.objects) out.push(o as Obj);
        for (const d of now.diagnostics) this.out.push(d);
        continue;
      }
      const outer = this.base;
      const firstObject = out.length;
      const firstDiagnostic = this.out.length;
      this.base = base;
      this.depth++;
      try {
        this.listItem(spec, of, shorthand, item, at, out);
      } finally {
        this.base = outer;
        this.depth--;
      }
      const objects = out.slice(firstObject);
      const diagnostics = this.out.slice(firstDiagnostic);
      for (const o of objects) READINGS.set(o, o);
      reuse?.set(item as object, { base, context, objects, diagnostics, spans: this.moveInPlace ? ownSpans(objects, diagnostics) : undefined });
    }
    return out;
  }

  private listItem(spec: FieldSpec, of: ObjectName, shorthand: string | undefined, item: unknown, at: Span, out: Obj[]): void {
    const n = this.deref(item);
    if (n === undefined) return;
    const itemSpan = this.spanOf(n, at);
    if (shorthand && isScalar(n) && n.value !== null) {
      const o = emptyObject(of, itemSpan);
      o[shorthand] = this.scalarText(n);
      out.push(o);
      return;
    }
    if (isScalar(n) && n.value === null) {
      this.out.push(diagnostic('empty-value', msg('This item of `{0}` is empty.', spec.key), itemSpan.start === itemSpan.end ? span(at.start, at.start + 1) : itemSpan));
      return;
    }
    out.push(this.object(of, n, itemSpan));
  }
}

/**
 * An item as read before, read at `base` instead: the reading of a stage depends on its own
 * text and its context (`ReadItem.context`), never on where it sits, except that every span
 * is an offset in the whole text. So a copy with every span moved is exactly what reading it
 * again gives, at a fraction of the cost (no schema, vocabulary or suggestion work). Message
 * data and vocabulary entries hold no offsets and are shared.
 */
function moved(item: ReadItem, base: number): ReadItem {
  const by = base - item.base;
  const objects = item.objects.map((o) => shifted(o, by));
  item.objects.forEach((o, i) => carryReading(o, objects[i]));
  return { base, context: item.context, objects, diagnostics: item.diagnostics.map((d) => shifted(d, by)) };
}

/**
 * The reading each object of a list item read on its own (a stage, a step) comes from: itself
 * when read, the original when copied with moved spans (`moved`). Two objects of one reading
 * say the same in everything but their spans, which a comparison can then skip (`sameReading`).
 */
const READINGS = new WeakMap<object, object>();

function carryReading(from: unknown, to: unknown): void {
  if (typeof from !== 'object' || from === null) return;
  const r = READINGS.get(from);
  if (r) READINGS.set(to as object, r);
  const steps = (from as { steps?: unknown }).steps;
  if (Array.isArray(steps)) steps.forEach((s, i) => carryReading(s, (to as { steps: unknown[] }).steps[i]));
}

/**
 * Whether two model objects are one reading of the same list item (a stage or step read
 * from the same parse in the same context, or a copy of it moved along with the text): they
 * are then equal in everything but their spans, without looking. False says nothing.
 */
export function sameReading(x: object, y: object): boolean {
  const r = READINGS.get(x);
  return r !== undefined && r === READINGS.get(y);
}

const SHARED_KEYS = new Set(['info', 'msg']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An item read with `moveInPlace`, moved to `base`: one addition per span, nothing allocated. */
function moveSpans(item: Mutable<ReadItem>, base: number): void {
  const by = base - item.base;
  for (const s of item.spans as Mutable<Span>[]) {
    s.start += by;
    s.end += by;
  }
  item.base = base;
}

/**
 * Gives every span in a freshly read item's objects and diagnostics an object of its own
 * (the reader shares some: a key's span in `keys` and in a diagnostic, a parent's span as a
 * fallback), so that moving them all by one offset moves each exactly once and nothing outside
 * the item. Returns them. The containers are the item's own, just built by the reader; message
 * data and vocabulary entries hold no offsets and are left as they are.
 */
function ownSpans(objects: readonly unknown[], diagnostics: readonly Diagnostic[]): Span[] {
  const spans: Span[] = [];
  const own = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = own(value[i]);
      return value;
    }
    if (value instanceof Map) {
      for (const [k, v] of value) value.set(k, own(v));
      return value;
    }
    const o = value as Record<string, unknown>;
    // A span: the only objects in a model or a diagnostic with a numeric `start`.
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      const s = span(o.start, o.end as number);
      spans.push(s);
      return s;
    }
    for (const k in o) if (!SHARED_KEYS.has(k)) o[k] = own(o[k]);
    return o;
  };
  for (const o of objects) own(o);
  for (const d of diagnostics) own(d);
  return spans;
}

function shifted<T>(value: T, by: number): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => shifted(v, by)) as T;
  if (value instanceof Map) {
    const copy = new Map();
    for (const [k, v] of value) copy.set(k, shifted(v, by));
    return copy as T;
  }
  const o = value as Record<string, unknown>;
  // A span: the only objects in a model or a diagnostic with a numeric `start`.
  if (typeof o.start === 'number' && typeof o.end === 'number') return span(o.start + by, o.end + by) as T;
  const copy: Record<string, unknown> = {};
  for (const k in o) copy[k] = SHARED_KEYS.has(k) ? o[k] : shifted(o[k], by);
  return copy as T;
}

/** How messages name an object: as a thing expected, or one something belongs in. */
const OBJECT_PHRASES: Record<ObjectName, Msg> = {
  map: msg('a journey map'),
  persona: msg('a persona'),
  channel: msg('a channel'),
  team: msg('a team'),
  source: msg('a research source'),
  lane: msg('a lane'),
  kpi: msg('a KPI'),
  opportunity: msg('an opportunity'),
  stage: msg('a stage'),
  step: msg('a step'),
  experiment: msg('an experiment'),
  measurement: msg('a measurement'),
};

/** The object as the subject of a sentence ("A persona needs `id`."). */
const OBJECT_SUBJECTS: Record<ObjectName, Msg> = {
  map: msg('A journey map'),
  persona: msg('A persona'),
  channel: msg('A channel'),
  team: msg('A team'),
  source: msg('A research source'),
  lane: msg('A lane'),
  kpi: msg('A KPI'),
  opportunity: msg('An opportunity'),
  stage: msg('A stage'),
  step: msg('A step'),
  experiment: msg('An experiment'),
  measurement: msg('A measurement'),
};

/** The object after "this" ("appears twice in this step"). */
const OBJECT_NOUNS: Record<ObjectName, Msg> = {
  map: msg('map'),
  persona: msg('persona'),
  channel: msg('channel'),
  team: msg('team'),
  source: msg('source'),
  lane: msg('lane'),
  kpi: msg('kpi'),
  opportunity: msg('opportunity'),
  stage: msg('stage'),
  step: msg('step'),
  experiment: msg('experiment'),
  measurement: msg('measurement'),
};

export function objectPhrase(object: ObjectName): string {
  return format('en', OBJECT_PHRASES[object]);
}

/** How messages name an object, in a locale ("a persona", «персона»). */
/** An object's plain noun in a locale (`persona`, «персона»), as completion details name it. */
export function objectNoun(object: ObjectName, locale: Locale): string {
  return format(locale, OBJECT_NOUNS[object]);
}

export function objectPhraseIn(object: ObjectName, locale: Locale): string {
  return format(locale, OBJECT_PHRASES[object]);
}
