// The browser build (as on github.dev and vscode.dev): code-server runs the extension in its
// web-worker host (user setting remote.extensionKind), the language server in a Worker. A user
// opens a map, opens the preview to the side, types, and sees the preview and the Problems
// follow; the server's output says where it runs, so a silent fall-back to Node fails here.
export default {
  title: 'browser build: preview to the side and diagnostics follow typing, server in a Worker',
  host: 'web',
  async run({ page, shot, h, workspace }) {
    const file = `${workspace}/shop.cjm`;
    await h.openFromExplorer(page, 'shop.cjm');
    await h.waitForProblems(page);

    // Where the language server runs, as its output channel reports it. The panel may not open
    // on the first try while the workbench is still settling: ask again until it shows.
    const output = page.locator('.panel .monaco-editor .view-lines').first();
    await h.waitUntil(
      async () => {
        if (!(await output.isVisible().catch(() => false))) {
          await h.runCommand(page, 'Show Language Server Output');
          await output.waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
        }
        // Monaco renders spaces as U+00A0.
        return /runs in a Worker \(browser build\)/.test((await output.innerText({ timeout: 2000 })).replace(/\u00a0/g, ' '));
      },
      'the server output to say it runs in a Worker (browser build)',
      30_000,
      500,
    );
    await shot('server-in-worker');
    await page.keyboard.press('Control+J'); // hide the panel again: room for the editor and the preview

    await page.locator('.editor-group-container .monaco-editor').first().click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('V');
    const frame = await h.waitUntil(() => h.frameWithText(page, 'Sees an ad'), 'the preview (Ctrl+K V) to show the step "Sees an ad"', 30_000);
    const text = await frame.evaluate(() => document.body.innerText);
    for (const stage of ['Awareness', 'Purchase', 'Delivery']) if (!text.includes(stage)) throw new Error(`stage "${stage}" not in the preview: ${text.slice(0, 300)}`);
    await shot('preview');

    // Typing updates the preview without saving.
    await page.locator('.editor-group-container .monaco-editor').first().click();
    await h.goToLine(page, h.lineNumberOf(file, 'name: Pays'));
    await page.keyboard.press('End');
    await page.keyboard.type(' by card', { delay: 30 });
    await h.waitUntil(() => h.frameWithText(page, 'Pays by card'), 'the preview to show the edited step name "Pays by card"');
    await shot('edited');

    // A misspelled emotion: one more error in the status bar, from the Worker.
    const before = await h.errorCount(page);
    await h.goToLine(page, h.lineNumberOf(file, 'emotion: delighted'));
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await h.waitUntil(async () => (await h.errorCount(page)) === before + 1, `the error count to go from ${before} to ${before + 1}`);
    await shot('diagnostic');
  },
};
