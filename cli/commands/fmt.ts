import { chmodSync, closeSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FormatResult, Locale, format, formatText, plural, refusalReason, t } from '@cjm/core';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { expandArgs, readMapFile } from '../files';
import { cliLocale } from '../locale';

const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm fmt [--check | --write] [files, directories or globs…]

Lays out journey maps in the canonical form (key order, indentation), keeping every
comment and never changing what a map says: the same formatter as the editor's.
With no arguments, works on every .cjm file below the current directory.

  cjm fmt map.cjm        prints the formatted map
  cjm fmt maps/          lists the files that are not formatted
  cjm fmt --check …      lists the files that are not formatted; exits 1 if any
  cjm fmt --write …      formats the files in place (only those that change)

A file the formatter refuses (YAML errors, or a layout it cannot prove keeps the
map's meaning and comments) is left untouched and reported with the reason.

Options:
  --check        exit 1 when a file would change
  --write        rewrite files in place
  --locale <l>   language of the messages: en, ru or pl (default: LC_ALL,
                 LC_MESSAGES or LANG)
  -h, --help     show this help

Exit status: 0 when every file is formatted (or was rewritten), 1 with --check when
a file would change, 2 for usage errors and for files that cannot be read or formatted.`,
  );

const BOM = [0xef, 0xbb, 0xbf];

function startsWithBom(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(3);
    const n = readSync(fd, head, 0, 3, 0);
    return n === 3 && BOM.every((b, i) => head[i] === b);
  } finally {
    closeSync(fd);
  }
}

/** Writes next to the file and renames over it, so a crash never leaves half a map. */
function writeAtomically(path: string, text: string): void {
  const real = realpathSync(path);
  const mode = statSync(real).mode;
  const tmp = join(dirname(real), `.${basename(real)}.${process.pid}.cjm-fmt.tmp`);
  try {
    writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
    chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, real);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw e;
  }
}

export const fmt: Command = {
  name: 'fmt',
  get summary() {
    return t(cliLocale(), 'lay out maps in the canonical form (--check for CI, --write to fix)');
  },
  get usage() {
    return usage(cliLocale());
  },
  async run(args) {
    const locale = cliLocale();
    const { flags, rest } = parseFlags(args, { check: 'boolean', write: 'boolean', help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(usage(locale) + '\n');
      return EXIT.ok;
    }
    if (flags.check && flags.write) throw new UsageError(t(locale, 'use either --check or --write, not both'));
    const { files, problems } = expandArgs(rest);
    const failed = (file: string, why: string) => `${file}: ${t(locale, 'error')}: ${why}`;
    const errors: string[] = problems.map((p) => failed(p.arg, p.message));
    if (!files.length && !problems.length) {
      process.stderr.write(`cjm fmt: ${t(locale, 'no .cjm files found')}\n`);
      return EXIT.usage;
    }
    // One named file and no flag: print it, like `cjm fmt map.cjm > out.cjm`.
    const printOne = !flags.check && !flags.write && rest.length === 1 && files.length === 1 && files[0] === rest[0];
    const changed: string[] = [];
    let unchanged = 0;
    for (const file of files) {
      const read = readMapFile(file);
      if (!read.ok) {
        errors.push(failed(file, read.message));
        continue;
      }
      const bom = startsWithBom(file) ? '\ufeff' : '';
      const result: FormatResult = formatText(bom + read.text);
      if (!result.ok) {
        errors.push(failed(file, t(locale, 'not formatted: {0}', refusalReason(result, locale))));
        continue;
      }
      if (printOne) {
        process.stdout.write(result.text.slice(bom.length));
        continue;
      }
      if (!result.changed) {
        unchanged++;
        continue;
      }
      changed.push(file);
      if (flags.write) {
        try {
          writeAtomically(file, result.text);
        } catch (e) {
          changed.pop();
          errors.push(failed(file, t(locale, 'cannot be written ({0})', String((e as NodeJS.ErrnoException).code ?? (e as Error).message))));
        }
      }
    }
    if (!printOne) {
      if (changed.length) process.stdout.write(changed.join('\n') + '\n');
      const parts = [
        flags.write ? plural(changed.length, '{0} file formatted', '{0} files formatted') : plural(changed.length, '{0} file would be reformatted', '{0} files would be reformatted'),
        plural(unchanged, '{0} file already formatted', '{0} files already formatted'),
      ];
      if (errors.length) parts.push(plural(errors.length, '{0} file with errors', '{0} files with errors'));
      process.stderr.write(`${parts.map((p) => format(locale, p)).join(', ')}\n`);
    }
    if (errors.length) process.stderr.write(errors.join('\n') + '\n');
    if (errors.length) return EXIT.usage;
    return flags.check && changed.length ? EXIT.findings : EXIT.ok;
  },
};
