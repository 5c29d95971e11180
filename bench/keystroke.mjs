// CPU time of one keystroke's re-analysis (IncrementalAnalyzer, as the language server runs it)
// in this working tree against the core of another revision, interleaved so load falls on both:
// an `emotion:` value changed in the middle of the map (same length), and one character typed
// there (everything after it moves). Medians of the runs; the best of two interleaved passes.
// Usage: node bench/keystroke.mjs --base=<git revision>   (default: main)
import * as esbuild from 'esbuild';
import { yamlAlias } from '../scripts/yaml-bundle.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { generateMapOfLines } from './generate-map.mjs';

const root = new URL('..', import.meta.url).pathname;
const base = process.argv.find((a) => a.startsWith('--base='))?.slice(7) ?? 'main';
const require = createRequire(import.meta.url);
const baseDir = `${root}out/bench/base`;
rmSync(baseDir, { recursive: true, force: true });
mkdirSync(baseDir, { recursive: true });
execFileSync('sh', ['-c', `git -C "${root}" archive "${base}" core | tar -x -C "${baseDir}"`]);

async function load(dir, name) {
  const outfile = `${root}out/bench/${name}.cjs`;
  await esbuild.build({ entryPoints: [`${dir}/core/index.ts`], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', alias: yamlAlias, nodePaths: [`${root}node_modules`] });
  return require(outfile);
}
const cores = { [base]: await load(baseDir, 'base'), 'this tree': await load(root, 'tree') };
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

console.log(`| map lines | ${Object.keys(cores).flatMap((n) => [`${n}: emotion changed`, `${n}: a character typed`]).join(' | ')} |`);
console.log(`|---:|${Object.keys(cores).map(() => '---:|---:').join('|')}|`);
for (const lines of [1000, 10000, 50000]) {
  const text0 = generateMapOfLines(lines);
  const mid = text0.indexOf('emotion: happy', text0.length / 2);
  const best = {};
  for (let pass = 0; pass < 2; pass++) {
    for (const [name, core] of Object.entries(cores)) {
      for (const kind of ['emotion', 'typing']) {
        let text = text0;
        // As the language server makes it (an older core ignores the option).
        const inc = new core.IncrementalAnalyzer({ latestOnly: true });
        inc.analyze(text);
        const runs = lines >= 50000 ? 8 : 20;
        const ts = [];
        for (let i = 0; i < runs; i++) {
          text = kind === 'emotion' ? text0.slice(0, mid) + (i % 2 ? 'emotion: happy' : 'emotion: angry') + text0.slice(mid + 14) : text.slice(0, mid) + 'x' + text.slice(mid);
          const c = cpu();
          inc.analyze(text);
          ts.push(cpu() - c);
        }
        if (inc.lastMode !== 'incremental') throw new Error(`${name} fell back to a full parse`);
        ts.sort((a, b) => a - b);
        const key = `${name} ${kind}`;
        best[key] = Math.min(best[key] ?? Infinity, ts[ts.length >> 1]);
      }
    }
  }
  console.log(`| ${(text0.split('\n').length - 1).toLocaleString('en')} | ${Object.values(best).map((v) => `${v.toFixed(1)} ms`).join(' | ')} |`);
}
console.log(`\nnode ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; CPU time per re-analysis`);
