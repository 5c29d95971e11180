// Formatting: what it costs and whether it holds anything up.
//
// 1. The core formatter (`formatText`, in process, CPU time) of this tree against another
//    revision's, interleaved so load falls on both, on generated maps of 1k / 10k / 50k lines
//    in three states: every stage out of order (the generator's maps: every step has one key out
//    of place), a formatted map with one stage out of order (what formatting after an edit
//    sees), and a map already formatted.
// 2. The language servers as an editor meets them: a formatting request's wall time in the Node
//    server (dist/server.js over stdio, a worker thread from 16,000 characters) and the browser
//    build's (dist/server.browser.js in a Worker in headless Chromium; a Worker of its own
//    formats), and the longest a hover waits while a 50k-line map is being formatted: hovers
//    are sent one after another (each when the last is answered) from the formatting request
//    until its answer. The browser build without Workers in Workers (formatting on its loop, as
//    every browser build did before) is measured beside it.
//
// Usage: node bench/format.mjs [--base=<git revision>] [--sizes=1000,10000,50000] [--rounds=5,3,2]
//        [--no-build] [--core-only | --servers-only]
import * as esbuild from 'esbuild';
import { yamlAlias } from '../scripts/yaml-bundle.mjs';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { generateMapOfLines } from './generate-map.mjs';
import { CHROMIUM, startBrowserServer } from './browser-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const flag = (name) => process.argv.includes(`--${name}`);
const base = arg('base', 'main');
const SIZES = arg('sizes', '1000,10000,50000').split(',').map(Number);
const ROUNDS = arg('rounds', '5,3,2').split(',').map(Number);
const rounds = (i) => ROUNDS[Math.min(i, ROUNDS.length - 1)];
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const lines = (t) => (t.split('\n').length - 1).toLocaleString('en');
console.log(`load average at the start: ${loadavg().map((x) => x.toFixed(1)).join(' / ')}`);

// ---------------------------------------------------------------------------------------------
if (!flag('servers-only')) {
  const baseDir = `${root}out/bench/format-base`;
  rmSync(baseDir, { recursive: true, force: true });
  mkdirSync(baseDir, { recursive: true });
  execFileSync('sh', ['-c', `git -C "${root}" archive "${base}" core | tar -x -C "${baseDir}"`]);
  const load = async (dir, name) => {
    const outfile = `${root}out/bench/${name}.cjs`;
    await esbuild.build({ entryPoints: [`${dir}/core/format.ts`], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', alias: yamlAlias, nodePaths: [`${root}node_modules`] });
    return require(outfile);
  };
  const cores = { [base]: await load(baseDir, 'format-base'), 'this tree': await load(root, 'format-tree') };
  const tree = cores['this tree'];
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  console.log(`\nThe core formatter, CPU time per formatText (median), ${base} against this tree:\n`);
  console.log(`| map lines | map | ${Object.keys(cores).join(' | ')} | how this tree proved it |`);
  console.log(`|---:|---|${Object.keys(cores).map(() => '---:').join('|')}|---|`);
  SIZES.forEach((n, si) => {
    const text = generateMapOfLines(n);
    const once = tree.formatText(text).text;
    // One step of the middle stage with two keys swapped back out of order.
    const at = once.indexOf('        action:', once.length >> 1);
    const j = once.indexOf('\n', at) + 1;
    const k = once.indexOf('\n', j) + 1;
    const oneStage = once.slice(0, at) + once.slice(j, k) + once.slice(at, j) + once.slice(k);
    for (const [what, input] of [['every stage out of order', text], ['one stage out of order', oneStage], ['already formatted', once]]) {
      const times = Object.fromEntries(Object.keys(cores).map((c) => [c, []]));
      let how = '';
      for (let r = 0; r < rounds(si); r++) {
        for (const [name, core] of Object.entries(cores)) {
          const c = cpu();
          const out = core.formatText(input);
          times[name].push(cpu() - c);
          if (!out.ok) throw new Error(`${name} refused: ${out.reason}`);
          if (core === tree) how = tree.lastProof.how;
        }
      }
      const texts = Object.values(cores).map((core) => core.formatText(input).text);
      if (texts.some((t) => t !== texts[0])) throw new Error(`the formatters disagree on ${what} at ${n} lines`);
      console.log(`| ${lines(input)} | ${what} | ${Object.values(times).map((t) => `${ms(median(t))} ms`).join(' | ')} | ${how} |`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
if (!flag('core-only')) {
  if (!flag('no-build')) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) process.exit(1);
  }
  const rpc = require('vscode-jsonrpc/node');
  const FORMAT = { tabSize: 2, insertSpaces: true };

  /** The Node server over stdio, with the same few calls the browser harness offers. */
  async function startNodeServer() {
    const proc = spawn(process.execPath, [`${root}dist/server.js`, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
    conn.onRequest(() => null);
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { workspaceValidation: false } });
    conn.sendNotification('initialized', {});
    return {
      open: (uri, text) => conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'cjm', version: 1, text } }),
      request: (m, p) => conn.sendRequest(m, p),
      /** formatting's wall time; the longest, median and count of hovers answered meanwhile */
      async probe(uri, withHovers) {
        const t0 = performance.now();
        let done = false;
        const format = conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: FORMAT }).then(() => (done = true));
        const waits = [];
        if (withHovers) {
          while (!done) {
            const h = performance.now();
            await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
            waits.push(performance.now() - h);
          }
        }
        await format;
        return { format: performance.now() - t0, waits };
      },
      async close() {
        conn.dispose();
        proc.kill();
      },
    };
  }

  /** The browser build: the same probe, timed inside the page. */
  async function startWebServer(nestedWorkers) {
    const s = await startBrowserServer({ nestedWorkers });
    return {
      open: s.open,
      request: (m, p) => s.request(m, p),
      probe: (uri, withHovers) =>
        s.page.evaluate(
          async ([u, o, hovers]) => {
            const t0 = performance.now();
            const id = lsp.send('textDocument/formatting', { textDocument: { uri: u }, options: o });
            let done = false;
            const format = lsp.response(id).then(() => (done = true));
            const waits = [];
            if (hovers) {
              while (!done) {
                const h = performance.now();
                await lsp.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 2 } });
                waits.push(performance.now() - h);
              }
            }
            await format;
            return { format: performance.now() - t0, waits };
          },
          [uri, FORMAT, withHovers],
        ),
      close: s.close,
    };
  }

  const servers = [['Node server', () => startNodeServer()]];
  if (existsSync(CHROMIUM)) servers.push(['browser build', () => startWebServer(true)], ['browser build, formatting on its loop', () => startWebServer(false)]);
  const rows = [];
  for (const [name, start] of servers) {
    const s = await start();
    const row = { name, format: [], waits: undefined };
    let doc = 0;
    for (const [si, n] of SIZES.entries()) {
      const text = generateMapOfLines(n);
      const uri = `file:///bench/format-${++doc}.cjm`;
      await s.open(uri, text);
      // The analysis of the open is done before the clock starts.
      await s.request('textDocument/documentSymbol', { textDocument: { uri } });
      const times = [];
      for (let r = 0; r < rounds(si); r++) times.push((await s.probe(uri, false)).format);
      row.format.push(median(times));
      if (n === Math.max(...SIZES)) {
        const p = await s.probe(uri, true);
        row.waits = { longest: Math.max(0, ...p.waits), median: p.waits.length ? median(p.waits) : 0, count: p.waits.length, format: p.format };
      }
    }
    await s.close();
    rows.push(row);
    console.error(`${name} done`);
  }
  console.log(`\nFormatting request → edits (wall time, median), and hovers during the formatting of the ${lines(generateMapOfLines(Math.max(...SIZES)))}-line map:\n`);
  console.log(`| server | ${SIZES.map((n) => `formatting, ${lines(generateMapOfLines(n))} lines`).join(' | ')} | longest hover wait | median hover wait | hovers answered meanwhile |`);
  console.log(`|---|${SIZES.map(() => '---:').join('|')}|---:|---:|---:|`);
  for (const r of rows) console.log(`| ${r.name} | ${r.format.map((x) => `${ms(x)} ms`).join(' | ')} | ${ms(r.waits.longest)} ms | ${ms(r.waits.median)} ms | ${r.waits.count} (in ${ms(r.waits.format)} ms) |`);
}
console.log(`\nnode ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' / ')}`);
