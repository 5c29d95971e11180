// Entry point VS Code calls with extensionTestsPath in the Node extension host (bundled into
// out/integration/index.node.js by scripts/code-server/build-suite.mjs). index.web.ts is its
// twin for the web-worker extension host.
import Mocha from 'mocha';
import { RETRIES, readOptions, runAndReport } from './results';

export async function run(): Promise<void> {
  const options = await readOptions();
  const grep = options.grep ?? process.env.CJM_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', timeout: 30_000, color: false, reporter: 'spec', retries: RETRIES });
  if (grep) mocha.grep(grep);
  // tdd globals must exist before the suite files run, so they are required only now.
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  require('./suite/all');
  await runAndReport((done) => mocha.run(done));
}
