import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { Analysis, Diagnostic, analyze, analyzeWithImports, resolveBaseline } from '@cjm/core';
import { BaselineOverlay, buildBaselineOverlay } from '@cjm/render';

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

/**
 * A stored output (a picture, a CLI transcript), compared byte for byte: a change to it is
 * looked at, then accepted with UPDATE_SNAPSHOTS=1, which rewrites it.
 */
export function matchesSnapshot(path: string, actual: string): void {
  const name = path.slice(ROOT.length + 1);
  if (process.env.UPDATE_SNAPSHOTS) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  assert.ok(existsSync(path), `${name} is missing: run with UPDATE_SNAPSHOTS=1 and check it in`);
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs (UPDATE_SNAPSHOTS=1 rewrites it after a deliberate change)`);
}

/** A file's text, or undefined when it cannot be read: the core's file reader for tests. */
export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** examples/library/future.cjm drawn over its current state (`baseline: ./current.cjm`), in Russian. */
export function libraryPairOverlay(): BaselineOverlay {
  const root = example();
  const futurePath = example('library', 'future.cjm');
  const future = analyzeWithImports(readIfExists(futurePath)!, futurePath, { read: readIfExists, root });
  const b = resolveBaseline(future, futurePath, { read: readIfExists, root, locale: 'ru' });
  assert.ok(b.baseline?.diff, JSON.stringify(b.diagnostics));
  return buildBaselineOverlay(b.baseline.analysis, future, b.baseline.diff, 'ru');
}
