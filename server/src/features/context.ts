/**
 * What is at the cursor: which object of the map it is in, and whether it sits on a key
 * or a value. Read from the raw lines and their indentation rather than from the YAML
 * tree, because completion runs on documents that are momentarily invalid (`emotion: sfru`
 * mid-word, an empty `- ` line, a key without a value) where the parser's tree is broken
 * or missing, and because it then needs no parse at all: the walk touches only the lines
 * between the cursor and its enclosing keys.
 */
import { FieldSpec, LineIndex, ObjectName, Span, fieldSpec, span } from '@cjm/core';

/** One line cut into the parts block YAML gives it: indentation, `- ` markers, `key:` and value. */
export interface LineShape {
  readonly indent: number;
  /** columns of the `-` item markers, left to right */
  readonly dashes: readonly number[];
  /** column where the content after the markers starts */
  readonly content: number;
  readonly key?: { readonly start: number; readonly end: number; readonly name: string };
  /** the value after `key:`, or the scalar when there is no key; comment excluded */
  readonly value?: { readonly start: number; readonly end: number; readonly text: string };
  readonly blank: boolean;
  readonly comment: boolean;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},:>|!&*%@`][^#\n]*?)[ \t]*:(?=[ \t]|$)/;

export function shapeLine(text: string): LineShape {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  const indent = i;
  const dashes: number[] = [];
  while (text.charCodeAt(i) === 45 /* - */ && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) {
    dashes.push(i);
    i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
  }
  const content = i;
  const rest = text.slice(content);
  if (!rest.trim()) return { indent, dashes, content, blank: dashes.length === 0, comment: false };
  if (rest.startsWith('#')) return { indent, dashes, content, blank: dashes.length === 0, comment: dashes.length === 0 };
  const m = KEY.exec(rest);
  if (m) {
    const raw = m[1];
    const name = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    const key = { start: content, end: content + raw.length, name };
    let v = content + m[0].length;
    while (text[v] === ' ' || text[v] === '\t') v++;
    const end = valueEnd(text, v);
    return { indent, dashes, content, key, value: end > v ? { start: v, end, text: text.slice(v, end) } : undefined, blank: false, comment: false };
  }
  const end = valueEnd(text, content);
  return { indent, dashes, content, value: { start: content, end, text: text.slice(content, end) }, blank: false, comment: false };
}

/** End of a value on its line: before a ` #` comment (outside quotes) and trailing spaces. */
function valueEnd(text: string, from: number): number {
  let quote = '';
  let end = text.length;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if ((c === '"' || c === "'") && (i === from || /[\s[,{]/.test(text[i - 1]))) quote = c;
    else if (c === '#' && i > from && /\s/.test(text[i - 1])) {
      end = i;
      break;
    }
  }
  while (end > from && /\s/.test(text[end - 1])) end--;
  return end;
}

export type CursorContext =
  /** where a key of `object` goes or is being typed */
  | { readonly kind: 'key'; readonly object: ObjectName; readonly present: ReadonlySet<string>; readonly prefix: string; readonly range: Span; readonly hasColon: boolean; readonly key?: string }
  /** the value of `spec` in `object`; `item` when it is one item of a list */
  | { readonly kind: 'value'; readonly object: ObjectName; readonly spec: FieldSpec; readonly prefix: string; readonly range: Span; readonly item: boolean }
  /** a key under a step's `lanes:` (a lane id) */
  | { readonly kind: 'lane-key'; readonly present: ReadonlySet<string>; readonly prefix: string; readonly range: Span; readonly hasColon: boolean; readonly key?: string }
  /** a key under a step's block `emotion:` (a persona id, for one emotion per persona) */
  | { readonly kind: 'persona-key'; readonly present: ReadonlySet<string>; readonly prefix: string; readonly range: Span; readonly hasColon: boolean; readonly key?: string }
  | { readonly kind: 'none' };

const NONE: CursorContext = { kind: 'none' };

type Seg = { readonly key: string } | '-';

type State =
  | { readonly t: 'object'; readonly o: ObjectName }
  | { readonly t: 'list'; readonly of: ObjectName }
  | { readonly t: 'field'; readonly o: ObjectName; readonly spec: FieldSpec; readonly item: boolean }
  | { readonly t: 'lanes' }
  | { readonly t: 'lane-value' }
  /** inside a block `emotion:` mapping: persona ids as keys, emotions as values */
  | { readonly t: 'persona-emotions'; readonly o: ObjectName; readonly spec: FieldSpec }
  | { readonly t: 'unknown' };

/** Lines deeper than this are never walked: a hostile file must not make completion slow. */
const MAX_WALK = 200_000;

export function cursorContext(lines: LineIndex, offset: number): CursorContext {
  const text = lines.text;
  const pos = lines.positionAt(offset);
  const lineNo = pos.line;
  const col = pos.character;
  const lineStart = lines.lineStart(lineNo);
  const lineText = lines.lineText(lineNo);
  if (lineText.length > 10_000) return NONE;
  const cur = shapeLine(lineText);
  const at = (c: number) => lineStart + c;

  type Here = { what: 'new' } | { what: 'key'; prefix: string; range: Span; key: string } | { what: 'value'; key: string; prefix: string; range: Span; flow: boolean } | { what: 'word'; prefix: string; range: Span };
  let here: Here;
  let objectCol: number;
  if (cur.blank) {
    // An empty line: the cursor's column says which object the new key belongs to.
    here = { what: 'new' };
    objectCol = col;
  } else if (cur.comment || col < cur.content) {
    return NONE;
  } else {
    objectCol = cur.content;
    if (cur.key && col <= cur.key.end) {
      here = { what: 'key', prefix: lineText.slice(cur.key.start, col), range: span(at(cur.key.start), at(cur.key.end)), key: cur.key.name };
    } else if (cur.key) {
      const colonAfter = lineText.indexOf(':', cur.key.end);
      if (col <= colonAfter) return NONE;
      const v = cur.value;
      if (v && col > v.end) return NONE; // in a trailing comment, or past it
      here = valueAt(lineText, cur.key.name, v, col, at);
    } else if (!cur.value) {
      here = { what: 'new' }; // `- ` and nothing yet
    } else {
      const v = cur.value;
      if (col > v.end) return NONE;
      here = { what: 'word', prefix: lineText.slice(v.start, col), range: span(at(v.start), at(v.end)) };
    }
  }

  const chain: Seg[] = [];
  let need = objectCol;
  let collecting = cur.dashes.length === 0;
  const present = new Set<string>();
  for (let i = cur.dashes.length - 1; i >= 0; i--) {
    if (cur.dashes[i] < need) {
      chain.push('-');
      need = cur.dashes[i];
    }
  }
  let walked = 0;
  for (let ln = lineNo - 1; ln >= 0 && walked < MAX_WALK; ln--, walked++) {
    const start = lines.lineStart(ln);
    let ind = 0;
    while (text.charCodeAt(start + ind) === 32) ind++;
    // Lines deeper than what we look for cannot hold a parent or a sibling key.
    if (ind > need) continue;
    const sh = shapeLine(lines.lineText(ln));
    if (sh.blank || sh.comment) continue;
    const last = chain[chain.length - 1];
    if (sh.key) {
      const kc = sh.content;
      const hasValue = sh.value !== undefined;
      const parentOfDash = kc === need && last === '-' && !hasValue;
      if (kc < need || parentOfDash) {
        if (hasValue) {
          if (/^[|>]/.test(sh.value!.text)) return NONE; // inside a block scalar
          if (cur.blank && chain.length === 0 && sh.dashes.length === 0) {
            // The cursor sits deeper than any key may: read it as a sibling of this key.
            need = kc;
            objectCol = kc;
            present.add(sh.key.name);
            continue;
          }
          return NONE; // the continuation of a multi-line scalar
        }
        chain.push({ key: sh.key.name });
        need = kc;
        collecting = false;
      } else if (kc === need && collecting) {
        present.add(sh.key.name);
      }
    }
    for (let i = sh.dashes.length - 1; i >= 0; i--) {
      if (sh.dashes[i] < need) {
        chain.push('-');
        need = sh.dashes[i];
        collecting = false;
      }
    }
    if (need === 0 && chain.length && typeof chain[chain.length - 1] === 'object') break;
  }
  if (need > 0) return NONE; // no path back to the top level: not a map we can read

  if (here.what === 'new' || here.what === 'key' || here.what === 'word') {
    // Keys below the cursor in the same object count as present too.
    for (let ln = lineNo + 1, n = 0; ln < lines.lineCount && n < MAX_WALK; ln++, n++) {
      const sh = shapeLine(lines.lineText(ln));
      if (sh.blank || sh.comment) continue;
      const first = sh.dashes.length ? sh.dashes[0] : sh.content;
      if (first < objectCol) break;
      if (!sh.dashes.length && sh.key && sh.content === objectCol) present.add(sh.key.name);
      else if (sh.dashes.length && sh.dashes[0] === objectCol) break; // the next item of a list at this level
    }
  }

  const state = resolve(chain.reverse());
  switch (here.what) {
    case 'new':
    case 'word': {
      const prefix = here.what === 'word' ? here.prefix : '';
      const range = here.what === 'word' ? here.range : span(offset, offset);
      if (state.t === 'object') return { kind: 'key', object: state.o, present, prefix, range, hasColon: false };
      if (state.t === 'lanes') return { kind: 'lane-key', present, prefix, range, hasColon: false };
      if (state.t === 'persona-emotions') return { kind: 'persona-key', present, prefix, range, hasColon: false };
      if (state.t === 'field' && state.item) return { kind: 'value', object: state.o, spec: state.spec, prefix, range, item: true };
      return NONE;
    }
    case 'key':
      if (state.t === 'object') return { kind: 'key', object: state.o, present, prefix: here.prefix, range: here.range, hasColon: true, key: here.key };
      if (state.t === 'lanes') return { kind: 'lane-key', present, prefix: here.prefix, range: here.range, hasColon: true, key: here.key };
      if (state.t === 'persona-emotions') return { kind: 'persona-key', present, prefix: here.prefix, range: here.range, hasColon: true, key: here.key };
      return NONE;
    case 'value': {
      if (state.t === 'persona-emotions') return { kind: 'value', object: state.o, spec: state.spec, prefix: here.prefix, range: here.range, item: false };
      if (state.t !== 'object') return NONE;
      const spec = fieldSpec(state.o, here.key);
      if (!spec) return NONE;
      return { kind: 'value', object: state.o, spec, prefix: here.prefix, range: here.range, item: here.flow };
    }
  }
}

/** The value token under the cursor: the whole scalar, or one item of a `[a, b]` flow list. */
function valueAt(
  lineText: string,
  key: string,
  v: LineShape['value'],
  col: number,
  at: (c: number) => number,
): { what: 'value'; key: string; prefix: string; range: Span; flow: boolean } {
  if (!v) return { what: 'value', key, prefix: '', range: span(at(col), at(col)), flow: false };
  if (v.text.startsWith('[')) {
    let s = col;
    while (s > v.start && !/[[,]/.test(lineText[s - 1])) s--;
    while (s < col && lineText[s] === ' ') s++;
    let e = col;
    while (e < v.end && !/[\],]/.test(lineText[e])) e++;
    while (e > s && lineText[e - 1] === ' ') e--;
    return { what: 'value', key, prefix: lineText.slice(s, col), range: span(at(s), at(Math.max(e, col))), flow: true };
  }
  let s = v.start;
  let e = v.end;
  if (/^["']/.test(v.text)) {
    s++;
    if (v.text.length > 1 && v.text.endsWith(v.text[0])) e--;
  }
  if (col < s) return { what: 'value', key, prefix: '', range: span(at(col), at(col)), flow: false };
  return { what: 'value', key, prefix: lineText.slice(s, col), range: span(at(s), at(Math.max(e, col))), flow: false };
}

function resolve(chain: readonly Seg[]): State {
  let state: State = { t: 'object', o: 'map' };
  for (const seg of chain) {
    if (state.t === 'object' && seg !== '-') {
      const spec = fieldSpec(state.o, seg.key);
      if (!spec) return { t: 'unknown' };
      if (spec.type.t === 'list') state = { t: 'list', of: spec.type.of };
      else if (spec.type.t === 'lanes') state = { t: 'lanes' };
      else if (spec.type.t === 'emotion') state = { t: 'persona-emotions', o: state.o, spec };
      else if (spec.type.t === 'object') state = { t: 'object', o: spec.type.of };
      else state = { t: 'field', o: state.o, spec, item: false };
    } else if (state.t === 'list' && seg === '-') {
      state = { t: 'object', o: state.of };
    } else if (state.t === 'field' && seg === '-' && !state.item && (['text', 'evidence', 'ref'].includes(state.spec.type.t) || (state.spec.type.t === 'string' && state.spec.type.many))) {
      state = { t: 'field', o: state.o, spec: state.spec, item: true };
    } else if (state.t === 'lanes' && seg !== '-') {
      state = { t: 'lane-value' };
    } else if (state.t === 'lane-value' && seg === '-') {
      state = { t: 'lane-value' };
    } else {
      return { t: 'unknown' };
    }
  }
  return state;
}
