/**
 * The browser entry of the extension (package.json `browser`): github.dev, vscode.dev and the
 * web extension host of code-server or Codespaces. The language server runs in a Worker
 * (dist/server.browser.js); everything else is shared with the Node entry in activate.ts.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { activateCjm, deactivateCjm } from './activate';
import { registerBuildSiteUnavailable } from './site';

async function scriptText(script: vscode.Uri): Promise<string> {
  try {
    // The web extension host's fetch serves vscode-remote: URLs through the remote server.
    const res = await fetch(script.toString(true));
    if (res.ok) return await res.text();
  } catch {
    // fall through to the file system
  }
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(script));
}

/**
 * On vscode.dev and github.dev the extension is served over https: and VS Code starts a
 * Worker from its URL. Where the extension is installed on a server (its location has the
 * vscode-remote: scheme) VS Code refuses ("Creating workers from remote extensions is
 * currently not supported"), so the script is fetched and started from a blob: URL.
 */
async function startWorker(script: vscode.Uri, output: vscode.LogOutputChannel): Promise<{ worker: Worker; blobUrl?: string }> {
  if (script.scheme !== 'vscode-remote') {
    try {
      return { worker: new Worker(script.toString(true), { name: 'cjm-language-server' }) };
    } catch (e) {
      output.info(`Starting the language server from ${script.scheme}: failed (${(e as Error)?.message ?? e}); starting it from its text.`);
    }
  }
  const blobUrl = URL.createObjectURL(new Blob([await scriptText(script)], { type: 'text/javascript' }));
  return { worker: new Worker(blobUrl, { name: 'cjm-language-server' }), blobUrl };
}

export function activate(context: vscode.ExtensionContext): void {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.browser.js');
  let current: { worker: Worker; blobUrl?: string } | undefined;
  const stopWorker = () => {
    current?.worker.terminate();
    if (current?.blobUrl) URL.revokeObjectURL(current.blobUrl);
    current = undefined;
  };
  activateCjm(context, {
    host: 'web',
    // A function, not a Worker: every (re)start of the client gets a fresh Worker.
    createClient: (options, output) =>
      new LanguageClient(
        'cjm',
        'CJM Language Server',
        async () => {
          stopWorker();
          current = await startWorker(script, output);
          // A script that fails to load or throws at the top never answers `initialize`: say why.
          current.worker.addEventListener('error', (e) => output.error(`The language server Worker failed: ${(e as ErrorEvent).message || 'could not load its script'}`));
          // Transports, not the Worker: the client tells a Worker by `instanceof Worker`, which
          // fails for the Worker class the web extension host puts in place of the native one.
          return { reader: new BrowserMessageReader(current.worker), writer: new BrowserMessageWriter(current.worker) };
        },
        options,
      ),
    dispose: stopWorker,
  });
  context.subscriptions.push(registerBuildSiteUnavailable());
}

export const deactivate = deactivateCjm;
