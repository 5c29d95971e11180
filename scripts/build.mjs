// Builds every bundle with esbuild. `--tests` also builds the unit tests into out/test.
// Bundles: the extension (Node), the language server (Node, also the stdio bin), the CLI,
// and the webview scripts (browser).
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, existsSync, chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  target: 'es2022',
  // The preview stylesheet is also inlined into exports (extension and CLI) as a string.
  loader: { '.css': 'text' },
};

function walk(dir, pred, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

const node = { ...common, platform: 'node', format: 'cjs', external: ['vscode'] };
const entries = [
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js' },
  { ...node, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, external: ['vscode', '@resvg/resvg-js'], entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { VERSION: JSON.stringify(pkg.version) } },
  { ...common, platform: 'browser', format: 'iife', entryPoints: ['media/src/preview/index.ts'], outfile: 'dist/media/preview.js' },
  // Mermaid is big: its own bundle, loaded by the webview only when the Mermaid view opens.
  { ...common, platform: 'browser', format: 'iife', minify: true, sourcemap: false, entryPoints: ['media/src/mermaid/index.ts'], outfile: 'dist/media/mermaid.js' },
].filter((e) => existsSync(join(root, e.entryPoints[0])))
  // Rebuilding mermaid costs seconds and changes only with its entry or the mermaid version.
  .filter((e) => production || !e.outfile?.endsWith('mermaid.js') || !upToDate(e.outfile, [e.entryPoints[0], 'node_modules/mermaid/package.json']));

function upToDate(out, inputs) {
  const o = join(root, out);
  if (!existsSync(o)) return false;
  const t = statSync(o).mtimeMs;
  return inputs.every((i) => !existsSync(join(root, i)) || statSync(join(root, i)).mtimeMs <= t);
}

if (args.has('--tests')) {
  rmSync(join(root, 'out/test'), { recursive: true, force: true });
  const tests = walk(join(root, 'test'), (p) => p.endsWith('.test.ts')).map((p) => p.slice(root.length));
  if (tests.length) {
    entries.push({
      ...node,
      entryPoints: tests,
      outdir: 'out/test',
      outbase: 'test',
      sourcemap: 'inline',
      external: ['vscode', 'yaml', 'fast-check', '@resvg/resvg-js', 'vscode-languageserver', 'vscode-languageserver-protocol', 'vscode-jsonrpc', 'playwright-core'],
    });
  }
}

const started = Date.now();
await Promise.all(entries.map((e) => esbuild.build(e)));
for (const bin of ['dist/server.js', 'dist/cli.js']) if (existsSync(join(root, bin))) chmodSync(join(root, bin), 0o755);
console.log(`built ${entries.length} bundle group(s) in ${Date.now() - started} ms`);
