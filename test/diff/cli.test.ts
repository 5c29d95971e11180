import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CHANGE_KIND_IDS } from '@cjm/core';
import { ROOT, example, fixture } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'cjm-diff-'));
  temps.push(d);
  return d;
}

function cjm(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env } as NodeJS.ProcessEnv;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function sh(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const pair = (name: string) => [fixture('diff', name, 'before.cjm'), fixture('diff', name, 'after.cjm')];

test('cjm diff: terminal output without colour when not a TTY, with it on --color, never with NO_COLOR', () => {
  const r = cjm(['diff', ...pair('emotion-rose')]);
  assert.equal(r.code, 0);
  assert.equal(r.out, [
    'test/fixtures/diff/emotion-rose/before.cjm → test/fixtures/diff/emotion-rose/after.cjm',
    '  Checkout: 1 step changed, emotion −2 → +1; 0 new errors',
    '  ▲ Checkout › Pays: emotion 😣 frustrated −2 → 🙂 satisfied +1  [emotion-rose]',
    '  lowest moment: Checkout › Pays 😣 frustrated −2 → Consideration › Browses products 🤔 curious +1',
    '',
  ].join('\n'));
  assert.doesNotMatch(r.out, /\x1b\[/);
  assert.match(cjm(['diff', '--color', ...pair('emotion-rose')]).out, /\x1b\[32m▲\x1b\[0m/);
  assert.match(cjm(['diff', '--color', ...pair('emotion-rose')], { env: { NO_COLOR: '1' } }).out, /\x1b\[/, '--color wins over NO_COLOR');
  assert.doesNotMatch(cjm(['diff', '--no-color', ...pair('emotion-rose')]).out, /\x1b\[/);
  assert.doesNotMatch(cjm(['diff', ...pair('emotion-rose')], { env: { NO_COLOR: '1' } }).out, /\x1b\[/);
});

test('cjm diff: formatting only and identical files', () => {
  const r = cjm(['diff', ...pair('formatting-only')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /formatting only: no change to the journey/);
  const same = cjm(['diff', example('online-shop.cjm'), example('online-shop.cjm')]);
  assert.match(same.out, /no changes/);
});

test('cjm diff --format json follows the documented schema and is stable', () => {
  const r = cjm(['diff', '--format', 'json', ...pair('pain-resolved')]);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out);
  assert.equal(j.schema, 'cjm-diff');
  assert.equal(j.version, 1);
  assert.equal(j.files.length, 1);
  assert.deepEqual(Object.keys(j.files[0]), ['path', 'oldPath', 'status', 'diff']);
  assert.deepEqual(Object.keys(j.files[0].diff), ['version', 'title', 'identical', 'formattingOnly', 'changes', 'emotions', 'summary']);
  const c = j.files[0].diff.changes[0];
  assert.deepEqual(Object.keys(c), ['kind', 'severity', 'path', 'field', 'before', 'message', 'beforeAt', 'afterAt']);
  assert.equal(c.kind, 'pain-resolved');
  assert.deepEqual(j.summary, { files: 1, changes: 1, bySeverity: { error: 0, warning: 0, info: 1 }, errorsIntroduced: 0 });
  assert.equal(cjm(['diff', '--format', 'json', ...pair('pain-resolved')]).out, r.out, 'byte-identical on a second run');
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'diff.schema.json'), 'utf8'));
  assert.deepEqual(schema.$defs.change.properties.kind.enum, CHANGE_KIND_IDS, 'the schema lists every change kind');
});

test('cjm diff --format markdown: a headline and a table, user text escaped', () => {
  const r = cjm(['diff', '--format', 'markdown', ...pair('emotion-dropped')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^### cjm: journey changes\n\n\*\*test\/fixtures\/diff\/emotion-dropped\/before\.cjm → test\/fixtures\/diff\/emotion-dropped\/after\.cjm\*\*: Consideration: 1 step changed, emotion \+1 → −1; 0 new errors\n/);
  assert.match(r.out, /\| ▼ \| Consideration › Browses products \| emotion \| 🤔 curious \+1 \| 🤨 uncertain −1 \| `emotion-dropped` \|/);
  const d = tmp();
  writeFileSync(join(d, 'a.cjm'), 'cjm: 1\ntitle: A\nstages:\n  - id: s\n    steps:\n      - name: x\n');
  writeFileSync(join(d, 'b.cjm'), 'cjm: 1\ntitle: "<script>alert(1)</script> | [x](http://e.vil) @team"\nstages:\n  - id: s\n    steps:\n      - name: x\n');
  const md = cjm(['diff', '--format', 'markdown', join(d, 'a.cjm'), join(d, 'b.cjm')]).out;
  // No HTML, no link (the bracket is escaped), no mention, no extra table cell.
  assert.doesNotMatch(md, /<script|[^\\]\]\(|@team|[^\\]\| \\\[x/);
  assert.match(md, /\| &lt;script&gt;alert\(1\)&lt;\/script&gt; \\\| \\\[x\\\]\(http&#58;\/\/e\.vil\) &#64;team \|/);
});

test('cjm diff --format github: annotations on the changed lines of the new file', () => {
  const r = cjm(['diff', '--format', 'github', ...pair('error-introduced')]);
  assert.equal(r.code, 0);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^::notice file=test\/fixtures\/diff\/error-introduced\/after\.cjm,line=\d+,endLine=\d+,col=18,endColumn=27,title=cjm emotion-changed::Checkout › Pays: emotion/);
  assert.match(lines[1], /^::error file=.*,title=cjm error-introduced::Checkout › Pays: new error unknown-emotion: `frustated` is not a known emotion/);
  const after = readFileSync(pair('error-introduced')[1], 'utf8').split('\n');
  const line = Number(/line=(\d+)/.exec(lines[1])![1]);
  assert.match(after[line - 1], /emotion: frustated/);
});

test('cjm diff --fail-on: severities and kind ids; exit 1 only on a match', () => {
  assert.equal(cjm(['diff', '--fail-on', 'emotion-dropped', ...pair('emotion-dropped')]).code, 1);
  assert.equal(cjm(['diff', '--fail-on', 'emotion-dropped', ...pair('emotion-rose')]).code, 0);
  assert.equal(cjm(['diff', '--fail-on', 'warning', ...pair('emotion-dropped')]).code, 1);
  assert.equal(cjm(['diff', '--fail-on', 'warning', ...pair('emotion-rose')]).code, 0);
  assert.equal(cjm(['diff', '--fail-on', 'error', ...pair('error-introduced')]).code, 1);
  assert.equal(cjm(['diff', '--fail-on', 'error', ...pair('error-fixed')]).code, 0);
  assert.equal(cjm(['diff', '--fail-on', 'info,stage-removed', ...pair('formatting-only')]).code, 0);
  const r = cjm(['diff', '--fail-on', 'emotion-dropped', ...pair('emotion-dropped')]);
  assert.match(r.err, /1 change matched --fail-on emotion-dropped/);
});

test('cjm diff: usage errors and unreadable files exit 2', () => {
  assert.equal(cjm(['diff']).code, 2);
  assert.equal(cjm(['diff', pair('title-changed')[0]]).code, 2);
  const bad = cjm(['diff', '--fail-on', 'everything', ...pair('title-changed')]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /"everything" is neither a severity/);
  assert.equal(cjm(['diff', '--format', 'xml', ...pair('title-changed')]).code, 2);
  assert.equal(cjm(['diff', '--head', 'HEAD', ...pair('title-changed')]).code, 2);
  const missing = cjm(['diff', 'nope.cjm', pair('title-changed')[1]]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /nope\.cjm: no such file/);
  assert.equal(cjm(['diff', '--base', 'HEAD'], { cwd: tmp() }).code, 2);
  assert.match(cjm(['diff', '--help']).out, /--fail-on/);
  assert.equal(cjm(['diff', '/dev/null', pair('title-changed')[1], '--format', 'json']).code, 0);
});

test('cjm textconv prints one fact a line; reformatting does not change it', () => {
  const r = cjm(['textconv', example('online-shop.cjm')]);
  assert.equal(r.code, 0);
  const lines = r.out.split('\n');
  assert.ok(lines.includes('purchase › Pays: emotion 😟 anxious −2'));
  assert.ok(lines.includes('purchase › Pays: pain "Delivery cost appears only at the last step"'));
  assert.ok(lines.includes('purchase: stage Purchase'));
  assert.ok(lines.includes('map: title "First order in the online shop"'));
  const [b, a] = pair('formatting-only');
  // The journey is the same; only the last line, about the layout, differs.
  const withoutLayout = (t: string) => t.replace(/^formatting: .*\n/m, '');
  assert.equal(withoutLayout(cjm(['textconv', a]).out), withoutLayout(cjm(['textconv', b]).out));
  assert.notEqual(cjm(['textconv', a]).out, cjm(['textconv', b]).out);
  const broken = cjm(['textconv', pair('error-introduced')[1]]).out;
  assert.match(broken, /^purchase › Pays: error unknown-emotion "`frustated` is not a known emotion/m);
  assert.equal(cjm(['textconv', 'missing.cjm']).code, 2);
  assert.equal(cjm(['textconv']).code, 2);
});

test('cjm config-git: writes .gitattributes and local config, idempotently; --global too', () => {
  const repo = tmp();
  sh(repo, 'init', '-q');
  const r = cjm(['config-git'], { cwd: repo, env: { HOME: repo, GIT_CONFIG_NOSYSTEM: '1' } });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /added "\*\.cjm diff=cjm"/);
  assert.equal(readFileSync(join(repo, '.gitattributes'), 'utf8'), '*.cjm diff=cjm\n*.cjm merge=cjm\n');
  assert.equal(sh(repo, 'config', '--local', 'diff.cjm.textconv').trim(), 'cjm textconv');
  assert.equal(sh(repo, 'config', '--local', 'diff.cjm.cachetextconv').trim(), 'true');
  const again = cjm(['config-git'], { cwd: repo, env: { HOME: repo, GIT_CONFIG_NOSYSTEM: '1' } });
  assert.match(again.out, /kept/);
  assert.equal(readFileSync(join(repo, '.gitattributes'), 'utf8'), '*.cjm diff=cjm\n*.cjm merge=cjm\n');
  assert.equal(sh(repo, 'config', '--local', '--get-all', 'diff.cjm.textconv').trim(), 'cjm textconv');

  const home = tmp();
  const g = cjm(['config-git', '--global', '--command', 'node /opt/cjm.js', '--external'], { cwd: home, env: { HOME: home, XDG_CONFIG_HOME: join(home, 'xdg'), GIT_CONFIG_NOSYSTEM: '1' } });
  assert.equal(g.code, 0, g.err);
  assert.equal(readFileSync(join(home, 'xdg', 'git', 'attributes'), 'utf8'), '*.cjm diff=cjm\n*.cjm merge=cjm\n');
  const gitconfig = readFileSync(join(home, '.gitconfig'), 'utf8');
  assert.match(gitconfig, /textconv = node \/opt\/cjm.js textconv/);
  assert.match(gitconfig, /command = node \/opt\/cjm.js diff/);
  assert.match(gitconfig, /driver = node \/opt\/cjm.js merge %O %A %B %L %P/);
  assert.equal(cjm(['config-git'], { cwd: tmp(), env: { HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CEILING_DIRECTORIES: tmpdir() } }).code, 2);
});

test('in a real git repository: --base/--head with modified, added, renamed and deleted maps; the textconv driver', () => {
  const repo = tmp();
  sh(repo, 'init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'maps'));
  const [before, after] = pair('emotion-rose');
  copyFileSync(before, join(repo, 'maps', 'checkout.cjm'));
  copyFileSync(pair('title-changed')[0], join(repo, 'maps', 'old-name.cjm'));
  copyFileSync(example('online-shop.cjm'), join(repo, 'maps', 'gone.cjm'));
  writeFileSync(join(repo, 'notes.txt'), 'not a map\n');
  sh(repo, 'add', '.');
  sh(repo, 'commit', '-q', '-m', 'first');
  copyFileSync(after, join(repo, 'maps', 'checkout.cjm'));
  renameSync(join(repo, 'maps', 'old-name.cjm'), join(repo, 'maps', 'new-name.cjm'));
  rmSync(join(repo, 'maps', 'gone.cjm'));
  copyFileSync(pair('stage-added')[1], join(repo, 'maps', 'fresh.cjm'));
  writeFileSync(join(repo, 'notes.txt'), 'still not a map\n');
  sh(repo, 'add', '-A');
  sh(repo, 'commit', '-q', '-m', 'second');

  const env = { HOME: repo, GIT_CONFIG_NOSYSTEM: '1' };
  const j = JSON.parse(cjm(['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], { cwd: repo, env }).out);
  assert.deepEqual(j.files.map((f: { path: string; status: string; oldPath?: string }) => [f.path, f.status, f.oldPath]), [
    ['maps/checkout.cjm', 'modified', undefined],
    ['maps/fresh.cjm', 'added', undefined],
    ['maps/gone.cjm', 'deleted', undefined],
    ['maps/new-name.cjm', 'renamed', 'maps/old-name.cjm'],
  ]);
  assert.deepEqual(j.files[0].diff.changes.map((c: { kind: string }) => c.kind), ['emotion-rose']);
  assert.equal(j.files[3].diff.formattingOnly, false);
  assert.deepEqual(j.files[3].diff.changes, []);
  assert.equal(j.base, 'HEAD~1');
  // Working tree as the head, limited by a path; from a subdirectory.
  writeFileSync(join(repo, 'maps', 'checkout.cjm'), readFileSync(after, 'utf8').replace('emotion: satisfied', 'emotion: angry'));
  const wt = cjm(['diff', '--base', 'HEAD', 'checkout.cjm', '--fail-on', 'emotion-dropped'], { cwd: join(repo, 'maps'), env });
  assert.equal(wt.code, 1);
  assert.match(wt.out, /^maps\/checkout\.cjm\n {2}Checkout: 1 step changed, emotion \+1 → −3/);
  const none = cjm(['diff', '--base', 'HEAD', '--head', 'HEAD'], { cwd: repo, env });
  assert.equal(none.out, 'no map changes\n');
  assert.equal(cjm(['diff', '--base', 'no-such-ref'], { cwd: repo, env }).code, 2);

  // The diff driver: git log -p speaks journey.
  writeFileSync(join(repo, '.gitattributes'), '*.cjm diff=cjm\n');
  const log = sh(repo, '-c', `diff.cjm.textconv=${process.execPath} ${CLI} textconv`, 'log', '-p', '-1', '--format=', '--', 'maps/checkout.cjm');
  assert.match(log, /^-purchase › Pays: emotion 😣 frustrated −2$/m);
  assert.match(log, /^\+purchase › Pays: emotion 🙂 satisfied \+1$/m);
  assert.doesNotMatch(log, /^[-+] +emotion:/m, 'no YAML lines');
  // The external diff command: git diff prints the semantic diff.
  const ext = sh(repo, '-c', `diff.cjm.command=${process.execPath} ${CLI} diff`, 'diff', 'HEAD~1', 'HEAD', '--', 'maps/checkout.cjm');
  assert.match(ext, /^maps\/checkout\.cjm\n {2}Checkout: 1 step changed, emotion −2 → \+1; 0 new errors\n/);
});
