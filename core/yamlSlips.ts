/**
 * One slip, one message. A line indented one space too far or too short is the most common
 * mistake in a hand-written map, and the YAML parser answers it with a cascade: "sequence
 * item without - indicator", "implicit keys need to be on a single line", then a step that
 * "needs `name`" and an unknown key, all caused by the one line. This module finds the line
 * whose indentation fits no level of the lines above it; the analysis reports that line, with
 * a fix that lines it up, and otherwise what the map says once it is lined up (analyze.ts):
 * real mistakes elsewhere stay visible, the cascade does not. Other syntax errors keep one
 * message per line, and the shape and quality messages a broken document gives (a step
 * "without a name" because its lines were read as text) are left out until the YAML reads.
 */
import type { Document, YAMLError } from 'yaml';
import { isScalar, visit } from 'yaml';
import { Diagnostic, diagnostic, fix } from './diagnostics';
import { msg } from './l10n';
import { LineIndex, Span, lineHolding, span } from './text';

interface Line {
  readonly index: number;
  readonly start: number;
  /** leading spaces */
  readonly indent: number;
  /** the text after the indentation, line terminator excluded */
  readonly content: string;
}

interface Level {
  readonly col: number;
  readonly dash: boolean;
  /** the line that opened this level, to name it in the message */
  readonly line: Line;
}

export interface IndentSlip {
  readonly line: Line;
  /** the column the line belongs in (0-based), and the line above that sits there, from that column on */
  readonly expected: number;
  readonly anchor: Line;
  readonly anchorText: string;
  /**
   * `line`: the line fits no level and moves to the nearest one. `opener`: the line that
   * opened the level the next line should be in moves instead (the first `- ` of a list one
   * column off, with its keys below it where they belong); `anchor` is that next line.
   */
  readonly moves: 'line' | 'opener';
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\r\n]*(\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  let index = 0;
  while ((m = re.exec(text)) && m[0] !== '') {
    const raw = m[0].replace(/[\r\n]+$/, '');
    const indent = /^ */.exec(raw)![0].length;
    lines.push({ index: index++, start: m.index, indent, content: raw.slice(indent) });
    if (m[1] === '') break;
  }
  return lines;
}

/** `- ` markers at the start of a line's content: their columns relative to the content, and where the rest begins. */
function dashes(content: string): { cols: number[]; rest: number } {
  const cols: number[] = [];
  let i = 0;
  while (content[i] === '-' && (content[i + 1] === ' ' || i + 1 === content.length)) {
    cols.push(i);
    i += 1;
    while (content[i] === ' ') i++;
  }
  return { cols, rest: i };
}

/** A key as maps write them (one word: `emotion`, a lane or persona id): prose with a colon in it is no key. */
const KEY = /^[\p{L}_][\p{L}\p{N}_-]*:(?=\s|$)/u;
const OPENS = /:\s*(?:#.*)?$/;
const BLOCK_SCALAR = /:\s*[|>][-+0-9]*\s*(?:#.*)?$/;

/**
 * The first line, among those the parser complained about (or the one after), whose
 * indentation fits no level of the lines above it. Lines that are text (block scalars,
 * continuations of a plain value, anything inside brackets) are never blamed: only a line that
 * starts with `- ` or `key:` has a place in the structure.
 */
export function findIndentSlips(text: string, errorOffsets: readonly number[]): IndentSlip[] {
  if (!errorOffsets.length) return [];
  const lines = splitLines(text);
  const first = lineHolding(lines.map((l) => l.start), Math.min(...errorOffsets));
  const last = Math.min(lines.length - 1, first + 1);
  const structuralLines = lines.filter((l) => l.content.trim() && !l.content.startsWith('#') && (dashes(l.content).cols.length > 0 || KEY.test(l.content)));
  const top = structuralLines[0];
  const laterTop = structuralLines.find((l) => l.indent === 0);
  if (top && top.indent > 0 && laterTop && top.index >= first - 3 && top.index <= last) {
    // A map's own keys start in the first column: the first key is the one out of place.
    return [{ line: top, expected: 0, anchor: laterTop, anchorText: keyText(laterTop, 0), moves: 'line' }];
  }
  const stack: Level[] = [];
  // The document itself is an open level: its first key may sit in any column.
  let opened = true;
  let openedCol = -1;
  let blockParent = -1;
  let depth = 0;
  for (const line of lines) {
    if (line.index > last) break;
    const content = line.content;
    if (blockParent >= 0) {
      if (!content.trim() || line.indent > blockParent) continue;
      blockParent = -1;
    }
    if (!content.trim() || content.startsWith('#')) continue;
    if (/^\t/.test(content)) return [];
    if (depth > 0) {
      depth = Math.max(0, depth + bracketBalance(content));
      continue;
    }
    const { cols, rest } = dashes(content);
    const body = content.slice(rest);
    const structural = cols.length > 0 || KEY.test(body);
    const col = line.indent;
    const isDash = cols.length > 0;
    const fits = stack.some((l) => l.col === col && l.dash === isDash) || (opened && (col > openedCol || (isDash && col === openedCol)));
    if (!structural) {
      // Text that continues a value: it neither opens nor closes a level.
      if (opened && col > openedCol) opened = false;
      continue;
    }
    if (!fits && line.index < first - 3) return [];
    if (!fits) {
      const candidates = stack.filter((l) => l.dash === isDash);
      if (!candidates.length) return [];
      // The nearest level, or both when the line sits halfway between two (the deeper first).
      const distance = Math.min(...candidates.map((l) => Math.abs(l.col - col)));
      const nearest = candidates.filter((l) => Math.abs(l.col - col) === distance).sort((a, b) => b.col - a.col);
      const slips: IndentSlip[] = nearest.map((best) => ({ line, expected: best.col, anchor: best.line, anchorText: keyText(best.line, best.col), moves: 'line' }));
      const inner = candidates.at(-1)!;
      const moved = inner.line.indent + col - inner.col;
      if (moved >= 0 && inner.line !== line) slips.push({ line: inner.line, expected: moved, anchor: line, anchorText: keyText(line, col), moves: 'opener' });
      return slips;
    }
    while (stack.length && stack.at(-1)!.col >= col && !(stack.at(-1)!.col === col && !stack.at(-1)!.dash && isDash)) stack.pop();
    cols.forEach((c) => stack.push({ col: col + c, dash: true, line }));
    if (body) stack.push({ col: col + rest, dash: false, line });
    opened = false;
    if (BLOCK_SCALAR.test(body)) blockParent = col + rest;
    else if (!body || (KEY.test(body) && OPENS.test(body))) {
      opened = true;
      openedCol = col + rest;
    } else depth = Math.max(0, bracketBalance(body.replace(KEY, '')));
  }
  return [];
}

/** What a line holds from a column on, up to its key's colon: `emotion:`, `- name:`. */
function keyText(line: Line, col: number): string {
  return line.content.slice(col - line.indent).split(/(?<=:)(?=\s|$)/)[0];
}

/**
 * Of the ways to line the text up, those after which the parser complains least (the
 * analysis settles a tie by what the map then says): a list's first `- ` one column off makes every line under it look
 * out of place, and moving that one line is the repair.
 */
export function bestSlips(text: string, slips: readonly IndentSlip[], errorsIn: (text: string) => number): IndentSlip[] {
  if (slips.length < 2) return [...slips];
  // On a tie, the repair that leaves the line on an even column: maps are indented by two.
  const scored = slips.map((s) => ({ s, errors: errorsIn(repairSlip(text, s)) + (s.expected % 2 ? 0.5 : 0) }));
  const least = Math.min(...scored.map((x) => x.errors));
  return scored.filter((x) => x.errors === least).map((x) => x.s);
}

/** Opening minus closing brackets outside quotes and comments: a flow collection that goes on to the next lines. */
function bracketBalance(s: string): number {
  let n = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || s[i - 1] === ' ')) break;
    else if (c === '[' || c === '{') n++;
    else if (c === ']' || c === '}') n--;
  }
  return n;
}

/** The slip as the one message the user needs, with the fix that lines the line up. */
export function slipDiagnostic(slip: IndentSlip): Diagnostic {
  const { line, anchor, anchorText, expected } = slip;
  const at = span(line.start, line.start + line.indent + line.content.length);
  if (slip.moves === 'opener') {
    return diagnostic(
      'yaml-syntax',
      msg('This line is out of line with the lines under it, like `{0}` on line {1}: move it to column {2}.', anchorText, anchor.index + 1, expected + 1),
      at,
      { fixes: [fix(msg('Move the line to column {0}', expected + 1), [{ span: span(line.start, line.start + line.indent), newText: ' '.repeat(expected) }], true)] },
    );
  }
  return diagnostic(
    'yaml-syntax',
    msg('This line starts in column {0}, but the lines it belongs with start in column {1}, like `{2}` on line {3}: line it up with them.', line.indent + 1, expected + 1, anchorText, anchor.index + 1),
    at,
    { fixes: [fix(msg('Line it up with `{0}` on line {1}', anchorText, anchor.index + 1), [{ span: span(line.start, line.start + line.indent), newText: ' '.repeat(expected) }], true)] },
  );
}

/**
 * An unclosed quote is reported where the text ends, often the end of the file, far from the
 * mistake: the quote that opened it is where the user has to look.
 */
export function unclosedQuoteStart(doc: Document.Parsed, error: YAMLError): number | undefined {
  if (error.code !== 'MISSING_CHAR' || !/^Missing closing ['"]quote/.test(error.message)) return undefined;
  let found: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range && node.range[1] === error.pos[0]) {
        found = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * A `[` or `{` that is never closed swallows the rest of the map: the parser then reports
 * every line after it (one stray bracket gave 77 errors). The bracket is the one mistake
 * there: the first flow collection written with a bracket whose text does not end with the
 * matching closing bracket. Undefined when every bracket is closed.
 */
export function unclosedFlowStart(text: string, doc: Document.Parsed): { at: number; bracket: '[' | '{' } | undefined {
  if (!doc.errors.length) return undefined;
  let found: { at: number; bracket: '[' | '{' } | undefined;
  visit(doc, {
    Collection(_, node) {
      if (!node.flow || !node.range) return undefined;
      const open = text[node.range[0]];
      if ((open === '[' || open === '{') && text[node.range[1] - 1] !== (open === '[' ? ']' : '}')) {
        if (!found || node.range[0] < found.at) found = { at: node.range[0], bracket: open };
        return visit.SKIP;
      }
      return undefined;
    },
  });
  return found;
}

export function unclosedFlowDiagnostic(u: { at: number; bracket: '[' | '{' }): Diagnostic {
  return diagnostic('yaml-syntax', u.bracket === '['
    ? msg('This `[` opens a list that is never closed, so the rest of the map cannot be read: add the `]` where the list ends, or remove the `[`.')
    : msg('This `{` opens a mapping that is never closed, so the rest of the map cannot be read: add the `}` where it ends, or remove the `{`.'), span(u.at, u.at + 1));
}

/**
 * While the YAML does not read, only what is broken is reported, once: one syntax error per
 * line, no shape complaint on a line the
 * parser rejected or about a value that holds a syntax error (it only repeats it), and no
 * quality hints about a map read from broken text. `unreadFrom`: where a bracket never closed
 * left the rest of the map unread (`unclosedFlowStart`).
 */
export function withoutEchoes(text: string, diagnostics: Diagnostic[], lines?: LineIndex, unreadFrom?: number): Diagnostic[] {
  const syntax = diagnostics.filter((d) => d.code === 'yaml-syntax' && d.severity === 'error');
  if (!syntax.length) return diagnostics;
  const index = lines ?? new LineIndex(text);
  const lineOf = (offset: number) => index.positionAt(offset).line;
  const syntaxLines = new Set(syntax.map((d) => lineOf(d.span.start)));
  const seen = new Set<number>();
  return diagnostics.filter((d) => {
    const line = lineOf(d.span.start);
    if (d.code === 'yaml-syntax' && d.severity === 'error') {
      if (seen.has(line)) return false;
      seen.add(line);
      return true;
    }
    if (d.severity === 'info' || d.severity === 'hint') return false;
    // Past a bracket that is never closed nothing was read: what the reader says of it or of
    // anything around it, references to what it would have declared, and warnings about a map
    // read in part (a stage whose steps are in the unread part is not empty) echo that one mistake.
    if (unreadFrom !== undefined && (d.severity === 'warning' || d.span.end > unreadFrom || d.code === 'undeclared-reference')) return false;
    if (syntaxLines.has(line)) return false;
    return d.code !== 'wrong-type' || !syntax.some((s) => d.span.start <= s.span.start && s.span.start < Math.max(d.span.end, d.span.start + 1));
  });
}

/** The text with the slipped line lined up: what the slip's fix makes of it. */
export function repairSlip(text: string, slip: IndentSlip): string {
  return text.slice(0, slip.line.start) + ' '.repeat(slip.expected) + text.slice(slip.line.start + slip.line.indent);
}

/** A diagnostic of the repaired text, at the same place in the text as written. */
export function slipBack(d: Diagnostic, slip: IndentSlip): Diagnostic {
  const from = slip.line.start;
  const delta = slip.expected - slip.line.indent;
  const back = (o: number) => (o <= from ? o : o >= from + slip.expected ? o - delta : from + Math.min(o - from, slip.line.indent));
  const move = (s: Span): Span => span(back(s.start), back(s.end));
  return {
    ...d,
    span: move(d.span),
    ...(d.related ? { related: d.related.map((r) => ({ ...r, span: move(r.span) })) } : {}),
    ...(d.fixes ? { fixes: d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: move(e.span) })) })) } : {}),
  };
}
