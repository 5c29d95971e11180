// Bundles the integration suite (test/integration) with mocha into out/integration/index.node.js:
// VS Code loads it from inside the extension folder, with nothing from node_modules at run
// time. out/ is ignored by git and left out of the VSIX (.vscodeignore).
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const suiteBundle = join(root, 'out/integration/index.node.js');

export async function buildSuite() {
  rmSync(join(root, 'out/integration'), { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['test/integration/index.node.ts'],
    outfile: 'out/integration/index.node.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // mocha's parallel mode resolves worker files at run time; the suite never uses it.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return suiteBundle;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildSuite();
  console.log(`built ${suiteBundle.slice(root.length)}`);
}
