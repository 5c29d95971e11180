/**
 * The Action a team can trust, run end to end against the stand-in API: a base branch that
 * moved after the pull request branched (lines and links on the head commit), a person's
 * comment that carries the marker (never edited), a fork's read-only token (summary only),
 * a pull request without map changes (no new comment), two jobs with their own comment ids,
 * labels by change kind, annotations capped per level, and a cut comment whose job summary
 * still holds the whole review.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { GITHUB_COMMENT_LIMIT, PR_COMMENT_MARKER, prCommentMarker } from '@cjm/core';
import { BOT, PR, REPO, actionsEnv, run, standIn, tempRepo } from './standin';

const LIST = `GET /repos/${REPO}/issues/${PR}/comments?per_page=100&page=1`;
const POST = `POST /repos/${REPO}/issues/${PR}/comments`;

let repo: ReturnType<typeof tempRepo>;
/** main when the pull request branched, main after it moved on, the pull request's head, GitHub's merge of the two */
let forkPoint: string;
let mainTip: string;
let prHead: string;
let merge: string;
let prText: string;
const works: string[] = [];
const work = () => {
  const w = mkdtempSync(join(tmpdir(), 'cjm-trust-work-'));
  works.push(w);
  return w;
};

const steps = (n: number, from: number, emotion: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => `      - name: Step ${from + i + 1}\n        emotion: ${emotion(from + i)}\n`).join('');
const journey = (description: string, emotion: (i: number) => number) =>
  `cjm: 1\ntitle: Delivery journey\n${description}stages:\n  - id: order\n    name: Order\n    steps:\n${steps(4, 0, emotion)}  - id: wait\n    name: Waiting\n    steps:\n${steps(4, 4, emotion)}`;

before(() => {
  repo = tempRepo('cjm-trust-');
  const { dir, git } = repo;
  mkdirSync(join(dir, 'maps'));
  writeFileSync(join(dir, 'maps/delivery.cjm'), journey('', () => 1));
  writeFileSync(join(dir, 'README.md'), 'maps\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  forkPoint = git('rev-parse', 'HEAD');
  // The pull request: the last step of Waiting drops to −3.
  git('checkout', '-q', '-b', 'feature');
  prText = journey('', (i) => (i === 7 ? -3 : 1));
  writeFileSync(join(dir, 'maps/delivery.cjm'), prText);
  git('commit', '-q', '-am', 'waiting hurts');
  prHead = git('rev-parse', 'HEAD');
  // Meanwhile main moves: six lines above the steps, in the same file.
  git('checkout', '-q', 'main');
  writeFileSync(join(dir, 'maps/delivery.cjm'), journey('description: >-\n  How a parcel reaches the customer,\n  from the order to the doorstep,\n  as the support team hears it\n  in calls and chats.\nlanguage: en\n', () => 1));
  git('commit', '-q', '-am', 'describe the journey');
  mainTip = git('rev-parse', 'HEAD');
  // What actions/checkout checks out for a pull_request run: refs/pull/N/merge.
  git('checkout', '-q', '--detach', mainTip);
  git('merge', '-q', '--no-ff', '-m', 'Merge feature into main', prHead);
  merge = git('rev-parse', 'HEAD');
});
after(() => {
  rmSync(repo.dir, { recursive: true, force: true });
  for (const w of works) rmSync(w, { recursive: true, force: true });
});

const prEvent = { headSha: '', baseSha: '', headRef: 'feature/waiting', baseRef: 'main' };
const env = (api: string, w: string, extra: { fork?: boolean } = {}) => actionsEnv(api, w, { ...prEvent, headSha: prHead, baseSha: mainTip, ...extra });

test('a base that moved: lines, links and annotations are the head commit\'s; main\'s own change is not the pull request\'s', async () => {
  const api = await standIn();
  try {
    const w = work();
    // What the Action ran before: base = the event's base SHA, head = the checked-out merge commit.
    const r = await run(repo.dir, ['review', '--base', mainTip, '--head', merge, '--comment'], env(api.url, w));
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, new RegExp(`head commit ${prHead}, not the merge commit ${merge}`));
    const body = api.comments[0].body;
    const line = prText.split('\n').findIndex((l, i, all) => l === '        emotion: -3' && all[i - 1] === '      - name: Step 8') + 1;
    assert.ok(line > 0);
    assert.match(body, new RegExp(`\\]\\(https://github\\.example/${REPO}/blob/${prHead}/maps/delivery\\.cjm#L${line}\\)`), body);
    assert.match(r.out, new RegExp(`^::warning file=maps/delivery\\.cjm,line=${line},.*title=cjm emotion-dropped::`, 'm'), r.out);
    // main's description is not reported as the pull request removing it.
    assert.doesNotMatch(body, /description|map-changed/);
    assert.match(body, new RegExp(`^Compared main → feature/waiting \\(${prHead.slice(0, 7)}\\)\\.$`, 'm'));
    assert.match(readFileSync(join(w, 'output.txt'), 'utf8'), /^changed=1\n/);

    // The new default: head-ref is the event's head SHA; the same review.
    const again = await run(repo.dir, ['review', '--base', mainTip, '--head', prHead, '--comment'], env(api.url, work()));
    assert.equal(again.code, 0, again.err);
    assert.equal(api.comments.length, 1);
    assert.equal(api.comments[0].body, body);
  } finally {
    await api.close();
  }
});

test('a person\'s comment that starts with the marker is never edited; the bot\'s own is', async () => {
  const hijack = { id: 11, body: `${PR_COMMENT_MARKER}\nLooks good to me, merging.`, user: { login: 'mallory', type: 'User' as const } };
  const api = await standIn({ comments: [hijack] });
  try {
    const r = await run(repo.dir, ['review', '--base', mainTip, '--head', prHead, '--comment'], env(api.url, work()));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(api.calls(), ['GET /user', LIST, POST]);
    assert.equal(api.comments.find((c) => c.id === 11)?.body, hijack.body, 'untouched');
    assert.equal(api.comments.find((c) => c.id === 100)?.user.login, BOT);
    api.seen.length = 0;
    await run(repo.dir, ['review', '--base', mainTip, '--head', prHead, '--comment'], env(api.url, work()));
    assert.deepEqual(api.calls(), ['GET /user', LIST, `PATCH /repos/${REPO}/issues/comments/100`]);
  } finally {
    await api.close();
  }
  // A personal token: its own account is whoever GET /user says, and a bot's marker comment is not its own either.
  const pat = await standIn({ login: 'ci-user', comments: [{ ...hijack, user: { login: BOT, type: 'Bot' } }, { id: 12, body: `${PR_COMMENT_MARKER}\nold`, user: { login: 'ci-user', type: 'User' } }] });
  try {
    await run(repo.dir, ['review', '--base', mainTip, '--head', prHead, '--comment'], env(pat.url, work()));
    assert.deepEqual(pat.calls(), ['GET /user', LIST, `PATCH /repos/${REPO}/issues/comments/12`]);
    assert.equal(pat.comments[0].body, hijack.body);
  } finally {
    await pat.close();
  }
});

test('two jobs with their own comment-id keep two comments', async () => {
  const api = await standIn();
  try {
    for (const round of [1, 2]) {
      for (const id of ['maps-ru', 'maps-pl']) {
        const r = await run(repo.dir, ['review', '--base', mainTip, '--head', prHead, '--comment', '--comment-id', id], env(api.url, work()));
        assert.equal(r.code, 0, r.err);
      }
      assert.equal(api.comments.length, 2, `round ${round}`);
    }
    assert.deepEqual(api.comments.map((c) => c.body.split('\n')[0]), [prCommentMarker('maps-ru'), prCommentMarker('maps-pl')]);
    assert.equal(api.calls().filter((c) => c.startsWith('PATCH')).length, 2);
    const bad = await run(repo.dir, ['review', '--base', mainTip, '--comment-id', 'x -->'], env(api.url, work()));
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--comment-id must be letters, digits/);
  } finally {
    await api.close();
  }
});

test('a fork: the read-only token cannot comment or label; a warning, the job summary has the review, exit 0', async () => {
  const api = await standIn({ readOnly: true });
  try {
    const w = work();
    const r = await run(repo.dir, ['review', '--base', mainTip, '--head', merge, '--comment', '--labels'], env(api.url, w, { fork: true }));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^::warning title=cjm review::Cannot comment on the pull request \(pull requests from forks get a read-only token\)/m);
    assert.equal(api.comments.length, 0);
    assert.equal(api.labels.length, 0);
    const summary = readFileSync(join(w, 'summary.md'), 'utf8');
    assert.match(summary, /^<!-- cjm-review -->\n### 🗺️ cjm: 1 journey map changed/);
    assert.match(summary, /Waiting › Step 8/);
  } finally {
    await api.close();
  }
});

test('no map changed: no new comment; an earlier one of ours says so', async () => {
  const { git, dir } = repo;
  git('checkout', '-q', '-b', 'docs-only', forkPoint);
  writeFileSync(join(dir, 'README.md'), 'maps and more\n');
  git('commit', '-q', '-am', 'docs');
  const docsHead = git('rev-parse', 'HEAD');
  git('checkout', '-q', '--detach', merge);
  const api = await standIn();
  try {
    const e = (w: string) => actionsEnv(api.url, w, { headSha: docsHead, baseSha: mainTip });
    const w = work();
    const r = await run(dir, ['review', '--base', mainTip, '--head', docsHead, '--comment'], e(w));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(api.calls(), ['GET /user', LIST]);
    assert.match(r.err, /no map changed: no comment on #7/);
    assert.match(readFileSync(join(w, 'output.txt'), 'utf8'), /^changed=0\n/);
  } finally {
    await api.close();
  }
  const earlier = await standIn({ comments: [{ id: 5, body: `${PR_COMMENT_MARKER}\n### 🗺️ cjm: 1 journey map changed`, user: { login: BOT, type: 'Bot' } }] });
  try {
    await run(dir, ['review', '--base', mainTip, '--head', docsHead, '--comment'], actionsEnv(earlier.url, work(), { headSha: docsHead, baseSha: mainTip }));
    assert.deepEqual(earlier.calls(), ['GET /user', LIST, `PATCH /repos/${REPO}/issues/comments/5`]);
    assert.match(earlier.comments[0].body, /### 🗺️ cjm: no journey map changed/);
  } finally {
    await earlier.close();
  }
});

test('labels by change kind, with --labels only', async () => {
  const api = await standIn();
  try {
    await run(repo.dir, ['review', '--base', mainTip, '--head', prHead, '--labels'], env(api.url, work()));
    assert.deepEqual(api.labels, ['cjm: emotion-dropped']);
    assert.ok(api.calls().includes(`POST /repos/${REPO}/issues/${PR}/labels`));
    api.seen.length = 0;
    await run(repo.dir, ['review', '--base', mainTip, '--head', prHead], env(api.url, work()));
    assert.deepEqual(api.calls(), [], 'no API call without --comment or --labels');
  } finally {
    await api.close();
  }
});

test('many changes: 10 annotations per level, worst first, one notice counts the rest; a cut comment, a whole job summary', async () => {
  const { git, dir } = repo;
  git('checkout', '-q', '-b', 'big', forkPoint);
  // 150 steps whose feelings drop (warnings) and 450 that rise (notices), with long names so the comment must be cut.
  const long = 'a step whose name is long enough to fill a table cell with words '.repeat(2);
  const big = (drop: number, rise: number) => `cjm: 1\ntitle: Big\nstages:\n  - id: s\n    name: Everything\n    steps:\n${Array.from({ length: 600 }, (_, i) => `      - name: ${i} ${long}\n        emotion: ${i < 150 ? drop : rise}\n`).join('')}`;
  writeFileSync(join(dir, 'maps/big.cjm'), big(2, -2));
  git('add', '-A');
  git('commit', '-q', '-m', 'big');
  const bigBase = git('rev-parse', 'HEAD');
  writeFileSync(join(dir, 'maps/big.cjm'), big(-2, 2).replace('emotion: 2\n', 'emotion: hapy\n'));
  git('commit', '-q', '-am', 'big change');
  const bigHead = git('rev-parse', 'HEAD');
  const api = await standIn();
  try {
    const w = work();
    const r = await run(dir, ['review', '--base', bigBase, '--head', bigHead, '--comment'], actionsEnv(api.url, w, { headSha: bigHead, baseSha: bigBase }));
    assert.equal(r.code, 0, r.err);
    const levels = r.out.split('\n').filter(Boolean).map((l) => /^::(\w+)/.exec(l)![1]);
    assert.deepEqual(levels, [...Array(1).fill('error'), ...Array(10).fill('warning'), ...Array(9).fill('notice'), 'notice']);
    assert.match(r.out, /^::notice title=cjm review::581 more changes are in the job summary \(GitHub shows 10 annotations of each level per step\)\.$/m);

    const comment = api.comments[0].body;
    assert.ok(comment.length <= GITHUB_COMMENT_LIMIT, `${comment.length}`);
    assert.match(comment, /^> Shortened to fit GitHub's comment size limit: 1 of 1 map is summarised\. The \[job summary\]\(https:\/\/github\.example\/acme\/journeys\/actions\/runs\/4242\) has the whole review\.$/m);
    // What the cut keeps: the error and the warnings, in that order.
    const kinds = [...comment.matchAll(/\| `([a-z-]+)` \|$/gm)].map((m) => m[1]);
    assert.equal(kinds[0], 'error-introduced');
    assert.equal(kinds.length, 151, kinds.join());
    assert.ok(kinds.every((k, i) => i === 0 || k === 'emotion-dropped'), kinds.join());

    const summary = readFileSync(join(w, 'summary.md'), 'utf8');
    assert.doesNotMatch(summary, /Shortened/);
    assert.ok(summary.length > GITHUB_COMMENT_LIMIT, `${summary.length}`);
    assert.equal([...summary.matchAll(/\| `emotion-(dropped|rose)` \|$/gm)].length, 599, 'every change, in the summary');
  } finally {
    await api.close();
  }
});
