/**
 * The files a preview (and its exports) read besides its own map: the libraries it uses (`use:`), and the
 * current-state map a future-state map's `baseline:` names, which "Show current state" draws
 * under it (render/baseline.ts, the same overlay as `cjm render`). The core reads files
 * through a synchronous reader; here files come from open editors first (unsaved edits count),
 * else from `workspace.fs` (so it works in the browser build and on virtual workspaces), loaded
 * ahead and asked again until nothing is missing. The preview re-renders when any file read
 * here changes, in an editor or on disk.
 */
import * as vscode from 'vscode';
import { Analysis, Diagnostic, JourneyMap, Locale, analyzeWithImports, diagnosticMessage, linkImports, resolveBaseline, resolveImports } from '@cjm/core';
import { BaselineOverlay, buildBaselineOverlay, renderBaselineHtml } from '@cjm/render';

/** How many rounds of "read what was missing, then ask again": the map, its baseline, the baseline's libraries, and theirs. */
const ROUNDS = 5;

export interface BaselineRender {
  readonly html?: string;
  /** why there is no overlay (the baseline cannot be read), in the messages' language */
  readonly problem?: string;
  /** the files this overlay was read from: a change to any of them re-renders */
  readonly files: ReadonlySet<string>;
}

export class BaselineFiles {
  /** path → text, or null when it could not be read */
  private readonly texts = new Map<string, string | null>();

  constructor(private readonly resource: vscode.Uri) {}

  /** A file this cache read has changed: it is read again next time. */
  forget(uri: vscode.Uri): boolean {
    if (uri.scheme !== this.resource.scheme || uri.authority !== this.resource.authority) return false;
    return this.texts.delete(uri.path);
  }

  has(uri: vscode.Uri): boolean {
    return uri.scheme === this.resource.scheme && uri.authority === this.resource.authority && this.texts.has(uri.path);
  }

  private root(): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(this.resource);
    return folder && folder.uri.scheme === this.resource.scheme ? folder.uri.path : undefined;
  }

  /**
   * `a` with its `use:` libraries linked (what they declare counts as declared, as in the
   * editor), or undefined while a library is still being read: `loaded` is called once it is.
   */
  linked(a: Analysis, loaded: () => void, loading?: (done: Promise<void>) => void): Analysis | undefined {
    const missing = new Set<string>();
    const read = (p: string): string | undefined => {
      const t = this.texts.get(p);
      if (t === undefined) missing.add(p);
      return t ?? undefined;
    };
    const imports = resolveImports(a, this.resource.path, { read, root: this.root() });
    if (!missing.size) return linkImports(a, imports);
    const done = Promise.all([...missing].map((p) => this.load(p))).then(() => undefined);
    loading?.(done);
    void done.then(loaded, () => undefined);
    return undefined;
  }

  /** `a` with its `use:` libraries linked, once they are read (for the exports, which can wait). */
  async linkedNow(a: Analysis): Promise<Analysis> {
    for (let round = 0; round < ROUNDS; round++) {
      let loaded: Promise<void> | undefined;
      const linked = this.linked(a, () => undefined, (p) => (loaded = p));
      if (linked) return linked;
      await loaded;
    }
    // A chain deeper than the rounds: what is read so far, its missing files reported as missing.
    return linkImports(a, resolveImports(a, this.resource.path, { read: (p) => this.texts.get(p) ?? undefined, root: this.root() }));
  }

  /**
   * The overlay of `text` (the future-state map at this cache's resource) over its baseline, in
   * `locale` (labels), or the problem that prevents it; the exports draw it too.
   */
  async overlay(text: string, locale: Locale): Promise<{ readonly overlay?: BaselineOverlay; readonly problem?: Diagnostic; readonly files: ReadonlySet<string> }> {
    const path = this.resource.path;
    const root = this.root();
    for (let round = 0; round < ROUNDS; round++) {
      const missing = new Set<string>();
      const read = (p: string): string | undefined => {
        const t = this.texts.get(p);
        if (t === undefined) missing.add(p);
        return t ?? undefined;
      };
      const future = analyzeWithImports(text, path, { read, root });
      const b = resolveBaseline(future, path, { read, root, locale, analyze: (p, t) => analyzeWithImports(t, p, { read, root }) });
      if (missing.size) {
        await Promise.all([...missing].map((p) => this.load(p)));
        continue;
      }
      const files = new Set([...this.texts.keys()].map((p) => this.resource.with({ path: p }).toString()));
      if (!b.baseline?.diff) return { files, problem: b.diagnostics[0] };
      return { files, overlay: buildBaselineOverlay(b.baseline.analysis, future as Analysis, b.baseline.diff, locale) };
    }
    return { files: new Set() };
  }

  /** The overlay as the preview shows it, with problems in `words` (messages). */
  async render(text: string, locale: Locale, words: Locale): Promise<BaselineRender> {
    const { overlay, problem, files } = await this.overlay(text, locale);
    return overlay ? { files, html: renderBaselineHtml(overlay) } : { files, problem: problem ? diagnosticMessage(problem, words) : undefined };
  }

  private async load(path: string): Promise<void> {
    const uri = this.resource.with({ path });
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      this.texts.set(path, open.getText());
      return;
    }
    try {
      this.texts.set(path, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      this.texts.set(path, null);
    }
  }
}

/** Whether the map names a current-state map to be drawn under it. */
export function hasBaseline(map: JourneyMap): boolean {
  return !!map.baseline?.value.trim();
}
