// `npm run package` in a fresh clone (no dist/): the VSIX a user installs with
// `code --install-extension cjm-<version>.vsix`. Checks its name, its file list (run-time files
// only, every one the manifest names), its size (under 3 MB without mermaid's lazily loaded
// bundle, which is counted on its own), the Marketplace metadata and a README whose links work
// on the Marketplace (absolute).
// The VS Code suite (scripts/test-vscode.mjs) installs the same package and checks the installed folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freshClone } from './fresh-clone.mjs';
import { zipEntries } from './zip.mjs';

const BUDGET = 3 * 1024 * 1024;
const MERMAID = 'extension/dist/media/mermaid.js';

// Every file the VSIX must hold.
const REQUIRED = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/package.nls.json',
  'extension/package.nls.ru.json',
  'extension/package.nls.pl.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/client/extension.js',
  'extension/dist/client/browser.js',
  'extension/dist/server.js',
  'extension/dist/server.browser.js',
  'extension/dist/media/preview.js',
  'extension/dist/media/diff.js',
  MERMAID,
  'extension/media/preview.css',
  'extension/media/diff.css',
  'extension/media/icons/cjm.png',
  'extension/media/icons/cjm-file.svg',
  'extension/client/language-configuration.json',
  'extension/client/snippets/cjm.json',
  'extension/syntaxes/cjm.tmLanguage.json',
  'extension/schemas/cjm.schema.json',
];
// Where more run-time files may appear (new bundles, icons, translations); anything else is a leak.
const ALLOWED = [
  /^extension\/dist\/[\w/.-]+\.(js|css|wasm)$/,
  /^extension\/media\/[\w/.-]+\.(css|svg|png|woff2)$/,
  /^extension\/schemas\/[\w.-]+\.json$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/client\/snippets\/[\w.-]+\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
];

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

test('npm run package in a fresh clone builds cjm-<version>.vsix: run-time files only, under 3 MB without mermaid, Marketplace-ready', { timeout: 5 * 60_000 }, (t) => {
  const clone = freshClone();
  try {
    const r = spawnSync('npm', ['run', 'package'], { cwd: clone.dir, encoding: 'utf8', timeout: 4 * 60_000 });
    assert.equal(r.status, 0, `npm run package failed (${r.status ?? r.signal}):\n${(r.stdout + r.stderr).slice(-3000)}`);
    const { version } = JSON.parse(readFileSync(join(clone.dir, 'package.json'), 'utf8'));
    const vsix = join(clone.dir, `cjm-${version}.vsix`);
    assert.ok(existsSync(vsix), `no cjm-${version}.vsix in the clone's root:\n${r.stdout.slice(-1500)}`);
    assert.match(r.stderr + r.stdout, /vscode:prepublish/, 'vsce ran the production build (vscode:prepublish) itself');

    const entries = zipEntries(vsix);
    const names = entries.map((e) => e.name);
    const missing = REQUIRED.filter((f) => !names.includes(f));
    assert.deepEqual(missing, [], 'files the extension loads are missing from the VSIX');
    const unexpected = names.filter((n) => !REQUIRED.includes(n) && !ALLOWED.some((re) => re.test(n)));
    assert.deepEqual(unexpected, [], 'files that are not run-time files are in the VSIX (.vscodeignore)');

    const total = statSync(vsix).size;
    const mermaid = entries.find((e) => e.name === MERMAID);
    const rest = total - mermaid.compressedSize;
    const sizes = `VSIX ${mb(total)} in all: ${mb(rest)} without mermaid's bundle, which adds ${mb(mermaid.compressedSize)} (${mb(mermaid.size)} unpacked)`;
    t.diagnostic(sizes);
    console.log(`[package] ${sizes}`);
    assert.ok(rest < BUDGET, `${sizes}: over the ${mb(BUDGET)} budget`);

    const read = (name) => entries.find((e) => e.name === name).read();
    const manifest = JSON.parse(read('extension/package.json').toString('utf8'));
    for (const key of ['repository', 'bugs', 'homepage', 'galleryBanner', 'icon']) assert.ok(manifest[key], `package.json has no "${key}" for the Marketplace`);
    const png = read(`extension/${manifest.icon}`);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'the icon is a PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'the icon is 128×128');

    // The Marketplace shows readme.md away from the repository: relative links would point nowhere.
    const readme = read('extension/readme.md').toString('utf8');
    const links = [...readme.matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1]);
    assert.ok(links.length > 5, 'the README has its links');
    const relative = links.filter((l) => !/^(https?:|mailto:|#)/.test(l));
    assert.deepEqual(relative, [], 'relative links in the packaged README');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
    assert.ok(images.length && images.every((i) => i.startsWith('https://')), `images by absolute https links: ${images.join(', ')}`);
    assert.match(read('extension/changelog.md').toString('utf8'), new RegExp(`## ${version.replace(/\./g, '\\.')}`), 'the changelog has an entry for this version');
  } finally {
    clone.remove();
  }
});
