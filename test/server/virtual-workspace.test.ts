/**
 * A workspace the server cannot read itself (github.dev's `vscode-vfs:`, and every workspace
 * of the Worker in the browser build): the server lists and reads its maps through the client
 * (`cjm/listFiles`, `cjm/readFile`), and a map closed in the editor falls back to its saved text.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, ChildProcess } from 'node:child_process';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER, serverFixture } from './lsp';

const FOLDER = 'vscode-vfs://github/acme/journeys';
const broken = serverFixture('broken.cjm');
const shop = serverFixture('shop.cjm');
/** The client's file system: what `workspace.fs` would return. */
const files = new Map<string, string>([
  [`${FOLDER}/maps/broken.cjm`, broken.text],
  [`${FOLDER}/shop.cjm`, shop.text],
]);
const asked: Array<{ method: string; params: unknown }> = [];
const published: PublishDiagnosticsParams[] = [];
let proc: ChildProcess;
let conn: MessageConnection;

async function until<T>(what: string, fn: () => T | undefined, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; asked: ${JSON.stringify(asked)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const latest = (uri: string) => [...published].reverse().find((p) => p.uri === uri);

before(async () => {
  proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
  conn.onRequest('cjm/listFiles', (params: { folders: string[] }) => {
    asked.push({ method: 'cjm/listFiles', params });
    return [...files.keys()].filter((u) => params.folders.some((f) => u.startsWith(`${f}/`)));
  });
  conn.onRequest('cjm/readFile', (params: { uri: string; maxBytes: number }) => {
    asked.push({ method: 'cjm/readFile', params });
    return files.get(params.uri) ?? null;
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: FOLDER, name: 'journeys' }],
    capabilities: { workspace: { workspaceFolders: true } },
    initializationOptions: { diagnosticDelay: 20 },
  });
  await conn.sendNotification('initialized', {});
});

after(async () => {
  const exited = new Promise((r) => proc.on('exit', r));
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await exited;
  conn.dispose();
});

test('maps nobody opened are listed and read through the client, and validated', async () => {
  const diags = await until('diagnostics for maps/broken.cjm', () => latest(`${FOLDER}/maps/broken.cjm`)?.diagnostics);
  assert.ok(diags.some((d) => d.code === 'unknown-emotion'), JSON.stringify(diags.map((d) => d.code)));
  const list = asked.find((a) => a.method === 'cjm/listFiles');
  assert.deepEqual(list?.params, { folders: [FOLDER] });
  const read = asked.find((a) => a.method === 'cjm/readFile' && (a.params as { uri: string }).uri.endsWith('/broken.cjm'));
  assert.ok((read?.params as { maxBytes: number }).maxBytes > 1_000_000, 'the client is told how large a file may be');
  await until('diagnostics for shop.cjm', () => latest(`${FOLDER}/shop.cjm`));
});

test('a map closed in the editor shows its saved text again, read through the client', async () => {
  const uri = `${FOLDER}/shop.cjm`;
  const edited = shop.text.replace('emotion: delighted', 'emotion: delightd');
  assert.notEqual(edited, shop.text);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'cjm', version: 1, text: edited } });
  await until('the unsaved error', () => (latest(uri)?.diagnostics.some((d) => d.code === 'unknown-emotion') ? true : undefined));
  const readsBefore = asked.filter((a) => a.method === 'cjm/readFile').length;
  const publishedBefore = published.length;
  await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  // Two publications: the closed document's are cleared, then the saved text's arrive.
  const after = await until('the saved text to be validated again', () => {
    const mine = published.slice(publishedBefore).filter((p) => p.uri === uri);
    return mine.length >= 2 ? mine : undefined;
  });
  assert.ok(!after[1].diagnostics.some((d) => d.code === 'unknown-emotion'), 'the unsaved error is gone');
  assert.equal(asked.filter((a) => a.method === 'cjm/readFile').length, readsBefore + 1, 'the saved text was read through the client');
});
