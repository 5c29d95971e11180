/**
 * The Mermaid view: the map as Mermaid's own `journey` diagram, i.e. what GitHub shows for
 * the exported Markdown. dist/media/mermaid.js (megabytes) is loaded the first time this view
 * opens, never before.
 */
import type { PreviewSettings } from '../../../client/src/preview/protocol';

interface CjmMermaid {
  render(text: string, dark: boolean): Promise<string>;
}
declare global {
  interface Window {
    cjmMermaid?: CjmMermaid;
  }
}

let loading: Promise<CjmMermaid> | undefined;
let lastText = '';
let rendered = false;

function load(src: string, nonce: string): Promise<CjmMermaid> {
  loading ??= new Promise<CjmMermaid>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.nonce = nonce;
    s.onload = () => (window.cjmMermaid ? resolve(window.cjmMermaid) : reject(new Error('mermaid did not load')));
    s.onerror = () => reject(new Error('mermaid could not be loaded'));
    document.head.appendChild(s);
  });
  return loading;
}

export function isMermaidLoaded(): boolean {
  return !!window.cjmMermaid;
}

export function mermaidRendered(): boolean {
  return rendered;
}

export async function showMermaid(el: HTMLElement, text: string, settings: PreviewSettings, nonce: string): Promise<void> {
  if (text === lastText && rendered) return;
  lastText = text;
  if (!window.cjmMermaid) {
    el.replaceChildren(Object.assign(document.createElement('p'), { className: 'cjm-empty-state', textContent: settings.labels.mermaidLoading }));
  }
  try {
    const m = await load(settings.mermaidScript, nonce);
    const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
    const svg = await m.render(text, dark);
    if (text !== lastText) return; // a newer text arrived while this one rendered
    // mermaid ran with securityLevel 'strict': its output is sanitized SVG.
    const holder = document.createElement('div');
    holder.className = 'cjm-mermaid-diagram';
    holder.innerHTML = svg;
    el.replaceChildren(holder);
    rendered = true;
  } catch (e) {
    rendered = false;
    const err = Object.assign(document.createElement('p'), { className: 'cjm-mermaid-error', textContent: `${settings.labels.mermaidFailed} ${(e as Error)?.message ?? e}` });
    const src = Object.assign(document.createElement('pre'), { className: 'cjm-mermaid-source', textContent: text });
    el.replaceChildren(err, src);
  }
}
