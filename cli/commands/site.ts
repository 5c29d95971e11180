import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { Locale, t, tn } from '@cjm/core';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { expandArgs, readMapFile } from '../files';
import { cliLocale, readerLocale } from '../locale';
import { svgToPng } from '../png';
import { buildSite, findSiteScripts } from '../site/build';

const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm site [paths…] [-o <folder>] [--history <n>] [--png] [--locale en|ru|pl]
                [--cache <folder>]

Builds a static website of journey maps: an index with filters and search, and
one page per map, drawn as in the preview, with downloads. Inside a git
repository every map page also shows its history: the emotion curve of each
version, what changed in each commit, and the map as of any version.
The site needs no server and no network: open index.html, or publish the
folder (GitHub Pages: docs/site.md).

With no paths, every .cjm file below the current directory is published.

Options:
  -o, --output <folder>   where to write the site (default: site)
  --history <n>           versions per map to show (default: 20; 0: none)
  --png                   also offer each map as PNG (slower: drawn without
                          a browser, needs the fonts of cjm render --format png)
  --locale en|ru|pl       language of the index page (default: LC_ALL,
                          LC_MESSAGES or LANG, else the maps' language); each
                          map's page speaks its map's language
  --cache <folder>        keep what each version's history costs to compute
                          there: the next build computes only new versions
  -h, --help              show this help

Exit status: 0 when built, 1 when built but a map has errors, 2 for usage
errors and unreadable files.`,
  );

export const site: Command = {
  name: 'site',
  get summary() {
    return t(cliLocale(), 'build a static website of every map, with search and history from git');
  },
  get usage() {
    return usage(cliLocale());
  },
  async run(args) {
    const ui = cliLocale();
    const { flags, rest } = parseFlags(args, { o: 'string', output: 'string', history: 'string', png: 'boolean', cache: 'string', help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(usage(ui) + '\n');
      return EXIT.ok;
    }
    const historyFlag = (flags.history as string | undefined) ?? '20';
    if (!/^\d+$/.test(historyFlag)) throw new UsageError(t(ui, '--history must be a whole number of versions, not "{0}"', historyFlag));
    const out = ((flags.output ?? flags.o) as string | undefined) ?? 'site';
    const scripts = findSiteScripts(__dirname);
    if (!scripts) {
      process.stderr.write(`cjm site: ${t(ui, 'the site scripts were not found next to cjm; reinstall cjm')}\n`);
      return EXIT.usage;
    }
    const expanded = expandArgs(rest);
    const problems = expanded.problems;
    // A site built before (here or elsewhere below) holds each map's source as a download:
    // those copies are not maps of the repository.
    const files = expanded.files.filter((f) => !insideBuiltSite(resolve(f), resolve(out)));
    for (const p of problems) process.stderr.write(`cjm site: ${p.arg}: ${p.message}\n`);
    const maps: Array<{ file: string; text: string }> = [];
    let unreadable = 0;
    for (const file of files) {
      const read = readMapFile(file);
      if (read.ok) maps.push({ file, text: read.text });
      else {
        unreadable++;
        process.stderr.write(`cjm site: ${file}: ${read.message}\n`);
      }
    }
    if (!maps.length && !unreadable && !problems.length) process.stderr.write(`cjm site: ${t(ui, 'no .cjm files found')}\n`);
    // A mistyped path, or maps that cannot be read: an empty site would replace the one built there before.
    if (!maps.length && (unreadable || problems.length)) {
      process.stderr.write(`cjm site: ${t(ui, 'no map could be read: nothing written to {0}', out)}\n`);
      return EXIT.usage;
    }
    const result = buildSite({
      files: maps,
      cwd: process.cwd(),
      out,
      locale: (languages) => readerLocale(() => mostCommon(languages) ?? 'en'),
      history: Number(historyFlag),
      ...(flags.png ? { png: (svg: string) => svgToPng(svg) } : {}),
      ...(typeof flags.cache === 'string' ? { cache: { dir: flags.cache, version: cjmBuild() } } : {}),
      scripts,
    });
    if (result.cacheProblem) process.stderr.write(`cjm site: ${t(ui, 'cannot write the cache to {0} ({1}); the next build will compute every version again', flags.cache as string, result.cacheProblem)}\n`);
    const done = [tn(ui, result.maps, '{0} map', '{0} maps')];
    if (result.history) done.push(tn(ui, result.versions, '{0} version from git', '{0} versions from git'));
    if (result.errors) done.push(tn(ui, result.errors, '{0} error', '{0} errors'));
    process.stdout.write(`${t(ui, 'Site written to {0}: {1}', result.index, done.join(', '))}\n`);
    return unreadable || problems.length ? EXIT.usage : result.errors ? EXIT.findings : EXIT.ok;
  },
};

/**
 * Which build of cjm this is, for the cache: its own code, hashed (a cache written by another
 * version, or by this one rebuilt, may hold what that code computed differently).
 */
function cjmBuild(): string {
  return createHash('sha256').update(readFileSync(__filename, 'latin1'), 'latin1').digest('hex').slice(0, 20);
}

function insideBuiltSite(file: string, out: string): boolean {
  if (file.startsWith(out + sep)) return true;
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'assets', 'site.js')) && existsSync(join(dir, 'index.html'))) return true;
  }
  return false;
}

function mostCommon(xs: readonly Locale[]): Locale | undefined {
  const counts = new Map<Locale, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: Locale | undefined;
  for (const [l, n] of counts) if (!best || n > counts.get(best)!) best = l;
  return best;
}
