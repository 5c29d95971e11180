/**
 * What package.json contributes reads right in every language and points at things that
 * exist: every %key% has an English, Russian and Polish text, Russian texts carry no English
 * words beyond names, and the Getting Started walkthrough's pictures, buttons and completion
 * events name real files and commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const nls = (suffix: string) => JSON.parse(readFileSync(join(ROOT, `package.nls${suffix}.json`), 'utf8')) as Record<string, string>;
const catalogues = { en: nls(''), ru: nls('.ru'), pl: nls('.pl') };
const referenced = [...JSON.stringify(pkg.contributes).matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
const commands = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
/** Names that stay as they are in any language: products, formats, git words, cjm's own commands. */
const NAMES = new Set(['CJM', 'VS', 'Code', 'HEAD', 'HTML', 'Markdown', 'Mermaid', 'journey', 'PNG', 'SVG', 'Language', 'Server', 'cjm', 'git', 'review', 'id']);

test('every text package.json refers to exists in English, Russian and Polish', () => {
  assert.ok(referenced.length > 40, `only ${referenced.length} references found`);
  for (const [locale, texts] of Object.entries(catalogues)) {
    assert.deepEqual(referenced.filter((k) => !texts[k]?.trim()), [], `missing in package.nls${locale === 'en' ? '' : `.${locale}`}.json`);
  }
});

test('Russian contribution texts use no English words beyond names', () => {
  for (const [key, text] of Object.entries(catalogues.ru)) {
    // Code in backticks and command links are not prose.
    const prose = text.replace(/`[^`]*`/g, '').replace(/\(command:[^)]*\)/g, '');
    const latin = [...prose.matchAll(/[A-Za-z]+/g)].map((m) => m[0]).filter((w) => !NAMES.has(w));
    assert.deepEqual(latin, [], `${key}: ${text}`);
  }
});

test('the walkthrough: four steps, each with a picture in the extension, localized alt text, a button that runs a real command and a completion event', () => {
  const [walkthrough] = pkg.contributes.walkthroughs;
  assert.equal(walkthrough.steps.length, 4);
  assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['createMap', 'openPreview', 'export', 'review']);
  for (const step of walkthrough.steps) {
    const image = join(ROOT, step.media.image);
    assert.ok(existsSync(image), `${step.id}: ${step.media.image} does not exist`);
    const png = readFileSync(image);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${step.id}: not a PNG`);
    assert.ok(png.readUInt32BE(16) >= 600 && png.length < 400_000, `${step.id}: ${png.readUInt32BE(16)} px wide, ${png.length} bytes`);
    assert.match(step.media.altText, /^%[\w.]+%$/, `${step.id}: the alt text is translated`);
    assert.match(step.media.image, /^media\/walkthrough\/[\w-]+\.png$/, 'media/**/*.png is what .vscodeignore lets into the VSIX');
    for (const locale of ['en', 'ru', 'pl'] as const) {
      const description = catalogues[locale][step.description.slice(1, -1)];
      const links = [...description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.equal(links.length, 1, `${locale} ${step.id}: one button`);
      assert.ok(commands.has(links[0]), `${locale} ${step.id}: ${links[0]} is not a contributed command`);
    }
    for (const event of step.completionEvents) {
      const [, command] = /^onCommand:(.+)$/.exec(event) ?? [];
      assert.ok(command && commands.has(command), `${step.id}: ${event}`);
    }
  }
});
