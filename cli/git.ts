/**
 * The little of git the CLI needs, through the `git` executable (never a library): which
 * map files changed between two revisions, their contents on each side, and a reader of the
 * files at a revision.
 */
import { SpawnSyncReturns, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileReader } from '@cjm/core';

export class GitError extends Error {}

const GIT_ENV = () => ({ ...process.env, GIT_OPTIONAL_LOCKS: '0' });

/** A finished git process's verdict: a GitError unless it ran and exited 0 (or with a `quiet` status). */
function checked(r: SpawnSyncReturns<Buffer>, args: readonly string[], quiet: readonly number[] = []): void {
  if (r.error) throw new GitError(`cannot run git (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`);
  if (r.status !== 0 && !quiet.includes(r.status ?? -1)) throw new GitError(String(r.stderr ?? '').trim() || `git ${args[0]} failed`);
}

/** git's output; `quiet`: exit statuses that are answers, not failures (git grep's 1: no match). */
export function git(args: string[], cwd: string, quiet: readonly number[] = []): Buffer {
  const r = spawnSync('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, env: GIT_ENV() });
  checked(r, args, quiet);
  return r.stdout;
}

/**
 * `git`'s output when it is large (`git cat-file --batch` of every version of every map: 33 MB
 * for 100 maps × 50 versions), with `input` on its standard input. It goes to a temporary file
 * read back at once: through a pipe, Node takes it 64 KB at a time, which cost more than git's
 * own work (400 vs 250 ms). Through the pipe all the same when no temporary file can be made
 * (a read-only system).
 */
export function gitLarge(args: string[], cwd: string, input: string): Buffer {
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'cjm-git-'));
  } catch {
    const r = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024, env: GIT_ENV() });
    checked(r, args);
    return r.stdout;
  }
  try {
    const file = join(dir, 'out');
    const fd = openSync(file, 'w');
    try {
      checked(spawnSync('git', args, { cwd, input, stdio: ['pipe', fd, 'pipe'], env: GIT_ENV() }), args);
    } finally {
      closeSync(fd);
    }
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function repoRoot(cwd: string): string {
  return git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
}

export interface ChangedFile {
  readonly status: 'modified' | 'added' | 'deleted' | 'renamed';
  /** repository-relative, `/`-separated */
  readonly path: string;
  readonly oldPath?: string;
}

const isMap = (p: string) => p.endsWith('.cjm');

/**
 * Map files that differ between `base` and `head` (or the working tree when `head` is
 * absent), renames detected by git. A rename to or from another extension counts as the
 * map being deleted or added.
 */
export function changedMaps(cwd: string, base: string, head: string | undefined, paths: string[]): ChangedFile[] {
  const args = ['-c', 'core.quotePath=false', 'diff', '--name-status', '-z', '-M', '--no-color', '--no-ext-diff', '--no-textconv', base, ...(head ? [head] : []), '--', ...paths];
  const fields = git(args, cwd).toString('utf8').split('\0');
  const out: ChangedFile[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const status = fields[i++];
    const letter = status.charAt(0);
    if (letter === 'R' || letter === 'C') {
      const from = fields[i++];
      const to = fields[i++];
      if (isMap(from) && isMap(to)) out.push(letter === 'R' ? { status: 'renamed', path: to, oldPath: from } : { status: 'added', path: to });
      else if (isMap(to)) out.push({ status: 'added', path: to });
      else if (isMap(from) && letter === 'R') out.push({ status: 'deleted', path: from });
      continue;
    }
    const path = fields[i++];
    if (!isMap(path)) continue;
    out.push({ status: letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified', path });
  }
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/**
 * What marks a map that may read other files: a `use:` or `baseline:` key, quoted or not. A
 * superset (the words may sit in a description); the caller analyses the map to know what it reads.
 * As git grep's extended pattern; `namesFiles` is the same test in JavaScript.
 */
const NAMES_FILES = `(use|baseline)["']?[[:space:]]*:`;
const NAMES_FILES_JS = new RegExp(NAMES_FILES.replace('[[:space:]]', '\\s'));

/** Whether a map's text may name other files (`mapsNamingFiles`' test, on one text). */
export function namesFiles(text: string): boolean {
  return NAMES_FILES_JS.test(text);
}

/**
 * Map files that may read other files (`namesFiles`), at `ref` or (without one) in the working
 * tree's tracked files, repository-relative.
 */
export function mapsNamingFiles(cwd: string, root: string, ref: string | undefined, paths: string[]): string[] {
  // Without paths, the whole repository (git grep limits itself to the current folder).
  const args = ['-c', 'core.quotePath=false', 'grep', '-z', '-l', '-I', '--full-name', '-E', NAMES_FILES, ...(ref ? [ref] : []), '--', ...(paths.length ? paths : ['*.cjm'])];
  const prefix = ref ? `${ref}:` : '';
  return git(args, paths.length ? cwd : root, [1])
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((p) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p))
    .filter(isMap);
}

/** A file's bytes at a revision (`path` relative to the repository root). */
export function showFile(root: string, ref: string, path: string): Buffer {
  return git(['show', `${ref}:${path}`], root);
}

/**
 * A reader of the files at a git revision, for the core's `use:`/`baseline:` resolution:
 * `rootPath` is the repository root as a core path; anything outside it, or missing at `ref`,
 * reads as no file (the core then reports it where the map names it).
 */
export function revisionReader(root: string, rootPath: string, ref: string): FileReader {
  const prefix = rootPath.endsWith('/') ? rootPath : `${rootPath}/`;
  return (path) => {
    if (!path.startsWith(prefix)) return undefined;
    try {
      return new TextDecoder('utf-8').decode(showFile(root, ref, path.slice(prefix.length)));
    } catch {
      return undefined;
    }
  };
}
