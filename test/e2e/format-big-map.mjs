// Format Document on a 200-stage map through the UI, in either extension host (the scenarios
// format-big-map.e2e.mjs and format-big-map-web.e2e.mjs): the saved file is byte for byte what
// `cjm fmt` prints for the same text, and the server's output says where the format ran, on a
// worker thread (Node build) or in a Worker started from the server's Worker (browser build) —
// not on the server's loop. test/integration/suite/format-big-map.ts checks from inside the
// extension host that the server answers meanwhile.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateUnindentedMap } from '../../bench/generate-map.mjs';

const FILE = 'big-format.cjm';

/** What the command line makes of the map: `cjm fmt <file>` prints the formatted text. */
function cliFormat(root, file) {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'fmt', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`cjm fmt ${file} failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout;
}

export function formatBigMapScenario(host) {
  // The start of the server's line; the size and the file's URI follow it (only this map is big).
  const where = host === 'web' ? /formatting: formatted in a Worker \(cjm-format\) in \d+ ms/ : /formatting: formatted on a worker thread in \d+ ms/;
  return {
    title: `${host === 'web' ? 'browser build' : 'Node build'}: Format Document on a 200-stage map saves what \`cjm fmt\` prints, formatted ${host === 'web' ? 'in a Worker' : 'on a worker thread'}`,
    host,
    prepare(workspace) {
      writeFileSync(join(workspace, FILE), generateUnindentedMap({ stages: 200, steps: 4 }));
    },
    async run({ page, shot, h, workspace, log }) {
      const file = join(workspace, FILE);
      const original = readFileSync(file, 'utf8');
      const expected = cliFormat(h.root, file);
      if (expected === original) throw new Error('the generated map is already formatted: the scenario would prove nothing');

      await h.openFromExplorer(page, FILE);
      // broken.cjm's errors, from the workspace scan: the server is up.
      await h.waitForProblems(page, 60_000);
      await shot('unformatted');
      await h.runCommand(page, 'Format Document');
      // The first persona, flush with `personas:` before, is indented under it once formatted.
      await h.waitUntil(async () => (await h.activeEditorText(page)).includes('\n  - id: anna'), 'the editor to show the map formatted', 120_000, 250);
      await page.keyboard.press(`${h.mod}+S`);
      // The file is written in pieces: wait for the save to end (the tab is clean) before reading it.
      await page.locator(`.tabs-container .tab.active[aria-label^="${FILE}"]:not(.dirty)`).waitFor({ state: 'visible', timeout: 30_000 });
      let saved = '';
      await h.waitUntil(() => (saved = readFileSync(file, 'utf8')) === expected, `${FILE} on disk to be \`cjm fmt\`'s output`, 10_000).catch(() => {});
      if (saved !== expected) {
        const lines = saved.split('\n');
        const want = expected.split('\n');
        const at = lines.findIndex((l, i) => l !== want[i]);
        throw new Error(`the saved map differs from \`cjm fmt\`'s output at line ${at + 1}: ${JSON.stringify(lines[at])} instead of ${JSON.stringify(want[at])}`);
      }
      await shot('formatted');
      await h.goToLine(page, h.lineNumberOf(file, 'id: stage-100'));
      await shot('formatted-stage-100');

      // Which way the format went, as the server's output reports it.
      const output = page.locator('.panel .monaco-editor .view-lines').first();
      const said = await h.waitUntil(
        async () => {
          if (!(await output.isVisible().catch(() => false))) {
            await h.runCommand(page, 'Show Language Server Output');
            await output.waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
          }
          const text = (await output.innerText({ timeout: 2000 })).replace(/\u00a0/g, ' ');
          return /formatting: (could not format|on the message loop)/.test(text) ? `the format ran on the server's loop: ${text.slice(-400)}` : where.exec(text)?.[0];
        },
        `the server output to say ${where.source}`,
        30_000,
        500,
      );
      if (said.startsWith('the format ran')) throw new Error(said);
      log(`server output: ${said}`);
      await shot('server-output');
    },
  };
}
