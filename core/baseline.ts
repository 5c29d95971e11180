/**
 * Current state vs future state: a map's `baseline:` names the current-state map it improves
 * on. Reading it follows the same rules as `use:` (core/imports.ts): a relative `.cjm` path
 * inside the workspace, read through a reader the caller hands in. The comparison itself is
 * the semantic diff (`diffMaps`), current state → this map, so "added", "removed" and
 * "improved" mean what they mean in `cjm diff`.
 */
import type { Analysis } from './analyze';
import { Diagnostic, diagnostic } from './diagnostics';
import { diffMaps } from './diff';
import type { MapDiff } from './diff';
import { FileReader, analyzeWithImports, readNamed, resolveRelative } from './imports';
import { msg } from './l10n';
import type { Locale } from './vocabulary/locale';

export interface BaselineOptions {
  readonly read: FileReader;
  readonly root?: string;
  /** the language of the diff's texts */
  readonly locale?: Locale;
  readonly analyze?: (path: string, text: string) => Analysis;
  /** false: only check that the baseline can be read (diagnostics), without comparing */
  readonly compare?: boolean;
}

export interface Baseline {
  /** the file `baseline:` names, resolved */
  readonly path: string;
  readonly analysis: Analysis;
  /** current state (the baseline) → this map */
  readonly diff?: MapDiff;
}

export interface BaselineResult {
  readonly baseline?: Baseline;
  /** problems, at the `baseline:` value */
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads and compares a map's baseline; no `baseline:` gives an empty result. Never throws. */
export function resolveBaseline(a: Analysis, path: string, options: BaselineOptions): BaselineResult {
  const written = a.map.baseline;
  if (!written) return { diagnostics: [] };
  const resolved = resolveRelative(path, written.value, options.root);
  if ('refused' in resolved) return { diagnostics: [diagnostic('refused-file', resolved.refused, written.span)] };
  const self = resolveRelative(path, path.slice(path.lastIndexOf('/') + 1));
  if ('path' in self && self.path === resolved.path) return { diagnostics: [diagnostic('circular-use', msg('A map cannot be its own baseline.'), written.span)] };
  const got = readNamed(resolved.path, written.value, options.read);
  if ('missing' in got) return { diagnostics: [diagnostic('missing-file', got.missing, written.span)] };
  if ('refused' in got) return { diagnostics: [diagnostic('refused-file', got.refused, written.span)] };
  try {
    // The current state is read as its own `cjm check` reads it, its libraries linked: else every
    // persona it takes from a shared library would count as a problem the future state "fixed".
    const analysis = options.analyze ? options.analyze(resolved.path, got.text) : analyzeWithImports(got.text, resolved.path, { read: options.read, root: options.root });
    const diff = options.compare === false ? undefined : diffMaps(analysis, a, { locale: options.locale });
    return { baseline: { path: resolved.path, analysis, ...(diff ? { diff } : {}) }, diagnostics: [] };
  } catch (e) {
    return { diagnostics: [diagnostic('internal-error', msg('cjm could not analyze this file ({0}). Please report it with the file.', String((e as Error)?.message ?? e)), written.span)] };
  }
}

/** The analysis with the baseline's problems added (the editor's and `cjm check`'s view of `baseline:`). */
export function withBaselineDiagnostics<A extends Analysis>(a: A, result: BaselineResult): A {
  if (!result.diagnostics.length) return a;
  const diagnostics = [...a.diagnostics, ...result.diagnostics].sort((x, y) => x.span.start - y.span.start || x.span.end - y.span.end);
  return { ...a, diagnostics };
}
