/**
 * Request/response over a webview's message channel (inspect, click, rasterize): each
 * request gets an id, the webview answers with it, and a webview that never answers (or
 * is closed) rejects instead of hanging the caller. Shared by the preview and the diff view.
 */
const REQUEST_TIMEOUT_MS = 20_000;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class WebviewRequests<Out> {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  /** `what` names the view in errors: "the preview did not answer". */
  constructor(
    private readonly what: string,
    private readonly ready: Promise<unknown>,
    private readonly post: (m: Out) => void,
  ) {}

  request<T>(make: (requestId: number) => Out): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.what} did not answer`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      void this.ready.then(() => this.post(make(id)));
    });
  }

  settle(id: number, value: unknown, error?: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (error) p.reject(new Error(error));
    else p.resolve(value);
  }

  /** Rejects everything still waiting: the view was closed. */
  dispose(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(`${this.what} was closed`));
    }
    this.pending.clear();
  }
}
