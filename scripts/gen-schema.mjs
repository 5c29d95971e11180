// Writes schemas/cjm.schema.json from the SCHEMA table (core/jsonSchema.ts).
// The TypeScript is bundled in memory with esbuild, as scripts/build.mjs does for the
// bundles, so the schema always comes from the same code the parser uses.
// `--check` writes nothing and exits 1 when the committed file is out of date.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'schemas/cjm.schema.json');

const result = await esbuild.build({
  entryPoints: [join(root, 'core/jsonSchema.ts')],
  bundle: true,
  write: false,
  platform: 'neutral',
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
});
const code = result.outputFiles[0].text;
const { buildJsonSchema } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const json = JSON.stringify(buildJsonSchema(), null, 2) + '\n';

if (process.argv.includes('--check')) {
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current !== json) {
    console.error('schemas/cjm.schema.json is out of date: run `npm run gen:schema`');
    process.exit(1);
  }
  console.log('schemas/cjm.schema.json is up to date');
} else {
  mkdirSync(join(root, 'schemas'), { recursive: true });
  writeFileSync(out, json);
  console.log(`wrote schemas/cjm.schema.json (${json.length} bytes)`);
}
