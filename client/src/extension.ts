/**
 * The Node entry of the extension (package.json `main`): the language server runs as a Node
 * process (dist/server.js) over IPC. Everything else is shared with the browser entry
 * (browser.ts) in activate.ts.
 */
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateCjm, deactivateCjm } from './activate';

export { RestartingErrorHandler } from './activate';

export function activate(context: vscode.ExtensionContext): void {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // The id `cjm` makes the client read the `cjm.trace.server` setting.
  activateCjm(context, { host: 'node', createClient: (options) => new LanguageClient('cjm', 'CJM Language Server', serverOptions, options) });
}

export const deactivate = deactivateCjm;
