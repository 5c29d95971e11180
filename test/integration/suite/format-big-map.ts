// Format Document on a big map (200 stages, 16,618 lines) in the real extension host, run in
// both: the Node build formats it on a worker thread, the browser build in a Worker started from
// the language server's Worker. Either way the document ends up exactly as the core formatter
// (`cjm fmt`'s) lays the text out, and the server answers hover after hover while it formats.
// Orderings only, no durations: on the server's own loop a format lets one or two requests in
// and holds the rest until it is done, so many answers before the edits arrive mean the format
// ran elsewhere.
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { formatText } from '@cjm/core';
// @ts-expect-error plain JavaScript module shared with the benchmarks
import { generateUnindentedMap } from '../../../bench/generate-map.mjs';
import { closeAllEditors, hoverText, scratchMap, waitFor } from '../helper';

/** Answers a formatting on the loop could let in before its edits; more show it ran elsewhere. */
const MORE_THAN_THE_LOOP_LETS_IN = 5;

suite('Formatting a big map', () => {
  suiteTeardown(closeAllEditors);

  test('Format Document on a 200-stage map gives the core formatter\'s text, and hovers are answered while it runs', async function () {
    // Opening and analysing 16,618 lines, then formatting them, on a loaded 2-core machine.
    this.timeout(180_000);
    const text: string = generateUnindentedMap({ stages: 200, steps: 4 });
    const expected = formatText(text);
    assert.ok(expected.ok && expected.changed, 'the generated map should need formatting');
    const { doc } = await scratchMap('big-format.cjm', text);
    try {
      // The key `title` on the second line: its hover is the schema's docs. The first answer
      // waits for the analysis of the whole map.
      const at = new vscode.Position(1, 2);
      const hover = async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
      await waitFor(hover, 'a hover on `title:` once the map is analysed', 90_000);

      let formatted = false;
      const formatting = Promise.resolve(vscode.commands.executeCommand('editor.action.formatDocument')).then(() => (formatted = true));
      let answeredMeanwhile = 0;
      while (!formatted) {
        const shown = await hover();
        if (formatted) break;
        assert.ok(shown, 'a hover answered while formatting was empty');
        answeredMeanwhile++;
      }
      await formatting;
      console.log(`[format-big-map] ${answeredMeanwhile} hover(s) answered while the map was formatted`);
      assert.equal(doc.getText(), expected.text, 'the formatted document differs from the core formatter\'s text');
      assert.ok(
        answeredMeanwhile > MORE_THAN_THE_LOOP_LETS_IN,
        `only ${answeredMeanwhile} hover(s) answered while the map was formatted: the format held the server's loop`,
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await closeAllEditors();
      await vscode.workspace.fs.delete(doc.uri).then(undefined, () => undefined);
    }
  });
});
