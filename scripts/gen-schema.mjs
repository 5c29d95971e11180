// Writes schemas/cjm.schema.json from the SCHEMA table (core/jsonSchema.ts), and
// schemas/cjm-config.schema.json (`.cjm.yml`) from core/repoConfig.ts.
// The TypeScript is bundled in memory with esbuild, as scripts/build.mjs does for the
// bundles, so the schema always comes from the same code the parser uses.
// `--check` writes nothing and exits 1 when the committed file is out of date.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
async function load(entry) {
  const result = await esbuild.build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    target: 'es2022',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const { buildJsonSchema } = await load('core/jsonSchema.ts');
const { repoConfigJsonSchema } = await load('core/repoConfig.ts');
const outputs = [
  ['schemas/cjm.schema.json', buildJsonSchema()],
  ['schemas/cjm-config.schema.json', repoConfigJsonSchema()],
];

let stale = false;
for (const [name, schema] of outputs) {
  const out = join(root, name);
  const json = JSON.stringify(schema, null, 2) + '\n';
  if (process.argv.includes('--check')) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (current !== json) {
      console.error(`${name} is out of date: run \`npm run gen:schema\``);
      stale = true;
    } else console.log(`${name} is up to date`);
  } else {
    mkdirSync(join(root, 'schemas'), { recursive: true });
    writeFileSync(out, json);
    console.log(`wrote ${name} (${json.length} bytes)`);
  }
}
if (stale) process.exit(1);
