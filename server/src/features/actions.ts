/**
 * Quick fixes: the core attaches ready-made fixes to its diagnostics; this surfaces each
 * as a code action, tied to the diagnostic it fixes, plus a "fix all" of the preferred ones.
 */
import { CodeAction, CodeActionKind, Range } from 'vscode-languageserver-types';
import { Analysis, Diagnostic, Locale, TextEdit, fixTitle, t } from '@cjm/core';
import { rangesOverlap, toDiagnostic, toRange, toTextEdits } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cjm`;

export function codeActions(a: Analysis, uri: string, range: Range, only?: readonly string[], locale: Locale = 'en'): CodeAction[] {
  const wants = (kind: string) => !only?.length || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const out: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of a.diagnostics) {
      if (!d.fixes?.length || !rangesOverlap(toRange(a.lines, d.span), range)) continue;
      const diag = toDiagnostic(a, d, uri, locale);
      for (const f of d.fixes) {
        out.push({
          title: fixTitle(f, locale),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          isPreferred: f.preferred === true,
          edit: { changes: { [uri]: toTextEdits(a.lines, f.edits) } },
        });
      }
    }
  }
  if (wants(FIX_ALL_KIND) && only?.length) {
    const all = fixAll(a.diagnostics);
    if (all.length) out.push({ title: t(locale, 'Fix all auto-fixable cjm problems'), kind: FIX_ALL_KIND, edit: { changes: { [uri]: toTextEdits(a.lines, all) } } });
  }
  return out;
}

/** The preferred fix of every diagnostic, skipping any whose edits would overlap an earlier one. */
export function fixAll(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const d of diagnostics) {
    const f = d.fixes?.find((x) => x.preferred);
    if (!f) continue;
    const clash = f.edits.some((e) => edits.some((x) => e.span.start < x.span.end && x.span.start < e.span.end || (e.span.start === x.span.start && e.span.end === x.span.end)));
    if (!clash) edits.push(...f.edits);
  }
  return edits.sort((x, y) => x.span.start - y.span.start);
}
