/**
 * Re-analysis on every keystroke without re-parsing the whole file. The YAML parse is
 * most of the cost of an analysis (see docs/performance.md), and an edit almost always
 * touches one stage. So the text is cut into the top-level part and one chunk per stage
 * item; each chunk is parsed on its own and cached by its text, and the parsed stage
 * nodes are spliced into the top-level document before the model is read as usual.
 *
 * Whenever the cut could change the meaning — anchors or aliases, document markers, a
 * flow-style stage list, or any syntax error anywhere — it falls back to the full parse,
 * so results are always those of `analyze` (a property test checks exactly that).
 */
import { Document, Node as YNode, Pair, YAMLSeq, isMap, isScalar, isSeq, visit } from 'yaml';
import { Analysis, analyzeParsed } from './analyze';
import { guardText } from './guard';
import { parseYaml } from './parse';

interface Chunk {
  readonly start: number;
  readonly end: number;
}

interface CachedChunk {
  readonly doc: Document.Parsed;
  /** where the chunk sat when its ranges were last shifted */
  offset: number;
  used: boolean;
}

/**
 * Things in the text that make parsing a stage on its own differ from the whole file. Among
 * them, line terminators that the regexes below would see as line breaks but YAML does not
 * (U+2028, U+2029), or sees differently (a lone CR): the cut must find the lines YAML finds.
 */
const UNSAFE = /(^|[\s\[{,])[&*!][^\s]|^(---|\.\.\.)(\s|$)|^%|\t|\r(?!\n)|[\u2028\u2029]/m;

export class IncrementalAnalyzer {
  private cache = new Map<string, CachedChunk>();
  private head?: { key: string; doc: Document.Parsed; shifted: number; root?: [number, number, number]; stagesPair?: Pair };
  /** how the last analysis was made, for tests and the benchmark */
  lastMode: 'incremental' | 'full' = 'full';

  analyze(text: string): Analysis {
    const parts = this.cut(text);
    if (parts) {
      const spliced = this.splice(text, parts);
      if (spliced) {
        this.lastMode = 'incremental';
        return analyzeParsed(text, spliced);
      }
    }
    this.lastMode = 'full';
    this.cache.clear();
    this.head = undefined;
    return analyzeParsed(text, undefined);
  }

  /** The stage items of a block-style top-level `stages:` list, or undefined when the text is not cut-safe. */
  private cut(text: string): Chunk[] | undefined {
    if (guardText(text) || UNSAFE.test(text)) return undefined;
    const m = /^stages:[ ]*(#.*)?\r?$/m.exec(text);
    if (!m) return undefined;
    const blockStart = m.index + m[0].length + 1;
    // The block ends at the next line that starts at column 0 with something other than a comment.
    const next = /^[^\s#]/m;
    const rest = text.slice(blockStart);
    const endMatch = next.exec(rest);
    const blockEnd = endMatch ? blockStart + endMatch.index : text.length;
    const block = text.slice(blockStart, blockEnd);
    const first = /^( *)- /m.exec(block);
    if (!first) return undefined;
    const indent = first[1];
    const item = new RegExp(`^${indent}- `, 'gm');
    const starts: number[] = [];
    for (let hit = item.exec(block); hit; hit = item.exec(block)) starts.push(blockStart + hit.index);
    // Lines in the block less indented than the items would end the list early: don't cut.
    for (const line of block.split('\n')) {
      if (line.trim() && !line.trimStart().startsWith('#') && line.length - line.trimStart().length < indent.length) return undefined;
    }
    return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : blockEnd }));
  }

  private splice(text: string, chunks: Chunk[]): Document.Parsed | undefined {
    for (const c of this.cache.values()) c.used = false;
    // The top-level document without the stage items: cached too, since most edits are inside stages.
    const cutStart = chunks[0].start;
    const cutEnd = chunks[chunks.length - 1].end;
    const headText = flat(text.slice(0, cutStart) + text.slice(cutEnd));
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
    for (const c of chunks) {
      const slice = text.slice(c.start, c.end);
      let cached = this.cache.get(slice);
      if (!cached) {
        const key = flat(slice);
        cached = { doc: parseYaml(key), offset: 0, used: false };
        this.cache.set(key, cached);
      }
      if (cached.used) return undefined; // two identical stages: their nodes cannot be shared
      cached.used = true;
      const chunkDoc = cached.doc;
      if (chunkDoc.errors.length || chunkDoc.warnings.length || !isSeq(chunkDoc.contents)) return undefined;
      if (cached.offset !== c.start) {
        shift(chunkDoc, c.start - cached.offset);
        cached.offset = c.start;
      }
      items.push(...(chunkDoc.contents as YAMLSeq).items);
    }
    for (const [k, c] of this.cache) if (!c.used) this.cache.delete(k);

    const seq = new YAMLSeq(doc.schema) as YAMLSeq.Parsed;
    seq.items = items as YAMLSeq.Parsed['items'];
    const lastNode = items[items.length - 1] as YNode | undefined;
    // A block sequence starts at its first dash, as in a whole-file parse.
    const dash = chunks[0].start + (text.slice(chunks[0].start).length - text.slice(chunks[0].start).trimStart().length);
    if (lastNode?.range) seq.range = [dash, lastNode.range[1], lastNode.range[2]];
    stagesPair.value = seq;
    // The top-level mapping ended where the blanked stages began; it ends where they end.
    const root = doc.contents;
    if (head.root && seq.range) {
      const [r0, r1, r2] = head.root;
      const moved = (x: number) => (x >= cutStart ? x + after : x);
      root.range = [r0, Math.max(moved(r1), seq.range[1]), Math.max(moved(r2), seq.range[2])];
    }
    return doc;
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
