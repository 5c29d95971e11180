// Mocha-JSON-shaped results of a run, written into the workspace's .suite-results/ with
// workspace.fs: code-server forwards only an exit code to the harness, never mocha's output,
// and the web extension host has no `fs`. Shared by index.node.ts and index.web.ts.
import * as vscode from 'vscode';
import type Mocha from 'mocha';

/**
 * A test that fails runs once more: the suite drives a whole VS Code on a shared, loaded
 * machine. A pass on the rerun is listed in results.json as flaky, with the first failure,
 * and the harness prints it, so it is seen and fixed rather than hidden.
 */
export const RETRIES = 1;

export interface SuiteOptions {
  grep?: string;
  /** the extension host the harness expects the suite (and the extension) to run in */
  host?: 'node' | 'web';
}

interface TestRecord {
  title: string;
  fullTitle: string;
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

export function resultsFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the integration suite needs a workspace folder (test/integration/workspace)');
  return vscode.Uri.joinPath(folder, '.suite-results');
}

export async function readOptions(): Promise<SuiteOptions> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(resultsFolder(), 'options.json'));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

/** Runs the suite, writes results.json, and rejects when a test failed. */
export async function runAndReport(run: (done: (failures: number) => void) => Mocha.Runner): Promise<void> {
  const started = new Date();
  const passes: TestRecord[] = [];
  const failures: TestRecord[] = [];
  const pending: TestRecord[] = [];
  /** tests that failed once and were run again (`retries`): the first failure, reported as flaky if the rerun passes */
  const retried: TestRecord[] = [];
  const failed = await new Promise<number>((resolve) => {
    const runner = run(resolve);
    runner.on('retry', (t: Mocha.Test, err: Error) => retried.push(record(t, err)));
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
    flaky: retried.filter((r) => passes.some((p) => p.fullTitle === r.fullTitle)),
  };
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(resultsFolder(), 'results.json'), new TextEncoder().encode(JSON.stringify(results, null, 2)));
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}
