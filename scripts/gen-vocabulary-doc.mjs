// Rewrites the vocabulary tables in docs/language.md from the core's language packs: each
// table sits between `<!-- vocabulary:NAME -->` and `<!-- /vocabulary:NAME -->`
// (test/docs/language-doc.test.ts checks that they are current).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadCore } from '../bench/load-core.mjs';

const core = await loadCore();
const path = new URL('../docs/language.md', import.meta.url).pathname;
let doc = readFileSync(path, 'utf8');
for (const [name, body] of Object.entries(core.vocabularyDocTables())) {
  const re = new RegExp(`(<!-- vocabulary:${name} -->)[\\s\\S]*?(<!-- /vocabulary:${name} -->)`);
  if (!re.test(doc)) throw new Error(`docs/language.md has no <!-- vocabulary:${name} --> block`);
  doc = doc.replace(re, (_, open, close) => `${open}\n${body}\n${close}`);
}
writeFileSync(path, doc);
console.log('wrote the vocabulary tables of docs/language.md');
