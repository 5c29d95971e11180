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
import { JourneyMap, LetterCounts, Locale, addLetterCounts, declaredLanguage, emotionSeries, letterCounts, localeOfLetters, mapLanguage } from '@cjm/core';
import { StagePart, StagePiece, StageSlot, renderMapHtml, stagePieceHtml, viewBuilder, viewTokens } from '@cjm/render';
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

/** The fragment as rendered: glue with a `\u0000` where each part goes, and the parts. */
export class RenderedMap {
  private whole: string | undefined;
  constructor(readonly glue: string, readonly sources: readonly PartSource[], readonly language: Locale, readonly locale: Locale) {}

  get html(): string {
    if (this.whole === undefined) {
      const glue = this.glue.split('\u0000');
      let out = glue[0];
      for (let i = 0; i < this.sources.length; i++) out += materialize(this.sources[i]) + glue[i + 1];
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
  private outsideLetters: { text: string; letters: LetterCounts } | undefined;
  /** each stage's letter counts, by position */
  private stageLetters: Array<{ readonly text: string; readonly letters: LetterCounts }> = [];
  /** the last cut: asked for twice per edit (the language, then the render) */
  private lastCut: { map: JourneyMap; text: string; cut: Cut | undefined } | undefined;
  private sent: { seq: number; map: RenderedMap } | undefined;
  private seq = 0;
  /** how the last render went, for tests and the benchmark: stages laid out anew, and kept */
  lastStats = { drawn: 0, kept: 0, whole: false };

  private cut(map: JourneyMap, text: string): Cut | undefined {
    if (this.lastCut?.map === map && this.lastCut.text === text) return this.lastCut.cut;
    const cut = cutStages(map, text);
    this.lastCut = { map, text, cut };
    return cut;
  }

  /** The map's language as `mapLanguage(map, text)` gives it, counting the letters of stages not seen before only. */
  language(map: JourneyMap, text: string): Locale {
    const declared = declaredLanguage(map);
    if (declared) return declared;
    const cut = this.cut(map, text);
    if (!cut) return mapLanguage(map, text);
    let letters = this.outsideLetters?.text === cut.outside ? this.outsideLetters.letters : letterCounts(cut.outside);
    this.outsideLetters = { text: cut.outside, letters };
    const kept = new Kept(this.stageLetters);
    const now = cut.stages.map((s, si) => {
      const c = kept.find(si, s.text)?.letters ?? letterCounts(s.text);
      letters = addLetterCounts(letters, c);
      return { text: s.text, letters: c };
    });
    this.stageLetters = now;
    return localeOfLetters(letters) ?? 'en';
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
    let glue = '';
    const sources: PartSource[] = [];
    for (const token of viewTokens(view)) {
      if (typeof token === 'string') {
        const p = splitParts(token);
        glue += p.glue;
        sources.push(...p.chunks);
        continue;
      }
      for (let i = 0; i < entries.length; i++) {
        const piece = this.piece(entries[i], token, options.locale);
        glue += piece.glue;
        const base = map.stages[i].span.start;
        for (const tpl of piece.parts) sources.push({ tpl, base });
      }
    }
    return new RenderedMap(glue, sources, language, options.locale);
  }

  private piece(e: StageEntry, slot: StageSlot, locale: Locale): Piece {
    let p = e.pieces.get(slot.piece);
    if (!p) {
      const parts = splitParts(stagePieceHtml(locale, e.part.stage, e.part.steps, slot.piece));
      p = { glue: parts.glue, parts: parts.chunks.map((c) => template(c, e.base, e.end)) };
      e.pieces.set(slot.piece, p);
    }
    return p;
  }

  /**
   * The message body for `map`: a patch against what the webview shows, or undefined when the
   * whole fragment must go (nothing sent yet, or the grid's shape changed). Remembers `map`
   * as shown under the returned sequence number.
   */
  patch(map: RenderedMap): { seq: number; patch?: MapPatch } {
    const prev = this.sent;
    const seq = ++this.seq;
    this.sent = { seq, map };
    if (!prev || prev.map.glue !== map.glue || prev.map.sources.length !== map.sources.length) return { seq };
    const changed: Array<[number, string]> = [];
    const shifts: Array<[number, number, number]> = [];
    const a = prev.map.sources;
    const b = map.sources;
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
    return { seq, patch: { base: prev.seq, count: b.length, changed, shifts } };
  }

  /** The webview lost what it showed (reloaded, or could not apply a patch): the next patch sends all. */
  forgetSent(): void {
    this.sent = undefined;
  }
}
