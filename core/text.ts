/**
 * Source positions. The core speaks in UTF-16 offsets (what JavaScript strings and
 * the `yaml` package use); LSP positions and human `line:col` are derived through a
 * LineIndex built once per text.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Position {
  /** zero-based line */
  readonly line: number;
  /** zero-based UTF-16 column, as LSP counts it */
  readonly character: number;
}

export interface LineRange {
  readonly start: Position;
  readonly end: Position;
}

export function span(start: number, end: number): Span {
  return { start, end: Math.max(start, end) };
}

export function contains(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}

/** The index of the last of `starts` (ascending line-start offsets) at or before `offset`: the line that holds it. */
export function lineHolding(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class LineIndex {
  /** a line index made from an earlier one (`afterChange`) keeps its starts in a typed array */
  private readonly lineStarts: number[] | Int32Array;
  constructor(readonly text: string, lineStarts?: Int32Array) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // The common case, at the speed of the engine's own search rather than a loop per character.
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, a new version of `before.text` where `[from, oldEnd)` became
   * `[from, newEnd)` (see `textChange`): the lines before the change are kept, the lines
   * after it moved, only the changed part is searched. Built whole when either text has a CR.
   */
  static afterChange(before: LineIndex, text: string, change: { readonly from: number; readonly oldEnd: number; readonly newEnd: number }): LineIndex {
    if (before.text.indexOf('\r') >= 0 || text.indexOf('\r') >= 0) return new LineIndex(text);
    const old = before.lineStarts;
    const delta = change.newEnd - change.oldEnd;
    // A line starts after each \n: those before the change stay, those in it are found again, those after it move.
    const keep = lineHolding(old, change.from) + 1;
    const found: number[] = [];
    for (let nl = text.indexOf('\n', change.from); nl >= 0 && nl < change.newEnd; nl = text.indexOf('\n', nl + 1)) found.push(nl + 1);
    let resume = keep;
    while (resume < old.length && old[resume] <= change.oldEnd) resume++;
    const starts = new Int32Array(keep + found.length + old.length - resume);
    starts.set(old instanceof Int32Array ? old.subarray(0, keep) : old.slice(0, keep));
    starts.set(found, keep);
    for (let i = resume, j = keep + found.length; i < old.length; i++, j++) starts[j] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lineHolding(this.lineStarts, o);
    return { line, character: o - this.lineStarts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const next = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + pos.character, next));
  }

  range(s: Span): LineRange {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  lineText(line: number): string {
    const start = this.lineStart(line);
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

/** Where two versions of a text differ: `[from, oldEnd)` of the old one became `[from, newEnd)` of the new one. */
export interface TextChange {
  readonly from: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * The smallest change that turns `a` into `b`, found by comparing blocks with the engine's
 * own string comparison before characters one by one.
 */
export function textChange(a: string, b: string): TextChange {
  const max = Math.min(a.length, b.length);
  let p = 0;
  for (let n = 1024; p < max; ) {
    const m = Math.min(n, max - p);
    if (a.substr(p, m) === b.substr(p, m)) p += m;
    else if (m > 16) n = m >> 3;
    else {
      while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
      break;
    }
  }
  let s = 0;
  const rest = max - p;
  for (let n = 1024; s < rest; ) {
    const m = Math.min(n, rest - s);
    if (a.substr(a.length - s - m, m) === b.substr(b.length - s - m, m)) s += m;
    else if (m > 16) n = m >> 3;
    else {
      while (s < rest && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
      break;
    }
  }
  return { from: p, oldEnd: a.length - s, newEnd: b.length - s };
}
