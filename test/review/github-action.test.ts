/**
 * `cjm review`, the GitHub Action's script, end to end: a real git repository with a base
 * and a head commit (a changed, an added, a deleted and a renamed map), and a stand-in for
 * the GitHub REST API on 127.0.0.1 that asserts every request. First run creates the
 * comment, second run updates the same one, a read-only token degrades to a warning.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { PR_COMMENT_MARKER } from '@cjm/core';
import { ROOT, fixture } from '../helpers';
import { BOT, CLI, PR, REPO, TOKEN, actionsEnv as prEnv, run as runIn, standIn as standInWith, tempRepo } from './standin';

let dir: string;
let git: (...args: string[]) => string;
let baseSha: string;
let headSha: string;

const checkoutBefore = readFileSync(fixture('diff', 'emotion-rose', 'before.cjm'), 'utf8');
const checkoutAfter = readFileSync(fixture('diff', 'emotion-rose', 'after.cjm'), 'utf8')
  // A pain resolved and a misspelled emotion (an error the base did not have).
  .replace('          - No guest checkout\n', '')
  .replace('emotion: happy', 'emotion: hapy');
const small = (title: string, stage: string) => `cjm: 1\ntitle: ${title}\nstages:\n  - id: s1\n    name: ${stage}\n    steps:\n      - name: Step one\n        emotion: anxious\n      - name: Step two\n        emotion: happy\n`;

before(() => {
  ({ dir, git } = tempRepo('cjm-review-'));
  mkdirSync(join(dir, 'maps'));
  writeFileSync(join(dir, 'maps/checkout.cjm'), checkoutBefore);
  // Unlike the added map, so git does not pair them as a rename.
  writeFileSync(join(dir, 'maps/old.cjm'), `cjm: 1\ntitle: Old <script>alert(1)</script>\ndescription: Retired journey of the branch office, kept for comparison.\nstages:\n  - id: visit\n    name: Visits a branch\n    steps:\n${['Takes a ticket', 'Waits in line', 'Talks to a clerk', 'Signs papers', 'Leaves'].map((n, i) => `      - name: ${n}\n        emotion: ${i - 2}\n`).join('')}`);
  writeFileSync(join(dir, 'maps/оплата.cjm'), small('Оплата заказа', 'Оплата'));
  writeFileSync(join(dir, 'README.md'), 'maps\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  baseSha = git('rev-parse', 'HEAD');
  writeFileSync(join(dir, 'maps/checkout.cjm'), checkoutAfter);
  unlinkSync(join(dir, 'maps/old.cjm'));
  renameSync(join(dir, 'maps/оплата.cjm'), join(dir, 'maps/płatność.cjm'));
  writeFileSync(join(dir, 'maps/new.cjm'), small('Nowa mapa', 'Zakup'));
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  headSha = git('rev-parse', 'HEAD');
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The pull request already holds a person's comment that quotes the marker mid-text. */
const standIn = (opts: { readOnly?: boolean } = {}) =>
  standInWith({ ...opts, comments: [{ id: 11, body: `Why does the bot write ${PR_COMMENT_MARKER}?`, user: { login: 'octocat', type: 'User' } }] });
const run = (args: string[], env: Record<string, string>) => runIn(dir, args, env);
const actionsEnv = (api: string, work: string, readOnlyFork = false) => prEnv(api, work, { headSha, baseSha, fork: readOnlyFork });
const LIST = `GET /repos/${REPO}/issues/${PR}/comments?per_page=100&page=1`;

test('cjm review creates the comment once, then updates it; annotations, summary, outputs and SVGs', async () => {
  const api = await standIn();
  const work = mkdtempSync(join(tmpdir(), 'cjm-review-work-'));
  try {
    const env = actionsEnv(api.url, work);
    const args = ['review', '--base', baseSha, '--head', headSha, '--comment', '--artifacts', join(work, 'svg'), '--fail-on', 'error-introduced'];
    const first = await run(args, env);
    assert.equal(first.code, 1, `--fail-on error-introduced matches the misspelled emotion\n${first.err}`);

    // Requests: who am I, list, then create, each authenticated as the GitHub API expects.
    assert.deepEqual(api.calls(), ['GET /user', LIST, `POST /repos/${REPO}/issues/${PR}/comments`]);
    for (const s of api.seen) {
      assert.equal(s.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(s.headers.accept, 'application/vnd.github+json');
      assert.equal(s.headers['x-github-api-version'], '2022-11-28');
    }
    const body = api.seen[2].body!.body!;
    assert.equal(body.split('\n')[0], PR_COMMENT_MARKER, 'the marker is the first line');
    assert.match(body, /### 🗺️ cjm: 4 journey maps changed/);
    assert.match(body, new RegExp(`^Compared main → feature \\(${headSha.slice(0, 7)}\\)\\.$`, 'm'), 'branch names, not SHAs');
    assert.equal(api.comments.find((c) => c.id === 100)?.user.login, BOT);
    assert.match(body, /\| maps\/checkout\.cjm \| 2 stages changed, 2 steps changed, Checkout emotion −2 → \+1; 1 pain resolved; 1 new error \|/);
    assert.match(body, /\| maps\/new\.cjm \(added\) \|/);
    assert.match(body, /\| maps\/old\.cjm \(deleted\) \|/);
    assert.match(body, /\| maps\/оплата\.cjm → maps\/płatność\.cjm \(renamed\) \|/);
    assert.match(body, /````mermaid\n---\nconfig:[\s\S]*xychart-beta/);
    // Changes link to their lines on the head commit.
    assert.match(body, new RegExp(`\\[Checkout › Pays\\]\\(https://github\\.example/${REPO}/blob/${headSha}/maps/checkout\\.cjm#L\\d+`));
    assert.doesNotMatch(body, /<script/i, 'the deleted map\'s hostile title stays text');

    // Annotations on stdout: the new error on its line in the new file.
    const line = checkoutAfter.split('\n').findIndex((l) => l.includes('emotion: hapy')) + 1;
    assert.match(first.out, new RegExp(`^::error file=maps/checkout\\.cjm,line=${line},.*title=cjm error-introduced::`, 'm'));
    assert.match(first.out, /^::notice file=maps\/checkout\.cjm,line=\d+.*cjm emotion-rose/m);
    assert.match(first.err, /created comment 100 on #7/);

    // The job summary carries the same review; the step outputs are set.
    assert.equal(readFileSync(join(work, 'summary.md'), 'utf8'), body + '\n');
    assert.equal(readFileSync(join(work, 'output.txt'), 'utf8'), 'changed=4\nhas-errors=true\ncomment-url=https://github.example/c/100\n');

    // Before/after SVGs of every changed map, by path.
    for (const f of ['before/maps/checkout.cjm.svg', 'after/maps/checkout.cjm.svg', 'after/maps/new.cjm.svg', 'before/maps/old.cjm.svg', 'before/maps/оплата.cjm.svg', 'after/maps/płatność.cjm.svg']) {
      assert.ok(existsSync(join(work, 'svg', f)), f);
      assert.match(readFileSync(join(work, 'svg', f), 'utf8'), /^<svg[\s\S]*<\/svg>\s*$/);
    }
    assert.ok(!existsSync(join(work, 'svg', 'after/maps/old.cjm.svg')));
    assert.doesNotMatch(readFileSync(join(work, 'svg', 'before/maps/old.cjm.svg'), 'utf8'), /<script/i);

    // Second push: the same comment is updated, not a new one posted.
    api.seen.length = 0;
    const second = await run(args, actionsEnv(api.url, work));
    assert.equal(second.code, 1);
    assert.deepEqual(api.calls(), ['GET /user', LIST, `PATCH /repos/${REPO}/issues/comments/100`]);
    assert.equal(api.seen[2].body!.body, body, 'identical input, byte-identical comment');
    assert.equal(api.comments.length, 2, 'the unrelated comment and ours');
    assert.match(second.err, /updated comment 100 on #7/);
  } finally {
    await api.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test('cjm review: a fork\'s read-only token is a warning, not a failure; no pull request, no API call', async () => {
  const api = await standIn({ readOnly: true });
  const work = mkdtempSync(join(tmpdir(), 'cjm-review-work-'));
  try {
    const r = await run(['review', '--base', baseSha, '--head', headSha, '--comment'], actionsEnv(api.url, work, true));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^::warning title=cjm review::Cannot comment on the pull request \(pull requests from forks get a read-only token\): POST .* 403 Resource not accessible by integration\. The job summary has the review\.$/m);
    assert.match(readFileSync(join(work, 'summary.md'), 'utf8'), /^<!-- cjm-review -->\n/);
    assert.match(readFileSync(join(work, 'output.txt'), 'utf8'), /^changed=4\nhas-errors=true\ncomment-url=\n$/);

    api.seen.length = 0;
    const env = actionsEnv(api.url, work);
    delete (env as Record<string, string | undefined>).GITHUB_EVENT_PATH;
    const push = await run(['review', '--base', baseSha, '--head', headSha, '--comment'], env);
    assert.equal(push.code, 0);
    assert.equal(api.seen.length, 0);
    assert.match(push.out, /::notice title=cjm review::No pull-request comment: this run is not for a pull request/);
  } finally {
    await api.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test('cjm review: an API failure other than a permission fails the step', async () => {
  const work = mkdtempSync(join(tmpdir(), 'cjm-review-work-'));
  try {
    const env = actionsEnv('http://127.0.0.1:9', work);
    const r = await run(['review', '--base', baseSha, '--head', headSha, '--comment'], env);
    assert.equal(r.code, 2);
    assert.match(r.out, /^::error title=cjm review::GitHub API: GET http:\/\/127\.0\.0\.1:9\/user/m);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('action.yml: documented inputs and outputs, runs the bundled CLI with flags cjm review knows', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { description: string }>;
    outputs: Record<string, { value: string }>;
    runs: { using: string; steps: Array<{ run?: string; uses?: string; id?: string; with?: Record<string, string> }> };
  };
  assert.deepEqual(Object.keys(action.inputs).sort(), ['artifact-name', 'base-ref', 'comment', 'comment-id', 'fail-on', 'github-token', 'head-ref', 'labels', 'locale', 'paths']);
  for (const i of Object.values(action.inputs)) assert.ok(i.description.length > 10);
  assert.deepEqual(Object.keys(action.outputs).sort(), ['changed', 'comment-url', 'has-errors']);
  assert.equal(action.runs.using, 'composite');
  const script = action.runs.steps.map((s) => s.run ?? '').join('\n');
  assert.match(script, /args=\(review /);
  assert.match(script, /node "\$GITHUB_ACTION_PATH\/dist\/cli\.js" "\$\{args\[@\]\}"/);
  const help = spawnSync(process.execPath, [CLI, 'review', '--help'], { encoding: 'utf8' }).stdout;
  for (const flag of new Set(script.match(/--[a-z][a-z-]+/g) ?? [])) {
    if (['--no-audit', '--no-fund', '--ignore-scripts'].includes(flag)) continue; // npm's, for the fallback build
    assert.ok(help.includes(flag), `cjm review --help documents ${flag}`);
  }
  const upload = action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  assert.ok(upload, 'the SVGs are uploaded as an artifact');
});
