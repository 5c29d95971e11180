/** Document and range formatting: the core formatter's result as LSP edits, or why it refused. */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { Analysis, FormatResult, LineIndex, Locale, formatRange, formatText, refusalReason, span } from '@cjm/core';
import { toTextEdits } from './convert';

export interface FormatOutcome {
  readonly edits: TextEdit[];
  /** set when the formatter left the file alone on purpose */
  readonly refusal?: string;
}

export function formatDocument(a: Analysis, locale: Locale = 'en'): FormatOutcome {
  const r = formatText(a.text);
  return r.ok ? { edits: toTextEdits(a.lines, r.edits) } : { edits: [], refusal: refusalReason(r, locale) };
}

export function formatDocumentRange(a: Analysis, range: Range, locale: Locale = 'en'): FormatOutcome {
  const s = span(a.lines.offsetAt(range.start), a.lines.offsetAt(range.end));
  const r = formatRange(a.text, s);
  return r.ok ? { edits: toTextEdits(a.lines, r.edits) } : { edits: [], refusal: refusalReason(r, locale) };
}

/** A formatter's result (made elsewhere, say on another thread) as LSP edits against the text whose line index is given. */
export function formatOutcome(lines: LineIndex, r: FormatResult, locale: Locale = 'en'): FormatOutcome {
  return r.ok ? { edits: toTextEdits(lines, r.edits) } : { edits: [], refusal: refusalReason(r, locale) };
}
