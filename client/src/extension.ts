/**
 * The cjm extension: starts the language server (dist/server.js over Node IPC) and
 * registers the extension's own commands. Features live in the server; this stays thin.
 */
import * as vscode from 'vscode';
import { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { newJourneyMap } from './newMap';
import { activatePreview } from './preview';

let client: LanguageClient | undefined;

/**
 * vscode-languageclient's default handler gives up after the fifth crash in three minutes,
 * leaving the user without diagnostics for the rest of the session. This one always
 * restarts, waiting longer after each recent crash so a server that dies on start-up
 * does not spin.
 */
export class RestartingErrorHandler implements ErrorHandler {
  private crashes: number[] = [];
  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly window = 3 * 60_000,
    private readonly maxDelay = 30_000,
  ) {}

  error(): ErrorHandlerResult {
    // A broken message is not a broken server: keep the connection.
    return { action: ErrorAction.Continue, handled: true };
  }

  async closed(): Promise<CloseHandlerResult> {
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < this.window);
    this.crashes.push(now);
    const delay = this.delayFor(this.crashes.length);
    this.output.warn(`The language server stopped (${this.crashes.length} time(s) in the last 3 minutes); restarting in ${delay} ms.`);
    await new Promise((r) => setTimeout(r, delay));
    return { action: CloseAction.Restart, handled: true };
  }

  /** 0 ms for the first crash, then 0.5 s, 1 s, 2 s … up to `maxDelay`. */
  delayFor(recentCrashes: number): number {
    return recentCrashes <= 1 ? 0 : Math.min(this.maxDelay, 250 * 2 ** (recentCrashes - 1));
  }
}

export function activate(context: vscode.ExtensionContext): void {
  activatePreview(context);
  const output = vscode.window.createOutputChannel('CJM Language Server', { log: true });
  context.subscriptions.push(output);

  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.cjm');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'cjm', scheme: 'file' },
      { language: 'cjm', scheme: 'untitled' },
      { language: 'cjm', scheme: 'vscode-vfs' },
    ],
    synchronize: { fileEvents: watcher },
    outputChannel: output,
    initializationOptions: { locale: vscode.env.language },
    errorHandler: new RestartingErrorHandler(output),
  };
  // The id `cjm` makes the client read the `cjm.trace.server` setting.
  client = new LanguageClient('cjm', 'CJM Language Server', serverOptions, clientOptions);
  const started = client.start().catch((e) => output.error(`The language server could not start: ${e?.message ?? e}`));

  context.subscriptions.push(
    vscode.commands.registerCommand('cjm.newMap', () => newJourneyMap()),
    vscode.commands.registerCommand('cjm.restartServer', async () => {
      await started;
      await client?.restart();
    }),
    vscode.commands.registerCommand('cjm.showServerOutput', () => output.show(true)),
  );
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.isRunning()) await c.stop();
}
