/**
 * The Node entry of the cjm language server. VS Code starts it over IPC; other editors run
 * `cjm-language-server --stdio`. `createConnection` picks the transport from the command
 * line (`--stdio`, `--node-ipc`, `--socket=`, `--pipe=`).
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { LIMITS } from '@cjm/core';
import { isMainThread } from 'node:worker_threads';
import { filesFromClient } from './files-protocol';
import { serveFormatJobs, threadFormatter } from './formatThread';
import { WorkspaceFiles, startSession } from './session';

// The same bundle runs the formatting thread (formatThread.ts): that thread only formats.
if (!isMainThread) serveFormatJobs();
else main();

function main(): void {
  if (process.argv.includes('--version')) {
    process.stdout.write('cjm-language-server\n');
    process.exit(0);
  }
  if (process.argv.includes('--help') || process.argv.length <= 2) {
    if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
      if (!process.send) {
        process.stderr.write('Usage: cjm-language-server --stdio\n\nThe cjm language server speaks LSP over stdio (or --node-ipc, --socket=<port>, --pipe=<name>).\nSee docs/editor.md for how to use it from Neovim and other editors.\n');
        process.exit(process.argv.includes('--help') ? 0 : 2);
      }
    }
  }

  const connection = createConnection(ProposedFeatures.all);

  /** Folders no map lives in, and which can be huge. */
  const SKIP = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.cache', '.vscode-test']);

  // Twice the analyser's own limit: it still gets to say "too large" for files near it.
  const MAX_BYTES = LIMITS.maxLength * 2;
  // Folders on other file systems (a desktop VS Code on a virtual workspace) are read by the client.
  const viaClient = filesFromClient(connection, MAX_BYTES);

  const files: WorkspaceFiles = {
    async list(folders) {
      const virtual = folders.filter((f) => !f.startsWith('file:'));
      const found: string[] = [];
      const walk = async (dir: string, depth: number): Promise<void> => {
        if (depth > 32 || found.length >= 20_000) return;
        let entries: import('node:fs').Dirent[];
        try {
          entries = await fs.readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          if (e.isDirectory()) {
            if (!SKIP.has(e.name) && !e.name.startsWith('.')) await walk(join(dir, e.name), depth + 1);
          } else if (e.isFile() && e.name.endsWith('.cjm')) {
            found.push(pathToFileURL(join(dir, e.name)).href);
          }
        }
      };
      for (const f of folders) {
        if (f.startsWith('file:')) await walk(fileURLToPath(f), 0);
      }
      if (virtual.length) found.push(...(await viaClient.list(virtual).catch(() => [])));
      return found.sort();
    },
    async read(uri) {
      if (!uri.startsWith('file:')) return viaClient.read(uri).catch(() => undefined);
      const path = fileURLToPath(uri);
      const stat = await fs.stat(path);
      if (stat.size > MAX_BYTES) return undefined;
      return fs.readFile(path, 'utf8');
    },
  };

  // A bug must cost one request, not the editor session (the client would restart us, losing state).
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));

  startSession(connection, {
    files,
    yieldNow: () => new Promise((r) => setImmediate(r)),
    formatOffThread: threadFormatter(__filename),
    cpuClock: () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    },
  });
}
