/**
 * The server's side of `use:`: reads the libraries a map names (open documents first, then
 * the workspace through `WorkspaceFiles`, which also serves the browser build's workspace.fs),
 * links the map's analysis, and remembers which maps read which files, so a change to a
 * library re-checks every map that uses it, opened or not. Node-free.
 */
import { Analysis, BaselineResult, IMPORT_LIMITS, Imports, LinkedAnalysis, NO_IMPORTS, analyze, linkImports, pathToUri, resolveBaseline, resolveImports, uriToPath, withBaselineDiagnostics } from '@cjm/core';

export interface LibraryHost {
  /** the text of an open document with this URI (however it is escaped), if one is open */
  openText(uri: string): string | undefined;
  /** the text of a file nobody opened */
  read(uri: string): Promise<string | undefined>;
  /** the workspace folder a URI is in */
  folderOf(uri: string): string | undefined;
}

// The server names files by URI, the core by path: the two conversions live in the core, shared with the extension's exports.
export { pathToUri, uriToPath };

export class Libraries {
  /** file texts read for `use:`, by core path; dropped when the file changes */
  private readonly texts = new Map<string, string | undefined>();
  /** analyses of library texts, by core path, for the text they were made from */
  private readonly analyses = new Map<string, { text: string; analysis: Analysis }>();
  /** which maps (URIs) asked for which paths in their last link, for re-checking dependents */
  private readonly asked = new Map<string, Set<string>>();
  /** the last linked analysis of every map with a `use:`, by URI: what cross-file navigation searches */
  readonly linked = new Map<string, LinkedAnalysis>();

  constructor(private readonly host: LibraryHost) {}

  private analysisOf(path: string, text: string): Analysis {
    const hit = this.analyses.get(path);
    if (hit && hit.text === text) return hit.analysis;
    const analysis = analyze(text);
    this.analyses.set(path, { text, analysis });
    return analysis;
  }

  private textOf(path: string): string | undefined {
    const open = this.host.openText(pathToUri(path));
    return open !== undefined ? open : this.texts.get(path);
  }

  /**
   * The map's analysis with its libraries linked. Resolution is synchronous in the core, so
   * the files it asks for are fetched and resolution runs again, until nothing new is asked
   * (at most as many rounds as a chain may be deep).
   */
  async link(uri: string, a: Analysis): Promise<LinkedAnalysis> {
    if (!a.map.use?.length && !a.map.baseline) {
      this.forget(uri);
      return { ...a, imports: NO_IMPORTS };
    }
    const path = uriToPath(uri);
    const folder = this.host.folderOf(uri);
    const root = folder ? uriToPath(folder) : path.slice(0, path.lastIndexOf('/'));
    const asked = new Set<string>();
    let imports: Imports = NO_IMPORTS;
    let baseline: BaselineResult = { diagnostics: [] };
    for (let round = 0; round <= IMPORT_LIMITS.maxDepth + 1; round++) {
      const missing: string[] = [];
      const read = (p: string) => {
        asked.add(p);
        const open = this.host.openText(pathToUri(p));
        if (open !== undefined) return open;
        if (!this.texts.has(p)) missing.push(p);
        return this.texts.get(p);
      };
      const analyzeFile = (p: string, text: string) => this.analysisOf(p, text);
      if (a.map.use?.length) imports = resolveImports(a, path, { root, read, analyze: analyzeFile });
      // The editor reports a baseline it cannot read; the comparison is the preview's.
      if (a.map.baseline) baseline = resolveBaseline(a, path, { root, read, analyze: analyzeFile, compare: false });
      if (!missing.length) break;
      for (const p of missing) this.texts.set(p, await this.host.read(pathToUri(p)).catch(() => undefined));
    }
    this.asked.set(uri, asked);
    const linked = withBaselineDiagnostics(linkImports(a, imports), baseline);
    this.linked.set(uri, linked);
    return linked;
  }

  /** A file changed (edited, saved, created or deleted): drop what was read of it; returns the maps that read it. */
  changed(uri: string): string[] {
    const path = uriToPath(uri);
    this.texts.delete(path);
    this.analyses.delete(path);
    const out: string[] = [];
    for (const [map, paths] of this.asked) if (paths.has(path) && uriToPath(map) !== path) out.push(map);
    return out;
  }

  forget(uri: string): void {
    this.asked.delete(uri);
    this.linked.delete(uri);
  }

  /** The library's analysis as last read (an open document's current text first). */
  libraryAnalysis(path: string): Analysis | undefined {
    const text = this.textOf(path);
    return text === undefined ? undefined : this.analysisOf(path, text);
  }
}
