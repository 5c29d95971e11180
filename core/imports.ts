/**
 * A shared library: `use: [../library/personas.cjm]` makes the personas, channels, teams,
 * sources and lanes declared in another file count as declared in this map.
 *
 * Resolution is pure: the caller hands in a reader (`path → text | undefined`) and, for
 * safety, the folder no import may leave. Paths are `/`-separated and may carry a URI's
 * `scheme://authority` in front (the language server passes decoded URIs, the CLI absolute
 * paths). Every problem becomes a diagnostic at the `use:` entry it came through: a map is
 * written by one person and its libraries by another, so the map's author must see where
 * the chain broke.
 */
import type { Analysis } from './analyze';
import { analyze } from './analyze';
import { Diagnostic, diagnostic } from './diagnostics';
import { Msg, msg } from './l10n';
import type { Definition, JourneyMap, Persona, Text } from './model';
import type { Span } from './text';
import type { RefKind } from './schema';
import { ExternalDeclarations, referenceDiagnostics } from './validate';

export type FileReader = (path: string) => string | undefined;

export interface UseOptions {
  /** reads an absolute path or a decoded URI, as `resolveImports` was given the map's */
  readonly read: FileReader;
  /** no path outside this folder is read (the workspace folder; for the CLI the working directory) */
  readonly root?: string;
  /** how a library's text becomes an analysis; a server passes a cache so a library many maps share is parsed once */
  readonly analyze?: (path: string, text: string) => Analysis;
  readonly maxDepth?: number;
  readonly maxFiles?: number;
}

export const IMPORT_LIMITS = {
  /** libraries using libraries: far beyond any real setup, low enough that a chain cannot hang a check */
  maxDepth: 8,
  /** files read for one map */
  maxFiles: 100,
  /** characters in one library file */
  maxLength: 2_000_000,
} as const;

/** The kinds a library shares; stages and steps belong to a journey. */
export const SHARED_KINDS: readonly RefKind[] = ['persona', 'channel', 'team', 'source', 'lane'];

export interface LibraryFile {
  readonly path: string;
  readonly analysis: Analysis;
}

export interface ImportedDefinition {
  readonly definition: Definition;
  readonly file: LibraryFile;
}

export interface Imports extends ExternalDeclarations {
  /** every file read, in the order reached (libraries of libraries too) */
  readonly files: readonly LibraryFile[];
  readonly definitions: readonly ImportedDefinition[];
  /** problems, at the `use:` entries of the importing map */
  readonly diagnostics: readonly Diagnostic[];
  /** each `use:` entry of the importing map and the path it names, when it names one */
  readonly entries: ReadonlyArray<{ readonly text: Text; readonly path?: string }>;
  byId(kind: RefKind, id: string): ImportedDefinition | undefined;
}

/** An analysis whose diagnostics count its libraries' declarations as declared. */
export interface LinkedAnalysis extends Analysis {
  readonly imports: Imports;
}

export type ResolvedPath = { readonly path: string } | { readonly refused: Msg };

const URI_PREFIX = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/;
const DRIVE_PREFIX = /^[A-Za-z]:(?=\/)/;

function splitPrefix(path: string): { prefix: string; rest: string } {
  const m = URI_PREFIX.exec(path) ?? DRIVE_PREFIX.exec(path);
  return m ? { prefix: m[0], rest: path.slice(m[0].length) } : { prefix: '', rest: path };
}

/** `a/./b/../c` → `a/c`; undefined when `..` climbs above the start. */
function normalize(segments: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(s);
  }
  return out;
}

/** A path (of a file or a folder) normalized, with its prefix: the form paths are compared in. */
function normalizedPath(path: string): string {
  const { prefix, rest } = splitPrefix(path.replace(/\\/g, '/'));
  return `${prefix}/${(normalize(rest.split('/')) ?? []).join('/')}`;
}

/**
 * The file a `use:` (or `baseline:`) entry names, relative to the map that writes it, or why
 * it is refused: absolute paths and URLs (a map must stay valid wherever the repository is
 * checked out, and must not reach into the reader's machine), anything but a `.cjm` file,
 * and anything outside `root`.
 */
export function resolveRelative(from: string, written: string, root?: string): ResolvedPath {
  const w = written.trim().replace(/\\/g, '/');
  if (!w) return { refused: msg('The path is empty.') };
  if (w.startsWith('/') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(w)) {
    return { refused: msg('`{0}` is not a relative path: write the way from this file to the other one, like `../library/personas.cjm`.', written) };
  }
  if (!/\.cjm$/i.test(w)) return { refused: msg('`{0}` is not a .cjm file.', written) };
  const { prefix, rest } = splitPrefix(from.replace(/\\/g, '/'));
  const dir = rest.split('/').slice(0, -1);
  const segments = normalize([...dir, ...w.split('/')]);
  if (!segments) return { refused: msg('`{0}` is outside the workspace; only files inside it are read.', written) };
  const path = `${prefix}/${segments.join('/')}`;
  if (root !== undefined) {
    const base = normalizedPath(root);
    if (!path.startsWith(base.endsWith('/') ? base : `${base}/`)) return { refused: msg('`{0}` is outside the workspace; only files inside it are read.', written) };
  }
  return { path };
}

/** The text of a file another one names, or why it cannot be used. */
export function readNamed(path: string, written: string, read: FileReader): { text: string } | { missing: Msg } | { refused: Msg } {
  let text: string | undefined;
  try {
    text = read(path);
  } catch {
    text = undefined;
  }
  if (text === undefined) return { missing: msg('`{0}` was not found.', written) };
  if (text.length > IMPORT_LIMITS.maxLength) return { refused: msg('`{0}` has more than {1} characters; a file another map names may have no more.', written, IMPORT_LIMITS.maxLength) };
  if (text.includes('\u0000')) return { refused: msg('`{0}` is not a text file.', written) };
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** A short name for a file in a chain: its path relative to the importing map's folder where it is below it, else its name. */
function shortName(path: string, base: string): string {
  const dir = base.slice(0, base.lastIndexOf('/') + 1);
  return path.startsWith(dir) ? path.slice(dir.length) : path.slice(path.lastIndexOf('/') + 1);
}

const keyOf = (kind: RefKind, id: string) => `${kind}\u0000${id}`;

/** Reads every library a map uses, and theirs, once each. Never throws. */
export function resolveImports(a: Analysis, path: string, options: UseOptions): Imports {
  const maxDepth = options.maxDepth ?? IMPORT_LIMITS.maxDepth;
  const maxFiles = options.maxFiles ?? IMPORT_LIMITS.maxFiles;
  const analyzeFile = options.analyze ?? ((_p: string, text: string) => analyze(text));
  const files: LibraryFile[] = [];
  const definitions: ImportedDefinition[] = [];
  const diagnostics: Diagnostic[] = [];
  const entries: Array<{ text: Text; path?: string }> = [];
  const reached = new Map<string, LibraryFile | null>();
  const first = new Map<string, ImportedDefinition>();
  const self = normalizedPath(path);

  /** Problems below the first level are reported at the first-level entry, naming the chain. */
  const report = (top: Text, chain: readonly string[], problem: Msg, code: 'missing-file' | 'circular-use' | 'refused-file') => {
    const message = chain.length ? msg('Through {0}: {1}', chain.map((c) => `\`${c}\``).join(' → '), problem) : problem;
    if (!diagnostics.some((d) => d.span.start === top.span.start && d.code === code)) diagnostics.push(diagnostic(code, message, top.span));
  };

  const visit = (fromPath: string, uses: readonly Text[], stack: readonly string[], top: Text | undefined, chain: readonly string[]) => {
    for (const entry of uses) {
      const at = top ?? entry;
      const resolved = resolveRelative(fromPath, entry.value, options.root);
      if (!top) entries.push({ text: entry, path: 'path' in resolved ? resolved.path : undefined });
      if ('refused' in resolved) {
        report(at, chain, resolved.refused, 'refused-file');
        continue;
      }
      const target = resolved.path;
      if (target === self && !top) {
        report(at, chain, msg('A map cannot use itself.'), 'circular-use');
        continue;
      }
      if (stack.includes(target)) {
        const names = [...stack.slice(stack.indexOf(target)), target].map((p) => shortName(p, path));
        report(at, [], msg('`use:` goes round in a circle: {0}.', names.join(' → ')), 'circular-use');
        continue;
      }
      if (reached.has(target)) continue;
      if (stack.length > maxDepth) {
        report(at, chain, msg('Libraries use other libraries more than {0} levels deep; cjm reads no deeper.', maxDepth), 'refused-file');
        continue;
      }
      if (reached.size >= maxFiles) {
        report(at, chain, msg('This map uses more than {0} library files; cjm reads no more.', maxFiles), 'refused-file');
        continue;
      }
      const got = readNamed(target, entry.value, options.read);
      if ('missing' in got) {
        reached.set(target, null);
        report(at, chain, got.missing, 'missing-file');
        continue;
      }
      if ('refused' in got) {
        reached.set(target, null);
        report(at, chain, got.refused, 'refused-file');
        continue;
      }
      const file: LibraryFile = { path: target, analysis: analyzeFile(target, got.text) };
      reached.set(target, file);
      files.push(file);
      for (const d of file.analysis.symbols.definitions) {
        if (!SHARED_KINDS.includes(d.kind)) continue;
        const imported = { definition: d, file };
        definitions.push(imported);
        if (!first.has(keyOf(d.kind, d.id))) first.set(keyOf(d.kind, d.id), imported);
      }
      visit(target, file.analysis.map.use ?? [], [...stack, target], at, [...chain, entry.value]);
    }
  };

  try {
    visit(path, a.map.use ?? [], [self], undefined, []);
  } catch (e) {
    diagnostics.push(diagnostic('internal-error', msg('cjm could not analyze this file ({0}). Please report it with the file.', String((e as Error)?.message ?? e)), a.map.use?.[0]?.span ?? { start: 0, end: 0 }));
  }
  const idsByKind = new Map<RefKind, string[]>();
  for (const d of definitions) {
    const list = idsByKind.get(d.definition.kind) ?? [];
    if (!list.includes(d.definition.id)) list.push(d.definition.id);
    idsByKind.set(d.definition.kind, list);
  }
  return {
    files,
    definitions,
    diagnostics,
    entries,
    byId: (kind, id) => first.get(keyOf(kind, id)),
    has: (kind, id) => first.has(keyOf(kind, id)),
    ids: (kind) => idsByKind.get(kind) ?? [],
  };
}

export const NO_IMPORTS: Imports = {
  files: [],
  definitions: [],
  diagnostics: [],
  entries: [],
  byId: () => undefined,
  has: () => false,
  ids: () => [],
};

/** The analysis with its libraries' declarations counted as declared, and the import problems added. */
export function linkImports(a: Analysis, imports: Imports): LinkedAnalysis {
  if (!imports.files.length && !imports.diagnostics.length) return { ...a, imports };
  const diagnostics = [
    ...a.diagnostics.filter((d) => d.code !== 'undeclared-reference'),
    ...referenceDiagnostics(a.map, a.symbols, a.text, a.lines, imports),
    ...imports.diagnostics,
  ].sort((x, y) => x.span.start - y.span.start || x.span.end - y.span.end);
  return { ...a, diagnostics, imports };
}

/** An analysis of the map at `path` with its `use:` libraries read through `options.read`. */
export function withImports(a: Analysis, path: string, options: UseOptions): LinkedAnalysis {
  return linkImports(a, a.map.use?.length ? resolveImports(a, path, options) : NO_IMPORTS);
}

/** `analyze` for a map at `path`, its `use:` libraries read through `options.read`. */
export function analyzeWithImports(text: string, path: string, options: UseOptions): LinkedAnalysis {
  return withImports(analyze(text), path, options);
}

/** A URI as path resolution reads it: decoded, `/`-separated (the language server's and the extension's files). */
export function uriToPath(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** A path back to a URI, escaped the way VS Code writes them. */
export function pathToUri(path: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*)(.*)$/.exec(path);
  if (!m) return path;
  // encodeURIComponent leaves !'()* as they are; VS Code's URIs escape them.
  return m[1] + m[2].split('/').map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
}

/**
 * The map as its pictures draw it: the personas it takes from its libraries added after its
 * own, so curves, legends and persona cards name them as the library does («Игорь, 27 лет»,
 * not `игорь`). Only the personas the map names: a library of fifty personas does not put
 * fifty cards on a map that follows two. Their spans point into the library's text, so
 * this is for drawing, never for editing the map; `atReference` moves them onto the place
 * the map first names the persona, for a picture whose clicks go to the map's text (the
 * preview): a library card then leads to `persona: игорь`, not to an unrelated line.
 */
export function mapWithLibraryPersonas(a: Analysis | LinkedAnalysis, options: { readonly atReference?: boolean } = {}): JourneyMap {
  if (!('imports' in a) || !a.imports.definitions.length) return a.map;
  const own = new Set(a.map.personas.map((p) => p.id?.value));
  const added: Persona[] = [];
  for (const r of a.symbols.references) {
    if (r.kind !== 'persona' || own.has(r.id) || added.some((p) => p.id?.value === r.id)) continue;
    const imported = a.imports.byId('persona', r.id);
    const persona = imported?.file.analysis.map.personas.find((p) => p.span.start === imported.definition.node.start);
    if (persona) added.push(options.atReference ? personaAt(persona, r.span) : persona);
  }
  return added.length ? { ...a.map, personas: [...a.map.personas, ...added] } : a.map;
}

/** `p` with every span it carries moved to `span`. */
function personaAt(p: Persona, span: Span): Persona {
  const at = (t: Text): Text => ({ ...t, span });
  const all = (ts: readonly Text[]): Text[] => ts.map(at);
  return {
    ...p,
    span,
    keys: new Map([...p.keys.keys()].map((k) => [k, span])),
    ...(p.id ? { id: at(p.id) } : {}),
    ...(p.name ? { name: at(p.name) } : {}),
    ...(p.quote ? { quote: at(p.quote) } : {}),
    description: all(p.description),
    goals: all(p.goals),
    needs: all(p.needs),
    frustrations: all(p.frustrations),
    motivation: all(p.motivation),
    expectations: all(p.expectations),
  };
}
