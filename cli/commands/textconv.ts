import { readFileSync } from 'node:fs';
import { Analysis, Locale, analyze, t, textconv as project } from '@cjm/core';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { readMapFile } from '../files';
import { cliLocale } from '../locale';

// The help is translated; the lines textconv prints are for git and stay as they are.
const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm textconv <file.cjm>

Prints the map as one fact a line ("Purchase › Pays: emotion 😟 anxious −2"),
in a stable order that ignores formatting, for git's diff driver: after
\`cjm config-git\`, \`git diff\`, \`git log -p\` and \`git show\` print journey
changes instead of YAML hunks. Errors and warnings come last.

A file that is not UTF-8 text is printed as it is, so git can still show it.

Options:
  -h, --help   show this help

Exit status: 0, or 2 when the file cannot be read.`,
  );

export const textconv: Command = {
  name: 'textconv',
  get summary() {
    return t(cliLocale(), 'print a map one fact a line, for git diff (see config-git)');
  },
  get usage() {
    return usage(cliLocale());
  },
  async run(args) {
    const { flags, rest } = parseFlags(args, { help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(usage(cliLocale()) + '\n');
      return EXIT.ok;
    }
    if (rest.length !== 1) throw new UsageError(t(cliLocale(), 'give one map file'));
    const r = readMapFile(rest[0]);
    if (r.ok) {
      process.stdout.write(project(withoutLibraryDiagnostics(analyze(r.text))));
      return EXIT.ok;
    }
    // git runs the driver on every revision of the file; one bad revision must not stop `git log -p`.
    let raw: Uint8Array;
    try {
      raw = new Uint8Array(readFileSync(rest[0]));
    } catch {
      process.stderr.write(`cjm textconv: ${rest[0]}: ${r.message}\n`);
      return EXIT.usage;
    }
    process.stdout.write(raw);
    return EXIT.ok;
  },
};

/**
 * Git hands textconv a blob's copy in a temporary folder, with no revision and no path, and
 * caches the lines per blob (`diff.cjm.cachetextconv`): they may depend on the file's text
 * alone. A map's `use:` libraries cannot be read from there, so "undeclared" is left out for
 * a map that uses libraries (its own side would report every library persona, the working
 * tree's not: errors in neither map). `cjm check` and `cjm diff` read the libraries.
 */
export function withoutLibraryDiagnostics(a: Analysis): Analysis {
  if (!a.map.use?.length) return a;
  return { ...a, diagnostics: a.diagnostics.filter((d) => d.code !== 'undeclared-reference') };
}
