/**
 * The few GitHub REST calls `cjm review` makes, with Node's own fetch: find the pull
 * request's comment that carries our marker and update it, or create one. The API base
 * comes from GITHUB_API_URL (set by Actions, also on GitHub Enterprise Server), so tests
 * point it at a stand-in server.
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
}

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

/** Our earlier comment: the first one whose body starts with the marker line. */
export async function findComment(t: GitHubTarget, marker: string): Promise<IssueComment | undefined> {
  const [owner, name] = t.repo.split('/').map(encodeURIComponent);
  // 100 is the API's largest page; a pull request with more comments is paged through.
  for (let page = 1; page <= 50; page++) {
    const list = await call<IssueComment[]>(t, 'GET', `/repos/${owner}/${name}/issues/${t.pr}/comments?per_page=100&page=${page}`);
    const hit = list.find((c) => typeof c.body === 'string' && c.body.split(/\r?\n/, 1)[0].trim() === marker);
    if (hit) return hit;
    if (list.length < 100) return undefined;
  }
  return undefined;
}

export async function upsertComment(t: GitHubTarget, marker: string, body: string): Promise<{ action: 'created' | 'updated'; id: number; url?: string }> {
  const [owner, name] = t.repo.split('/').map(encodeURIComponent);
  const existing = await findComment(t, marker);
  if (existing) {
    const c = await call<IssueComment>(t, 'PATCH', `/repos/${owner}/${name}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', id: c.id, url: c.html_url };
  }
  const c = await call<IssueComment>(t, 'POST', `/repos/${owner}/${name}/issues/${t.pr}/comments`, { body });
  return { action: 'created', id: c.id, url: c.html_url };
}

/** What the workflow run tells us about the pull request, from GITHUB_EVENT_PATH. */
export interface PullRequestEvent {
  readonly number: number;
  readonly headSha?: string;
  readonly baseSha?: string;
  /** the head is in another repository: the token cannot write */
  readonly fromFork: boolean;
}

export function pullRequestEvent(eventPath: string | undefined): PullRequestEvent | undefined {
  if (!eventPath) return undefined;
  try {
    const e = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      pull_request?: { number?: number; head?: { sha?: string; repo?: { full_name?: string } }; base?: { sha?: string; repo?: { full_name?: string } } };
    };
    const pr = e.pull_request;
    if (!pr || typeof pr.number !== 'number') return undefined;
    const headRepo = pr.head?.repo?.full_name;
    const baseRepo = pr.base?.repo?.full_name;
    return {
      number: pr.number,
      ...(pr.head?.sha ? { headSha: pr.head.sha } : {}),
      ...(pr.base?.sha ? { baseSha: pr.base.sha } : {}),
      fromFork: !!headRepo && !!baseRepo && headRepo !== baseRepo,
    };
  } catch {
    return undefined;
  }
}
