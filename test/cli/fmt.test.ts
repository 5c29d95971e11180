/** `cjm fmt`: printing, --check and --write through the built binary, on temporary copies. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, fixture } from '../helpers';

const CLI = join(ROOT, 'dist/cli.js');

function cjm(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A temp directory with an unformatted map, a formatted one and (optionally) a broken one. */
function workspace(broken = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'cjm-fmt-'));
  copyFileSync(fixture('format', 'keys.input.cjm'), join(dir, 'messy.cjm'));
  copyFileSync(fixture('format', 'keys.expected.cjm'), join(dir, 'tidy.cjm'));
  if (broken) writeFileSync(join(dir, 'broken.cjm'), 'cjm: 1\ntitle: [unclosed\n');
  return dir;
}

test('one file and no flag: prints the formatted map, leaves the file alone', () => {
  const dir = workspace();
  const r = cjm(['fmt', 'messy.cjm'], dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, readFileSync(fixture('format', 'keys.expected.cjm'), 'utf8'));
  assert.equal(readFileSync(join(dir, 'messy.cjm'), 'utf8'), readFileSync(fixture('format', 'keys.input.cjm'), 'utf8'));
});

test('a directory and no flag: lists the files that would change, exits 0', () => {
  const dir = workspace();
  const r = cjm(['fmt', '.'], dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'messy.cjm\n');
  assert.match(r.err, /1 file would be reformatted, 1 file already formatted/);
});

test('--check lists the files that would change and exits 1; 0 when all are formatted', () => {
  const dir = workspace();
  const r = cjm(['fmt', '--check'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.out, 'messy.cjm\n');
  const clean = cjm(['fmt', '--check', 'tidy.cjm'], dir);
  assert.equal(clean.code, 0, clean.err);
  assert.equal(clean.out, '');
});

test('--write rewrites only the files that change, keeps the file mode, and then --check passes', () => {
  const dir = workspace();
  chmodSync(join(dir, 'messy.cjm'), 0o640);
  const tidyBefore = statSync(join(dir, 'tidy.cjm')).mtimeMs;
  const r = cjm(['fmt', '--write', '*.cjm'], dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'messy.cjm\n');
  assert.match(r.err, /1 file formatted, 1 file already formatted/);
  assert.equal(readFileSync(join(dir, 'messy.cjm'), 'utf8'), readFileSync(fixture('format', 'keys.expected.cjm'), 'utf8'));
  assert.equal(statSync(join(dir, 'messy.cjm')).mode & 0o777, 0o640);
  assert.equal(statSync(join(dir, 'tidy.cjm')).mtimeMs, tidyBefore);
  assert.deepEqual(readdirSync(dir).sort(), ['messy.cjm', 'tidy.cjm'], 'no temporary files left behind');
  assert.equal(cjm(['fmt', '--check'], dir).code, 0);
});

test('--write keeps CRLF line endings and a byte-order mark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cjm-fmt-'));
  writeFileSync(join(dir, 'a.cjm'), '\ufefftitle: T\r\ncjm: 1\r\n');
  const r = cjm(['fmt', '--write', 'a.cjm'], dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(readFileSync(join(dir, 'a.cjm'), 'utf8'), '\ufeffcjm: 1\r\ntitle: T\r\n');
});

test('a file the formatter refuses is reported with the reason, left untouched, and exits 2', () => {
  const dir = workspace(true);
  const r = cjm(['fmt', '--check'], dir);
  assert.equal(r.code, 2);
  assert.equal(r.out, 'messy.cjm\n');
  assert.match(r.err, /^broken\.cjm: error: not formatted: The file has a YAML error/m);
  const w = cjm(['fmt', '--write'], dir);
  assert.equal(w.code, 2);
  assert.equal(readFileSync(join(dir, 'broken.cjm'), 'utf8'), 'cjm: 1\ntitle: [unclosed\n');
  assert.equal(cjm(['fmt', 'broken.cjm'], dir).out, '');
});

test('usage errors: both flags, an unknown flag, a missing file', () => {
  const dir = workspace();
  assert.equal(cjm(['fmt', '--check', '--write'], dir).code, 2);
  assert.equal(cjm(['fmt', '--fix'], dir).code, 2);
  const missing = cjm(['fmt', '--check', 'nope.cjm'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /nope\.cjm: error: no such file/);
});

test('cjm --help lists fmt', () => {
  assert.match(cjm(['--help'], ROOT).out, /^ {2}fmt +lay out maps/m);
});
