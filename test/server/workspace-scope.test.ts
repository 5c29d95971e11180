/**
 * Which maps of a workspace the language server checks without their being open: the
 * `cjm.validation.include` / `exclude` globs (the client adds `files.exclude` to the latter),
 * the `.gitignore` at the root of the workspace folder (negation included), and
 * `cjm.validation.useIgnoreFiles: false` / `workspace: false`. The real server over stdio.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Lsp, serverFixture } from './lsp';

const broken = serverFixture('broken.cjm');
let ws: string;
const FILES = ['maps/shop.cjm', 'archive/old.cjm', 'generated/gen.cjm', 'drafts/keep.cjm', 'drafts/tmp.cjm', 'other/x.cjm'];
const uri = (rel: string) => pathToFileURL(join(ws, rel)).href;

before(() => {
  ws = mkdtempSync(join(tmpdir(), 'cjm-scope-'));
  for (const f of FILES) {
    mkdirSync(dirname(join(ws, f)), { recursive: true });
    writeFileSync(join(ws, f), broken.text);
  }
  writeFileSync(join(ws, '.gitignore'), '# build output\ngenerated/\ndrafts/*\n!drafts/keep.cjm\n');
});
after(() => rmSync(ws, { recursive: true, force: true }));

/** Starts a server on the workspace, waits for its scan, and returns the files it published problems for. */
async function checked(initializationOptions: Record<string, unknown>): Promise<string[]> {
  const lsp = await Lsp.start({ workspaceFolders: [ws], initializationOptions });
  try {
    const deadline = Date.now() + 10_000;
    while (!lsp.logs.some((l) => /validated \d+ map\(s\) in the workspace/.test(l)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(lsp.logs.some((l) => /validated \d+ map\(s\)/.test(l)), `no scan finished: ${lsp.logs.join(' | ')}`);
    return FILES.filter((f) => lsp.published.some((p) => p.uri === uri(f) && p.diagnostics.length > 0));
  } finally {
    assert.equal(await lsp.stop(), 0);
  }
}

test('include and exclude globs and the root .gitignore (with a negated rule) decide which maps are checked', async () => {
  assert.deepEqual(await checked({ include: ['maps/**', 'drafts/**', 'archive/**', 'generated/**'], exclude: ['archive/**'] }), ['maps/shop.cjm', 'drafts/keep.cjm']);
});

test('by default every map is checked except what .gitignore ignores', async () => {
  assert.deepEqual(await checked({}), ['maps/shop.cjm', 'archive/old.cjm', 'drafts/keep.cjm', 'other/x.cjm']);
});

test('useGitignore false checks ignored maps too; files.exclude patterns arrive as excludes', async () => {
  assert.deepEqual(await checked({ useGitignore: false, exclude: ['**/other'] }), ['maps/shop.cjm', 'archive/old.cjm', 'generated/gen.cjm', 'drafts/keep.cjm', 'drafts/tmp.cjm']);
});

test('workspace validation off: no map is checked until it is opened', async () => {
  const lsp = await Lsp.start({ workspaceFolders: [ws], initializationOptions: { workspaceValidation: false } });
  try {
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(lsp.published.filter((p) => p.diagnostics.length).map((p) => p.uri), []);
    lsp.open(uri('maps/shop.cjm'), broken.text);
    await lsp.diagnostics(uri('maps/shop.cjm'), (d) => d.length > 0);
  } finally {
    assert.equal(await lsp.stop(), 0);
  }
});
