/**
 * Completion over LSP at real cursor positions, including in a half-typed Polish map
 * (empty values, `emotion: sfru`, an empty `- ` item, a stage id `zak`), and what picking a
 * value writes: words in the map's language (`sfrustrowany`, `радость`, `zakup`), ids in an
 * English map or when the `cjm.completion.insert` setting says `ids`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-protocol';
import { EMOTIONS, LEVEL_NAMES, MAP_KINDS } from '@cjm/core';
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

const newText = (item: CompletionItem | undefined) => (item?.textEdit as { newText: string } | undefined)?.newText;

/** A copy of a fixture opened under its own URI, so a test's edits never leak into another's. */
function variant(base: { uri: string; text: string }, name: string, text: string): { uri: string; text: string } {
  const uri = base.uri.replace(/[^/]+\.cjm$/, `${name}.cjm`);
  lsp.open(uri, text);
  return { uri, text };
}

const frustrated = EMOTIONS.find((e) => e.id === 'frustrated')!;

test('at `emotion: sfru` in a Polish map the Polish word is found and written, with emoji and score', async () => {
  const items = await complete(gaps.uri, afterText(gaps.text, 'emotion: sfru'));
  assert.equal(items[0]?.label, 'sfrustrowany');
  const f = items[0];
  // The written form is not the emotion's label (the noun `frustracja`): the label says which emotion it is.
  assert.equal(`${f.label} ${f.detail}`, `sfrustrowany 😣 −2 (${frustrated.names.pl})`);
  assert.equal(frustrated.names.pl, 'frustracja');
  assert.ok(f.filterText!.startsWith('sfrustrowany'), f.filterText);
  // the edit replaces exactly the typed word, with the author's word
  const edit = f.textEdit as { range: { start: Position; end: Position }; newText: string };
  assert.deepEqual(edit.range.start, at(gaps.text, 'sfru'));
  assert.deepEqual(edit.range.end, afterText(gaps.text, 'emotion: sfru'));
  assert.equal(edit.newText, 'sfrustrowany');
});

test('the form being typed is kept: `zirytow` writes `zirytowany`, `досад` writes `досада`', async () => {
  const pl = variant(gaps, 'gaps-form', gaps.text.replace('emotion: sfru', 'emotion: zirytow'));
  const plItems = await complete(pl.uri, afterText(pl.text, 'emotion: zirytow'));
  assert.equal(newText(plItems[0]), 'zirytowany');
  assert.equal(plItems[0].labelDetails?.description, frustrated.names.pl, 'the canonical word says which emotion it is');
  const ru = variant(bank, 'bank-form', bank.text.replace('emotion: радость', 'emotion: досад'));
  const ruItems = await complete(ru.uri, afterText(ru.text, 'emotion: досад'));
  assert.equal(newText(ruItems[0]), 'досада');
});

test('a word from another language finds the emotion and writes it in the map\'s language', async () => {
  for (const typed of ['frustrated', 'раздр', 'irritated']) {
    const pl = variant(gaps, `gaps-cross-${typed}`, gaps.text.replace('emotion: sfru', `emotion: ${typed}`));
    const items = await complete(pl.uri, afterText(pl.text, `emotion: ${typed}`));
    const f = items.find((i) => newText(i) === frustrated.names.pl);
    assert.ok(f, `typing "${typed}" in a Polish map: ${items.map((i) => newText(i)).join(', ')}`);
    assert.ok(f.filterText!.toLowerCase().startsWith(typed), `filter text "${f.filterText}" does not lead with what "${typed}" matches`);
  }
  const ru = variant(bank, 'bank-cross', bank.text.replace('emotion: радость', 'emotion: happ'));
  assert.equal(newText((await complete(ru.uri, afterText(ru.text, 'emotion: happ')))[0]), 'радость');
});

test('in a Russian map `рад` writes `радость`; in an English map `annoy` writes the id', async () => {
  const ru = variant(bank, 'bank-rad', bank.text.replace('emotion: радость', 'emotion: рад'));
  const items = await complete(ru.uri, afterText(ru.text, 'emotion: рад'));
  assert.equal(items[0].label, 'радость');
  assert.equal(newText(items[0]), 'радость');
  const en = variant(shop, 'shop-annoy', shop.text.replace('emotion: frustrated', 'emotion: annoy'));
  const enItems = await complete(en.uri, afterText(en.text, 'emotion: annoy'));
  assert.equal(newText(enItems[0]), 'frustrated');
});

test('a map without `language:` is written to in the language of its text', async () => {
  const ru = variant(bank, 'bank-undeclared', bank.text.replace('language: ru\n', '').replace('emotion: радость', 'emotion: '));
  assert.ok(!ru.text.includes('language:'));
  const items = await complete(ru.uri, at(ru.text, 'emotion: \n', 'emotion: '.length));
  assert.ok(items.some((i) => newText(i) === 'радость'), items.map((i) => newText(i)).join(', '));
  assert.ok(!items.some((i) => newText(i) === 'happy'));
});

test('`cjm.completion.insert: ids` writes ids, from start-up or changed while running', async () => {
  const ids = await Lsp.start({ initializationOptions: { completionInsert: 'ids' } });
  try {
    ids.open(gaps.uri, gaps.text);
    const r = await ids.request<CompletionList>('textDocument/completion', { textDocument: { uri: gaps.uri }, position: afterText(gaps.text, 'emotion: sfru'), context: { triggerKind: 1 } });
    assert.equal(newText(r.items[0]), 'frustrated');
    assert.equal(r.items[0].label, 'frustrated');
    assert.equal(r.items[0].labelDetails?.description, frustrated.names.pl, 'the map\'s word is still shown');
    // VS Code sends the changed setting as `workspace/didChangeConfiguration`.
    await ids.conn.sendNotification('workspace/didChangeConfiguration', { settings: { cjm: { completion: { insert: 'mapLanguage' } } } });
    const back = await ids.request<CompletionList>('textDocument/completion', { textDocument: { uri: gaps.uri }, position: afterText(gaps.text, 'emotion: sfru'), context: { triggerKind: 1 } });
    assert.equal(newText(back.items[0]), 'sfrustrowany');
    // Another section's settings leave this one as it is.
    await ids.conn.sendNotification('workspace/didChangeConfiguration', { settings: { cjm: { trace: { server: 'off' } } } });
    const same = await ids.request<CompletionList>('textDocument/completion', { textDocument: { uri: gaps.uri }, position: afterText(gaps.text, 'emotion: sfru'), context: { triggerKind: 1 } });
    assert.equal(newText(same.items[0]), 'sfrustrowany');
  } finally {
    assert.equal(await ids.stop(), 0);
  }
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
  assert.equal(newText(items[0]), 'decyzja', 'after awareness and consideration comes decision, written in Polish');
  assert.equal(items[0].label, 'decyzja');
  const order = items.slice(1).map(newText);
  assert.ok(order.indexOf('zakup') < order.indexOf('utrzymanie') && order.indexOf('utrzymanie') < order.indexOf('rekomendacja'), order.join(', '));
  assert.ok(!order.includes('świadomość'), 'stages already in the map are not offered again');
});

test('typing `zak` (Polish) or `покуп` (Russian) at a stage id finds purchase and writes the map\'s word', async () => {
  const items = await complete(gaps.uri, afterText(gaps.text, 'id: zak'));
  assert.equal(newText(items[0]), 'zakup');
  assert.match(items[0].detail!, /^Zakup — /);
  assert.ok(items[0].filterText!.toLowerCase().startsWith('zak'));
  const ruMap = variant(bank, 'bank-stage', bank.text.replace('  - id: purchase\n', '  - id: покуп\n'));
  const ru = await complete(ruMap.uri, afterText(ruMap.text, 'id: покуп'));
  assert.equal(newText(ru[0]), 'покупка');
  // A synonym being typed is the author's word: `оформ` → `оформление`, still the purchase stage.
  const synonym = variant(bank, 'bank-stage-synonym', bank.text.replace('  - id: purchase\n', '  - id: оформ\n'));
  const s = await complete(synonym.uri, afterText(synonym.text, 'id: оформ'));
  assert.equal(newText(s[0]), 'оформление');
  assert.match(s[0].detail!, /^Покупка — /);
  // The English map keeps the id.
  const en = variant(shop, 'shop-stage', shop.text.replace('  - id: delivery\n', '  - id: deliv\n'));
  assert.equal(newText((await complete(en.uri, afterText(en.text, 'id: deliv')))[0]), 'delivery');
});

test('a built-in stage written in Russian counts as present: it is not offered again, and the next one comes first', async () => {
  const ru = variant(bank, 'bank-taken', bank.text.replace('  - id: purchase\n', '  - id: покупка\n').replace('  - id: usage\n', '  - id: \n'));
  const items = bySort(await complete(ru.uri, at(ru.text, '  - id: \n', '  - id: '.length)));
  const written = items.map(newText);
  assert.ok(!written.includes('покупка') && !written.includes('осведомленность'), written.join(', '));
  assert.equal(written[0], 'доставка', 'delivery follows purchase');
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
  assert.deepEqual(keys.sort(), ['baseline', 'lanes', 'notes', 'opportunities', 'use'].sort());
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

test('enum values are offered for kind and levels, written in the map\'s language, the adjective agreeing with the key', async () => {
  const kinds = await complete(gaps.uri, afterText(gaps.text, 'kind: current-state'));
  const lower = (s: string) => s.charAt(0).toLocaleLowerCase('pl') + s.slice(1);
  assert.deepEqual(kinds.map(newText), MAP_KINDS.map((k) => lower(k.names.pl)));
  assert.ok(kinds.map(newText).includes('stan obecny'));
  assert.ok(kinds[1].filterText!.includes('future-state'), 'found by the id too');
  const levels = await complete(gaps.uri, afterText(gaps.text, 'criticality: '));
  assert.deepEqual(levels.map(newText), [LEVEL_NAMES.low.pl, LEVEL_NAMES.medium.pl, LEVEL_NAMES.high.pl]);
  assert.deepEqual(levels.map(newText), ['niska', 'średnia', 'wysoka']);
  assert.deepEqual((await complete(bank.uri, afterText(bank.text, 'impact: high'))).map(newText), ['низкое', 'среднее', 'высокое']);
  assert.deepEqual((await complete(bank.uri, afterText(bank.text, 'effort: medium'))).map(newText), ['низкие', 'средние', 'высокие']);
  const en = await complete(shop.uri, afterText(shop.text, 'kind: current-state'));
  assert.deepEqual(en.map(newText), ['current-state', 'future-state', 'service-blueprint', 'day-in-the-life', 'internal-process', 'library']);
  // Channel types are words of the map's language too, explained in the reader's.
  const types = await complete(bank.uri, afterText(bank.text, 'type: mobile-app'));
  assert.ok(types.map(newText).includes('мобильное приложение'), types.map(newText).join(', '));
  assert.ok(!types.map(newText).includes('mobile-app'));
  const language = await complete(gaps.uri, afterText(gaps.text, 'language: pl'));
  assert.deepEqual(language.map((i) => i.labelDetails?.description), ['English', 'Русский (Russian)', 'Polski (Polish)'], 'each language named in itself');
});

test('a space only opens the list after `key:`; free text gets nothing', async () => {
  assert.ok((await complete(gaps.uri, afterText(gaps.text, 'emotion: '), ' ')).length > 0);
  const inProse = await complete(shop.uri, afterText(shop.text, 'action: Fills in '), ' ');
  assert.equal(inProse.length, 0);
  const textValue = await complete(shop.uri, afterText(shop.text, 'action: Fills in a 12-field'));
  assert.equal(textValue.length, 0);
});

test('a key\'s detail lists its values as the map\'s author writes them, not as English ids', async () => {
  const text = bank.text.replace(/^(\s+)impact: high\n/m, '$1imp\n');
  const v = variant(bank, 'bank-impact-key', text);
  const impact = (await complete(v.uri, afterText(text, 'imp'))).find((i) => i.label === 'impact')!;
  assert.ok(impact, 'impact is offered');
  assert.match(impact.detail!, /^низкое \| среднее \| высокое — /, impact.detail);
  const pl = variant(gaps, 'gaps-kind-key', gaps.text.replace(/^kind: current-state\n/m, 'ki\n'));
  const kind = (await complete(pl.uri, afterText(pl.text, '\nki'))).find((i) => i.label === 'kind')!;
  assert.match(kind.detail!, /^stan obecny \| /, kind.detail);
  assert.ok(!/current-state/.test(kind.detail!), kind.detail);
  const en = variant(shop, 'shop-kind-key', shop.text.replace(/^kind: current-state\n/m, 'ki\n'));
  const enKind = (await complete(en.uri, afterText(en.text, '\nki'))).find((i) => i.label === 'kind')!;
  assert.match(enKind.detail!, /^current-state \| future-state \| /, 'an English map is written with ids');
});

test('`language:` completion writes a code; a language named in words still sets the map\'s language', async () => {
  const text = bank.text.replace(/^language: ru$/m, 'language: русский');
  const v = variant(bank, 'bank-named-language', text);
  const impact = await complete(v.uri, afterText(text, 'impact: high'));
  assert.deepEqual(impact.map(newText), ['низкое', 'среднее', 'высокое'], 'the named language is the map\'s language');
  const language = await complete(v.uri, afterText(text, 'language: русский'));
  assert.deepEqual(language.map(newText), ['en', 'ru', 'pl']);
});
