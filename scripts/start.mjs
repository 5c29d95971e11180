// `npm start`: build, then open a playground copy of the examples in a real VS Code with this
// extension.
//   - with a `code` CLI on PATH: `code --extensionDevelopmentPath=<repo> .cache/playground`;
//   - otherwise: the cached code-server (installed on first use) on 127.0.0.1 with the
//     packaged extension installed (`npm run package`, as a user would get it); prints the
//     address and runs until Ctrl+C.
// The playground (.cache/playground) is examples/ as a git repository with one commit, so
// "Compare Preview with HEAD" and the Source Control view work from the first run. It is made
// once and then kept, with whatever the user changed in it; delete it to start over.
// CJM_PORT=8080 npm start picks the port (default: a free one). CJM_USE_CODE_SERVER=1 skips `code`.
import { spawnSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { existsSync, rmSync, cpSync, mkdirSync } from 'node:fs';
import { setupCodeServer } from './code-server/setup.mjs';
import * as h from './code-server/harness.mjs';

const { root, runDir } = h;
const examples = join(root, 'examples');
const playground = join(root, '.cache/playground');
const shown = (p) => relative(process.cwd(), p) || '.';

function git(args, opts = {}) {
  return spawnSync('git', args, { cwd: playground, encoding: 'utf8', ...opts });
}

/** The workspace `npm start` opens: examples/ copied once into a git repository of its own. */
function preparePlayground() {
  const hasGit = spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
  if (existsSync(join(playground, '.git'))) {
    console.log(`[start] opening ${shown(playground)} (your earlier playground, kept as you left it; delete it to start again from examples/)`);
    return;
  }
  if (!existsSync(playground)) cpSync(examples, playground, { recursive: true });
  if (!hasGit) {
    console.warn(`[start] git is not installed, so ${shown(playground)} is not a repository and "Compare Preview with HEAD" will say so. Install git (e.g. \`apt-get install git\`), delete ${shown(playground)} and run \`npm start\` again.`);
    return;
  }
  // A fixed identity: the commit must not depend on (or fail for lack of) the user's git config.
  const identity = ['-c', 'user.name=cjm examples', '-c', 'user.email=examples@cjm.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'The examples as they come with cjm']]) {
    const r = git([...identity, ...args]);
    if (r.status !== 0) {
      console.warn(`[start] \`git ${args.join(' ')}\` in ${shown(playground)} failed, so "Compare Preview with HEAD" will not find a repository:\n${r.stderr}`);
      return;
    }
  }
  console.log(`[start] made ${shown(playground)}: a copy of examples/ as a git repository with one commit; edit the maps there and compare them with HEAD`);
}

const port = process.env.CJM_PORT ? Number(process.env.CJM_PORT) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`[start] CJM_PORT=${process.env.CJM_PORT} is not a port number (1-65535); leave it unset for a free port`);
  process.exit(2);
}

const hasCode = !process.env.CJM_USE_CODE_SERVER && spawnSync('code', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
preparePlayground();

if (hasCode) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${resolve(root)}`, playground], { stdio: 'inherit' });
  process.exit(r.status ?? 0);
}

setupCodeServer();
// The per-run scratch folder (removed at exit by the harness) holds the VSIX and the installed extension.
mkdirSync(runDir, { recursive: true });
const vsix = join(runDir, 'cjm.vsix');
// `npm run package` is what a user runs to get the VSIX: its production build and its file list are what opens here.
const pack = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: root, stdio: 'inherit' });
if (pack.status !== 0 || !existsSync(vsix)) {
  console.error(`[start] packaging the extension failed (npm run package exited with ${pack.status ?? pack.signal})`);
  process.exit(1);
}
const extensionsDir = join(runDir, 'extensions');
// Settings made in the browser survive restarts: they live outside the per-run folder.
const userData = join(root, '.cache/start-user-data');
// The tests' quiet defaults, but with git on: the playground is a repository to compare with.
if (!existsSync(userData)) cpSync(h.userDataDir('user-defaults', { 'git.enabled': true }), userData, { recursive: true });
rmSync(extensionsDir, { recursive: true, force: true });
h.installVsix(vsix, { userData, extensionsDir });
const logFile = join(root, 'test-results/start-code-server.log');
let server;
try {
  server = await h.startCodeServer({ userData, extensionsDir, logFile, port });
} catch (e) {
  console.error(`[start] VS Code (code-server) did not start${port ? ` on port ${port} (is it taken? CJM_PORT picks another)` : ''}: ${e.message}`);
  process.exit(1);
}
const url = h.workbenchUrl(server.origin, playground);
console.log(`\nVS Code (code-server 4.96.4) with cjm is running (code-server pid ${server.pid}). Open:\n\n  ${url}\n\nOnly this machine can reach it (127.0.0.1). Ctrl+C stops it.`);
// The harness stops code-server's process group on SIGINT/SIGTERM. Until then, watch it: if it
// dies on its own, say so instead of idling with a dead address.
setInterval(() => {
  try {
    process.kill(server.pid, 0);
  } catch {
    console.error(`\n[start] code-server (pid ${server.pid}) stopped on its own; its log: ${shown(logFile)}`);
    process.exit(1);
  }
}, 2000);
