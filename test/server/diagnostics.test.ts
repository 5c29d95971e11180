/**
 * Diagnostics over LSP: codes, exact ranges, related information and tags; following edits
 * (latest version wins); cleared on close; the workspace pass over files nobody opened.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import { Lsp, at, serverFixture, textOf, uriOf } from './lsp';
import { fixture } from '../helpers';

let lsp: Lsp;
let ws: string;
const broken = serverFixture('broken.cjm');
const shop = serverFixture('shop.cjm');

before(async () => {
  // A scratch copy of the workspace fixture, so the test may change files on disk.
  ws = mkdtempSync(join(tmpdir(), 'cjm-ws-'));
  cpSync(fixture('server', 'workspace'), ws, { recursive: true });
  copyFileSync(broken.path, join(ws, 'broken.cjm'));
  // Created here because node_modules/ is ignored by git: a broken map the pass must skip.
  mkdirSync(join(ws, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(join(ws, 'node_modules', 'pkg', 'ignored.cjm'), 'cjm: 2\n');
  lsp = await Lsp.start({ workspaceFolders: [ws] });
});
after(async () => {
  assert.equal(await lsp.stop(), 0);
  rmSync(ws, { recursive: true, force: true });
});

test('an opened map gets diagnostics with codes, exact ranges, related information and tags', async () => {
  lsp.open(broken.uri, broken.text);
  const diags = await lsp.diagnostics(broken.uri, (d) => d.length > 0);
  const byCode = (c: string) => diags.filter((d) => d.code === c);
  const emotion = byCode('unknown-emotion')[0];
  assert.equal(textOf(broken.text, emotion.range), 'frustratd');
  assert.equal(emotion.severity, 1);
  assert.equal(emotion.source, 'cjm');
  assert.match(String(emotion.message), /Did you mean `frustrated`/);
  const dup = byCode('duplicate-key')[0];
  assert.equal(textOf(broken.text, dup.range), 'name');
  assert.equal(dup.range.start.line, at(broken.text, 'name: Pays again').line);
  assert.equal(dup.relatedInformation![0].location.range.start.line, at(broken.text, 'name: Pays\n').line);
  assert.equal(dup.relatedInformation![0].location.uri, broken.uri);
  const unused = byCode('unused-declaration')[0];
  assert.equal(textOf(broken.text, unused.range), 'bob');
  assert.deepEqual(unused.tags, [1]);
  assert.equal(unused.severity, 4);
  assert.equal(textOf(broken.text, byCode('undeclared-reference')[0].range), 'wbe');
  assert.equal(byCode('unknown-key')[0].severity, 2);
});

test('diagnostics follow edits, and only the latest of rapid edits is published last', async () => {
  lsp.open(shop.uri, shop.text);
  await lsp.diagnostics(shop.uri, (d) => d.length === 0);
  const since = lsp.published.length;
  let text = shop.text;
  let version = 1;
  for (const typed of ['d', 'de', 'del', 'deli', 'delig']) {
    text = shop.text.replace('emotion: delighted', `emotion: ${typed}`);
    version = lsp.change(shop.uri, text);
  }
  const diags = await lsp.diagnostics(shop.uri, (_d, p) => p.version === version, 8000, since);
  const e = diags.find((d) => d.code === 'unknown-emotion')!;
  assert.equal(textOf(text, e.range), 'delig');
  const ours = lsp.published.slice(since).filter((p) => p.uri === shop.uri);
  assert.ok(ours.every((p, i) => i === 0 || p.version! >= ours[i - 1].version!), 'versions never go back');
  assert.ok(ours.length < 5, `debounced: ${ours.length} publications for 5 quick edits`);
  lsp.change(shop.uri, shop.text);
  await lsp.diagnostics(shop.uri, (d) => d.length === 0);
});

test('closing a map outside the workspace clears its diagnostics', async () => {
  const uri = broken.uri.replace('broken.cjm', 'closed-elsewhere.cjm');
  lsp.open(uri, broken.text);
  await lsp.diagnostics(uri, (d) => d.length > 0);
  lsp.close(uri);
  await lsp.diagnostics(uri, (d) => d.length === 0);
});

test('the workspace pass reports maps nobody opened, skipping node_modules', async () => {
  const never = uriOf(join(ws, 'nested', 'never-opened.cjm'));
  const diags = await lsp.diagnostics(never, (d) => d.some((x) => x.code === 'unknown-emotion'));
  assert.match(String(diags.find((d) => d.code === 'unknown-emotion')!.message), /grumpyish/);
  await lsp.diagnostics(uriOf(join(ws, 'checkout.cjm')), (d) => d.length === 0);
  assert.ok(!lsp.published.some((p) => p.uri.includes('node_modules')));
});

test('a closed workspace map shows what is on disk again', async () => {
  const uri = uriOf(join(ws, 'broken.cjm'));
  lsp.open(uri, broken.text.replace('frustratd', 'frustrated'));
  await lsp.diagnostics(uri, (d) => !d.some((x) => x.code === 'unknown-emotion'));
  lsp.close(uri);
  await lsp.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-emotion'));
});

test('a file changed or deleted on disk is re-validated or cleared', async () => {
  const path = join(ws, 'checkout.cjm');
  const uri = uriOf(path);
  writeFileSync(path, 'cjm: 1\ntitle: Checkout\nstages:\n  - id: purchase\n    steps:\n      - name: Pays\n        emotion: meh-ish\n');
  await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  await lsp.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-emotion'));
  rmSync(path);
  await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
  await lsp.diagnostics(uri, (d) => d.length === 0);
});

test('workspace symbols find stages and steps across maps, opened or not', async () => {
  const found = await lsp.request<SymbolInformation[]>('workspace/symbol', { query: 'Checkout' });
  const names = found.map((s) => `${s.name} @ ${s.location.uri.split('/').pop()}`);
  assert.ok(names.includes('Broken checkout @ broken.cjm'), names.join('; '));
  assert.ok(!names.some((n) => n.endsWith('@ checkout.cjm')), 'the deleted checkout.cjm is gone from the index');
  const pays = await lsp.request<SymbolInformation[]>('workspace/symbol', { query: 'pays' });
  const files = new Set(pays.map((s) => s.location.uri.split('/').pop()));
  assert.ok(files.has('shop.cjm') && files.has('broken.cjm'), [...files].join(','));
  const hotline = await lsp.request<SymbolInformation[]>('workspace/symbol', { query: 'calls hotline' });
  assert.equal(hotline[0]?.name, 'Calls the hotline');
  assert.equal(hotline[0]?.containerName, 'Support hotline › Support');
});
