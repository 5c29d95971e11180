/**
 * When diagnostics are published: a lone edit of a small map at once, a burst of typing once
 * it pauses. The quiet period here is a minute, so "at once" and "waits" cannot be confused
 * on however slow a machine (no test measures a duration).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Lsp, serverFixture } from './lsp';
// @ts-expect-error plain JavaScript module shared with the benchmarks
import { generateMap } from '../../bench/generate-map.mjs';

let lsp: Lsp;
const shop = serverFixture('shop.cjm');

before(async () => {
  lsp = await Lsp.start({ initializationOptions: { diagnosticDelay: 60_000 } });
});
after(async () => {
  assert.equal(await lsp.stop(), 0);
});

test('a lone edit is answered without the quiet period; a burst of typing waits for it', async () => {
  const uri = shop.uri;
  lsp.open(uri, shop.text);
  await lsp.diagnostics(uri, (_d, p) => p.version === 1);
  const published = lsp.published.length;
  // Two keystrokes in a row: the second is part of a burst, so nothing is published yet.
  lsp.change(uri, shop.text.replace('title:', 'title: x'));
  lsp.change(uri, shop.text.replace('title:', 'title: xy'));
  await lsp.request('textDocument/documentSymbol', { textDocument: { uri } });
  await new Promise((r) => setTimeout(r, 300));
  const burst = lsp.published.slice(published).filter((p) => p.uri === uri).map((p) => p.version);
  assert.ok(!burst.includes(3), `the burst's last version waits for the quiet period, got ${JSON.stringify(burst)}`);
});

const EMOTION = /emotion: \w+/;

test('the first edit after opening a big map is answered at once: the whole-map first read does not count as what an edit costs', async () => {
  // Reading 120 stages whole takes far longer than the 30 ms an edit may cost to be answered
  // at once; re-reading the one stage an edit touched does not. The quiet period is the
  // server's longest (10 s): waiting for it would time the wait for version 2 out.
  const uri = 'file:///big/first-edit.cjm';
  const text = generateMap({ stages: 120, steps: 4 });
  lsp.open(uri, text);
  await lsp.diagnostics(uri, (_d, p) => p.version === 1, 30_000);
  lsp.change(uri, text.replace(EMOTION, 'emotion: no-such-feeling'));
  const published = await lsp.diagnostics(uri, (_d, p) => p.version === 2, 6_000);
  assert.ok(published.some((d) => String(d.message).includes('no-such-feeling')), JSON.stringify(published.map((d) => d.message)));
});
