// A user opens the preview to the side, edits the map and watches it change, then clicks a
// step in the preview and lands on its source.
export default {
  title: 'preview to the side: stages and emotions drawn, live on edit, click jumps to source',
  async run({ page, shot, h, workspace }) {
    const file = `${workspace}/shop.cjm`;
    await h.openFromExplorer(page, 'shop.cjm');
    await h.waitForProblems(page);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('V');
    const frame = await h.waitUntil(() => h.frameWithText(page, 'Sees an ad'), 'the preview (Ctrl+K V) to show the step "Sees an ad"', 20_000);
    const text = await frame.evaluate(() => document.body.innerText);
    for (const stage of ['Awareness', 'Purchase', 'Delivery']) if (!text.includes(stage)) throw new Error(`stage "${stage}" not in the preview: ${text.slice(0, 300)}`);
    for (const emoji of ['😣', '🤩']) if (!text.includes(emoji) && !(await frame.locator(`text=${emoji}`).count())) throw new Error(`emotion marker ${emoji} not in the preview`);
    await shot('preview');

    // Live update without saving.
    await page.locator('.editor-group-container .monaco-editor').first().click();
    await h.goToLine(page, h.lineNumberOf(file, 'name: Pays'));
    await page.keyboard.press('End');
    await page.keyboard.type(' by card', { delay: 30 });
    await h.waitUntil(() => h.frameWithText(page, 'Pays by card'), 'the preview to show the edited step name "Pays by card"');
    await shot('edited');

    // Clicking a step's cell puts the cursor at its source. A user clicks once the preview has
    // followed the cursor to the edited step, not in the same instant as the last keystroke.
    const target = await h.frameWithText(page, 'Receives the parcel');
    await h.waitUntil(() => target.evaluate(() => !!document.querySelector('th.cjm-step.cjm-active')?.textContent?.includes('Pays by card')), 'the preview to mark the edited step "Pays by card" as the one under the cursor');
    await h.webviewSettled(target, 'the preview to stop moving after the edit');
    await target.locator('text=Receives the parcel').first().click();
    const from = h.lineNumberOf(file, '- id: receives');
    const to = h.lineNumberOf(file, '- id: confirmation') - 1;
    const pos = await h.waitUntil(async () => {
      const p = await h.cursorPosition(page);
      // Selecting the whole step may leave the cursor at column 1 of the line after it.
      return p && p.line >= from && (p.line <= to || (p.line === to + 1 && p.column === 1)) ? p : null;
    }, `the cursor to land in the "receives" step (lines ${from}-${to})`);
    await shot(`clicked-ln${pos.line}`);
  },
};
