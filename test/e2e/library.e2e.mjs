// A user peeks at every use of a persona kept in a shared library: the Russian current/future
// pair of examples/library, both maps taking their personas from bank-library.cjm.
import { readFileSync } from 'node:fs';

export default {
  title: 'peek references of a library persona: the library and both maps (Shift+F12)',
  workspace: 'examples/library',
  async run({ page, shot, h, workspace }) {
    await h.openFromExplorer(page, 'future.cjm');
    const file = `${workspace}/future.cjm`;
    const line = h.lineNumberOf(file, 'persona: игорь');
    const column = readFileSync(file, 'utf8').split('\n')[line - 1].indexOf('игорь') + 3;
    await h.goToLine(page, line, column);
    const peek = page.locator('.peekview-widget');
    // The language server links the maps with their library after it starts: until then a
    // peek finds the uses in this file only, so peek again until all three files are listed.
    await h.waitUntil(async () => {
      if (await peek.isVisible().catch(() => false)) await page.keyboard.press('Escape');
      await page.keyboard.press('Shift+F12');
      await peek.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
      const text = await peek.innerText().catch(() => '');
      return ['bank-library.cjm', 'current.cjm', 'future.cjm'].every((f) => text.includes(f));
    }, 'the peek to list bank-library.cjm, current.cjm and future.cjm', 60_000, 1000);
    await shot('peek-references');
  },
};
