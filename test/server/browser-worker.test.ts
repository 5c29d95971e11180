/**
 * The browser build's language server formats a big map in a Worker of its own, as the Node
 * server does on a thread: the server's Worker keeps answering meanwhile, a cancelled format
 * is stopped, and the edits are the core formatter's. Run in a real headless Chromium, the
 * server started from a blob: URL as the extension starts it in code-server. Orderings and
 * outcomes only: no durations. Skipped when Chromium is not installed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { formatText } from '@cjm/core';
import type { Range } from 'vscode-languageserver-protocol';
// @ts-expect-error plain JavaScript module shared with the benchmarks
import { generateMap } from '../../bench/generate-map.mjs';
// @ts-expect-error plain JavaScript module shared with the benchmarks
import { CHROMIUM, startBrowserServer } from '../../bench/browser-server.mjs';
import { applyEdits } from './lsp';

const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`;
const REQUEST_CANCELLED = -32800;
type Edit = { range: Range; newText: string };
interface Server {
  page: import('playwright-core').Page;
  errors: string[];
  request(method: string, params: unknown): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  open(uri: string, text: string): Promise<void>;
  messages(): Promise<string[]>;
  close(): Promise<void>;
}

// Keys out of schema order in every step, so the formatter has work in every stage.
const unordered = (stages: number): string => generateMap({ stages, steps: 4 }).replace(/^( +)name: (Step .*)\n( +)action: (.*)$/gm, '$3action: $4\n$1name: $2');
const FORMAT_OPTIONS = { tabSize: 2, insertSpaces: true };

let server: Server;
before(async () => {
  if (!skip) server = await startBrowserServer();
});
after(async () => {
  if (skip) return;
  await server.close();
  assert.deepEqual(server.errors, []);
});

test('browser build: while a big map is formatted, the server answers hover after hover, and the edits are the core formatter\'s', { skip }, async () => {
  const text = unordered(400);
  const expected = formatText(text);
  assert.ok(expected.ok && expected.changed);
  const uri = 'file:///ws/format-away.cjm';
  await server.open(uri, text);
  await server.request('textDocument/documentSymbol', { textDocument: { uri } });
  // Hovers one after another, each sent when the last is answered, from the formatting request
  // on. On the server's own loop the format would let one or two in and then hold the rest
  // until it is done; formatted by a Worker of its own, none waits for it.
  const HOVERS = 20;
  const seen = await server.page.evaluate(
    async ([u, o, n]) => {
      const format = lsp.send('textDocument/formatting', { textDocument: { uri: u }, options: o });
      let formatted = false;
      const done = lsp.response(format).then((r) => ((formatted = true), r));
      let before = 0;
      for (let i = 0; i < n; i++) {
        await lsp.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 2 } });
        if (!formatted) before++;
      }
      const r = await done;
      return { before, edits: r.result, error: r.error };
    },
    [uri, FORMAT_OPTIONS, HOVERS] as const,
  );
  assert.equal(seen.error, undefined);
  assert.equal(seen.before, HOVERS, `${seen.before} of ${HOVERS} hovers were answered before the formatting`);
  assert.equal(applyEdits(text, seen.edits as Edit[]), expected.text);
  // The server's output says which way the format went (the end-to-end scenarios read it there).
  assert.ok((await server.messages()).some((m) => /^formatting: formatted in a Worker \(cjm-format\) in \d+ ms \(\d+ characters, file:\/\/\/ws\/format-away\.cjm\)$/.test(m)), (await server.messages()).join('\n'));
});

test('browser build: a cancelled format answers with the cancelled error, and the next one is served by a fresh Worker', { skip }, async () => {
  const text = unordered(300);
  const uri = 'file:///ws/format-cancel.cjm';
  await server.open(uri, text);
  const cancelled = await server.page.evaluate(
    async ([u, o]) => {
      const id = lsp.send('textDocument/formatting', { textDocument: { uri: u }, options: o });
      lsp.notify('$/cancelRequest', { id });
      return (await lsp.response(id)).error?.code;
    },
    [uri, FORMAT_OPTIONS] as const,
  );
  assert.equal(cancelled, REQUEST_CANCELLED);
  const again = await server.request('textDocument/formatting', { textDocument: { uri }, options: FORMAT_OPTIONS });
  assert.equal(applyEdits(text, again.result as Edit[]), formatText(text).text);
});

test('browser build: where a Worker cannot start a Worker, a big map is formatted on the server\'s own loop, with the same edits', { skip }, async () => {
  const plain = (await startBrowserServer({ nestedWorkers: false })) as Server;
  try {
    const text = unordered(200);
    const uri = 'file:///ws/format-here.cjm';
    await plain.open(uri, text);
    const r = await plain.request('textDocument/formatting', { textDocument: { uri }, options: FORMAT_OPTIONS });
    assert.equal(applyEdits(text, r.result as Edit[]), formatText(text).text);
    assert.deepEqual(plain.errors, []);
    assert.ok((await plain.messages()).some((m) => /^formatting: on the message loop, as this host starts no thread or Worker for it \(\d+ characters, file:\/\/\/ws\/format-here\.cjm\)$/.test(m)), (await plain.messages()).join('\n'));
  } finally {
    await plain.close();
  }
});

test('browser build: where starting the formatting Worker is refused, big maps are formatted on the server\'s own loop, with the same edits, and the log says why', { skip }, async () => {
  const refused = (await startBrowserServer({ nestedWorkers: 'refused' })) as Server;
  try {
    const text = unordered(200);
    const uri = 'file:///ws/format-refused-worker.cjm';
    await refused.open(uri, text);
    // Twice: the second format does not try the Worker again, and is formatted all the same.
    for (let i = 0; i < 2; i++) {
      const r = await refused.request('textDocument/formatting', { textDocument: { uri }, options: FORMAT_OPTIONS });
      assert.equal(r.error, undefined);
      assert.equal(applyEdits(text, r.result as Edit[]), formatText(text).text);
    }
    // Why, once; then a line per format without the same error again.
    const messages = await refused.messages();
    const why = messages.filter((m) => /^formatting: could not format off the message loop, formatting on the loop \(\d+ characters, file:\/\/\/ws\/format-refused-worker\.cjm\): .*Workers are not allowed here/.test(m));
    const again = messages.filter((m) => /^formatting: could not format off the message loop \(as before\), formatting on the loop \(\d+ characters, file:\/\/\/ws\/format-refused-worker\.cjm\)$/.test(m));
    assert.deepEqual([why.length, again.length], [1, 1], messages.join('\n'));
    assert.deepEqual(refused.errors, []);
  } finally {
    await refused.close();
  }
});

declare const lsp: {
  send(method: string, params: unknown): number;
  request(method: string, params: unknown): Promise<{ result?: unknown }>;
  response(id: number): Promise<{ at: number; result?: unknown; error?: { code: number } }>;
  notify(method: string, params: unknown): void;
};
