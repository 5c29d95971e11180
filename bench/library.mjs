// Opening a map that takes its personas from a shared library (`use:`), against today's map
// that declares the same 50 personas itself: didOpen → the first publishDiagnostics, through
// the real server over stdio, in a temporary workspace folder. Each open is a fresh document
// (its own URI), so the map is analysed from scratch; the library is read once (the first
// open: "cold") and then served from the server's cache while it is unchanged ("warm").
// Usage: node bench/library.mjs [rounds]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateMap } from './generate-map.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const ROUNDS = Number(process.argv[2] ?? 30);

if (!process.env.CJM_BENCH_NO_BUILD) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const PERSONAS = Array.from({ length: 50 }, (_, i) => [
  `  - id: persona-${i}`,
  `    name: Persona ${i}, ${20 + i} years`,
  `    description: A customer segment number ${i} with its own habits.`,
  `    goals: [Get things done fast, Pay less]`,
  `    frustrations: Waiting on the phone`,
]).flat();

// The generated map (10 stages × 4 steps, ~900 lines) with its one persona replaced by 50.
const base = generateMap({ stages: 10, steps: 4 }).replace(/personas:\n  - id: anna\n    name: Anna, 34\n/, '').replace('persona: anna', 'persona: persona-7');
const inline = base.replace('persona: persona-7\n', `persona: persona-7\npersonas:\n${PERSONAS.join('\n')}\n`);
const library = `cjm: 1\ntitle: Shared personas\nkind: library\npersonas:\n${PERSONAS.join('\n')}\n`;
const using = base.replace('persona: persona-7\n', 'use: [../library/personas.cjm]\npersona: persona-7\n');

const ws = mkdtempSync(join(tmpdir(), 'cjm-bench-library-'));
spawnSync('mkdir', ['-p', join(ws, 'library'), join(ws, 'maps')]);
writeFileSync(join(ws, 'library', 'personas.cjm'), library);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measure(text, label) {
  const proc = spawn(process.execPath, [join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiting.get(p.uri);
    if (w) (waiting.delete(p.uri), w(p));
  });
  conn.onRequest('workspace/configuration', () => []);
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification(() => {});
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
    capabilities: {},
    initializationOptions: { workspaceValidation: false, diagnosticDelay: 150 },
  });
  await conn.sendNotification('initialized', {});
  const times = [];
  let errors = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const uri = pathToFileURL(join(ws, 'maps', `${label}-${i}.cjm`)).href;
    const got = new Promise((r) => waiting.set(uri, r));
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'cjm', version: 1, text } });
    const p = await got;
    times.push(performance.now() - t0);
    errors += p.diagnostics.filter((d) => d.severity === 1).length;
    await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  return { label, cold: times[0], median: median(times.slice(1)), errors };
}

const rows = [];
// Alternate the two, twice, so a busy machine does not favour one.
for (const pass of [1, 2]) {
  rows.push({ pass, ...(await measure(inline, 'inline')) });
  rows.push({ pass, ...(await measure(using, 'library')) });
}
rmSync(ws, { recursive: true, force: true });
console.log(`map: ${using.split('\n').length} lines using a library of 50 personas (${library.split('\n').length} lines); ${ROUNDS} opens per run`);
console.log('| pass | map | first open (ms) | median open (ms) | errors |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.pass} | ${r.label === 'inline' ? '50 personas declared in the map' : 'use: the 50-persona library'} | ${r.cold.toFixed(1)} | ${r.median.toFixed(1)} | ${r.errors} |`);
const med = (label) => median(rows.filter((r) => r.label === label).map((r) => r.median));
console.log(`library vs inline, median of medians: ${med('library').toFixed(1)} ms vs ${med('inline').toFixed(1)} ms (${(((med('library') / med('inline')) - 1) * 100).toFixed(1)} %)`);
