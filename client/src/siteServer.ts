/**
 * The built site over HTTP on loopback (Node extension host only), for "CJM: Build Site" in a
 * browser that cannot read this machine's files.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import type * as vscode from 'vscode';

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
export function serveSite(context: vscode.ExtensionContext, folder: string): Promise<number> {
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
