/**
 * The Node entry of the extension (package.json `main`): the language server runs as a Node
 * process (dist/server.js) over IPC. Everything else is shared with the browser entry
 * (browser.ts) in activate.ts.
 */
import { fork } from 'node:child_process';
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateCjm, deactivateCjm } from './activate';
import { serveSite } from './siteServer';
import { CliRun, registerBuildSite } from './site';

export { RestartingErrorHandler } from './activate';

export function activate(context: vscode.ExtensionContext): void {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // The id `cjm` makes the client read the `cjm.trace.server` setting.
  activateCjm(context, { host: 'node', createClient: (options) => new LanguageClient('cjm', 'CJM Language Server', serverOptions, options) });
  const siteOutput = vscode.window.createOutputChannel('CJM Site');
  context.subscriptions.push(siteOutput, registerBuildSite(context, siteOutput, runCli, (folder) => serveSite(context, folder)));
}

/** The CLI bundle in a child process of the extension host's own Node (whatever `node` is on PATH, if any). */
function runCli(cli: string, args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = fork(cli, args, { cwd, silent: true, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (e) => resolve({ code: 2, stdout, stderr: stderr + e.message }));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export const deactivate = deactivateCjm;
