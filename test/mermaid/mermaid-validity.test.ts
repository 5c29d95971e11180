/**
 * Every Mermaid block the product emits passes Mermaid's own parser (the pinned `mermaid`
 * dependency, run in Node by test/mermaid/mermaid-parse.mjs, one process for all blocks):
 * `cjm export mermaid`, the Markdown export (`cjm render --format md`) and the PR comment's
 * emotion chart, for every example, every fixture, maps in Russian and Polish, and hostile
 * maps. None may carry a directive, markup or more than Mermaid's 50,000 characters.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileDiff, MERMAID_MAX_TEXT, analyze, diffMaps, diffReport, emotionChart, exportMermaidJourney, formatPrComment, importMermaidJourney, mapLanguage } from '@cjm/core';
import { renderMarkdown } from '@cjm/render';
import { ROOT, example, fixture } from '../helpers';

const PALETTE = { themeVariables: { xyChart: { plotColorPalette: '#8c959f, #1f883d' } } };

function blocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(`{3,})mermaid\n([\s\S]*?)\n\1$/gm)].map((m) => m[2]);
}

const read = (p: string) => readFileSync(p, 'utf8');
const examples = readdirSync(example()).filter((f) => f.endsWith('.cjm')).map((f) => example(f));
const diffPairs = readdirSync(fixture('diff')).filter((d) => statSync(fixture('diff', d)).isDirectory()).sort();

const hostileNames = [
  '%%{init: {"theme":"dark","securityLevel":"loose"}}%% <script>alert(1)</script>',
  'Оплата: "итог" ; # 1 `code`',
  'Płatność\n  section Injected\n  x: 5: y',
  '}%% ]]> " ) --> click',
  'title Hijack',
];
/** Hostile stage names short enough to be drawn on the chart's axis. */
const hostileShort = ['%%{init: 1}<b>', 'Оплата: "итог"', '}%% ]]> "'];
function hostileMap(scores: number[]): string {
  return ['cjm: 1', `title: ${JSON.stringify(hostileNames[0])}`, `description: ${JSON.stringify(hostileNames[3])}`, 'personas:', '  - id: p', `    name: ${JSON.stringify(hostileNames[1])}`, 'stages:',
    ...hostileNames.map((n, i) => `  - id: s${i}\n    name: ${JSON.stringify(n)}\n    steps:\n      - name: ${JSON.stringify(hostileNames[(i + 1) % hostileNames.length])}\n        persona: p\n        emotion: ${scores[i]}`),
  ].join('\n') + '\n';
}

function pair(before: string, after: string, path: string): FileDiff {
  return { path, status: 'modified', diff: diffMaps(analyze(before), analyze(after)) };
}

test('every Mermaid block cjm emits parses with the pinned Mermaid, with no directive and no markup', () => {
  const sources: Array<{ what: string; text: string }> = [];
  const maps = [...examples.map((p) => ({ what: p.slice(ROOT.length + 1), text: read(p) })), { what: 'hostile map', text: hostileMap([-3, -1, 0, 2, 3]) }];
  for (const f of readdirSync(fixture('mermaid')).filter((x) => x.endsWith('.mmd'))) maps.push({ what: `imported ${f}`, text: importMermaidJourney(read(fixture('mermaid', f))).text });
  for (const m of maps) {
    const a = analyze(m.text);
    sources.push({ what: `export mermaid: ${m.what}`, text: exportMermaidJourney(a, mapLanguage(a.map, a.text)) });
    for (const b of blocks(renderMarkdown(a.map, { locale: mapLanguage(a.map, a.text) }))) sources.push({ what: `render md: ${m.what}`, text: b });
  }
  // PR comments: every diff fixture, the Russian and Polish examples with emotions changed, hostile stage names.
  const files: FileDiff[] = diffPairs.map((d) => pair(read(fixture('diff', d, 'before.cjm')), read(fixture('diff', d, 'after.cjm')), `${d}.cjm`));
  for (const ex of ['bank-omnichannel-ru.cjm', 'sklep-internetowy-pl.cjm']) {
    const text = read(example(ex));
    const changed = text.replace(/emotion: [^\n]+/, 'emotion: -3');
    assert.notEqual(changed, text);
    files.push(pair(text, changed, ex), { path: `new-${ex}`, status: 'added', diff: diffMaps(null, analyze(text)) }, { path: `gone-${ex}`, status: 'deleted', diff: diffMaps(analyze(text), null) });
  }
  files.push(pair(hostileMap([-3, -1, 0, 2, 3]), hostileMap([3, 1, -2, -2, -3]), 'hostile.cjm'));
  const comment = formatPrComment(diffReport(files));
  // Names that fit the axis side by side are drawn there (longer ones are numbered, with a legend outside the chart).
  const shortNames = emotionChart(hostileShort, [{ values: [-3, 0, 3] }, { values: [3, -2, -3] }]).mermaid;
  const charts = [...blocks(comment), ...blocks(formatPrComment(diffReport(files), { locale: 'ru' })), ...blocks(formatPrComment(diffReport(files), { locale: 'pl' })), shortNames];
  assert.ok(charts.length >= 5, `charts: ${charts.length}`);
  assert.ok(charts.some((c) => /x-axis \[.*"Оплата/.test(c)) || charts.some((c) => /[А-я]/.test(c)), 'a Russian chart');
  assert.ok(charts.some((c) => /[ąćęłńóśźż]/i.test(c)), 'a Polish chart');
  for (const c of charts) sources.push({ what: 'pr-comment chart', text: c });

  for (const s of sources) {
    assert.ok(s.text.length < MERMAID_MAX_TEXT, s.what);
    const body = s.text.replace(/^---\n[\s\S]*?\n---\n/, '');
    assert.doesNotMatch(body, /%%\{|<|>(?!\s*-?\d)/, `${s.what}: no directive or markup\n${body}`);
  }

  const r = spawnSync(process.execPath, [join(ROOT, 'test/mermaid/mermaid-parse.mjs')], { cwd: ROOT, input: JSON.stringify(sources.map((s) => s.text)), encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(r.stdout) as Array<{ ok: boolean; type?: string; config?: unknown; error?: string }>;
  assert.equal(results.length, sources.length);
  results.forEach((res, i) => {
    assert.ok(res.ok, `${sources[i].what}: ${res.error}\n${sources[i].text}`);
    if (res.type === 'journey') assert.deepEqual(res.config, {}, `${sources[i].what}: no configuration from user text`);
    else {
      assert.equal(res.type, 'xychart', sources[i].what);
      assert.deepEqual(res.config, PALETTE, `${sources[i].what}: only our palette`);
    }
  });
  // The hostile words are still there, as text.
  assert.match(shortNames, /x-axis \["\u200b%\u200b%\u200b\{init꞉/, shortNames);
  assert.match(shortNames, /"Оплата꞉ ＂итог＂"/);
  assert.equal(/x-axis \[(.*)\]/.exec(shortNames)![1].split('", "').length, 3, 'three stages, nothing injected');
  const hostileChart = blocks(formatPrComment(diffReport([files.at(-1)!])))[0];
  assert.equal(/x-axis \[(.*)\]/.exec(hostileChart)![1].split('", "').length, 5, 'five stages, nothing injected');
});

test('the Mermaid the tests parse with is the pinned dependency the preview bundles', () => {
  const pkg = JSON.parse(read(join(ROOT, 'package.json')));
  const installed = JSON.parse(read(join(ROOT, 'node_modules/mermaid/package.json'))).version;
  // A dev dependency: the preview bundles it, so the npm package of the command line does not install it.
  assert.equal(pkg.devDependencies.mermaid, installed, 'mermaid is pinned to an exact version');
  assert.match(read(join(ROOT, 'docs/review.md')), new RegExp(`Mermaid ${installed.replace(/\./g, '\\.')}`));
});
