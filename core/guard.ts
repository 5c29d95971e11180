/**
 * Cheap checks on raw text before it reaches the YAML parser. Deep flow nesting can kill
 * a Node process in the parser's regular expressions (out of memory, uncatchable), and a
 * language server parses on every keystroke: so depth is measured here, by hand, first.
 * The limits sit far above any real map.
 */
import { Diagnostic, diagnostic } from './diagnostics';
import { msg } from './l10n';
import { span } from './text';

export const LIMITS = {
  /** characters in one file */
  maxLength: 5_000_000,
  /**
   * Characters up to which an editor checks a map fully on every change (about 65,000 lines
   * of a typical map); a bigger one gets its YAML syntax checked only (`analyzeSyntax`), so
   * typing in it stays responsive. `cjm check` always checks fully.
   */
  maxFullAnalysis: 2_000_000,
  /** `[` / `{` nesting, and compact `- - -` nesting on one line */
  maxDepth: 64,
  /**
   * Every `[` / `{` outside comments, quoted or not. The structure-aware count above can be
   * wrong about where a quoted string ends in broken text; this raw count cannot be fooled,
   * and stays far below the depth that kills the parser (about 1,000 is still safe).
   */
  maxRawDepth: 512,
  /** leading spaces on a line (block nesting) */
  maxIndent: 512,
  /** alias (`*name`) uses per file; each is expanded where it is used */
  maxAliases: 100,
} as const;

export function guardText(text: string): Diagnostic | undefined {
  if (text.length > LIMITS.maxLength) {
    return diagnostic('too-large', msg('This file has {0} characters; cjm reads files of up to {1}. Split the map into several files.', text.length, LIMITS.maxLength), span(0, 0));
  }
  return new GuardScan().scan(text, 0, text.length);
}

/**
 * The guard's walk over the text, resumable: a text scanned piece by piece (each piece
 * starting where the last ended) gives the verdict of one scan of the whole. The incremental
 * analyzer scans only the pieces an edit changed, and resumes from a piece's remembered end
 * state for the others (`state`/`GuardScan.from`), so a keystroke does not rescan the map.
 */
export class GuardScan {
  private flow = 0;
  private raw = 0;
  private lineStart = true;
  private indent = 0;
  private inComment = false;
  /** inside a quoted scalar: the quote that ends it */
  private quote = 0;
  /** a node may start here: `[`, `{` and quotes open structure only at such places */
  private valueStart = true;
  /** lines indented deeper than this belong to a block scalar (`|` / `>`); -1: none */
  private blockScalar = -1;
  private lineIndent = 0;

  /** Everything the walk carries from one character to the next, as a comparable key. */
  get state(): string {
    return `${this.flow},${this.raw},${+this.lineStart},${this.indent},${+this.inComment},${this.quote},${+this.valueStart},${this.blockScalar},${this.lineIndent}`;
  }

  static from(state: string): GuardScan {
    const g = new GuardScan();
    const v = state.split(',').map(Number);
    [g.flow, g.raw] = v;
    g.lineStart = v[2] === 1;
    g.indent = v[3];
    g.inComment = v[4] === 1;
    g.quote = v[5];
    g.valueStart = v[6] === 1;
    [, , , , , , , g.blockScalar, g.lineIndent] = v;
    return g;
  }

  /**
   * Walks `text[from, to)`, a piece that starts at a line start and ends after a line
   * break (or at the end of the text). The walk looks at nothing beyond the line it is on,
   * so the piece may be a string of its own: the verdict is that of the whole text.
   */
  scan(text: string, from: number, to: number): Diagnostic | undefined {
    let { flow, raw, lineStart, indent, inComment, quote, valueStart, blockScalar, lineIndent } = this;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        lineStart = true;
        indent = 0;
        inComment = false;
        if (flow === 0 && !quote) valueStart = true;
        continue;
      }
      if (inComment) continue;
      if (lineStart) {
        if (c === 32) {
          if (++indent > LIMITS.maxIndent) {
            return diagnostic('too-deep', msg('This line is indented more than {0} spaces; cjm does not read nesting this deep.', LIMITS.maxIndent), span(i, i + 1));
          }
          continue;
        }
        lineStart = false;
        lineIndent = indent;
        if (blockScalar >= 0) {
          // A block scalar's text is text: its brackets and quotes mean nothing.
          if (indent > blockScalar) {
            inComment = true;
            continue;
          }
          blockScalar = -1;
        }
        // compact nested sequences: "- - - - x"
        let dashes = 0;
        let j = i;
        while (text.charCodeAt(j) === 45 /* - */ && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9)) {
          dashes++;
          j += 2;
          while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
        }
        if (dashes > LIMITS.maxDepth) {
          return diagnostic('too-deep', msg('Lists are nested {0} deep on this line; cjm reads up to {1} levels.', dashes, LIMITS.maxDepth), span(i, j));
        }
      }
      const prev = i > 0 ? text.charCodeAt(i - 1) : 10;
      if (c === 35 /* # */ && (i === 0 || prev === 32 || prev === 9) && !quote) {
        inComment = true;
        continue;
      }
      if (c === 91 || c === 123) {
        if (++raw > LIMITS.maxRawDepth) {
          return diagnostic('too-deep', msg('Brackets are nested more than {0} deep here (counting those inside quotes); cjm does not read nesting this deep.', LIMITS.maxRawDepth), span(i, i + 1));
        }
      } else if ((c === 93 || c === 125) && raw > 0) {
        raw--;
      }
      if (quote) {
        if (c === 92 /* \ */ && quote === 34) i++; // an escaped character in "…"
        else if (c === quote) {
          if (quote === 39 && text.charCodeAt(i + 1) === 39) i++; // '' inside '…'
          else quote = 0;
        }
        continue;
      }
      if (c === 32 || c === 9) continue;
      if (valueStart && (c === 38 /* & */ || c === 33 /* ! */)) {
        // An anchor or a tag comes before the node it names: the node may still start after it.
        while (i + 1 < text.length && !/[\s,\[\]{}]/.test(text[i + 1])) i++;
        continue;
      }
      if (valueStart && (c === 34 || c === 39)) {
        quote = c;
        valueStart = false;
        continue;
      }
      if (flow === 0 && valueStart && (c === 124 /* | */ || c === 62 /* > */)) {
        blockScalar = lineIndent;
        valueStart = false;
        continue;
      }
      if ((c === 91 || c === 123) && (valueStart || flow > 0)) {
        if (++flow > LIMITS.maxDepth) {
          return diagnostic('too-deep', msg('Brackets are nested more than {0} deep here; cjm does not read nesting this deep.', LIMITS.maxDepth), span(i, i + 1));
        }
        valueStart = true;
        continue;
      }
      if ((c === 93 || c === 125) && flow > 0) {
        flow--;
        valueStart = false;
        continue;
      }
      // Where the next node may start: after `- `, `? `, `key: `, and inside [ ] / { } after `,`.
      const next = text.charCodeAt(i + 1);
      const spaceAfter = next === 32 || next === 9 || next === 10 || next === 13 || Number.isNaN(next);
      if ((c === 45 /* - */ || c === 63 /* ? */) && spaceAfter && flow === 0) valueStart = true;
      else if (c === 58 /* : */ && (spaceAfter || flow > 0)) valueStart = true;
      else if (c === 44 /* , */ && flow > 0) valueStart = true;
      else valueStart = false;
    }
    // A refusal ends the walk; only a piece that passed hands its state on.
    Object.assign(this, { flow, raw, lineStart, indent, inComment, quote, valueStart, blockScalar, lineIndent });
    return undefined;
  }
}

/**
 * Things in the text that make parsing a stage on its own differ from the whole file. Among
 * them, line terminators that a stage cut's regexes would see as line breaks but YAML does not
 * (U+2028, U+2029), or sees differently (a lone CR): the cut must find the lines YAML finds.
 * A key left empty (`: value`) or written as `? key` is placed by the parser where a cut
 * document would place it differently. Every alternative is found within one line, so testing
 * each piece of a text cut at line starts answers for the whole.
 */
export const CUT_UNSAFE = /(^|[\s\[{,])[&*!][^\s]|^(---|\.\.\.)(\s|$)|^%|\t|\r(?!\n)|[\u2028\u2029]|^[ -]*[:?](\s|$)/m;
