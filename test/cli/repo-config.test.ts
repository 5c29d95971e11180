/**
 * The repository's `.cjm.yml` as `cjm check`, `cjm diff` and `cjm review` read it, in real
 * folders and a real git repository: every setting changes what the command says or its
 * exit status, and a broken file stops the command with its position, in the reader's language.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, fixture } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', NO_COLOR: '1', LANG: 'en_US.UTF-8' };

function run(cwd: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE', 'GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'GITHUB_EVENT_PATH', 'GIT_DIFF_PATH_COUNTER']) delete clean[k];
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...clean, HOME: cwd, ...ENV, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const cjm = (cwd: string, args: string[], env: Record<string, string> = {}) => run(cwd, process.execPath, [CLI, ...args], env);

function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'cjm-config-'));
  temps.push(d);
  // A repository's top: the lookup stops here.
  mkdirSync(join(d, '.git'));
  return d;
}

const pair = (name: string) => [fixture('diff', name, 'before.cjm'), fixture('diff', name, 'after.cjm')];

test('cjm check: a severity override changes the exit status and the line shown; "off" hides a finding', () => {
  const d = folder();
  copyFileSync(fixture('rules', 'unknown-key.cjm'), join(d, 'map.cjm'));
  const plain = cjm(d, ['check', 'map.cjm']);
  assert.equal(plain.code, 0, plain.out + plain.err);
  assert.match(plain.out, /warning unknown-key/);

  writeFileSync(join(d, '.cjm.yml'), 'check:\n  severity:\n    unknown-key: error\n');
  const strict = cjm(d, ['check', 'map.cjm']);
  assert.equal(strict.code, 1, strict.out + strict.err);
  assert.match(strict.out, /error unknown-key/);

  writeFileSync(join(d, '.cjm.yml'), 'check:\n  severity:\n    unknown-key: off\n');
  const off = cjm(d, ['check', 'map.cjm']);
  assert.equal(off.code, 0);
  assert.doesNotMatch(off.out, /unknown-key/);
});

test('cjm check: ignored paths are not checked, from the config folder down, unless a file is named', () => {
  const d = folder();
  mkdirSync(join(d, 'maps', 'drafts'), { recursive: true });
  copyFileSync(fixture('diff', 'emotion-rose', 'before.cjm'), join(d, 'maps', 'good.cjm'));
  copyFileSync(fixture('rules', 'duplicate-id.cjm'), join(d, 'maps', 'drafts', 'broken.cjm'));
  assert.equal(cjm(d, ['check']).code, 1, 'the draft has errors');
  writeFileSync(join(d, '.cjm.yml'), 'ignore:\n  - drafts/\n');
  // From a subfolder: the file is found upwards, and its globs are relative to its own folder.
  const r = cjm(join(d, 'maps'), ['check']);
  assert.equal(r.code, 0, r.out + r.err);
  assert.doesNotMatch(r.out + r.err, /broken/);
  assert.match(r.err, /1 file checked/);
  assert.equal(cjm(join(d, 'maps'), ['check', 'drafts/broken.cjm']).code, 1, 'a file named on the command line is checked');
});

test('cjm diff: a severity per change kind shows in JSON and --fail-on; an ignored kind disappears', () => {
  const d = folder();
  const [before, afterFile] = pair('emotion-dropped');
  const plain = JSON.parse(cjm(d, ['diff', '--format', 'json', before, afterFile]).out);
  assert.equal(plain.files[0].diff.changes.find((c: { kind: string }) => c.kind === 'emotion-dropped').severity, 'warning');
  assert.equal(cjm(d, ['diff', '--fail-on', 'error', before, afterFile]).code, 0);

  writeFileSync(join(d, '.cjm.yml'), 'diff:\n  severity:\n    emotion-dropped: error\n');
  const strict = JSON.parse(cjm(d, ['diff', '--format', 'json', before, afterFile]).out);
  assert.equal(strict.files[0].diff.changes.find((c: { kind: string }) => c.kind === 'emotion-dropped').severity, 'error');
  assert.equal(cjm(d, ['diff', '--fail-on', 'error', before, afterFile]).code, 1);

  writeFileSync(join(d, '.cjm.yml'), 'diff:\n  ignore: [emotion-dropped]\n');
  const quiet = cjm(d, ['diff', before, afterFile]);
  assert.equal(quiet.code, 0, quiet.err);
  assert.doesNotMatch(quiet.out, /emotion .*→/);
  assert.equal(JSON.parse(cjm(d, ['diff', '--format', 'json', before, afterFile]).out).files[0].diff.changes.some((c: { kind: string }) => c.kind === 'emotion-dropped'), false);
});

test('cjm diff --base and cjm review in git: ignored paths and kinds are left out of the annotations and the comment', () => {
  const d = mkdtempSync(join(tmpdir(), 'cjm-config-'));
  temps.push(d);
  const git = (...args: string[]) => assert.equal(run(d, 'git', args).code, 0, `git ${args.join(' ')}`);
  git('init', '-q', '-b', 'main');
  mkdirSync(join(d, 'drafts'));
  const [before, afterFile] = pair('emotion-dropped');
  copyFileSync(before, join(d, 'checkout.cjm'));
  copyFileSync(before, join(d, 'drafts', 'idea.cjm'));
  git('add', '.');
  git('commit', '-q', '-m', 'one');
  copyFileSync(afterFile, join(d, 'checkout.cjm'));
  copyFileSync(afterFile, join(d, 'drafts', 'idea.cjm'));
  git('commit', '-q', '-am', 'two');

  const plain = cjm(d, ['review', '--base', 'HEAD~1', '--head', 'HEAD', '--summary', join(d, 'summary.md')]);
  assert.equal(plain.code, 0, plain.err);
  assert.match(plain.out, /file=drafts\/idea\.cjm/);
  assert.match(plain.out, /::warning file=checkout\.cjm.*emotion/);

  writeFileSync(join(d, '.cjm.yml'), 'ignore: [drafts/]\ndiff:\n  ignore: [emotion-dropped]\n');
  const r = cjm(d, ['review', '--base', 'HEAD~1', '--head', 'HEAD', '--summary', join(d, 'summary2.md')]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /drafts\/idea\.cjm/);
  assert.doesNotMatch(r.out, /::warning file=checkout\.cjm.*emotion/);
  const summary = readFileSync(join(d, 'summary2.md'), 'utf8');
  assert.doesNotMatch(summary, /idea\.cjm/);
  assert.match(summary, /checkout\.cjm/);

  const j = JSON.parse(cjm(d, ['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json']).out);
  assert.deepEqual(j.files.map((f: { path: string }) => f.path), ['checkout.cjm']);
  assert.equal(j.files[0].diff.changes.some((c: { kind: string }) => c.kind === 'emotion-dropped'), false);
});

test('a broken .cjm.yml stops the command with file:line:col in the reader\'s language; an unknown key is only a warning', () => {
  const d = folder();
  const [before, afterFile] = pair('emotion-dropped');
  writeFileSync(join(d, '.cjm.yml'), '# settings\ndiff:\n  severity:\n    emotion-drop: error\n');
  const en = cjm(d, ['diff', before, afterFile]);
  assert.equal(en.code, 2);
  assert.equal(en.err, 'cjm diff: .cjm.yml:4:5: error: "emotion-drop" is not a change kind; did you mean "emotion-dropped"?\n');
  const ru = cjm(d, ['check'], { LANG: 'ru_RU.UTF-8' });
  assert.equal(ru.code, 2);
  assert.equal(ru.err, 'cjm check: .cjm.yml:4:5: ошибка: «emotion-drop» — не вид изменения; может быть, имелось в виду «emotion-dropped»?\n');
  const pl = cjm(d, ['diff', before, afterFile], { LANG: 'pl_PL.UTF-8' });
  assert.match(pl.err, /^cjm diff: \.cjm\.yml:4:5: błąd: „emotion-drop” nie jest rodzajem zmiany; czy chodziło o „emotion-dropped”\?\n$/);

  writeFileSync(join(d, '.cjm.yml'), 'labels:\n  error: cjm-errors\nchekc: {}\n');
  const warned = cjm(d, ['diff', before, afterFile]);
  assert.equal(warned.code, 0, warned.err);
  assert.equal(warned.err, 'cjm diff: .cjm.yml:3:1: warning: unknown key "chekc" in .cjm.yml, ignored; did you mean "check"?\n');
  assert.match(warned.out, /emotion/, 'the diff still runs');

  writeFileSync(join(d, '.cjm.yml'), 'diff: [\n');
  const yaml = cjm(d, ['diff', before, afterFile]);
  assert.equal(yaml.code, 2);
  assert.match(yaml.err, /^cjm diff: \.cjm\.yml:\d+:\d+: error: this is not valid YAML here\n$/);
});

test('the lookup stops at the repository top: a .cjm.yml above it does not apply', () => {
  const outer = mkdtempSync(join(tmpdir(), 'cjm-config-'));
  temps.push(outer);
  writeFileSync(join(outer, '.cjm.yml'), 'check:\n  severity:\n    unknown-key: error\n');
  const inner = join(outer, 'repo');
  mkdirSync(join(inner, '.git'), { recursive: true });
  copyFileSync(fixture('rules', 'unknown-key.cjm'), join(inner, 'map.cjm'));
  assert.equal(cjm(inner, ['check', 'map.cjm']).code, 0);
  writeFileSync(join(inner, '.cjm.yaml'), 'check:\n  severity:\n    unknown-key: error\n');
  assert.equal(cjm(inner, ['check', 'map.cjm']).code, 1, '.cjm.yaml is read too');
});
