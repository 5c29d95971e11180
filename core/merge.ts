/**
 * Three-way merge of a map's text by structure: the git merge driver's core (`cjm merge`).
 *
 * Each side is cut into nested segments of its own text, keyed the way the map means them:
 * mapping entries by key, list items by their `id` (else `name`), so stages and steps are
 * matched by identity, not by line. Segments are compared as text and taken whole from the
 * side that changed them, so every side keeps its comments and layout where it made a
 * change, and nothing is re-serialised. Where both sides changed one segment differently,
 * the merge goes one level deeper; at a leaf (a field, a scalar list, a step added twice
 * with one id) it leaves git-style conflict markers around exactly that segment.
 *
 * Text that cannot be cut safely (not YAML, not a mapping at the top, mixed line endings,
 * too deep to parse safely) is reported back as `unstructured`, and the caller falls back to
 * git's line merge: this module never guesses.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { guardText } from './guard';
import { lineHolding } from './text';

export interface MergeOptions {
  /** length of the conflict markers (git's %L), 7 by default */
  readonly markerSize?: number;
  /** the words after `<<<<<<<` and `>>>>>>>` */
  readonly oursLabel?: string;
  readonly theirsLabel?: string;
}

export type MergeSide = 'base' | 'ours' | 'theirs';

/** why a side cannot be merged by structure; `result`: the merged text would not parse */
export type MergeRefusal = 'yaml' | 'not-a-map' | 'too-deep' | 'line-endings' | 'result';

export type MergeOutcome =
  | { readonly kind: 'merged'; readonly text: string; readonly conflicts: number }
  | {
      readonly kind: 'unstructured';
      readonly side: MergeSide;
      /** why the side cannot be merged by structure */
      readonly reason: MergeRefusal;
      /** 0-based, where known */
      readonly line?: number;
      readonly column?: number;
    };

/** A segment of one side's text: a leaf, or a header followed by keyed children. */
interface Seg {
  /** the segment's whole text, line-aligned, ending with a line break */
  readonly text: string;
  readonly header?: string;
  readonly children?: ReadonlyArray<{ readonly key: string; readonly seg: Seg }>;
  /**
   * A list item that is a mapping: its `- ` sits on the first entry's line. The dash is
   * replaced by a space in the children's text (so entries can be reordered and merged
   * freely) and put back at this column on the merged item's first line.
   */
  readonly dash?: number;
}

type Piece = { readonly text: string } | { readonly ours: string; readonly theirs: string };

class Unstructured extends Error {
  constructor(readonly reason: MergeRefusal, readonly offset?: number) {
    super(reason);
  }
}

const COMMENT_OR_BLANK = /^[ \t]*(#.*)?\r?$/;

class Lines {
  /** offsets of every line start, and the text length at the end */
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    if (this.starts[this.starts.length - 1] !== text.length) this.starts.push(text.length);
  }
  /** index of the line holding `offset` */
  lineOf(offset: number): number {
    return lineHolding(this.starts, offset);
  }
  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.starts[line + 1] ?? this.text.length).replace(/\n$/, '');
  }
}

function leaf(text: string): Seg {
  return { text };
}

/** The key a list item is matched by: its `id`, else its `name` (scalars only). */
function itemKey(node: YamlNode | null): string | undefined {
  if (!isMap(node) || node.flow) return undefined;
  for (const name of ['id', 'name']) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
    if (pair && isScalar(pair.value) && pair.value.value !== null && typeof pair.value.value !== 'object') return `${name}:${String(pair.value.value)}`;
  }
  return undefined;
}

/**
 * Cuts `[start, end)` of the text (line-aligned) for `node`, a block collection, into keyed
 * children. Falls back to a leaf whenever the layout is not the plain one-entry-per-line
 * shape this merge can reassemble safely.
 */
function cut(lines: Lines, node: YamlNode | null, start: number, end: number, inItem: boolean): Seg {
  const text = lines.text.slice(start, end);
  if (!(isMap(node) || isSeq(node)) || node.flow || !node.items.length) return leaf(text);
  const entries: Array<{ key: string; at: number; valueEnd: number; value: YamlNode | null; item: boolean }> = [];
  const seen = new Set<string>();
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) return leaf(text);
      const key = `=${String(pair.key.value)}`;
      if (seen.has(key)) return leaf(text);
      seen.add(key);
      const value = (pair.value as YamlNode | null) ?? null;
      const valueEnd = value?.range ? value.range[1] : pair.key.range[1];
      entries.push({ key, at: pair.key.range[0], valueEnd, value, item: false });
    }
  } else {
    for (const item of node.items as Array<YamlNode | null>) {
      const key = itemKey(item);
      if (!key || !item?.range || seen.has(key)) return leaf(text);
      seen.add(key);
      entries.push({ key, at: item.range[0], valueEnd: item.range[1], value: item, item: true });
    }
  }
  // Every entry starts its own line (after `- ` for list items and a list item's first key).
  const firstLines: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const line = lines.lineOf(e.at);
    const prefix = lines.text.slice(lines.starts[line], e.at);
    const dashed = e.item || (inItem && i === 0);
    if (!(dashed ? /^[ ]*-[ ]+$/ : /^[ ]*$/).test(prefix)) return leaf(text);
    if (lines.starts[line] < start || (i > 0 && line <= firstLines[i - 1])) return leaf(text);
    firstLines.push(line);
  }
  // Comment and blank lines before an entry travel with it; never past the previous value.
  const bounds: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    let line = firstLines[i];
    const floor = i === 0 ? lines.lineOf(start) : lines.lineOf(Math.max(entries[i - 1].valueEnd - 1, entries[i - 1].at)) + 1;
    while (line - 1 >= floor && lines.starts[line - 1] >= start && COMMENT_OR_BLANK.test(lines.lineText(line - 1))) line--;
    bounds.push(lines.starts[line]);
  }
  const header = lines.text.slice(start, bounds[0]);
  const children: Array<{ key: string; seg: Seg }> = [];
  for (let i = 0; i < entries.length; i++) {
    const from = bounds[i];
    const to = i + 1 < entries.length ? bounds[i + 1] : end;
    if (to <= from) return leaf(text);
    const e = entries[i];
    children.push({ key: e.key, seg: cut(lines, e.value, from, to, e.item) });
  }
  if (!inItem || !isMap(node)) return { text, header, children };
  // A list item's mapping: lift the dash off its first entry's line.
  const first = children[0].seg;
  const line = lines.lineOf(entries[0].at);
  const dash = lines.text.indexOf('-', lines.starts[line]);
  const relative = dash - bounds[0];
  const blanked = first.text.slice(0, relative) + ' ' + first.text.slice(relative + 1);
  const dashColumn = dash - lines.starts[line];
  children[0] = { key: children[0].key, seg: first.children ? { ...first, text: blanked, header: blankAt(first.header ?? '', relative) } : leaf(blanked) };
  return { text, header, children, dash: dashColumn };
}

function blankAt(s: string, at: number): string {
  return at < s.length ? s.slice(0, at) + ' ' + s.slice(at + 1) : s;
}

interface Side {
  readonly seg: Seg;
  readonly eol: string;
  readonly finalBreak: boolean;
}

function readSide(text: string): Side {
  const crlf = text.includes('\r\n');
  if (crlf && /(^|[^\r])\n/.test(text)) throw new Unstructured('line-endings');
  const eol = crlf ? '\r\n' : '\n';
  const finalBreak = text.endsWith('\n') || text === '';
  const full = finalBreak ? text : text + eol;
  const guard = guardText(full);
  if (guard) throw new Unstructured('too-deep', guard.span.start);
  const doc = parseDocument(full, { keepSourceTokens: false, uniqueKeys: false });
  if (doc.errors.length) throw new Unstructured('yaml', doc.errors[0].pos[0]);
  if (!isMap(doc.contents) || doc.contents.flow) throw new Unstructured('not-a-map');
  const lines = new Lines(full);
  return { seg: cut(lines, doc.contents, 0, full.length, false), eol, finalBreak };
}

/** Relative order of `keys` restricted to `among`. */
function restricted(keys: readonly string[], among: ReadonlySet<string>): string[] {
  return keys.filter((k) => among.has(k));
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * The merged order of keyed children. The side that reordered wins (ours when both did);
 * the other side's additions go after the entry they followed there, after the first
 * side's own additions at the same place: two new steps in one stage keep a stable order.
 */
function mergeOrder(base: readonly string[], ours: readonly string[], theirs: readonly string[], kept: ReadonlySet<string>): string[] {
  const baseSet = new Set(base);
  const oursReordered = !sameOrder(restricted(ours, new Set(base.filter((k) => ours.includes(k)))), restricted(base, new Set(ours)));
  const theirsReordered = !sameOrder(restricted(theirs, new Set(base.filter((k) => theirs.includes(k)))), restricted(base, new Set(theirs)));
  const theirsLead = theirsReordered && !oursReordered;
  const primary = theirsLead ? theirs : ours;
  const secondary = theirsLead ? ours : theirs;
  const primarySet = new Set(primary);
  const secondarySet = new Set(secondary);
  const out = primary.filter((k) => kept.has(k));
  for (let i = 0; i < secondary.length; i++) {
    const k = secondary[i];
    if (!kept.has(k) || out.includes(k)) continue;
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const anchor = out.indexOf(secondary[j]);
      if (anchor >= 0) {
        at = anchor + 1;
        break;
      }
    }
    // Ours comes first among additions at one place, whichever side leads the order.
    if (!theirsLead) while (at < out.length && !baseSet.has(out[at]) && !secondarySet.has(out[at]) && primarySet.has(out[at])) at++;
    out.splice(at, 0, k);
  }
  return out;
}

function merge(base: Seg | undefined, ours: Seg | undefined, theirs: Seg | undefined): Piece[] {
  if (ours?.text === theirs?.text) return ours ? [{ text: ours.text }] : [];
  // Added on one side only.
  if (!base) return [{ text: (ours ?? theirs)!.text }];
  if (base && ours?.text === base.text) return theirs ? [{ text: theirs.text }] : [];
  if (base && theirs?.text === base.text) return ours ? [{ text: ours.text }] : [];
  if (base?.children && ours?.children && theirs?.children && (base.dash === undefined) === (ours.dash === undefined) && (ours.dash === undefined) === (theirs.dash === undefined)) {
    return mergeChildren(base, ours, theirs);
  }
  return [{ ours: ours?.text ?? '', theirs: theirs?.text ?? '' }];
}

function mergeChildren(base: Seg, ours: Seg, theirs: Seg): Piece[] {
  const pieces: Piece[] = [...merge({ text: base.header ?? '' }, { text: ours.header ?? '' }, { text: theirs.header ?? '' })];
  const index = (s: Seg) => new Map(s.children!.map((c) => [c.key, c.seg]));
  const b = index(base);
  const o = index(ours);
  const t = index(theirs);
  const results = new Map<string, Piece[]>();
  for (const key of new Set([...b.keys(), ...o.keys(), ...t.keys()])) {
    const oSeg = o.get(key);
    const tSeg = t.get(key);
    // Both sides added one key with different content: one conflict, never a field-by-field mix.
    const merged = !b.has(key) && oSeg && tSeg && oSeg.text !== tSeg.text ? [{ ours: oSeg.text, theirs: tSeg.text }] : merge(b.get(key), oSeg, tSeg);
    if (merged.length) results.set(key, merged);
  }
  const keys = (s: Seg) => s.children!.map((c) => c.key);
  const order = mergeOrder(keys(base), keys(ours), keys(theirs), new Set(results.keys()));
  const body = order.flatMap((k) => results.get(k)!);
  if (ours.dash !== undefined) restoreDash(body, ours.dash);
  return [...pieces, ...body];
}

/** Puts a list item's `- ` back on the first entry line of the merged item. */
function restoreDash(pieces: Piece[], column: number): void {
  const put = (text: string): string | undefined => {
    let at = 0;
    for (const line of text.split('\n')) {
      if (!COMMENT_OR_BLANK.test(line)) {
        if (line.length > column + 1 && /^[ ]*$/.test(line.slice(0, column + 2))) return text.slice(0, at + column) + '-' + text.slice(at + column + 1);
        return undefined;
      }
      at += line.length + 1;
    }
    return undefined;
  };
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if ('text' in p) {
      const done = put(p.text);
      if (done !== undefined) {
        pieces[i] = { text: done };
        return;
      }
    } else {
      pieces[i] = { ours: put(p.ours) ?? p.ours, theirs: put(p.theirs) ?? p.theirs };
      return;
    }
  }
}

/** Merges three versions of a map's text; see the module comment. Never throws. */
export function mergeMapTexts(base: string, ours: string, theirs: string, options: MergeOptions = {}): MergeOutcome {
  const sides: Partial<Record<MergeSide, Side>> = {};
  const texts: Record<MergeSide, string> = { base, ours, theirs };
  for (const side of ['base', 'ours', 'theirs'] as const) {
    try {
      sides[side] = readSide(texts[side]);
    } catch (e) {
      if (!(e instanceof Unstructured)) throw e;
      const where = e.offset === undefined ? {} : position(texts[side], e.offset);
      return { kind: 'unstructured', side, reason: e.reason, ...where };
    }
  }
  const { base: b, ours: o, theirs: t } = sides as Record<MergeSide, Side>;
  // A side that changed every line ending is better merged by git, line by line.
  const eols = new Set([b, o, t].filter((s) => s.seg.text.includes('\n')).map((s) => s.eol));
  if (eols.size > 1) return { kind: 'unstructured', side: o.eol === b.eol ? 'theirs' : 'ours', reason: 'line-endings' };
  const size = Math.max(1, Math.floor(options.markerSize ?? 7));
  const eol = o.eol;
  const open = '<'.repeat(size) + (options.oursLabel ? ' ' + options.oursLabel : '') + eol;
  const middle = '='.repeat(size) + eol;
  const close = '>'.repeat(size) + (options.theirsLabel ? ' ' + options.theirsLabel : '') + eol;
  let conflicts = 0;
  let text = '';
  for (const p of merge(b.seg, o.seg, t.seg)) {
    if ('text' in p) text += p.text;
    else {
      conflicts++;
      text += open + p.ours + middle + p.theirs + close;
    }
  }
  const finalBreak = o.finalBreak === b.finalBreak ? t.finalBreak : o.finalBreak;
  if (!finalBreak && !conflicts && text.endsWith(eol)) text = text.slice(0, -eol.length);
  if (!conflicts) {
    // The pieces are whole entries of valid documents; a result that does not parse means
    // this merge cut something it should not have: let git merge those lines instead.
    const check = parseDocument(text, { uniqueKeys: false });
    if (check.errors.length) return { kind: 'unstructured', side: 'ours', reason: 'result', ...position(text, check.errors[0].pos[0]) };
  }
  return { kind: 'merged', text, conflicts };
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length - 1;
  return { line, column: before.length - (before.lastIndexOf('\n') + 1) };
}
