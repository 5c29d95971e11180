// Bundles the TypeScript core once into out/bench/ so benchmarks run the same code the
// extension ships, without a separate build step.
import * as esbuild from 'esbuild';
import { yamlAlias } from '../scripts/yaml-bundle.mjs';
import { createRequire } from 'node:module';

export async function loadCore() {
  const root = new URL('..', import.meta.url).pathname;
  const outfile = `${root}out/bench/core.cjs`;
  await esbuild.build({ entryPoints: [`${root}core/index.ts`], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', alias: yamlAlias });
  return createRequire(import.meta.url)(outfile);
}
