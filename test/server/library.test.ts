/**
 * A shared library over LSP, with the real server: diagnostics count a library's
 * declarations, go to definition and hover reach into the library, find references and
 * rename span the library and every map using it (one WorkspaceEdit), an edited library
 * re-checks the unopened maps that use it, and workspace symbols find personas, stages and
 * steps across maps. The workspace is a temporary folder with Cyrillic names in paths and ids.
 */
import { after as afterAll, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Hover, Location, LocationLink, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { fixture } from '../helpers';
import { Lsp, at, textOf, uriOf } from './lsp';

let ws: string;
const lib = (name: string) => readFileSync(fixture('library', name), 'utf8');
const MAP = lib('map.cjm').replace(/\.\//g, '../библиотека/');
const OTHER = 'cjm: 1\ntitle: Второй путь\nuse: [../библиотека/personas.cjm]\npersona: ольга\nstages:\n  - id: решение\n    steps:\n      - id: сравнивает\n        name: Сравнивает тарифы\n        channel: приложение\n        emotion: интерес\n';
const path = (rel: string) => join(ws, rel);
const uri = (rel: string) => uriOf(path(rel));

before(() => {
  ws = mkdtempSync(join(tmpdir(), 'cjm-library-'));
  const files: Record<string, string> = {
    'библиотека/personas.cjm': lib('personas.cjm'),
    'библиотека/sources.cjm': lib('sources.cjm'),
    'карты/map.cjm': MAP,
    'карты/other.cjm': OTHER,
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(path(rel)), { recursive: true });
    writeFileSync(path(rel), text);
  }
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

async function withServer(fn: (lsp: Lsp) => Promise<void>, locale?: string): Promise<void> {
  const lsp = await Lsp.start({ workspaceFolders: [ws], ...(locale ? { locale } : {}) });
  try {
    const deadline = Date.now() + 15_000;
    while (!lsp.logs.some((l) => /validated \d+ map\(s\) in the workspace/.test(l)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await fn(lsp);
  } finally {
    assert.equal(await lsp.stop(), 0);
  }
}

const errors = (ds: { severity?: number; code?: string | number }[]) => ds.filter((d) => d.severity === 1).map((d) => d.code);

test('a map that uses a library has no "undeclared" errors; go to definition and hover reach into the library', async () => {
  await withServer(async (lsp) => {
    lsp.open(uri('карты/map.cjm'), MAP);
    assert.deepEqual(errors(await lsp.diagnostics(uri('карты/map.cjm'), (d) => !d.some((x) => x.code === 'undeclared-reference'))), []);
    const links = await lsp.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: uri('карты/map.cjm') }, position: at(MAP, 'persona: ольга', 10) });
    assert.equal(links.length, 1);
    assert.equal(decodeURIComponent(links[0].targetUri), decodeURIComponent(uri('библиотека/personas.cjm')));
    assert.equal(textOf(lib('personas.cjm'), links[0].targetSelectionRange), 'ольга');
    const h = await lsp.request<Hover>('textDocument/hover', { textDocument: { uri: uri('карты/map.cjm') }, position: at(MAP, 'channel: приложение', 10) });
    const value = (h.contents as { value: string }).value;
    assert.match(value, /^`\.\.\/библиотека\/personas\.cjm`/);
    assert.match(value, /Мобильное приложение/);
  });
});

test('find references on a library persona lists the library and every map that uses it; rename edits them all in one WorkspaceEdit', async () => {
  await withServer(async (lsp) => {
    const personas = lib('personas.cjm');
    lsp.open(uri('библиотека/personas.cjm'), personas);
    await lsp.diagnostics(uri('библиотека/personas.cjm'));
    // Both maps were linked by the workspace scan.
    await lsp.diagnostics(uri('карты/other.cjm'));
    const refs = await lsp.request<Location[]>('textDocument/references', { textDocument: { uri: uri('библиотека/personas.cjm') }, position: at(personas, 'id: ольга', 4), context: { includeDeclaration: true } });
    const files = [...new Set(refs.map((r) => decodeURIComponent(r.uri)))].sort();
    assert.deepEqual(files, [decodeURIComponent(uri('библиотека/personas.cjm')), decodeURIComponent(uri('карты/map.cjm')), decodeURIComponent(uri('карты/other.cjm'))].sort());
    const edit = await lsp.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri('библиотека/personas.cjm') }, position: at(personas, 'id: ольга', 4), newName: 'ольга-к' });
    const changes = Object.fromEntries(Object.entries(edit.changes!).map(([u, e]) => [decodeURIComponent(u), e]));
    assert.equal(Object.keys(changes).length, 3);
    for (const edits of Object.values(changes)) for (const e of edits) assert.equal(e.newText, 'ольга-к');
    assert.equal(changes[decodeURIComponent(uri('карты/other.cjm'))].length, 1);
    // From a map, on the reference: the same set.
    lsp.open(uri('карты/other.cjm'), OTHER);
    await lsp.diagnostics(uri('карты/other.cjm'), (d) => !d.some((x) => x.code === 'undeclared-reference'));
    const fromMap = await lsp.request<Location[]>('textDocument/references', { textDocument: { uri: uri('карты/other.cjm') }, position: at(OTHER, 'persona: ольга', 10), context: { includeDeclaration: true } });
    assert.equal(fromMap.length, refs.length);
    // Renaming it across files to a persona the library already has is refused, in the reader's Russian (cjm.locale).
    await assert.rejects(
      lsp.request('textDocument/rename', { textDocument: { uri: uri('карты/other.cjm') }, position: at(OTHER, 'persona: ольга', 10), newName: 'игорь' }),
      (e: Error) => /^Id `игорь` уже есть у другой персоны\.$/.test(e.message) || assert.fail(e.message),
    );
    await assert.rejects(
      lsp.request('textDocument/rename', { textDocument: { uri: uri('карты/other.cjm') }, position: at(OTHER, 'persona: ольга', 10), newName: 'ольга к' }),
      /`ольга к` не годится как id/,
    );
  }, 'ru');
});

test('editing a library re-checks an unopened map that uses it; workspace symbols find personas, stages and steps across maps', async () => {
  await withServer(async (lsp) => {
    const other = uri('карты/other.cjm');
    assert.deepEqual(errors(await lsp.diagnostics(other)), []);
    const since = lsp.published.length;
    const personas = lib('personas.cjm');
    lsp.open(uri('библиотека/personas.cjm'), personas);
    lsp.change(uri('библиотека/personas.cjm'), personas.replace('id: ольга', 'id: оля'));
    const ds = await lsp.diagnostics(other, (d) => d.some((x) => x.code === 'undeclared-reference'), 8000, since);
    assert.match(String(ds.find((d) => d.code === 'undeclared-reference')!.message), /No persona `ольга`/);
    const symbols = await lsp.request<SymbolInformation[]>('workspace/symbol', { query: 'сравн' });
    assert.ok(symbols.some((s) => s.name === 'Сравнивает тарифы' && decodeURIComponent(s.location.uri) === decodeURIComponent(other)), JSON.stringify(symbols));
    const people = await lsp.request<SymbolInformation[]>('workspace/symbol', { query: 'игорь' });
    assert.ok(people.some((s) => decodeURIComponent(s.location.uri) === decodeURIComponent(uri('библиотека/personas.cjm'))), JSON.stringify(people));
  });
});
