/**
 * The browser entry of the cjm language server (dist/server.browser.js): runs in a Worker
 * started by the extension's browser build (github.dev, vscode.dev, code-server's web
 * extension host). Same session as the Node entry; the workspace is read through the client,
 * since a Worker has no file system of its own.
 */
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { LIMITS } from '@cjm/core';
import { filesFromClient } from './files-protocol';
import { startSession } from './session';

// The Worker's global scope, typed through the DOM's Worker (the WebWorker lib clashes with DOM).
const scope = globalThis as unknown as Worker & {
  addEventListener(type: 'unhandledrejection', listener: (e: PromiseRejectionEvent) => void): void;
};

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
startSession(connection, { files: filesFromClient(connection, LIMITS.maxLength * 2), yieldNow });
