/**
 * `cjm merge` as git's merge driver, registered by `cjm config-git` and run by a real
 * `git merge` in a temporary repository: edits are joined by stage and step ids, each side's
 * comments and layout survive, and conflict markers surround only what both sides changed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, example, fixture } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };

function run(cwd: string, cmd: string, args: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, HOME: cwd, ...GIT_ENV, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  const r = run(cwd, 'git', args);
  assert.equal(r.code, 0, `git ${args.join(' ')}: ${r.err}`);
  return r.out;
}

/** A repository set up the way a user would: `cjm config-git`. */
function repo(extraAttributes = ''): string {
  const d = mkdtempSync(join(tmpdir(), 'cjm-merge-'));
  temps.push(d);
  git(d, 'init', '-q', '-b', 'main');
  const r = run(d, process.execPath, [CLI, 'config-git', '--command', `${process.execPath} ${CLI}`]);
  assert.equal(r.code, 0, r.err);
  if (extraAttributes) writeFileSync(join(d, '.gitattributes'), readFileSync(join(d, '.gitattributes'), 'utf8') + extraAttributes);
  return d;
}

/** `text` with `from` replaced by `to`; a needle that is not there fails the test instead of passing it. */
function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `"${from}" is in the text`);
  return text.replace(from, to);
}

interface Merged {
  readonly code: number | null;
  readonly text: string;
  readonly err: string;
}

/** Commits `base`, `theirs` on a branch and `ours` on main, then runs `git merge`. */
function gitMerge(base: string, ours: string, theirs: string, attributes = ''): Merged {
  const d = repo(attributes);
  const file = join(d, 'map.cjm');
  writeFileSync(file, base);
  git(d, 'add', '.');
  git(d, 'commit', '-q', '-m', 'base');
  git(d, 'checkout', '-q', '-b', 'theirs');
  writeFileSync(file, theirs);
  git(d, 'commit', '-q', '-am', 'theirs');
  git(d, 'checkout', '-q', 'main');
  writeFileSync(file, ours);
  git(d, 'commit', '-q', '-am', 'ours');
  const r = run(d, 'git', ['merge', '-q', '--no-edit', 'theirs']);
  return { code: r.code, text: readFileSync(file, 'utf8'), err: r.err + r.out };
}

const base = readFileSync(fixture('diff', 'emotion-rose', 'before.cjm'), 'utf8');

test('cjm config-git registers the merge driver (and --no-merge leaves merging to git)', () => {
  const d = repo();
  assert.equal(readFileSync(join(d, '.gitattributes'), 'utf8'), '*.cjm diff=cjm\n*.cjm merge=cjm\n');
  assert.equal(git(d, 'config', '--local', 'merge.cjm.driver').trim(), `${process.execPath} ${CLI} merge %O %A %B %L %P`);
  assert.match(git(d, 'check-attr', 'merge', '--', 'x.cjm'), /merge: cjm/);
  const again = run(d, process.execPath, [CLI, 'config-git']);
  assert.match(again.out, /kept "\*\.cjm merge=cjm"/);
  assert.equal(readFileSync(join(d, '.gitattributes'), 'utf8'), '*.cjm diff=cjm\n*.cjm merge=cjm\n', 'running it again changes nothing');

  const plain = mkdtempSync(join(tmpdir(), 'cjm-merge-'));
  temps.push(plain);
  git(plain, 'init', '-q');
  const r = run(plain, process.execPath, [CLI, 'config-git', '--no-merge']);
  assert.equal(r.code, 0, r.err);
  assert.equal(readFileSync(join(plain, '.gitattributes'), 'utf8'), '*.cjm diff=cjm\n');
  assert.equal(run(plain, 'git', ['config', '--local', 'merge.cjm.driver']).code, 1, 'no driver configured');
});

test('edits to different steps of one stage merge cleanly, with the comment one side added', () => {
  const ours = edit(edit(base, 'Checks sizes and totals', 'Checks sizes, totals and the delivery date'), '      - id: pay\n', '      # where most customers give up\n      - id: pay\n');
  const theirs = edit(base, 'emotion: frustrated', 'emotion: disappointed');
  const m = gitMerge(base, ours, theirs);
  assert.equal(m.code, 0, m.err);
  assert.equal(m.text, edit(ours, 'emotion: frustrated', 'emotion: disappointed'));
});

test('both sides add a step to one stage: both are kept, ours first', () => {
  const after = '            current: 91%\n';
  const ours = edit(base, after, after + '      - id: confirm\n        name: Reads the confirmation\n        emotion: relieved\n');
  const theirs = edit(base, after, after + '      # added after the interviews\n      - id: track\n        name: Tracks the parcel\n        channel: app\n');
  const m = gitMerge(base, ours, theirs);
  assert.equal(m.code, 0, m.err);
  assert.equal(m.text, edit(base, after, after + '      - id: confirm\n        name: Reads the confirmation\n        emotion: relieved\n      # added after the interviews\n      - id: track\n        name: Tracks the parcel\n        channel: app\n'));
});

test('one side renames a stage and moves its steps around, the other edits a step in it: matched by id', () => {
  const cart = '      - id: cart\n        name: Reviews the cart\n        action: Checks sizes and totals\n        channel: web\n        questions:\n          - Is delivery free?\n';
  const payEnd = '            current: 91%\n';
  // Ours renames the stage and moves "cart" after "pay": a line merge cannot follow that.
  const ours = edit(edit(edit(base, cart, ''), payEnd, payEnd + cart), 'name: Checkout', 'name: Payment');
  const theirs = edit(edit(base, 'action: Checks sizes and totals', 'action: Checks sizes, totals and vouchers'), 'name: Pays\n', 'name: Pays by card\n');
  const m = gitMerge(base, ours, theirs);
  assert.equal(m.code, 0, m.err);
  assert.equal(m.text, edit(edit(ours, 'action: Checks sizes and totals', 'action: Checks sizes, totals and vouchers'), 'name: Pays\n', 'name: Pays by card\n'));
});

test('one field changed differently on both sides: markers (of git\'s marker size) around that field only, the rest merged', () => {
  const ours = edit(edit(base, 'emotion: frustrated', 'emotion: angry'), 'title: Checkout journey', 'title: Checkout journey 2026');
  const theirs = edit(edit(base, 'emotion: frustrated', 'emotion: annoyed'), 'name: Browses products', 'name: Browses the catalogue');
  const m = gitMerge(base, ours, theirs, '*.cjm conflict-marker-size=10\n');
  assert.equal(m.code, 1, m.err);
  assert.match(m.err, /CONFLICT \(content\)/);
  const expected = edit(
    edit(edit(base, 'title: Checkout journey', 'title: Checkout journey 2026'), 'name: Browses products', 'name: Browses the catalogue'),
    '        emotion: frustrated\n',
    '<<<<<<<<<< ours\n        emotion: angry\n==========\n        emotion: annoyed\n>>>>>>>>>> theirs\n',
  );
  assert.equal(m.text, expected);
});

test('a step deleted on one side and edited on the other is a conflict, never a silent loss', () => {
  const cart = '      - id: cart\n        name: Reviews the cart\n        action: Checks sizes and totals\n        channel: web\n        questions:\n          - Is delivery free?\n';
  const ours = edit(edit(base, cart, ''), 'title: Checkout journey', 'title: Checkout');
  const theirs = edit(base, 'Checks sizes and totals', 'Checks sizes, totals and vouchers');
  const m = gitMerge(base, ours, theirs);
  assert.equal(m.code, 1, m.err);
  assert.equal(m.text, edit(edit(base, 'title: Checkout journey', 'title: Checkout'), cart, '<<<<<<< ours\n=======\n' + edit(cart, 'Checks sizes and totals', 'Checks sizes, totals and vouchers') + '>>>>>>> theirs\n'));
});

test('a Russian map: Cyrillic ids and values survive byte for byte', () => {
  const ru = readFileSync(example('bank-omnichannel-ru.cjm'), 'utf8');
  const after = '        emotion: интерес\n        owner: retail\n';
  const ours = edit(ru, 'name: Видит рекламу карты', 'name: Видит рекламу кредитной карты');
  const theirs = edit(ru, after, after + '      - id: отзывы\n        name: Читает отзывы о карте\n        channel: web\n        emotion: сомнение\n');
  const m = gitMerge(ru, ours, theirs);
  assert.equal(m.code, 0, m.err);
  assert.equal(m.text, edit(ours, after, after + '      - id: отзывы\n        name: Читает отзывы о карте\n        channel: web\n        emotion: сомнение\n'));
});

test('a CRLF map stays CRLF, markers included', () => {
  const crlf = (s: string) => s.replace(/\n/g, '\r\n');
  const b = crlf(base);
  const ours = edit(edit(b, 'emotion: frustrated', 'emotion: angry'), 'name: Browses products', 'name: Browses the catalogue');
  const theirs = edit(edit(b, 'emotion: frustrated', 'emotion: annoyed'), 'name: Receives the parcel', 'name: Receives the parcel at home');
  const m = gitMerge(b, ours, theirs);
  assert.equal(m.code, 1, m.err);
  const expected = edit(
    edit(edit(b, 'name: Browses products', 'name: Browses the catalogue'), 'name: Receives the parcel', 'name: Receives the parcel at home'),
    '        emotion: frustrated\r\n',
    '<<<<<<< ours\r\n        emotion: angry\r\n=======\r\n        emotion: annoyed\r\n>>>>>>> theirs\r\n',
  );
  assert.equal(m.text, expected);
  assert.doesNotMatch(m.text, /[^\r]\n/, 'no bare line feed');
});

test('broken YAML on one side: git\'s line merge with standard markers, no text lost, and a message with the position', () => {
  const ours = edit(edit(base, 'title: Checkout journey', 'title: Our checkout journey'), 'name: Receives the parcel', 'name: Receives the parcel at home');
  const theirs = edit(base, 'title: Checkout journey', 'title: [Their checkout journey');
  const m = gitMerge(base, ours, theirs);
  assert.notEqual(m.code, 0, m.err);
  assert.match(m.err, /map\.cjm:\d+:\d+: their version is not valid YAML here; merged line by line/);
  assert.match(m.text, /^<<<<<<< ours\ntitle: Our checkout journey\n=======\ntitle: \[Their checkout journey\n>>>>>>> theirs\n/m);
  assert.match(m.text, /name: Receives the parcel at home/, 'our other edit is kept');
});

test('a clean line-merge fallback in Polish: the message is Polish', () => {
  const ours = edit(base, 'name: Receives the parcel', 'name: Receives the parcel at home');
  const theirs = edit(base, 'title: Checkout journey', 'title: [Their checkout journey');
  const d = repo();
  const file = join(d, 'map.cjm');
  writeFileSync(file, base);
  git(d, 'add', '.');
  git(d, 'commit', '-q', '-m', 'base');
  writeFileSync(join(d, 'o.cjm'), ours);
  writeFileSync(join(d, 't.cjm'), theirs);
  const r = run(d, process.execPath, [CLI, 'merge', 'map.cjm', 'o.cjm', 't.cjm', '7', 'map.cjm'], { LANG: 'pl_PL.UTF-8' });
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /map\.cjm:4:1: ich wersja nie jest tu poprawnym YAML-em; scalono wiersz po wierszu/);
  assert.equal(readFileSync(join(d, 'o.cjm'), 'utf8'), edit(theirs, 'name: Receives the parcel', 'name: Receives the parcel at home'));
});
