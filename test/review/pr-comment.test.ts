/**
 * The pull-request comment body: structure (marker, one row per map, change table, stage
 * emotions, chart), inert user text, the size cap (summarised whole, never a table cut),
 * and byte-identical output for identical input.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CHART_MAX_STAGES, FileDiff, GITHUB_COMMENT_LIMIT, PR_COMMENT_MARKER, analyze, changeLabels, diffMaps, diffReport, emotionCurveBlock, formatPrComment, prCommentMarker, reviewAnnotations } from '@cjm/core';
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
  // Eight Russian stage names do not fit side by side: the axis numbers them and a legend names them.
  assert.match(body, /x-axis \["1", "2", "3", "4", "5", "6", "7", "8"\]/);
  assert.match(body, /^\| 1 \| Осведомленность \| {2}\| \+1 \|$/m);
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

test('maps are listed worst first; a cut keeps errors and warnings (sorted) before dropping a map to counts; the change list stays open', () => {
  const base = read('diff', 'emotion-rose', 'before.cjm');
  // Forty steps whose feeling rose (info) and forty that dropped (warning), in one map.
  const mixed = (a: string, b: string) => base.replace('stages:\n', `stages:\n  - id: extra\n    steps:\n${Array.from({ length: 80 }, (_, i) => `      - name: Step ${i} ${'words '.repeat(10)}\n        emotion: ${i % 2 ? a : b}\n`).join('')}`);
  const calm = file('maps/a-calm.cjm', read('diff', 'emotion-rose', 'before.cjm'), read('diff', 'emotion-rose', 'after.cjm'));
  const rough = file('maps/b-rough.cjm', mixed('happy', 'angry'), mixed('angry', 'happy'));
  const full = formatPrComment(diffReport([calm, rough]), { maxChars: 10_000_000 });
  assert.ok(full.indexOf('#### maps/b-rough.cjm') < full.indexOf('#### maps/a-calm.cjm'), 'the map with warnings comes first');
  assert.ok(full.indexOf('| maps/b-rough.cjm |') < full.indexOf('| maps/a-calm.cjm |'));
  assert.doesNotMatch(full, /<details><summary>\d+ changes/, 'a long change list is not collapsed');

  const cut = formatPrComment(diffReport([calm, rough]), { maxChars: full.length - 2000, summaryUrl: 'https://github.example/o/r/actions/runs/1' });
  assert.ok(cut.length <= full.length - 2000);
  assert.match(cut, /The \[job summary\]\(https:\/\/github\.example\/o\/r\/actions\/runs\/1\) has the whole review\./);
  const rough2 = cut.slice(cut.indexOf('#### maps/b-rough.cjm'), cut.indexOf('#### maps/a-calm.cjm'));
  const kinds = [...rough2.matchAll(/\| `([a-z-]+)` \|$/gm)].map((m) => m[1]);
  assert.equal(kinds.length, 40, rough2);
  assert.ok(kinds.every((k) => k === 'emotion-dropped'));
  assert.match(rough2, /_40 info-level changes are left out to keep this comment within GitHub's size limit\._/);
  // The info-only map gave up its row first, though it is the smaller: warnings outrank it.
  assert.match(cut.slice(cut.indexOf('#### maps/a-calm.cjm')), /^_1 info-level change is left out/m);
  assert.doesNotMatch(cut, /^\| ▲ \| Checkout › Pays \|/m);
  // Russian and Polish notes count in their own plural forms.
  assert.match(formatPrComment(diffReport([rough]), { maxChars: full.length - 4000, locale: 'ru' }), /_40 изменений уровня «сведение» не показано/);
  assert.match(formatPrComment(diffReport([rough]), { maxChars: full.length - 4000, locale: 'pl' }), /_40 zmian na poziomie informacji jest pominiętych/);
});

test('the marker carries the comment id; an id that could end the HTML comment is refused', () => {
  assert.equal(prCommentMarker(), PR_COMMENT_MARKER);
  assert.equal(prCommentMarker(''), PR_COMMENT_MARKER);
  assert.equal(prCommentMarker('maps-ru'), '<!-- cjm-review:maps-ru -->');
  assert.notEqual(prCommentMarker('a'), prCommentMarker('b'));
  for (const bad of ['x -->', 'a b', '-x', 'é', 'x'.repeat(65)]) assert.throws(() => prCommentMarker(bad), /comment id/);
  assert.equal(formatPrComment(diffReport([rose()]), { marker: prCommentMarker('docs') }).split('\n')[0], '<!-- cjm-review:docs -->');
});

test('annotations: errors, then warnings, then notices; 10 of each, then one notice with the rest; room kept for the step\'s own', () => {
  const mk = (emotions: string[]) => `cjm: 1\ntitle: T\nstages:\n  - id: s\n    steps:\n${emotions.map((e, i) => `      - name: S${i}\n        emotion: ${e}\n`).join('')}`;
  // 12 drops (warnings), 12 rises (notices), then one typo (an error), listed last in the map.
  const before = [...Array(12).fill('happy'), ...Array(12).fill('angry'), 'happy'];
  const after = [...Array(12).fill('angry'), ...Array(12).fill('happy'), 'hapy'];
  const report = diffReport([file('m.cjm', mk(before), mk(after))]);
  const levels = (text: string) => text.trim().split('\n').map((l) => /^::(\w+)/.exec(l)![1]);
  const a = reviewAnnotations(report);
  assert.deepEqual(levels(a.text), ['error', ...Array(10).fill('warning'), ...Array(10).fill('notice')].slice(0, 20).concat(['notice']));
  assert.equal(a.omitted, report.summary.changes - 20);
  assert.match(a.text.trim().split('\n').at(-1)!, new RegExp(`^::notice title=cjm review::${a.omitted} more changes are in the job summary`));
  // The step will print a warning of its own (it could not comment): one warning fewer.
  const b = reviewAnnotations(report, 'en', { reserved: { warning: 1 } });
  assert.equal(levels(b.text).filter((l) => l === 'warning').length, 9);
  // Few changes: all of them, nothing counted.
  const small = reviewAnnotations(diffReport([rose()]));
  assert.equal(small.omitted, 0);
  assert.doesNotMatch(small.text, /job summary/);
  assert.match(reviewAnnotations(report, 'ru').text, /изменений — в сводке задания/);
  assert.match(reviewAnnotations(report, 'pl').text, /zmian jest w podsumowaniu zadania/);
});

test('labels by change kind: warning and error kinds by default, a mapping overrides or silences a kind', () => {
  const report = diffReport([rose(), file('b.cjm', read('diff', 'emotion-rose', 'after.cjm'), read('diff', 'emotion-rose', 'before.cjm'))]);
  assert.deepEqual(changeLabels(report), ['cjm: emotion-dropped']);
  assert.deepEqual(changeLabels(report, { 'emotion-dropped': 'ux: worse', 'emotion-rose': 'ux: better' }), ['ux: better', 'ux: worse']);
  assert.deepEqual(changeLabels(report, { 'emotion-dropped': null }), []);
  assert.deepEqual(changeLabels(diffReport([])), []);
});
