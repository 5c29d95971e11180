// A user opens a broken map from the Explorer and reads the error in the Problems panel.
export default {
  title: 'open a map from the Explorer, see its error in the Problems panel',
  async run({ page, shot, h, pkg, workspace }) {
    await h.openFromExplorer(page, 'broken.cjm');
    // The language's display name in the status bar: the cjm grammar and language are active.
    const aliases = pkg.contributes?.languages?.find((l) => l.id === 'cjm')?.aliases ?? ['cjm'];
    await h.waitUntil(async () => aliases.includes((await page.locator('[id="status.editor.mode"]').innerText()).trim()), `the status bar to show the language (${aliases.join(' / ')})`);
    await shot('editor');
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ state: 'visible' });
    const row = problems.locator('.monaco-list-row', { hasText: 'frustratd' }).first();
    await h.waitUntil(() => row.isVisible(), 'a problem mentioning "frustratd" in the Problems panel', 20_000);
    await shot('problems');
    // The other maps' problems arrive from the workspace-wide pass while the panel is open, and
    // each arrival redraws the list: once it has held still for a second, the row clicked is
    // the row that Enter opens (in CI the list once moved between the two and Enter opened
    // another map's problem).
    const rows = problems.locator('.monaco-list-row');
    await h.settled(async () => (await rows.allInnerTexts()).join('\n'), 'the Problems list to hold still', 1000, 20_000);
    // The badge on the Problems tab counts it too, and clicking the problem reveals its line.
    await row.click();
    await h.waitUntil(async () => (await row.getAttribute('aria-selected')) === 'true', 'the clicked problem to be the selected one', 5000);
    await page.keyboard.press('Enter');
    const line = h.lineNumberOf(`${workspace}/broken.cjm`, 'frustratd');
    await h.waitUntil(async () => (await h.cursorPosition(page))?.line === line, `the cursor on line ${line} after opening the problem`);
    await shot('revealed');
  },
};
