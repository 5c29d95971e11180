/**
 * The preview's entry point, called once from client/src/extension.ts: registers the
 * commands, the manager (with its webview serializer) and the export.
 */
import * as vscode from 'vscode';
import { ExportArgs, exportMap } from './export';
import { PreviewManager } from './previewManager';

export const PREVIEW_COMMANDS = {
  open: 'cjm.preview.open',
  openToSide: 'cjm.preview.openToSide',
  toggleLock: 'cjm.preview.toggleLock',
  export: 'cjm.preview.export',
  toggleMermaid: 'cjm.preview.toggleMermaid',
  zoomIn: 'cjm.preview.zoomIn',
  zoomOut: 'cjm.preview.zoomOut',
  fitWidth: 'cjm.preview.fitWidth',
  zoomReset: 'cjm.preview.zoomReset',
  showSource: 'cjm.preview.showSource',
  /** internal: scrolls the active preview as a user would (`x`, `y` in CSS pixels), for tests */
  scrollTo: 'cjm.preview.scrollTo',
  /** internal (hidden from the palette): the DOM summary of the active preview, for tests */
  inspect: 'cjm.preview.inspect',
  /** internal: clicks (or, with `{ double: true }`, double-clicks) an element of the active preview by CSS selector, for tests */
  click: 'cjm.preview.click',
} as const;

export function activatePreview(context: vscode.ExtensionContext): PreviewManager {
  const manager = new PreviewManager(context.extensionUri);
  manager.exportHandler = (p) => void exportMap(manager, {}, p);
  const uriArg = (a: unknown) => (a instanceof vscode.Uri ? a : undefined);
  const webviewCommand = (command: 'zoomIn' | 'zoomOut' | 'zoomReset' | 'fitWidth' | 'toggleMermaid') => () => manager.active()?.post({ type: 'command', command });
  context.subscriptions.push(
    manager,
    vscode.commands.registerCommand(PREVIEW_COMMANDS.open, (uri?: unknown) => manager.open(uriArg(uri), false)),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.openToSide, (uri?: unknown) => manager.open(uriArg(uri), true)),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.toggleLock, () => manager.toggleLock()),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.export, (args?: ExportArgs | vscode.Uri) => exportMap(manager, args instanceof vscode.Uri ? { uri: args } : args ?? {})),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.toggleMermaid, webviewCommand('toggleMermaid')),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.zoomIn, webviewCommand('zoomIn')),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.zoomOut, webviewCommand('zoomOut')),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.fitWidth, webviewCommand('fitWidth')),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.zoomReset, webviewCommand('zoomReset')),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.showSource, () => manager.showSource()),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.scrollTo, async (x: number, y: number) => {
      const p = manager.active();
      return p ? p.request<boolean>((requestId) => ({ type: 'scrollTo', requestId, x: Number(x) || 0, y: Number(y) || 0 })) : false;
    }),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.inspect, () => manager.inspect()),
    vscode.commands.registerCommand(PREVIEW_COMMANDS.click, async (selector: string, options?: { double?: boolean }) => {
      const p = manager.active();
      return p ? p.request<boolean>((requestId) => ({ type: 'click', requestId, selector, double: options?.double === true })) : false;
    }),
  );
  return manager;
}
