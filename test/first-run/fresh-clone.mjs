// A fresh clone of this checkout in a temporary folder: what a newcomer has after `git clone`,
// plus the work not committed yet (so `npm test` before a commit tests that work), and nothing
// a previous run left behind (.cache/run, .cache/playground, dist/, test-results/).
// Two things are shared instead of redone, because they are downloads, not state:
// node_modules (a symlink) and the code-server install (.cache/code-server, a symlink).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

function git(args, cwd) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/** Returns { dir: the clone, remove() }. */
export function freshClone(name = 'cjm') {
  const parent = mkdtempSync(join(tmpdir(), 'cjm-fresh-'));
  const dir = join(parent, name);
  git(['clone', '--quiet', '--no-hardlinks', root, dir], parent);
  const list = (flag) => git(['ls-files', '-z', flag, '--exclude-standard'], root).split('\0').filter(Boolean);
  for (const file of new Set([...list('--modified'), ...list('--others')])) {
    const from = join(root, file);
    // node_modules is a symlink in worktrees (and so not matched by .gitignore's `node_modules/`).
    if (file === 'node_modules' || !existsSync(from) || lstatSync(from).isSymbolicLink()) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(from, join(dir, file));
  }
  for (const file of list('--deleted')) rmSync(join(dir, file), { force: true });
  symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
  const codeServer = join(root, '.cache/code-server');
  if (existsSync(codeServer)) {
    mkdirSync(join(dir, '.cache'), { recursive: true });
    symlinkSync(realpathSync(codeServer), join(dir, '.cache/code-server'));
  }
  return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}
