/**
 * Where the two versions come from:
 * - the active text diff editor (`TabInputTextDiff`): exactly its original and modified
 *   URIs, whatever their schemes (git:, file:, vscode-vfs:, a review tool's own), no git API;
 * - a git ref (HEAD, a branch, a tag) against the file as it is now: the only place the
 *   built-in git extension is used, to name the file at that ref.
 */
import * as vscode from 'vscode';
import type { Locale } from '@cjm/core';
import { GitUnavailable, RefType, gitApi, refsOf, repositoryOf, textAtRef } from './git';
import { diffWords, format } from './labels';
import type { DiffSource } from './panel';

export function isMapUri(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return !!uri && /\.cjm$/i.test(uri.path);
}

const baseName = (uri: vscode.Uri) => uri.path.split('/').pop() ?? uri.path;

/** How a side is named in the toolbar: the git ref for git: documents, else the file name. */
export function sideLabel(uri: vscode.Uri, locale: Locale): string {
  const w = diffWords(locale);
  if (uri.scheme === 'git') {
    try {
      const ref = String((JSON.parse(uri.query) as { ref?: unknown }).ref ?? '');
      if (ref === '' || ref === '~') return w.index;
      return /^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 8) : ref;
    } catch {
      return 'git';
    }
  }
  // Where the workspace's own files live (locally, remotely, in the browser): a place, not a revision.
  if (['file', 'vscode-vfs', 'vscode-remote', 'untitled'].includes(uri.scheme)) return baseName(uri);
  return `${baseName(uri)} (${uri.scheme})`;
}

/** The two sides of the active diff editor, if it is a text diff of a map. */
export function sidesFromActiveTab(locale: Locale): { before: DiffSource; after: DiffSource } | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (!(input instanceof vscode.TabInputTextDiff)) return undefined;
  if (!isMapUri(input.modified) && !isMapUri(input.original)) return undefined;
  return {
    before: { uri: input.original, label: sideLabel(input.original, locale) },
    after: { uri: input.modified, label: sideLabel(input.modified, locale) },
  };
}

/** The map the command is about: its argument (Explorer, SCM resource), else the active editor's map. */
export function targetMap(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const resource = (arg as { resourceUri?: unknown } | undefined)?.resourceUri;
  if (resource instanceof vscode.Uri) return resource;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputTextDiff) return input.modified;
  const doc = vscode.window.activeTextEditor?.document;
  return doc && (doc.languageId === 'cjm' || isMapUri(doc.uri)) ? doc.uri : undefined;
}

export function gitProblemMessage(e: unknown, uri: vscode.Uri, locale: Locale): string {
  const w = diffWords(locale);
  if (e instanceof GitUnavailable) {
    if (e.problem === 'no-extension') return w.noGitExtension;
    if (e.problem === 'disabled') return w.gitDisabled;
    return format(w.noRepository, vscode.workspace.asRelativePath(uri));
  }
  return format(w.unreadable, vscode.workspace.asRelativePath(uri), String((e as Error)?.message ?? e));
}

/** The map at `ref` (old side) and as it is now (new side). Throws GitUnavailable. */
export async function sidesFromRef(uri: vscode.Uri, ref: string, locale: Locale): Promise<{ before: DiffSource; after: DiffSource }> {
  const api = await gitApi();
  const repo = await repositoryOf(api, uri);
  const old = await textAtRef(api, repo, uri, ref);
  return {
    before: { uri: old.uri, label: ref, text: old.text },
    after: { uri, label: `${baseName(uri)} (${diffWords(locale).workingTree})` },
  };
}

/** A quick pick of the repository's branches and tags (HEAD first); undefined when dismissed. */
export async function pickRef(uri: vscode.Uri, locale: Locale): Promise<string | undefined> {
  const w = diffWords(locale);
  const api = await gitApi();
  const repo = await repositoryOf(api, uri);
  const refs = await refsOf(repo);
  type Item = vscode.QuickPickItem & { ref: string };
  const kind = (t: RefType) => (t === RefType.Tag ? { icon: '$(tag)', word: w.tag } : t === RefType.RemoteHead ? { icon: '$(cloud)', word: w.remoteBranch } : { icon: '$(git-branch)', word: w.branch });
  const items: Item[] = [
    { label: '$(git-commit) HEAD', description: repo.state.HEAD?.name ?? repo.state.HEAD?.commit?.slice(0, 8), ref: 'HEAD' },
    ...refs.map((r) => {
      const name = r.type === RefType.RemoteHead && r.remote && !r.name!.startsWith(`${r.remote}/`) ? `${r.remote}/${r.name}` : r.name!;
      const k = kind(r.type);
      return { label: `${k.icon} ${name}`, description: `${k.word}${r.commit ? ` · ${r.commit.slice(0, 8)}` : ''}`, ref: name };
    }),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: w.pickRef, placeHolder: w.pickRefPlaceholder, matchOnDescription: true });
  return picked?.ref;
}
