/**
 * Real git repositories for the site's tests: a map that is added, edited by two people,
 * renamed, broken by a commit and fixed, and edited on a branch that is merged back; and a map
 * that takes its personas from a shared library that changes under it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, renameSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { example, fixture } from '../helpers';

export interface Repo {
  readonly dir: string;
  /** added to git's environment: dates, authors */
  readonly env: Record<string, string>;
  git(...args: string[]): string;
}

export function newRepo(): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'cjm-site-'));
  const env: Record<string, string> = {};
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Anna', GIT_AUTHOR_EMAIL: 'anna@example.com', GIT_COMMITTER_NAME: 'Anna', GIT_COMMITTER_EMAIL: 'anna@example.com', ...env } });
  git('init', '-q', '-b', 'main');
  return { dir, env, git };
}

/** Commits with fixed dates, one day apart, so the history reads the same on every run. */
export function commit(repo: Repo, day: number, subject: string, author = 'Anna'): void {
  setDay(repo, day, author);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', subject);
}

function setDay(repo: Repo, day: number, author: string): void {
  const date = `2026-03-${String(day).padStart(2, '0')}T10:00:00+01:00`;
  Object.assign(repo.env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: author });
}

/**
 * shop.cjm: added (1 Mar, Anna), sign-up emotion frustrated → satisfied (2 Mar, Boris),
 * renamed to journeys/shop.cjm (3 Mar), broken by a stray bracket (4 Mar), fixed (5 Mar),
 * title changed on a branch (6 Mar) while main adds a pain (7 Mar), merged (8 Mar).
 * Also restaurant.cjm, city-app.cjm (future state) and the Russian and Polish examples, committed once.
 */
export function historyRepo(): Repo & { readonly shop: string } {
  const repo = newRepo();
  const shopText = readFileSync(example('online-shop.cjm'), 'utf8');
  const p = (...x: string[]) => join(repo.dir, ...x);
  writeFileSync(p('shop.cjm'), shopText);
  for (const f of ['restaurant.cjm', 'bank-omnichannel-ru.cjm', 'sklep-internetowy-pl.cjm', 'city-app.cjm']) copyFileSync(example(f), p(f));
  commit(repo, 1, 'First draft of the shop journey');
  writeFileSync(p('shop.cjm'), shopText.replace('emotion: frustrated', 'emotion: satisfied'));
  commit(repo, 2, 'Guest checkout shipped', 'Boris');
  mkdirSync(p('journeys'));
  renameSync(p('shop.cjm'), p('journeys', 'shop.cjm'));
  commit(repo, 3, 'Move maps into journeys/');
  const good = readFileSync(p('journeys', 'shop.cjm'), 'utf8');
  writeFileSync(p('journeys', 'shop.cjm'), good.replace('stages:', 'stages: [oops'));
  commit(repo, 4, 'WIP: half-edited map');
  writeFileSync(p('journeys', 'shop.cjm'), good);
  commit(repo, 5, 'Fix the map');
  repo.git('checkout', '-q', '-b', 'retitle');
  const title = /^title: .*$/m;
  writeFileSync(p('journeys', 'shop.cjm'), good.replace(title, 'title: First order, guest checkout'));
  commit(repo, 6, 'Retitle the journey', 'Celina');
  repo.git('checkout', '-q', 'main');
  writeFileSync(p('journeys', 'shop.cjm'), good.replace('        emotion: anxious', '        emotion: angry'));
  commit(repo, 7, 'Paying angers people', 'Boris');
  setDay(repo, 8, 'Anna');
  repo.git('merge', '-q', '--no-edit', 'retitle');
  return { ...repo, shop: 'journeys/shop.cjm' };
}

export const HOSTILE = () => readFileSync(fixture('render', 'hostile.cjm'), 'utf8');

/**
 * The bank's map (library/current.cjm) and its library over three commits: first the library
 * lacks Igor, whom the map names (that version is broken); then Igor joins it as the map is
 * retitled; then the map alone changes again.
 */
export function libraryRepo(): Repo {
  const r = newRepo();
  const lib = readFileSync(example('library/bank-library.cjm'), 'utf8');
  const map = readFileSync(example('library/current.cjm'), 'utf8');
  const withoutIgor = lib.replace(/\n  - id: игорь\n[\s\S]*?(?=\nchannels:)/, '');
  if (withoutIgor === lib) throw new Error('the library example no longer declares Igor before its channels');
  mkdirSync(join(r.dir, 'library'));
  writeFileSync(join(r.dir, 'library', 'bank-library.cjm'), withoutIgor);
  writeFileSync(join(r.dir, 'library', 'current.cjm'), map);
  commit(r, 1, 'Bank map and its library');
  writeFileSync(join(r.dir, 'library', 'bank-library.cjm'), lib);
  writeFileSync(join(r.dir, 'library', 'current.cjm'), map.replace(/^title: .*$/m, 'title: Дебетовая карта — после пилота'));
  commit(r, 2, 'Igor joins the library', 'Boris');
  writeFileSync(join(r.dir, 'library', 'current.cjm'), map.replace(/^title: .*$/m, 'title: Дебетовая карта — итоги года'));
  commit(r, 3, 'A year on');
  return r;
}
