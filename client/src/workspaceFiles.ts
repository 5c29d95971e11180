/**
 * The client's half of `cjm/listFiles` and `cjm/readFile` (server/src/files-protocol.ts):
 * the language server in a Worker, or one facing a virtual file system, reads the workspace
 * through these, so workspace-wide validation works wherever VS Code can open files.
 */
import * as vscode from 'vscode';
import type { ListFilesParams, ListFilesResult, ReadFileParams, ReadFileResult } from '../../server/src/files-protocol';

/** Folders no map lives in, and which can be huge (the Node server skips the same). */
const SKIP = ['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.cache', '.vscode-test'];
const MAX_FILES = 20_000;
/** A walk of the tree is the fallback; on a remote file system each folder is a round trip. */
const MAX_FOLDERS = 2_000;

function under(folders: readonly string[], uri: string): boolean {
  return folders.some((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`));
}

async function walk(folder: vscode.Uri, found: Set<string>, token: vscode.CancellationToken): Promise<void> {
  const queue: Array<{ uri: vscode.Uri; depth: number }> = [{ uri: folder, depth: 0 }];
  let visited = 0;
  while (queue.length && visited < MAX_FOLDERS && found.size < MAX_FILES && !token.isCancellationRequested) {
    const { uri, depth } = queue.shift()!;
    visited++;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(uri);
    } catch {
      continue;
    }
    for (const [name, type] of entries) {
      if (type & vscode.FileType.Directory) {
        if (depth < 32 && !name.startsWith('.') && !SKIP.includes(name)) queue.push({ uri: vscode.Uri.joinPath(uri, name), depth: depth + 1 });
      } else if (type & vscode.FileType.File && name.endsWith('.cjm')) {
        found.add(vscode.Uri.joinPath(uri, name).toString());
      }
    }
  }
}

export async function listMaps(params: ListFilesParams, token: vscode.CancellationToken): Promise<ListFilesResult> {
  const found = new Set<string>();
  try {
    // The search service honours files.exclude and is fast where it exists (github.dev
    // indexes the repository); it finds nothing where no search provider runs.
    const uris = await vscode.workspace.findFiles('**/*.cjm', `**/{${SKIP.join(',')}}/**`, MAX_FILES, token);
    for (const u of uris) if (under(params.folders, u.toString())) found.add(u.toString());
  } catch {
    // no search provider for this scheme: walk instead
  }
  if (!found.size) {
    for (const f of params.folders) await walk(vscode.Uri.parse(f), found, token);
  }
  return [...found].sort();
}

export async function readMap(params: ReadFileParams): Promise<ReadFileResult> {
  try {
    const uri = vscode.Uri.parse(params.uri);
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > params.maxBytes) return null;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}
