// `cjm site` at scale: a git repository of MAPS generated maps (5 stages × 2 steps, about
// 240 lines, the size of the examples) where every one of COMMITS commits changes every map
// (an emotion, a pain, sometimes a stage name), so each map has COMMITS versions. Times:
//   - git: the one `git log` and the one `git cat-file --batch` (mapHistories);
//   - the whole build in process (analyses, diffs, pages, files), cold, one core;
//   - `cjm site` as a process (Node start-up included), and again pinned to one CPU (taskset):
//     the target's "on one core";
//   - page loads in headless Chromium from file:// (index, a map page with its history),
//     navigation start → load event, median of 5; skipped without /usr/bin/chromium.
// Run: npm run build && node bench/site.mjs   (BENCH_MAPS=20 BENCH_COMMITS=10 for a quick run;
// BENCH_CLI=0 skips the whole-process builds (as is, and pinned to one core with taskset); BENCH_PAGES=0 the page loads;
// BENCH_CACHE=0 the builds with --cache; BENCH_HISTORY=20 shows cjm site's default
// number of versions per map instead of every commit)
import * as esbuild from 'esbuild';
import { yamlAlias } from '../scripts/yaml-bundle.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMap } from './generate-map.mjs';

const root = new URL('..', import.meta.url).pathname;
const MAPS = Number(process.env.BENCH_MAPS ?? 100);
const COMMITS = Number(process.env.BENCH_COMMITS ?? 50);
// versions per map on the pages (`cjm site --history`); default: every commit
const HISTORY = Number(process.env.BENCH_HISTORY ?? COMMITS);
const EMOTIONS = ['delighted', 'happy', 'satisfied', 'neutral', 'confused', 'anxious', 'frustrated', 'angry'];

const outfile = join(root, 'out/bench/site.cjs');
await esbuild.build({
  stdin: { contents: "export { buildSite, findSiteScripts } from './cli/site/build'; export { mapHistories } from './cli/site/history';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', alias: yamlAlias, loader: { '.css': 'text' },
});
const site = createRequire(import.meta.url)(outfile);
const scripts = site.findSiteScripts(join(root, 'dist'));
if (!scripts) throw new Error('dist/media/site.js is missing: run npm run build first');

// ---- the repository, through git fast-import (one process for every commit) ----
const repo = mkdtempSync(join(tmpdir(), 'cjm-bench-site-'));
const git = (args, input) => {
  const r = spawnSync('git', args, { cwd: repo, input, maxBuffer: 1 << 30, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
  if (r.status !== 0) throw new Error(`git ${args[0]}: ${r.stderr}`);
  return r.stdout.toString();
};
git(['init', '-q', '-b', 'main']);
const base = generateMap({ stages: 5, steps: 2 });
const version = (m, c) => {
  let text = base.replace(/^title: .*$/m, `title: Journey ${m}`);
  // Every commit changes one step's emotion and adds a pain somewhere; every tenth renames a stage.
  let n = 0;
  text = text.replace(/emotion: \w+/g, (w) => (n++ === c % 10 ? `emotion: ${EMOTIONS[(c + m) % EMOTIONS.length]}` : w));
  text = text.replace(`- Pain ${c % 10}a, the form is long`, `- Pain ${c % 10}a, the form is long\n          - Pain added in commit ${c}`);
  if (c % 10 === 9) text = text.replace('name: Stage 2', `name: Stage two (rev ${c})`);
  return text;
};
let stream = '';
const t0 = performance.now();
for (let c = 0; c < COMMITS; c++) {
  const subject = `Commit ${c + 1}: revise every journey`;
  stream += `commit refs/heads/main\nauthor Author ${c % 7} <a${c % 7}@example.com> ${1767225600 + c * 86400} +0100\ncommitter CI <ci@example.com> ${1767225600 + c * 86400} +0100\ndata ${Buffer.byteLength(subject)}\n${subject}\n`;
  for (let m = 0; m < MAPS; m++) {
    const text = version(m, c);
    stream += `M 100644 inline maps/journey-${String(m).padStart(3, '0')}.cjm\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  }
}
git(['fast-import', '--quiet'], stream);
git(['checkout', '-q', 'main']);
console.log(`repository: ${MAPS} maps × ${COMMITS} commits in ${Math.round(performance.now() - t0)} ms (${repo})`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const files = readdirSync(join(repo, 'maps')).sort().map((f) => `maps/${f}`);

let t = performance.now();
const histories = site.mapHistories(repo, files, HISTORY);
const gitMs = performance.now() - t;
const versions = [...histories.values()].reduce((n, h) => n + h.versions.length, 0);

const out = mkdtempSync(join(tmpdir(), 'cjm-bench-site-out-'));
t = performance.now();
const cpu0 = process.cpuUsage();
const result = site.buildSite({ files: files.map((file) => ({ file, text: readFileSync(join(repo, file), 'utf8') })), cwd: repo, out, locale: 'en', history: HISTORY, scripts });
const buildMs = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
const buildCpuMs = (cpu.user + cpu.system) / 1000;

// `--cache`: a cold build that fills the cache, then one more commit changing every map (a
// push) and the build after it, which analyses only the new versions.
let cacheRows = [];
if (process.env.BENCH_CACHE !== '0') {
  const cacheDir = mkdtempSync(join(tmpdir(), 'cjm-bench-site-cache-'));
  const timed = () => {
    const c0 = process.cpuUsage();
    const r = site.buildSite({ files: files.map((file) => ({ file, text: readFileSync(join(repo, file), 'utf8') })), cwd: repo, out: mkdtempSync(join(tmpdir(), 'cjm-bench-site-out-')), locale: 'en', history: HISTORY, scripts, cache: { dir: cacheDir, version: 'bench' } });
    const c = process.cpuUsage(c0);
    return { r, ms: (c.user + c.system) / 1000 };
  };
  const filled = timed();
  const c = COMMITS;
  const subject = `Commit ${c + 1}: revise every journey`;
  let push = `commit refs/heads/main\nauthor Author 0 <a0@example.com> ${1767225600 + c * 86400} +0100\ncommitter CI <ci@example.com> ${1767225600 + c * 86400} +0100\ndata ${Buffer.byteLength(subject)}\n${subject}\nfrom refs/heads/main^0\n`;
  for (let m = 0; m < MAPS; m++) {
    const text = version(m, c);
    push += `M 100644 inline maps/journey-${String(m).padStart(3, '0')}.cjm\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  }
  git(['fast-import', '--quiet'], push);
  git(['reset', '-q', '--hard', 'main']);
  const after = timed();
  cacheRows = [
    ['with `--cache`, cold: the same build filling the cache (CPU)', `${filled.r.analysed} versions analysed`, `${Math.round(filled.ms)} ms`],
    ['with `--cache`, after a push changing every map (CPU)', `${after.r.analysed} versions analysed`, `${Math.round(after.ms)} ms`],
  ];
}

const runCli = process.env.BENCH_CLI !== '0';
// The process's peak memory, as it reports it on exit (a preloaded module: nothing else changes).
const rssProbe = join(mkdtempSync(join(tmpdir(), 'cjm-bench-rss-')), 'rss.cjs');
writeFileSync(rssProbe, "process.on('exit', () => process.stderr.write(`\\ncjm-bench-max-rss ${process.resourceUsage().maxRSS}\\n`));\n");
t = performance.now();
const cli = !runCli ? { status: 0 } : spawnSync(process.execPath, ['--require', rssProbe, join(root, 'dist/cli.js'), 'site', '-o', join(out, 'cli'), '--history', String(HISTORY)], { cwd: repo, encoding: 'utf8' });
const cliMs = performance.now() - t;
if (cli.status !== 0) throw new Error(cli.stderr);
const cliRssMb = runCli ? Number(/cjm-bench-max-rss (\d+)/.exec(cli.stderr)?.[1] ?? NaN) / 1024 : NaN;
// What the target says: the whole build on one core. `taskset` pins the process, its compiler
// and garbage-collector threads and the git processes it starts to one CPU, so the wall time
// is what one core spends (the in-process CPU time above adds those threads' time run in parallel).
const oneCore = runCli && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
t = performance.now();
const pinned = !oneCore ? { status: 0 } : spawnSync('taskset', ['-c', String(os.cpus().length - 1), process.execPath, join(root, 'dist/cli.js'), 'site', '-o', join(out, 'cli-one-core'), '--history', String(HISTORY)], { cwd: repo, encoding: 'utf8' });
const pinnedMs = performance.now() - t;
if (pinned.status !== 0) throw new Error(pinned.stderr);

const size = (dir) => readdirSync(dir).reduce((n, f) => {
  const p = join(dir, f);
  return n + (statSync(p).isDirectory() ? size(p) : statSync(p).size);
}, 0);

const rows = [
  ['history: one `git log` + one `git cat-file --batch`', `${versions} versions`, `${Math.round(gitMs)} ms`],
  ['whole build in process (git, analyses, diffs, pages, files): wall', `${result.maps} maps, ${result.versions} versions`, `${Math.round(buildMs)} ms`],
  ['the same build: CPU time of the Node process (one core; the git processes not counted)', '', `${Math.round(buildCpuMs)} ms`],
  ...(runCli ? [['`cjm site` as a process', '', `${Math.round(cliMs)} ms`], ['… its peak memory (resident set)', '', `${Math.round(cliRssMb)} MB`]] : []),
  ...(oneCore ? [['**`cjm site` as a process on one core** (`taskset`: Node start-up, git and every thread on one CPU)', '', `**${Math.round(pinnedMs)} ms**`]] : []),
  ...cacheRows,
  ['site size', `${Math.round(size(out + '/maps') / 1024 / 1024 * 10) / 10} MB (maps/)`, ''],
];

if (process.env.BENCH_PAGES !== '0' && existsSync('/usr/bin/chromium')) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Navigation start → load event (the page drawn and usable), and → the moment the scripts
  // site.js loads after it (the search index, time travel) have run.
  const load = async (url, ready) => {
    const times = [];
    const readyTimes = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(ready);
      const [loaded, done] = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0];
        return [n.loadEventEnd - n.startTime, performance.now() - n.startTime];
      });
      times.push(loaded);
      readyTimes.push(done);
    }
    return [Math.round(median(times)), Math.round(median(readyTimes))];
  };
  const [indexLoad, searchReady] = await load(`file://${out}/index.html`, () => 'CJM_SEARCH' in window);
  rows.push(['page load: index of all maps (Chromium, file://)', `${result.maps} cards`, `${indexLoad} ms`]);
  rows.push(['… its search index loaded after it (ready to search)', `${Math.round(statSync(join(out, 'assets/search.js')).size / 1024)} KB`, `${searchReady} ms`]);
  const [mapLoad, travelReady] = await load(`file://${out}/maps/maps-journey-000.html`, () => document.getElementById('site-history')?.dataset.ready === 'true');
  rows.push(['page load: a map page with its history', `${HISTORY} versions`, `${mapLoad} ms`]);
  rows.push(['… time travel loaded after it (versions and analyser)', `${Math.round((statSync(join(out, 'maps/maps-journey-000/versions.js')).size + statSync(join(out, 'assets/history.js')).size) / 1024)} KB`, `${travelReady} ms`]);
  // Time travel: the oldest version analysed and drawn in the page.
  const travel = [];
  for (let i = 0; i < 5; i++) {
    travel.push(await page.evaluate((i) => {
      const s = document.getElementById('site-version-slider');
      const t = performance.now();
      s.value = String(i % 2 ? 0 : 1);
      s.dispatchEvent(new Event('input'));
      document.body.offsetHeight;
      return performance.now() - t;
    }, i));
  }
  rows.push(['time travel: another version analysed and drawn in the page', '', `${Math.round(median(travel))} ms`]);
  await browser.close();
}

console.log(`\n| ${MAPS} maps × ${COMMITS} commits, --history ${HISTORY} | | Time |\n|---|---|---:|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(`\nnode ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
