/**
 * What the `cjm review` tests share: a stand-in for the GitHub REST API on 127.0.0.1 that
 * keeps a pull request's comments and labels in memory and records every request, a
 * throw-away git repository, and running the bundled CLI as the Action does.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

export const CLI = join(ROOT, 'dist', 'cli.js');
export const TOKEN = 'ghs_test-token-123';
export const REPO = 'acme/journeys';
export const PR = 7;
/** What GITHUB_TOKEN writes as. */
export const BOT = 'github-actions[bot]';

/** A git repository in a fresh temporary folder; `git(...)` runs there and returns stdout. */
export function tempRepo(prefix: string): { dir: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, {
      cwd: dir, encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
    });
    assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  git('init', '-q', '-b', 'main');
  return { dir, git };
}

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body?: { body?: string; labels?: string[] };
}

export interface StandInComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: 'User' | 'Bot' };
}

export interface StandInOptions {
  /** the token may read but not write (a fork's pull request): POST and PATCH answer 403 */
  readonly readOnly?: boolean;
  /**
   * The token's account as GET /user reports it (a personal token); unset, GET /user
   * answers 403 as it does for GITHUB_TOKEN, whose comments are written by github-actions[bot].
   */
  readonly login?: string;
  /** comments already on the pull request */
  readonly comments?: ReadonlyArray<Omit<StandInComment, 'html_url'>>;
}

/** A stand-in for api.github.com for one pull request. */
export async function standIn(opts: StandInOptions = {}) {
  const author = opts.login ?? BOT;
  const comments: StandInComment[] = (opts.comments ?? []).map((c) => ({ ...c, html_url: `https://github.example/c/${c.id}` }));
  const labels: string[] = [];
  const seen: Seen[] = [];
  let next = 100;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const s: Seen = { method: req.method!, url: req.url!, headers: req.headers, ...(raw ? { body: JSON.parse(raw) } : {}) };
      seen.push(s);
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: 'Bad credentials' });
      if (req.method === 'GET' && req.url === '/user') return opts.login ? send(200, { login: opts.login, type: 'User' }) : send(403, { message: 'Resource not accessible by integration' });
      const list = `/repos/${REPO}/issues/${PR}/comments`;
      if (req.method === 'GET' && req.url === `${list}?per_page=100&page=1`) return send(200, comments);
      if (req.method === 'POST' && req.url === list) {
        if (opts.readOnly) return send(403, { message: 'Resource not accessible by integration' });
        const c: StandInComment = { id: next++, body: s.body!.body!, html_url: `https://github.example/c/${next - 1}`, user: { login: author, type: opts.login ? 'User' : 'Bot' } };
        comments.push(c);
        return send(201, c);
      }
      const m = /^\/repos\/acme\/journeys\/issues\/comments\/(\d+)$/.exec(req.url!);
      if (req.method === 'PATCH' && m) {
        if (opts.readOnly) return send(403, { message: 'Resource not accessible by integration' });
        const c = comments.find((x) => x.id === Number(m[1]));
        if (!c) return send(404, { message: 'Not Found' });
        // GitHub lets a token with write access edit anyone's comment: the stand-in does too, so a hijack would show.
        c.body = s.body!.body!;
        return send(200, c);
      }
      if (req.method === 'POST' && req.url === `/repos/${REPO}/issues/${PR}/labels`) {
        if (opts.readOnly) return send(403, { message: 'Resource not accessible by integration' });
        for (const l of s.body!.labels ?? []) if (!labels.includes(l)) labels.push(l);
        return send(200, labels.map((name) => ({ name })));
      }
      send(404, { message: `unexpected ${req.method} ${req.url}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, seen, comments, labels,
    calls: () => seen.map((s) => `${s.method} ${s.url}`),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Runs the CLI without blocking the event loop: the stand-in server lives in this process. */
export function run(cwd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const clean = { ...process.env };
    for (const k of Object.keys(clean)) if (k.startsWith('GITHUB_') || k === 'NO_COLOR' || k === 'RUNNER_TEMP') delete clean[k];
    const p = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...clean, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

export interface EventInfo {
  readonly headSha: string;
  readonly baseSha: string;
  readonly headRef?: string;
  readonly baseRef?: string;
  readonly fork?: boolean;
}

/** The environment of a pull_request run: event file, summary and output files in `work`. */
export function actionsEnv(api: string, work: string, e: EventInfo): Record<string, string> {
  const event = join(work, 'event.json');
  writeFileSync(event, JSON.stringify({
    pull_request: {
      number: PR,
      head: { sha: e.headSha, ref: e.headRef ?? 'feature', repo: { full_name: e.fork ? 'someone/journeys' : REPO } },
      base: { sha: e.baseSha, ref: e.baseRef ?? 'main', repo: { full_name: REPO } },
    },
  }));
  for (const f of ['summary.md', 'output.txt']) writeFileSync(join(work, f), '');
  return {
    GITHUB_ACTIONS: 'true', GITHUB_API_URL: api, GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: REPO, GITHUB_RUN_ID: '4242',
    GITHUB_EVENT_PATH: event, GITHUB_TOKEN: TOKEN, GITHUB_STEP_SUMMARY: join(work, 'summary.md'), GITHUB_OUTPUT: join(work, 'output.txt'),
  };
}
