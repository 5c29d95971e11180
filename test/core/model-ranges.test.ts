/** Every model node points at the exact text it came from. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '@cjm/core';
import { example, offsetOf } from '../helpers';

const text = readFileSync(example('online-shop.cjm'), 'utf8');
const a = analyze(text);
const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);

test('scalars carry the span of their value', () => {
  assert.equal(slice(a.map.title!.span), 'First order in the online shop');
  assert.equal(a.map.title!.span.start, offsetOf(text, 'First order in the online shop'));
  assert.equal(slice(a.map.version!.span), '1');
  assert.equal(a.map.kind!.value, 'current-state');
});

test('stages and steps span their whole list item and know their keys', () => {
  const purchase = a.map.stages.find((s) => s.id?.value === 'purchase')!;
  assert.ok(slice(purchase.span).startsWith('id: purchase'));
  assert.ok(slice(purchase.span).includes('Show delivery cost on the product page'));
  assert.equal(slice(purchase.keys.get('criticality')!), 'criticality');
  const pays = purchase.steps.find((s) => s.id?.value === 'pays')!;
  assert.ok(slice(pays.span).startsWith('id: pays'));
  assert.ok(slice(pays.span).trimEnd().endsWith('owner: product'));
});

test('references point at the id as written', () => {
  const step = a.map.stages[0].steps[0];
  assert.equal(step.channel!.kind, 'channel');
  assert.equal(step.channel!.id, 'social');
  assert.equal(step.channel!.span.start, offsetOf(text, 'channel: social') + 'channel: '.length);
  assert.equal(slice(step.channel!.span), 'social');
  const refs = a.symbols.references.filter((r) => r.kind === 'team' && r.id === 'product');
  assert.equal(refs.length, 3);
  for (const r of refs) assert.equal(slice(r.span), 'product');
});

test('definitions span the id and the declaring node', () => {
  const anna = a.symbols.byId('persona', 'anna')!;
  assert.equal(slice(anna.span), 'anna');
  assert.ok(slice(anna.node).includes('Anna, 34, busy parent'));
  assert.equal(anna.name, 'Anna, 34, busy parent');
});

test('emotions keep how they were written and their valence', () => {
  const emotions = a.map.stages.flatMap((s) => s.steps).map((s) => s.emotion);
  assert.deepEqual(emotions.map((e) => e?.raw), ['curious', 'satisfied', 'frustrated', 'anxious', 'delighted', 'happy', 'satisfied', 'happy']);
  assert.deepEqual(emotions.map((e) => e?.score), [1, 1, -2, -2, 3, 2, 1, 2]);
  for (const e of emotions) assert.equal(slice(e!.span), e!.raw);
});

test('list fields written as one string or as a list both become text lists with spans', () => {
  const purchase = a.map.stages.find((s) => s.id?.value === 'purchase')!;
  const [signUp, pays] = purchase.steps;
  assert.deepEqual(signUp.pains.map((p) => p.value), ['Too many fields on a phone', 'No guest checkout']);
  assert.deepEqual(pays.pains.map((p) => slice(p.span)), ['Delivery cost appears only at the last step']);
});

test('a broken step does not blank the map: the other steps are still read', () => {
  const broken = text.replace('      - id: pays\n        name: Pays\n', '      - id: pays\n        name: [Pays\n');
  const b = analyze(broken);
  assert.ok(b.diagnostics.some((d) => d.code === 'yaml-syntax'));
  assert.ok(b.map.stages.length >= 3, `stages: ${b.map.stages.length}`);
  assert.equal(b.map.title?.value, 'First order in the online shop');
});

test('CRLF line endings give the same model and correct line numbers', () => {
  const crlf = text.replace(/\n/g, '\r\n');
  const c = analyze(crlf);
  assert.equal(c.map.stages.length, a.map.stages.length);
  const p = c.lines.positionAt(c.map.title!.span.start);
  assert.equal(c.lines.lineText(p.line), 'title: First order in the online shop');
});
