// A user types after `emotion: ` in a Polish map, presses Ctrl+Space, narrows with a Polish
// word and picks: the map gets the Polish word, not an English id.
export default {
  title: 'Ctrl+Space after `emotion: ` lists emotions; picking one writes the map\'s word',
  async run({ page, shot, h, workspace }) {
    await h.openFromExplorer(page, 'gaps-pl.cjm');
    await h.waitForProblems(page);
    const line = h.lineNumberOf(`${workspace}/gaps-pl.cjm`, 'name: Porównuje ceny') + 1;
    await h.goToLine(page, line);
    await page.keyboard.press('End');
    const errorsBefore = await h.settledErrorCount(page);
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.editor-widget.suggest-widget');
    await widget.waitFor({ state: 'visible' });
    // Sorted by valence, happiest first; the list is virtual, so only the top rows exist.
    const top = widget.locator('.monaco-list-row').first();
    await h.waitUntil(async () => /🤩/.test(await top.innerText()) && !/delighted/.test(await top.innerText()), 'delighted 🤩, named in Polish, at the top of the suggestions');
    await shot('suggestions');
    await page.keyboard.type('sfru', { delay: 60 });
    const first = widget.locator('.monaco-list-row.focused');
    await h.waitUntil(async () => /sfrustrowany/.test(await first.innerText()), 'sfrustrowany to be the focused suggestion after typing "sfru"');
    await shot('filtered');
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    await h.waitUntil(async () => /^\s*emotion: sfrustrowany\s*$/m.test(await h.activeEditorText(page)), 'the line to read "emotion: sfrustrowany"');
    // What was picked is valid: once the server has re-checked, no error was added.
    await h.waitUntil(async () => (await h.errorCount(page)) === errorsBefore, `the error count to settle back at ${errorsBefore}`);
    await shot('accepted');
  },
};
