// A new user's first minutes: the Getting Started walkthrough, a new map from the template,
// the preview beside it with its header rows stuck under the toolbar while the lanes scroll,
// and the export formats. Writes the pictures the walkthrough and the docs use
// (test-results/walkthrough-*.png; copied to media/walkthrough/ and docs/images/ after
// looking at them).
import { join } from 'node:path';

export default {
  title: 'getting started: walkthrough, new map, sticky header rows, export formats',
  async run({ page, shot, h, workspace }) {
    const clip = async (locator, name) => {
      const box = await locator.boundingBox();
      if (!box) throw new Error(`nothing to photograph for ${name}`);
      await page.screenshot({ path: join(h.resultsDir, `walkthrough-${name}.png`), clip: box });
    };
    await h.openFromExplorer(page, 'shop.cjm');
    await h.waitForProblems(page, 60_000);

    // A new map from the template (English, current state: the first choices).
    await h.runCommand(page, 'CJM: New Journey Map');
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await h.sleep(400);
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await h.waitUntil(async () => /^stages:/m.test(await h.activeEditorText(page)), 'the new map\'s text');
    if (await page.locator('.sidebar').isVisible()) await page.keyboard.press('Control+B');
    await h.sleep(800);
    await clip(page.locator('.part.editor'), 'new-map');

    // The preview beside a map.
    await page.keyboard.press('Control+Shift+E');
    await h.openFromExplorer(page, 'shop.cjm');
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('V');
    const frame = await h.waitUntil(() => h.frameWithText(page, 'Sees an ad'), 'the preview of shop.cjm', 20_000);
    await h.sleep(1200);
    await clip(page.locator('.part.editor'), 'preview');

    // Scrolled right and down: the toolbar stays, the stage and step rows stay under it.
    const grid = await frame.evaluate(() => {
      const stage = document.querySelector('tr.cjm-row-stages th.cjm-stage').getBoundingClientRect();
      const toolbar = document.querySelector('.cjm-toolbar').getBoundingClientRect();
      return { stageTop: stage.top + window.scrollY, toolbarHeight: toolbar.height };
    });
    await frame.evaluate((y) => window.scrollTo(420, y), grid.stageTop - grid.toolbarHeight + 260);
    await h.sleep(600);
    const stuck = await frame.evaluate(() => {
      const r = (s) => document.querySelector(s).getBoundingClientRect();
      return { scrollX: window.scrollX, scrollY: window.scrollY, toolbar: r('.cjm-toolbar'), stage: r('tr.cjm-row-stages th.cjm-stage'), step: r('tr.cjm-row-steps th.cjm-step') };
    });
    if (!(stuck.scrollX > 0 && stuck.scrollY > 0)) throw new Error(`the preview did not scroll: ${JSON.stringify(stuck)}`);
    if (Math.abs(stuck.toolbar.left) > 1 || Math.abs(stuck.toolbar.top) > 1) throw new Error(`the toolbar moved: ${JSON.stringify(stuck.toolbar)}`);
    if (Math.abs(stuck.stage.top - stuck.toolbar.bottom) > 1.5 || Math.abs(stuck.step.top - stuck.stage.bottom) > 1.5) throw new Error(`the header rows scrolled away: ${JSON.stringify(stuck)}`);
    const previewFrame = await frame.parentFrame().frameElement();
    await page.screenshot({ path: join(h.resultsDir, 'walkthrough-sticky-headers.png'), clip: await previewFrame.boundingBox() });

    // The preview's Export… button offers the formats.
    await frame.locator('button[data-action="export"]').click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'PNG' }).first().waitFor({ state: 'visible' });
    await h.sleep(500);
    await clip(page.locator('.part.editor'), 'export');
    await page.keyboard.press('Escape');

    // The walkthrough, as Help > Welcome lists it (last: it takes the focus when a step is done).
    await h.runCommand(page, 'Welcome: Open Walkthrough...');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('customer journey');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with customer journey maps' }).first().click();
    const walkthrough = page.locator('.gettingStartedContainer').first();
    await walkthrough.waitFor({ state: 'visible', timeout: 20_000 });
    await h.waitUntil(() => page.locator('.getting-started-step', { hasText: 'Create a journey map' }).first().isVisible(), 'the walkthrough\'s first step');
    await h.waitUntil(() => page.locator('.getting-started-media img').first().evaluate((img) => img.complete && img.naturalWidth > 0), 'the step\'s picture to load');
    await h.sleep(800);
    await clip(page.locator('.part.editor'), 'walkthrough');
    await shot('walkthrough');
  },
};
