/**
 * The two requests a language server sends when it cannot read the workspace itself (the
 * Worker in the browser build, or any server facing a virtual file system such as
 * github.dev's `vscode-vfs:`): the client answers them through `workspace.findFiles` and
 * `workspace.fs`. Shared by the server entries and the client; Node-free.
 */
import type { Connection } from 'vscode-languageserver';
import type { WorkspaceFiles } from './session';

export const LIST_FILES = 'cjm/listFiles';
export const READ_FILE = 'cjm/readFile';

export interface ListFilesParams {
  /** workspace folder URIs, as the client spells them */
  readonly folders: readonly string[];
}
/** URIs of the .cjm files under those folders */
export type ListFilesResult = string[];

export interface ReadFileParams {
  readonly uri: string;
  /** the client answers null for larger files rather than sending them */
  readonly maxBytes: number;
}
/** the file's text, or null when it is missing, unreadable or too large */
export type ReadFileResult = string | null;

/** Workspace access through the client: works on every file system the editor can open. */
export function filesFromClient(connection: Connection, maxBytes: number): WorkspaceFiles {
  return {
    async list(folders) {
      if (!folders.length) return [];
      return (await connection.sendRequest<ListFilesResult>(LIST_FILES, { folders } satisfies ListFilesParams)) ?? [];
    },
    async read(uri) {
      return (await connection.sendRequest<ReadFileResult>(READ_FILE, { uri, maxBytes } satisfies ReadFileParams)) ?? undefined;
    },
  };
}
