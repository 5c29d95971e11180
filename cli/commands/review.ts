import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Analysis, COMMENT_ID_PATTERN, DiffReport, FailRule, Locale, PR_COMMENT_MARKER, PrCommentOptions, changeLabels, diffReport, failingChanges, formatPrComment, mapLanguage, parseFailOn, prCommentMarker, prLabels, reviewAnnotations, t, tn } from '@cjm/core';
import { renderSvg } from '@cjm/render';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { repoConfigFor } from '../config';
import { GitError, git, repoRoot } from '../git';
import { GitHubError, PullRequestEvent, addLabels, pullRequestEvent, upsertComment } from '../github';
import { cliLocale, explicitLocale } from '../locale';
import { diffSides, readGitSides, sidesLocale } from './diff';

const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm review --base <ref> [--head <ref>] [options] [paths…]

The pull-request job in one command (what the GitHub Action runs): compares the
maps that changed on the head side since it left the base (from the merge base
of the two, as GitHub's "Files changed" does) and
  - prints a workflow annotation per change on its line in the head commit
    (GitHub's ::error / ::warning / ::notice): errors, then warnings, then
    notices, at most 10 of each (what GitHub shows per step), then one notice
    counting the rest;
  - appends the whole review (\`cjm diff --format pr-comment\`, never shortened)
    to the job summary ($GITHUB_STEP_SUMMARY, or --summary <file>);
  - with --comment, creates the pull request's review comment or updates the one
    it made before: the comment that starts with the hidden marker {0} and was
    written by the token's own account (a person's comment is never edited);
    when no map changed, an earlier comment says so and none is created;
  - with --labels, adds a label per kind of warning- or error-level change
    (cjm: emotion-dropped…);
  - with --artifacts <dir>, writes each changed map drawn as SVG, before and after
    (<dir>/before/<path>.svg, <dir>/after/<path>.svg);
  - writes the step outputs changed=<maps>, has-errors=true|false and
    comment-url to $GITHUB_OUTPUT (or --github-output <file>).
When --head is GitHub's merge commit of the pull request in the event
(refs/pull/N/merge), the pull request's own head commit is reviewed instead, so
lines and links name the commit the pull request shows.
To only print the comment body, use \`cjm diff --format pr-comment\`.

Options:
  --base <ref>            the old side (required)
  --head <ref>            the new side (default: the working tree)
  --fail-on <list>        exit 1 when a change matches (see cjm diff --help)
  --comment               post or update the pull-request comment; needs
                          GITHUB_TOKEN, GITHUB_REPOSITORY and the pull request
                          (from GITHUB_EVENT_PATH, or --pr <number>)
  --comment-id <id>       keeps this job's comment apart from another job's
                          (letters, digits, . _ -; it goes into the marker)
  --labels                add labels by change kind to the pull request
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

/** The commit a ref names, or undefined when it names none here. */
function commitOf(root: string, ref: string): string | undefined {
  try {
    return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root).toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which two revisions a review compares, and which commit its lines are on.
 *
 * Lines (annotations, links) must be computed on the commit they name. GitHub attaches a
 * pull request's annotations to its head commit and shows its lines in "Files changed" as
 * they are there; the checkout of a pull_request run is a merge commit with the base,
 * whose lines differ once the base has moved. So: when --head is that merge commit (its
 * parents hold the event's head SHA), the head commit is reviewed instead, and the old side
 * is the merge base of base and head, so a change made on the base branch meanwhile is not
 * read as the pull request undoing it.
 */
export interface ReviewRevisions {
  /** the old side given to git: the merge base, else --base as given */
  readonly base: string;
  /** the new side given to git: the pull request's head commit, --head, or none (the working tree) */
  readonly head?: string;
  /** the commit the new side's lines are on (links name it), when it is a commit */
  readonly headCommit?: string;
}

export function reviewRevisions(base: string, head: string | undefined, event: PullRequestEvent | undefined): ReviewRevisions {
  const root = repoRoot(process.cwd());
  let headRef = head;
  let headCommit = head ? commitOf(root, head) : undefined;
  if (headCommit && event?.headSha && headCommit !== event.headSha) {
    const parents = git(['rev-list', '--parents', '-n', '1', headCommit], root).toString('utf8').trim().split(' ').slice(1);
    if (parents.length > 1 && parents.includes(event.headSha)) {
      headRef = event.headSha;
      headCommit = event.headSha;
    }
  }
  let from = base;
  try {
    from = git(['merge-base', base, headCommit ?? 'HEAD'], root).toString('utf8').trim() || base;
  } catch {
    // No common history (or a shallow clone without it): compare with the base as given.
  }
  if (!headCommit && !head) {
    // The working tree: its lines are HEAD's only when the maps there are as committed.
    try {
      git(['diff', '--quiet', 'HEAD', '--', '*.cjm'], root);
      headCommit = commitOf(root, 'HEAD');
    } catch {
      headCommit = undefined;
    }
  }
  return { base: from, ...(headRef ? { head: headRef } : {}), ...(headCommit ? { headCommit } : {}) };
}

/** How the heading names the two sides: the event's branch names when they are what is compared. */
function sideNames(base: string, head: string | undefined, revs: ReviewRevisions, event: PullRequestEvent | undefined): { base: string; head?: string } {
  const root = repoRoot(process.cwd());
  const baseName = event?.baseRef && event.baseSha && commitOf(root, base) === event.baseSha ? event.baseRef : base;
  const short = revs.headCommit?.slice(0, 7);
  const headName = event?.headRef && revs.headCommit && revs.headCommit === event.headSha ? `${event.headRef} (${short})` : head;
  return { base: baseName, ...(headName ? { head: headName } : {}) };
}

/** GitHub refuses a step summary over 1 MiB. */
const SUMMARY_MAX_BYTES = 1024 * 1024;

/** The whole review for the job summary; shortened only past what the summary can take. */
function summaryBody(report: DiffReport, options: PrCommentOptions): string {
  let chars = SUMMARY_MAX_BYTES;
  for (;;) {
    const body = formatPrComment(report, { ...options, maxChars: chars });
    if (Buffer.byteLength(body, 'utf8') < SUMMARY_MAX_BYTES - 1024 || chars < 4096) return body;
    chars = Math.floor(chars * 0.7);
  }
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
      base: 'string', head: 'string', 'fail-on': 'string', comment: 'boolean', 'comment-id': 'string', labels: 'boolean', pr: 'string', repo: 'string', artifacts: 'string', summary: 'string', 'github-output': 'string', help: 'boolean', h: 'boolean',
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
    const commentId = typeof flags['comment-id'] === 'string' ? flags['comment-id'].trim() : '';
    if (commentId && !COMMENT_ID_PATTERN.test(commentId)) throw new UsageError(t(ui, '--comment-id must be letters, digits, ".", "_" or "-" (at most 64), not "{0}"', commentId));
    const marker = prCommentMarker(commentId);
    const event = pullRequestEvent(env.GITHUB_EVENT_PATH);
    const prFlag = flags.pr as string | undefined;
    if (prFlag !== undefined && !/^[1-9]\d*$/.test(prFlag)) throw new UsageError(t(ui, '--pr must be a pull request number, not "{0}"', prFlag));
    const pr = prFlag ? Number(prFlag) : event?.number;
    const repo = (flags.repo as string | undefined) ?? env.GITHUB_REPOSITORY;
    if (repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError(t(ui, '--repo must be owner/name, not "{0}"', repo));

    const base = flags.base;
    const head = flags.head as string | undefined;
    let sides;
    let revs: ReviewRevisions;
    let names: { base: string; head?: string };
    let repoConfig: ReturnType<typeof repoConfigFor>;
    // The review is read by the map's authors: it speaks their maps' language unless told otherwise.
    let locale: Locale = ui;
    try {
      revs = reviewRevisions(base, head, event);
      names = sideNames(base, head, revs, event);
      // The repository's .cjm.yml: ignored paths and change kinds, severities per kind.
      repoConfig = repoConfigFor('review');
      if (!repoConfig) return EXIT.usage;
      const raw = readGitSides(revs.base, revs.head, rest, repoConfig);
      locale = explicitLocale() ?? sidesLocale(raw);
      sides = diffSides(raw, locale, repoConfig.config.diff);
    } catch (e) {
      if (e instanceof GitError) {
        process.stderr.write(`cjm review: git: ${e.message}\n`);
        return EXIT.usage;
      }
      throw e;
    }
    if (revs.head && revs.head !== head) process.stderr.write(`cjm review: ${t(ui, 'reviewing the pull request\'s head commit {0}, not the merge commit {1}', revs.head, String(head))}\n`);
    const report = diffReport(
      sides.map((s) => s.file),
      names,
    );

    const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    const sha = revs.headCommit;
    const blobUrl = repo && sha && /^[0-9a-f]{7,64}$/i.test(sha) ? `${server}/${repo}/blob/${sha}` : undefined;
    const runId = env.GITHUB_RUN_ID;
    const summaryUrl = repo && runId && /^\d+$/.test(runId) ? `${server}/${repo}/actions/runs/${runId}` : undefined;
    const bodyOptions: PrCommentOptions = {
      marker,
      ...(blobUrl ? { blobUrl } : {}),
      ...(summaryUrl ? { summaryUrl } : {}),
      fullCommand: `cjm diff --base ${revs.base}${revs.head ? ` --head ${revs.head}` : ''}`,
      locale,
    };
    const body = formatPrComment(report, bodyOptions);

    const summaryFile = (flags.summary as string | undefined) ?? env.GITHUB_STEP_SUMMARY;
    if (summaryFile) appendFileSync(summaryFile, summaryBody(report, bodyOptions) + '\n');

    if (typeof flags.artifacts === 'string') {
      for (const s of sides) {
        if (s.before) writeSvg(flags.artifacts, 'before', s.file.oldPath ?? s.file.path, s.before);
        if (s.after) writeSvg(flags.artifacts, 'after', s.file.path, s.after);
      }
    }

    // The step's own annotations, printed after the changes' so the count per level can leave room for them.
    const status: string[] = [];
    const warnCannot = (e: GitHubError) => {
      const why = e.message.replace(/[\r\n]/g, ' ');
      status.push(`::warning title=cjm review::${event?.fromFork
        ? t(locale, 'Cannot comment on the pull request (pull requests from forks get a read-only token): {0}. The job summary has the review.', why)
        : t(locale, 'Cannot comment on the pull request: {0}. The job summary has the review.', why)}`);
    };
    let commentUrl = '';
    let apiFailed = false;
    const token = env.GITHUB_TOKEN ?? '';
    if (flags.comment || flags.labels) {
      const why = !token ? t(locale, 'no GITHUB_TOKEN') : !repo ? t(locale, 'no repository (GITHUB_REPOSITORY or --repo)') : pr === undefined ? t(locale, 'this run is not for a pull request') : undefined;
      if (why) status.push(`::notice title=cjm review::${t(locale, 'No pull-request comment: {0}. The job summary has the review.', why)}`);
      else {
        const target = { apiUrl: env.GITHUB_API_URL || 'https://api.github.com', token, repo: repo!, pr: pr! };
        try {
          if (flags.comment) {
            // Nothing to review: an earlier comment is corrected, no new one is posted.
            const r = await upsertComment(target, marker, body, { onlyUpdate: report.files.length === 0 });
            if (r.action === 'skipped') process.stderr.write(`cjm review: ${t(ui, 'no map changed: no comment on #{0}', pr!)}\n`);
            else {
              commentUrl = r.url ?? '';
              process.stderr.write(`cjm review: ${r.action === 'created' ? t(ui, 'created comment {0} on #{1}', r.id, pr!) : t(ui, 'updated comment {0} on #{1}', r.id, pr!)}\n`);
            }
          }
          if (flags.labels) {
            // The repository's own labels (.cjm.yml `labels:`) when it names any; else `cjm: <kind>`.
            const configured = repoConfig!.config.labels;
            const labels = Object.keys(configured.kinds).length || Object.keys(configured.severities).length
              ? prLabels(repoConfig!.config, report.files.flatMap((f) => f.diff.changes))
              : changeLabels(report);
            await addLabels(target, labels);
            if (labels.length) process.stderr.write(`cjm review: ${t(ui, 'labelled #{0}: {1}', pr!, labels.join(', '))}\n`);
          }
        } catch (e) {
          if (e instanceof GitHubError && (e.status === 403 || e.status === 404)) warnCannot(e);
          else if (e instanceof GitHubError) {
            status.push(`::error title=cjm review::GitHub API: ${e.message.replace(/[\r\n]/g, ' ')}`);
            apiFailed = true;
          } else throw e;
        }
      }
    }
    const reserved = { error: 0, warning: 0, notice: 0 };
    for (const line of status) reserved[/^::(error|warning|notice)/.exec(line)![1] as keyof typeof reserved]++;
    process.stdout.write(reviewAnnotations(report, locale, { reserved }).text);
    for (const line of status) process.stdout.write(line + '\n');

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
