import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Analysis, FailRule, Locale, PR_COMMENT_MARKER, diffReport, failingChanges, formatGithub, formatPrComment, mapLanguage, parseFailOn, t, tn } from '@cjm/core';
import { renderSvg } from '@cjm/render';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { repoConfigFor } from '../config';
import { GitError } from '../git';
import { GitHubError, pullRequestEvent, upsertComment } from '../github';
import { cliLocale, explicitLocale } from '../locale';
import { diffSides, readGitSides, sidesLocale } from './diff';

const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm review --base <ref> [--head <ref>] [options] [paths…]

The pull-request job in one command (what the GitHub Action runs): compares the
maps that changed between two git revisions and
  - prints a workflow annotation per change on its line (GitHub's ::error /
    ::warning / ::notice), as \`cjm diff --format github\` does;
  - appends the review (\`cjm diff --format pr-comment\`) to the job summary
    ($GITHUB_STEP_SUMMARY, or --summary <file>);
  - with --comment, creates the pull request's review comment or updates the one
    it made before (found by the hidden marker {0});
  - with --artifacts <dir>, writes each changed map drawn as SVG, before and after
    (<dir>/before/<path>.svg, <dir>/after/<path>.svg);
  - writes the step outputs changed=<maps>, has-errors=true|false and
    comment-url to $GITHUB_OUTPUT (or --github-output <file>).
To only print the comment body, use \`cjm diff --format pr-comment\`.

Options:
  --base <ref>            the old side (required)
  --head <ref>            the new side (default: the working tree)
  --fail-on <list>        exit 1 when a change matches (see cjm diff --help)
  --comment               post or update the pull-request comment; needs
                          GITHUB_TOKEN, GITHUB_REPOSITORY and the pull request
                          (from GITHUB_EVENT_PATH, or --pr <number>)
  --pr <number>           the pull request to comment on
  --repo <owner/name>     default: $GITHUB_REPOSITORY
  --artifacts <dir>       write before/after SVGs of the changed maps
  --summary <file>        default: $GITHUB_STEP_SUMMARY (nothing when unset)
  --github-output <file>  default: $GITHUB_OUTPUT (nothing when unset)
  --locale en|ru|pl       language of the review (default: the language the
                          changed maps declare with \`language:\`)
  -h, --help              show this help

The API base is $GITHUB_API_URL (default https://api.github.com). A token that
may not write (a pull request from a fork) is reported as a warning; the job
summary still carries the review.

Exit status: 0; 1 when --fail-on matched; 2 for usage errors, git failures and
GitHub API failures other than a missing permission.`,
    PR_COMMENT_MARKER,
  );

/** `maps/a.cjm` → `<dir>/before/maps/a.cjm.svg`; paths come from git, relative, `/`-separated. */
function writeSvg(dir: string, side: 'before' | 'after', path: string, a: Analysis): string {
  const safe = path.split('/').filter((p) => p && p !== '.' && p !== '..').join('/');
  const out = join(dir, side, `${safe}.svg`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderSvg(a.map, { locale: mapLanguage(a.map, a.text) }));
  return out;
}

function output(file: string | undefined, values: Record<string, string>): void {
  if (!file) return;
  // Values are single-line by construction (numbers, booleans, URLs).
  appendFileSync(file, Object.entries(values).map(([k, v]) => `${k}=${v.replace(/[\r\n]/g, ' ')}\n`).join(''));
}

export const review: Command = {
  name: 'review',
  get summary() {
    return t(cliLocale(), 'CI review of map changes: annotations, job summary, PR comment, SVG artifacts');
  },
  get usage() {
    return usage(cliLocale());
  },
  async run(args) {
    const ui = cliLocale();
    const { flags, rest } = parseFlags(args, {
      base: 'string', head: 'string', 'fail-on': 'string', comment: 'boolean', pr: 'string', repo: 'string', artifacts: 'string', summary: 'string', 'github-output': 'string', help: 'boolean', h: 'boolean',
    });
    if (flags.help || flags.h) {
      process.stdout.write(usage(ui) + '\n');
      return EXIT.ok;
    }
    const env = process.env;
    if (typeof flags.base !== 'string' || !flags.base) throw new UsageError(t(ui, '--base <ref> is required'));
    let rules: FailRule[] = [];
    if (typeof flags['fail-on'] === 'string' && flags['fail-on'].trim()) {
      try {
        rules = parseFailOn(flags['fail-on'], ui);
      } catch (e) {
        throw new UsageError(`--fail-on: ${(e as Error).message}`);
      }
    }
    const event = pullRequestEvent(env.GITHUB_EVENT_PATH);
    const prFlag = flags.pr as string | undefined;
    if (prFlag !== undefined && !/^[1-9]\d*$/.test(prFlag)) throw new UsageError(t(ui, '--pr must be a pull request number, not "{0}"', prFlag));
    const pr = prFlag ? Number(prFlag) : event?.number;
    const repo = (flags.repo as string | undefined) ?? env.GITHUB_REPOSITORY;
    if (repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError(t(ui, '--repo must be owner/name, not "{0}"', repo));

    const base = flags.base;
    const head = flags.head as string | undefined;
    let sides;
    // The review is read by the map's authors: it speaks their maps' language unless told otherwise.
    let locale: Locale = ui;
    try {
      // The repository's .cjm.yml: ignored paths and change kinds, severities per kind.
      const repo = repoConfigFor('review');
      if (!repo) return EXIT.usage;
      const raw = readGitSides(base, head, rest, repo);
      locale = explicitLocale() ?? sidesLocale(raw);
      sides = diffSides(raw, locale, repo.config.diff);
    } catch (e) {
      if (e instanceof GitError) {
        process.stderr.write(`cjm review: git: ${e.message}\n`);
        return EXIT.usage;
      }
      throw e;
    }
    const report = diffReport(
      sides.map((s) => s.file),
      { base, ...(head ? { head } : {}) },
    );

    process.stdout.write(formatGithub(report, locale));

    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const sha = event?.headSha ?? env.GITHUB_SHA;
    const blobUrl = repo && sha && /^[0-9a-f]{7,64}$/i.test(sha) ? `${server.replace(/\/+$/, '')}/${repo}/blob/${sha}` : undefined;
    const body = formatPrComment(report, {
      ...(blobUrl ? { blobUrl } : {}),
      fullCommand: `cjm diff --base ${base}${head ? ` --head ${head}` : ''}`,
      locale,
    });

    const summaryFile = (flags.summary as string | undefined) ?? env.GITHUB_STEP_SUMMARY;
    if (summaryFile) appendFileSync(summaryFile, body + '\n');

    if (typeof flags.artifacts === 'string') {
      for (const s of sides) {
        if (s.before) writeSvg(flags.artifacts, 'before', s.file.oldPath ?? s.file.path, s.before);
        if (s.after) writeSvg(flags.artifacts, 'after', s.file.path, s.after);
      }
    }

    let commentUrl = '';
    let apiFailed = false;
    if (flags.comment) {
      const token = env.GITHUB_TOKEN ?? '';
      const why = !token ? t(locale, 'no GITHUB_TOKEN') : !repo ? t(locale, 'no repository (GITHUB_REPOSITORY or --repo)') : pr === undefined ? t(locale, 'this run is not for a pull request') : undefined;
      if (why) process.stdout.write(`::notice title=cjm review::${t(locale, 'No pull-request comment: {0}. The job summary has the review.', why)}\n`);
      else {
        try {
          const r = await upsertComment({ apiUrl: env.GITHUB_API_URL || 'https://api.github.com', token, repo: repo!, pr: pr! }, PR_COMMENT_MARKER, body);
          commentUrl = r.url ?? '';
          process.stderr.write(`cjm review: ${r.action === 'created' ? t(ui, 'created comment {0} on #{1}', r.id, pr!) : t(ui, 'updated comment {0} on #{1}', r.id, pr!)}\n`);
        } catch (e) {
          if (e instanceof GitHubError && (e.status === 403 || e.status === 404)) {
            const why = e.message.replace(/[\r\n]/g, ' ');
            const text = event?.fromFork
              ? t(locale, 'Cannot comment on the pull request (pull requests from forks get a read-only token): {0}. The job summary has the review.', why)
              : t(locale, 'Cannot comment on the pull request: {0}. The job summary has the review.', why);
            process.stdout.write(`::warning title=cjm review::${text}\n`);
          } else if (e instanceof GitHubError) {
            process.stdout.write(`::error title=cjm review::GitHub API: ${e.message.replace(/[\r\n]/g, ' ')}\n`);
            apiFailed = true;
          } else throw e;
        }
      }
    }

    output((flags['github-output'] as string | undefined) ?? env.GITHUB_OUTPUT, {
      changed: String(report.files.length),
      'has-errors': String(report.summary.errorsIntroduced > 0),
      'comment-url': commentUrl,
    });
    if (apiFailed) return EXIT.usage;
    const failing = failingChanges(report, rules);
    if (failing.length) process.stderr.write(`cjm review: ${tn(ui, failing.length, '{0} change matched --fail-on {1}', '{0} changes matched --fail-on {1}', String(flags['fail-on']))}\n`);
    return failing.length ? EXIT.findings : EXIT.ok;
  },
};
