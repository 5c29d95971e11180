/**
 * Re-analysis on every keystroke without re-parsing the whole file. The YAML parse is
 * most of the cost of an analysis (see docs/performance.md), and an edit almost always
 * touches one stage. So the text is cut into the top-level part and one chunk per stage
 * item; each chunk is parsed on its own and cached by its text, and the parsed stage
 * nodes are spliced into the top-level document before the model is read as usual. A
 * chunk's nodes keep ranges relative to its start (the reader adds where the chunk sits now,
 * `ReadOptions.bases`), so typing moves no node of the stages after the edit; the guard's
 * walk and the unsafe-syntax check are remembered per chunk too. When the text differs from
 * the last one inside one stage chunk, only that chunk is searched and parsed again and the
 * others keep their parse by position (`recut`). What is left per keystroke over the whole
 * map is bookkeeping per stage: placing the chunks, the reader taking (or, for stages the
 * edit moved, copying with moved spans) what it read before, and the whole-map rules over
 * per-stage facts.
 *
 * With `stepwise` (a walk through a history), a changed stage is cut once more, into its block
 * `steps:` items (`stepCut`): the stage without them and each step are parsed on their own, so
 * an edit in one step parses that step and the few lines of its stage, and its other steps
 * keep their parse (and, in the default mode, what the reader made of them).
 *
 * Whenever the cut could change the meaning — anchors or aliases, document markers, a
 * flow-style stage list, or any syntax error anywhere — it falls back to the full parse,
 * so results are always those of `analyze` (a property test checks exactly that).
 */
import { Document, Node as YNode, Pair, YAMLSeq, isMap, isScalar, isSeq, visit } from 'yaml';
import { Analysis, analyzeParsed } from './analyze';
import { CUT_UNSAFE, GuardScan, LIMITS } from './guard';
import { ReadItem, parseYaml } from './parse';
import { LineIndex, TextChange, textChange } from './text';

interface Chunk {
  readonly start: number;
  readonly end: number;
  /** the chunk as parsed before, when the cut knows it by position (the text between is unchanged) */
  readonly known?: CachedChunk;
}

interface CachedChunk {
  /** parsed on its own: ranges relative to the chunk's start, wherever the chunk moves */
  readonly doc: Document.Parsed;
  /**
   * When the stage was parsed step by step (`composeStage`): its step items, each with
   * ranges relative to where its own piece starts in the chunk (`offset`), and that piece.
   */
  readonly inner?: readonly InnerItem[];
  /** the guard's walk over it: the state it ends in, by the state it starts in */
  readonly guard: Map<string, string>;
  /** the chunk's text (a flat copy): the key it is cached under */
  readonly key: string;
}

/** A piece of a stage chunk holding one step item (or a few), parsed on its own. */
interface StepPiece {
  readonly doc: Document.Parsed;
  /** the piece's text (a flat copy): the key it is cached under */
  readonly key: string;
}

interface InnerItem {
  readonly node: object;
  /** where its piece starts in the stage chunk */
  readonly offset: number;
  readonly piece: StepPiece;
}

/** What the last incremental analysis cut, for the next one to start from. */
interface LastCut {
  readonly text: string;
  readonly chunks: readonly { readonly start: number; readonly end: number; readonly rec: CachedChunk }[];
  /** the stage items' indentation */
  readonly indent: string;
  readonly lines: LineIndex;
  /** the guard's state where the stages end, the text after them having passed from it */
  readonly tailEntry: string;
}

export interface IncrementalOptions {
  /**
   * Reuse the stages an edit moved as they are, their spans moved in place, instead of
   * copying them: typing then costs the same wherever it happens in the map. Only the latest
   * analysis is then true: the spans of an analysis returned before (its model, symbols and
   * diagnostics) may have moved with the text. For a caller that keeps one analysis per
   * document and replaces it on every change, as the language server does; a caller that
   * compares versions (a diff, a history) keeps the default.
   */
  readonly latestOnly?: boolean;
  /**
   * For how many analyses a stage's or step's parse stays cached after it was last placed
   * (default 1: only the last analysis's). A walk through a history keeps a few, so a stage or
   * step that a version puts back as it was a few versions before (a revert, a commit undoing
   * the one before it) is not parsed again.
   */
  readonly keep?: number;
  /**
   * A changed stage is parsed step by step (`composeStage`): an edit in one step parses that
   * step and the stage's own few lines, and the stage's other steps keep their parse and what
   * the reader made of them. For a walk through versions whose edits are a step or two of a
   * big map apart (the site's history); measured no faster per keystroke in the language
   * server, which re-reads a changed stage anyway.
   */
  readonly stepwise?: boolean;
}

export class IncrementalAnalyzer {
  constructor(private readonly options: IncrementalOptions = {}) {}

  private cache = new Map<string, CachedChunk>();
  /** the step pieces of the stages placed by the last `keep` analyses, by text: a stage edited in one step parses that step again, not its others */
  private pieces = new Map<string, StepPiece>();
  /** analyses made so far: what a cached parse was last placed by (`IncrementalOptions.keep`) */
  private generation = 0;
  private readonly placedAt = new WeakMap<object, number>();
  /** each cached stage as the reader last read it; dies with the chunk's nodes */
  private reads = new WeakMap<object, ReadItem>();
  private head?: { key: string; doc: Document.Parsed; shifted: number; root?: [number, number, number]; stagesPair?: Pair; guard: string };
  private last?: LastCut;
  /** how the last analysis was made, for tests and the benchmark */
  lastMode: 'incremental' | 'full' = 'full';
  /** whether the last incremental analysis found its cut from the change alone (for tests and the benchmark) */
  lastCut: 'change' | 'whole' = 'whole';
  /** pieces of text the YAML parser has read so far in incremental analyses (for tests and the benchmark) */
  parses = 0;

  private parse(text: string): Document.Parsed {
    this.parses++;
    return parseYaml(text);
  }

  /** `lines`: the text's line index, when the caller has built it already. */
  analyze(text: string, lines?: LineIndex): Analysis {
    const last = this.last;
    this.last = undefined;
    const change = last ? textChange(last.text, text) : undefined;
    const local = last && change ? this.recut(text, last, change) : undefined;
    const parts = local ?? this.cut(text);
    if (parts) {
      const spliced = this.splice(text, parts.chunks, local ? last : undefined);
      if (spliced) {
        this.lastMode = 'incremental';
        this.lastCut = local ? 'change' : 'whole';
        const index = lines ?? (last && change ? LineIndex.afterChange(last.lines, text, change) : new LineIndex(text));
        this.last = { text, chunks: spliced.placed, indent: parts.indent, lines: index, tailEntry: spliced.tailEntry };
        return analyzeParsed(text, spliced.doc, { lines: index, bases: spliced.bases, reuse: this.reads, moveInPlace: this.options.latestOnly });
      }
    }
    this.lastMode = 'full';
    this.cache.clear();
    this.pieces.clear();
    this.head = undefined;
    return analyzeParsed(text, undefined, { lines });
  }

  /**
   * A stage chunk's parse, step by step when its `steps:` list can be cut (`stepCut`): the
   * stage without its step items is parsed, each item's piece is parsed on its own (or taken
   * from the stages placed by the last `keep` analyses, `fromCache`), and the items are spliced into the stage's
   * empty `steps:` with the ranges a parse of the whole chunk gives the nodes around them.
   * Otherwise (or when any piece does not parse cleanly) the chunk is parsed whole.
   */
  private composeStage(key: string, fromCache: boolean): { doc: Document.Parsed; inner?: InnerItem[] } {
    const whole = () => ({ doc: this.parse(key) });
    // Comment lines ending the chunk extend the ranges of the nodes they close by rules of the
    // parser's own (which node, and which of its ends, depends on their indentation): composed
    // from pieces, the stage would end elsewhere than in a parse of it whole.
    const cut = this.options.stepwise && !endsInComment(key) ? stepCut(key) : undefined;
    if (!cut) return whole();
    const doc = this.parse(flat(key.slice(0, cut.start) + key.slice(cut.end)));
    if (doc.errors.length || doc.warnings.length || !isSeq(doc.contents) || doc.contents.items.length !== 1) return whole();
    const stage = doc.contents.items[0];
    if (!isMap(stage)) return whole();
    const pair = stage.items.find((p) => isScalar(p.key) && p.key.range?.[0] === cut.keyAt);
    if (!pair || !isScalar(pair.key) || pair.key.value !== 'steps' || !(pair.value === null || (isScalar(pair.value) && pair.value.value === null))) return whole();
    const items: YNode[] = [];
    const inner: InnerItem[] = [];
    const used = new Set<StepPiece>();
    for (let i = 0; i < cut.starts.length; i++) {
      const from = cut.starts[i];
      const slice = key.slice(from, i + 1 < cut.starts.length ? cut.starts[i + 1] : cut.end);
      let piece = fromCache ? this.pieces.get(slice) : undefined;
      if (!piece || used.has(piece)) {
        const k = flat(slice);
        piece = { doc: this.parse(k), key: k };
      }
      used.add(piece);
      if (piece.doc.errors.length || piece.doc.warnings.length || !isSeq(piece.doc.contents)) return whole();
      for (const node of (piece.doc.contents as YAMLSeq).items) {
        items.push(node as YNode);
        inner.push({ node: node as object, offset: from, piece });
      }
    }
    const lastPiece = inner[inner.length - 1];
    const lastSeq = lastPiece.piece.doc.contents as YAMLSeq;
    if (!lastSeq.range) return whole();
    // The stage's nodes after its steps sat where the steps begin: move them past the steps.
    if (cut.end > cut.start) shift(doc, cut.end - cut.start, cut.start);
    let dash = cut.start;
    while (key.charCodeAt(dash) === 32) dash++;
    const seq = new YAMLSeq(doc.schema) as YAMLSeq.Parsed;
    seq.items = items as YAMLSeq.Parsed['items'];
    seq.range = [dash, lastSeq.range[1] + lastPiece.offset, lastSeq.range[2] + lastPiece.offset];
    pair.value = seq;
    // A stage whose steps are its last key ends where the list ends, comments under it included,
    // as in a parse of the whole chunk; otherwise where its last key (moved above) ends.
    if (stage.items[stage.items.length - 1] === pair && stage.range) stage.range = [stage.range[0], seq.range[2], Math.max(stage.range[2], seq.range[2])];
    const list = doc.contents;
    if (list.range && stage.range) list.range = [list.range[0], Math.max(list.range[1], stage.range[1]), Math.max(list.range[2], stage.range[2])];
    return { doc, inner };
  }

  /**
   * Parses the stage chunks of `text` that are not parsed yet, about `budget` characters at a
   * time, stopping after each portion: whoever walks the generator decides when to go on (the
   * language server lets pending messages in). An `analyze` of the same text afterwards
   * finds every stage parsed and only reads and checks the map. Stops early, leaving the rest
   * to `analyze`, on a text that cannot be cut.
   */
  *prepare(text: string, budget = 64 * 1024): Generator<void, void, undefined> {
    const parts = this.cut(text);
    if (!parts) return;
    const head = new GuardScan();
    if (head.scan(text, 0, parts.chunks[0].start)) return;
    let state = head.state;
    let since = 0;
    for (const c of parts.chunks) {
      const slice = text.slice(c.start, c.end);
      let rec = this.cache.get(slice);
      let exit = rec?.guard.get(state);
      if (!rec) {
        if (CUT_UNSAFE.test(slice)) return;
        const key = flat(slice);
        const pass = GuardScan.from(state);
        if (pass.scan(key, 0, key.length)) return;
        exit = pass.state;
        rec = { ...this.composeStage(key, true), guard: new Map([[state, exit]]), key };
        this.cache.set(key, rec);
        since += key.length;
      } else if (exit === undefined) {
        const pass = GuardScan.from(state);
        if (pass.scan(rec.key, 0, rec.key.length)) return;
        exit = pass.state;
        rec.guard.set(state, exit);
      }
      state = exit!;
      if (since >= budget) {
        since = 0;
        yield;
      }
    }
  }

  /**
   * The cut of a text that differs from the last one inside one stage chunk: the chunks
   * before it are where they were, the ones after it moved by the change's length, and only
   * the changed chunk's text is searched again (it may now hold several stages). Undefined
   * when the change reaches outside one chunk or could move the list's own bounds: the whole
   * text is cut then. It finds exactly the chunks `cut` would find.
   */
  private recut(text: string, last: LastCut, change: TextChange): { chunks: Chunk[]; indent: string } | undefined {
    const { chunks } = last;
    if (!chunks.length || change.from < chunks[0].start) return undefined;
    // The chunk holding the change; the line break ending it must be untouched, unless it ends the text.
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid].start <= change.from) lo = mid;
      else hi = mid - 1;
    }
    const hit = chunks[lo];
    const atTextEnd = hit.end === last.text.length;
    if (!(change.oldEnd < hit.end || (atTextEnd && change.oldEnd <= hit.end))) return undefined;
    const delta = change.newEnd - change.oldEnd;
    const regionEnd = hit.end + delta;
    const region = text.slice(hit.start, regionEnd);
    // A line at column 0 (not a comment) would end the list here; a shallower one would end it early.
    if (/^[^\s#]/m.test(region)) return undefined;
    const indent = last.indent;
    if (indent.length && new RegExp(`^[^\\S\\n]{0,${indent.length - 1}}[^\\s#]`, 'm').test(region)) return undefined;
    const item = new RegExp(`^${indent}- `, 'gm');
    const starts: number[] = [];
    for (let m = item.exec(region); m; m = item.exec(region)) starts.push(hit.start + m.index);
    if (starts[0] !== hit.start) return undefined;
    const out: Chunk[] = [];
    for (let i = 0; i < lo; i++) out.push({ start: chunks[i].start, end: chunks[i].end, known: chunks[i].rec });
    starts.forEach((start, i) => out.push({ start, end: i + 1 < starts.length ? starts[i + 1] : regionEnd }));
    for (let i = lo + 1; i < chunks.length; i++) out.push({ start: chunks[i].start + delta, end: chunks[i].end + delta, known: chunks[i].rec });
    return { chunks: out, indent };
  }

  /**
   * The stage items of a block-style top-level `stages:` list, or undefined when the text
   * is not cut-safe. Only the engine's own searches run over the whole text here; the
   * per-character checks (CUT_UNSAFE, the guard) run per chunk in `splice`, on changed chunks only.
   */
  private cut(text: string): { chunks: Chunk[]; indent: string } | undefined {
    if (text.length > LIMITS.maxLength) return undefined;
    const m = /^stages:[ ]*(#.*)?\r?$/m.exec(text);
    if (!m) return undefined;
    const blockStart = m.index + m[0].length + 1;
    // The block ends at the next line that starts at column 0 with something other than a comment.
    const next = /^[^\s#]/gm;
    next.lastIndex = blockStart;
    const endMatch = next.exec(text);
    const blockEnd = endMatch ? endMatch.index : text.length;
    const first = /^( *)- /gm;
    first.lastIndex = blockStart;
    const firstHit = first.exec(text);
    if (!firstHit || firstHit.index >= blockEnd) return undefined;
    const indent = firstHit[1];
    // Lines in the block less indented than the items would end the list early: don't cut.
    if (indent.length) {
      const shallow = new RegExp(`^[^\\S\\n]{0,${indent.length - 1}}[^\\s#]`, 'gm');
      shallow.lastIndex = blockStart;
      const hit = shallow.exec(text);
      if (hit && hit.index < blockEnd) return undefined;
    }
    const item = new RegExp(`^${indent}- `, 'gm');
    item.lastIndex = firstHit.index;
    const starts: number[] = [];
    for (let hit = item.exec(text); hit && hit.index < blockEnd; hit = item.exec(text)) starts.push(hit.index);
    return { chunks: starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : blockEnd })), indent };
  }

  /**
   * The document of `text` with the stage chunks' own parses spliced in. `last`: the previous
   * cut, when the text outside the stage list is the same as then (the chunks come from
   * `recut`): what was checked of it then holds now.
   */
  private splice(text: string, chunks: Chunk[], last: LastCut | undefined): { doc: Document.Parsed; bases: Map<object, number>; placed: LastCut['chunks']; tailEntry: string } | undefined {
    const taken = new Set<CachedChunk>();
    const cutStart = chunks[0].start;
    const cutEnd = chunks[chunks.length - 1].end;
    let guardState: string;
    if (last && this.head) {
      guardState = this.head.guard;
    } else {
      const before = text.slice(0, cutStart);
      const afterText = text.slice(cutEnd);
      if (CUT_UNSAFE.test(before) || CUT_UNSAFE.test(afterText)) return undefined;
      const guard = new GuardScan();
      if (guard.scan(text, 0, cutStart)) return undefined;
      guardState = guard.state;

      // The top-level document without the stage items: cached too, since most edits are inside stages.
      const headText = flat(before + afterText);
      const headKey = flat(`${cutStart}\u0000${headText}`);
      if (!this.head || this.head.key !== headKey) {
        const headDoc = this.parse(headText);
        const pair = isMap(headDoc.contents) ? headDoc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'stages') : undefined;
        // Only an empty `stages:` in the cut document is ours to fill.
        const empty = pair && (pair.value === null || (isScalar(pair.value) && pair.value.value === null));
        this.head = { key: headKey, doc: headDoc, shifted: 0, root: headDoc.contents?.range ? [...headDoc.contents.range] : undefined, stagesPair: empty ? pair : undefined, guard: guardState };
      }
    }
    const head = this.head;
    const doc = head.doc;
    if (doc.errors.length || doc.warnings.length || !isMap(doc.contents)) return undefined;
    // Detach the stages spliced in last time, so moving the top-level nodes leaves them alone.
    if (head.stagesPair) head.stagesPair.value = null;
    // Nodes after the stages sat at their place in the text before the cut: move them back.
    const after = cutEnd - cutStart;
    if (head.shifted !== after) {
      shift(doc, after - head.shifted, cutStart);
      head.shifted = after;
    }
    const stagesPair = head.stagesPair;
    if (!stagesPair) return undefined;

    const items: unknown[] = [];
    const bases = new Map<object, number>();
    const placed: { start: number; end: number; rec: CachedChunk }[] = [];
    for (const c of chunks) {
      let cached = c.known;
      let slice: string | undefined;
      if (!cached) {
        slice = text.slice(c.start, c.end);
        cached = this.cache.get(slice);
        if (!cached || taken.has(cached)) {
          const key = flat(slice);
          // The guard walks a chunk before the parser sees it, as it walks a whole text.
          if (CUT_UNSAFE.test(key)) return undefined;
          const pass = GuardScan.from(guardState);
          if (pass.scan(key, 0, key.length)) return undefined;
          // Two identical stages each have their own parse; the cache finds one of them.
          cached = { ...this.composeStage(key, true), guard: new Map([[guardState, pass.state]]), key };
        }
      }
      if (taken.has(cached)) return undefined; // one parse placed twice: its nodes cannot be shared
      // A step piece is shared by the stages composed from it; two of them placed at once
      // (stages with an identical step) would share its nodes: this one is parsed afresh.
      if (cached.inner?.some((i) => bases.has(i.node))) cached = { ...this.composeStage(cached.key, false), guard: new Map(cached.guard), key: cached.key };
      taken.add(cached);
      let exit = cached.guard.get(guardState);
      if (exit === undefined) {
        const pass = GuardScan.from(guardState);
        if (pass.scan(cached.key, 0, cached.key.length)) return undefined;
        exit = pass.state;
        cached.guard.set(guardState, exit);
      }
      guardState = exit;
      const chunkDoc = cached.doc;
      if (chunkDoc.errors.length || chunkDoc.warnings.length || !isSeq(chunkDoc.contents)) return undefined;
      for (const node of (chunkDoc.contents as YAMLSeq).items) {
        bases.set(node as object, c.start);
        items.push(node);
      }
      if (cached.inner) for (const i of cached.inner) bases.set(i.node, c.start + i.offset);
      placed.push({ start: c.start, end: c.end, rec: cached });
    }
    // The text after the stages is the same as last time: so is the guard's verdict on it from the same state.
    if (!(last && last.tailEntry === guardState) && GuardScan.from(guardState).scan(text, cutEnd, text.length)) return undefined;
    const now = ++this.generation;
    const keep = Math.max(1, this.options.keep ?? 1);
    for (const p of placed) {
      this.placedAt.set(p.rec, now);
      if (p.rec.inner) for (const i of p.rec.inner) this.placedAt.set(i.piece, now);
    }
    const stale = (x: object) => now - (this.placedAt.get(x) ?? 0) >= keep;
    for (const [k, c] of this.cache) if (stale(c)) this.cache.delete(k);
    for (const p of placed) if (!this.cache.has(p.rec.key)) this.cache.set(p.rec.key, p.rec);
    for (const [k, piece] of this.pieces) if (stale(piece)) this.pieces.delete(k);
    for (const p of placed) if (p.rec.inner) for (const i of p.rec.inner) if (!this.pieces.has(i.piece.key)) this.pieces.set(i.piece.key, i.piece);

    const seq = new YAMLSeq(doc.schema) as YAMLSeq.Parsed;
    seq.items = items as YAMLSeq.Parsed['items'];
    const lastNode = items[items.length - 1] as YNode | undefined;
    const lastBase = lastNode ? (bases.get(lastNode) ?? 0) : 0;
    // A block sequence starts at its first dash, as in a whole-file parse.
    let dash = chunks[0].start;
    while (text.charCodeAt(dash) === 32) dash++;
    // Comment lines indented under the last stage end the list where a parse of the whole text
    // ends it: in that stage's item, or after them (the last chunk's own list says which).
    const lastChunk = placed[placed.length - 1];
    const listEnd = lastChunk.rec.doc.contents?.range;
    const end = (i: 1 | 2) => Math.max(lastNode!.range![i] + lastBase, listEnd ? listEnd[i] + lastChunk.start : 0);
    if (lastNode?.range) seq.range = [dash, end(1), end(2)];
    stagesPair.value = seq;
    // The top-level mapping ended where the blanked stages began; it ends where they end.
    const root = doc.contents;
    if (head.root && seq.range) {
      const [r0, r1, r2] = head.root;
      const moved = (x: number) => (x >= cutStart ? x + after : x);
      // A block map's value ends where its last value's comments end (a parse of the whole text).
      root.range = [r0, Math.max(moved(r1), seq.range[2]), Math.max(moved(r2), seq.range[2])];
    }
    return { doc, bases, placed, tailEntry: guardState };
  }
}

/** Whether the last line of `s` that is not blank is a comment line (read from the end: no search over the chunk). */
function endsInComment(s: string): boolean {
  let end = s.length;
  for (;;) {
    const start = s.lastIndexOf('\n', end - 1) + 1;
    const line = s.slice(start, end).trim();
    if (line) return line.startsWith('#');
    if (start === 0) return false;
    end = start - 1;
  }
}

/**
 * Where a stage chunk's `steps:` list can be cut into its items, each parsed on its own: the
 * block-style `steps:` key of the stage item (at the indentation of the item's keys, nothing
 * after it on its line), the items' starts and where the list ends (the next line, not a
 * comment, as shallow as the stage's keys). Undefined when it cannot be cut so: no such key,
 * a line between the items less indented than they are, anything but an item at their
 * indentation. The chunk is then parsed whole. A cut that splits a construct (a quoted text
 * over several lines, a flow collection) leaves a piece the parser reports an error in, and
 * the stage is parsed whole then too; the key is checked to be a key by the parse of the rest.
 */
export function stepCut(chunk: string): { keyAt: number; start: number; end: number; starts: number[] } | undefined {
  const dash = /^( *)-( +)[^\s#]/.exec(chunk);
  if (!dash) return undefined;
  const keyIndent = dash[1].length + 1 + dash[2].length;
  const m = new RegExp(`^ {${keyIndent}}steps:[ ]*(#.*)?$`, 'm').exec(chunk);
  if (!m) return undefined;
  const keyAt = m.index + keyIndent;
  let at = m.index + m[0].length;
  if (chunk.charCodeAt(at) === 13) at++;
  if (at < chunk.length && chunk.charCodeAt(at) !== 10) return undefined;
  at++;
  const starts: number[] = [];
  let itemIndent = -1;
  let end = chunk.length;
  for (let line = at; line < chunk.length; ) {
    let nl = chunk.indexOf('\n', line);
    if (nl < 0) nl = chunk.length;
    let i = line;
    while (i < nl && chunk.charCodeAt(i) === 32) i++;
    const c = chunk.charCodeAt(i);
    const indent = i - line;
    // Blank lines and comments belong to whatever they are in.
    if (!(i >= nl || c === 35 || (c === 13 && i + 1 >= nl))) {
      if (indent <= keyIndent) {
        end = line;
        break;
      }
      const item = c === 45 && (i + 1 >= nl || chunk.charCodeAt(i + 1) === 32 || chunk.charCodeAt(i + 1) === 13);
      if (itemIndent < 0) {
        if (!item) return undefined;
        itemIndent = indent;
      }
      if (indent < itemIndent || (indent === itemIndent && !item)) return undefined;
      if (indent === itemIndent) starts.push(line);
    }
    line = nl + 1;
  }
  if (!starts.length) return undefined;
  return { keyAt, start: starts[0], end, starts };
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 represents a slice
 * or a concatenation as a view of its source, so a cached chunk keyed by `text.slice(…)`, and
 * the YAML nodes parsed from it, would keep that version's whole document alive for as long
 * as the chunk stays cached: one old text per unchanged stage, hundreds of megabytes on long
 * edit runs of big maps. JSON.parse always builds a new string, and a JSON round trip keeps
 * every code unit, lone surrogates included (a UTF-8 round trip would replace them); it costs
 * one pass over the chunk, only when the chunk is parsed anyway.
 */
function flat(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** Moves every node that starts at or after `from` by `delta`. */
function shift(doc: Document.Parsed, delta: number, from = 0): void {
  visit(doc, {
    Node(_key, node) {
      const r = node.range;
      if (r && r[0] >= from) node.range = [r[0] + delta, r[1] + delta, r[2] + delta];
      else if (r && r[1] >= from) node.range = [r[0], r[1] + delta, r[2] + delta];
    },
  });
}
