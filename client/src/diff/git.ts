/**
 * The little of the built-in git extension's API (vscode.git, API version 1) the visual diff
 * uses: find the repository of a file, list its refs, and name a file at a ref. Only where a
 * ref must be resolved: a diff editor's two sides are read without git, which is absent in
 * the browser. The types mirror extensions/git/src/api/git.d.ts, narrowed to what is used.
 */
import * as vscode from 'vscode';

export const enum RefType {
  Head = 0,
  RemoteHead = 1,
  Tag = 2,
}

export interface GitRef {
  readonly type: RefType;
  readonly name?: string;
  readonly commit?: string;
  readonly remote?: string;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD?: GitRef; readonly refs?: readonly GitRef[] };
  /** newer API; older VS Code versions keep refs in `state.refs` */
  getRefs?(query?: { readonly sort?: 'alphabetically' | 'committerdate'; readonly count?: number }): Promise<GitRef[]>;
  show(ref: string, path: string): Promise<string>;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** Why a ref cannot be resolved, in words for a message. */
export type GitProblem = 'no-extension' | 'disabled' | 'no-repository';

export class GitUnavailable extends Error {
  constructor(readonly problem: GitProblem) {
    super(problem);
  }
}

const INIT_TIMEOUT_MS = 10_000;

/** The git API once the extension has scanned the workspace; throws GitUnavailable. */
export async function gitApi(): Promise<GitApi> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) throw new GitUnavailable('no-extension');
  const exports = ext.isActive ? ext.exports : await ext.activate();
  if (!exports?.enabled) throw new GitUnavailable('disabled');
  const api = exports.getAPI(1);
  if (api.state !== 'initialized') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => done.dispose(), INIT_TIMEOUT_MS);
      const done = api.onDidChangeState((s) => {
        if (s !== 'initialized') return;
        clearTimeout(timer);
        done.dispose();
        resolve();
      });
      setTimeout(resolve, INIT_TIMEOUT_MS);
    });
  }
  return api;
}

/** The repository holding `uri`, opening the folder's repository if git has not seen it yet. */
export async function repositoryOf(api: GitApi, uri: vscode.Uri): Promise<GitRepository> {
  let repo = api.getRepository(uri);
  if (!repo && api.openRepository && uri.scheme === 'file') {
    // git resolves the folder to its repository's top level.
    repo = (await api.openRepository(vscode.Uri.joinPath(uri, '..'))) ?? api.getRepository(uri);
  }
  if (!repo) throw new GitUnavailable('no-repository');
  return repo;
}

export async function refsOf(repo: GitRepository): Promise<GitRef[]> {
  const refs = repo.getRefs ? await repo.getRefs({ sort: 'committerdate' }) : [...(repo.state.refs ?? [])];
  return refs.filter((r) => r.name);
}

/** The file as it is at `ref`, through the git extension's `git:` documents, else `git show`. */
export async function textAtRef(api: GitApi, repo: GitRepository, uri: vscode.Uri, ref: string): Promise<{ uri: vscode.Uri; text: string }> {
  const gitUri = api.toGitUri(uri, ref);
  try {
    const doc = await vscode.workspace.openTextDocument(gitUri);
    return { uri: gitUri, text: doc.getText() };
  } catch {
    const rel = vscode.workspace.asRelativePath(uri, false);
    return { uri: gitUri, text: await repo.show(ref, uri.fsPath).catch(() => repo.show(ref, rel)).catch(() => '') };
  }
}
