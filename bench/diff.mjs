// Review benchmarks: `cjm diff` of two generated 200-stage maps (target < 100 ms) and
// `cjm check` over 100 maps (target < 2 s), each run through the real CLI (dist/cli.js,
// `npm run build` first) so Node's start-up is included. Prints a Markdown table row set.
// Usage: node bench/diff.mjs [--runs 5]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadCore } from './load-core.mjs';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const EMOTIONS = ['delighted', 'happy', 'satisfied', 'neutral', 'uncertain', 'anxious', 'frustrated', 'angry'];

/** A map with `stages` stages of 3 steps; `variant` 1 changes about a tenth of it. */
function map(stages, variant = 0) {
  const out = ['cjm: 1', `title: Generated journey ${stages}`, 'stages:'];
  for (let i = 0; i < stages; i++) {
    if (variant && i % 37 === 5) continue; // removed stages
    out.push(`  - id: stage-${i}`, `    name: Stage ${i}${variant && i % 23 === 0 ? ' (renamed)' : ''}`, '    steps:');
    for (let j = 0; j < 3; j++) {
      const e = EMOTIONS[(i * 3 + j + (variant && i % 11 === 0 ? 3 : 0)) % EMOTIONS.length];
      out.push(`      - id: s${i}-${j}`, `        name: Step ${i}.${j}`, `        action: Does thing ${j} of stage ${i}`, `        emotion: ${e}`);
      out.push('        pains:', `          - Pain ${i}.${j}`);
      if (variant && i % 13 === 0) out.push(`          - New pain ${i}.${j}`);
    }
    if (variant && i % 29 === 0) out.push(`  - id: added-${i}`, '    steps:', `      - name: New step ${i}`, '        emotion: happy');
  }
  return out.join('\n') + '\n';
}

function time(args) {
  const samples = [];
  let last;
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    last = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], min: samples[0], last };
}

const dir = mkdtempSync(join(tmpdir(), 'cjm-bench-'));
try {
  writeFileSync(join(dir, 'before.cjm'), map(200));
  writeFileSync(join(dir, 'after.cjm'), map(200, 1));
  const node = time(['--version']);
  const diff = time(['diff', '--format', 'json', join(dir, 'before.cjm'), join(dir, 'after.cjm')]);
  const changes = JSON.parse(diff.last.stdout).summary.changes;
  mkdirSync(join(dir, 'maps'));
  for (let i = 0; i < 100; i++) writeFileSync(join(dir, 'maps', `map-${i}.cjm`), map(8 + (i % 5), i % 2));
  const check = time(['check', join(dir, 'maps')]);
  // In-process: the parse and the diff engine apart, first (cold) and best (warm) of `runs`.
  const core = await loadCore();
  const texts = ['before.cjm', 'after.cjm'].map((f) => readFileSync(join(dir, f), 'utf8'));
  const parse = [];
  const engine = [];
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const [a, b] = texts.map((x) => core.analyze(x));
    parse.push(performance.now() - t);
    t = performance.now();
    core.diffMaps(a, b);
    engine.push(performance.now() - t);
  }
  const rows = [
    ['`diffMaps` engine only (in process), cold / warm', `${changes} changes`, engine[0], 100, Math.min(...engine)],
    ['`analyze` both 200-stage maps (in process), cold / warm', '', parse[0], undefined, Math.min(...parse)],
    ['`cjm diff` two 200-stage maps (600 steps each)', `${changes} changes`, diff.median, 100],
    ['`cjm check` 100 maps (8–12 stages each)', `exit ${check.last.status}`, check.median, 2000],
    ['`cjm --version` (Node start-up, for reference)', '', node.median, undefined],
  ];
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; CLI rows: median of ${runs} runs of the whole process.\n`);
  console.log('| Benchmark | Result | Time | Target |');
  console.log('|---|---|---|---|');
  for (const [name, result, ms, target, warm] of rows) {
    const shown = warm === undefined ? `${ms.toFixed(0)} ms` : `${ms.toFixed(0)} / ${warm.toFixed(0)} ms`;
    console.log(`| ${name} | ${result} | ${shown} | ${target === undefined ? '' : `< ${target} ms ${ms < target ? '✔' : '✘'}`} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
