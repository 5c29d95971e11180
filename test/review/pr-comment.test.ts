/**
 * The pull-request comment body: structure (marker, one row per map, change table, stage
 * emotions, chart), inert user text, the size cap (summarised whole, never a table cut),
 * and byte-identical output for identical input.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CHART_MAX_STAGES, FileDiff, GITHUB_COMMENT_LIMIT, PR_COMMENT_MARKER, analyze, diffMaps, diffReport, emotionCurveBlock, formatPrComment } from '@cjm/core';
import { example, fixture } from '../helpers';

const read = (...p: string[]) => readFileSync(fixture(...p), 'utf8');
const file = (path: string, before: string | null, after: string | null, status: FileDiff['status'] = 'modified'): FileDiff => ({ path, status, diff: diffMaps(before === null ? null : analyze(before), after === null ? null : analyze(after)) });
const rose = () => file('maps/checkout.cjm', read('diff', 'emotion-rose', 'before.cjm'), read('diff', 'emotion-rose', 'after.cjm'));

test('structure: marker first, a row per map with its headline, the change table, stage emotions, the chart', () => {
  const body = formatPrComment(diffReport([rose()], { base: 'main', head: 'feature' }));
  const lines = body.split('\n');
  assert.equal(lines[0], PR_COMMENT_MARKER);
  assert.equal(lines[1], '### 🗺️ cjm: 1 journey map changed');
  assert.match(body, /^Compared main → feature\.$/m);
  assert.match(body, /^\| maps\/checkout\.cjm \| Checkout: 1 step changed, emotion −2 → \+1; 0 new errors \|$/m);
  assert.match(body, /^\| ▲ \| Checkout › Pays \| emotion \| 😣 frustrated −2 \| 🙂 satisfied \+1 \| `emotion-rose` \|$/m);
  assert.match(body, /^\| Checkout \| −2 \| \+1 \| −2 \| \+1 \|$/m);
  assert.match(body, /<details open><summary>Emotion curve, grey: before, green: after<\/summary>\n\n````mermaid\n---\n/);
  assert.match(body, /^ {2}x-axis \["Consideration", "Checkout", "Delivery"\]\n {2}y-axis "Emotion" -3 --> 3\n {2}line \[1, -2, 2\]\n {2}line \[1, 1, 2\]$/m);
  assert.equal(formatPrComment(diffReport([rose()], { base: 'main', head: 'feature' })), body, 'byte-identical');
  assert.equal(formatPrComment(diffReport([])).split('\n')[0], PR_COMMENT_MARKER);
  assert.match(formatPrComment(diffReport([])), /No `\.cjm` map changed/);
});

test('without the chart the tables carry every number (e-mail shows Mermaid as source)', () => {
  const body = formatPrComment(diffReport([rose()]));
  const withoutCharts = body.replace(/````mermaid[\s\S]*?````/g, '');
  for (const fact of ['−2', '+1', 'Checkout', 'emotion-rose']) assert.ok(withoutCharts.includes(fact), fact);
  assert.equal(formatPrComment(diffReport([file('x.cjm', read('diff', 'formatting-only', 'before.cjm'), read('diff', 'formatting-only', 'after.cjm'))])).includes('mermaid'), false, 'no chart when no emotion moved');
});

test('user text stays text: HTML, links, mentions, table pipes, directives', () => {
  const evil = '<script>alert(1)</script> [x](javascript:alert(1)) @team | `code` %%{init: {}}%% ![i](https://e.x/i.png)';
  const map = (emotion: string) => `cjm: 1\ntitle: ${JSON.stringify(evil)}\nstages:\n  - id: s\n    name: ${JSON.stringify(evil)}\n    steps:\n      - name: ${JSON.stringify(evil)}\n        emotion: ${emotion}\n        pains: [${JSON.stringify(evil)}]\n`;
  const body = formatPrComment(diffReport([file(`maps/${evil}.cjm`, map('happy'), map('angry').replace(/pains: .*\n/, ''))]));
  const outsideCharts = body.replace(/````mermaid[\s\S]*?````/g, '');
  assert.doesNotMatch(outsideCharts, /<script|(?<!\\)\]\(|(?<!\\)!\[|(?<!&#64;)@team|https:\/\//);
  for (const row of outsideCharts.split('\n').filter((l) => l.startsWith('| ') && l.includes('alert'))) {
    const header = outsideCharts.split('\n').filter((l) => l.startsWith('| ')).find((l) => l.split(/(?<!\\)\|/).length > 0);
    assert.ok(header);
    assert.ok(!/(?<!\\)\|\s*`code/.test(row), `a pipe in user text would split the cell: ${row}`);
  }
  const chart = /````mermaid\n([\s\S]*?)````/.exec(body)![1];
  assert.doesNotMatch(chart.replace(/^---[\s\S]*?---\n/, ''), /%%\{|<script/i);
  assert.match(chart, /^ {2}x-axis \[("[^"\n]*"(, )?)+\]$/m, 'labels stay inside their quotes');
});

test('Russian and Polish stage names are quoted in the chart; many stages leave the chart out with a note', () => {
  const ru = readFileSync(example('bank-omnichannel-ru.cjm'), 'utf8');
  const pl = (s: string) => `cjm: 1\ntitle: Sklep\nlanguage: pl\nstages:\n  - id: zakup\n    name: Zakup i płatność\n    steps:\n      - name: Płaci\n        emotion: ${s}\n`;
  const body = formatPrComment(diffReport([file('pl.cjm', pl('zły'), pl('szczęśliwy')), file('ru.cjm', null, ru, 'added')]));
  assert.match(body, /x-axis \["Zakup i płatność"\]/);
  assert.match(body, /x-axis \[("[А-яЁё][^"]*"(, )?)+\]/);
  const many = (delta: number) => `cjm: 1\ntitle: Big\nstages:\n${Array.from({ length: CHART_MAX_STAGES + 1 }, (_, i) => `  - id: s${i}\n    steps:\n      - name: x\n        emotion: ${((i + delta) % 7) - 3}\n`).join('')}`;
  const big = file('big.cjm', many(0), many(1));
  assert.match(JSON.stringify(emotionCurveBlock(big)), /left out: 61 stages/);
  assert.doesNotMatch(formatPrComment(diffReport([big])), /````mermaid/);
});

test('size cap: summarised map by map, tables whole, the note says so; never over the limit', () => {
  const base = read('diff', 'emotion-rose', 'before.cjm');
  const steps = (n: number, emotion: string) => base.replace('stages:\n', `stages:\n  - id: extra\n    steps:\n${Array.from({ length: n }, (_, i) => `      - name: Step ${i} ${'long text '.repeat(8)}\n        emotion: ${emotion}\n`).join('')}`);
  const files = Array.from({ length: 6 }, (_, i) => file(`maps/m${i}.cjm`, steps(60, 'happy'), steps(60, 'angry')));
  const full = formatPrComment(diffReport(files), { maxChars: 10_000_000 });
  assert.ok(full.length > 30000, `${full.length}`);
  const cut = formatPrComment(diffReport(files), { maxChars: 30000, fullCommand: 'cjm diff --base main' });
  assert.ok(cut.length <= 30000, `${cut.length}`);
  assert.match(cut, /^> \[!NOTE\]\n> Shortened to fit GitHub's comment size limit: \d of 6 maps are summarised\. Run `cjm diff --base main`/m);
  // Every table is whole: each table row has as many cells as its header.
  const lines = cut.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('|') && !lines[i - 1]?.startsWith('|')) {
      const cells = (l: string) => l.split(/(?<!\\)\|/).length;
      let j = i + 1;
      assert.match(lines[j], /^\|(---\|)+$/);
      for (; lines[j]?.startsWith('|'); j++) assert.equal(cells(lines[j]), cells(lines[i]), lines[j]);
      assert.equal(lines[j], '', 'a table ends with a blank line');
    }
  }
  assert.match(cut, /\| ▼ \| `emotion-dropped` \| 60 \|/, 'summarised maps show counts by kind');
  for (let k = 0; k < 6; k++) assert.match(cut, new RegExp(`^\\| maps/m${k}\\.cjm \\|`, 'm'), 'every map keeps its row');
  const tiny = formatPrComment(diffReport(files), { maxChars: 1000 });
  assert.ok(tiny.length <= 1000, `${tiny.length}`);
  assert.match(tiny, /maps are only counted/);
  assert.equal(GITHUB_COMMENT_LIMIT, 65536);
  assert.ok(formatPrComment(diffReport(files)).length <= GITHUB_COMMENT_LIMIT);
});
