// Runs VS Code (code-server 4.96.4) on 127.0.0.1 and drives its workbench with headless
// Chromium through playwright-core. Used by scripts/test-vscode.mjs (integration suite and
// end-to-end scenarios) and scripts/start.mjs.
//
// Hygiene: code-server is spawned detached and stopped by its process group (that also ends
// its extension hosts); every start registers a stop that runs in `finally` blocks, on
// SIGINT/SIGTERM and at exit. Nothing listens beyond 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync, appendFileSync, readFileSync, existsSync, openSync, closeSync, rmSync, cpSync, readdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entry as codeServerEntry, chromiumPath } from './setup.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const resultsDir = join(root, 'test-results');
// Scratch folders (workspaces, user data, extension folders) per run: several people may run
// the tests in one checkout at once. Removed at exit unless CJM_KEEP_RUN=1; leftovers of runs
// that died are removed by the next one.
const runsDir = join(root, '.cache/run');
export const runDir = join(runsDir, String(process.pid));
if (existsSync(runsDir)) {
  for (const name of readdirSync(runsDir)) {
    const pid = Number(name);
    let alive = false;
    try {
      alive = pid > 0 && process.kill(pid, 0);
    } catch {}
    if (!alive) rmSync(join(runsDir, name), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- cleanup registry
const stops = new Set();
export function onCleanup(fn) {
  stops.add(fn);
  return () => stops.delete(fn);
}
export async function cleanupAll() {
  for (const fn of [...stops].reverse()) {
    stops.delete(fn);
    try {
      await fn();
    } catch {}
  }
}
const groups = new Set();
function killGroup(pid, signal = 'SIGTERM') {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}
// Last resort, synchronous: whatever is still registered when Node exits.
process.on('exit', () => {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  if (!process.env.CJM_KEEP_RUN) rmSync(runDir, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    console.error(`\n[harness] ${sig}: stopping everything this run started`);
    cleanupAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    setTimeout(() => process.exit(1), 5000).unref();
  });
}

// ---------------------------------------------------------------- small utilities
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects after `ms` with a message naming what was awaited: every wait here is bounded. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${(ms / 1000).toFixed(0)} s: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function logger(file) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '');
  return (line) => appendFileSync(file, `${new Date().toISOString().slice(11, 23)} ${line}\n`);
}

function tail(file, lines = 25) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** A fresh copy of a folder under .cache/run, so tests never touch the repo's files. */
export function freshCopy(from, name) {
  const to = join(runDir, name);
  rmSync(to, { recursive: true, force: true });
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
  return to;
}

// ---------------------------------------------------------------- code-server
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.accessibilitySupport': 'off',
  'chat.commandCenter.enabled': false,
};

/** A user-data dir with settings that keep the workbench quiet and predictable. */
export function userDataDir(name, settings = {}) {
  const dir = join(runDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'User'), { recursive: true });
  writeFileSync(join(dir, 'User/settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  return dir;
}

export function installVsix(vsix, { userData, extensionsDir, log = () => {} }) {
  if (!existsSync(vsix)) throw new Error(`no VSIX at ${vsix}`);
  mkdirSync(extensionsDir, { recursive: true });
  const r = spawnSync(process.execPath, [codeServerEntry, '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  log(`[install-extension] ${r.stdout}${r.stderr}`);
  if (r.status !== 0) throw new Error(`installing ${basename(vsix)} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * Starts code-server on 127.0.0.1 with a free port and waits until /healthz answers.
 * Returns { port, origin, pid, stop() }.
 */
/**
 * Builds the extension, packages it as a user would get it and installs the VSIX into a fresh
 * extensions folder (for the screenshot scripts); returns that folder.
 */
export function installBuiltExtension(name) {
  const run = (cmd, args, what) => {
    const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) throw new Error(`${what} failed:\n${r.stdout}${r.stderr}`);
  };
  run(process.execPath, ['scripts/build.mjs'], 'build');
  mkdirSync(runDir, { recursive: true });
  const vsix = join(runDir, 'cjm.vsix');
  run(join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], 'vsce package');
  const extensionsDir = join(runDir, 'extensions');
  installVsix(vsix, { userData: userDataDir(name), extensionsDir });
  return extensionsDir;
}

export async function startCodeServer({ userData, extensionsDir, logFile, port, env = {}, startupMs = 60_000 }) {
  port ??= await freePort();
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'w');
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
  ];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...env },
  });
  closeSync(fd);
  groups.add(child.pid);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    groups.delete(child.pid);
  });
  const stop = async () => {
    if (!exited) {
      killGroup(child.pid, 'SIGTERM');
      for (let i = 0; i < 30 && !exited; i++) await sleep(100);
      if (!exited) killGroup(child.pid, 'SIGKILL');
    }
    // The extension hosts share the group; make sure none outlives the server.
    killGroup(child.pid, 'SIGKILL');
    groups.delete(child.pid);
  };
  const unregister = onCleanup(stop);
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startupMs;
  for (;;) {
    if (exited) {
      unregister();
      throw new Error(`code-server exited during start-up (${exited.code ?? exited.signal}):\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      unregister();
      throw new Error(`code-server did not answer ${origin}/healthz within ${startupMs / 1000} s:\n${tail(logFile)}`);
    }
    await sleep(200);
  }
  return {
    port,
    origin,
    pid: child.pid,
    async stop() {
      unregister();
      await stop();
    },
  };
}

/** The workbench URL for a folder; `payload` pairs become VS Code's URL payload. */
export function workbenchUrl(origin, folder, payload) {
  let url = `${origin}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Payload that loads an unpacked extension folder and runs its test module. */
export function testPayload(origin, extensionFolder, testsModule) {
  const remote = (p) => `vscode-remote://${origin.replace(/^https?:\/\//, '')}${p}`;
  return [
    ['extensionDevelopmentPath', remote(extensionFolder)],
    ['extensionTestsPath', remote(testsModule)],
  ];
}

// ---------------------------------------------------------------- browser
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const browser = await withTimeout(chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS }), 60_000, 'Chromium to start');
  const close = () => withTimeout(browser.close(), 10_000, 'Chromium to close').catch(() => {});
  const unregister = onCleanup(close);
  return {
    browser,
    async close() {
      unregister();
      await close();
    },
  };
}

/**
 * A page whose console (and its workers' consoles: the web extension host, the language
 * server worker) goes to `log`. `onExit` receives codeAutomationExit's code.
 */
export async function newPage(browser, { log, onExit, viewport = { width: 1440, height: 900 } }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (m) => log(`[page:${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => log(`[pageerror] ${e.message}`));
  page.on('worker', (w) => {
    log(`[worker] started ${w.url().slice(0, 120)}`);
    w.on('console', (m) => log(`[worker:${m.type()}] ${m.text()}`));
  });
  page.on('crash', () => log('[page] crashed'));
  // Must exist before the workbench loads: it looks the function up when a test run ends.
  await page.exposeFunction('codeAutomationExit', (code) => {
    log(`[codeAutomationExit] ${code}`);
    onExit?.(code);
  });
  return page;
}

export async function openWorkbench(page, url, { timeoutMs = 60_000 } = {}) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
}

export async function screenshot(page, name) {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.png`);
  try {
    await page.screenshot({ path: file, timeout: 10_000 });
  } catch {}
  return file;
}

// ---------------------------------------------------------------- workbench helpers for e2e
export const mod = 'Control';

export async function runCommand(page, title) {
  await page.keyboard.press(`${mod}+Shift+P`);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/** Opens a file by clicking it in the Explorer tree (Quick Open needs ripgrep). */
export async function openFromExplorer(page, fileName) {
  const row = page.locator(`.sidebar .monaco-list-row[role="treeitem"][aria-label="${fileName}"]`).first();
  if (!(await row.isVisible().catch(() => false))) await page.keyboard.press(`${mod}+Shift+E`);
  await row.waitFor({ state: 'visible' });
  await row.click();
  await page.locator(`.tabs-container .tab.active[aria-label^="${fileName}"]`).waitFor({ state: 'visible' });
  // Keyboard focus stays in the tree after a click; a user would click into the text next.
  // The text area can keep re-laying itself out while the file loads ("element is not
  // stable"); a user would then focus the editor group from the keyboard instead.
  try {
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ position: { x: 2, y: 2 }, timeout: 5000 });
  } catch {
    await page.keyboard.press(`${mod}+1`);
  }
  await waitUntil(() => page.evaluate(() => !!document.activeElement?.closest('.editor-group-container.active .monaco-editor')), 'the editor to have keyboard focus', 5000);
}

/** Cursor position from the status bar ("Ln 12, Col 5"). */
export async function cursorPosition(page) {
  const status = page.locator('#status\\.editor\\.selection');
  if (await status.isVisible()) {
    const m = /Ln (\d+), Col (\d+)/.exec((await status.innerText({ timeout: 5000 })).trim());
    return m ? { line: +m[1], column: +m[2] } : null;
  }
  // The status bar shows the cursor only while a text editor is the active one: after a click
  // in the preview, which keeps the focus, the text editor still marks the cursor's line
  // number (CI once waited 15 s for the status item while line 110 was marked). No column then.
  const active = page.locator('.monaco-editor .margin-view-overlays .line-numbers.active-line-number');
  if (!(await active.count())) return null;
  const line = Number((await active.first().innerText({ timeout: 5000 })).trim());
  return Number.isInteger(line) && line > 0 ? { line, column: undefined } : null;
}

export async function goToLine(page, line, column) {
  await page.keyboard.press(`${mod}+G`);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(column ? `:${line}:${column}` : `:${line}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: `${line}` }).first();
  await row.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  if (!(await input.waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false))) {
    await row.click();
    await input.waitFor({ state: 'hidden' });
  }
  await waitUntil(async () => (await cursorPosition(page))?.line === line, `the cursor on line ${line}`, 5000);
}

/** Polls `fn` until it returns a truthy value; throws `what` after `ms`. */
export async function waitUntil(fn, what, ms = 15_000, every = 200) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
    await sleep(every);
  }
}

/** Frames of webviews (nested iframes): the ones whose document has a body with content. */
export async function findInFrames(page, predicate) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    try {
      const r = await frame.evaluate(predicate);
      if (r) return { frame, value: r };
    } catch {}
  }
  return null;
}

/** The webview frame whose document shows `text` (webviews are nested iframes). */
export async function frameWithText(page, text) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    if (body.includes(text)) return frame;
  }
  return null;
}

/**
 * Waits until a webview page has stopped moving: the same scroll position and the same
 * content for `quietMs`. A message the extension sent for the last keystroke (the cursor's
 * highlight, which scrolls its step into view) can arrive after the text it follows is
 * drawn; a click aimed before it lands would hit whatever the scroll brings under the mouse.
 */
export async function webviewSettled(frame, what, quietMs = 500, ms = 15_000) {
  await settled(() => frame.evaluate(() => `${window.scrollX},${window.scrollY},${document.body.innerHTML.length},${document.querySelectorAll('.cjm-active').length}`), what, quietMs, ms);
}

/** Waits until `probe` (a string describing what is on screen) has answered the same for `quietMs`. */
export async function settled(probe, what, quietMs = 500, ms = 15_000) {
  let last = await probe();
  let since = Date.now();
  await waitUntil(async () => {
    const now = await probe();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
    return Date.now() - since >= quietMs;
  }, what, ms, 100);
}

/** Text of the visible lines of the active editor (Monaco renders spaces as U+00A0). */
export async function activeEditorText(page) {
  const text = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText({ timeout: 5000 });
  return text.replace(/\u00a0/g, ' ');
}

/** 1-based line number of the first line of a file containing `needle`. */
export function lineNumberOf(file, needle) {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in ${file}`);
  return i + 1;
}

/**
 * Waits until the language server has published diagnostics (the status bar's problem
 * counts are not all zero): until then completion would only offer VS Code's word list.
 */
export async function waitForProblems(page, ms = 30_000) {
  await waitUntil(async () => /[1-9]/.test(await page.locator('[id="status.problems"]').innerText()), 'the language server to report problems in the status bar', ms);
}

/** The error count in the status bar's problems item. */
export async function errorCount(page) {
  const m = /\d+/.exec(await page.locator('[id="status.problems"]').innerText());
  return m ? Number(m[0]) : NaN;
}

/**
 * The error count once it has stopped changing for `quietMs`: the count first shown may be
 * one file's, or an early publish of it, with more still to come (a test that compared later
 * counts against it failed once in CI).
 */
export async function settledErrorCount(page, quietMs = 2000, ms = 30_000) {
  let last = await errorCount(page);
  let since = Date.now();
  return waitUntil(async () => {
    const now = await errorCount(page);
    if (now !== last) [last, since] = [now, Date.now()];
    return Date.now() - since >= quietMs ? String(now) : null;
  }, `the error count to stop changing for ${quietMs} ms`, ms).then(Number);
}

/**
 * A screenshot script's browser session against a started code-server: runs `body(browser)`,
 * on failure saves what the first page shows as `<failureShot>.png`, always closes the browser,
 * the server and the scratch folders, then exits (1 on failure).
 */
export async function screenshotSession(server, failureShot, body) {
  const { browser, close } = await launchBrowser();
  let failed = false;
  try {
    await body(browser);
  } catch (e) {
    failed = true;
    console.error(e);
    const pages = browser.contexts().flatMap((c) => c.pages());
    if (pages[0]) await screenshot(pages[0], failureShot);
  } finally {
    await close();
    await server.stop();
    await cleanupAll();
  }
  process.exit(failed ? 1 : 0);
}
