// Bundles the integration suite (test/integration) with mocha, once per extension host:
// out/integration/index.node.js (Node extension host) and out/integration/index.web.js (the
// web-worker extension host of the browser build). VS Code loads them from inside the
// extension folder, with nothing from node_modules at run time. out/ is ignored by git and
// left out of the VSIX (.vscodeignore).
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const suiteBundle = join(root, 'out/integration/index.node.js');
export const webSuiteBundle = join(root, 'out/integration/index.web.js');

/** Node built-ins the suite imports, and what stands in for them in the browser. */
const webShims = {
  'node:assert/strict': join(root, 'test/integration/web/assert-strict.cjs'),
  'node:child_process': join(root, 'test/integration/web/child-process.cjs'),
};

const require = createRequire(import.meta.url);

/**
 * Any other built-in becomes a module whose functions throw when called, so one test that
 * needs Node fails (or skips itself) in the web host instead of the whole suite failing to load.
 */
const shimPlugin = {
  name: 'node-shims',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => {
      const shim = webShims[args.path];
      if (shim) return { path: shim };
      return {
        path: args.path,
        namespace: 'node-stand-in',
        warnings: [{ text: `${args.path} does not exist in the web extension host: the tests that call it will fail there` }],
      };
    });
    build.onLoad({ filter: /.*/, namespace: 'node-stand-in' }, (args) => {
      const names = Object.keys(require(args.path)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      const fail = (n) => `${n}: () => { throw new Error(${JSON.stringify(`${args.path}.${n}() does not exist in the web extension host`)}); }`;
      return { contents: `module.exports = { ${names.map(fail).join(', ')} };`, loader: 'js' };
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  target: 'es2022',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
};

export async function buildSuite() {
  rmSync(join(root, 'out/integration'), { recursive: true, force: true });
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['test/integration/index.node.ts'],
      outfile: 'out/integration/index.node.js',
      platform: 'node',
      format: 'cjs',
      // mocha's parallel mode resolves worker files at run time; the suite never uses it.
      logOverride: { 'require-resolve-not-external': 'silent' },
    }),
    esbuild.build({
      ...common,
      entryPoints: ['test/integration/index.web.ts'],
      outfile: 'out/integration/index.web.js',
      platform: 'browser',
      format: 'cjs',
      plugins: [shimPlugin],
      // `assert` and its `util` read these Node globals; a Worker has no `process`, and a global
      // stand-in would be seen by the extension under test, which shares the Worker.
      define: { global: 'globalThis', 'process.env.NODE_DEBUG': 'false', 'process.stderr': 'undefined', 'process.emitWarning': 'undefined' },
    }),
  ]);
  return suiteBundle;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildSuite();
  console.log(`built ${suiteBundle.slice(root.length)} and ${webSuiteBundle.slice(root.length)}`);
}
