/** `cjm render`: every format through the built binary, output files, exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, fixture, example } from '../helpers';

const CLI = join(ROOT, 'dist/cli.js');
const cjm = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const SHOP = fixture('render', 'shop.cjm');

test('svg is the default format and is a standalone picture', () => {
  const r = cjm(['render', SHOP]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal((r.out.match(/class="emotion-marker"/g) ?? []).length, 8);
});

test('html is a whole page with the stylesheet inlined and no scripts', () => {
  const r = cjm(['render', SHOP, '--format', 'html']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^<!DOCTYPE html>/);
  assert.match(r.out, /<style>[^<]*\.cjm-grid/);
  assert.doesNotMatch(r.out, /<script/i);
});

test('md has the Mermaid journey block; labels follow the map language or --locale', () => {
  const r = cjm(['render', example('bank-omnichannel-ru.cjm'), '--format', 'md']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /````mermaid\njourney\n/);
  assert.match(r.out, /\| Шаг \| Эмоция \|/);
  assert.match(cjm(['render', example('bank-omnichannel-ru.cjm'), '--format', 'md', '--locale', 'pl']).out, /\| Krok \| Emocja \|/);
});

test('a map without `language:` is labelled in the language of its text, as the preview labels it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cjm-render-lang-'));
  const file = join(dir, 'bank.cjm');
  writeFileSync(file, readFileSync(example('bank-omnichannel-ru.cjm'), 'utf8').replace(/^language: ru\n/m, ''));
  const r = cjm(['render', file, '--format', 'md']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\| Шаг \| Эмоция \|/);
});

test('json is the laid-out map with the Mermaid text', () => {
  const r = cjm(['render', SHOP, '--format', 'json']);
  const j = JSON.parse(r.out);
  assert.equal(j.version, 1);
  assert.deepEqual(j.stages.map((s: { name: string }) => s.name), ['Awareness', 'Consideration', 'Purchase', 'Delivery', 'Retention']);
  assert.equal(j.steps.filter((s: { emotion?: unknown }) => s.emotion).length, 8);
  assert.match(j.mermaid, /^journey\n/);
});

test('-o writes the file; a map with errors is still drawn but exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cjm-render-'));
  const out = join(dir, 'map.svg');
  assert.equal(cjm(['render', SHOP, '-o', out]).code, 0);
  assert.match(readFileSync(out, 'utf8'), /^<svg/);
  const bad = join(dir, 'bad.cjm');
  writeFileSync(bad, 'cjm: 1\ntitle: T\nstages:\n  - id: a\n    steps:\n      - name: S\n        emotion: frustratd\n');
  const r = cjm(['render', bad, '--format', 'html']);
  assert.equal(r.code, 1);
  assert.match(r.out, /<!DOCTYPE html>/);
  assert.match(r.err, /:7:18 error unknown-emotion/);
});

test('usage errors exit 2: unknown format or locale, no file, unreadable file', () => {
  assert.equal(cjm(['render', SHOP, '--format', 'pdf']).code, 2);
  assert.equal(cjm(['render', SHOP, '--locale', 'de']).code, 2);
  assert.equal(cjm(['render']).code, 2);
  assert.equal(cjm(['render', join(ROOT, 'no-such.cjm')]).code, 2);
  assert.match(cjm(['render', '--help']).out, /png: the same picture at twice its size, drawn without a\s+browser/);
});

test('cjm render --format html draws a future-state map over its baseline; --no-baseline draws it alone', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'render', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const over = run(['--format', 'html', 'examples/library/future.cjm']);
  assert.equal(over.status, 0, over.stderr);
  assert.match(over.stdout, /data-baseline-root=""/);
  assert.match(over.stdout, /cjm-diff-added/);
  assert.match(over.stdout, /\.cjm-curve-before/, 'the diff stylesheet is inlined');
  const alone = run(['--format', 'html', '--no-baseline', 'examples/library/future.cjm']);
  assert.equal(alone.status, 0, alone.stderr);
  assert.doesNotMatch(alone.stdout, /data-baseline-root/);
});

test('cjm render --format svg and png draw a future-state map over its baseline, light and dark; --no-baseline draws it alone', () => {
  const map = 'examples/library/future.cjm';
  const over = cjm(['render', map, '--format', 'svg']);
  assert.equal(over.code, 0, over.err);
  assert.match(over.out, /<g class="persona-curve-before" data-persona="ольга">/);
  assert.match(over.out, /<rect class="mark-removed"/);
  assert.match(over.out, />Текущее состояние: Дебетовая карта/);
  const dark = cjm(['render', map, '--format', 'svg', '--theme', 'dark']);
  assert.match(dark.out, /<rect class="mark-added"[^>]*stroke="#3fb950"/);
  const alone = cjm(['render', map, '--format', 'svg', '--no-baseline']);
  assert.equal(alone.code, 0, alone.err);
  assert.doesNotMatch(alone.out, /persona-curve-before|mark-removed|Текущее состояние:/);
  // The PNG is the overlay's picture: as wide as its SVG, twice over, and wider than the map alone (the removed step's column).
  const dir = mkdtempSync(join(tmpdir(), 'cjm-baseline-'));
  const png = join(dir, 'future.png');
  const r = cjm(['render', map, '--format', 'png', '-o', png]);
  assert.equal(r.code, 0, r.err);
  const width = (svg: string) => Number(svg.match(/^<svg[^>]* width="(\d+)"/)![1]);
  assert.equal(readFileSync(png).readUInt32BE(16), width(over.out) * 2);
  assert.ok(width(over.out) > width(alone.out));
});

test('--lanes draws a slide of the lanes asked for; an unknown lane is a usage error naming the lanes there are', () => {
  const r = cjm(['render', SHOP, '--lanes', 'actions,emotions,pains']);
  assert.equal(r.code, 0, r.err);
  const lanes = [...r.out.matchAll(/<text class="lane"[^>]*><tspan[^>]*>([^<]*)</g)].map((m) => m[1]);
  assert.deepEqual(lanes, ['STAGES', 'STEPS', 'ACTIONS', 'EMOTIONS', 'PAINS']);
  const bad = cjm(['render', SHOP, '--lanes', 'actions,feelings']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown lane feelings; lanes: goals, actions, .*emotions, pains/);
  assert.equal(cjm(['render', SHOP, '--format', 'md', '--lanes', 'actions']).code, 2);
  assert.equal(cjm(['render', SHOP, '--theme', 'sepia']).code, 2);
  assert.match(cjm(['render', SHOP, '--theme', 'dark']).out, /fill="#0d1117"/);
});

test('insights-md and insights-html: the insight views in the map\'s language (a Polish map)', () => {
  const md = cjm(['render', example('sklep-internetowy-pl.cjm'), '--format', 'insights-md']);
  assert.equal(md.code, 0, md.err);
  assert.match(md.out, /^# Wnioski: /);
  for (const heading of ['## Najniższe momenty', '## Bolączki bez usprawnień', '## Pokrycie badaniami', '## Wpływ × nakład', '## Obciążenie właścicieli']) assert.ok(md.out.includes(heading), heading);
  assert.match(md.out, /\| Zakup \| Zakłada konto \| 😣 frustracja −2 \|/);
  const html = cjm(['render', example('sklep-internetowy-pl.cjm'), '--format', 'insights-html']);
  assert.equal(html.code, 0, html.err);
  assert.match(html.out, /^<!DOCTYPE html>\n<html lang="pl">/);
  assert.match(html.out, /<section class="cjm-insight cjm-insight-matrix"><h2>Wpływ × nakład<\/h2><table/);
  assert.doesNotMatch(html.out, /<script/i);
});
