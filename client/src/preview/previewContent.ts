/**
 * The webview's HTML shell: a strict Content-Security-Policy (scripts only with this page's
 * nonce, nothing from the network), the stylesheet and script from the extension's media,
 * the toolbar, and the settings the script boots from. The map itself arrives by message.
 */
import * as vscode from 'vscode';
import type { Locale } from '@cjm/core';
import { escapeHtml } from '@cjm/render/escape';
import type { PreviewSettings, PreviewState } from './protocol';
import { uiLabels } from './labels';

export function nonce(): string {
  const bytes = new Uint8Array(18);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  // crypto.getRandomValues exists in every extension host; Math.random only if it does not.
  globalThis.crypto?.getRandomValues?.(bytes);
  // btoa, not Buffer: the browser build has no Node.
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '');
}

/** Webviews may load only the extension's built media and stylesheet. */
export function localRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'media'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function shellHtml(webview: vscode.Webview, extensionUri: vscode.Uri, locale: Locale, state: PreviewState): string {
  const n = nonce();
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  const labels = uiLabels(locale);
  const settings: PreviewSettings = {
    labels: {
      zoomIn: labels.zoomIn, zoomOut: labels.zoomOut, zoomReset: labels.zoomReset, fit: labels.fit, map: labels.map, mermaid: labels.mermaid,
      locked: labels.locked, unlocked: labels.unlocked, export: labels.export, errorsTitle: labels.errorsTitle,
      staleNote: labels.staleNote, line: labels.line, mermaidLoading: labels.mermaidLoading, mermaidFailed: labels.mermaidFailed,
    },
    mermaidScript: asset('dist', 'media', 'mermaid.js'),
    state,
  };
  // Inline styles are allowed because mermaid's SVG carries its own <style>; scripts never are.
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta id="cjm-settings" data-settings="${e(JSON.stringify(settings))}">
<link rel="stylesheet" href="${e(asset('media', 'preview.css'))}">
<link rel="stylesheet" id="cjm-diff-css" href="${e(asset('media', 'diff.css'))}" disabled>
<title>cjm</title>
</head>
<body>
<div class="cjm-toolbar" role="toolbar">
<button type="button" data-command="zoomOut" title="${e(labels.zoomOut)}" aria-label="${e(labels.zoomOut)}">−</button>
<button type="button" class="cjm-zoom-value" data-command="zoomReset" title="${e(labels.zoomReset)}">100%</button>
<button type="button" data-command="zoomIn" title="${e(labels.zoomIn)}" aria-label="${e(labels.zoomIn)}">+</button>
<button type="button" data-command="fitWidth">${e(labels.fit)}</button>
<span class="cjm-spacer"></span>
<button type="button" data-command="showMap" aria-pressed="true">${e(labels.map)}</button>
<button type="button" data-command="showMermaid" aria-pressed="false">${e(labels.mermaid)}</button>
<button type="button" data-command="showInsights" aria-pressed="false">${e(labels.insights ?? 'Insights')}</button>
<button type="button" data-action="showCurrentState" class="cjm-current-state" aria-pressed="false" hidden></button>
<button type="button" data-action="toggleLock" class="cjm-lock" aria-pressed="false">🔓 ${e(labels.unlocked)}</button>
<button type="button" data-action="export">${e(labels.export)}</button>
</div>
<div id="cjm-banner" class="cjm-banner" role="alert" hidden></div>
<main id="cjm-content" class="cjm-map-view"></main>
<section id="cjm-mermaid" class="cjm-mermaid-view" hidden></section>
<section id="cjm-insights" class="cjm-insights-view" hidden></section>
<script nonce="${n}" src="${e(asset('dist', 'media', 'preview.js'))}"></script>
</body>
</html>`;
}
