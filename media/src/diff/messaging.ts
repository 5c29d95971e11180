/** The diff webview's end of its typed channel (client/src/diff/protocol.ts). */
import type { FromDiffWebview, ToDiffWebview } from '../../../client/src/diff/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called only once per webview.
export const vscode: VsCodeApi = acquireVsCodeApi();

export function post(message: FromDiffWebview): void {
  vscode.postMessage(message);
}

export function onMessage(handler: (m: ToDiffWebview) => void): void {
  window.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as ToDiffWebview | undefined;
    if (m && typeof m === 'object' && typeof m.type === 'string') handler(m);
  });
}
