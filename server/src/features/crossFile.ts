/**
 * Navigation across files: a map's `use:` libraries declare personas, channels, teams,
 * sources and lanes that the map refers to. Go to definition jumps into the library; find
 * references and rename cover the library and every map that uses it.
 */
import { Location, LocationLink, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { Analysis, LinkedAnalysis, Locale, RefKind, SHARED_KINDS, Span } from '@cjm/core';
import { toRange } from './convert';
import { RenameRefusal, newIdProblem, refusalLocale, symbolAt } from './lookup';

/** What the server knows across files: every linked map, and how to name a core path as a URI. */
export interface CrossFileWorld {
  /** every map the server has linked (open or read from disk), by URI */
  readonly maps: ReadonlyMap<string, LinkedAnalysis>;
  /** a core path (decoded) → the URI the client knows the file by */
  uriOf(path: string): string;
  /** a URI → the core path */
  pathOf(uri: string): string;
}

/** Go to definition for a reference declared in a library. */
export function importedDefinition(a: LinkedAnalysis, offset: number, world: CrossFileWorld): LocationLink[] {
  const sym = symbolAt(a, offset);
  if (!sym || sym.definition) return [];
  const imported = a.imports.byId(sym.kind, sym.id);
  if (!imported) return [];
  const lib = imported.file.analysis;
  return [LocationLink.create(world.uriOf(imported.file.path), toRange(lib.lines, imported.definition.node), toRange(lib.lines, imported.definition.span), toRange(a.lines, sym.span))];
}

/** Where a shared declaration is, as a path, from a map or library at `uri`. */
function declarationPath(a: LinkedAnalysis | Analysis, uri: string, kind: RefKind, id: string, world: CrossFileWorld): string | undefined {
  if (a.symbols.byId(kind, id)) return world.pathOf(uri);
  return 'imports' in a ? a.imports.byId(kind, id)?.file.path : undefined;
}

/** Every span in every known file that names the declaration at `declPath`. */
function crossOccurrences(kind: RefKind, id: string, declPath: string, world: CrossFileWorld, current: { uri: string; analysis: LinkedAnalysis | Analysis }): Array<{ uri: string; a: Analysis; span: Span; declaration: boolean }> {
  const out: Array<{ uri: string; a: Analysis; span: Span; declaration: boolean }> = [];
  const files = new Map<string, LinkedAnalysis | Analysis>(world.maps);
  files.set(current.uri, current.analysis);
  const seenPaths = new Set<string>();
  for (const [uri, a] of files) {
    const path = world.pathOf(uri);
    if (seenPaths.has(path)) continue;
    seenPaths.add(path);
    if (declarationPath(a, uri, kind, id, world) !== declPath) continue;
    if (path === declPath) for (const d of a.symbols.definitions) if (d.kind === kind && d.id === id) out.push({ uri, a, span: d.span, declaration: true });
    for (const r of a.symbols.references) if (r.kind === kind && r.id === id) out.push({ uri, a, span: r.span, declaration: false });
  }
  // The library itself may be known only through a map that uses it.
  if (!seenPaths.has(declPath)) {
    for (const a of files.values()) {
      const lib = 'imports' in a ? a.imports.files.find((f) => f.path === declPath) : undefined;
      if (!lib) continue;
      const uri = world.uriOf(declPath);
      for (const d of lib.analysis.symbols.definitions) if (d.kind === kind && d.id === id) out.push({ uri, a: lib.analysis, span: d.span, declaration: true });
      for (const r of lib.analysis.symbols.references) if (r.kind === kind && r.id === id) out.push({ uri, a: lib.analysis, span: r.span, declaration: false });
      break;
    }
  }
  return out.sort((x, y) => (x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : x.span.start - y.span.start));
}

/**
 * The symbol under the cursor and its occurrences in every file, when it is shared through
 * `use:` and some occurrence lies outside this file; undefined when the single-file answer stands.
 */
function sharedSymbolAt(a: LinkedAnalysis | Analysis, uri: string, offset: number, world: CrossFileWorld) {
  const sym = symbolAt(a, offset);
  if (!sym || !SHARED_KINDS.includes(sym.kind)) return undefined;
  const declPath = declarationPath(a, uri, sym.kind, sym.id, world);
  if (!declPath) return undefined;
  const all = crossOccurrences(sym.kind, sym.id, declPath, world, { uri, analysis: a });
  if (all.every((o) => world.pathOf(o.uri) === world.pathOf(uri))) return undefined;
  return { sym, all };
}

/**
 * Find references across files, when the symbol under the cursor is shared through `use:`
 * (declared in a library, or declared here and used by maps that use this file).
 * Undefined when nothing outside this file is involved: the single-file answer stands.
 */
export function crossReferences(a: LinkedAnalysis | Analysis, uri: string, offset: number, includeDeclaration: boolean, world: CrossFileWorld): Location[] | undefined {
  const shared = sharedSymbolAt(a, uri, offset, world);
  if (!shared) return undefined;
  return shared.all.filter((o) => includeDeclaration || !o.declaration).map((o) => Location.create(o.uri, toRange(o.a.lines, o.span)));
}

/** A rename across files refused: the same words as in one file (lookup.ts), in the map's language unless a locale was given. */
export class CrossRenameError extends RenameRefusal {}

/** Rename a shared id in its library and in every map that uses it: one edit across the files. */
export function crossRename(a: LinkedAnalysis | Analysis, uri: string, offset: number, newName: string, world: CrossFileWorld, locale?: Locale): WorkspaceEdit | undefined {
  const shared = sharedSymbolAt(a, uri, offset, world);
  if (!shared) return undefined;
  const { sym, all } = shared;
  const declaring = all.find((o) => o.declaration);
  const problem = newIdProblem(sym.kind, sym.id, newName, (id) => !!declaring?.a.symbols.byId(sym.kind, id));
  if (problem) throw new CrossRenameError(problem, refusalLocale(a, locale));
  const name = newName.trim();
  const changes: Record<string, TextEdit[]> = {};
  for (const o of all) {
    if (o.a.text.slice(o.span.start, o.span.end) !== sym.id) continue; // quoted spellings are left alone rather than broken
    (changes[o.uri] ??= []).push(TextEdit.replace(toRange(o.a.lines, o.span), name));
  }
  return { changes };
}
