/** Every file of a built site, by its path inside the site: what two builds are compared by. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function siteFiles(out: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(out, rel), { withFileTypes: true })) {
      const p = join(rel, e.name);
      if (e.isDirectory()) walk(p);
      else files.set(p, readFileSync(join(out, p), 'utf8'));
    }
  };
  walk('');
  return files;
}
