/**
 * A webview's end of its typed channel to the extension. Each webview (preview, diff)
 * opens one with its own message unions from its protocol module.
 */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface Channel<Out, In extends { type: string }> {
  readonly vscode: VsCodeApi;
  post(message: Out): void;
  onMessage(handler: (m: In) => void): void;
}

/** Call once per webview: acquireVsCodeApi may be called only once. */
export function openChannel<Out, In extends { type: string }>(): Channel<Out, In> {
  const vscode = acquireVsCodeApi();
  return {
    vscode,
    post: (message) => vscode.postMessage(message),
    onMessage: (handler) =>
      window.addEventListener('message', (e: MessageEvent) => {
        const m = e.data as In | undefined;
        if (m && typeof m === 'object' && typeof m.type === 'string') handler(m);
      }),
  };
}
