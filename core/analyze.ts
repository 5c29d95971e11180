/**
 * The one entry point every face of cjm uses: text in, model + diagnostics + symbols out.
 */
import { Diagnostic, diagnostic } from './diagnostics';
import { msg } from './l10n';
import type { JourneyMap } from './model';
import { parseMap, readDocument } from './parse';
import { SymbolTable, buildSymbols } from './symbols';
import { LineIndex, span } from './text';
import { validateMap } from './validate';
import type { Document } from 'yaml';

export interface Analysis {
  readonly text: string;
  readonly lines: LineIndex;
  readonly map: JourneyMap;
  /** sorted by position */
  readonly diagnostics: readonly Diagnostic[];
  readonly symbols: SymbolTable;
  readonly yaml?: Document.Parsed;
}

export function analyze(text: string): Analysis {
  return analyzeParsed(text, undefined);
}

/**
 * Analysis of a text whose YAML document may already be parsed (the incremental
 * analyzer splices cached stage parses into it); without one, the text is parsed whole.
 */
export function analyzeParsed(text: string, doc: Document.Parsed | undefined): Analysis {
  const lines = new LineIndex(text);
  try {
    const parsed = doc ? readDocument(text, doc) : parseMap(text);
    const symbols = buildSymbols(parsed.map);
    const diagnostics = [...parsed.diagnostics, ...validateMap(parsed.map, symbols, text, lines)];
    diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    return { text, lines, map: parsed.map, diagnostics, symbols, yaml: parsed.yaml };
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

function parseMapSafe(text: string): JourneyMap {
  try {
    return parseMap(text).map;
  } catch {
    return parseMap('').map;
  }
}
