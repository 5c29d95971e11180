/**
 * A future-state map's current state for the exports (HTML, SVG, PNG): `baseline:` and the
 * `use:` libraries of both maps read through workspace.fs, so it works wherever the
 * workspace is (a disk, github.dev, the browser build). The core resolves synchronously: the
 * files it asks for are fetched and resolution runs again until nothing new is asked, as the
 * language server links a map (server/src/library.ts).
 */
import * as vscode from 'vscode';
import { IMPORT_LIMITS, Locale, analyzeWithImports, pathToUri, resolveBaseline, uriToPath } from '@cjm/core';
import { BaselineOverlay, buildBaselineOverlay } from '@cjm/render';

/** The overlay of a map over its current state; undefined without a `baseline:` or when it cannot be read. */
export async function baselineOverlay(doc: vscode.TextDocument, locale: Locale): Promise<BaselineOverlay | undefined> {
  const text = doc.getText();
  const path = uriToPath(doc.uri.toString());
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.toString();
  const root = folder ? uriToPath(folder) : path.slice(0, path.lastIndexOf('/'));
  const texts = new Map<string, string | undefined>();
  for (let round = 0; round <= IMPORT_LIMITS.maxDepth + 2; round++) {
    const missing: string[] = [];
    const read = (p: string) => {
      // An open editor's text is what the user sees, saved or not.
      const open = vscode.workspace.textDocuments.find((d) => uriToPath(d.uri.toString()) === p);
      if (open) return open.getText();
      if (!texts.has(p)) missing.push(p);
      return texts.get(p);
    };
    const a = analyzeWithImports(text, path, { read, root });
    if (!a.map.baseline) return undefined;
    const b = resolveBaseline(a, path, { read, root, locale });
    if (!missing.length) return b.baseline?.diff ? buildBaselineOverlay(b.baseline.analysis, a, b.baseline.diff, locale) : undefined;
    for (const p of missing) {
      texts.set(p, await Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.parse(pathToUri(p)))).then((bytes) => new TextDecoder().decode(bytes), () => undefined));
    }
  }
  return undefined;
}
