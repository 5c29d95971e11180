/**
 * `cjm diff` as git's external diff command (`cjm config-git --external`): every form of
 * git's GIT_EXTERNAL_DIFF call, against real git, and no lost files after an odd one.
 * Also: every command exits quietly when the reader closes the pipe (`cjm … | head`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, example, fixture } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', NO_COLOR: '1' };

function repo(): string {
  const d = mkdtempSync(join(tmpdir(), 'cjm-ext-'));
  temps.push(d);
  git(d, 'init', '-q', '-b', 'main');
  writeFileSync(join(d, '.gitattributes'), '*.cjm diff=cjm\n');
  return d;
}

function git(cwd: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('git', ['-c', `diff.cjm.command=${process.execPath} ${CLI} diff`, ...args], { cwd, encoding: 'utf8', env: { ...process.env, HOME: cwd, ...GIT_ENV } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function ok(cwd: string, ...args: string[]): string {
  const r = git(cwd, ...args);
  assert.equal(r.code, 0, `git ${args.join(' ')}: ${r.err}`);
  return r.out;
}

const emotionPair = [fixture('diff', 'emotion-rose', 'before.cjm'), fixture('diff', 'emotion-rose', 'after.cjm')];

test('a renamed and edited map: git passes nine arguments; the diff names both paths and git goes on to the next file', () => {
  const d = repo();
  copyFileSync(emotionPair[0], join(d, 'a-checkout.cjm'));
  copyFileSync(example('online-shop.cjm'), join(d, 'z-shop.cjm'));
  ok(d, 'add', '.');
  ok(d, 'commit', '-q', '-m', 'one');
  renameSync(join(d, 'a-checkout.cjm'), join(d, 'b-checkout.cjm'));
  copyFileSync(emotionPair[1], join(d, 'b-checkout.cjm'));
  writeFileSync(join(d, 'z-shop.cjm'), readFileSync(join(d, 'z-shop.cjm'), 'utf8').replace(/^title: .*$/m, 'title: Renamed shop'));
  ok(d, 'add', '-A');
  const out = ok(d, 'diff', '--cached', '-M');
  assert.match(out, /^a-checkout\.cjm → b-checkout\.cjm \(renamed\)\n {2}Checkout: 1 step changed, emotion −2 → \+1/m, out);
  assert.match(out, /^z-shop\.cjm\n/m, 'the file after the rename is still shown');
  assert.doesNotMatch(out, /external diff died/);
});

test('added and deleted maps (/dev/null on one side), and a binary file named .cjm, do not stop git', () => {
  const d = repo();
  copyFileSync(example('online-shop.cjm'), join(d, 'gone.cjm'));
  writeFileSync(join(d, 'm-binary.cjm'), new Uint8Array([0x63, 0x6a, 0x6d, 0, 1, 2, 3]));
  ok(d, 'add', '.');
  ok(d, 'commit', '-q', '-m', 'one');
  rmSync(join(d, 'gone.cjm'));
  writeFileSync(join(d, 'm-binary.cjm'), new Uint8Array([0x63, 0x6a, 0x6d, 0, 9, 9, 9]));
  copyFileSync(emotionPair[1], join(d, 'new.cjm'));
  copyFileSync(emotionPair[1], join(d, 'z-last.cjm'));
  ok(d, 'add', '-A');
  const r = git(d, 'diff', '--cached', '--no-renames');
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.err, /died/);
  assert.match(r.out, /^gone\.cjm \(deleted\)$/m);
  assert.match(r.out, /^m-binary\.cjm\n {2}not compared: looks like a binary file/m);
  assert.match(r.out, /^new\.cjm \(added\)$/m);
  assert.match(r.out, /^z-last\.cjm \(added\)$/m, 'files after the binary one are still shown');
});

test('an unmerged map: git passes the path only; cjm says so instead of dying', () => {
  const d = repo();
  const text = readFileSync(emotionPair[0], 'utf8');
  writeFileSync(join(d, 'map.cjm'), text);
  ok(d, 'add', '.');
  ok(d, 'commit', '-q', '-m', 'base');
  ok(d, 'checkout', '-q', '-b', 'other');
  writeFileSync(join(d, 'map.cjm'), text.replace(/^title: .*$/m, 'title: Theirs'));
  ok(d, 'commit', '-q', '-am', 'theirs');
  ok(d, 'checkout', '-q', 'main');
  writeFileSync(join(d, 'map.cjm'), text.replace(/^title: .*$/m, 'title: Ours'));
  ok(d, 'commit', '-q', '-am', 'ours');
  assert.notEqual(git(d, 'merge', '-q', 'other').code, 0, 'the merge conflicts');
  // The index holds the conflict: git hands the external command the path alone.
  const r = git(d, 'diff', '--cached');
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.err, /died/, r.err);
  assert.match(r.out, /^map\.cjm\n {2}unmerged: resolve the conflict, then compare$/m, r.out);
});

test('a closed pipe ends every command quietly: no EPIPE stack trace', () => {
  const big = join(mkdtempSync(join(tmpdir(), 'cjm-pipe-')), 'big.cjm');
  temps.push(join(big, '..'));
  // Enough output that the writer is still writing when `head` has gone.
  const stages = Array.from({ length: 400 }, (_, i) => `  - id: stage-${i}\n    name: Stage ${i}\n    steps:\n      - name: Step ${i}\n        emotion: happy\n        actions: [${Array.from({ length: 20 }, (_, j) => `action ${j} of step ${i}`).join(', ')}]`);
  writeFileSync(big, `cjm: 1\ntitle: Big\nstages:\n${stages.join('\n')}\n`);
  for (const args of [['textconv', big], ['diff', '/dev/null', big], ['render', big, '--format', 'svg']]) {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" ${args.map((a) => `"${a}"`).join(' ')} | head -c 10 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    assert.equal(r.stderr, '', `cjm ${args[0]}: ${r.stderr}`);
    assert.match(r.stdout, /status=0/, `cjm ${args[0]}`);
  }
});

test('textconv under git: a stage rename is one changed line, and a formatting-only commit still names the file', () => {
  const d = repo();
  const text = readFileSync(emotionPair[0], 'utf8');
  writeFileSync(join(d, 'map.cjm'), text);
  ok(d, 'add', '.');
  ok(d, 'commit', '-q', '-m', 'one');
  const textconv = `diff.cjm.textconv=${process.execPath} ${CLI} textconv`;
  // Rename the stage that holds "Pays" (its id stays).
  const renamed = text.replace(/^( {4}name: )Checkout$/m, '$1Payment');
  assert.notEqual(renamed, text, 'the fixture names its stage Checkout');
  writeFileSync(join(d, 'map.cjm'), renamed);
  ok(d, 'commit', '-q', '-am', 'rename');
  const rename = ok(d, '-c', textconv, 'show', '--format=', 'HEAD');
  const changed = rename.split('\n').filter((l) => /^[-+](?![-+])/.test(l));
  assert.deepEqual(changed, ['-purchase: stage Checkout', '+purchase: stage Payment'], rename);
  // Reformat only: the journey is unchanged, and git show still lists the file.
  writeFileSync(join(d, 'map.cjm'), renamed.replace(/^( +)(name: Payment)$/m, '$1$2   ').replace(/\n/g, '\n\n'));
  ok(d, 'commit', '-q', '-am', 'reformat');
  const reformat = ok(d, '-c', textconv, 'show', '--format=', 'HEAD');
  assert.match(reformat, /^diff --git a\/map\.cjm b\/map\.cjm$/m, reformat);
  assert.match(reformat, /^[-+]formatting: /m);
  assert.deepEqual(reformat.split('\n').filter((l) => /^[-+](?![-+])/.test(l) && !l.slice(1).startsWith('formatting: ')), []);
});
