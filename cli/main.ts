/**
 * The `cjm` command line: a thin adapter over the core, one module per subcommand.
 */
import { t } from '@cjm/core';
import { Command, EXIT, UsageError } from './command';
import { check } from './commands/check';
import { configGit } from './commands/config-git';
import { diff } from './commands/diff';
import { fmt } from './commands/fmt';
import { merge } from './commands/merge';
import { exportCommand, importCommand } from './commands/mermaid-io';
import { render } from './commands/render';
import { review } from './commands/review';
import { site } from './commands/site';
import { textconv } from './commands/textconv';
import { cliLocale, takeLocale } from './locale';

const COMMANDS: Command[] = [check, fmt, render, diff, review, textconv, merge, configGit, importCommand, exportCommand, site];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const locale = cliLocale();
  return [
    t(locale, 'cjm — customer journey maps as code'),
    '',
    t(locale, 'Usage: cjm <command> [options]'),
    '',
    t(locale, 'Commands:'),
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    t(locale, 'Run `cjm <command> --help` for a command\'s options.'),
    t(locale, 'Every command takes --locale en|ru|pl (default: LC_ALL, LC_MESSAGES or LANG).'),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  try {
    argv = takeLocale(argv, process.env);
  } catch (e) {
    // Only a missing or unknown --locale gets here.
    process.stderr.write(`cjm: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help() + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`cjm: ${t(cliLocale(), 'unknown command "{0}"', name)}\n\n${help()}\n`);
    return EXIT.usage;
  }
  try {
    return await cmd.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`cjm ${name}: ${e.message}\n\n${cmd.usage}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

declare const VERSION: string;

// `cjm diff | head` closes the pipe early: that is the reader saying "enough", not an error.
// Exit quietly, as Unix tools do, instead of printing a stack trace for EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw e;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`cjm: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = EXIT.usage;
  },
);
