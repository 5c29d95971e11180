import { t } from '@cjm/core';
import { cliLocale } from './locale';

/** What every `cjm` subcommand provides; main.ts dispatches to them. */
export interface Command {
  readonly name: string;
  /** one line for `cjm --help`, in the CLI's locale */
  readonly summary: string;
  /** the full text for `cjm <name> --help`, in the CLI's locale */
  readonly usage: string;
  /** resolves to the process exit code */
  run(args: string[]): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** A small, strict flag parser: unknown flags are usage errors, not silently ignored. */
export function parseFlags(
  args: string[],
  spec: Record<string, 'boolean' | 'string'>,
): { flags: Record<string, string | boolean>; rest: string[] } {
  const flags: Record<string, string | boolean> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      const [name, inline] = a.replace(/^--?/, '').split(/=(.*)/s, 2);
      const kind = spec[name];
      if (!kind) throw new UsageError(t(cliLocale(), 'unknown option {0}', a));
      if (kind === 'boolean') flags[name] = true;
      else {
        const v = inline ?? args[++i];
        if (v === undefined) throw new UsageError(t(cliLocale(), '{0} needs a value', a));
        flags[name] = v;
      }
    } else rest.push(a);
  }
  return { flags, rest };
}
