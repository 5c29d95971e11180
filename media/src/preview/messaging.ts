/** The webview's end of the typed channel (client/src/preview/protocol.ts). */
import type { FromWebview, ToWebview } from '../../../client/src/preview/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called only once per webview.
export const vscode: VsCodeApi = acquireVsCodeApi();

export function post(message: FromWebview): void {
  vscode.postMessage(message);
}

export function onMessage(handler: (m: ToWebview) => void): void {
  window.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as ToWebview | undefined;
    if (m && typeof m === 'object' && typeof m.type === 'string') handler(m);
  });
}
