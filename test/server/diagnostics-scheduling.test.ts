/**
 * When diagnostics are published: a lone edit of a small map at once, a burst of typing once
 * it pauses. The quiet period here is a minute, so "at once" and "waits" cannot be confused
 * on however slow a machine (no test measures a duration).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Lsp, serverFixture } from './lsp';

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
