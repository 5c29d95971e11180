/**
 * The browser entry of the cjm language server (dist/server.browser.js): runs in a Worker
 * started by the extension's browser build (github.dev, vscode.dev, code-server's web
 * extension host). Same session as the Node entry; the workspace is read through the client,
 * since a Worker has no file system of its own.
 *
 * The same script, started again from the server's Worker under the name `FORMAT_WORKER`,
 * only formats: a big map is formatted there, so formatting never holds up the server's
 * other answers, and a cancelled format is stopped where it is (formatJobs.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { LIMITS } from '@cjm/core';
import { filesFromClient } from './files-protocol';
import { FormatJob, StartRunner, offThreadFormatter, runFormatJob } from './formatJobs';
import { startSession } from './session';

/** The name the formatting Worker is started under: how the script tells it is one. */
const FORMAT_WORKER = 'cjm-format';

// The Worker's global scope, typed through the DOM's Worker (the WebWorker lib clashes with DOM).
const scope = globalThis as unknown as Worker & {
  readonly name?: string;
  readonly location?: { readonly href: string };
  addEventListener(type: 'unhandledrejection', listener: (e: PromiseRejectionEvent) => void): void;
};

/**
 * A Worker started from this one, running this script (Chromium since 69 starts Workers from
 * Workers). Where that fails, the session formats on its own loop.
 */
const nestedWorker: StartRunner = (reply, fail) => {
  const href = scope.location?.href;
  if (!href) throw new Error('the language server Worker does not know its own script');
  const w = new Worker(href, { name: FORMAT_WORKER });
  w.addEventListener('message', (e: MessageEvent<ReturnType<typeof runFormatJob>>) => reply(e.data));
  w.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    fail(new Error(`the formatting Worker failed: ${e.message || 'it could not load its script'}`));
  });
  return { post: (job) => w.postMessage(job), stop: () => w.terminate() };
};

if (scope.name === FORMAT_WORKER) {
  scope.addEventListener('message', (e: MessageEvent<FormatJob>) => scope.postMessage(runFormatJob(e.data)));
} else {
  const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));

  // A bug must cost one request, not the session (the client would restart the Worker, losing state).
  scope.addEventListener('error', (e: ErrorEvent) => {
    connection.console.error(`uncaught: ${e.error?.stack ?? e.message}`);
    e.preventDefault();
  });
  scope.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
    connection.console.error(`unhandled rejection: ${(e.reason as Error)?.stack ?? e.reason}`);
    e.preventDefault();
  });

  // setTimeout(0) is clamped to 4 ms once nested, which would add seconds to a workspace scan;
  // a message to ourselves yields to pending LSP messages without the clamp.
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  const yieldNow = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });

  // Twice the analyser's own limit, as in the Node entry: it still gets to say "too large".
  startSession(connection, {
    files: filesFromClient(connection, LIMITS.maxLength * 2),
    yieldNow,
    formatOffThread: typeof Worker === 'function' ? offThreadFormatter(nestedWorker, `in a Worker (${FORMAT_WORKER})`) : undefined,
  });
}
