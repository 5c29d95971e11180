/**
 * Formatting away from the message loop, whatever runs it: a worker thread in the Node server
 * (formatThread.ts), a Worker started from the language server's own Worker in the browser
 * build (browserServer.ts). Either runs the core formatter on the text it is sent, so the edits
 * are exactly the whole-map formatter's, and the message loop answers everything else
 * meanwhile. A cancelled format stops the thread or Worker where it is (a fresh one takes the
 * jobs queued behind it), so it costs nothing more. Browser-safe: no Node APIs here.
 */
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { FormatResult, Span, formatRange, formatText } from '@cjm/core';
import type { OffThreadFormatter } from './session';

/** One document (or the units of it a range touches) to format. */
export interface FormatJob {
  readonly id: number;
  readonly text: string;
  readonly range?: Span;
}

export interface FormatReply {
  readonly id: number;
  readonly result: FormatResult;
}

/** What the formatting side does with each job it is sent. */
export function runFormatJob(job: FormatJob): FormatReply {
  return { id: job.id, result: job.range ? formatRange(job.text, job.range) : formatText(job.text) };
}

/** A started thread or Worker, as the formatter drives it. */
export interface FormatRunner {
  post(job: FormatJob): void;
  /** stops it where it is; it answers nothing afterwards */
  stop(): void;
}

/**
 * Starts a thread or Worker that answers each job with `reply`, and calls `fail` when it
 * breaks or cannot start (throwing works too).
 */
export type StartRunner = (reply: (r: FormatReply) => void, fail: (e: unknown) => void) => FormatRunner;

/**
 * The server's side: one runner, started on first use and again after a cancelled job stopped
 * it. Rejects (and the session formats on its loop) when no runner can be started.
 */
export function offThreadFormatter(startRunner: StartRunner, where: string): OffThreadFormatter {
  let runner: FormatRunner | undefined;
  /** set when a runner broke before answering anything: the host cannot run one, so do not try again */
  let unavailable: unknown;
  let nextId = 0;
  const pending = new Map<number, { job: FormatJob; resolve: (r: FormatResult) => void; reject: (e: unknown) => void }>();

  const start = (): FormatRunner => {
    let answered = false;
    const self: FormatRunner = startRunner(
      (m) => {
        answered = true;
        const p = pending.get(m.id);
        pending.delete(m.id);
        p?.resolve(m.result);
      },
      (e) => {
        // A runner stopped on purpose may still report its end: that is not a failure of the current one.
        if (runner !== self) return;
        runner = undefined;
        if (!answered) unavailable = e;
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      },
    );
    return self;
  };

  const format = (text: string, range: Span | undefined, token: CancellationToken) =>
    new Promise<FormatResult>((resolve, reject) => {
      const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      if (token.isCancellationRequested) return reject(cancelled());
      if (unavailable !== undefined) return reject(unavailable);
      const job: FormatJob = { id: ++nextId, text, range };
      let listener: { dispose(): void } | undefined;
      pending.set(job.id, {
        job,
        resolve: (r) => (listener?.dispose(), resolve(r)),
        reject: (e) => (listener?.dispose(), reject(e)),
      });
      try {
        runner ??= start();
      } catch (e) {
        pending.delete(job.id);
        unavailable = e;
        return reject(e);
      }
      runner.post(job);
      listener = token.onCancellationRequested(() => {
        const p = pending.get(job.id);
        if (!p) return;
        pending.delete(job.id);
        p.reject(cancelled());
        // Stop the work under way; jobs queued behind it go to a fresh runner.
        const stopped = runner;
        runner = undefined;
        stopped?.stop();
        if (pending.size) {
          try {
            const fresh = start();
            runner = fresh;
            for (const q of pending.values()) fresh.post(q.job);
          } catch (e) {
            for (const q of pending.values()) q.reject(e);
            pending.clear();
          }
        }
      });
    });
  return Object.assign(format, { where });
}
