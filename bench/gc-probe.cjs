// Preloaded into a language server by bench/lsp.mjs (node --expose-gc -r bench/gc-probe.cjs):
// on SIGUSR2 it forces a full GC and writes the retained heap (bytes) to $BENCH_HEAP_FILE.
// The same probe goes into both servers, so neither needs a bench-only request.
const { writeFileSync } = require('node:fs');
process.on('SIGUSR2', () => {
  global.gc();
  global.gc();
  writeFileSync(process.env.BENCH_HEAP_FILE, String(process.memoryUsage().heapUsed));
});
