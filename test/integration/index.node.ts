// Entry point VS Code calls with extensionTestsPath (bundled into out/integration/index.node.js by
// scripts/code-server/build-suite.mjs). Runs the mocha suite in the Node extension host and
// writes mocha-JSON-shaped results into the workspace's .suite-results/, because code-server
// forwards only an exit code to the harness, never mocha's output.
import * as vscode from 'vscode';
import Mocha from 'mocha';

interface TestRecord {
  title: string;
  fullTitle: string;
  file?: string;
  duration?: number;
  err: { message?: string; stack?: string };
}

function record(test: Mocha.Test, err?: Error): TestRecord {
  return {
    title: test.title,
    fullTitle: test.fullTitle(),
    duration: test.duration,
    err: err ? { message: err.message, stack: err.stack } : {},
  };
}

async function readOptions(folder: vscode.Uri): Promise<{ grep?: string }> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.suite-results', 'options.json'));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { grep: process.env.CJM_TEST_GREP };
  }
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the integration suite needs a workspace folder (test/integration/workspace)');
  const options = await readOptions(folder);
  const mocha = new Mocha({ ui: 'tdd', timeout: 30_000, color: false, reporter: 'spec' });
  if (options.grep) mocha.grep(options.grep);
  // tdd globals must exist before the suite files run, so they are required only now.
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  require('./suite/all');

  const started = new Date();
  const passes: TestRecord[] = [];
  const failures: TestRecord[] = [];
  const pending: TestRecord[] = [];
  const failures$ = await new Promise<number>((resolve) => {
    const runner = mocha.run((n) => resolve(n));
    runner.on('pass', (t: Mocha.Test) => passes.push(record(t)));
    runner.on('fail', (t: Mocha.Test, err: Error) => failures.push(record(t, err)));
    runner.on('pending', (t: Mocha.Test) => pending.push(record(t)));
  });
  const results = {
    stats: {
      suites: 0,
      tests: passes.length + failures.length + pending.length,
      passes: passes.length,
      pending: pending.length,
      failures: failures.length,
      start: started.toISOString(),
      end: new Date().toISOString(),
      duration: Date.now() - started.getTime(),
    },
    tests: [...passes, ...failures, ...pending],
    passes,
    failures,
    pending,
  };
  await vscode.workspace.fs.writeFile(
    vscode.Uri.joinPath(folder, '.suite-results', 'results.json'),
    new TextEncoder().encode(JSON.stringify(results, null, 2)),
  );
  if (failures$ > 0) throw new Error(`${failures$} integration test(s) failed`);
}
