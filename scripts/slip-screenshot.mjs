// docs/images/slip-one-error.png: a Russian map with one line indented a column short, in the
// real VS Code (English UI, code-server + headless Chromium), with the Problems panel open:
// the one message cjm gives for the slip, where the YAML parser alone gave a cascade.
//
//   node scripts/slip-screenshot.mjs
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, setupCodeServer } from './code-server/setup.mjs';
import * as h from './code-server/harness.mjs';

const { root } = h;
const FILE = 'step-key-short-ru.cjm';
const out = join(root, 'docs/images/slip-one-error.png');

ensureChromium();
setupCodeServer();
const extensionsDir = h.installBuiltExtension('slip-install');

const userData = h.userDataDir('slip-shot', { 'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false, 'breadcrumbs.enabled': false });
// The one map alone, so the Problems panel shows what it says about it.
const workspace = h.freshCopy(join(root, 'test/fixtures/slips'), 'workspace-slip');
for (const f of readdirSync(workspace)) if (f !== FILE) rmSync(join(workspace, f), { recursive: true });
const log = h.logger(join(h.resultsDir, 'slip-console.log'));
const server = await h.startCodeServer({ userData, extensionsDir, logFile: join(h.resultsDir, 'slip-code-server.log') });
await h.screenshotSession(server, 'slip-failure', async (browser) => {
  const page = await h.newPage(browser, { log, viewport: { width: 1280, height: 760 } });
  await h.openWorkbench(page, h.workbenchUrl(server.origin, workspace));
  await h.openFromExplorer(page, FILE);
  await h.waitForProblems(page, 90_000);
  await h.runCommand(page, 'View: Toggle Problems');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'column' }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
  await h.sleep(800);
  await page.screenshot({ path: out });
  console.log(`slip-one-error.png: ${(statSync(out).size / 1024).toFixed(0)} KB; problems: ${await page.locator('[id="status.problems"]').innerText()}`);
});
