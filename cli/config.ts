/**
 * Finding and reading the repository's `.cjm.yml` (core/repoConfig.ts holds the format).
 *
 * Lookup (docs/config.md): from the working directory up, the first folder holding
 * `.cjm.yml` (or `.cjm.yaml`) wins; the search stops at the repository's top folder (the
 * first one holding `.git`), so a file above the repository never applies to it. No file:
 * the defaults. Paths in `ignore` are relative to the folder holding the file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EMPTY_REPO_CONFIG, Locale, REPO_CONFIG_FILES, RepoConfig, RepoConfigProblem, format, isIgnoredPath, msg, parseRepoConfig, t } from '@cjm/core';
import { cliLocale } from './locale';

export interface LoadedRepoConfig {
  readonly config: RepoConfig;
  /** the file read, absolute; none when there is no configuration */
  readonly file?: string;
  /** the folder `ignore` globs are relative to */
  readonly dir: string;
  readonly problems: readonly RepoConfigProblem[];
}

/** The configuration file that applies in `cwd`, if any (see the module comment). */
export function findRepoConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of REPO_CONFIG_FILES) {
      const file = join(dir, name);
      try {
        if (statSync(file).isFile()) return file;
      } catch {
        // not here
      }
    }
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/** Reads the configuration that applies in `cwd`; problems are returned, never thrown. */
export function loadRepoConfig(cwd: string = process.cwd()): LoadedRepoConfig {
  const file = findRepoConfig(cwd);
  if (!file) return { config: EMPTY_REPO_CONFIG, dir: resolve(cwd), problems: [] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { config: EMPTY_REPO_CONFIG, file, dir: dirname(file), problems: [{ severity: 'error', message: code ? msg('cannot be read ({0})', code) : msg('is not valid UTF-8 text; save it as UTF-8'), line: 0, column: 0 }] };
  }
  const { config, problems } = parseRepoConfig(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return { config, file, dir: dirname(file), problems };
}

/** `file:line:col: error|warning message`, in `locale`. */
export function formatConfigProblem(loaded: LoadedRepoConfig, p: RepoConfigProblem, locale: Locale): string {
  const where = loaded.file ? displayPath(loaded.file) : '.cjm.yml';
  const level = p.severity === 'error' ? t(locale, 'error') : t(locale, 'warning');
  return `${where}:${p.line + 1}:${p.column + 1}: ${level}: ${format(locale, p.message)}`;
}

/**
 * The configuration for a command: its problems go to standard error in the CLI's
 * language; undefined when it has errors (the command then exits 2 rather than run with
 * settings the team did not mean).
 */
export function repoConfigFor(command: string, cwd: string = process.cwd()): LoadedRepoConfig | undefined {
  const loaded = loadRepoConfig(cwd);
  const ui = cliLocale();
  for (const p of loaded.problems) process.stderr.write(`cjm ${command}: ${formatConfigProblem(loaded, p, ui)}\n`);
  return loaded.problems.some((p) => p.severity === 'error') ? undefined : loaded;
}

/** Whether the configuration leaves `path` (absolute, or relative to `from`) alone. */
export function ignoredByConfig(loaded: LoadedRepoConfig, path: string, from: string = process.cwd()): boolean {
  if (!loaded.config.ignore.length) return false;
  const abs = isAbsolute(path) ? path : resolve(from, path);
  return isIgnoredPath(loaded.config, relative(loaded.dir, abs).split(sep).join('/'));
}

function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return (rel && !rel.startsWith('..') ? rel : p).split(sep).join('/');
}
