/** Quick fixes (each changes only what its title says), fix-all, and formatting over LSP. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { analyze } from '@cjm/core';
import { Lsp, applyEdits, serverFixture } from './lsp';

let lsp: Lsp;
const broken = serverFixture('broken.cjm');
const unformatted = serverFixture('unformatted.cjm');
let diags: Diagnostic[];

before(async () => {
  lsp = await Lsp.start();
  lsp.open(broken.uri, broken.text);
  lsp.open(unformatted.uri, unformatted.text);
  diags = await lsp.diagnostics(broken.uri, (d) => d.length > 0);
});
after(async () => {
  assert.equal(await lsp.stop(), 0);
});

async function fixesFor(code: string): Promise<CodeAction[]> {
  const d = diags.find((x) => x.code === code)!;
  assert.ok(d, `no ${code} diagnostic`);
  return lsp.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: broken.uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
}
const apply = (a: CodeAction) => applyEdits(broken.text, a.edit!.changes![broken.uri]);

test('did-you-mean for a misspelled emotion replaces only that word, and is preferred', async () => {
  const actions = await fixesFor('unknown-emotion');
  const fix = actions.find((a) => a.title.includes('`frustrated`'))!;
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  assert.equal(fix.diagnostics?.[0].code, 'unknown-emotion');
  assert.equal(apply(fix), broken.text.replace('emotion: frustratd', 'emotion: frustrated'));
});

test('did-you-mean for an unknown key renames only the key', async () => {
  const fix = (await fixesFor('unknown-key')).find((a) => a.title.includes('`emotion`'))!;
  assert.equal(apply(fix), broken.text.replace('emotoin: happy', 'emotion: happy'));
});

test('an undeclared channel gets "change to" and "declare"; declaring adds only the declaration', async () => {
  const actions = await fixesFor('undeclared-reference');
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes('Change to `web`'), titles.join(' | '));
  const declare = actions.find((a) => a.title === 'Declare channel `wbe` in `channels`')!;
  const after = apply(declare);
  assert.equal(after, broken.text.replace('    name: Website\n', '    name: Website\n  - id: wbe\n'));
  assert.ok(!analyze(after).diagnostics.some((d) => d.code === 'undeclared-reference' && d.message.includes('wbe')));
});

test('a duplicate key is removed with its whole line', async () => {
  const fix = (await fixesFor('duplicate-key'))[0];
  assert.equal(apply(fix), broken.text.replace('        name: Pays again\n', ''));
});

test('no quick fixes are offered where nothing is wrong', async () => {
  const r = { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } };
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: broken.uri }, range: r, context: { diagnostics: [] } });
  assert.deepEqual(actions, []);
});

test('fix all applies the preferred fix of every problem', async () => {
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: broken.uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.equal(actions.length, 1);
  const fixed = apply(actions[0]);
  assert.match(fixed, /emotion: frustrated\n/);
  assert.match(fixed, /channel: web\n/);
  assert.match(fixed, /        emotion: happy\n/);
});

test('document formatting produces the canonical layout, keeps comments, and is stable', async () => {
  const opts = { tabSize: 2, insertSpaces: true };
  const edits = await lsp.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: unformatted.uri }, options: opts });
  assert.ok(edits.length > 0);
  const text = applyEdits(unformatted.text, edits);
  assert.ok(text.indexOf('cjm: 1') < text.indexOf('title:'));
  assert.ok(text.indexOf('id: sees-ad') < text.indexOf('name: Sees an ad'));
  assert.match(text, /^# Valid, but not in canonical layout/);
  assert.match(text, /emotion: curious\s+# keep this comment/);
  lsp.change(unformatted.uri, text);
  const again = await lsp.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: unformatted.uri }, options: opts });
  assert.deepEqual(again, []);
  lsp.change(unformatted.uri, unformatted.text);
});

test('range formatting is served, and a file with YAML errors is left alone with a reason', async () => {
  const edits = await lsp.request<TextEdit[]>('textDocument/rangeFormatting', {
    textDocument: { uri: unformatted.uri },
    range: { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.ok(edits.length > 0);
  const uri = broken.uri.replace('broken', 'yaml-error');
  lsp.open(uri, 'cjm: 1\ntitle: [unclosed\nstages: []\n');
  const none = await lsp.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.deepEqual(none, []);
  assert.ok(lsp.logs.some((l) => /YAML error/.test(l)), lsp.logs.join('\n'));
});
