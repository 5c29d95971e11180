import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT } from '../helpers';
import { checkBoundaries, importCycles, importsOf, readSources } from './boundaries';

const sources = readSources(ROOT);
const show = (vs: ReturnType<typeof checkBoundaries>) => vs.map((v) => `${v.file}:${v.line} imports ${v.spec}: ${v.rule}`).join('\n');

/** The real tree with one more import line in `file`. */
function planted(file: string, line: string): Map<string, string> {
  const copy = new Map(sources);
  assert.ok(copy.has(file), `${file} exists`);
  copy.set(file, `${line}\n${copy.get(file)}`);
  return copy;
}

test('every product module imports only across the boundaries docs/architecture.md draws', () => {
  assert.ok(sources.size > 100, `read ${sources.size} modules`);
  assert.equal(show(checkBoundaries(sources)), '');
});

test('no import circles among product modules', () => {
  assert.deepEqual(importCycles(sources).map((c) => c.join(' → ')), []);
});

test('a planted bad import is reported, for every boundary', () => {
  const cases: Array<[file: string, line: string, rule: RegExp]> = [
    ['core/parse', "import { renderSvg } from '@cjm/render';", /core imports nothing outside core/],
    ['core/text', "import { cursorContext } from '../server/src/features/context';", /core imports nothing outside/],
    ['core/guard', "import { readFileSync } from 'node:fs';", /no Node APIs/],
    ['render/html', "import { main } from '../cli/main';", /renderer imports only the core/],
    ['media/src/preview/zoom', "import { PreviewPanel } from '../../../client/src/preview/preview';", /only media\/src and the shared protocol/],
    ['media/src/diff/mode', "import { analyze } from '@cjm/core';", /only media\/src and the shared protocol/],
    ['server/src/features/hover', "import { completion } from './completion';", /features do not import each other's internals/],
    ['server/src/features/navigation', "import type { Hover } from './hover';", /features do not import each other's internals/],
    ['server/src/session', "import { spawn } from 'node:child_process';", /no Node APIs/],
    ['client/src/preview/preview', "import { createSession } from '../../../server/src/session';", /only over LSP/],
    ['cli/main', "import { ROOT } from '../test/helpers';", /never imports tests/],
  ];
  for (const [file, line, rule] of cases) {
    const found = checkBoundaries(planted(file, line)).filter((v) => v.file === file);
    assert.equal(found.length, 1, `${file} ← ${line}: ${show(found) || 'nothing reported'}`);
    assert.match(found[0].rule, rule, file);
    assert.equal(found[0].line, 1);
  }
});

test('a planted circle is reported', () => {
  const circles = importCycles(planted('render/view', "import { buildView } from './layout';"));
  assert.ok(circles.some((c) => c.includes('render/view') && c.includes('render/layout')), JSON.stringify(circles));
});

test('imports are read from code, not from comments or strings in comments', () => {
  const found = importsOf([
    "// import { x } from 'node:fs';",
    "/* import y from '../cli/main'; */",
    "import type { A } from './a';",
    "export * from './b';",
    "const c = await import('./c');",
    "import {\n  d,\n  e,\n} from './de';",
  ].join('\n'));
  assert.deepEqual(found.map((f) => f.spec), ['./a', './b', './c', './de']);
  assert.deepEqual(found.map((f) => f.line), [3, 4, 5, 6]);
});
