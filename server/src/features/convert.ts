/**
 * Core values (UTF-16 offsets, cjm diagnostics and fixes) to LSP values. Every feature
 * module goes through here so ranges are converted the same way everywhere.
 */
import { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Range, TextEdit } from 'vscode-languageserver-types';
import { Analysis, Diagnostic, LineIndex, Locale, Severity, Span, TextEdit as CoreEdit, diagnosticMessage, format } from '@cjm/core';

export function toRange(lines: LineIndex, s: Span): Range {
  const r = lines.range(s);
  return Range.create(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toOffset(lines: LineIndex, pos: { line: number; character: number }): number {
  return lines.offsetAt(pos);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The diagnostic for an editor whose user reads `locale`. */
export function toDiagnostic(a: Analysis, d: Diagnostic, uri: string, locale: Locale = 'en'): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(a.lines, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'cjm',
    message: diagnosticMessage(d, locale),
  };
  if (d.related?.length) out.relatedInformation = d.related.map((r) => DiagnosticRelatedInformation.create({ uri, range: toRange(a.lines, r.span) }, r.msg ? format(locale, r.msg) : r.message));
  if (d.tags?.length) out.tags = d.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  return out;
}

export function toDiagnostics(a: Analysis, uri: string, locale: Locale = 'en'): LspDiagnostic[] {
  return a.diagnostics.map((d) => toDiagnostic(a, d, uri, locale));
}

export function toTextEdits(lines: LineIndex, edits: readonly CoreEdit[]): TextEdit[] {
  return edits.map((e) => TextEdit.replace(toRange(lines, e.span), e.newText));
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
