/**
 * Whether a lone edit is answered at once is decided by what the last re-analysis cost on the
 * session's clock (CPU time in the Node server), not by wall time: on a busy machine wall time
 * counts the moments the server was descheduled and would send every edit of a big map through
 * the quiet period. The session runs in this process with a clock the test turns. An edit is
 * "lone" when the one before it is older than the quiet period, so the period here is short
 * (2 s): the test pauses that long between edits, then gives the answer 1.7 s to arrive.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startSession } from '../../server/src/session';
import { serverFixture } from './lsp';

async function sessionWithClock(clock: () => number) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startSession(server, { cpuClock: clock });
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
  client.onNotification('window/logMessage', () => undefined);
  client.onRequest(() => null);
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { diagnosticDelay: QUIET, workspaceValidation: false } });
  client.sendNotification('initialized', {});
  // Never disposed: the Node connection exits the process when its input ends, and the
  // streams hold nothing that keeps the test process alive.
  return { published, client };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

const shop = serverFixture('shop.cjm');
const QUIET = 2_000;

async function loneEditAnswered(clock: () => number): Promise<boolean> {
  const s = await sessionWithClock(clock);
  const uri = shop.uri;
  s.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'cjm', version: 1, text: shop.text } });
  assert.ok(await until(() => s.published.some((p) => p.version === 1), 20_000), 'the opened map is checked');
  // The first edit re-reads one stage and records its cost; the second, a lone edit after a
  // pause longer than a keystroke, is answered at once only if that cost was cheap.
  s.client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: shop.text.replace('title:', 'title: x') }] });
  assert.ok(await until(() => s.published.some((p) => p.version === 2), 20_000), 'the first edit after opening is answered at once');
  await new Promise((r) => setTimeout(r, QUIET + 100));
  s.client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: shop.text.replace('title:', 'title: xy') }] });
  return await until(() => s.published.some((p) => p.version === 3), QUIET - 300);
}

test('an analysis that cost little on the session clock is followed by an answer at once', async () => {
  // A clock that never moves: every analysis cost nothing, however long it took in wall time.
  assert.equal(await loneEditAnswered(() => 0), true);
});

test('an analysis that cost much on the session clock sends the next lone edit through the quiet period', async () => {
  // Each reading of this clock is a second after the last: every analysis looks expensive,
  // however quick it was in wall time.
  let now = 0;
  assert.equal(await loneEditAnswered(() => (now += 1000)), false);
});
