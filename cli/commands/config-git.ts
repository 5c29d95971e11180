import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Locale, t } from '@cjm/core';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { GitError, git, repoRoot } from '../git';
import { cliLocale } from '../locale';

const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm config-git [--global] [--command <cjm>] [--external] [--no-merge]

Makes git speak maps: writes \`*.cjm diff=cjm\` and \`*.cjm merge=cjm\` to
.gitattributes and sets
  diff.cjm.textconv       "cjm textconv"   (git diff/log -p/show print facts)
  diff.cjm.cachetextconv  true             (git caches the projection)
  merge.cjm.driver        "cjm merge %O %A %B %L %P"
                          (git merge joins edits by stage and step ids)
in this repository's config. Running it again changes nothing.

Options:
  --global           write to your global git config and global attributes
                     file (core.attributesFile, or ~/.config/git/attributes)
  --command <cjm>    how git should run cjm (default: cjm), e.g.
                     "npx cjm" or "node /path/to/dist/cli.js"
  --external         also set diff.cjm.command "cjm diff", so \`git diff\`
                     prints the semantic diff (git log -p keeps textconv
                     unless given --ext-diff)
  --no-merge         leave merging to git's line merge: no merge driver
  -h, --help         show this help

Exit status: 0, or 2 outside a git repository (without --global) or when
git fails.`,
  );

const DIFF_ATTRIBUTE = '*.cjm diff=cjm';
const MERGE_ATTRIBUTE = '*.cjm merge=cjm';

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}

function globalAttributesFile(cwd: string): string {
  let configured = '';
  try {
    configured = git(['config', '--global', '--get', 'core.attributesFile'], cwd).toString('utf8').trim();
  } catch {
    // unset: git exits 1, and the XDG default applies
  }
  if (configured) return expandHome(configured);
  const xdg = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(xdg, 'git', 'attributes');
}

/**
 * Appends `*.cjm <attribute>` unless a line already sets that attribute for *.cjm (git
 * combines the attributes of every matching line). Returns whether it wrote.
 */
function ensureAttribute(file: string, line: string): boolean {
  const attribute = line.split(' ')[1];
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (text.split(/\r?\n/).some((l) => /^\*\.cjm\s/.test(l.trim()) && l.trim().split(/\s+/).includes(attribute))) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text + (text && !text.endsWith('\n') ? '\n' : '') + line + '\n');
  return true;
}

export const configGit: Command = {
  name: 'config-git',
  get summary() {
    return t(cliLocale(), 'set up git so diff, log -p and show print journey changes');
  },
  get usage() {
    return usage(cliLocale());
  },
  async run(args) {
    const ui = cliLocale();
    const { flags, rest } = parseFlags(args, { global: 'boolean', command: 'string', external: 'boolean', 'no-merge': 'boolean', help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(usage(ui) + '\n');
      return EXIT.ok;
    }
    if (rest.length) throw new UsageError(t(ui, 'unexpected argument "{0}"', rest[0]));
    const cjm = typeof flags.command === 'string' ? flags.command.trim() : 'cjm';
    if (!cjm) throw new UsageError(t(ui, '--command needs a value'));
    const cwd = process.cwd();
    const scope = flags.global ? '--global' : '--local';
    try {
      const attributes = flags.global ? globalAttributesFile(cwd) : join(repoRoot(cwd), '.gitattributes');
      const withMerge = !flags['no-merge'];
      const lines: string[] = [];
      for (const attribute of withMerge ? [DIFF_ATTRIBUTE, MERGE_ATTRIBUTE] : [DIFF_ATTRIBUTE]) {
        lines.push(ensureAttribute(attributes, attribute) ? t(ui, 'added "{0}" in {1}', attribute, attributes) : t(ui, 'kept "{0}" in {1}', attribute, attributes));
      }
      const settings: Array<[string, string]> = [
        ['diff.cjm.textconv', `${cjm} textconv`],
        ['diff.cjm.cachetextconv', 'true'],
      ];
      if (flags.external) settings.push(['diff.cjm.command', `${cjm} diff`]);
      if (withMerge) {
        settings.push(['merge.cjm.driver', `${cjm} merge %O %A %B %L %P`]);
      }
      // The git commands below are shown as they were run, in every language.
      for (const [key, value] of settings) {
        git(['config', scope, key, value], cwd);
        lines.push(`git config ${scope} ${key} "${value}"`);
      }
      process.stdout.write(lines.join('\n') + '\n');
      return EXIT.ok;
    } catch (e) {
      if (e instanceof GitError) {
        process.stderr.write(`cjm config-git: ${flags.global ? e.message : t(ui, 'needs a git repository (or --global): {0}', e.message)}\n`);
        return EXIT.usage;
      }
      throw e;
    }
  },
};
