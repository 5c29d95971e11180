// Launcher 1: the integration suite (test/integration) in desktop VS Code through
// @vscode/test-electron. It downloads VS Code from Microsoft's update servers, so it runs on
// a developer's machine or a hosted CI with internet; on a Linux box without a display, run it
// under `xvfb-run -a npm run test:electron`. Offline machines use `npm run test:vscode`
// (code-server), which runs the same suite.
//   VSCODE_VERSION=1.96.4 npm run test:electron   (default: stable)
//   npm run test:electron -- --grep Completion
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSuite, suiteBundle } from './code-server/build-suite.mjs';
import { freshCopy, withTimeout, root, runDir } from './code-server/harness.mjs';

const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;
const RUN_TIMEOUT_MS = 15 * 60_000;
const version = process.env.VSCODE_VERSION || 'stable';
const grepAt = process.argv.indexOf('--grep');
const grep = grepAt >= 0 ? process.argv[grepAt + 1] : undefined;

function fail(message) {
  console.error(`\n[test:electron] ${message}`);
  console.log('vscode-suite: 0 passed, 1 failed');
  process.exit(1);
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail('build failed');
await buildSuite();

const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
let vscodeExecutablePath;
try {
  console.log(`[test:electron] getting VS Code ${version} (cached in .cache/vscode-test after the first download)…`);
  vscodeExecutablePath = await withTimeout(downloadAndUnzipVSCode({ version, cachePath: join(root, '.cache/vscode-test') }), DOWNLOAD_TIMEOUT_MS, `downloading VS Code ${version}`);
} catch (e) {
  fail(
    `cannot get VS Code ${version}: ${e.message}\n` +
      '  @vscode/test-electron downloads VS Code from update.code.visualstudio.com, which this machine cannot reach.\n' +
      '  Run the same suite offline instead: `npm run test:vscode` (code-server + headless Chromium, see docs/testing.md).',
  );
}

const workspace = freshCopy(join(root, 'test/integration/workspace'), 'workspace-electron');
mkdirSync(join(workspace, '.suite-results'), { recursive: true });
mkdirSync(join(workspace, 'scratch'), { recursive: true });
if (grep) writeFileSync(join(workspace, '.suite-results/options.json'), JSON.stringify({ grep }));
let code = 1;
try {
  code = await withTimeout(
    runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteBundle,
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust', '--user-data-dir', join(runDir, 'user-electron')],
    }),
    RUN_TIMEOUT_MS,
    'the integration suite in VS Code',
  );
} catch (e) {
  console.error(`[test:electron] ${e.message ?? e}`);
}
const resultsFile = join(workspace, '.suite-results/results.json');
if (!existsSync(resultsFile)) fail(`no results from the suite (${resultsFile}); exit code ${code}`);
const res = JSON.parse(readFileSync(resultsFile, 'utf8'));
for (const t of res.passes) console.log(`  ✓ ${t.fullTitle}`);
for (const t of res.failures) console.log(`  ✗ ${t.fullTitle}\n      ${t.err?.message ?? ''}`);
console.log(`vscode-suite: ${res.stats.passes} passed, ${res.stats.failures} failed`);
process.exit(res.stats.failures || code ? 1 : 0);
