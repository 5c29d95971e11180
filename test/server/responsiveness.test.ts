/**
 * The server keeps answering on big inputs: requests are cancellable, the workspace scan
 * lets requests for open documents in, and a map too big to check fully on every change is
 * checked for syntax only, with one notice. Orderings and outcomes only: no durations.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { LIMITS, formatText } from '@cjm/core';
import type { Range } from 'vscode-languageserver-protocol';
// @ts-expect-error plain JavaScript module shared with the benchmarks
import { generateMap } from '../../bench/generate-map.mjs';
import { Lsp, applyEdits, uriOf } from './lsp';

const REQUEST_CANCELLED = -32800;

let ws: string;
before(() => {
  ws = mkdtempSync(join(tmpdir(), 'cjm-responsive-'));
});
after(() => rmSync(ws, { recursive: true, force: true }));

test('a request for an open document is answered while the workspace scan is still going', async () => {
  const folder = join(ws, 'many');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(folder);
  const map: string = generateMap({ stages: 12, steps: 4 });
  const FILES = 120;
  for (let i = 0; i < FILES; i++) writeFileSync(join(folder, `map-${String(i).padStart(3, '0')}.cjm`), map);
  const lsp = await Lsp.start({ workspaceFolders: [folder] });
  try {
    const uri = uriOf(join(ws, 'open.cjm'));
    lsp.open(uri, map.replace('title: ', 'title: Open '));
    const symbols = await lsp.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
    const scanned = lsp.published.filter((p) => p.uri.includes('/many/')).length;
    assert.ok(!lsp.logs.some((l) => /^validated \d+ map/.test(l)), `the scan had ended before the answer: ${lsp.logs.join(' | ')}`);
    assert.ok(scanned < FILES, `the answer came after all ${FILES} files were checked`);
  } finally {
    assert.equal(await lsp.stop(), 0);
  }
});

test('formatting a big map that is cancelled right away answers with the cancelled error', async () => {
  const lsp = await Lsp.start();
  try {
    const text: string = generateMap({ stages: 600, steps: 4 });
    const uri = uriOf(join(ws, 'big.cjm'));
    lsp.open(uri, text);
    const source = new CancellationTokenSource();
    const pending = lsp.conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }, source.token);
    source.cancel();
    await assert.rejects(pending, (e: unknown) => e instanceof ResponseError && e.code === REQUEST_CANCELLED);
    // Still serving: the next request is answered.
    const symbols = await lsp.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
  } finally {
    assert.equal(await lsp.stop(), 0);
  }
});

test('a map over the full-check size is checked for syntax only, and says so once', async () => {
  const lsp = await Lsp.start({ locale: 'ru' });
  try {
    // An unknown emotion (a model rule) and an unclosed quote (YAML syntax), in a map past the size.
    let stages = 1;
    let text = '';
    while (text.length <= LIMITS.maxFullAnalysis) text = generateMap({ stages: (stages *= 2), steps: 1 });
    assert.ok(text.length <= LIMITS.maxLength);
    text = text.replace('emotion: happy', 'emotion: hapy').replace('name: Stage 2\n', 'name: "Stage 2\n');
    const uri = uriOf(join(ws, 'huge.cjm'));
    lsp.open(uri, text);
    const first = await lsp.diagnostics(uri, (_d, p) => p.version === 1, 120_000);
    assert.deepEqual([...new Set(first.map((d) => d.code))], ['yaml-syntax']);
    const fixed = text.replace('name: "Stage 2\n', 'name: Stage 2\n');
    lsp.change(uri, fixed);
    const second = await lsp.diagnostics(uri, (_d, p) => p.version === 2, 120_000);
    assert.deepEqual(second, []);
    lsp.change(uri, fixed.replace('title: ', 'title: x'));
    await lsp.diagnostics(uri, (_d, p) => p.version === 3, 120_000);
    const notices = lsp.shown.filter((m) => m.includes('YAML'));
    assert.equal(notices.length, 1, JSON.stringify(lsp.shown));
    assert.match(notices[0], /больше 2\s000\s000 символов/);
    assert.doesNotMatch(notices[0], /while you edit/);
  } finally {
    assert.equal(await lsp.stop(), 0);
  }
});

test('a big map is formatted off the message loop: the server answers hover after hover meanwhile, and the edits are the core formatter\'s', async () => {
  const lsp = await Lsp.start();
  try {
    // Keys out of schema order in every step, so the formatter has work in every stage.
    const text: string = generateMap({ stages: 400, steps: 4 }).replace(/^( +)name: (Step .*)\n( +)action: (.*)$/gm, '$3action: $4\n$1name: $2');
    const expected = formatText(text);
    assert.ok(expected.ok && expected.changed);
    const uri = uriOf(join(ws, 'format-away.cjm'));
    lsp.open(uri, text);
    await lsp.request('textDocument/documentSymbol', { textDocument: { uri } });
    let formatted = false;
    const formatting = lsp
      .request<Array<{ range: Range; newText: string }>>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })
      .then((edits) => ((formatted = true), edits));
    // Hovers one after another, each sent when the last is answered: on the message loop the
    // format would let one or two in and hold the rest until it is done.
    const HOVERS = 20;
    let before = 0;
    for (let i = 0; i < HOVERS; i++) {
      await lsp.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
      if (!formatted) before++;
    }
    assert.equal(before, HOVERS, `${before} of ${HOVERS} hovers were answered before the formatting`);
    assert.equal(applyEdits(text, await formatting), expected.text);
    // The server's output says which way the format went (the end-to-end scenarios read it there).
    assert.ok(lsp.logs.some((m) => /^formatting: formatted on a worker thread in \d+ ms \(\d+ characters, file:.*format-away\.cjm\)$/.test(m)), lsp.logs.join('\n'));
  } finally {
    assert.equal(await lsp.stop(), 0);
  }
});

test('a big map the formatter refuses on its thread is left alone, and the reason is shown in the reader\'s language (Polish)', async () => {
  const lsp = await Lsp.start({ locale: 'pl' });
  try {
    const text: string = generateMap({ stages: 200, steps: 4 }).replace('name: Stage 2\n', 'name: "Stage 2\n');
    const uri = uriOf(join(ws, 'format-refused.cjm'));
    lsp.open(uri, text);
    const edits = await lsp.request<unknown[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(edits, []);
    assert.ok(lsp.shown.some((m) => /^Plik ma 1 błąd YAML; najpierw go popraw, potem formatuj\.$/.test(m)), lsp.shown.join(' | '));
  } finally {
    assert.equal(await lsp.stop(), 0);
  }
});
