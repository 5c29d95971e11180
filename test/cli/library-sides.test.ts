/**
 * `cjm diff`, `cjm review`'s sides and `cjm textconv` on maps that take their personas from a
 * library (`use:`): each side is read with its libraries (git sides: as of the same
 * revision), so a diff shows no errors "introduced" or "fixed" that are in neither map.
 * The material is examples/library, a Russian current/future pair sharing a library.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, example } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', NO_COLOR: '1' };

function run(cmd: string, args: string[], cwd: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, HOME: cwd, ...GIT_ENV } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const cjm = (cwd: string, ...args: string[]) => run(process.execPath, [CLI, ...args], cwd);
function git(cwd: string, ...args: string[]): string {
  const r = run('git', ['-c', `diff.cjm.command=${process.execPath} ${CLI} diff`, ...args], cwd);
  assert.equal(r.code, 0, `git ${args.join(' ')}: ${r.err}`);
  return r.out;
}

/** The library pair in a fresh repository: bank-library.cjm, current.cjm, future.cjm. */
function repo(): string {
  const d = mkdtempSync(join(tmpdir(), 'cjm-lib-'));
  temps.push(d);
  git(d, 'init', '-q', '-b', 'main');
  writeFileSync(join(d, '.gitattributes'), '*.cjm diff=cjm\n');
  for (const f of ['bank-library.cjm', 'current.cjm', 'future.cjm']) copyFileSync(example('library', f), join(d, f));
  git(d, 'add', '.');
  git(d, 'commit', '-q', '-m', 'library pair');
  return d;
}

type Change = { kind: string; message: string };
type Report = { files: { path: string; through?: string[]; diff: { changes: Change[]; summary: { headline: string } } }[] };
const changes = (json: string): Change[] => (JSON.parse(json) as { files: { diff: { changes: Change[] } }[] }).files.flatMap((f) => f.diff.changes);
const problems = (cs: Change[]) => cs.filter((c) => /^(error|warning)-(introduced|fixed)$/.test(c.kind));

test('cjm diff of two maps that share a library reads each with its libraries: no phantom errors', () => {
  const r = cjm(ROOT, 'diff', '--format', 'json', example('library', 'current.cjm'), example('library', 'future.cjm'));
  assert.equal(r.code, 0, r.err);
  const cs = changes(r.out);
  assert.ok(cs.length > 0, 'the future state does change the journey');
  // Without the library, every `persona: игорь` the future state adds would be a new "undeclared" error.
  assert.deepEqual(problems(cs), []);
});

test('git sides read the library as of the same revision: a persona renamed in the library and the map together changes no diagnostic', () => {
  const d = repo();
  for (const f of ['bank-library.cjm', 'future.cjm']) writeFileSync(join(d, f), readFileSync(join(d, f), 'utf8').replace(/игорь/g, 'игорь-к'));
  // The working tree against the last commit (as the review of an uncommitted change reads it)…
  const worktree = cjm(d, 'diff', '--format', 'json', '--base', 'HEAD', 'bank-library.cjm', 'future.cjm');
  assert.equal(worktree.code, 0, worktree.err);
  assert.ok(changes(worktree.out).length > 0);
  assert.deepEqual(problems(changes(worktree.out)), []);
  // …and two commits (a pull request's base and head): the old side's `игорь` is declared by the old library.
  git(d, 'commit', '-q', '-am', 'rename');
  const committed = cjm(d, 'diff', '--format', 'json', '--base', 'HEAD~1', '--head', 'HEAD', 'bank-library.cjm', 'future.cjm');
  assert.equal(committed.code, 0, committed.err);
  assert.deepEqual(problems(changes(committed.out)), []);
  // current.cjm, left out of the rename, is broken by it: listed through the library, though its text did not change.
  const all = JSON.parse(cjm(d, 'diff', '--format', 'json', '--base', 'HEAD~1', '--head', 'HEAD').out) as Report;
  const current = all.files.find((f) => f.path === 'current.cjm');
  assert.deepEqual(current?.through, ['bank-library.cjm']);
  assert.ok(current.diff.changes.length > 0 && current.diff.changes.every((c) => c.kind === 'error-introduced' && c.message.includes('undeclared-reference')), JSON.stringify(current.diff.changes));
  assert.equal(all.files.find((f) => f.path === 'future.cjm')?.through, undefined, 'a map whose own text changed is listed as it always was');
  // A map whose library at that revision lacks the persona still gets its error.
  writeFileSync(join(d, 'bank-library.cjm'), readFileSync(join(d, 'bank-library.cjm'), 'utf8').replace(/игорь-к/g, 'игорь'));
  writeFileSync(join(d, 'future.cjm'), readFileSync(join(d, 'future.cjm'), 'utf8').replace('title: ', 'title: Новое — '));
  git(d, 'commit', '-q', '-am', 'library and title');
  const broken = cjm(d, 'diff', '--format', 'json', '--base', 'HEAD~1', '--head', 'HEAD', 'future.cjm');
  assert.equal(broken.code, 0, broken.err);
  assert.ok(problems(changes(broken.out)).some((c) => c.kind === 'error-introduced' && c.message.includes('undeclared-reference')), broken.out);
});

// The map's main persona changes from Ольга to Игорь, both from the library: read without
// it, that is "undeclared ольга" fixed and "undeclared игорь" introduced.
const mainPersonaToIgor = (d: string) => writeFileSync(join(d, 'future.cjm'), readFileSync(join(d, 'future.cjm'), 'utf8').replace(/^persona: ольга$/m, 'persona: игорь'));

test('the pull-request comment (cjm diff --format pr-comment, as cjm review writes it) names no error in a library pair', () => {
  const d = repo();
  mainPersonaToIgor(d);
  git(d, 'commit', '-q', '-am', 'main persona');
  const r = cjm(d, 'diff', '--format', 'pr-comment', '--base', 'HEAD~1', '--head', 'HEAD');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /future\.cjm/);
  assert.doesNotMatch(r.out, /undeclared-reference|ошибк/i, r.out);
});

test('under git (external diff) both blob copies are read with the working tree\'s libraries', () => {
  const d = repo();
  mainPersonaToIgor(d);
  const out = git(d, 'diff');
  assert.match(out, /^future\.cjm\n/m, out);
  assert.doesNotMatch(out, /undeclared-reference|ошибк|error/i, out);
});

test('textconv prints the same lines for a map beside its library and for a blob copy without it (git caches them per blob)', () => {
  const inPlace = cjm(ROOT, 'textconv', example('library', 'future.cjm'));
  assert.equal(inPlace.code, 0, inPlace.err);
  const d = mkdtempSync(join(tmpdir(), 'cjm-blob-'));
  temps.push(d);
  copyFileSync(example('library', 'future.cjm'), join(d, 'XyZ12_future.cjm'));
  const copy = cjm(d, 'textconv', join(d, 'XyZ12_future.cjm'));
  assert.equal(copy.out, inPlace.out);
  assert.doesNotMatch(copy.out, /undeclared-reference/);
  // A map without `use:` keeps its "undeclared" errors: nothing else could declare them.
  writeFileSync(join(d, 'own.cjm'), 'cjm: 1\ntitle: T\npersona: никто\nstages:\n  - name: A\n    steps:\n      - action: x\n');
  assert.match(cjm(d, 'textconv', join(d, 'own.cjm')).out, /^карта: ошибка undeclared-reference /m, 'in the map\'s language (Russian, read from its values)');
});

test('a pull request that only edits a library lists the maps it breaks or fixes, in their language, and leaves out those it does not change', () => {
  const d = repo();
  const lib = join(d, 'bank-library.cjm');
  // A comment and a persona's description: nothing any map says changes.
  writeFileSync(lib, `# правка\n${readFileSync(lib, 'utf8')}`);
  git(d, 'commit', '-q', '-am', 'comment');
  const quiet = JSON.parse(cjm(d, 'diff', '--format', 'json', '--base', 'HEAD~1', '--head', 'HEAD').out) as Report;
  assert.deepEqual(quiet.files.map((f) => f.path), ['bank-library.cjm']);
  // The persona both maps use is removed from the library.
  const text = readFileSync(lib, 'utf8');
  writeFileSync(lib, text.replace(/^  - id: игорь\n(?:    .*\n)*/m, ''));
  assert.notEqual(readFileSync(lib, 'utf8'), text, 'the fixture still declares игорь as the test expects');
  git(d, 'commit', '-q', '-am', 'remove a persona');
  const r = cjm(d, 'diff', '--format', 'json', '--base', 'HEAD~1', '--head', 'HEAD');
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as Report;
  const through = report.files.filter((f) => f.through);
  assert.deepEqual(through.map((f) => [f.path, f.through]), [['current.cjm', ['bank-library.cjm']], ['future.cjm', ['bank-library.cjm']]]);
  for (const f of through) assert.ok(problems(f.diff.changes).length > 0 && f.diff.summary.headline !== 'no changes', JSON.stringify(f.diff.summary));
  // --fail-on error catches it, as the Action runs it.
  assert.equal(cjm(d, 'diff', '--fail-on', 'error', '--base', 'HEAD~1', '--head', 'HEAD').code, 1);
  // The PR comment speaks the maps' Russian, the title too.
  const comment = cjm(d, 'diff', '--format', 'pr-comment', '--base', 'HEAD~1', '--head', 'HEAD').out;
  assert.match(comment, /current\.cjm \(из-за изменений в bank-library\.cjm\)/, comment);
  assert.doesNotMatch(comment, /through changes|no changes/, comment);
  // A Polish terminal run names the reason in Polish.
  const pl = spawnSync(process.execPath, [CLI, 'diff', '--locale', 'pl', '--base', 'HEAD~1', '--head', 'HEAD'], { cwd: d, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.equal(pl.status, 0, pl.stderr);
  assert.match(pl.stdout, /current\.cjm \(z powodu zmian w bank-library\.cjm\)/, pl.stdout);
  // Paths limit the maps listed, not the libraries that reach them.
  const only = JSON.parse(cjm(d, 'diff', '--format', 'json', '--base', 'HEAD~1', '--head', 'HEAD', 'current.cjm').out) as Report;
  assert.deepEqual(only.files.map((f) => f.path), ['current.cjm']);
});
