/**
 * Completion over LSP at real cursor positions, including in a half-typed Polish map
 * (empty values, `emotion: sfru`, an empty `- ` item, a stage id `zak`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-protocol';
import { EMOTIONS } from '@cjm/core';
import { Lsp, after as afterText, at, serverFixture } from './lsp';

let lsp: Lsp;
const gaps = serverFixture('gaps-pl.cjm');
const shop = serverFixture('shop.cjm');
const bank = serverFixture('bank-ru.cjm');

before(async () => {
  lsp = await Lsp.start();
  lsp.open(gaps.uri, gaps.text);
  lsp.open(shop.uri, shop.text);
  lsp.open(bank.uri, bank.text);
});
after(async () => {
  assert.equal(await lsp.stop(), 0);
});

async function complete(uri: string, position: Position, triggerCharacter?: string): Promise<CompletionItem[]> {
  const r = await lsp.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri },
    position,
    context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
  });
  return Array.isArray(r) ? r : (r?.items ?? []);
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const bySort = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));

test('at `emotion: sfru` the Polish word finds frustrated, shown with emoji, score and the Polish name', async () => {
  const items = await complete(gaps.uri, afterText(gaps.text, 'emotion: sfru'));
  assert.equal(items[0]?.label, 'frustrated');
  const f = items[0];
  assert.equal(`${f.label} ${f.detail}`, 'frustrated 😣 −2 (frustracja)');
  assert.ok(f.filterText!.startsWith('sfrustrowany'), f.filterText);
  // the edit replaces exactly the typed word
  const edit = f.textEdit as { range: { start: Position; end: Position }; newText: string };
  assert.deepEqual(edit.range.start, at(gaps.text, 'sfru'));
  assert.deepEqual(edit.range.end, afterText(gaps.text, 'emotion: sfru'));
  assert.equal(edit.newText, 'frustrated');
});

test('at an empty `emotion:` every emotion is offered, sorted by valence', async () => {
  const line = 'emotion: curious';
  const p = at(shop.text, line, 'emotion: '.length);
  const items = await complete(shop.uri, p);
  const sorted = labels(bySort(items));
  assert.equal(sorted[0], 'delighted');
  assert.equal(sorted[sorted.length - 1], 'outraged');
  assert.ok(sorted.indexOf('neutral') > sorted.indexOf('happy') && sorted.indexOf('neutral') < sorted.indexOf('anxious'));
  assert.equal(items.length, EMOTIONS.length);
});

test('typing a number at `emotion:` explains what the score means', async () => {
  const text = gaps.text.replace('emotion: sfru', 'emotion: -2');
  const uri = gaps.uri.replace('gaps-pl', 'gaps-number');
  lsp.open(uri, text);
  const items = await complete(uri, afterText(text, 'emotion: -2'));
  assert.deepEqual(labels(items), ['-2']);
  assert.match(items[0].detail!, /😟|😣|😞/);
  assert.match(items[0].detail!, /−2 on the −3…\+3 scale/);
});

test('at a stage id, built-in stages come in journey order with the next expected stage first and localized labels', async () => {
  const text = gaps.text.replace('  - id: zak\n', '  - id: \n');
  const uri = gaps.uri.replace('gaps-pl', 'gaps-stage');
  lsp.open(uri, text);
  const items = bySort(await complete(uri, at(text, '  - id: \n', '  - id: '.length)));
  assert.equal(items[0].label, 'decision', 'after awareness and consideration comes decision');
  assert.equal(items[0].labelDetails?.description, 'Decyzja');
  const order = labels(items).slice(1);
  assert.ok(order.indexOf('purchase') < order.indexOf('retention') && order.indexOf('retention') < order.indexOf('advocacy'));
  assert.ok(!labels(items).includes('awareness'), 'stages already in the map are not offered again');
});

test('typing `zak` (Polish) or `покуп` (Russian) at a stage id finds purchase', async () => {
  const items = await complete(gaps.uri, afterText(gaps.text, 'id: zak'));
  assert.equal(items[0].label, 'purchase');
  assert.match(items[0].detail!, /^Zakup — /);
  assert.ok(items[0].filterText!.toLowerCase().startsWith('zak'));
  const text = gaps.text.replace('id: zak', 'id: покуп');
  const uri = gaps.uri.replace('gaps-pl', 'gaps-ru');
  lsp.open(uri, text);
  const ru = await complete(uri, afterText(text, 'id: покуп'));
  assert.equal(ru[0].label, 'purchase');
});

test('keys valid in a step are offered on a new line, without the ones already present, with docs', async () => {
  // a blank line inside the "pays" step, after its last key
  const text = shop.text.replace('  - id: delivery\n', '        \n  - id: delivery\n');
  const uri = shop.uri.replace('shop', 'shop-newline');
  lsp.open(uri, text);
  const line = text.split('\n').findIndex((l) => l === '        ');
  const items = await complete(uri, { line, character: 8 });
  const keys = labels(items);
  for (const k of ['thoughts', 'joys', 'owner', 'backstage']) assert.ok(keys.includes(k), `no ${k} in ${keys}`);
  for (const k of ['touchpoint', 'emotion', 'name', 'opportunities']) assert.ok(!keys.includes(k), `${k} is already present`);
  const joys = items.find((i) => i.label === 'joys')!;
  assert.match(JSON.stringify(joys.documentation), /Moments of delight/);
});

test('on an empty `- ` item in `steps:` the keys of a step are offered, and list keys insert a laid-out item', async () => {
  const line = gaps.text.split('\n').findIndex((l) => l === '      - ');
  const items = await complete(gaps.uri, { line, character: 8 });
  const keys = labels(items);
  assert.ok(keys.includes('name') && keys.includes('emotion') && keys.includes('pains'), keys.join(','));
  assert.ok(!keys.includes('stages'));
  const opp = items.find((i) => i.label === 'opportunities')!;
  assert.equal((opp.textEdit as { newText: string }).newText, 'opportunities:\n          - text: $0');
});

test('top-level keys not yet present are offered at column 0', async () => {
  const text = shop.text + '\n';
  const uri = shop.uri.replace('shop', 'shop-top');
  lsp.open(uri, text);
  const items = await complete(uri, { line: text.split('\n').length - 1, character: 0 });
  const keys = labels(items);
  assert.deepEqual(keys.sort(), ['lanes', 'notes', 'opportunities'].sort());
});

test('a key being typed mid-word is completed and the edit replaces the word', async () => {
  const text = gaps.text.replace('        criticality: \n', '        critic\n');
  const uri = gaps.uri.replace('gaps-pl', 'gaps-key');
  lsp.open(uri, text);
  const items = await complete(uri, afterText(text, 'critic'));
  const c = items.find((i) => i.label === 'criticality')!;
  assert.ok(c, labels(items).join(','));
  const edit = c.textEdit as { range: { start: Position }; newText: string };
  assert.deepEqual(edit.range.start, at(text, 'critic'));
  assert.equal(edit.newText, 'criticality: $0');
});

test('declared persona and channel ids are offered where they are referenced', async () => {
  const channels = await complete(gaps.uri, afterText(gaps.text, '        channel: '));
  assert.deepEqual(labels(channels), ['web', 'app']);
  assert.equal(channels[1].labelDetails?.description, 'Aplikacja');
  const personas = await complete(bank.uri, afterText(bank.text, 'persona: [ольга, '));
  assert.deepEqual(labels(personas), ['ольга', 'игорь']);
  const edit = personas[1].textEdit as { range: { start: Position; end: Position } };
  assert.deepEqual(edit.range.start, at(bank.text, 'игорь]'));
});

test('enum values are offered for kind and criticality', async () => {
  const kinds = await complete(gaps.uri, afterText(gaps.text, 'kind: current-state'));
  assert.ok(labels(kinds).includes('service-blueprint'));
  assert.equal(kinds.find((k) => k.label === 'future-state')!.labelDetails?.description, 'Stan docelowy');
  const levels = await complete(gaps.uri, afterText(gaps.text, 'criticality: '));
  assert.deepEqual(labels(levels), ['low', 'medium', 'high']);
});

test('a space only opens the list after `key:`; free text gets nothing', async () => {
  assert.ok((await complete(gaps.uri, afterText(gaps.text, 'emotion: '), ' ')).length > 0);
  const inProse = await complete(shop.uri, afterText(shop.text, 'action: Fills in '), ' ');
  assert.equal(inProse.length, 0);
  const textValue = await complete(shop.uri, afterText(shop.text, 'action: Fills in a 12-field'));
  assert.equal(textValue.length, 0);
});
