/**
 * "CJM: Export…": the map as a standalone HTML page (no scripts), an SVG picture, a PNG (the
 * webview rasterizes the SVG on a canvas) or Markdown with a Mermaid journey block. Every
 * format comes from render, the same renderer the preview and `cjm render` use.
 * Reads the text from the open document (untitled and virtual documents included).
 */
import * as vscode from 'vscode';
import { analyze, mapLanguage, mapWithLibraryPersonas } from '@cjm/core';
import { renderBaselineStandaloneHtml, renderBaselineSvg, renderMarkdown, renderStandaloneHtml, renderSvg } from '@cjm/render';
import css from '../../../media/preview.css';
import diffCss from '../../../media/diff.css';
import { BaselineFiles } from './baseline';
import { uiLabels } from './labels';
import type { CjmPreview } from './preview';
import type { PreviewManager } from './previewManager';
import { isMapDocument } from './preview';
import { exportLanes, exportPlace, formatWithoutAsking } from './exportSettings';

export const EXPORT_FORMATS = ['html', 'svg', 'png', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const EXT: Record<ExportFormat, string> = { html: 'html', svg: 'svg', png: 'png', md: 'md' };
const PNG_SCALE = 2;

export interface ExportArgs {
  readonly uri?: vscode.Uri;
  readonly format?: ExportFormat;
  /** where to write; without it the user is asked */
  readonly target?: vscode.Uri;
}

function fmt(s: string, ...args: string[]): string {
  return s.replace(/\{(\d+)\}/g, (_, i) => args[Number(i)] ?? '');
}

async function documentFor(manager: PreviewManager, args: ExportArgs, from?: CjmPreview): Promise<vscode.TextDocument | undefined> {
  if (args.uri) return vscode.workspace.openTextDocument(args.uri);
  if (from) return from.document() ?? vscode.workspace.openTextDocument(from.resource);
  const editor = vscode.window.activeTextEditor?.document;
  if (editor && isMapDocument(editor)) return editor;
  const p = manager.active();
  return p ? p.document() ?? vscode.workspace.openTextDocument(p.resource) : undefined;
}

function defaultTarget(doc: vscode.TextDocument, format: ExportFormat): vscode.Uri | undefined {
  const base = doc.uri.path.split('/').pop()!.replace(/\.cjm$/i, '') || 'journey';
  // `cjm.export.folder`: a folder of the map's workspace (`exports`) or an absolute one.
  const place = exportPlace(vscode.workspace.getConfiguration('cjm.export', doc.uri).get('folder'));
  // An absolute folder means something only where the map is on a disk (not github.dev, not an untitled map).
  if (place.kind === 'absolute' && doc.uri.scheme === 'file') return vscode.Uri.joinPath(vscode.Uri.file(place.path), `${base}.${EXT[format]}`);
  if (place.kind === 'workspace') {
    const root = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (root) return vscode.Uri.joinPath(root, ...place.segments, `${base}.${EXT[format]}`);
  }
  return besideMap(doc, format);
}

function besideMap(doc: vscode.TextDocument, format: ExportFormat): vscode.Uri | undefined {
  const base = doc.uri.path.split('/').pop()!.replace(/\.cjm$/i, '') || 'journey';
  // Beside the map wherever the workspace is (file:, vscode-vfs: on github.dev, vscode-remote:).
  if (doc.uri.scheme === 'file' || vscode.workspace.getWorkspaceFolder(doc.uri)) return vscode.Uri.joinPath(doc.uri, '..', `${base}.${EXT[format]}`);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, `${base}.${EXT[format]}`) : undefined;
}

export async function exportMap(manager: PreviewManager, args: ExportArgs = {}, from?: CjmPreview): Promise<vscode.Uri | undefined> {
  const L = uiLabels(manager.locale);
  const doc = await documentFor(manager, args, from);
  if (!doc) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a .cjm journey map first.'));
    return undefined;
  }
  // `cjm.export.format`: a format set there is written without asking.
  let format = args.format ?? formatWithoutAsking(vscode.workspace.getConfiguration('cjm.export', doc.uri).get('format'));
  if (!format) {
    const pick = await vscode.window.showQuickPick(EXPORT_FORMATS.map((f) => ({ label: L.exportFormats[f], format: f })), { title: L.exportTitle });
    if (!pick) return undefined;
    format = pick.format;
  }
  let target = args.target;
  if (!target) {
    let defaultUri = defaultTarget(doc, format);
    // A `cjm.export.folder` that does not exist (yet) is not made behind the user's back: the
    // dialog starts beside the map instead.
    if (defaultUri && !(await vscode.workspace.fs.stat(vscode.Uri.joinPath(defaultUri, '..')).then(() => true, () => false))) defaultUri = besideMap(doc, format);
    target = await vscode.window.showSaveDialog({ defaultUri, filters: { [format.toUpperCase()]: [EXT[format]] } });
    if (!target) return undefined;
  }
  try {
    const text = doc.getText();
    const files = new BaselineFiles(doc.uri);
    const own = analyze(text);
    // Drawn with the personas it takes from its libraries, named as the library names them (as `cjm render`).
    const a = { ...own, map: own.map.use?.length ? mapWithLibraryPersonas(await files.linkedNow(own)) : own.map };
    // Exports are read by the map's audience: labels in the map's language (declared, else
    // read from its text), whatever VS Code's language, as `cjm render` draws them.
    const locale = mapLanguage(a.map, text);
    const lanes = exportLanes(vscode.workspace.getConfiguration('cjm.export', doc.uri).get('lanes'));
    // A future-state map is exported over its current state (`baseline:`), as `cjm render` draws it.
    const overlay = format === 'md' ? undefined : (await files.overlay(text, locale)).overlay;
    const picture = () => (overlay ? renderBaselineSvg(overlay, { lanes }) : renderSvg(a.map, { locale, lanes }));
    let bytes: Uint8Array;
    switch (format) {
      case 'html':
        bytes = new TextEncoder().encode(overlay ? renderBaselineStandaloneHtml(overlay, `${css}\n${diffCss}`) : renderStandaloneHtml(a.map, { locale, css }));
        break;
      case 'svg':
        bytes = new TextEncoder().encode(picture());
        break;
      case 'md':
        bytes = new TextEncoder().encode(renderMarkdown(a.map, { locale }));
        break;
      case 'png': {
        // Only a webview has a canvas: use this map's preview, opening one beside if needed.
        const preview = manager.all.find((p) => p.resource.toString() === doc.uri.toString()) ?? (await manager.open(doc.uri, true));
        if (!preview) throw new Error('no preview to draw the PNG in');
        const svg = picture();
        const dataUrl = await preview.request<string>((requestId) => ({ type: 'rasterize', requestId, svg, scale: PNG_SCALE }));
        // atob, not Buffer: the browser build has no Node.
        const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
        bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
        break;
      }
    }
    await vscode.workspace.fs.writeFile(target, bytes);
    if (!args.target) {
      void vscode.window.showInformationMessage(fmt(L.exported, target.scheme === 'file' ? target.fsPath : target.toString()), L.open).then((choice) => {
        // Only a local file has an app outside VS Code to open it; elsewhere VS Code shows it.
        if (choice) void (target!.scheme === 'file' ? vscode.env.openExternal(target!) : vscode.commands.executeCommand('vscode.open', target));
      });
    }
    return target;
  } catch (e) {
    void vscode.window.showErrorMessage(fmt(L.exportFailed, (e as Error)?.message ?? String(e)));
    if (args.target) throw e;
    return undefined;
  }
}
