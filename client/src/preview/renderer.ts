/**
 * The preview's renderer: the map's HTML fragment and the patch that brings the webview up to
 * date, with per-edit work proportional to what the edit touched.
 *
 * At 200 stages the fragment is 3 MB; laying out, drawing, cutting and diffing all of it on
 * every keystroke cost the extension host ~200 ms. Instead each stage is laid out and drawn
 * once (render/html.ts `stagePieceHtml`: its header, step headers, cells of each lane, markers)
 * and kept, keyed by what its pieces depend on: the stage's own text, its index and first
 * column, and — for the whole cache — the labels' language, the map's language and the text
 * outside the stages (names of personas, teams and channels, top-level opportunities and KPIs,
 * lanes), plus the persona curves' order. What is drawn for the whole map (header, footer,
 * lane labels, the curve's line, the legend) is cheap and drawn each time.
 *
 * Typing moves the source offsets (`data-start`, `data-end`, `data-step-offset`) of every
 * stage after the cursor. A kept piece holds its offsets relative to where its stage started
 * when it was drawn and is written out with the stage's current start; the patch sends such a
 * part as a shift without comparing its text. Offsets that point outside the stage (a top-level
 * opportunity shown in a step's cell) stay absolute; they cannot move while the text outside
 * the stages is unchanged, and a part holding one is compared as text.
 *
 * The output is always what `renderMapHtml` gives for the same map (a property test checks it
 * after random edits), and the parts are those `splitParts` cuts it into.
 */
import { JourneyMap, Locale, emotionSeries, mapLanguage } from '@cjm/core';
import { StagePart, StagePiece, renderMapHtml, stagePieceHtml, viewBuilder, viewTokens } from '@cjm/render';
import { MapParts, splitParts, uniformShift } from './parts';
import type { MapPatch } from './protocol';

/** A part's HTML with its source offsets taken out: `texts[0] + offset[0] + texts[1] + …`. */
interface Template {
  readonly texts: readonly string[];
  /** relative to the stage's start when drawn, or absolute where `absolute[i]` */
  readonly offsets: readonly number[];
  readonly absolute?: readonly boolean[];
}

/** A part as the webview will get it: the map's own string, or a kept stage's template placed at `base`. */
type PartSource = string | { readonly tpl: Template; readonly base: number };

interface Piece {
  /** what the piece adds to the glue between parts (only part separators: pieces are runs of parts) */
  readonly glue: string;
  readonly parts: readonly Template[];
}

interface StageEntry {
  /** the stage's text: with its index and first column, what its pieces depend on */
  readonly text: string;
  /** where the stage started when it was laid out: its templates' offsets are relative to it */
  readonly base: number;
  readonly end: number;
  readonly part: StagePart;
  readonly pieces: Map<StagePiece, Piece>;
}

/** The map's own strings of the fragment, cut into glue and parts, and the slots each stage fills, in order. */
type Token = { readonly glue: string; readonly sources: readonly PartSource[] } | StagePiece;

/**
 * The fragment as laid out for every stage, with each stage's pieces drawn only when asked
 * for: a preview that opens on a 200-stage map sends the first screenful of stages and the
 * rest in batches (`PreviewRenderer.patch` with `columns`, then `more`), and draws each stage
 * only when it is sent.
 */
class StageLayout {
  constructor(
    private readonly tokens: readonly Token[],
    private readonly draw: (stage: number, slot: StagePiece) => Piece,
    /** where each stage starts in the text now: its templates are placed there */
    private readonly bases: readonly number[],
    /** how many columns each stage spans */
    readonly columns: readonly number[],
  ) {}

  get count(): number {
    return this.bases.length;
  }

  /** The glue and parts of the fragment with the pieces of stages [0, upTo) in their slots. */
  fill(upTo: number): { glue: string; sources: PartSource[] } {
    let glue = '';
    const sources: PartSource[] = [];
    for (const token of this.tokens) {
      if (typeof token !== 'string') {
        glue += token.glue;
        sources.push(...token.sources);
        continue;
      }
      for (let i = 0; i < upTo; i++) {
        const piece = this.draw(i, token);
        glue += piece.glue;
        const base = this.bases[i];
        for (const tpl of piece.parts) sources.push({ tpl, base });
      }
    }
    return { glue, sources };
  }

  /** Each slot's HTML for stages [from, to), in the fragment's order: what `AppendMessage.slots` carries. */
  slots(from: number, to: number): Array<[StagePiece, string]> {
    const out: Array<[StagePiece, string]> = [];
    for (const token of this.tokens) {
      if (typeof token !== 'string') continue;
      let html = '';
      for (let i = from; i < to; i++) {
        const base = this.bases[i];
        for (const tpl of this.draw(i, token).parts) html += materialize({ tpl, base });
      }
      out.push([token, html]);
    }
    return out;
  }
}

/**
 * The fragment as rendered: glue with a `\u0000` where each part goes, and the parts. A map the
 * renderer laid out stage by stage can also be cut short after its first stages (`prefix`):
 * what the webview shows while the rest is still being sent.
 */
export class RenderedMap {
  private whole: string | undefined;
  private filled: { glue: string; sources: readonly PartSource[] } | undefined;
  private layout: StageLayout | undefined;
  /** the stages whose pieces this fragment holds, of a staged map */
  private upTo = 0;

  constructor(glue: string, sources: readonly PartSource[], readonly language: Locale, readonly locale: Locale) {
    this.filled = { glue, sources };
  }

  /** @internal a map laid out stage by stage, holding the pieces of stages [0, upTo) */
  static staged(layout: StageLayout, upTo: number, language: Locale, locale: Locale): RenderedMap {
    const m = new RenderedMap('', [], language, locale);
    m.filled = undefined;
    m.layout = layout;
    m.upTo = upTo;
    return m;
  }

  private fill(): { glue: string; sources: readonly PartSource[] } {
    return (this.filled ??= this.layout!.fill(this.upTo));
  }

  get glue(): string {
    return this.fill().glue;
  }

  get sources(): readonly PartSource[] {
    return this.fill().sources;
  }

  /** How many stages the whole map has, when it can be sent stage by stage; undefined when it goes whole. */
  get stageCount(): number | undefined {
    return this.layout?.count;
  }

  /** How many of those stages this fragment holds. */
  get stagesShown(): number | undefined {
    return this.layout ? this.upTo : undefined;
  }

  /** The same map with only its first `n` stages' pieces in the grid (the glue — table, columns, the curve's line — is the whole map's). */
  prefix(n: number): RenderedMap {
    if (!this.layout) return this;
    const upTo = Math.max(0, Math.min(n, this.layout.count));
    return upTo === this.upTo ? this : RenderedMap.staged(this.layout, upTo, this.language, this.locale);
  }

  /** How many step columns the grid has, of a map laid out stage by stage. */
  get columnCount(): number {
    return this.layout ? this.layout.columns.reduce((a, b) => a + b, 0) : 0;
  }

  /** The fewest first stages that fill `columns` step columns (all of them when the map is narrower). */
  stagesCovering(columns: number): number {
    if (!this.layout) return 0;
    let n = 0;
    for (let c = 0; n < this.layout.count && c < columns; n++) c += this.layout.columns[n];
    return Math.max(1, n);
  }

  /** The HTML of stages [from, to) for each slot of the grid, and how much of it there is. */
  stageSlots(from: number, to: number): Array<[StagePiece, string]> {
    return this.layout ? this.layout.slots(from, to) : [];
  }

  get html(): string {
    if (this.whole === undefined) {
      const { glue: g, sources } = this.fill();
      const glue = g.split('\u0000');
      let out = glue[0];
      for (let i = 0; i < sources.length; i++) out += materialize(sources[i]) + glue[i + 1];
      this.whole = out;
    }
    return this.whole;
  }

  /** A fragment drawn elsewhere (the current-state overlay), cut into parts as parts.ts cuts it. */
  static fromHtml(html: string, language: Locale, locale: Locale): RenderedMap {
    const parts = splitParts(html);
    const m = new RenderedMap(parts.glue, parts.chunks, language, locale);
    m.whole = html;
    return m;
  }

  /** The parts as parts.ts has them (tests, and maps the renderer does not cut itself). */
  parts(): MapParts {
    return { glue: this.glue, chunks: this.sources.map(materialize) };
  }
}

const OFFSET_ATTR = / data-(?:start|end|step-offset)="(\d+)"/g;
/** Anchors and aliases make a stage's meaning depend on text outside it: no stage is kept then. */
const ANCHORS = /(^|[\s[{,])[&*][^\s]/m;
/** What may stand on a line before a stage item's first key: indentation and list dashes. */
const ITEM_PREFIX = /^[ \t]*(?:-[ \t]+)+$/;

function materialize(p: PartSource): string {
  if (typeof p === 'string') return p;
  const { texts, offsets, absolute } = p.tpl;
  let out = texts[0];
  for (let i = 0; i < offsets.length; i++) out += (absolute?.[i] ? offsets[i] : offsets[i] + p.base) + texts[i + 1];
  return out;
}

function template(html: string, start: number, end: number): Template {
  const texts: string[] = [];
  const offsets: number[] = [];
  let absolute: boolean[] | undefined;
  let last = 0;
  OFFSET_ATTR.lastIndex = 0;
  for (let m = OFFSET_ATTR.exec(html); m; m = OFFSET_ATTR.exec(html)) {
    const at = m.index + m[0].length - 1 - m[1].length;
    texts.push(html.slice(last, at));
    const value = Number(m[1]);
    const inside = value >= start && value <= end;
    if (!inside) (absolute ??= offsets.map(() => false))[offsets.length] = true;
    else if (absolute) absolute[offsets.length] = false;
    offsets.push(inside ? value - start : value);
    last = at + m[1].length;
  }
  texts.push(html.slice(last));
  return absolute ? { texts, offsets, absolute } : { texts, offsets };
}

/** About this much HTML per batch of a streamed map: one parse in the webview each, ~50–150 ms at 200 stages. */
const BATCH_BYTES = 400_000;

/** A map narrower than this many columns (or twice the columns in view) is sent whole: it opens fast anyway. */
const STREAM_MIN_COLUMNS = 24;

export interface PatchResult {
  readonly seq: number;
  /** what changed in the parts the webview shows; absent: `html` replaces its fragment */
  readonly patch?: MapPatch;
  readonly html?: string;
  /** present while stages are still to come: how many the webview will show, of how many */
  readonly stages?: { readonly shown: number; readonly total: number };
}

/** Stages [from, to) of a streamed map, appended to what the content numbered `base` shows. */
export interface StageBatch {
  readonly base: number;
  readonly seq: number;
  readonly from: number;
  readonly to: number;
  readonly total: number;
  /** how many parts the fragment has with them */
  readonly count: number;
  /** each slot's HTML, in the fragment's order; slots with nothing to add are left out */
  readonly slots: ReadonlyArray<readonly [StagePiece, string]>;
}

export interface RenderOptions {
  /** the labels' language */
  readonly locale: Locale;
  /** the map's language, when the caller knows it (else read here, as `mapLanguage` reads it) */
  readonly language?: Locale;
}

interface Cut {
  /** the head, the text between stages and the tail, each piece on its own line */
  readonly outside: string;
  /** each stage's text, and the column its first step is in */
  readonly stages: ReadonlyArray<{ readonly text: string; readonly column: number }>;
}

/**
 * The stages' texts and everything outside them, or undefined when the stages cannot be cut
 * out line-wise: overlapping or unordered spans, an item not alone after its line's dashes.
 */
function cutStages(map: JourneyMap, text: string): Cut | undefined {
  const stages: Array<{ text: string; column: number }> = [];
  let outside = '';
  let at = 0;
  let column = 0;
  for (const sg of map.stages) {
    const { start, end } = sg.span;
    if (start < at || end < start || end > text.length) return undefined;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (lineStart < at || !ITEM_PREFIX.test(text.slice(lineStart, start))) return undefined;
    outside += text.slice(at, start) + '\n';
    stages.push({ text: text.slice(start, end), column });
    column += Math.max(1, sg.steps.length);
    at = end;
  }
  outside += text.slice(at);
  return { outside, stages };
}

/**
 * Finds what was kept for a stage: first where it was (most stages stay put, and comparing
 * two texts in place needs no hashing), else anywhere by its text.
 */
class Kept<T extends { readonly text: string }> {
  private byText: Map<string, T> | undefined;
  constructor(private readonly list: readonly T[]) {}
  find(si: number, text: string, fits: (x: T) => boolean = () => true): T | undefined {
    const here = this.list[si];
    if (here && here.text === text && fits(here)) return here;
    this.byText ??= new Map(this.list.map((x) => [x.text, x]));
    const there = this.byText.get(text);
    return there && fits(there) ? there : undefined;
  }
}

export class PreviewRenderer {
  private context = '';
  /** the kept stages, by position */
  private stages: StageEntry[] = [];
  /** the last cut: asked for twice per edit (the language, then the render) */
  private lastCut: { map: JourneyMap; text: string; cut: Cut | undefined } | undefined;
  /** what the webview shows: `shown`, the first stages of `map` (all of it once streamed) */
  private sent: { seq: number; map: RenderedMap; shown: RenderedMap; total: number; complete: boolean; partial: boolean } | undefined;
  private seq = 0;
  /** how the last render went, for tests and the benchmark: stages laid out anew, and kept */
  lastStats = { drawn: 0, kept: 0, whole: false };

  private cut(map: JourneyMap, text: string): Cut | undefined {
    if (this.lastCut?.map === map && this.lastCut.text === text) return this.lastCut.cut;
    const cut = cutStages(map, text);
    this.lastCut = { map, text, cut };
    return cut;
  }

  /**
   * The map's language: `mapLanguage`, which counts only the lines an edit changed since the
   * last text it read (core/mapLanguage.ts `countedLetters`).
   */
  language(map: JourneyMap, text: string): Locale {
    return mapLanguage(map, text);
  }

  /** Renders the map; the result's parts are what the webview will be sent. */
  render(map: JourneyMap, text: string, options: RenderOptions): RenderedMap {
    const language = options.language ?? this.language(map, text);
    // A quick look for the characters first: the pattern walks the whole text.
    const anchors = (text.includes('&') || text.includes('*')) && ANCHORS.test(text);
    const cut = anchors ? undefined : this.cut(map, text);
    if (!cut) {
      // Not cut-safe: drawn whole, as renderMapHtml draws it, and cut into parts afterwards.
      this.stages = [];
      this.context = '';
      this.lastStats = { drawn: map.stages.length, kept: 0, whole: true };
      const parts = splitParts(renderMapHtml(map, { locale: options.locale, language }));
      return new RenderedMap(parts.glue, parts.chunks, language, options.locale);
    }
    const builder = viewBuilder(map, options.locale, language);
    const series = emotionSeries(map);
    // Everything outside the stages that a stage's pieces depend on. Offsets into the text
    // before the stages cannot move while it is unchanged; a top-level opportunity or KPI
    // written after the stages and shown in a stage moves with every edit above it, so then
    // the position of the text after the stages counts too.
    const lastEnd = map.stages[map.stages.length - 1]?.span.end ?? text.length;
    const refsAfter = [...map.opportunities, ...map.kpis].some((x) => x.span.start >= lastEnd && (('step' in x && x.step) || x.stage));
    // Between stages there are only dashes, blank lines and comments: adding or removing a
    // stage keeps the stages before it.
    const head = text.slice(0, map.stages[0]?.span.start ?? text.length);
    const tail = text.slice(lastEnd);
    const context = JSON.stringify([options.locale, language, head, tail, refsAfter ? lastEnd : -1, series.map((c) => [c.persona, c.index, c.name])]);
    if (context !== this.context) {
      this.stages = [];
      this.context = context;
    }
    const kept = new Kept(this.stages);
    const entries: StageEntry[] = [];
    let drawn = 0;
    for (let si = 0; si < map.stages.length; si++) {
      const sg = map.stages[si];
      const { text: body, column } = cut.stages[si];
      // Its index and first column are part of what a stage's pieces show.
      let entry = kept.find(si, body, (e) => e.part.stage.index === si && e.part.stage.firstColumn === column);
      if (!entry) {
        drawn++;
        entry = { text: body, base: sg.span.start, end: sg.span.end, part: builder.stage(sg, si, column), pieces: new Map() };
      }
      entries.push(entry);
    }
    this.stages = entries;
    this.lastStats = { drawn, kept: map.stages.length - drawn, whole: false };

    const view = builder.finish(entries.map((e) => e.part.stage), entries.flatMap((e) => e.part.steps));
    const tokens: Token[] = viewTokens(view).map((token) => {
      if (typeof token !== 'string') return token.piece;
      const p = splitParts(token);
      return { glue: p.glue, sources: p.chunks };
    });
    const { locale } = options;
    const layout = new StageLayout(
      tokens,
      (i, slot) => this.piece(entries[i], slot, locale),
      map.stages.map((sg) => sg.span.start),
      entries.map((e) => e.part.stage.columns),
    );
    return RenderedMap.staged(layout, entries.length, language, options.locale);
  }

  private piece(e: StageEntry, slot: StagePiece, locale: Locale): Piece {
    let p = e.pieces.get(slot);
    if (!p) {
      const parts = splitParts(stagePieceHtml(locale, e.part.stage, e.part.steps, slot));
      p = { glue: parts.glue, parts: parts.chunks.map((c) => template(c, e.base, e.end)) };
      e.pieces.set(slot, p);
    }
    return p;
  }

  /**
   * The message body for `map`: a patch against what the webview shows, or the fragment
   * (`html`) when a patch cannot say it (nothing sent yet, or the grid's shape changed).
   * Remembers what it sent under the returned sequence number.
   *
   * With `columns` (how many step columns the webview shows at once) a map laid out stage by
   * stage is streamed: a webview that shows nothing yet gets only the stages that fill its
   * first screenful, and `more` sends the rest. While that is under way an edit is sent for
   * the stages the webview has (a patch, or those stages' fragment) and the rest follows from
   * the edited map. Without `columns` the whole map is sent at once.
   *
   * `streamFrom`: a map narrower than this many columns is sent whole (tests stream small maps).
   *
   * `partial`: `map` is drawn from the first stages of a text whose analysis is still to come
   * (preview.ts's early first message): nothing more of it is streamed, and the next map is
   * sent as if this one had been cut short.
   */
  patch(map: RenderedMap, options: { readonly columns?: number; readonly partial?: boolean; readonly streamFrom?: number } = {}): PatchResult {
    const prev = this.sent;
    const seq = ++this.seq;
    const total = map.stageCount;
    let upTo = total;
    if (total !== undefined && options.columns !== undefined && !prev?.complete && (prev || map.columnCount > Math.max(2 * options.columns, options.streamFrom ?? STREAM_MIN_COLUMNS))) {
      // A webview still receiving keeps what it has and gets the rest; one that has it all keeps having it all.
      upTo = Math.min(total, Math.max(prev?.shown.stagesShown ?? 0, map.stagesCovering(options.columns)));
    }
    const shown = upTo === undefined ? map : map.prefix(upTo);
    const partial = options.partial === true;
    this.sent = { seq, map, shown, total: total ?? 0, complete: !partial && (upTo === undefined || upTo >= total!), partial };
    const stages = !partial && total !== undefined && upTo !== undefined && upTo < total ? { shown: upTo, total } : undefined;
    if (!prev || prev.shown.glue !== shown.glue || prev.shown.sources.length !== shown.sources.length) return { seq, html: shown.html, ...(stages ? { stages } : {}) };
    const changed: Array<[number, string]> = [];
    const shifts: Array<[number, number, number]> = [];
    const a = prev.shown.sources;
    const b = shown.sources;
    for (let i = 0; i < b.length; i++) {
      const x = a[i];
      const y = b[i];
      let by: number | undefined;
      if (x === y) continue;
      if (typeof x !== 'string' && typeof y !== 'string' && x.tpl === y.tpl && !y.tpl.absolute) {
        if (x.base === y.base || !y.tpl.offsets.length) continue;
        by = y.base - x.base;
      } else {
        const sa = materialize(x);
        const sb = materialize(y);
        if (sa === sb) continue;
        by = uniformShift(sa, sb);
        if (by === undefined) {
          changed.push([i, sb]);
          continue;
        }
      }
      const run = shifts[shifts.length - 1];
      if (run && run[1] === i - 1 && run[2] === by) run[1] = i;
      else shifts.push([i, i, by]);
    }
    return { seq, patch: { base: prev.seq, count: b.length, changed, shifts }, ...(stages ? { stages } : {}) };
  }

  /**
   * The next stages of a map being streamed, when the webview shows the content numbered `seq`
   * (its request names it: a request about content replaced since is answered by the newer
   * content's own request). About `bytes` of HTML per batch, at least one stage.
   */
  more(seq: number, bytes = BATCH_BYTES): StageBatch | undefined {
    const s = this.sent;
    const from = s?.shown.stagesShown;
    if (!s || s.seq !== seq || s.complete || s.partial || from === undefined || from >= s.total) return undefined;
    let to = from;
    let size = 0;
    let slots: Array<[StagePiece, string]> = [];
    // Drawn a stage at a time until the batch is big enough: the first stages of a batch are drawn once.
    const parts: Array<Array<[StagePiece, string]>> = [];
    while (to < s.total && (to === from || size < bytes)) {
      const one = s.map.stageSlots(to, to + 1);
      for (const [, html] of one) size += html.length;
      parts.push(one);
      to++;
    }
    slots = parts[0].map(([slot], k) => [slot, parts.map((p) => p[k][1]).join('')]);
    const shown = s.map.prefix(to);
    const next = ++this.seq;
    this.sent = { seq: next, map: s.map, shown, total: s.total, complete: to >= s.total, partial: false };
    return { base: seq, seq: next, from, to, total: s.total, count: shown.sources.length, slots: slots.filter(([, html]) => html) };
  }

  /** Whether the webview has been sent a map since it last lost what it showed. */
  get hasSent(): boolean {
    return this.sent !== undefined;
  }

  /** The webview lost what it showed (reloaded, or could not apply a patch): the next patch sends all. */
  forgetSent(): void {
    this.sent = undefined;
  }
}
