// Parse + validate cost of the core on big maps, against the bare YAML parse it builds on
// (what a user would otherwise run: a generic YAML tool) — run: node bench/core.mjs
import { parseDocument } from 'yaml';
import { generateMapOfLines } from './generate-map.mjs';
import { loadCore } from './load-core.mjs';

const core = await loadCore();

function median(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows = [];
for (const lines of [1_000, 5_000, 10_000]) {
  const text = generateMapOfLines(lines);
  const actual = text.split('\n').length - 1;
  for (let i = 0; i < 3; i++) core.analyze(text); // warm-up
  const runs = lines > 5000 ? 10 : 20;
  const yamlOnly = median(() => parseDocument(text), runs);
  const yamlToJs = median(() => parseDocument(text).toJS({ maxAliasCount: 100 }), runs);
  const full = median(() => core.analyze(text), runs);
  // A keystroke: one step's emotion changes back and forth, as the language server sees it.
  const inc = new core.IncrementalAnalyzer();
  inc.analyze(text);
  let flip = false;
  const edited = text.replace('emotion: happy', 'emotion: angry');
  const incremental = median(() => inc.analyze((flip = !flip) ? edited : text), runs);
  if (inc.lastMode !== 'incremental') throw new Error('incremental analysis fell back to a full parse');
  const diags = core.analyze(text).diagnostics.length;
  rows.push({ lines: actual, kb: (text.length / 1024).toFixed(0), yamlOnly, yamlToJs, full, incremental, diags });
}
console.log('| map lines | size (KB) | `yaml` parseDocument | `yaml` parse + toJS | cjm analyze (full) | cjm re-analysis after a one-line edit (incremental) | diagnostics |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.lines.toLocaleString('en')} | ${r.kb} | ${r.yamlOnly.toFixed(1)} ms | ${r.yamlToJs.toFixed(1)} ms | ${r.full.toFixed(1)} ms | ${r.incremental.toFixed(1)} ms | ${r.diags} |`);
console.log(`\nnode ${process.version}, ${new Date().toISOString().slice(0, 10)}; medians`);
