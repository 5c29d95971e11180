// `npm start`: build, then open the examples in a real VS Code with this extension.
//   - with a `code` CLI on PATH: `code --extensionDevelopmentPath=<repo> <repo>/examples`;
//   - otherwise: the cached code-server (installed on first use) on 127.0.0.1 with the
//     packaged extension installed; prints the URL and runs until Ctrl+C.
// CJM_PORT=8080 npm start picks the port (default: a free one). CJM_USE_CODE_SERVER=1 skips `code`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { existsSync, rmSync, cpSync } from 'node:fs';
import { setupCodeServer } from './code-server/setup.mjs';
import * as h from './code-server/harness.mjs';

const { root, runDir } = h;
const examples = join(root, 'examples');

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const hasCode = !process.env.CJM_USE_CODE_SERVER && spawnSync('code', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
if (hasCode) {
  const r = spawnSync('code', [`--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' });
  process.exit(r.status ?? 0);
}

setupCodeServer();
const vsix = join(runDir, 'cjm.vsix');
rmSync(vsix, { force: true });
const pack = spawnSync(join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], { cwd: root, stdio: 'inherit' });
if (pack.status !== 0 || !existsSync(vsix)) {
  console.error('[start] packaging the extension failed');
  process.exit(1);
}
const extensionsDir = join(runDir, 'extensions');
// Settings made in the browser survive restarts: they live outside the per-run folder.
const userData = join(root, '.cache/start-user-data');
if (!existsSync(userData)) cpSync(h.userDataDir('user-defaults'), userData, { recursive: true });
rmSync(extensionsDir, { recursive: true, force: true });
h.installVsix(vsix, { userData, extensionsDir });
const server = await h.startCodeServer({
  userData,
  extensionsDir,
  logFile: join(root, 'test-results/start-code-server.log'),
  port: process.env.CJM_PORT ? Number(process.env.CJM_PORT) : undefined,
});
const url = h.workbenchUrl(server.origin, examples);
console.log(`\nVS Code (code-server 4.96.4) with cjm is running. Open:\n\n  ${url}\n\nOnly this machine can reach it (127.0.0.1). Ctrl+C stops it.`);
// The harness stops code-server's process group on SIGINT/SIGTERM; keep the event loop alive until then.
setInterval(() => {}, 1 << 30);
