// The cjm language server against yaml-language-server (given schemas/cjm.schema.json) on the
// same generated maps, both spoken to over stdio as an editor would, interleaved (one round of
// cjm, one of yaml-language-server, …) so machine load falls on both alike. Per size:
//   open     didOpen of a fresh document (new URI, new version) → its first publishDiagnostics
//   edit     one `emotion:` value replaced in the middle of the map → the next publishDiagnostics
//            for that version: what the user waits, quiet periods included, nothing subtracted
//   burst    five keystrokes 40 ms apart → the diagnostics of the last one
//   completion at `emotion: ` right after a keystroke; hover on a key; document symbols;
//   formatting of the whole document
//   memory   heap after a forced GC, after the document was opened, and after 1,000 edits (each
//            followed by a document-symbols request, which makes both servers read the text)
// Every cell: median wall time, and in brackets the server's CPU time per operation (from
// /proc/<pid>/stat, 10 ms ticks: averaged over the rounds).
// yaml-language-server is a bench-only dependency, installed outside package.json:
//   npm install --no-save --prefix bench/.deps yaml-language-server
//   npm install --no-save --prefix bench/.deps-1 yaml-language-server@1.15   (optional: an older one beside it)
// Usage: node bench/lsp.mjs [--write] [--no-build] [--sizes=1000,10000,50000] [--rounds=8,5,3] [--edits=1000]
//   --render: no run, tables and plot from bench/results/lsp.json
//   --write puts the table into docs/performance.md, the data into bench/results/lsp.json and
//   the plot into docs/images/lsp-scaling.svg (bench/plot-lsp.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateMapOfLines } from './generate-map.mjs';
import { plotLsp } from './plot-lsp.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const SCHEMA = pathToFileURL(join(root, 'schemas/cjm.schema.json')).href;
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SIZES = arg('sizes', '1000,10000,50000').split(',').map(Number);
const ROUNDS = arg('rounds', '8,5,3').split(',').map(Number);
const EDITS = Number(arg('edits', '1000'));
const CLK_TCK = 100;

const SERVERS = [
  { name: 'cjm', args: [join(root, 'dist/server.js'), '--stdio'] },
  ...['.deps', '.deps-1']
    .map((d) => join(root, 'bench', d, 'node_modules/yaml-language-server'))
    .filter((p) => existsSync(join(p, 'bin/yaml-language-server')))
    .map((p) => ({ name: `yaml-ls ${JSON.parse(readFileSync(join(p, 'package.json'), 'utf8')).version}`, args: [join(p, 'bin/yaml-language-server'), '--stdio'], yaml: true })),
];
if (SERVERS.length < 2) {
  console.error('yaml-language-server is not installed: npm install --no-save --prefix bench/.deps yaml-language-server');
  process.exit(2);
}

// --no-build: dist/ is current already (and something else may be reading it meanwhile).
if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const probeDir = join(tmpdir(), `cjm-bench-${process.pid}`);
mkdirSync(probeDir, { recursive: true });

/** CPU time (ms) the process has used so far. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

async function startServer(spec) {
  const heapFile = join(probeDir, `${spec.name.replace(/\W+/g, '-')}.heap`);
  const proc = spawn(process.execPath, ['--expose-gc', '-r', join(root, 'bench/gc-probe.cjs'), ...spec.args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_HEAP_FILE: heapFile },
  });
  proc.stderr.resume();
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiting.get(p.uri);
    // Only the diagnostics of the version waited for (a server that says which version it checked).
    if (w && (p.version === undefined || p.version === null || p.version >= w.version)) {
      waiting.delete(p.uri);
      w.resolve(p);
    }
  });
  const yamlSettings = { yaml: { validate: true, hover: true, completion: true, format: { enable: true }, schemaStore: { enable: false }, schemas: { [SCHEMA]: '*.cjm' } } };
  conn.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'yaml' ? yamlSettings.yaml : i.section ? undefined : yamlSettings)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    // cjm as VS Code starts it: its default quiet period (150 ms), no workspace scan.
    initializationOptions: { workspaceValidation: false },
  });
  conn.sendNotification('initialized', {});
  if (spec.yaml) conn.sendNotification('workspace/didChangeConfiguration', { settings: yamlSettings });
  return {
    spec,
    conn,
    cpu: () => cpuMs(proc.pid),
    nextDiagnostics: (uri, version) => new Promise((resolve) => waiting.set(uri, { version, resolve })),
    async heap() {
      rmSync(heapFile, { force: true });
      proc.kill('SIGUSR2');
      for (let i = 0; i < 600 && !existsSync(heapFile); i++) await sleep(50);
      await sleep(20);
      return Number(readFileSync(heapFile, 'utf8')) / 1048576;
    },
    async stop() {
      await conn.sendRequest('shutdown').catch(() => {});
      conn.sendNotification('exit');
      setTimeout(() => proc.kill(), 500).unref();
    },
  };
}

function positions(text) {
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  const emotionLine = lines.findIndex((l, i) => i >= mid && /^\s+emotion: /.test(l));
  const touchLine = lines.findIndex((l, i) => i >= mid && /^\s+touchpoint: /.test(l));
  const col = lines[emotionLine].indexOf('emotion: ') + 'emotion: '.length;
  return { lines, emotionLine, col, touch: { line: touchLine, character: lines[touchLine].indexOf('touchpoint') + 3 } };
}

/** One server's document of one size: everything a round does to it. */
class Session {
  constructor(server, text, size) {
    this.server = server;
    this.text = text;
    this.size = size;
    this.opened = 0;
    this.samples = {};
  }
  record(what, wall, cpu) {
    (this.samples[what] ??= { wall: [], cpu: [] }).wall.push(wall);
    this.samples[what].cpu.push(cpu);
  }
  async timed(what, fn) {
    const c0 = this.server.cpu();
    const t0 = performance.now();
    const r = await fn();
    this.record(what, performance.now() - t0, this.server.cpu() - c0);
    return r;
  }
  /** A fresh document: a new URI and version, so no server answers from a cache. */
  async open(measure) {
    this.opened++;
    this.uri = `file:///bench/${this.server.spec.name.replace(/\W+/g, '-')}/map-${this.size}-${this.opened}.cjm`;
    this.version = this.opened * 100_000;
    const p = positions(this.text);
    Object.assign(this, p);
    const run = async () => {
      const first = this.server.nextDiagnostics(this.uri, this.version);
      this.server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: this.server.spec.yaml ? 'yaml' : 'cjm', version: this.version, text: this.text } });
      await first;
    };
    if (measure) await this.timed('open', run);
    else await run();
  }
  close() {
    this.server.conn.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri } });
  }
  edit(word) {
    this.version++;
    const range = { start: { line: this.emotionLine, character: this.col }, end: { line: this.emotionLine, character: this.lines[this.emotionLine].length } };
    this.lines[this.emotionLine] = this.lines[this.emotionLine].slice(0, this.col) + word;
    this.server.conn.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version: this.version }, contentChanges: [{ range, text: word }] });
    return this.version;
  }
  async editAndWait(word) {
    const published = this.server.nextDiagnostics(this.uri, this.version + 1);
    this.edit(word);
    await published;
  }
  async round(i) {
    const words = ['happy', 'angry', 'curious', 'anxious'];
    const word = words[i % words.length];
    await this.timed('edit', () => this.editAndWait(word));
    await this.timed('burst', async () => {
      for (let k = 1; k < 5; k++) {
        this.edit(word.slice(0, k));
        await sleep(40);
      }
      await this.editAndWait(word);
    });
    // A keystroke, then completion right away, before any quiet period.
    this.edit(word.slice(0, 2));
    await this.timed('completion', () => this.server.conn.sendRequest('textDocument/completion', { textDocument: { uri: this.uri }, position: { line: this.emotionLine, character: this.col + 2 } }));
    await this.timed('hover', () => this.server.conn.sendRequest('textDocument/hover', { textDocument: { uri: this.uri }, position: this.touch }));
    await this.timed('symbols', () => this.server.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: this.uri } }));
    await this.editAndWait(word);
    await this.timed('formatting', () => this.server.conn.sendRequest('textDocument/formatting', { textDocument: { uri: this.uri }, options: { tabSize: 2, insertSpaces: true } }));
  }
}

let results;
const ROUNDS_USED = SIZES.map((s, i) => ROUNDS[i] ?? ROUNDS[ROUNDS.length - 1]);
if (process.argv.includes('--render')) {
  // Tables and plot from the last run's data (bench/results/lsp.json), without running anything.
  results = JSON.parse(readFileSync(join(root, 'bench/results/lsp.json'), 'utf8'));
} else {
  results = await run();
}

async function run() {
const results = { rounds: ROUNDS_USED, edits: EDITS, node: process.version, date: new Date().toISOString().slice(0, 16).replace('T', ' '), cores: cpus().length, loadBefore: loadavg()[0], servers: SERVERS.map((s) => s.name), sizes: [] };
for (const [si, lines] of SIZES.entries()) {
  const text = generateMapOfLines(lines);
  const rounds = ROUNDS[si] ?? ROUNDS[ROUNDS.length - 1];
  const servers = [];
  for (const spec of SERVERS) servers.push(await startServer(spec));
  const sessions = servers.map((s) => new Session(s, text, lines));
  // Warm-up (JIT, caches), as in an editor that has been open a while; not measured.
  for (const s of sessions) {
    await s.open(false);
    await s.round(0);
    s.close();
    s.samples = {};
  }
  for (let r = 0; r < rounds; r++) {
    for (const s of sessions) {
      await s.open(true);
      await s.round(r + 1);
      s.close();
    }
  }
  const row = { lines: text.split('\n').length - 1, kb: Math.round(text.length / 1024), servers: {} };
  for (const s of sessions) {
    row.servers[s.server.spec.name] = Object.fromEntries(Object.entries(s.samples).map(([k, v]) => [k, { wall: median(v.wall), cpu: v.cpu.reduce((a, b) => a + b, 0) / v.cpu.length }]));
  }
  // Memory: the smallest size only (1,000 edits with a slow server at 50k lines would take hours).
  if (si === 0 && EDITS > 0) {
    for (const s of sessions) {
      await s.open(false);
      const opened = await s.server.heap();
      const words = ['happy', 'angry', 'curious', 'anxious'];
      for (let e = 0; e < EDITS; e++) {
        s.edit(words[e % words.length]);
        await s.server.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: s.uri } });
      }
      await s.editAndWait('happy');
      const edited = await s.server.heap();
      row.servers[s.server.spec.name].memory = { opened, edited, edits: EDITS };
      s.close();
    }
  }
  for (const s of servers) await s.stop();
  results.sizes.push(row);
  console.log(JSON.stringify(row));
}
results.loadAfter = loadavg()[0];
rmSync(probeDir, { recursive: true, force: true });
  return results;

}

const KINDS = [
  ['open', 'open → first diagnostics'],
  ['edit', 'edit → diagnostics'],
  ['burst', '5 keystrokes (40 ms apart) → diagnostics'],
  ['completion', 'completion at `emotion:`'],
  ['hover', 'hover on a key'],
  ['symbols', 'document symbols'],
  ['formatting', 'formatting'],
];
const ms = (x) => (x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en'));
const cell = (m) => (m ? `${ms(m.wall)} (${ms(m.cpu)})` : '–');
const [cjm, ...others] = results.servers;
const header = `| operation | map lines | ${results.servers.join(' | ')} | ${others.map((o) => `${o} ÷ cjm`).join(' | ')} |`;
const lines = [header, `|---|---:|${results.servers.map(() => '---:').join('|')}|${others.map(() => '---:').join('|')}|`];
for (const [key, label] of KINDS) {
  for (const row of results.sizes) {
    const c = row.servers[cjm][key];
    lines.push(`| ${label} | ${row.lines.toLocaleString('en')} | ${results.servers.map((s) => cell(row.servers[s][key])).join(' | ')} | ${others.map((o) => `${(row.servers[o][key].wall / c.wall).toFixed(1)}×`).join(' | ')} |`);
  }
}
const mem = results.sizes[0];
const memLines = mem.servers[cjm].memory
  ? [
      '',
      `| heap after a forced GC (${mem.lines.toLocaleString('en')}-line map) | ${results.servers.join(' | ')} |`,
      `|---|${results.servers.map(() => '---:').join('|')}|`,
      `| document open | ${results.servers.map((s) => `${mem.servers[s].memory.opened.toFixed(1)} MB`).join(' | ')} |`,
      `| after ${mem.servers[cjm].memory.edits.toLocaleString('en')} edits | ${results.servers.map((s) => `${mem.servers[s].memory.edited.toFixed(1)} MB`).join(' | ')} |`,
    ]
  : [];
const table = [...lines, ...memLines].join('\n');
console.log('\n' + table);
console.log(`\nnode ${results.node}, ${results.date} UTC, ${results.cores} cores, load average ${results.loadBefore.toFixed(1)} before and ${results.loadAfter.toFixed(1)} after`);

if (process.argv.includes('--write')) {
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  if (!process.argv.includes('--render')) writeFileSync(join(root, 'bench/results/lsp.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(root, 'docs/images/lsp-scaling.svg'), plotLsp(results));
  const path = join(root, 'docs/performance.md');
  const doc = readFileSync(path, 'utf8');
  const begin = '<!-- lsp-table:begin -->';
  const end = '<!-- lsp-table:end -->';
  const block = `${begin}\n${table}\n\nnode ${results.node}, ${results.date} UTC; ${results.cores} cores shared with other work, load average ${results.loadBefore.toFixed(1)} when the run began and ${results.loadAfter.toFixed(1)} when it ended. Medians of ${results.rounds.slice(0, results.sizes.length).join('/')} rounds; CPU in brackets.\n${end}`;
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`docs/performance.md has no ${begin} … ${end} block`);
  writeFileSync(path, doc.slice(0, a) + block + doc.slice(b + end.length));
  console.log('wrote docs/performance.md, docs/images/lsp-scaling.svg and bench/results/lsp.json');
}
