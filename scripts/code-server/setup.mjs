// Provisions what the offline VS Code tests need, idempotently:
//   - Chromium from apt when /usr/bin/chromium is missing (CI is a bare Debian machine);
//   - code-server 4.96.4 (VS Code 1.96.4, the last one on Node 20) from npm into
//     .cache/code-server, following shared/notes/real-vscode-offline.md: its install
//     scripts download things, so they are skipped and the natives are rebuilt here.
// A stamp file records a finished install; a second run only checks it (well under a second).
// Usage: node scripts/code-server/setup.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, symlinkSync, lstatSync, copyFileSync, chmodSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.96.4';
const root = fileURLToPath(new URL('../..', import.meta.url));
export const cacheDir = join(root, '.cache/code-server');
export const codeServerDir = join(cacheDir, 'node_modules/code-server');
export const entry = join(codeServerDir, 'out/node/entry.js');
export const chromiumPath = process.env.CJM_CHROMIUM || '/usr/bin/chromium';
// Bump when the recipe below changes so cached installs are redone.
const RECIPE = 3;
const stampFile = join(cacheDir, '.stamp.json');
const stampValue = { version: CODE_SERVER_VERSION, recipe: RECIPE, node: process.versions.modules };

function sh(cmd, args, opts = {}) {
  const started = Date.now();
  console.log(`[setup] $ ${cmd} ${args.join(' ')}${opts.cwd ? `   (in ${opts.cwd.replace(root, '')})` : ''}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with ${r.error?.message ?? `exit ${r.status}`}`);
  console.log(`[setup]   done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const npmCmd = 'npm';
const npmQuiet = ['--no-audit', '--no-fund', '--loglevel=error'];

function aptInstall(...pkgs) {
  if (process.getuid?.() !== 0) throw new Error(`missing ${pkgs.join(', ')}: install with \`sudo apt-get install -y ${pkgs.join(' ')}\``);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  sh('apt-get', ['update', '-qq'], { env });
  sh('apt-get', ['install', '-y', '-qq', ...pkgs], { env });
}

export function ensureChromium() {
  if (existsSync(chromiumPath)) return chromiumPath;
  // The emoji font makes emotion markers visible in screenshots.
  aptInstall('chromium', 'fonts-noto-color-emoji');
  if (!existsSync(chromiumPath)) throw new Error(`apt installed chromium but ${chromiumPath} is still missing`);
  return chromiumPath;
}

function stampOk() {
  if (!existsSync(stampFile) || !existsSync(entry)) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(stampFile, 'utf8'))) === JSON.stringify(stampValue);
  } catch {
    return false;
  }
}

// The shrinkwrap pins @vscode/proxy-agent to a GitHub URL (unreachable offline); the
// registry's tarball of the same version has the same integrity hash.
function fixShrinkwrap(vscodeDir) {
  const file = join(vscodeDir, 'npm-shrinkwrap.json');
  const shrink = JSON.parse(readFileSync(file, 'utf8'));
  const entryKey = 'node_modules/@vscode/proxy-agent';
  const pa = shrink.packages?.[entryKey];
  if (!pa) throw new Error(`${entryKey} not in ${file}: the recipe no longer matches this code-server`);
  if (!/^https?:\/\/registry\./.test(pa.resolved ?? '') || !pa.resolved.includes('/-/')) {
    const registry = spawnSync(npmCmd, ['config', 'get', 'registry'], { encoding: 'utf8' }).stdout.trim().replace(/\/$/, '') || 'https://registry.npmjs.org';
    pa.resolved = `${registry}/@vscode/proxy-agent/-/proxy-agent-${pa.version}.tgz`;
    writeFileSync(file, JSON.stringify(shrink, null, 2) + '\n');
    console.log(`[setup] shrinkwrap: @vscode/proxy-agent → ${pa.resolved}`);
  }
}

// Quick Open lists files through ripgrep; @vscode/ripgrep downloads its binary in an install
// script, so Debian's rg stands in (optional: only Quick Open and search need it).
function provideRipgrep(vscodeDir) {
  const target = join(vscodeDir, 'node_modules/@vscode/ripgrep/bin/rg');
  if (!existsSync(dirname(dirname(target)))) return;
  let rg = '/usr/bin/rg';
  if (!existsSync(rg)) {
    try {
      aptInstall('ripgrep');
    } catch (e) {
      console.log(`[setup] no ripgrep (${e.message}): Quick Open will find no files`);
      return;
    }
  }
  if (!existsSync(rg)) return;
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(rg, target);
  chmodSync(target, 0o755);
}

// VS Code loads its modules from node_modules.asar (an archive in release builds) and looks
// for ripgrep in node_modules.asar.unpacked: both are the plain folder here.
function ensureLinks(vscodeDir) {
  for (const name of ['node_modules.asar', 'node_modules.asar.unpacked']) {
    const link = join(vscodeDir, name);
    let ok = false;
    try {
      ok = lstatSync(link).isSymbolicLink();
    } catch {}
    if (!ok) {
      rmSync(link, { recursive: true, force: true });
      symlinkSync('node_modules', link);
    }
  }
}

export function setupCodeServer({ force = false } = {}) {
  if (!force && stampOk()) {
    ensureLinks(join(codeServerDir, 'lib/vscode'));
    return entry;
  }
  const started = Date.now();
  console.log(`[setup] installing code-server ${CODE_SERVER_VERSION} into ${cacheDir.replace(root, '')} (one-off, about a minute)`);
  rmSync(stampFile, { force: true });
  mkdirSync(cacheDir, { recursive: true });
  // Its own package.json keeps the cache folder out of the repo's dependency tree.
  writeFileSync(join(cacheDir, 'package.json'), JSON.stringify({ name: 'cjm-code-server-cache', private: true }, null, 2) + '\n');
  sh(npmCmd, ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-save', ...npmQuiet], { cwd: cacheDir });
  const vscodeDir = join(codeServerDir, 'lib/vscode');
  fixShrinkwrap(vscodeDir);
  sh(npmCmd, ['install', '--omit=dev', '--ignore-scripts', ...npmQuiet], { cwd: vscodeDir });
  sh(npmCmd, ['rebuild', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid', ...npmQuiet], { cwd: vscodeDir });
  ensureLinks(vscodeDir);
  sh(npmCmd, ['rebuild', 'argon2', ...npmQuiet], { cwd: cacheDir });
  provideRipgrep(vscodeDir);
  writeFileSync(stampFile, JSON.stringify(stampValue) + '\n');
  console.log(`[setup] code-server ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return entry;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureChromium();
    setupCodeServer({ force: process.argv.includes('--force') });
    console.log(`[setup] ok: ${entry.replace(root, '')}, ${chromiumPath}`);
  } catch (e) {
    console.error(`[setup] FAILED: ${e.message}`);
    process.exit(1);
  }
}
