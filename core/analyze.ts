/**
 * The one entry point every face of cjm uses: text in, model + diagnostics + symbols out.
 */
import { Diagnostic, diagnostic } from './diagnostics';
import { msg } from './l10n';
import type { JourneyMap } from './model';
import { guardText } from './guard';
import { ReadOptions, parseMap, parseYaml, readDocument, syntaxDiagnostics } from './parse';
import { SymbolTable, buildSymbols } from './symbols';
import { LineIndex, span } from './text';
import { validateMap } from './validate';
import { bestSlips, repairSlip, slipBack, slipDiagnostic, withoutEchoes } from './yamlSlips';
import type { Document } from 'yaml';

export interface Analysis {
  readonly text: string;
  readonly lines: LineIndex;
  readonly map: JourneyMap;
  /** sorted by position */
  readonly diagnostics: readonly Diagnostic[];
  readonly symbols: SymbolTable;
  /** the YAML syntax tree of a whole-text parse (an incremental analysis has none: its stages are parsed apart) */
  readonly yaml?: Document.Parsed;
}

export function analyze(text: string, lines?: LineIndex): Analysis {
  return analyzeParsed(text, undefined, { lines });
}

/**
 * Analysis of a text whose YAML document may already be parsed (the incremental
 * analyzer splices cached stage parses into it, their ranges relative to `options.bases`);
 * without one, the text is parsed whole. A caller that has the text's line index passes it.
 */
export function analyzeParsed(text: string, doc: Document.Parsed | undefined, options: ReadOptions = {}): Analysis {
  return analyzeText(text, doc, options, 0);
}

/** How many indentation slips in a row are explained one by one before the parser's own words are shown. */
const SLIPS_EXPLAINED = 4;

function analyzeText(text: string, doc: Document.Parsed | undefined, options: ReadOptions, slips: number): Analysis {
  const lines = options.lines ?? new LineIndex(text);
  try {
    const parsed = doc ? readDocument(text, doc, [], { lines, bases: options.bases, reuse: options.reuse, moveInPlace: options.moveInPlace }) : parseMap(text, lines);
    const symbols = buildSymbols(parsed.map);
    let found: Diagnostic[];
    const candidates = parsed.slips?.length && slips < SLIPS_EXPLAINED ? bestSlips(text, parsed.slips, (t) => parseYaml(t).errors.length) : [];
    if (candidates.length) {
      // What the map says once the slipped line is lined up, told in this text's positions:
      // the slip itself, and whatever else is really wrong, not the parser's cascade. Of two
      // equally good ways to line it up (a line halfway between two levels), the one that
      // leaves the map with fewer problems.
      const tried = candidates.map((slip) => ({ slip, repaired: analyzeText(repairSlip(text, slip), undefined, {}, slips + 1) }));
      const problems = (a: Analysis) => a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length;
      const { slip, repaired } = tried.reduce((a, b) => (problems(b.repaired) < problems(a.repaired) ? b : a));
      found = [slipDiagnostic(slip), ...repaired.diagnostics.map((d) => slipBack(d, slip))];
    } else {
      found = withoutEchoes(text, [...parsed.diagnostics, ...validateMap(parsed.map, symbols, text, lines)], lines, parsed.unreadFrom);
    }
    const diagnostics = found.map((d) => onLine(d, text));
    diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    return { text, lines, map: parsed.map, diagnostics, symbols, yaml: options.bases?.size ? undefined : parsed.yaml };
  } catch (e) {
    // A bug in cjm must cost the user a message, not the editor session.
    const map = parseMapSafe(text);
    return {
      text,
      lines,
      map,
      diagnostics: [diagnostic('internal-error', msg('cjm could not analyze this file ({0}). Please report it with the file.', String((e as Error)?.message ?? e)), span(0, 0))],
      symbols: buildSymbols(map),
    };
  }
}

/**
 * What an editor checks in a map too big to check fully on every change
 * (`LIMITS.maxFullAnalysis`): the guard's limits and the YAML syntax, nothing of the model.
 * The map it returns is empty, so no rule reports anything the map does not hold.
 */
export function analyzeSyntax(text: string, lines?: LineIndex): Analysis {
  const index = lines ?? new LineIndex(text);
  const empty = parseMapSafe('');
  const refused = guardText(text);
  let diagnostics: Diagnostic[];
  try {
    diagnostics = refused ? [refused] : syntaxDiagnostics(text, parseYaml(text));
  } catch (e) {
    diagnostics = [diagnostic('yaml-syntax', msg('The YAML parser failed: {0}', String((e as Error)?.message ?? e)), span(0, 0))];
  }
  diagnostics = diagnostics.map((d) => onLine(d, text)).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { text, lines: index, map: empty, diagnostics, symbols: buildSymbols(empty) };
}

/**
 * The YAML parser may end a range on the CR of a CRLF: half a line break, which is no
 * position an editor has (the range would end one column past the line). End it before the
 * CR instead; everything else about the diagnostic stays.
 */
function onLine(d: Diagnostic, text: string): Diagnostic {
  const { start, end } = d.span;
  const cutsCrlf = (o: number) => o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10;
  if (!cutsCrlf(end) && !cutsCrlf(start)) return d;
  const e = cutsCrlf(end) ? end - 1 : end;
  const s = cutsCrlf(start) ? start - 1 : start;
  return { ...d, span: span(Math.min(s, e), e) };
}

function parseMapSafe(text: string): JourneyMap {
  try {
    return parseMap(text).map;
  } catch {
    return parseMap('').map;
  }
}
