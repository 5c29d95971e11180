/**
 * A map's history from git, for `cjm site`: every commit that changed it (renames followed,
 * merges that resolved it against both sides included), with the map's text before and after.
 * One `git log` for the whole repository and one `git cat-file --batch` per few thousand
 * versions' texts: a hundred maps with fifty versions each cost a few processes, not five thousand.
 */
import { GitError, git, gitLarge } from '../git';

export interface MapVersion {
  readonly commit: string;
  readonly parents: readonly string[];
  /** author date, ISO 8601 with the author's offset */
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  /** the map's repository-relative path in this commit */
  readonly path: string;
  /** the path it had before, when this commit renamed it */
  readonly oldPath?: string;
  /** added: no map before; merge: the text a merge settled on, compared with its first parent */
  readonly status: 'added' | 'modified' | 'renamed' | 'merge';
  readonly blob: string;
  /** the blob before this commit (first parent for a merge); undefined when added */
  readonly beforeBlob?: string;
}

export interface History {
  /** newest first, at most `limit` */
  readonly versions: readonly MapVersion[];
  /** blob id → its text */
  readonly blobs: ReadonlyMap<string, string>;
}

interface RawChange {
  readonly status: string;
  readonly src?: string;
  readonly dst: string;
  readonly before?: string;
  readonly after: string;
}

interface RawCommit {
  readonly commit: string;
  readonly parents: string[];
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  readonly changes: RawChange[];
}

const NULL_SHA = /^0+$/;
const MARK = '\x01';

/** `git -c core.quotePath=false` still quotes paths with control characters, quotes and backslashes. */
export function unquotePath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  const body = p.slice(1, -1);
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...enc.encode(c));
      continue;
    }
    const n = body[++i];
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(simple[n] ?? n.charCodeAt(0));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Parses `git log --raw --no-abbrev -c` output with MARK-led header lines. */
export function parseLog(out: string): RawCommit[] {
  const commits: RawCommit[] = [];
  let current: RawCommit | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith(MARK)) {
      const [commit, parents, date, author, subject] = line.slice(1).split('\0');
      current = { commit, parents: parents ? parents.split(' ') : [], date, author, subject: subject ?? '', changes: [] };
      commits.push(current);
      continue;
    }
    if (!current || !line.startsWith(':')) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const colons = /^:+/.exec(line)![0].length;
    const meta = line.slice(colons, tab).split(' ');
    const paths = line.slice(tab + 1).split('\t').map(unquotePath);
    // n parents: n+1 modes, n+1 blob ids, then the status letters.
    const n = colons;
    const blobs = meta.slice(n + 1, 2 * n + 2);
    const status = meta[2 * n + 2] ?? '';
    const after = blobs[n];
    const before = NULL_SHA.test(blobs[0]) ? undefined : blobs[0];
    if (paths.length === 2) current.changes.push({ status, src: paths[0], dst: paths[1], before, after });
    else current.changes.push({ status, dst: paths[0], before, after });
  }
  return commits;
}

/** Every commit that touched a .cjm file, newest first (children always before parents). */
export function logMaps(root: string): RawCommit[] {
  const out = git(
    ['-c', 'core.quotePath=false', 'log', '--date-order', '--raw', '--no-abbrev', '-M', '-c', '--no-color', '--no-ext-diff', '--no-textconv', `--format=${MARK}%H%x00%P%x00%aI%x00%an%x00%s`, '--', '*.cjm'],
    root,
  );
  return parseLog(out.toString('utf8'));
}

/**
 * The versions of the map now at `path`, newest first, following it back through renames
 * (as `git log --follow` does) until it was added or `limit` versions are found.
 */
export function followMap(commits: readonly RawCommit[], path: string, limit: number): MapVersion[] {
  const versions: MapVersion[] = [];
  let name = path;
  for (const c of commits) {
    if (versions.length >= limit) break;
    const change = c.changes.find((x) => x.dst === name && !x.status.startsWith('D'));
    if (!change) continue;
    const merge = c.parents.length > 1;
    const letter = change.status.charAt(0);
    const renamed = letter === 'R';
    const status: MapVersion['status'] = merge ? 'merge' : renamed ? 'renamed' : letter === 'A' || !change.before ? 'added' : 'modified';
    versions.push({
      commit: c.commit,
      parents: c.parents,
      date: c.date,
      author: c.author,
      subject: c.subject,
      path: name,
      ...(renamed && change.src ? { oldPath: change.src } : {}),
      status,
      blob: change.after,
      ...(change.before ? { beforeBlob: change.before } : {}),
    });
    if (renamed && change.src) name = change.src;
    else if (status === 'added') break;
  }
  return versions;
}

/** The texts of many blobs through one `git cat-file --batch`. */
export function readBlobs(root: string, ids: Iterable<string>): Map<string, string> {
  const list = [...new Set(ids)];
  const texts = new Map<string, string>();
  if (!list.length) return texts;
  const buf = gitLarge(['cat-file', '--batch'], root, list.join('\n') + '\n');
  let at = 0;
  const decoder = new TextDecoder('utf-8');
  while (at < buf.length) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) break;
    const header = buf.toString('utf8', at, nl).split(' ');
    at = nl + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    texts.set(header[0], decoder.decode(buf.subarray(at, at + size)));
    at += size + 1;
  }
  return texts;
}

/**
 * The versions of many maps (repository-relative paths) at once, without their texts
 * (`readBlobs`). Undefined when `root` is not inside a git repository or git cannot be run:
 * the site is then built without history.
 */
export function mapVersions(root: string, paths: readonly string[], limit: number): Map<string, MapVersion[]> | undefined {
  let commits: RawCommit[];
  try {
    commits = logMaps(root);
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
  return new Map(paths.map((p) => [p, followMap(commits, p, limit)]));
}

/** The blobs a map's history reads: each version's text and the one before it. */
export function versionBlobs(versions: readonly MapVersion[]): string[] {
  return versions.flatMap((v) => (v.beforeBlob ? [v.blob, v.beforeBlob] : [v.blob]));
}

/**
 * The texts of the versions of many maps (`versions[i]`: the i-th map's), for maps asked for in
 * turn: each time a map's texts are not at hand, they are read with those of the maps after it,
 * up to `atOnce` texts per `git cat-file` (more when one map has more), and the texts read
 * before are let go. Every version of every map of a big repository would not fit in memory at once.
 */
export function textsInTurn(root: string, versions: ReadonlyArray<readonly MapVersion[]>, atOnce: number): (index: number) => ReadonlyMap<string, string> {
  let texts = new Map<string, string>();
  let until = -1;
  return (index) => {
    if (index > until) {
      const ids: string[] = [];
      let next = index;
      for (; next < versions.length; next++) {
        const blobs = versionBlobs(versions[next]);
        if (ids.length && ids.length + blobs.length > atOnce) break;
        ids.push(...blobs);
      }
      texts.clear(); // the last maps' texts go before the next ones are read
      texts = readBlobs(root, ids);
      until = next - 1;
    }
    return texts;
  };
}

/** The histories of many maps with every version's text, read at once (`mapVersions` and `readBlobs`). */
export function mapHistories(root: string, paths: readonly string[], limit: number): Map<string, History> | undefined {
  const per = mapVersions(root, paths, limit);
  if (!per) return undefined;
  const blobs = readBlobs(root, [...per.values()].flatMap(versionBlobs));
  return new Map([...per].map(([p, versions]) => [p, { versions, blobs }]));
}
