/**
 * Everything the extension does, for both of its builds: the Node entry (extension.ts, the
 * server as a Node process over IPC) and the browser entry (browser.ts, the server in a
 * Worker) differ only in how they make the language client. Features live in the server;
 * this stays thin.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { CloseAction, CloseHandlerResult, DidChangeConfigurationNotification, ErrorAction, ErrorHandler, ErrorHandlerResult } from 'vscode-languageclient';
import { LIST_FILES, ListFilesParams, READ_FILE, ReadFileParams } from '../../server/src/files-protocol';
import { NewMapArgs, newJourneyMap } from './newMap';
import { activatePreview } from './preview';
import { activateDiff } from './diff';
import { listMaps, readMap } from './workspaceFiles';
import { LOCALE_SETTING, messageLocaleTag } from './messageLocale';

/** Where the extension runs: `node` (desktop, Codespaces, code-server) or `web` (a browser's Worker). */
export type Host = 'node' | 'web';

export interface HostSupport {
  readonly host: Host;
  /** a language client for these options; started by the caller */
  createClient(options: LanguageClientOptions, output: vscode.LogOutputChannel): BaseLanguageClient;
  /** what the host still holds after the client stopped (a Worker) */
  dispose?(): void;
}

/**
 * The schemes maps are edited under: local files, new files, github.dev's repositories
 * (`vscode-vfs`), files of a server seen from the browser (`vscode-remote`, code-server and
 * Codespaces in the web extension host) and @vscode/test-web's. Not `git:` and the like:
 * old revisions shown in a diff editor would otherwise fill the Problems panel.
 */
const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-test-web'];

let client: BaseLanguageClient | undefined;
let support: HostSupport | undefined;

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


export function activateCjm(context: vscode.ExtensionContext, host: HostSupport): void {
  support = host;
  activatePreview(context);
  activateDiff(context);
  const output = vscode.window.createOutputChannel('CJM Language Server', { log: true });
  context.subscriptions.push(output);
  // Comparing with a git revision needs the built-in git extension's API, which exists only
  // in the Node extension host; the manifest hides those commands elsewhere.
  void vscode.commands.executeCommand('setContext', 'cjm.gitAvailable', host.host === 'node' && !!vscode.extensions.getExtension('vscode.git'));

  const watcher = vscode.workspace.createFileSystemWatcher('**/*.cjm');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: SCHEMES.map((scheme) => ({ language: 'cjm', scheme })),
    synchronize: { fileEvents: watcher },
    outputChannel: output,
    // A function, so a restarted server starts with the settings of now (a `cjm.locale`
    // change restarts it).
    initializationOptions: () => ({ locale: messageLocaleTag(), completionInsert: completionInsert(), ...validationOptions() }),
    errorHandler: new RestartingErrorHandler(output),
  };
  const started = Date.now();
  client = host.createClient(clientOptions, output);
  client.onRequest(LIST_FILES, (p: ListFilesParams, token: vscode.CancellationToken) => listMaps(p, token));
  client.onRequest(READ_FILE, (p: ReadFileParams) => readMap(p));
  const running = client.start().then(
    () => output.info(`The language server runs ${host.host === 'web' ? 'in a Worker (browser build)' : 'as a Node process'}; started in ${Date.now() - started} ms.`),
    (e) => output.error(`The language server could not start: ${e?.message ?? e}`),
  );

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The server reads these at start: a change restarts it, and the workspace is checked again.
      if (e.affectsConfiguration(LOCALE_SETTING) || e.affectsConfiguration('cjm.validation') || e.affectsConfiguration('files.exclude')) {
        void vscode.commands.executeCommand('cjm.restartServer');
        return;
      }
      if (!e.affectsConfiguration(COMPLETION_INSERT)) return;
      // Only what changed: the server keeps its other settings from start-up.
      const settings = { cjm: { completion: { insert: completionInsert() } } };
      void running.then(async () => {
        if (client?.isRunning()) await client.sendNotification(DidChangeConfigurationNotification.type, { settings });
      });
    }),
    vscode.commands.registerCommand('cjm.newMap', (args?: NewMapArgs) => newJourneyMap(args)),
    vscode.commands.registerCommand('cjm.restartServer', async () => {
      await running;
      const c = client;
      if (!c) return;
      // BaseLanguageClient has no restart(); stop and start give the browser build a fresh Worker too.
      if (c.isRunning()) await c.stop();
      await c.start();
    }),
    vscode.commands.registerCommand('cjm.showServerOutput', () => output.show(true)),
    // The insight code lenses' places (server/src/features/codeLens.ts), as plain LSP values:
    // shown in the references peek, which needs them as vscode objects.
    vscode.commands.registerCommand('cjm.showLocations', (uri: string, position: { line: number; character: number }, locations: Array<{ uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>) => {
      const c = client;
      if (!c || typeof uri !== 'string' || !Array.isArray(locations)) return;
      const conv = c.protocol2CodeConverter;
      return vscode.commands.executeCommand('editor.action.showReferences', conv.asUri(uri), conv.asPosition(position), locations.map((l) => conv.asLocation(l)));
    }),
  );
}

const COMPLETION_INSERT = 'cjm.completion.insert';

/** What completion writes into a map: words in the map's language (default) or ids. */
function completionInsert(): string {
  return vscode.workspace.getConfiguration().get<string>(COMPLETION_INSERT) ?? 'mapLanguage';
}

export async function deactivateCjm(): Promise<void> {
  const c = client;
  client = undefined;
  try {
    if (c?.isRunning()) await c.stop();
  } finally {
    support?.dispose?.();
    support = undefined;
  }
}

/**
 * `cjm.validation.*` as the language server's start-up options: whether and which workspace
 * maps are checked (the server filters its listing with these globs, relative to each
 * workspace folder), and the quiet period before a typed map is checked again.
 */
export function validationOptions(): { workspaceValidation: boolean; diagnosticDelay: number; include: string[]; exclude: string[]; useGitignore: boolean } {
  const config = vscode.workspace.getConfiguration('cjm.validation');
  const useIgnoreFiles = config.get<boolean>('useIgnoreFiles', true);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  // files.exclude is an object of glob → true/false (or a `when` clause, which needs a sibling file to decide: left out).
  const filesExclude = Object.entries(vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {}).filter(([, v]) => v === true).map(([k]) => k);
  return {
    workspaceValidation: config.get<boolean>('workspace', true),
    diagnosticDelay: Math.max(0, Math.min(10_000, Number(config.get<number>('delay', 150)) || 0)),
    include: strings(config.get('include')),
    exclude: [...strings(config.get('exclude')), ...(useIgnoreFiles ? filesExclude : [])],
    useGitignore: useIgnoreFiles,
  };
}
