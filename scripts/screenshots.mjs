// Screenshots of the preview of every example map, in the real VS Code (code-server +
// headless Chromium, the test harness), in the light and dark default themes, plus one in
// high contrast: docs/images/preview-<example>-<light|dark>.png and preview-high-contrast.png.
// The theme is switched as a user would: Preferences: Color Theme.
//
//   node scripts/screenshots.mjs            every example
//   node scripts/screenshots.mjs shop city  only examples whose name contains one of the words
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import { ensureChromium, setupCodeServer } from './code-server/setup.mjs';
import * as h from './code-server/harness.mjs';

const { root } = h;
const out = join(root, 'docs/images');
const filters = process.argv.slice(2);
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', hc: 'Default High Contrast' };
const BODY_CLASS = { light: 'vscode-light', dark: 'vscode-dark', hc: 'vscode-high-contrast' };

ensureChromium();
setupCodeServer();
const extensionsDir = h.installBuiltExtension('user-install');

const userData = h.userDataDir('user-shots', { 'workbench.colorTheme': THEMES.light, 'editor.minimap.enabled': false, 'breadcrumbs.enabled': false });
const workspace = h.freshCopy(join(root, 'examples'), 'workspace-shots');
const examples = readdirSync(workspace).filter((f) => f.endsWith('.cjm')).filter((f) => !filters.length || filters.some((w) => f.includes(w))).sort();
const log = h.logger(join(h.resultsDir, 'screenshots-console.log'));

const server = await h.startCodeServer({ userData, extensionsDir, logFile: join(h.resultsDir, 'screenshots-code-server.log') });
await h.screenshotSession(server, 'screenshots-failure', async (browser) => {
  const page = await h.newPage(browser, { log, viewport: { width: 1760, height: 1250 } });
  await h.openWorkbench(page, h.workbenchUrl(server.origin, workspace));

  const setTheme = async (theme, frame) => {
    if (await frame.evaluate((c) => document.body.classList.contains(c), BODY_CLASS[theme])) return;
    // As a user would: the theme picker from the command palette.
    await h.runCommand(page, 'Preferences: Color Theme');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(THEMES[theme]);
    // Rows read "Dark Modern  Default Dark Modern"; "… High Contrast Light" is another theme.
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: THEMES[theme] }).filter({ hasNotText: /Browse|Light$/ }).first().click();
    await h.waitUntil(() => frame.evaluate((c) => document.body.classList.contains(c), BODY_CLASS[theme]), `the ${theme} theme in the preview`, 20_000);
    await h.sleep(600);
  };
  /** The preview's pane: the webview's outer iframe, as the page lays it out. */
  const shoot = async (frame, file) => {
    const box = await (await frame.parentFrame().frameElement()).boundingBox();
    await page.screenshot({ path: file, clip: box });
    console.log(`${basename(file)}: ${(statSync(file).size / 1024).toFixed(0)} KB`);
  };

  for (const [i, name] of examples.entries()) {
    const title = /^title:\s*(.+)$/m.exec(readFileSync(join(workspace, name), 'utf8'))?.[1].trim().replace(/^["']|["']$/g, '') ?? name;
    await h.openFromExplorer(page, name);
    // The extension activates on the first map: its keybinding exists only from then on.
    if (i === 0) await h.waitForProblems(page, 60_000);
    let frame;
    for (let attempt = 0; !frame && attempt < 3; attempt++) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('V');
      frame = await h.waitUntil(() => h.frameWithText(page, title), `the preview of ${name} ("${title}")`, 20_000).catch(() => undefined);
    }
    if (!frame) throw new Error(`no preview of ${name}`);
    // The sidebar only costs the map room; the Explorer comes back for the next file.
    if (await page.locator('.sidebar').isVisible()) await page.keyboard.press('Control+B');
    // 80 %: the header, the lanes and the emotion curve in one picture.
    for (let z = 0; z < 2; z++) await frame.locator('button[data-command="zoomOut"]').click();
    await h.sleep(1200);
    const base = basename(name, '.cjm');
    const light = i % 2 === 0;
    // Alternate the order so each example costs one theme switch, not two.
    for (const theme of light ? ['light', 'dark'] : ['dark', 'light']) {
      await setTheme(theme, frame);
      await shoot(frame, join(out, `preview-${base}-${theme}.png`));
    }
    if (name === 'bank-omnichannel-ru.cjm' || (filters.length && i === examples.length - 1)) {
      await setTheme('hc', frame);
      await shoot(frame, join(out, 'preview-high-contrast.png'));
      await setTheme(light ? 'dark' : 'light', frame);
    }
    await h.runCommand(page, 'View: Close All Editors');
    await page.keyboard.press('Control+Shift+E');
  }
});
