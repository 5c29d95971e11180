import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Locale, MergeOutcome, analyze, commentLocale, mergeMapTexts, t, tn } from '@cjm/core';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { cliLocale, readerLocale } from '../locale';

const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm merge <ancestor> <ours> <theirs> [<marker-size> [<path>]]

A git merge driver for maps (\`cjm config-git\` registers it as
  merge.cjm.driver "cjm merge %O %A %B %L %P"):
merges two edits of a map by stage and step ids, keeps each side's comments
and layout where it changed things, and writes the result over <ours>.
Where both sides changed the same field or step differently, conflict markers
surround just that part. A version that is not a readable map is merged line
by line, as git would.

Exit status: 0 when merged cleanly, 1 with conflicts, 2 for usage errors.`,
  );

/** Decoded text, or nothing when the bytes are not UTF-8 text that survives a round trip. */
function readText(path: string): string | undefined {
  const bytes = readFileSync(path);
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function refusal(locale: Locale, path: string, o: Extract<MergeOutcome, { kind: 'unstructured' }>): string {
  const at = o.line === undefined ? path : `${path}:${o.line + 1}:${(o.column ?? 0) + 1}`;
  switch (o.reason) {
    case 'yaml':
      return o.side === 'base'
        ? t(locale, '{0}: the common ancestor is not valid YAML here; merged line by line', at)
        : o.side === 'ours'
          ? t(locale, '{0}: our version is not valid YAML here; merged line by line', at)
          : t(locale, '{0}: their version is not valid YAML here; merged line by line', at);
    case 'too-deep':
      return t(locale, '{0}: one version is nested too deeply to read safely; merged line by line', at);
    case 'not-a-map':
      return t(locale, '{0}: one version is not a map (its top level is not a list of keys); merged line by line', at);
    case 'line-endings':
      return t(locale, '{0}: the versions use different line endings; merged line by line', at);
    case 'result':
      return t(locale, '{0}: the merged map would not be valid YAML; merged line by line', at);
  }
}

/** git's own line merge, written over `ours`; resolves to git's exit status convention. */
function lineMerge(ancestor: string, ours: string, theirs: string, markerSize: number): number {
  const r = spawnSync('git', ['merge-file', `--marker-size=${markerSize}`, '-L', 'ours', '-L', 'base', '-L', 'theirs', ours, ancestor, theirs], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.error || r.status === null || r.status < 0) return EXIT.usage;
  return r.status === 0 ? EXIT.ok : EXIT.findings;
}

export const merge: Command = {
  name: 'merge',
  get summary() {
    return t(cliLocale(), 'merge two edits of a map by stage and step (a git merge driver)');
  },
  get usage() {
    return usage(cliLocale());
  },
  async run(args) {
    const ui = cliLocale();
    const { flags, rest } = parseFlags(args, { help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(usage(ui) + '\n');
      return EXIT.ok;
    }
    if (rest.length < 3 || rest.length > 5) throw new UsageError(t(ui, 'needs the ancestor, ours and theirs files'));
    const [ancestor, ours, theirs, sizeArg, pathArg] = rest;
    const markerSize = sizeArg === undefined ? 7 : Number(sizeArg);
    if (!Number.isInteger(markerSize) || markerSize < 1 || markerSize > 100) throw new UsageError(t(ui, 'the marker size must be a whole number from 1 to 100, not "{0}"', sizeArg ?? ''));
    const path = pathArg || ours;
    let texts: Array<string | undefined>;
    try {
      texts = [ancestor, ours, theirs].map(readText);
    } catch (e) {
      process.stderr.write(`cjm merge: ${t(ui, 'cannot read {0} ({1})', path, String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}\n`);
      return EXIT.usage;
    }
    const [b, o, th] = texts;
    if (b === undefined || o === undefined || th === undefined) {
      process.stderr.write(`cjm merge: ${t(ui, '{0}: not UTF-8 text; merged line by line', path)}\n`);
      return lineMerge(ancestor, ours, theirs, markerSize);
    }
    const outcome = mergeMapTexts(b, o, th, { markerSize, oursLabel: 'ours', theirsLabel: 'theirs' });
    const locale = readerLocale(() => commentLocale([analyze(o)]));
    if (outcome.kind === 'unstructured') {
      process.stderr.write(`cjm merge: ${refusal(locale, path, outcome)}\n`);
      return lineMerge(ancestor, ours, theirs, markerSize);
    }
    writeFileSync(ours, outcome.text);
    if (!outcome.conflicts) return EXIT.ok;
    process.stderr.write(`cjm merge: ${tn(locale, outcome.conflicts, '{1}: {0} conflict left for you to resolve', '{1}: {0} conflicts left for you to resolve', path)}\n`);
    return EXIT.findings;
  },
};
