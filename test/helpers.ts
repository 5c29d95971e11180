import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Analysis, Diagnostic, analyze } from '@cjm/core';

/** The repository root: tests are bundled into out/test/**, so walk up to package.json. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
export const fixture = (...parts: string[]) => join(ROOT, 'test', 'fixtures', ...parts);
export const example = (...parts: string[]) => join(ROOT, 'examples', ...parts);

export function analyzeFile(path: string): Analysis {
  return analyze(readFileSync(path, 'utf8'));
}

/** `line:col` (1-based) of a diagnostic's start and end, for readable assertions. */
export function where(a: Analysis, d: Diagnostic): string {
  const s = a.lines.positionAt(d.span.start);
  const e = a.lines.positionAt(d.span.end);
  return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`;
}

/** Offset of the n-th occurrence (0-based) of `needle` in `text`; throws if absent so tests cannot pass by accident. */
export function offsetOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not found`);
  }
  return at;
}
