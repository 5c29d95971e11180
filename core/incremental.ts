/**
 * Re-analysis on every keystroke without re-parsing the whole file. The YAML parse is
 * most of the cost of an analysis (see docs/performance.md), and an edit almost always
 * touches one stage. So the text is cut into the top-level part and one chunk per stage
 * item; each chunk is parsed on its own and cached by its text, and the parsed stage
 * nodes are spliced into the top-level document before the model is read as usual. A
 * chunk's nodes keep ranges relative to its start (the reader adds where the chunk sits now,
 * `ReadOptions.bases`), so typing moves no node of the stages after the edit; the guard's
 * walk and the unsafe-syntax check are remembered per chunk too. What is left per keystroke
 * over the whole map is the engine's own searches for the cut, hashing the chunks to find
 * them in the cache, and reading the model and running the whole-map rules.
 *
 * Whenever the cut could change the meaning — anchors or aliases, document markers, a
 * flow-style stage list, or any syntax error anywhere — it falls back to the full parse,
 * so results are always those of `analyze` (a property test checks exactly that).
 */
import { Document, Node as YNode, Pair, YAMLSeq, isMap, isScalar, isSeq, visit } from 'yaml';
import { Analysis, analyzeParsed } from './analyze';
import { GuardScan, LIMITS } from './guard';
import { ReadItem, parseYaml } from './parse';
import type { LineIndex } from './text';

interface Chunk {
  readonly start: number;
  readonly end: number;
}

interface CachedChunk {
  /** parsed on its own: ranges relative to the chunk's start, wherever the chunk moves */
  readonly doc: Document.Parsed;
  /** the guard's walk over it: the state it ends in, by the state it starts in */
  readonly guard: Map<string, string>;
  used: boolean;
}

/**
 * Things in the text that make parsing a stage on its own differ from the whole file. Among
 * them, line terminators that the regexes below would see as line breaks but YAML does not
 * (U+2028, U+2029), or sees differently (a lone CR): the cut must find the lines YAML finds.
 * A key left empty (`: value`) or written as `? key` is placed by the parser where a cut
 * document would place it differently. Every alternative is found within one line, so testing
 * each piece of a text cut at line starts answers for the whole.
 */
const UNSAFE = /(^|[\s\[{,])[&*!][^\s]|^(---|\.\.\.)(\s|$)|^%|\t|\r(?!\n)|[\u2028\u2029]|^[ -]*[:?](\s|$)/m;

export class IncrementalAnalyzer {
  private cache = new Map<string, CachedChunk>();
  /** each cached stage as the reader last read it; dies with the chunk's nodes */
  private reads = new WeakMap<object, ReadItem>();
  private head?: { key: string; doc: Document.Parsed; shifted: number; root?: [number, number, number]; stagesPair?: Pair };
  /** how the last analysis was made, for tests and the benchmark */
  lastMode: 'incremental' | 'full' = 'full';

  /** `lines`: the text's line index, when the caller has built it already. */
  analyze(text: string, lines?: LineIndex): Analysis {
    const parts = this.cut(text);
    if (parts) {
      const spliced = this.splice(text, parts);
      if (spliced) {
        this.lastMode = 'incremental';
        return analyzeParsed(text, spliced.doc, { lines, bases: spliced.bases, reuse: this.reads });
      }
    }
    this.lastMode = 'full';
    this.cache.clear();
    this.head = undefined;
    return analyzeParsed(text, undefined, { lines });
  }

  /**
   * The stage items of a block-style top-level `stages:` list, or undefined when the text
   * is not cut-safe. Only the engine's own searches run over the whole text here; the
   * per-character checks (UNSAFE, the guard) run per chunk in `splice`, on changed chunks only.
   */
  private cut(text: string): Chunk[] | undefined {
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
    return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : blockEnd }));
  }

  private splice(text: string, chunks: Chunk[]): { doc: Document.Parsed; bases: Map<object, number> } | undefined {
    for (const c of this.cache.values()) c.used = false;
    const cutStart = chunks[0].start;
    const cutEnd = chunks[chunks.length - 1].end;
    const before = text.slice(0, cutStart);
    const afterText = text.slice(cutEnd);
    if (UNSAFE.test(before) || UNSAFE.test(afterText)) return undefined;
    const guard = new GuardScan();
    if (guard.scan(text, 0, cutStart)) return undefined;
    let guardState = guard.state;

    // The top-level document without the stage items: cached too, since most edits are inside stages.
    const headText = flat(before + afterText);
    const headKey = flat(`${cutStart}\u0000${headText}`);
    if (!this.head || this.head.key !== headKey) {
      const headDoc = parseYaml(headText);
      const pair = isMap(headDoc.contents) ? headDoc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'stages') : undefined;
      // Only an empty `stages:` in the cut document is ours to fill.
      const empty = pair && (pair.value === null || (isScalar(pair.value) && pair.value.value === null));
      this.head = { key: headKey, doc: headDoc, shifted: 0, root: headDoc.contents?.range ? [...headDoc.contents.range] : undefined, stagesPair: empty ? pair : undefined };
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
    for (const c of chunks) {
      const slice = text.slice(c.start, c.end);
      let cached = this.cache.get(slice);
      if (!cached) {
        const key = flat(slice);
        // The guard walks a chunk before the parser sees it, as it walks a whole text.
        if (UNSAFE.test(key)) return undefined;
        const pass = GuardScan.from(guardState);
        if (pass.scan(key, 0, key.length)) return undefined;
        cached = { doc: parseYaml(key), guard: new Map([[guardState, pass.state]]), used: false };
        this.cache.set(key, cached);
      }
      if (cached.used) return undefined; // two identical stages: their nodes cannot be shared
      cached.used = true;
      let exit = cached.guard.get(guardState);
      if (exit === undefined) {
        const pass = GuardScan.from(guardState);
        if (pass.scan(slice, 0, slice.length)) return undefined;
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
    }
    if (GuardScan.from(guardState).scan(text, cutEnd, text.length)) return undefined;
    for (const [k, c] of this.cache) if (!c.used) this.cache.delete(k);

    const seq = new YAMLSeq(doc.schema) as YAMLSeq.Parsed;
    seq.items = items as YAMLSeq.Parsed['items'];
    const lastNode = items[items.length - 1] as YNode | undefined;
    const lastBase = lastNode ? (bases.get(lastNode) ?? 0) : 0;
    // A block sequence starts at its first dash, as in a whole-file parse.
    const dash = chunks[0].start + (text.slice(chunks[0].start).length - text.slice(chunks[0].start).trimStart().length);
    if (lastNode?.range) seq.range = [dash, lastNode.range[1] + lastBase, lastNode.range[2] + lastBase];
    stagesPair.value = seq;
    // The top-level mapping ended where the blanked stages began; it ends where they end.
    const root = doc.contents;
    if (head.root && seq.range) {
      const [r0, r1, r2] = head.root;
      const moved = (x: number) => (x >= cutStart ? x + after : x);
      root.range = [r0, Math.max(moved(r1), seq.range[1]), Math.max(moved(r2), seq.range[2])];
    }
    return { doc, bases };
  }
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
