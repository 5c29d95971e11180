/**
 * The import rules that keep the layout honest (docs/architecture.md): which folder may import
 * which. The compiler already keeps Node's types out of the browser-safe folders
 * (tsconfig.web.json); these rules also cover imports between our own modules, which the
 * compiler allows anywhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly spec: string;
  readonly rule: string;
}

/** Repository-relative module paths (no extension) → the module they resolve to. */
const ALIASES: Record<string, string> = {
  '@cjm/core': 'core/index',
  '@cjm/render': 'render/index',
};

/** Modules every LSP feature may share; the other feature modules must not import each other. */
const FEATURE_HELPERS = new Set(['convert', 'context', 'docs', 'lookup']);

/** Product folders, checked; tests, benches and scripts may import anything. */
const PRODUCT = ['core', 'render', 'cli', 'server/src', 'client/src', 'media/src'];

/** The extension's Node entry and what only it imports. */
const NODE_ONLY_CLIENT = ['client/src/extension', 'client/src/siteServer'];

const BROWSER_SAFE = (f: string) =>
  f.startsWith('core/') || f.startsWith('render/') || f.startsWith('server/src/features/') ||
  ['server/src/session', 'server/src/files-protocol', 'server/src/formatJobs', 'server/src/browserServer'].includes(f) ||
  f.startsWith('media/src/') || (f.startsWith('client/src/') && !NODE_ONLY_CLIENT.includes(f));

function within(target: string, ...roots: string[]): boolean {
  return roots.some((r) => target === r || target.startsWith(r.endsWith('/') ? r : r + '/'));
}

/** What `file` (repository-relative, no extension) may import; a reason when it may not. */
function refuse(file: string, target: string | undefined, spec: string): string | undefined {
  const isNode = spec.startsWith('node:') || ['fs', 'path', 'child_process', 'os', 'util', 'worker_threads'].includes(spec);
  if (isNode && BROWSER_SAFE(file)) return 'browser-safe modules use no Node APIs';
  if (target === undefined) {
    // a package
    if (file.startsWith('core/') && spec !== 'yaml') return 'the core depends on the yaml package only';
    if (file.startsWith('render/')) return 'the renderer depends on no package';
    return undefined;
  }
  if (within(target, 'test', 'bench', 'scripts')) return 'product code never imports tests, benches or scripts';
  if (file.startsWith('core/')) return within(target, 'core') ? undefined : 'the core imports nothing outside core/';
  if (file.startsWith('render/')) return within(target, 'core', 'render') ? undefined : 'the renderer imports only the core';
  if (file.startsWith('media/src/')) {
    const protocol = ['client/src/preview/protocol', 'client/src/diff/protocol'];
    return within(target, 'media/src') || protocol.includes(target) ? undefined : 'webview scripts import only media/src and the shared protocol';
  }
  if (file.startsWith('server/src/features/')) {
    if (within(target, 'core')) return undefined;
    if (!within(target, 'server/src/features')) return 'a feature imports only the core and the shared feature helpers';
    const name = target.slice('server/src/features/'.length);
    return FEATURE_HELPERS.has(name) ? undefined : `features do not import each other's internals (${name} is a feature, not a helper: move what is shared into ${[...FEATURE_HELPERS].join(', ')})`;
  }
  if (file.startsWith('server/src/')) return within(target, 'core', 'server/src') ? undefined : 'the language server imports only the core and its own modules';
  if (file.startsWith('cli/')) return within(target, 'core', 'render', 'cli', 'media') ? undefined : 'the CLI imports the core, the renderer and its own modules';
  if (file.startsWith('client/src/')) {
    return within(target, 'core', 'render', 'client/src', 'media') || target === 'server/src/files-protocol'
      ? undefined
      : 'the extension reaches the language server only over LSP (server/src/files-protocol is the shared part)';
  }
  return undefined;
}

const IMPORT = /(?:^|[^.\w$])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import specifier in a TypeScript source, with its line. */
export function importsOf(source: string): Array<{ spec: string; line: number }> {
  const out: Array<{ spec: string; line: number }> = [];
  // Comments may mention paths; only code counts.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, '');
  for (const m of code.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    const at = m.index + m[0].search(/import|export|require/);
    out.push({ spec, line: code.slice(0, at).split('\n').length });
  }
  return out;
}

/** The repository-relative module a specifier names (no extension), or undefined for a package. */
export function resolveSpec(file: string, spec: string, exists: (module: string) => boolean): string | undefined {
  for (const [alias, target] of Object.entries(ALIASES)) {
    if (spec === alias) return target;
    if (spec.startsWith(alias + '/')) return alias.replace('@cjm/', '') + spec.slice(alias.length);
  }
  if (!spec.startsWith('.')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.(ts|css|js)$/, '');
  return !exists(joined) && exists(joined + '/index') ? joined + '/index' : joined;
}

/** Violations in a set of sources (repository-relative path without extension → text). */
export function checkBoundaries(sources: ReadonlyMap<string, string>): Violation[] {
  const exists = (m: string) => sources.has(m);
  const out: Violation[] = [];
  for (const [file, text] of sources) {
    if (!PRODUCT.some((p) => within(file, p))) continue;
    for (const { spec, line } of importsOf(text)) {
      if (spec.endsWith('.css') || spec.endsWith('.json')) continue;
      const rule = refuse(file, resolveSpec(file, spec, exists), spec);
      if (rule) out.push({ file, line, spec, rule });
    }
  }
  return out;
}

/** Import cycles among product modules (each as the list of modules around it). */
export function importCycles(sources: ReadonlyMap<string, string>): string[][] {
  const exists = (m: string) => sources.has(m);
  const edges = new Map<string, string[]>();
  for (const [file, text] of sources) {
    if (!PRODUCT.some((p) => within(file, p))) continue;
    edges.set(file, importsOf(text).map(({ spec }) => resolveSpec(file, spec, exists)).filter((t): t is string => !!t && sources.has(t)));
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (m: string) => {
    state.set(m, 'open');
    stack.push(m);
    for (const t of edges.get(m) ?? []) {
      if (state.get(t) === 'open') cycles.push(stack.slice(stack.indexOf(t)).concat(t));
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(m, 'done');
  };
  for (const m of edges.keys()) if (!state.has(m)) visit(m);
  return cycles;
}

/** The repository's TypeScript sources, keyed as checkBoundaries expects. */
export function readSources(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      const rel = dir ? `${dir}/${name}` : name;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.set(rel.replace(/\.ts$/, ''), readFileSync(join(root, rel), 'utf8'));
    }
  };
  for (const dir of PRODUCT) walk(dir);
  return out;
}
