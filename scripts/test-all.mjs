// `npm test`: every test the project has, in the order that fails fastest:
// type checks, unit/CLI/server tests, then the suites in a real VS Code (code-server +
// headless Chromium) and the end-to-end scenarios. Ends with one summary line.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const npx = (bin, ...args) => [join(root, 'node_modules/.bin', bin), ...args];

const stages = [
  { name: 'typecheck', cmd: npx('tsc', '-p', 'tsconfig.json') },
  { name: 'typecheck (browser-safe core)', cmd: npx('tsc', '-p', 'tsconfig.web.json') },
  { name: 'unit', cmd: [process.execPath, 'scripts/test-unit.mjs'] },
  { name: 'vscode', cmd: [process.execPath, 'scripts/test-vscode.mjs'], optional: 'scripts/test-vscode.mjs' },
  // The README's commands as a newcomer runs them, each in a fresh clone: `npm start` (through
  // Chromium), `npm run package`, `npm pack` of the command line; and the Node versions they need.
  {
    name: 'first run',
    cmd: [process.execPath, '--test', '--test-concurrency=1', ...['node-engines', 'npm-pack-cli', 'npm-run-package', 'npm-start'].map((t) => `test/first-run/${t}.test.mjs`)],
  },
];

let passed = 0;
let failed = 0;
const failures = [];

function run(stage) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${stage.name} ===`);
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let counted = false;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      for (const line of chunk.toString().split('\n')) {
        // node:test's summary, and the VS Code harness's own summary line
        let m = /^# pass (\d+)/.exec(line);
        if (m) (passed += +m[1]), (counted = true);
        m = /^# fail (\d+)/.exec(line);
        if (m) failed += +m[1];
        m = /^vscode-suite: (\d+) passed, (\d+) failed/.exec(line);
        if (m) (passed += +m[1]), (failed += +m[2]), (counted = true);
      }
    });
    child.on('close', (code) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (code !== 0) {
        failures.push(stage.name);
        if (!counted) failed++;
      } else if (!counted) passed++;
      console.log(`=== ${stage.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${secs} s ===`);
      resolve();
    });
  });
}

for (const stage of stages) {
  if (stage.optional && !existsSync(join(root, stage.optional))) continue;
  await run(stage);
}
if (failures.length) console.log(`\nFailed stages: ${failures.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
