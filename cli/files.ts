/**
 * Finding and reading map files for the CLI: globs, directories, and clear refusals for
 * input that is not a UTF-8 text file.
 */
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Analysis, FileReader, IMPORT_LIMITS, LinkedAnalysis, analyze, resolveBaseline, t, withBaselineDiagnostics, withImports } from '@cjm/core';
import { cliLocale } from './locale';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.cache']);

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

export function readMapFile(path: string): ReadResult {
  let st;
  try {
    st = statSync(path);
  } catch {
    return { ok: false, message: t(cliLocale(), 'no such file') };
  }
  if (st.isDirectory()) return { ok: false, message: t(cliLocale(), 'is a directory') };
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    return { ok: false, message: t(cliLocale(), 'cannot be read ({0})', String((e as NodeJS.ErrnoException).code ?? (e as Error).message)) };
  }
  if (buf.includes(0)) return { ok: false, message: t(cliLocale(), 'looks like a binary file, not a .cjm text file') };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { ok: false, message: t(cliLocale(), 'is not valid UTF-8 text; save it as UTF-8') };
  }
}

function walk(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(p, out);
    } else if (name.endsWith('.cjm')) out.push(p);
  }
}

/** `*`, `**` and `?` globs, matched against paths relative to the working directory. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '(?:.*/)?';
        i += glob[i + 2] === '/' ? 2 : 1;
        if (glob[i] !== '/') re = re.slice(0, -'(?:.*/)?'.length) + '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface Expanded {
  files: string[];
  /** arguments that matched nothing, with the reason */
  problems: Array<{ arg: string; message: string }>;
}

/** Files, directories (every .cjm below) and globs → the files to read, in a stable order. */
export function expandArgs(args: string[], cwd = process.cwd()): Expanded {
  const files: string[] = [];
  const problems: Expanded['problems'] = [];
  const targets = args.length ? args : ['.'];
  for (const arg of targets) {
    if (/[*?]/.test(arg)) {
      const all: string[] = [];
      walk(cwd, all);
      const re = globToRegExp(arg.split(sep).join('/').replace(/^\.\//, ''));
      const hits = all.filter((p) => re.test(relative(cwd, p).split(sep).join('/')));
      if (hits.length) files.push(...hits.map((p) => relative(cwd, p) || p));
      else problems.push({ arg, message: t(cliLocale(), 'no .cjm files match this pattern') });
      continue;
    }
    let st;
    try {
      st = statSync(arg);
    } catch {
      problems.push({ arg, message: t(cliLocale(), 'no such file or directory') });
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(arg, found);
      if (found.length) files.push(...found);
      else if (args.length) problems.push({ arg, message: t(cliLocale(), 'is a directory with no .cjm files in it') });
    } else files.push(arg);
  }
  return { files: [...new Set(files)], problems };
}

/** A path as the core's `use:` resolution reads it: absolute, `/`-separated. */
export function corePath(path: string, cwd = process.cwd()): string {
  return resolve(cwd, path).split(sep).join('/');
}

/**
 * The reader `use:` and `baseline:` resolution gets: a file's text, or undefined when it is
 * missing or not a file. A huge file is read only far enough for the core to refuse it (a
 * UTF-8 character takes at most 4 bytes), and a binary one keeps its NULs so the core says so.
 */
export function namedFileReader(path: string): string | undefined {
  try {
    const native = path.split('/').join(sep);
    const st = statSync(native);
    if (!st.isFile()) return undefined;
    const cap = IMPORT_LIMITS.maxLength * 4 + 4;
    const fd = openSync(native, 'r');
    try {
      const buf = new Uint8Array(Math.min(st.size, cap));
      const n = readSync(fd, buf, 0, buf.length, 0);
      return new TextDecoder('utf-8').decode(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * A map's analysis with its `use:` libraries read relative to it. Nothing outside the working
 * directory is read (the repository, in CI), unless the map itself lies outside it: then its
 * own folder is the limit.
 */
export function analyzeMapFile(file: string, text: string, cwd = process.cwd()): LinkedAnalysis {
  const { path, root } = mapPlace(file, cwd);
  return analyzeMapAt(text, path, root, namedFileReader);
}

/**
 * A map's analysis with its libraries and baseline read through `read` (the working tree, or
 * a git revision), `path` and `root` as core paths: what `cjm check` reports for it.
 */
export function analyzeMapAt(text: string, path: string, root: string, read: FileReader): LinkedAnalysis {
  return linkMapAt(analyze(text), path, root, read);
}

/** `analyzeMapAt` for an analysis made already (an incremental one): its libraries and baseline linked. */
export function linkMapAt(a: Analysis, path: string, root: string, read: FileReader): LinkedAnalysis {
  const linked = withImports(a, path, { read, root });
  return linked.map.baseline ? withBaselineDiagnostics(linked, resolveBaseline(linked, path, { read, root, compare: false })) : linked;
}

/** A map's core path and the folder nothing it names may leave (see analyzeMapFile). */
export function mapPlace(file: string, cwd = process.cwd()): { path: string; root: string } {
  const path = corePath(file, cwd);
  const root = corePath(cwd, cwd);
  const inside = path.startsWith(root.endsWith('/') ? root : `${root}/`);
  return { path, root: inside ? root : path.slice(0, path.lastIndexOf('/')) };
}
