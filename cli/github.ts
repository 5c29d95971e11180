/**
 * The few GitHub REST calls `cjm review` makes, with Node's own fetch: find the pull
 * request's comment that carries our marker and was written by the token's own account,
 * and update it, or create one; add labels. The API base comes from GITHUB_API_URL (set by
 * Actions, also on GitHub Enterprise Server), so tests point it at a stand-in server.
 */
import { readFileSync } from 'node:fs';

export class GitHubError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface GitHubTarget {
  readonly apiUrl: string;
  readonly token: string;
  /** owner/name */
  readonly repo: string;
  readonly pr: number;
}

interface IssueComment {
  readonly id: number;
  readonly body?: string;
  readonly html_url?: string;
  readonly user?: { readonly login?: string; readonly type?: string } | null;
}

/** The account GitHub Actions' own token (GITHUB_TOKEN) writes as. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

async function call<T>(t: GitHubTarget, method: string, path: string, body?: unknown): Promise<T> {
  const url = `${t.apiUrl.replace(/\/+$/, '')}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${t.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'cjm-review',
        ...(body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    throw new GitHubError(`${method} ${url}: ${(e as Error).cause ?? (e as Error).message}`, 0);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep the start of the text
    }
    throw new GitHubError(`${method} ${path}: ${res.status} ${message}`, res.status);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * The login the token writes comments as. A personal or user token answers GET /user; an
 * installation token (GITHUB_TOKEN) may not read it (403) and writes as github-actions[bot].
 */
export async function tokenLogin(t: GitHubTarget): Promise<string> {
  try {
    const u = await call<{ login?: string }>(t, 'GET', '/user');
    if (u && typeof u.login === 'string' && u.login) return u.login;
  } catch (e) {
    if (!(e instanceof GitHubError) || (e.status !== 403 && e.status !== 401 && e.status !== 404)) throw e;
  }
  return ACTIONS_BOT_LOGIN;
}

/**
 * Our earlier comment: the first one whose first line is the marker and whose author is
 * `login`. Anyone can write the marker; only the token's own account can have written ours,
 * so a person's comment that starts with it is never taken (and never edited).
 */
export async function findComment(t: GitHubTarget, marker: string, login?: string): Promise<IssueComment | undefined> {
  const [owner, name] = t.repo.split('/').map(encodeURIComponent);
  const author = login ?? (await tokenLogin(t));
  // 100 is the API's largest page; a pull request with more comments is paged through.
  for (let page = 1; page <= 50; page++) {
    const list = await call<IssueComment[]>(t, 'GET', `/repos/${owner}/${name}/issues/${t.pr}/comments?per_page=100&page=${page}`);
    const hit = list.find((c) => typeof c.body === 'string' && c.body.split(/\r?\n/, 1)[0].trim() === marker && c.user?.login === author);
    if (hit) return hit;
    if (list.length < 100) return undefined;
  }
  return undefined;
}

export type UpsertResult = { action: 'created' | 'updated'; id: number; url?: string } | { action: 'skipped' };

/**
 * Updates our comment or creates one. With `onlyUpdate` (nothing to review) an existing
 * comment is updated and none is created.
 */
export async function upsertComment(t: GitHubTarget, marker: string, body: string, options: { readonly onlyUpdate?: boolean } = {}): Promise<UpsertResult> {
  const [owner, name] = t.repo.split('/').map(encodeURIComponent);
  const existing = await findComment(t, marker);
  if (existing) {
    const c = await call<IssueComment>(t, 'PATCH', `/repos/${owner}/${name}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', id: c.id, url: c.html_url };
  }
  if (options.onlyUpdate) return { action: 'skipped' };
  const c = await call<IssueComment>(t, 'POST', `/repos/${owner}/${name}/issues/${t.pr}/comments`, { body });
  return { action: 'created', id: c.id, url: c.html_url };
}

/** Adds labels to the pull request (GitHub creates a label that does not exist yet). */
export async function addLabels(t: GitHubTarget, labels: readonly string[]): Promise<void> {
  if (!labels.length) return;
  const [owner, name] = t.repo.split('/').map(encodeURIComponent);
  await call<unknown>(t, 'POST', `/repos/${owner}/${name}/issues/${t.pr}/labels`, { labels });
}

/** What the workflow run tells us about the pull request, from GITHUB_EVENT_PATH. */
export interface PullRequestEvent {
  readonly number: number;
  readonly headSha?: string;
  readonly baseSha?: string;
  /** branch names: `head.ref`, `base.ref` */
  readonly headRef?: string;
  readonly baseRef?: string;
  /** the head is in another repository: the token cannot write */
  readonly fromFork: boolean;
}

export function pullRequestEvent(eventPath: string | undefined): PullRequestEvent | undefined {
  if (!eventPath) return undefined;
  try {
    const e = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      pull_request?: { number?: number; head?: { sha?: string; ref?: string; repo?: { full_name?: string } }; base?: { sha?: string; ref?: string; repo?: { full_name?: string } } };
    };
    const pr = e.pull_request;
    if (!pr || typeof pr.number !== 'number') return undefined;
    const headRepo = pr.head?.repo?.full_name;
    const baseRepo = pr.base?.repo?.full_name;
    return {
      number: pr.number,
      ...(pr.head?.sha ? { headSha: pr.head.sha } : {}),
      ...(pr.base?.sha ? { baseSha: pr.base.sha } : {}),
      ...(typeof pr.head?.ref === 'string' && pr.head.ref ? { headRef: pr.head.ref } : {}),
      ...(typeof pr.base?.ref === 'string' && pr.base.ref ? { baseRef: pr.base.ref } : {}),
      fromFork: !!headRepo && !!baseRepo && headRepo !== baseRepo,
    };
  } catch {
    return undefined;
  }
}
