/**
 * The diff webview's HTML shell: the same strict Content-Security-Policy as the preview (only
 * this page's nonce runs scripts, nothing from the network), the preview's stylesheet plus the
 * diff's, the toolbar (previous / next, Changes | Before | After), and the settings the
 * script boots from. The diff itself arrives by message.
 */
import * as vscode from 'vscode';
import type { Locale } from '@cjm/core';
import { escapeHtml } from '@cjm/render/escape';
import { nonce } from '../preview/previewContent';
import type { DiffSettings, DiffState } from './protocol';
import { diffWords } from './labels';

export function diffShellHtml(webview: vscode.Webview, extensionUri: vscode.Uri, locale: Locale, state: DiffState): string {
  const n = nonce();
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  const w = diffWords(locale);
  const settings: DiffSettings = {
    labels: { previous: w.previous, next: w.next, changes: w.changes, before: w.before, after: w.after, position: w.position, none: w.none },
    state,
  };
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  const e = escapeHtml;
  const mode = (m: DiffState['mode'], text: string) => `<button type="button" data-mode="${m}" aria-pressed="${state.mode === m}">${e(text)}</button>`;
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta id="cjm-settings" data-settings="${e(JSON.stringify(settings))}">
<link rel="stylesheet" href="${e(asset('media', 'preview.css'))}">
<link rel="stylesheet" href="${e(asset('media', 'diff.css'))}">
<title>cjm diff</title>
</head>
<body class="cjm-diff-body">
<div class="cjm-toolbar cjm-diff-toolbar" role="toolbar">
<button type="button" data-command="previous" title="${e(w.previous)} (Alt+↑)" aria-label="${e(w.previous)}">↑ ${e(w.previous)}</button>
<span class="cjm-position" aria-live="polite"></span>
<button type="button" data-command="next" title="${e(w.next)} (Alt+↓)" aria-label="${e(w.next)}">↓ ${e(w.next)}</button>
<span class="cjm-spacer"></span>
<span class="cjm-sides"></span>
<span class="cjm-segmented" role="group">${mode('changes', w.changes)}${mode('before', w.before)}${mode('after', w.after)}</span>
</div>
<main id="cjm-content" class="cjm-map-view"></main>
<script nonce="${n}" src="${e(asset('dist', 'media', 'diff.js'))}"></script>
</body>
</html>`;
}
