/**
 * What the editor shows after every edit is what a full analysis of that text gives: the
 * server reuses the stages an edit did not touch (moved in place, `latestOnly`), and the
 * diagnostics it publishes for each version must still equal, range by range and in order,
 * those of `analyze` on the text as it is then.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '@cjm/core';
import { toDiagnostics } from '../../server/src/features/convert';
// @ts-expect-error plain JavaScript module shared with the benchmarks
import { generateMap } from '../../bench/generate-map.mjs';
import { Lsp, positionAt, serverFixture } from './lsp';

let lsp: Lsp;
const seeds: string[] = [...['shop.cjm', 'bank-ru.cjm', 'gaps-pl.cjm'].map((f) => serverFixture(f).text), generateMap({ stages: 8, steps: 2 })];
// Pieces that make and unmake stages, steps, ids, references and hints, anywhere.
const piece = fc.constantFrom('x', '\n', ' ', '  - id: extra\n', '      - name: New step\n', 'emotion: happy\n', 'channel: nowhere\n', '# note\n', 'id: ', '😀', 'é', '"');

before(async () => {
  lsp = await Lsp.start();
});
after(async () => {
  assert.ok(lsp.alive, `the server died: ${lsp.stderr.join('')}`);
  assert.equal(await lsp.stop(), 0);
});

let docNo = 0;

test('after every edit the published diagnostics equal a full analysis of the text: ranges, messages, order', async () => {
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), piece), { minLength: 1, maxLength: 8 }), async (seed, edits) => {
      const uri = `file:///incremental/doc-${docNo++}.cjm`;
      let text = seeds[seed];
      lsp.open(uri, text);
      await lsp.diagnostics(uri, (_d, p) => p.version === 1);
      for (const [pos, del, ins] of edits) {
        const start = pos % (text.length + 1);
        const end = Math.min(text.length, start + del);
        const version = lsp.edit(uri, { start: positionAt(text, start), end: positionAt(text, end) }, ins);
        text = text.slice(0, start) + ins + text.slice(end);
        const published = await lsp.diagnostics(uri, (_d, p) => p.version === version);
        assert.deepEqual(published, JSON.parse(JSON.stringify(toDiagnostics(analyze(text), uri))), `after ${JSON.stringify([start, end, ins])}`);
      }
      lsp.close(uri);
    }),
    { numRuns: 30 },
  );
});
