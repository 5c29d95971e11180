import { join, relative, sep } from 'node:path';
import { Analysis, ChangePolicy, FailRule, FileDiff, FileReader, Locale, commentLocale, diffMaps, diffReport, failingChanges, formatGithub, formatMarkdown, formatPrComment, formatTerminal, parseFailOn, t, tn } from '@cjm/core';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { LoadedRepoConfig, ignoredByConfig, repoConfigFor } from '../config';
import { analyzeMapAt, analyzeMapFile, corePath, namedFileReader, readMapFile } from '../files';
import { GitError, changedMaps, mapsNamingFiles, repoRoot, revisionReader, showFile } from '../git';
import { cliLocale, explicitLocale, readerLocale } from '../locale';

const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm diff [options] <old.cjm> <new.cjm>
       cjm diff [options] --base <ref> [--head <ref>] [paths…]

Shows what changed in the journey between two versions of a map: stages and
steps added, removed, renamed and moved, fields changed, emotions up or down,
pains added or resolved, errors introduced or fixed. A change that only
reformats the file is reported as "formatting only".

With --base, compares the map files that differ between two git revisions
(head defaults to the working tree), including added, deleted and renamed
maps; paths limit the comparison. Either file may be /dev/null (no file).

Options:
  --base <ref>           compare revisions in the current git repository
  --head <ref>           the new side (default: the working tree)
  --format <style>       terminal (default), markdown, json, github or pr-comment
                         (json: docs/diff-schema.md; github: workflow annotations;
                         pr-comment: the pull-request comment body, with a hidden
                         marker, tables and a Mermaid emotion chart: docs/review.md)
  --fail-on <list>       exit 1 when a change matches: a severity (error,
                         warning, info: that or worse) or a change kind id
                         such as emotion-dropped; comma-separated
  --color, --no-color    force colour on or off (default: on for a terminal,
                         off when NO_COLOR is set)
  --locale en|ru|pl      language of the output (default: LC_ALL, LC_MESSAGES
                         or LANG; pr-comment: the maps' own language)
  -h, --help             show this help

The repository's \`.cjm.yml\` sets severities per change kind, and the kinds
and paths to leave out (docs/config.md).

Exit status: 0, or 1 when --fail-on matched a change; 2 for usage errors,
unreadable files and git failures.`,
  );

/**
 * Reads one side: a path, or /dev/null for "no file". Its `use:` libraries and `baseline:` are
 * read relative to `place` (the map's own path unless told), as `cjm check` reads them: a
 * side read without them reports every library persona as undeclared, and the diff shows
 * errors "introduced" or "fixed" that are in neither map.
 */
function readSide(path: string, place = path): Analysis | null {
  if (path === '/dev/null' || path === 'NUL') return null;
  const r = readMapFile(path);
  if (!r.ok) throw new UsageError(`${path}: ${r.message}`);
  return analyzeMapFile(place, r.text);
}

/**
 * Git's GIT_EXTERNAL_DIFF contract (git help git, "GIT_EXTERNAL_DIFF"): one argument for an
 * unmerged path; seven for a change (path old-file old-hex old-mode new-file new-hex new-mode,
 * either file /dev/null when added or deleted); nine for a rename or copy, which add the new
 * path and git's "similarity index…" message.
 */
export type ExternalDiffArgs =
  | { kind: 'unmerged'; path: string }
  | { kind: 'change'; path: string; oldFile: string; newFile: string; renamedTo?: string };

export function externalDiffArgs(args: readonly string[]): ExternalDiffArgs | undefined {
  if (args.length === 1) return { kind: 'unmerged', path: args[0] };
  if (args.length !== 7 && args.length !== 9) return undefined;
  const renamedTo = args.length === 9 && args[7] !== args[0] ? args[7] : undefined;
  return { kind: 'change', path: args[0], oldFile: args[1], newFile: args[4], ...(renamedTo ? { renamedTo } : {}) };
}

function decode(buf: Buffer, what: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new UsageError(t(cliLocale(), '{0} is not valid UTF-8 text', what));
  }
}

/** Both sides of every map that changed between two revisions, analysed. */
export interface GitSides {
  readonly file: FileDiff;
  readonly before: Analysis | null;
  readonly after: Analysis | null;
}

/**
 * Both sides of every changed map, diffed in `locale`; `'map'` diffs them in the language
 * the maps themselves are written in ({@link commentLocale}).
 */
export function gitSides(base: string, head: string | undefined, paths: string[], locale: Locale | 'map' = 'en'): GitSides[] {
  const raw = readGitSides(base, head, paths);
  return diffSides(raw, locale === 'map' ? sidesLocale(raw) : locale);
}

/** Both sides of a changed map, read but not yet compared. */
export type ReadSides = Omit<GitSides, 'file'> & { readonly file: Omit<FileDiff, 'diff'> };

/** The language the maps are written in (what a review of them speaks). */
export function sidesLocale(sides: readonly ReadSides[]): Locale {
  return commentLocale(sides.map((s) => s.after ?? s.before));
}

/** Compares read sides; `policy`: the repository's severities and ignored kinds (.cjm.yml). */
export function diffSides(sides: readonly ReadSides[], locale: Locale, policy?: ChangePolicy): GitSides[] {
  return (
    sides
      .map((s) => ({ ...s, file: { ...s.file, diff: diffMaps(s.before, s.after, { locale, ...(policy ? { policy } : {}) }) } }))
      // A map that only reads a changed file is news when that changed something in it.
      .filter((s) => !s.file.through || s.file.diff.changes.length > 0)
  );
}

/** Both sides of the maps changed between two revisions; `repo`: leave out the paths its .cjm.yml ignores. */
export function readGitSides(base: string, head: string | undefined, paths: string[], repo?: LoadedRepoConfig): ReadSides[] {
  const cwd = process.cwd();
  let root: string;
  try {
    root = repoRoot(cwd);
  } catch (e) {
    throw new UsageError(t(cliLocale(), '--base needs a git repository: {0}', (e as Error).message));
  }
  const changed = changedMaps(cwd, base, head, paths).filter((c) => !repo || !ignoredByConfig(repo, join(root, c.path)));
  // Each side's libraries (and baseline) as of the same revision: a pull request that renames
  // a persona in the library and in its maps together changes no diagnostic. The working-tree
  // side reads the working tree. Nothing outside the repository is read.
  const rootPath = corePath(root);
  // `seen` learns every file the analysis reads (libraries of libraries, the baseline).
  const readRecording = (ref: string | undefined, path: string, seen: (path: string) => void): Analysis => {
    const place = corePath(join(root, path));
    const reader = ref ? revisionReader(root, rootPath, ref) : namedFileReader;
    const recording: FileReader = (p) => (seen(p), reader(p));
    if (ref) return analyzeMapAt(decode(showFile(root, ref, path), `${ref}:${path}`), place, rootPath, recording);
    const r = readMapFile(join(root, path));
    if (!r.ok) throw new UsageError(`${path}: ${r.message}`);
    return analyzeMapAt(r.text, place, rootPath, recording);
  };
  const read = (ref: string | undefined, path: string): Analysis => readRecording(ref, path, () => undefined);
  const sides: ReadSides[] = changed.map((c) => {
    const before = c.status === 'added' ? null : read(base, c.oldPath ?? c.path);
    const after = c.status === 'deleted' ? null : read(head, c.path);
    return { file: { path: c.path, ...(c.oldPath ? { oldPath: c.oldPath } : {}), status: c.status }, before, after };
  });
  // The maps that read a changed file: a pull request that only edits a library can break
  // every map using it, and a review that shows the library alone lets that through.
  const touched = new Map<string, string>();
  for (const c of paths.length ? changedMaps(cwd, base, head, []) : changed) for (const p of [c.path, c.oldPath]) if (p) touched.set(corePath(join(root, p)), p);
  if (!touched.size) return sides;
  const listed = new Set(changed.map((c) => c.path));
  for (const path of mapsNamingFiles(cwd, root, head, paths)) {
    if (listed.has(path) || (repo && ignoredByConfig(repo, join(root, path)))) continue;
    const through = new Set<string>();
    const after = readRecording(head, path, (p) => touched.has(p) && through.add(touched.get(p)!));
    if (!through.size) continue;
    sides.push({ file: { path, status: 'modified', through: [...through].sort() }, before: read(base, path), after });
  }
  return sides.sort((x, y) => (x.file.path < y.file.path ? -1 : x.file.path > y.file.path ? 1 : 0));
}

export function gitFiles(base: string, head: string | undefined, paths: string[], locale: Locale | 'map' = 'en'): FileDiff[] {
  return gitSides(base, head, paths, locale).map((s) => s.file);
}

function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return (rel && !rel.startsWith('..') ? rel : p).split(sep).join('/');
}

export function useColor(flags: Record<string, string | boolean>): boolean {
  if (flags.color) return true;
  if (flags['no-color']) return false;
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  return process.stdout.isTTY === true;
}

export const diff: Command = {
  name: 'diff',
  get summary() {
    return t(cliLocale(), 'show what changed in a journey between two versions (files or git revisions)');
  },
  get usage() {
    return usage(cliLocale());
  },
  async run(args) {
    const ui = cliLocale();
    const { flags, rest } = parseFlags(args, { base: 'string', head: 'string', format: 'string', 'fail-on': 'string', color: 'boolean', 'no-color': 'boolean', help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(usage(ui) + '\n');
      return EXIT.ok;
    }
    const format = (flags.format as string | undefined) ?? 'terminal';
    if (!['terminal', 'markdown', 'json', 'github', 'pr-comment'].includes(format)) throw new UsageError(t(ui, '--format must be terminal, markdown, json, github or pr-comment, not "{0}"', format));
    let rules: FailRule[] = [];
    if (typeof flags['fail-on'] === 'string') {
      try {
        rules = parseFailOn(flags['fail-on'], ui);
      } catch (e) {
        throw new UsageError(`--fail-on: ${(e as Error).message}`);
      }
    }
    if (flags.head !== undefined && flags.base === undefined) throw new UsageError(t(ui, '--head needs --base'));
    // Under git (external diff), a broken .cjm.yml must not end `git diff`: its problems are
    // printed and the defaults apply. Elsewhere the command stops, as for any bad setting.
    const underGit = flags.base === undefined && process.env.GIT_DIFF_PATH_COUNTER !== undefined;
    const repo = repoConfigFor('diff');
    if (!repo && !underGit) return EXIT.usage;
    const policy = repo?.config.diff;
    // JSON keeps English sentences (docs/diff-schema.md); a PR comment speaks the maps' language.
    const pick = (maps: () => Locale): Locale => (format === 'json' ? 'en' : format === 'pr-comment' ? (explicitLocale() ?? maps()) : readerLocale(maps));
    let locale: Locale = ui;

    let files: FileDiff[];
    let refs: { base?: string; head?: string } = {};
    if (typeof flags.base === 'string') {
      const head = flags.head as string | undefined;
      refs = { base: flags.base, ...(head ? { head } : {}) };
      try {
        const raw = readGitSides(flags.base, head, rest, repo);
        locale = pick(() => sidesLocale(raw));
        files = diffSides(raw, locale, policy).map((s) => s.file);
      } catch (e) {
        if (e instanceof GitError) {
          process.stderr.write(`cjm diff: git: ${e.message}\n`);
          return EXIT.usage;
        }
        throw e;
      }
    } else {
      const external = process.env.GIT_DIFF_PATH_COUNTER !== undefined ? externalDiffArgs(rest) : undefined;
      if (external?.kind === 'unmerged') {
        // Git asks once per unmerged path, with the path only: nothing to compare until it is resolved.
        process.stdout.write(`${external.path}\n  ${t(ui, 'unmerged: resolve the conflict, then compare')}\n`);
        return EXIT.ok;
      }
      if (!external && rest.length !== 2) throw new UsageError(t(ui, 'give two map files, or --base <ref>'));
      const [oldPath, newPath] = external ? [external.oldFile, external.newFile] : rest;
      let before: Analysis | null;
      let after: Analysis | null;
      try {
        // Under git the sides are copies of blobs in a temporary folder, and git names no
        // revision (only blob ids): both are read as if they lay at the map's path in the
        // working tree (git runs the external diff at its top), with the working tree's libraries.
        const at = (p: string | undefined) => (external && p ? join(process.cwd(), p) : undefined);
        before = readSide(oldPath, at(external?.path));
        after = readSide(newPath, at(external ? external.renamedTo ?? external.path : undefined));
      } catch (e) {
        // Under git, failing would end the whole `git diff` ("external diff died") and lose
        // every file after this one: say why this one is not compared, and let git go on.
        if (!external || !(e instanceof UsageError)) throw e;
        process.stdout.write(`${external.path}\n  ${t(ui, 'not compared: {0}', e.message.replace(/^.*?: /, ''))}\n`);
        return EXIT.ok;
      }
      const status = !before ? 'added' : !after ? 'deleted' : external?.renamedTo ? 'renamed' : 'modified';
      const shown = external ? external.renamedTo ?? external.path : displayPath(after ? newPath : oldPath);
      const old = external ? (external.renamedTo ? external.path : undefined) : displayPath(oldPath);
      locale = pick(() => commentLocale([after ?? before]));
      files = [{ path: shown, ...(old && before && after && old !== shown ? { oldPath: old } : {}), status, diff: diffMaps(before, after, { locale, ...(policy ? { policy } : {}) }) }];
    }
    const report = diffReport(files, refs);
    const text =
      format === 'json'
        ? JSON.stringify(report, null, 2) + '\n'
        : format === 'markdown'
          ? formatMarkdown(report, { locale: ui })
          : format === 'github'
            ? formatGithub(report, ui)
            : format === 'pr-comment'
              ? formatPrComment(report, { locale })
            : formatTerminal(report, { color: useColor(flags), locale: ui });
    process.stdout.write(text);
    const failing = failingChanges(report, rules);
    if (failing.length && format === 'terminal') process.stderr.write(`cjm diff: ${tn(ui, failing.length, '{0} change matched --fail-on {1}', '{0} changes matched --fail-on {1}', String(flags['fail-on']))}\n`);
    return failing.length ? EXIT.findings : EXIT.ok;
  },
};

