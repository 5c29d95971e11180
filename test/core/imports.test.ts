/**
 * A shared library: `use:` resolution is pure (a reader is handed in), relative to the map,
 * and refuses what could hurt the reader: missing and circular files, paths leaving the
 * workspace, absolute paths and URLs, huge or binary files, endless chains.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { IMPORT_LIMITS, analyze, analyzeWithImports, diagnosticMessage, resolveRelative } from '@cjm/core';
import { fixture } from '../helpers';

const lib = (name: string) => readFileSync(fixture('library', name), 'utf8');
const disk: Record<string, string> = {
  '/ws/maps/map.cjm': lib('map.cjm'),
  '/ws/library/personas.cjm': lib('personas.cjm'),
  '/ws/library/sources.cjm': lib('sources.cjm'),
};
/** A reader over an in-memory workspace that records what was asked for. */
function reader(files: Record<string, string>) {
  const asked: string[] = [];
  return { asked, read: (p: string) => (asked.push(p), files[p]) };
}
const codes = (a: { diagnostics: readonly { code: string }[] }) => a.diagnostics.map((d) => d.code);
const mapUsing = (...paths: string[]) => `cjm: 1\ntitle: T\nuse: [${paths.join(', ')}]\npersona: ольга\nstages:\n  - id: a\n    steps:\n      - name: S\n        emotion: happy\n`;

test('imported personas, channels, teams and sources count as declared; the library is read relative to the map', () => {
  const text = lib('map.cjm').replace(/\.\//g, '../library/');
  const alone = analyze(text);
  assert.ok(codes(alone).filter((c) => c === 'undeclared-reference').length >= 2, codes(alone).join());
  const r = reader(disk);
  const a = analyzeWithImports(text, '/ws/maps/map.cjm', { read: r.read, root: '/ws' });
  assert.deepEqual(codes(a).filter((c) => c !== 'pain-without-opportunity'), []);
  assert.deepEqual(r.asked, ['/ws/library/personas.cjm', '/ws/library/sources.cjm']);
  assert.equal(a.imports.byId('persona', 'ольга')?.file.path, '/ws/library/personas.cjm');
  assert.equal(a.imports.byId('source', 'интервью')?.file.path, '/ws/library/sources.cjm');
  assert.deepEqual(a.imports.ids('team'), ['поддержка']);
});

test('a library file needs no stages, and its declarations are not "unused" there', () => {
  assert.deepEqual(codes(analyze(lib('personas.cjm'))), []);
  const a = analyzeWithImports(lib('sources.cjm'), '/ws/library/sources.cjm', { read: (p) => disk[p], root: '/ws' });
  assert.deepEqual(codes(a), []);
  // Without `kind: library` a map still needs its stages.
  assert.ok(codes(analyze(lib('personas.cjm').replace('kind: библиотека', 'kind: текущее состояние'))).includes('missing-field'));
});

test('a reference nothing declares, here or in a library, is still an error, with suggestions from the library', () => {
  const text = mapUsing('../library/personas.cjm').replace('persona: ольга', 'persona: ольгa');
  const a = analyzeWithImports(text, '/ws/maps/m.cjm', { read: (p) => disk[p], root: '/ws' });
  const d = a.diagnostics.find((x) => x.code === 'undeclared-reference');
  assert.ok(d);
  assert.match(d.message, /Did you mean `ольга`/);
  assert.equal(text.slice(d.span.start, d.span.end), 'ольгa');
});

test('a missing library is an error at its `use:` entry, in every language', () => {
  const text = mapUsing('../library/nowhere.cjm');
  const a = analyzeWithImports(text, '/ws/maps/m.cjm', { read: (p) => disk[p], root: '/ws' });
  const d = a.diagnostics.find((x) => x.code === 'missing-file');
  assert.ok(d);
  assert.equal(text.slice(d.span.start, d.span.end), '../library/nowhere.cjm');
  assert.equal(diagnosticMessage(d, 'en'), '`../library/nowhere.cjm` was not found.');
  assert.equal(diagnosticMessage(d, 'ru'), 'Файл `../library/nowhere.cjm` не найден.');
  assert.equal(diagnosticMessage(d, 'pl'), 'Nie znaleziono pliku `../library/nowhere.cjm`.');
  // The persona it would have declared is then undeclared, as it truly is.
  assert.ok(codes(a).includes('undeclared-reference'));
});

test('circular `use:` is reported with the chain, once, and does not loop', () => {
  const files = {
    '/ws/a.cjm': 'cjm: 1\ntitle: A\nkind: library\nuse: [b.cjm]\npersonas:\n  - id: ольга\n',
    '/ws/b.cjm': 'cjm: 1\ntitle: B\nkind: library\nuse: [./a.cjm]\nchannels:\n  - id: web\n',
  };
  const r = reader(files);
  const a = analyzeWithImports(files['/ws/a.cjm'], '/ws/a.cjm', { read: r.read, root: '/ws' });
  const cycles = a.diagnostics.filter((d) => d.code === 'circular-use');
  assert.equal(cycles.length, 1);
  assert.equal(cycles[0].message, '`use:` goes round in a circle: a.cjm → b.cjm → a.cjm.');
  assert.equal(files['/ws/a.cjm'].slice(cycles[0].span.start, cycles[0].span.end), 'b.cjm');
  assert.deepEqual(r.asked, ['/ws/b.cjm']);
  assert.match(diagnosticMessage(cycles[0], 'pl'), /a\.cjm → b\.cjm → a\.cjm/);
});

test('a map that uses itself is told so', () => {
  const text = mapUsing('./m.cjm');
  const a = analyzeWithImports(text, '/ws/m.cjm', { read: () => text, root: '/ws' });
  assert.deepEqual(a.diagnostics.filter((d) => d.code === 'circular-use').map((d) => d.message), ['A map cannot use itself.']);
});

test('a chain deeper than the limit stops with a message at the first entry', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 30; i++) files[`/ws/l${i}.cjm`] = `cjm: 1\ntitle: L${i}\nkind: library\nuse: [l${i + 1}.cjm]\npersonas:\n  - id: p${i}\n`;
  const r = reader(files);
  const a = analyzeWithImports(mapUsing('l0.cjm'), '/ws/m.cjm', { read: r.read, root: '/ws' });
  const d = a.diagnostics.find((x) => x.code === 'refused-file');
  assert.ok(d, codes(a).join());
  assert.match(d.message, /^Through `l0\.cjm` → .*more than 8 levels deep/);
  assert.ok(r.asked.length <= IMPORT_LIMITS.maxDepth + 1, `${r.asked.length} files read`);
});

test('paths leaving the workspace, absolute paths, URLs and other files than .cjm are refused before anything is read', () => {
  const r = reader({ '/etc/passwd.cjm': 'x', '/ws/secrets.env': 'x' });
  for (const written of ['../../etc/passwd.cjm', '/etc/passwd.cjm', 'https://evil.example/p.cjm', 'file:///etc/passwd.cjm', 'C:/x.cjm', '../secrets.env', '..\\..\\etc\\passwd.cjm']) {
    const text = mapUsing(JSON.stringify(written));
    const a = analyzeWithImports(text, '/ws/maps/m.cjm', { read: r.read, root: '/ws' });
    const d = a.diagnostics.find((x) => x.code === 'refused-file');
    assert.ok(d, `${written}: ${codes(a).join()}`);
    assert.ok(diagnosticMessage(d, 'ru') !== d.message);
  }
  assert.deepEqual(r.asked, []);
  // With no root, `..` may still not climb above the file system's top.
  assert.ok('refused' in resolveRelative('/a.cjm', '../../b.cjm'));
  assert.deepEqual(resolveRelative('file:///ws/maps/m.cjm', '../library/p.cjm', 'file:///ws'), { path: 'file:///ws/library/p.cjm' });
  assert.ok('refused' in resolveRelative('file:///ws/maps/m.cjm', '../../x/p.cjm', 'file:///ws'));
});

test('a huge or binary library is refused with a message, not parsed', () => {
  const huge = 'cjm: 1\ntitle: H\nkind: library\nnotes: "' + 'x'.repeat(IMPORT_LIMITS.maxLength) + '"\n';
  const files = { '/ws/huge.cjm': huge, '/ws/bin.cjm': 'cjm: 1\u0000\u0001\u0002' };
  const a = analyzeWithImports(mapUsing('huge.cjm', 'bin.cjm'), '/ws/m.cjm', { read: (p) => files[p as keyof typeof files], root: '/ws' });
  const refused = a.diagnostics.filter((d) => d.code === 'refused-file').map((d) => d.message);
  assert.equal(refused.length, 2, refused.join('\n'));
  assert.match(refused[0], /more than 2,000,000 characters/);
  assert.equal(refused[1], '`bin.cjm` is not a text file.');
  assert.equal(a.imports.files.length, 0);
});

test('a reader that throws is a missing file, not a crash', () => {
  const a = analyzeWithImports(mapUsing('x.cjm'), '/ws/m.cjm', { read: () => { throw new Error('EACCES'); }, root: '/ws' });
  assert.ok(codes(a).includes('missing-file'));
});

test('a problem in a library of a library is reported at the entry it came through', () => {
  const files = { '/ws/lib/a.cjm': 'cjm: 1\ntitle: A\nkind: library\nuse: [gone.cjm]\n' };
  const text = mapUsing('lib/a.cjm');
  const a = analyzeWithImports(text, '/ws/m.cjm', { read: (p) => files[p as keyof typeof files], root: '/ws' });
  const d = a.diagnostics.find((x) => x.code === 'missing-file');
  assert.ok(d);
  assert.equal(d.message, 'Through `lib/a.cjm`: `gone.cjm` was not found.');
  assert.equal(text.slice(d.span.start, d.span.end), 'lib/a.cjm');
  assert.match(diagnosticMessage(d, 'ru'), /^Подключено через `lib\/a\.cjm`\. Файл `gone\.cjm` не найден\.$/);
});
