/**
 * The Node entry of the extension (package.json `main`): the language server runs as a Node
 * process (dist/server.js) over IPC. Everything else is shared with the browser entry
 * (browser.ts) in activate.ts.
 */
import { fork } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateCjm, deactivateCjm } from './activate';
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

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
  '.cjm': 'text/plain; charset=utf-8',
};

const servers = new Map<string, Promise<number>>();

/**
 * A built site's folder over HTTP on loopback, for a browser that cannot read this machine's
 * files (code-server, a remote window): VS Code forwards the port to it (asExternalUri). Files
 * inside the folder only, read-only; one server per folder for the extension's life.
 */
function serveSite(context: vscode.ExtensionContext, folder: string): Promise<number> {
  const root = resolve(folder);
  let port = servers.get(root);
  if (port) return port;
  port = new Promise<number>((done, fail) => {
    const server = createServer((req, res) => {
      const refuse = (status: number) => {
        res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(String(status));
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405);
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://site').pathname);
      } catch {
        return refuse(400);
      }
      const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
      if (!file.startsWith(root + sep)) return refuse(404);
      let size: number;
      try {
        const stat = statSync(file);
        if (!stat.isFile()) return refuse(404);
        size = stat.size;
      } catch {
        return refuse(404);
      }
      // Rebuilt in place: always the files as they are now.
      res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    });
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port));
    context.subscriptions.push({ dispose: () => server.close() });
  });
  servers.set(root, port);
  return port;
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
