// Unit, CLI and language-server tests: bundles test/**/*.test.ts (except the suites that
// run inside VS Code) with esbuild, then runs them with Node's test runner.
// Pass file-name filters to run a subset: `npm run test:unit -- rules`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--tests'], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.test.js')) out.push(p);
  }
  return out;
}
// test/integration and test/e2e run in a real VS Code: see scripts/test-all.mjs.
const files = walk(join(root, 'out/test'))
  .filter((p) => !/\/out\/test\/(integration|e2e)\//.test(p))
  .filter((p) => !filters.length || filters.some((f) => p.includes(f)));
if (!files.length) {
  console.error('no unit tests matched');
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
