// Entry point VS Code calls with extensionTestsPath in the web-worker extension host (bundled
// into out/integration/index.web.js for the browser by scripts/code-server/build-suite.mjs):
// mocha's browser build, the npm `assert` package for node:assert/strict, no child processes.
// Never loaded in the Node host: mocha's browser build reads `location`.
import 'mocha/mocha.js';
import type Mocha from 'mocha';
import { RETRIES, readOptions, runAndReport } from './results';

declare const mocha: Mocha & { setup(options: Mocha.MochaOptions): Mocha; run(fn?: (failures: number) => void): Mocha.Runner };

export async function run(): Promise<void> {
  const options = await readOptions();
  mocha.setup({ ui: 'tdd', timeout: 30_000, color: false, reporter: 'spec', retries: RETRIES });
  if (options.grep) mocha.grep(options.grep);
  require('./suite/all');
  await runAndReport((done) => mocha.run(done));
}
