// Builds every bundle with esbuild. `--tests` also builds the unit tests into out/test.
// Bundles: the extension (Node, and browser), the language server (Node, also the stdio bin;
// and a Worker for the browser), the CLI, and the webview scripts (browser).
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, existsSync, chmodSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { yamlAlias } from './yaml-bundle.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The server's features import vscode-languageserver-types directly, while
// vscode-languageserver brings its own (older) copy: bundle one, the server library's.
function beside(pkgName, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', pkgName);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${pkgName} not found from ${from}`);
  }
}
const lspTypes = beside('vscode-languageserver-types', beside('vscode-languageserver-protocol', beside('vscode-languageserver', root)));

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  target: 'es2022',
  // The preview stylesheet is also inlined into exports (extension and CLI) as a string.
  loader: { '.css': 'text' },
  alias: { 'vscode-languageserver-types': lspTypes, ...yamlAlias },
};
// Browsers download these on every start: minified, and UTF-8 instead of \u escapes (the
// vocabularies hold Polish and Russian names). The linked source maps still serve debugging.
const browserBuild = { ...common, platform: 'browser', minify: true, charset: 'utf8' };

function walk(dir, pred, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

// The Node bundles ship in the VSIX and the npm package: minified like the browser ones (the
// linked source maps stay beside them for debugging and are left out of both packages), in
// UTF-8 as written: escaped, the Russian catalogue alone would grow by 120 KB.
const node = { ...common, platform: 'node', format: 'cjs', external: ['vscode'], minify: true, charset: 'utf8' };
const entries = [
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js' },
  { ...node, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, external: ['vscode', '@resvg/resvg-js'], entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { VERSION: JSON.stringify(pkg.version) } },
  // The browser build (github.dev, vscode.dev, web extension hosts): the extension as CommonJS
  // for the web extension host, the language server as a Worker script.
  { ...browserBuild, format: 'cjs', external: ['vscode'], entryPoints: ['client/src/browser.ts'], outfile: 'dist/client/browser.js' },
  { ...browserBuild, format: 'iife', entryPoints: ['server/src/browserServer.ts'], outfile: 'dist/server.browser.js' },
  { ...common, platform: 'browser', format: 'iife', entryPoints: ['media/src/preview/index.ts'], outfile: 'dist/media/preview.js' },
  { ...common, platform: 'browser', format: 'iife', entryPoints: ['media/src/diff/index.ts'], outfile: 'dist/media/diff.js' },
  // `cjm site`'s page scripts, copied into every site: small for every page, the analyser and
  // renderer for a map page's time travel. No source maps: the site ships the files alone.
  { ...browserBuild, format: 'iife', sourcemap: false, entryPoints: ['media/site/site.ts'], outfile: 'dist/media/site.js' },
  { ...browserBuild, format: 'iife', sourcemap: false, entryPoints: ['media/site/history.ts'], outfile: 'dist/media/site-history.js' },
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
      minify: false,
      entryPoints: tests,
      outdir: 'out/test',
      outbase: 'test',
      sourcemap: 'inline',
      external: ['vscode', 'fast-check', '@resvg/resvg-js', 'vscode-languageserver', 'vscode-languageserver-protocol', 'vscode-jsonrpc', 'playwright-core'],
    });
  }
}

// `--metafile`: what each bundle is made of, as out/meta/<bundle>.json (bench/web.mjs reads it).
const metafile = args.has('--metafile');
const started = Date.now();
await Promise.all(
  entries.map(async (e) => {
    const result = await esbuild.build(metafile ? { ...e, metafile: true } : e);
    if (metafile && e.outfile) {
      mkdirSync(join(root, 'out/meta'), { recursive: true });
      writeFileSync(join(root, 'out/meta', `${e.outfile.split('/').pop().replace(/\.js$/, '')}.json`), JSON.stringify(result.metafile));
    }
  }),
);
// A production build writes no source maps: remove a development build's, which would no longer match.
if (production) for (const map of walk(join(root, 'dist'), (p) => p.endsWith('.map'))) rmSync(map);
for (const bin of ['dist/server.js', 'dist/cli.js']) if (existsSync(join(root, bin))) chmodSync(join(root, bin), 0o755);
console.log(`built ${entries.length} bundle group(s) in ${Date.now() - started} ms`);
