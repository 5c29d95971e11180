// The browser build's numbers: the size of the extension's browser entry and of the language
// server's Worker bundle (minified, as the VSIX ships them; plus gzip, as a browser downloads
// them), what the Worker is made of, and the time from opening a map in a cold workbench to its
// first diagnostics in each extension host (Node, and the web-worker host running the browser
// build), measured inside VS Code (code-server) by the integration suite's Host test.
//
//   node bench/web.mjs             build, sizes, then 3 runs of the timing test per host
//   node bench/web.mjs --runs 1    fewer runs
//   node bench/web.mjs --sizes     sizes only (no VS Code)
// Targets: Worker ≤ 400 KB minified; first diagnostics within 1 s of activation on the web host.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || (argv.includes('--runs') ? 1 : 3);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

const built = spawnSync(process.execPath, ['scripts/build.mjs', '--metafile'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(1);

// The browser bundles are always minified; the Node ones only in --production builds.
console.log('\n| Bundle | As built | gzip | Target |\n|---|---:|---:|---|');
for (const [file, target] of [['dist/client/browser.js', 'minified'], ['dist/server.browser.js', 'minified; ≤ 400 KB'], ['dist/client/extension.js', 'Node entry, not minified: for comparison'], ['dist/server.js', 'Node entry, not minified: for comparison']]) {
  const bytes = readFileSync(join(root, file));
  console.log(`| \`${file}\` | ${kb(bytes.length)} | ${kb(gzipSync(bytes).length)} | ${target} |`);
}

const meta = join(root, 'out/meta/server.browser.json');
if (existsSync(meta)) {
  const { outputs } = JSON.parse(readFileSync(meta, 'utf8'));
  const out = Object.values(outputs).find((o) => o.entryPoint);
  const byPackage = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file);
    const key = m ? m[1] : file.replace(/\/[^/]+$/, '/');
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  console.log('\nWhat the Worker bundle is made of (minified bytes):\n\n| Part | Size |\n|---|---:|');
  for (const [k, v] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`| ${k} | ${kb(v)} |`);
}

if (argv.includes('--sizes')) process.exit(0);

const samples = { node: [], web: [] };
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, ['scripts/test-vscode.mjs', '--only', 'integration', '--from-source', '--grep', 'cold workbench'], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) {
    console.error(`run ${i + 1}: the timing test failed:\n${(r.stdout + r.stderr).split('\n').slice(-20).join('\n')}`);
    process.exit(1);
  }
  for (const host of ['node', 'web']) {
    const file = join(root, 'test-results', host === 'node' ? 'integration-timings.json' : `integration-${host}-timings.json`);
    if (existsSync(file) && statSync(file).mtimeMs > Date.now() - 600_000) samples[host].push(JSON.parse(readFileSync(file, 'utf8')));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nCold start in code-server 4.96.4 (VS Code 1.96.4), headless Chromium; median of ${runs} run(s):\n`);
console.log('| Extension host | Open → activated | Activated → first diagnostics | Open → first diagnostics | Target |\n|---|---:|---:|---:|---|');
for (const host of ['node', 'web']) {
  const s = samples[host];
  if (!s.length) continue;
  const m = (k) => `${median(s.map((x) => x[k]))} ms`;
  console.log(`| ${host === 'web' ? 'web worker (browser build, server in a Worker)' : 'Node (server as a Node process)'} | ${m('openToActivatedMs')} | ${m('activatedToDiagnosticsMs')} | ${m('openToDiagnosticsMs')} | ${host === 'web' ? '≤ 1000 ms after activation' : ''} |`);
}
