/**
 * Formatting away from the message loop (Node only): a worker thread runs the core formatter,
 * so formatting a big map never holds up the requests behind it, and a cancelled format is
 * stopped where it is instead of being waited for. The worker is the server's own bundle,
 * started again as a thread (`serveFormatJobs`); the browser build has no second thread to
 * spare and formats on its loop (session.ts).
 */
import { Worker, parentPort } from 'node:worker_threads';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { FormatResult, Span, formatRange, formatText } from '@cjm/core';
import type { OffThreadFormatter } from './session';

interface Job {
  readonly id: number;
  readonly text: string;
  readonly range?: Span;
}

/** The worker's side: formats each text it is sent and sends the result back. */
export function serveFormatJobs(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: Job) => {
    port.postMessage({ id: job.id, result: job.range ? formatRange(job.text, job.range) : formatText(job.text) });
  });
}

/** The server's side: one worker, started on first use and again after a cancelled job stopped it. */
export function threadFormatter(script: string): OffThreadFormatter {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { job: Job; resolve: (r: FormatResult) => void; reject: (e: unknown) => void }>();

  const start = (): Worker => {
    const w = new Worker(script);
    w.on('message', (m: { id: number; result: FormatResult }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      p?.resolve(m.result);
    });
    const fail = (e: unknown) => {
      if (worker !== w) return;
      worker = undefined;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the formatting thread stopped (exit code ${code})`)));
    // An idle worker must not keep the server alive after the client has gone.
    w.unref();
    return w;
  };

  return (text, range, token) =>
    new Promise<FormatResult>((resolve, reject) => {
      const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      if (token.isCancellationRequested) return reject(cancelled());
      const job: Job = { id: ++nextId, text, range };
      let listener: { dispose(): void } | undefined;
      pending.set(job.id, {
        job,
        resolve: (r) => (listener?.dispose(), resolve(r)),
        reject: (e) => (listener?.dispose(), reject(e)),
      });
      worker ??= start();
      worker.postMessage(job);
      listener = token.onCancellationRequested(() => {
        const p = pending.get(job.id);
        if (!p) return;
        pending.delete(job.id);
        p.reject(cancelled());
        // Stop the work under way; jobs queued behind it go to a fresh worker.
        const stopped = worker;
        worker = undefined;
        void stopped?.terminate();
        if (pending.size) {
          const fresh = start();
          worker = fresh;
          for (const q of pending.values()) fresh.postMessage(q.job);
        }
      });
    });
}
