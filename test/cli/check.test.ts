/** `cjm check`: output formats and exit codes, through the built binary as a user runs it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, fixture } from '../helpers';

const CLI = join(ROOT, 'dist/cli.js');

function cjm(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cjm-check-'));
}

test('a clean map exits 0 and says how many files were checked', () => {
  const r = cjm(['check', 'examples/online-shop.cjm']);
  assert.equal(r.code, 0, r.out + r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /^1 file checked: 0 errors, 0 warnings$/m);
});

test('errors print as file:line:col severity code message and exit 1', () => {
  const file = fixture('rules', 'unknown-emotion.cjm');
  const r = cjm(['check', file]);
  assert.equal(r.code, 1);
  assert.match(r.out, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:8:18 error unknown-emotion \`frustratd\` is not a known emotion\\. Did you mean \`frustrated\``, 'm'));
  assert.match(r.err, /1 error/);
});

test('hints are shown only with --hints', () => {
  const file = fixture('rules', 'unused-declaration.cjm');
  assert.doesNotMatch(cjm(['check', file]).out, /unused-declaration/);
  const r = cjm(['check', '--hints', file]);
  assert.match(r.out, /:6:9 hint unused-declaration Channel `phone`/);
  assert.equal(r.code, 0);
});

test('--format json gives positions, related locations and fix titles', () => {
  const r = cjm(['check', '--format', 'json', fixture('rules', 'duplicate-id.cjm')]);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out);
  assert.equal(json.version, 1);
  const d = json.files[0].diagnostics.find((x: { code: string }) => x.code === 'duplicate-id');
  assert.deepEqual(d.range, { start: { line: 5, character: 8 }, end: { line: 5, character: 11 } });
  assert.deepEqual(d.related[0].range.start, { line: 4, character: 8 });
  assert.deepEqual(json.summary, { files: 1, errors: 1, warnings: 0, unreadable: 0 });
});

test('--format github prints workflow annotations with escaped properties', () => {
  const dir = tempDir();
  const file = join(dir, 'a,b:c.cjm');
  copyFileSync(fixture('rules', 'unknown-kind.cjm'), file);
  const r = cjm(['check', '--format', 'github', file]);
  assert.equal(r.code, 1);
  const line = r.out.trim().split('\n').find((l) => l.includes('unknown-kind'))!;
  assert.match(line, /^::error file=.*a%2Cb%3Ac\.cjm,line=4,col=7,endLine=4,endColumn=12,title=cjm unknown-kind::`draft` is not a valid kind/);
});

test('directories and globs expand to the .cjm files below them', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'maps/sub'), { recursive: true });
  copyFileSync(join(ROOT, 'examples/online-shop.cjm'), join(dir, 'maps/a.cjm'));
  copyFileSync(join(ROOT, 'examples/online-shop.cjm'), join(dir, 'maps/sub/b.cjm'));
  writeFileSync(join(dir, 'maps/notes.txt'), 'not a map');
  assert.match(cjm(['check', 'maps'], dir).err, /2 files checked/);
  assert.match(cjm(['check', 'maps/**/*.cjm'], dir).err, /2 files checked/);
  assert.match(cjm(['check', 'maps/*.cjm'], dir).err, /1 file checked/);
  assert.match(cjm(['check'], dir).err, /2 files checked/);
});

test('missing files, empty directories, binary and non-UTF-8 files exit 2 with a clear message', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'binary.cjm'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
  writeFileSync(join(dir, 'latin1.cjm'), new Uint8Array(Buffer.from('title: Zak\xf3d\n', 'latin1')));
  const cases: Array<[string, RegExp]> = [
    ['nope.cjm', /nope\.cjm: error: no such file or directory/],
    ['empty', /empty: error: is a directory with no \.cjm files in it/],
    ['binary.cjm', /binary\.cjm: error: looks like a binary file/],
    ['latin1.cjm', /latin1\.cjm: error: is not valid UTF-8 text/],
    ['*.nothing', /no \.cjm files match this pattern/],
  ];
  for (const [arg, re] of cases) {
    const r = cjm(['check', arg], dir);
    assert.equal(r.code, 2, arg);
    assert.match(r.out + r.err, re, arg);
  }
});

test('usage errors exit 2 and show the usage', () => {
  const r = cjm(['check', '--format', 'xml', 'examples']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--format must be human, json or github/);
  assert.match(r.err, /Usage: cjm check/);
  assert.equal(cjm(['check', '--bogus']).code, 2);
  assert.equal(cjm(['frobnicate']).code, 2);
  const help = cjm(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /check\s+validate maps/);
  assert.equal(cjm(['check', '--help']).code, 0);
});

test('a UTF-8 byte-order mark does not shift positions', () => {
  const dir = tempDir();
  const file = join(dir, 'bom.cjm');
  writeFileSync(file, '\ufeffcjm: 1\ntitle: BOM\nkind: nope\nstages: []\n');
  assert.match(cjm(['check', file]).out, /bom\.cjm:3:7 error unknown-kind/);
});

test('cjm check reads each map\'s `use:` libraries relative to the map, and reports a missing one at its entry', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'library'));
  mkdirSync(join(dir, 'maps'));
  copyFileSync(fixture('library', 'personas.cjm'), join(dir, 'library', 'personas.cjm'));
  copyFileSync(fixture('library', 'sources.cjm'), join(dir, 'library', 'sources.cjm'));
  const map = readFileSync(fixture('library', 'map.cjm'), 'utf8').replace(/\.\//g, '../library/');
  writeFileSync(join(dir, 'maps', 'map.cjm'), map);
  const clean = cjm(['check', 'maps/map.cjm'], dir);
  assert.equal(clean.code, 0, clean.out + clean.err);
  // The whole folder: the libraries are checked as files of their own too, and are clean.
  const all = cjm(['check', '--locale', 'pl'], dir);
  assert.equal(all.code, 0, all.out + all.err);
  assert.match(all.err, /Sprawdzono 3 pliki/);
  writeFileSync(join(dir, 'maps', 'map.cjm'), map.replace('../library/sources.cjm', '../library/zrodla.cjm'));
  const broken = cjm(['check', '--locale', 'pl', 'maps/map.cjm'], dir);
  assert.equal(broken.code, 1);
  assert.match(broken.out, /^maps\/map\.cjm:7:5 błąd missing-file Nie znaleziono pliku `\.\.\/library\/zrodla\.cjm`\.$/m);
});

test('cjm check refuses a `use:` that leaves the working directory', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'repo'));
  writeFileSync(join(dir, 'outside.cjm'), 'cjm: 1\ntitle: O\nkind: library\npersonas:\n  - id: x\n');
  writeFileSync(join(dir, 'repo', 'm.cjm'), 'cjm: 1\ntitle: M\nuse: [../outside.cjm]\npersona: x\nstages:\n  - id: a\n    steps:\n      - name: S\n        emotion: happy\n');
  const r = cjm(['check', '--format', 'json', 'm.cjm'], join(dir, 'repo'));
  assert.equal(r.code, 1);
  const codes = JSON.parse(r.out).files[0].diagnostics.map((d: { code: string }) => d.code);
  assert.deepEqual(codes.sort(), ['refused-file', 'undeclared-reference']);
});
