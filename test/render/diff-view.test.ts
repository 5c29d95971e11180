/** The visual diff's renderer: one union grid with the changes of diffMaps marked, for every fixture pair. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { Analysis, analyze, diffMaps } from '@cjm/core';
import { buildDiffView, renderDiffViewHtml, renderMapHtml } from '@cjm/render';
import { example, fixture } from '../helpers';

function pair(name: string): { before: Analysis; after: Analysis; bt: string; at: string } {
  const bt = readFileSync(fixture('diff', name, 'before.cjm'), 'utf8');
  const at = readFileSync(fixture('diff', name, 'after.cjm'), 'utf8');
  return { before: analyze(bt), after: analyze(at), bt, at };
}

function render(name: string, locale: 'en' | 'ru' | 'pl' = 'en') {
  const p = pair(name);
  const diff = diffMaps(p.before, p.after);
  const dv = buildDiffView(p.before, p.after, diff, locale);
  return { ...p, diff, dv, html: renderDiffViewHtml(dv) };
}

/** The opening tags of elements whose class list has `cls`. */
const tagsWith = (html: string, cls: string) => [...html.matchAll(/<(?:th|td|li|g|h1|del|ins)\b[^>]*>/g)].map((m) => m[0]).filter((t) => new RegExp(`class="[^"]*\\b${cls}\\b`).test(t));
const stepNames = (html: string) => [...html.matchAll(/<th class="cjm-step[^"]*"[^>]*><span class="cjm-step-name">(.*?)<\/span>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));

test('an added step gets its own highlighted column, marked with its change index, in place', () => {
  const { html, diff } = render('step-added');
  assert.equal(diff.changes[0].kind, 'step-added');
  assert.deepEqual(stepNames(html), ['Browses products', 'Reviews the cart', 'Enters the address', 'Pays', 'Receives the parcel']);
  const head = tagsWith(html, 'cjm-step').find((t) => t.includes('cjm-diff-added'));
  assert.ok(head, 'an added step header');
  assert.match(head, /cjm-only-after/);
  assert.match(head, /data-change="0"/);
  // every cell of the column says it is new, so the Before mode can blank it
  assert.ok(tagsWith(html, 'cjm-cell').filter((t) => t.includes('cjm-diff-added')).length >= 2);
});

test('a removed step stays in place, ghosted, pointing into the old text', () => {
  const { html, bt } = render('step-removed');
  const head = tagsWith(html, 'cjm-step').find((t) => t.includes('cjm-diff-removed'));
  assert.ok(head, 'a removed step header');
  assert.match(head, /data-side="before"/);
  const [, s, e] = head.match(/data-start="(\d+)" data-end="(\d+)"/)!;
  assert.match(bt.slice(Number(s), Number(e)), /^id: \w+/);
  assert.match(html, /cjm-only-before/);
});

test('a changed cell shows the old value struck and the new one highlighted, and carries the change index', () => {
  const { html, diff } = render('step-changed');
  const i = diff.changes.findIndex((c) => c.kind === 'step-changed' && c.field === 'action');
  assert.ok(i >= 0);
  const cell = html.match(new RegExp(`<td class="cjm-cell[^"]*cjm-diff-changed[^"]*"[^>]*data-lane="actions"[^>]*>(.*?)</td>`));
  assert.ok(cell, 'a changed actions cell');
  assert.match(cell[0], new RegExp(`data-change="${i}"`));
  const removed = cell[1].indexOf('cjm-diff-removed');
  const added = cell[1].indexOf('cjm-diff-added');
  assert.ok(removed >= 0 && added > removed, `old before new in: ${cell[1]}`);
  assert.ok(cell[1].includes(String(diff.changes[i].before)) && cell[1].includes(String(diff.changes[i].after)));
});

test('a step moved to another stage is marked at its new place and ghosted at its old one, both with the change index', () => {
  const { html, dv } = render('step-moved');
  assert.deepEqual(stepNames(html), ['Browses products', 'Pays', 'Reviews the cart', 'Reviews the cart', 'Receives the parcel']);
  const moved = tagsWith(html, 'cjm-step').filter((t) => /data-change="0"/.test(t));
  assert.equal(moved.length, 2);
  assert.ok(moved.some((t) => t.includes('cjm-diff-moved-away') && t.includes('data-side="before"')));
  assert.ok(moved.some((t) => /cjm-diff-moved\b/.test(t) && t.includes('cjm-only-after')));
  assert.match(html, /class="cjm-diff-note">moved from Checkout</);
  assert.match(html, /class="cjm-diff-note">moved to Delivery</);
  assert.equal(dv.counts.moved, 1);
});

test('a reordered step keeps one column and says where it was', () => {
  const { html } = render('step-reordered');
  assert.match(html, /<th class="cjm-step[^"]*cjm-diff-moved[^"]*"[^>]*data-change="0"[^>]*><span class="cjm-step-name">Reviews the cart<\/span><span class="cjm-diff-note">was #1</);
});

test('both emotion curves are drawn, the old one dashed and under the new one; the changed marker has the change index', () => {
  const { html, diff, before, after } = render('emotion-dropped');
  const withEmotion = (x: Analysis) => x.map.stages.flatMap((st) => st.steps).filter((st) => st.emotion).length;
  const svg = html.match(/<svg class="cjm-curve"[\s\S]*?<\/svg>/)![0];
  const oldAt = svg.indexOf('cjm-curve-before');
  const newAt = svg.indexOf('<path class="cjm-curve-line" d=');
  assert.ok(oldAt > 0 && newAt > oldAt, 'the old curve is drawn first (underneath)');
  assert.equal([...svg.matchAll(/class="cjm-before-marker/g)].length, withEmotion(before));
  assert.equal([...svg.matchAll(/class="emotion-marker/g)].length, withEmotion(after));
  const marker = svg.match(/<g class="emotion-marker[^"]*cjm-diff-changed[^"]*" data-change="(\d+)"/);
  assert.ok(marker, 'the new marker of the changed step is marked');
  assert.equal(diff.changes[Number(marker[1])].kind, 'emotion-dropped');
  // Unchanged steps' old markers are hidden in the Changes mode (class cjm-same), the changed one is not.
  assert.equal([...svg.matchAll(/class="cjm-before-marker[^"]*cjm-same/g)].length, withEmotion(before) - 1);
});

test('a renamed stage shows its old name struck through', () => {
  const { html } = render('stage-renamed');
  assert.match(html, /<span class="cjm-stage-name"><del class="cjm-diff-was">Checkout<\/del><span class="cjm-diff-arrow"[^>]*> → <\/span><ins class="cjm-diff-now">Payment<\/ins><\/span>/);
});

test('a removed stage is kept where it was, with its steps ghosted', () => {
  const { html } = render('stage-removed');
  const stage = tagsWith(html, 'cjm-stage').find((t) => t.includes('cjm-diff-removed'));
  assert.ok(stage);
  assert.match(stage, /data-change="0"/);
  assert.match(stage, /data-side="before"/);
  assert.deepEqual([...html.matchAll(/class="cjm-stage-name">([^<]*)</g)].map((m) => m[1]), ['Consideration', 'Checkout', 'Delivery']);
});

test('stage KPIs and opportunities changes mark the stage row', () => {
  const p = pair('stage-added');
  const bt = p.bt;
  const at = bt.replace('  - id: purchase\n    name: Checkout\n', '  - id: purchase\n    name: Checkout\n    kpis:\n      - name: Checkout conversion\n        target: 60%\n');
  assert.notEqual(at, bt);
  const a = analyze(at);
  const diff = diffMaps(p.before, a);
  const html = renderDiffViewHtml(buildDiffView(p.before, a, diff, 'en'));
  const i = diff.changes.findIndex((c) => c.kind === 'kpi-added');
  assert.ok(i >= 0);
  assert.match(html, new RegExp(`<td class="cjm-cell cjm-stage-cell[^"]*cjm-diff-changed[^"]*"[^>]*data-lane="stageKpis" data-change="${i}"`));
});

test('every change shown in the grid points at a real change, and every step-level change is shown somewhere', () => {
  for (const name of readdirSync(fixture('diff'))) {
    const { html, diff, dv } = render(name);
    const grid = html.slice(0, html.indexOf('<section class="cjm-change-list-box"') >>> 0);
    const shown = new Set<number>();
    for (const m of grid.matchAll(/data-change="([\d ]+)"/g)) for (const i of m[1].split(' ')) shown.add(Number(i));
    for (const i of shown) assert.ok(i >= 0 && i < diff.changes.length, `${name}: index ${i}`);
    diff.changes.forEach((c, i) => {
      if (c.path.length && c.path[0].type === 'stage') assert.ok(shown.has(i), `${name}: change ${i} ${c.kind} ${c.message} not marked in the grid`);
      assert.equal(dv.changes[i].marked, shown.has(i), `${name}: marked flag of ${i}`);
    });
  }
});

test('the legend counts the change list by group, and the list has one entry per change', () => {
  const p = pair('step-added');
  const at = p.at.replace('emotion: frustrated', 'emotion: happy').replace('      - id: receive\n', '      - id: unbox\n        name: Unboxes\n      - id: receive\n');
  const a = analyze(at);
  const diff = diffMaps(p.before, a);
  const dv = buildDiffView(p.before, a, diff, 'en');
  const html = renderDiffViewHtml(dv);
  assert.equal(dv.counts.added, 2);
  assert.equal(dv.counts.changed, 1);
  assert.match(html, /data-group="added" data-count="2"/);
  assert.match(html, new RegExp(`<div class="cjm-legend" data-total="${diff.changes.length}"`));
  assert.equal([...html.matchAll(/<li class="cjm-change /g)].length, diff.changes.length);
  assert.match(html, /<li class="cjm-change cjm-change-changed[^"]*" data-change="\d+" data-kind="emotion-rose"[^>]*><span class="cjm-change-kind">Emotion rose<\/span><span class="cjm-change-path">Checkout › Pays<\/span><code class="cjm-change-field">emotion<\/code><span class="cjm-change-values"><del>😣 frustrated −2<\/del>/);
});

test('labels follow the locale (ru, pl)', () => {
  const ru = render('step-added', 'ru').html;
  assert.match(ru, /Добавлено: <b>1<\/b>/);
  assert.match(ru, /<span class="cjm-change-kind">Добавлен шаг<\/span>/);
  assert.match(ru, /<h2>Изменения<\/h2>/);
  const pl = render('pain-resolved', 'pl').html;
  assert.match(pl, /<span class="cjm-change-kind">Bolączka usunięta<\/span>/);
  assert.match(pl, /Zmienione: <b>1<\/b>/);
});

test('no changes: no marks, and the legend says so; formatting only says that instead', () => {
  const text = readFileSync(example('online-shop.cjm'), 'utf8');
  const a = analyze(text);
  const html = renderDiffViewHtml(buildDiffView(a, analyze(text), diffMaps(a, analyze(text)), 'en'));
  assert.equal(tagsWith(html, 'cjm-diff-(?:added|removed|changed|moved)').length, 0);
  assert.doesNotMatch(html, /data-change="\d/);
  assert.match(html, /No changes in the journey\./);
  assert.equal(stepNames(html).length, stepNames(renderMapHtml(a.map, { locale: 'en' })).length);
  const f = render('formatting-only');
  assert.match(f.html, /Formatting only/);
});

test('a new file (no old side) is all added; a deleted one all removed', () => {
  const a = analyze(readFileSync(example('restaurant.cjm'), 'utf8'));
  const added = renderDiffViewHtml(buildDiffView(null, a, diffMaps(null, a), 'en'));
  const steps = a.map.stages.reduce((n, s) => n + Math.max(1, s.steps.length), 0);
  assert.equal(tagsWith(added, 'cjm-step').filter((t) => t.includes('cjm-only-after')).length, steps);
  assert.match(added, /\(no file\) → <ins/);
  const removed = renderDiffViewHtml(buildDiffView(a, null, diffMaps(a, null), 'en'));
  assert.equal(tagsWith(removed, 'cjm-step').filter((t) => t.includes('cjm-only-before')).length, steps);
  assert.doesNotMatch(removed, /<path class="cjm-curve-line" d=/, 'no new curve without a new version');
  assert.match(removed, /cjm-curve-before/);
});

test('lanes of either version are shown: a lane emptied by the change stays, its items struck', () => {
  const p = pair('pain-resolved');
  const at = p.at.replace(/\n        pains:\n(          - .*\n)+/, '\n');
  const a = analyze(at);
  const html = renderDiffViewHtml(buildDiffView(p.before, a, diffMaps(p.before, a), 'en'));
  assert.match(html, /data-lane="pains"/);
  assert.doesNotMatch(renderMapHtml(a.map, { locale: 'en' }), /data-lane="pains"/);
  assert.match(html, /<li class="cjm-item cjm-diff-removed cjm-only-before"[^>]*data-side="before"><span class="cjm-text">No guest checkout/);
});

test('user text stays text in the diff: titles, names and old values are escaped', () => {
  const p = pair('step-changed');
  const evil = '<script>alert(1)</script>';
  const b = analyze(p.bt.replace('title: Checkout journey', `title: "${evil}"`).replace('name: Pays', `name: "${evil}"`));
  const a = analyze(p.at.replace('name: Pays', 'name: "<img src=x onerror=alert(1)>"'));
  const html = renderDiffViewHtml(buildDiffView(b, a, diffMaps(b, a), 'en'));
  assert.doesNotMatch(html, /<script|<img/);
  assert.match(html, /&lt;script&gt;/);
});

test('the same union layout for every mode: one DOM, the root starts in the Changes mode', () => {
  const { html, dv } = render('step-moved');
  assert.match(html, /^<div class="cjm-map cjm-diff cjm-mode-changes" data-cjm-root="" data-diff-root=""/);
  assert.equal(dv.view.steps.length, 5);
  assert.equal(Number(html.match(/data-steps="(\d+)"/)![1]), dv.view.steps.length);
  // the grid's columns line up with the curve: one <col> per union column
  assert.equal([...html.matchAll(/<col class="cjm-col-step"/g)].length, dv.view.steps.length);
});

test('the preview renders exactly as before: marks appear only in a diff', () => {
  const text = readFileSync(example('online-shop.cjm'), 'utf8');
  const html = renderMapHtml(analyze(text).map, { locale: 'en' });
  assert.doesNotMatch(html, /cjm-diff-|data-change=|cjm-before|cjm-only-/);
});
