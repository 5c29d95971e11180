/** Go to definition, find references, document highlights and rename for declared ids. */
import { DocumentHighlight, DocumentHighlightKind, Location, LocationLink, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { Analysis, Locale, RefKind, Span } from '@cjm/core';
import { toRange } from './convert';
import { NOTHING_TO_RENAME, NOT_AN_ID, RenameRefusal, WRITTEN_OTHERWISE, newIdProblem, refusalLocale, symbolAt } from './lookup';

export function definition(a: Analysis, uri: string, offset: number): LocationLink[] {
  const sym = symbolAt(a, offset);
  if (!sym?.definition) return [];
  const d = sym.definition;
  return [LocationLink.create(uri, toRange(a.lines, d.node), toRange(a.lines, d.span), toRange(a.lines, sym.span))];
}

/** Every span naming the same id: its declarations (duplicates too) and its references. */
function occurrences(a: Analysis, kind: RefKind, id: string, includeDeclaration: boolean): Array<{ span: Span; write: boolean }> {
  const out: Array<{ span: Span; write: boolean }> = [];
  if (includeDeclaration) for (const d of a.symbols.definitions) if (d.kind === kind && d.id === id) out.push({ span: d.span, write: true });
  for (const r of a.symbols.references) if (r.kind === kind && r.id === id) out.push({ span: r.span, write: false });
  return out.sort((x, y) => x.span.start - y.span.start);
}

export function references(a: Analysis, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const sym = symbolAt(a, offset);
  if (!sym) return [];
  return occurrences(a, sym.kind, sym.id, includeDeclaration).map((o) => Location.create(uri, toRange(a.lines, o.span)));
}

export function highlights(a: Analysis, offset: number): DocumentHighlight[] {
  const sym = symbolAt(a, offset);
  if (!sym) return [];
  return occurrences(a, sym.kind, sym.id, true).map((o) => DocumentHighlight.create(toRange(a.lines, o.span), o.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read));
}

/** A rename refused in one file; its `message` is in the map's language unless a locale was given. */
export class RenameError extends RenameRefusal {}

export function prepareRename(a: Analysis, offset: number, locale?: Locale): { range: Range; placeholder: string } {
  const sym = symbolAt(a, offset);
  if (!sym) throw new RenameError(NOT_AN_ID(), refusalLocale(a, locale));
  // The id as written may be quoted: rename the value, keep the quotes.
  const written = a.text.slice(sym.span.start, sym.span.end);
  if (written !== sym.id) throw new RenameError(WRITTEN_OTHERWISE(written), refusalLocale(a, locale));
  return { range: toRange(a.lines, sym.span), placeholder: sym.id };
}

export function rename(a: Analysis, uri: string, offset: number, newName: string, locale?: Locale): WorkspaceEdit {
  const sym = symbolAt(a, offset);
  if (!sym) throw new RenameError(NOTHING_TO_RENAME(), refusalLocale(a, locale));
  const problem = newIdProblem(sym.kind, sym.id, newName, (id) => !!a.symbols.byId(sym.kind, id));
  if (problem) throw new RenameError(problem, refusalLocale(a, locale));
  const name = newName.trim();
  const edits: TextEdit[] = [];
  for (const o of occurrences(a, sym.kind, sym.id, true)) {
    if (a.text.slice(o.span.start, o.span.end) !== sym.id) continue; // quoted spellings are left alone rather than broken
    edits.push(TextEdit.replace(toRange(a.lines, o.span), name));
  }
  return { changes: { [uri]: edits } };
}
