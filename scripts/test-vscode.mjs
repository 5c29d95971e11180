// Tests in a real VS Code, offline: code-server 4.96.4 (VS Code 1.96.4) driven by headless
// Chromium through playwright-core. Run by `npm test` (scripts/test-all.mjs) and by
// `npm run test:vscode`.
//
//   setup (cached, idempotent) → build → package the VSIX → install it
//   → packaging checks on the installed extension
//   → integration suite (test/integration, mocha in the extension host, loaded from the
//     installed VSIX's files through the workbench URL's payload) → results JSON
//   → end-to-end scenarios (test/e2e/*.e2e.mjs) through the UI, extension from the VSIX
//   → `vscode-suite: N passed, N failed`, non-zero exit on any failure.
//
// Options:
//   --grep <text>        only integration tests whose full title contains <text>
//   --scenario <name>    only e2e scenarios whose file name contains <name>
//   --only <part>        integration | e2e | packaging (repeatable)
//   --from-source        run the integration suite from the repo folder instead of the VSIX
//                        (skips packaging; quicker while writing tests)
//   --host <node|web>    run the integration suite only in that extension host (default: both;
//                        `web` forces the browser build with the user setting remote.extensionKind)
// Screenshots and logs: test-results/. Scratch folders: .cache/run/<pid>/ (kept with CJM_KEEP_RUN=1).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, mkdirSync, writeFileSync, rmSync, cpSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureChromium, setupCodeServer } from './code-server/setup.mjs';
import { buildSuite, suiteBundle, webSuiteBundle } from './code-server/build-suite.mjs';
import * as h from './code-server/harness.mjs';

const { root, resultsDir, runDir } = h;
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = new Set(argv.flatMap((a, i) => (argv[i - 1] === '--only' ? [a] : [])));
const want = (part) => !only.size || only.has(part);
const grep = opt('--grep');
const scenarioFilter = opt('--scenario');
const fromSource = argv.includes('--from-source');
const hosts = opt('--host') ? [opt('--host')] : ['node', 'web'];

const TOTAL_BUDGET_MS = 25 * 60_000;
const SUITE_TIMEOUT_MS = 8 * 60_000;
const SCENARIO_TIMEOUT_MS = 3 * 60_000;
// Built per run (parallel runs in one checkout), then copied to .cache/cjm.vsix to look at.
const vsix = join(runDir, 'cjm.vsix');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const extensionId = `${pkg.publisher}.${pkg.name}`.toLowerCase();
/** The browser build runs only where the user asks for it: this user setting makes code-server do so. */
const webHostSettings = { 'remote.extensionKind': { [`${pkg.publisher}.${pkg.name}`]: ['web'] } };
// The browser build's language server is downloaded by every browser that opens the workbench.
// 400 KB until the Russian and Polish message catalogues (core/l10n, ~100 KB and growing with
// every translated text) joined the vocabularies in every bundle; gzip is what a browser
// downloads, about a quarter of it. 640 KB until several personas, shared libraries, insight
// lenses and indentation-slip repair joined the core, and the catalogues grew to ~980
// messages each (2026-12: 716 KB, 204 KB gzip).
const WORKER_BUDGET = 768 * 1024;

const results = []; // { group, title, ok, error?, ms }
/** integration tests and e2e scenarios that passed only on their second attempt: { group, title, error } */
const flaky = [];
const E2E_ATTEMPTS = 2;
const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (s) => console.log(s);
/** The first lines of an error, indented under the result they belong to. */
const excerpt = (error, lines) => String(error).split('\n').slice(0, lines).join('\n      ');

function record(group, title, ok, error, ms = 0) {
  results.push({ group, title, ok, error, ms });
  say(`  ${ok ? '✓' : '✗'} [${group}] ${title}${ms ? ` (${secs(ms)})` : ''}${ok ? '' : `\n      ${excerpt(error, 8)}`}`);
}

function run(cmd, args, what, timeout = 300_000) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout, maxBuffer: 64 << 20 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) throw new Error(`${what} failed (${r.error?.code === 'ETIMEDOUT' ? `timed out after ${timeout / 1000} s` : `exit ${r.status ?? r.signal}`}):\n${out.split('\n').slice(-30).join('\n')}`);
  say(`[vscode] ${what}: ok in ${secs(Date.now() - started)}`);
  return out;
}

// Whole-run watchdog: whatever hangs, the run ends, its children stop and the result is a failure.
const watchdog = setTimeout(() => {
  console.error(`[vscode] the whole run exceeded ${TOTAL_BUDGET_MS / 60000} min: stopping`);
  record('harness', 'run finished within its time budget', false, 'timeout');
  h.cleanupAll().finally(() => finish(1));
}, TOTAL_BUDGET_MS);
watchdog.unref();

function finish(forceCode) {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  say(`\n[vscode] finished in ${secs(Date.now() - t0)}; screenshots and logs in test-results/`);
  for (const f of flaky) say(`  FLAKY [${f.group}] ${f.title}: passed on its second attempt; the first failed with\n      ${excerpt(f.error, 4)}`);
  for (const r of results.filter((r) => !r.ok)) say(`  FAILED [${r.group}] ${r.title}`);
  say(`vscode-suite: ${passed} passed, ${failed} failed${flaky.length ? `, ${flaky.length} flaky` : ''}`);
  process.exit(forceCode ?? (failed || !results.length ? 1 : 0));
}

// ---------------------------------------------------------------------------------------
async function prepare() {
  mkdirSync(resultsDir, { recursive: true });
  mkdirSync(runDir, { recursive: true });
  ensureChromium();
  setupCodeServer();
  run(process.execPath, ['scripts/build.mjs'], 'build');
  await buildSuite();
}

function packageVsix() {
  rmSync(vsix, { force: true });
  // The package users build (`npm run package`: vsce with its production build and Marketplace
  // links); everything the extension needs is bundled into dist/, so no node_modules go in.
  run('npm', ['run', '--silent', 'package', '--', '--out', vsix], 'npm run package', 180_000);
  if (!existsSync(vsix)) throw new Error(`vsce reported success but wrote no ${vsix}`);
  cpSync(vsix, join(root, '.cache/cjm.vsix'));
}

/** Installs the VSIX the way a user would; returns the installed extension's folder. */
function installExtension() {
  const extensionsDir = join(runDir, 'extensions');
  rmSync(extensionsDir, { recursive: true, force: true });
  const userData = h.userDataDir('user-install');
  h.installVsix(vsix, { userData, extensionsDir });
  const folder = readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${extensionId}-`));
  if (!folder) throw new Error(`the VSIX installed nothing named ${extensionId}-* into ${extensionsDir}`);
  return { extensionsDir, installed: join(extensionsDir, folder) };
}

function walk(dir, out = [], base = dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out, base);
    else out.push(p.slice(base.length + 1));
  }
  return out;
}

/** What the installed extension contains: every file its manifest names, and nothing else heavy. */
function packagingChecks(installed) {
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const files = walk(installed);
  const c = manifest.contributes ?? {};
  const referenced = [
    manifest.main && ['main', manifest.main.replace(/^\.\//, '').replace(/(\.js)?$/, '.js')],
    manifest.browser && ['browser', manifest.browser.replace(/^\.\//, '').replace(/(\.js)?$/, '.js')],
    manifest.icon && ['icon', manifest.icon],
    ['language server', 'dist/server.js'],
    manifest.browser && ['language server (browser build)', 'dist/server.browser.js'],
    ...(c.languages ?? []).flatMap((l) => [l.configuration && [`language ${l.id} configuration`, l.configuration], l.icon?.light && [`language ${l.id} icon`, l.icon.light], l.icon?.dark && [`language ${l.id} icon`, l.icon.dark]]),
    ...(c.grammars ?? []).map((g) => [`grammar ${g.scopeName}`, g.path]),
    ...(c.snippets ?? []).map((s) => [`snippets ${s.language}`, s.path]),
    ...(c.jsonValidation ?? []).filter((j) => !/^https?:/.test(j.url)).map((j) => ['json schema', j.url]),
  ].filter(Boolean);
  // The preview's script is loaded by the webview, not named in the manifest.
  if (existsSync(join(root, 'dist/media/preview.js'))) referenced.push(['preview script', 'dist/media/preview.js']);
  const missing = referenced.filter(([, p]) => p && !existsSync(join(installed, p.replace(/^\.\//, ''))));
  const check = (title, fn) => {
    try {
      fn();
      record('packaging', title, true);
    } catch (e) {
      record('packaging', title, false, e.message);
    }
  };
  check('the VSIX holds every file the manifest and the preview load', () => {
    if (missing.length) throw new Error(`missing from the VSIX: ${missing.map(([what, p]) => `${p} (${what})`).join(', ')}`);
    if (!referenced.length) throw new Error('the manifest names no files');
  });
  check('the VSIX holds every run-time file the build and the repo provide', () => {
    const inRepo = (dir, pred) => (existsSync(join(root, dir)) ? walk(join(root, dir)).map((f) => `${dir}/${f}`).filter(pred) : []);
    const expected = [
      ...inRepo('dist', (f) => /\.(js|css|wasm)$/.test(f) && !f.startsWith('dist/test/')),
      // Scripts under media/ (the webview's, the static site's) are sources bundled into dist/.
      ...inRepo('media', (f) => !f.startsWith('media/src/') && !/\.tsx?$/.test(f)),
      ...inRepo('syntaxes', () => true),
      ...inRepo('client/snippets', () => true),
      ...readdirSync(root).filter((f) => /^package\.nls.*\.json$/.test(f)),
    ];
    const absent = expected.filter((f) => !files.includes(f));
    if (absent.length) throw new Error(`left out of the VSIX (.vscodeignore?): ${absent.join(', ')}`);
  });
  check('the VSIX holds no sources, source maps, tests or node_modules', () => {
    const bad = files.filter((f) => /(^|\/)node_modules\/|\.map$|(^|\/)(test|out|src|\.cache|bench)\/|\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
    if (bad.length) throw new Error(`unwanted files in the VSIX: ${bad.slice(0, 15).join(', ')}${bad.length > 15 ? ` and ${bad.length - 15} more` : ''}`);
  });
  check('the VSIX ships LICENSE and README', () => {
    for (const f of ['LICENSE', 'README.md']) if (!files.some((x) => x.toLowerCase() === f.toLowerCase() || x.toLowerCase().startsWith(`${f.toLowerCase()}.`))) throw new Error(`no ${f}`);
  });
  const worker = join(installed, 'dist/server.browser.js');
  if (manifest.browser) {
    const bytes = existsSync(worker) ? statSync(worker).size : 0;
    check(`the browser build's language server Worker is at most ${WORKER_BUDGET / 1024} KB (${(bytes / 1024).toFixed(0)} KB)`, () => {
      if (!bytes) throw new Error('no dist/server.browser.js');
      if (bytes > WORKER_BUDGET) throw new Error(`${(bytes / 1024).toFixed(0)} KB: see what is bundled with \`node bench/web.mjs\``);
    });
  }
  const size = statSync(vsix).size;
  check(`the VSIX is small (${(size / 1e6).toFixed(2)} MB)`, () => {
    if (size > 15e6) throw new Error(`${(size / 1e6).toFixed(1)} MB: something unbundled slipped in`);
  });
}

// ---------------------------------------------------------------------------------------
/**
 * One run of the suite in one extension host: `node` (the default) or `web` (the browser build
 * in code-server's web-worker host, forced by the user setting). The suite checks which host
 * it got. Logs and screenshots: integration-* for node, integration-web-* for web.
 */
async function integration(extensionFolder, host) {
  const started = Date.now();
  const name = host === 'node' ? 'integration' : `integration-${host}`;
  const group = host === 'node' ? 'integration' : `integration ${host}`;
  const workspace = h.freshCopy(join(root, 'test/integration/workspace'), `workspace-${name}`);
  // The Russian current/future pair sharing a library: the cross-file navigation suite's files.
  cpSync(join(root, 'examples/library'), join(workspace, 'library'), { recursive: true });
  mkdirSync(join(workspace, '.suite-results'), { recursive: true });
  mkdirSync(join(workspace, 'scratch'), { recursive: true });
  writeFileSync(join(workspace, '.suite-results/options.json'), JSON.stringify({ grep, host }));
  const resultsFile = join(workspace, '.suite-results/results.json');
  const timingsFile = join(workspace, '.suite-results/timings.json');
  rmSync(join(resultsDir, `${name}-timings.json`), { force: true });
  const log = h.logger(join(resultsDir, `${name}-console.log`));
  const server = await h.startCodeServer({
    userData: h.userDataDir(`user-${name}`, host === 'web' ? webHostSettings : {}),
    extensionsDir: join(runDir, 'extensions-empty'),
    logFile: join(resultsDir, `${name}-code-server.log`),
  });
  const { browser, close } = await h.launchBrowser();
  let page;
  try {
    let exitCode;
    const exited = new Promise((resolve) => (exitCode = resolve));
    page = await h.newPage(browser, { log, onExit: exitCode });
    const testsModule = join(extensionFolder, `out/integration/index.${host}.js`);
    const url = h.workbenchUrl(server.origin, workspace, h.testPayload(server.origin, extensionFolder, testsModule));
    await h.openWorkbench(page, url);
    say(`[vscode] integration suite running in VS Code's ${host} extension host (code-server pid ${server.pid}, ${server.origin})`);
    const code = await h.withTimeout(exited, SUITE_TIMEOUT_MS, 'the integration suite to finish (codeAutomationExit)');
    await h.screenshot(page, `${name}-end`);
    if (!existsSync(resultsFile)) {
      record(group, 'suite produced results', false, `exit code ${code} and no ${resultsFile}: the suite failed to load (see test-results/${name}-console.log)`);
      return;
    }
    const res = JSON.parse(readFileSync(resultsFile, 'utf8'));
    for (const t of res.passes) record(group, t.fullTitle, true, undefined, t.duration);
    for (const t of res.failures) record(group, t.fullTitle, false, t.err?.message ?? 'failed', t.duration);
    for (const t of res.flaky ?? []) flaky.push({ group, title: t.fullTitle, error: t.err?.message ?? 'failed' });
    // Skipped where something they need is missing (git in the web host): shown, not counted.
    for (const t of res.pending ?? []) say(`  - [${group}] ${t.fullTitle} (skipped)`);
    if (code !== 0 && !res.failures.length) record(group, 'suite exit code', false, `codeAutomationExit(${code}) with no failed test`);
    if (!res.passes.length && !res.failures.length) record(group, 'suite ran some tests', false, grep ? `no test matches --grep ${grep}` : 'no tests ran');
    // bench/web.mjs reads these: the time from opening a map to its first diagnostics.
    if (existsSync(timingsFile)) cpSync(timingsFile, join(resultsDir, `${name}-timings.json`));
    say(`[vscode] integration suite (${host} host): ${res.stats.passes} passed, ${res.stats.failures} failed in ${secs(Date.now() - started)}`);
  } catch (e) {
    if (page) await h.screenshot(page, `${name}-failure`);
    record(group, 'suite ran to the end', false, e.message);
  } finally {
    await close();
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------
async function e2e(extensionsDir) {
  const dir = join(root, 'test/e2e');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.e2e.mjs')).sort() : [];
  const chosen = files.filter((f) => !scenarioFilter || f.includes(scenarioFilter));
  if (!chosen.length) {
    record('e2e', 'scenarios found', false, scenarioFilter ? `no scenario matches ${scenarioFilter}` : 'no test/e2e/*.e2e.mjs');
    return;
  }
  // A scenario with `host: 'web'` runs the browser build: one more code-server, its own user settings.
  const loaded = [];
  for (const file of chosen) loaded.push({ file, scenario: (await import(pathToFileURL(join(dir, file)).href)).default });
  for (const host of ['node', 'web']) {
    const group = loaded.filter(({ scenario }) => (scenario.host ?? 'node') === host);
    if (group.length) await e2eOnHost(extensionsDir, host, group);
  }
}

async function e2eOnHost(extensionsDir, host, scenarios) {
  const server = await h.startCodeServer({
    userData: h.userDataDir(`user-e2e-${host}`, host === 'web' ? webHostSettings : {}),
    extensionsDir,
    logFile: join(resultsDir, host === 'node' ? 'e2e-code-server.log' : `e2e-${host}-code-server.log`),
  });
  const { browser, close } = await h.launchBrowser();
  try {
    for (const { file, scenario } of scenarios) {
      const name = basename(file, '.e2e.mjs');
      // A scenario drives a whole workbench on a shared, loaded machine: one that fails is run
      // once more from a fresh workspace, and a pass the second time is reported as flaky
      // with the first failure's message, so it is seen and fixed rather than hidden.
      let first;
      for (let attempt = 1; attempt <= E2E_ATTEMPTS; attempt++) {
        const r = await runScenario(browser, server, name, scenario, attempt);
        if (r.ok) {
          record('e2e', scenario.title ?? name, true, undefined, r.ms);
          if (first) flaky.push({ group: 'e2e', title: scenario.title ?? name, error: first });
          break;
        }
        if (attempt < E2E_ATTEMPTS) {
          first = r.error;
          say(`  ↻ [e2e] ${scenario.title ?? name}: failed (${secs(r.ms)}), running it once more\n      ${excerpt(r.error, 4)}`);
        } else record('e2e', scenario.title ?? name, false, r.error, r.ms);
      }
    }
  } finally {
    await close();
    await server.stop();
  }
}

async function runScenario(browser, server, name, scenario, attempt) {
  const tag = attempt > 1 ? `${name}-retry` : name;
  const log = h.logger(join(resultsDir, `${tag}-console.log`));
  // One workspace copy per scenario: separate workspace state, so no restored editors.
  const workspace = h.freshCopy(join(root, scenario.workspace ?? 'test/integration/workspace'), `workspace-e2e-${tag}`);
  // Files a scenario makes itself (a generated 16,000-line map), before the workbench opens the folder.
  await scenario.prepare?.(workspace);
  const page = await h.newPage(browser, { log });
  const started = Date.now();
  let step = 0;
  const shot = (label) => h.screenshot(page, `${tag}-${String(++step).padStart(2, '0')}-${label}`);
  try {
    await h.withTimeout(
      (async () => {
        await h.openWorkbench(page, h.workbenchUrl(server.origin, workspace));
        await scenario.run({ page, workspace, shot, log, h, extensionId, pkg, host: scenario.host ?? 'node' });
      })(),
      SCENARIO_TIMEOUT_MS,
      `scenario ${name}`,
    );
    return { ok: true, ms: Date.now() - started };
  } catch (e) {
    await h.screenshot(page, `${tag}-failure`);
    return { ok: false, ms: Date.now() - started, error: `${e.message}\n(screenshot: test-results/${tag}-failure.png)` };
  } finally {
    await page.context().close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------
try {
  await prepare();
  let extensionsDir;
  let extensionFolder = root;
  if (!fromSource || want('e2e') || want('packaging')) {
    try {
      packageVsix();
      const installedExt = installExtension();
      extensionsDir = installedExt.extensionsDir;
      record('packaging', 'vsce packages the extension and VS Code installs the VSIX', true);
      if (want('packaging')) packagingChecks(installedExt.installed);
      if (!fromSource) {
        // The suite runs against exactly the files the VSIX installed, plus the test bundle.
        extensionFolder = join(runDir, 'extension-under-test');
        rmSync(extensionFolder, { recursive: true, force: true });
        cpSync(installedExt.installed, extensionFolder, { recursive: true });
        cpSync(join(root, 'out/integration'), join(extensionFolder, 'out/integration'), { recursive: true });
      }
    } catch (e) {
      record('packaging', 'vsce packages the extension and VS Code installs the VSIX', false, e.message);
    }
  }
  if (want('integration') && (fromSource || extensionsDir)) {
    for (const bundle of [suiteBundle, webSuiteBundle]) if (!existsSync(bundle)) throw new Error(`no ${bundle}`);
    for (const host of hosts) await integration(extensionFolder, host);
  }
  if (want('e2e') && extensionsDir) await e2e(extensionsDir);
} catch (e) {
  record('harness', 'setup, build and start-up', false, e.stack ?? e.message);
} finally {
  await h.cleanupAll();
}
finish();
