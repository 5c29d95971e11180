/**
 * The future state over its current state as a picture (`cjm render --format svg|png`): the
 * same union grid and marks as the HTML overlay, the current state's curves dashed under the
 * future ones (one per persona, each in its persona's colour), the legend and change list in
 * the map's language; light and dark snapshots.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, diffMaps } from '@cjm/core';
import { buildDiffView, comparisonWords, renderBaselineSvg, renderViewSvg } from '@cjm/render';
import { seriesStyle } from '../../render/curves';
import { example, fixture, libraryPairOverlay, matchesSnapshot, readIfExists } from '../helpers';

const snapshot = (name: string, actual: string) => matchesSnapshot(fixture('render', 'snapshots', name), actual);

const read = readIfExists;
const root = example();
const futurePath = example('library', 'future.cjm');

const overlay = libraryPairOverlay;

const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => m[1]);
/** Text content of an SVG: tspans joined with spaces, entities decoded. */
const textOf = (svg: string) => svg.replace(/<title>[^<]*<\/title>|<style>[^<]*<\/style>/g, '').replace(/<\/tspan>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

for (const theme of ['light', 'dark'] as const) {
  test(`baseline overlay SVG snapshot, Russian current/future pair, ${theme}`, () => snapshot(`baseline-ru-${theme}.svg`, renderBaselineSvg(overlay(), { theme })));
}

test('the picture names both states and counts the changes by group in Russian, and lists every change under the grid', () => {
  const o = overlay();
  const svg = renderBaselineSvg(o);
  const text = textOf(svg);
  assert.match(text, /Дебетовая карта «Северный плюс» — оформление без очередей/);
  assert.match(text, /Текущее состояние: Дебетовая карта «Северный плюс» — оформление и первые три месяца/);
  assert.match(text, new RegExp(`${o.dv.changes.length} изменени[йяе]`));
  assert.match(text, new RegExp(`Добавлено: ${o.dv.counts.added} .*Удалено: ${o.dv.counts.removed} .*Изменено: ${o.dv.counts.changed}`));
  assert.match(text, /Текущее состояние .*Целевое состояние/);
  assert.match(text, /ИЗМЕНЕНИЯ/);
  for (const c of o.dv.changes) assert.ok(text.includes(c.label), `the change list has "${c.label}"`);
  assert.equal(all(/<text class="t change"/g, svg).length, o.dv.changes.length);
  // Nothing in English reaches the Russian reader.
  assert.doesNotMatch(text, /Current state|Future state|changes|Added|Removed|emotions (before|after)/);
  // The current state's libraries are read too: its personas are not "problems the future fixed".
  assert.equal(o.dv.counts.problems, 0);
});

test('the removed step is struck through and outlined red, the added one green, the changed ones amber; their columns are tinted', () => {
  const o = overlay();
  const svg = renderBaselineSvg(o);
  const removed = svg.match(/<rect class="mark-removed"[^>]*\/><text class="step"[^>]*text-decoration="line-through"><tspan[^>]*>([^<]*)</);
  assert.ok(removed);
  assert.equal(removed[1], 'Ждёт в отделении');
  assert.match(svg, /<rect class="mark-added"[^>]*stroke="#1a7f37"[^>]*\/><text class="step"[^>]*><tspan[^>]*>Записывается на</);
  const changed = o.dv.view.steps.filter((s) => s.diff?.status === 'changed').map((s) => s.name);
  assert.deepEqual(changed, ['Ждёт курьера', 'Устанавливает приложение']);
  assert.equal(all(/<rect class="(mark-changed)"[^>]*stroke="#9a6700"/g, svg).length, changed.length);
  assert.equal(all(/<rect class="(tint-removed)"/g, svg).length, 1);
  assert.equal(all(/<rect class="(tint-added)"/g, svg).length, 1);
  // A reworded thought: the old one struck through with a red bar, the new one with a green bar.
  assert.match(svg, /<rect class="mark-removed"[^>]*fill="#cf222e"\/><text class="t quote"[^>]*text-decoration="line-through" opacity="0.6"><tspan[^>]*>А если я что-то не то</);
});

test('each persona has its current-state curve dashed under its future curve, in the same colour', () => {
  const o = overlay();
  const svg = renderBaselineSvg(o);
  const before = all(/<g class="persona-curve-before" data-persona="([^"]+)"/g, svg);
  const after = all(/<g class="persona-curve" data-persona="([^"]+)"/g, svg);
  assert.deepEqual(after.sort(), ['игорь', 'ольга']);
  assert.deepEqual(before.sort(), ['игорь', 'ольга']);
  for (const c of o.dv.view.curves) {
    const colour = seriesStyle(c.index).colour;
    const old = svg.match(new RegExp(`<g class="persona-curve-before" data-persona="${c.persona}"><path d="[^"]+" fill="none" stroke="([^"]+)" stroke-width="2" stroke-linecap="round" stroke-dasharray="([^"]+)"`));
    const now = svg.match(new RegExp(`<g class="persona-curve" data-persona="${c.persona}"><path d="[^"]+" fill="none" stroke="([^"]+)" stroke-width="3" stroke-linecap="round"/>`));
    assert.ok(old && now, `both curves of ${c.persona}`);
    assert.equal(old[1], colour);
    assert.equal(now[1], colour);
    assert.equal(old[2], '7 5', 'dashed = current state');
  }
  // The old curves are drawn first, under the new ones.
  assert.ok(svg.indexOf('persona-curve-before') < svg.indexOf('<g class="persona-curve"'));
});

test('--lanes makes a slide of the overlay: only those lanes, still both states and the legend, no change list', () => {
  const svg = renderBaselineSvg(overlay(), { lanes: ['actions', 'emotions', 'pains'] });
  const lanes = all(/<text class="lane"[^>]*><tspan[^>]*>([^<]*)</g, svg);
  assert.deepEqual(lanes, ['ЭТАПЫ', 'ШАГИ', 'ДЕЙСТВИЯ', 'ЭМОЦИИ', 'БОЛИ']);
  assert.match(textOf(svg), /Текущее состояние: /);
  assert.match(svg, /persona-curve-before/);
  assert.doesNotMatch(svg, /class="t change"/);
});

test('one curve per version: the old one dashed and grey, an arrow up where the emotion rose, in the visual diff picture', () => {
  const dir = fixture('diff', 'emotion-rose');
  const before = analyze(readFileSync(`${dir}/before.cjm`, 'utf8'));
  const after = analyze(readFileSync(`${dir}/after.cjm`, 'utf8'));
  const diff = diffMaps(before, after);
  const dv = buildDiffView(before, after, diff, 'en');
  for (const theme of ['light', 'dark'] as const) {
    const svg = renderViewSvg(dv.view, { theme, comparison: comparisonWords(dv) });
    assert.match(svg, /<g class="before-curve"><path d="[^"]+" fill="none" stroke="(#6e7781|#9198a1)" stroke-width="2" stroke-dasharray="7 5"/);
    assert.equal(all(/<g class="(rose)">/g, svg).length, 1);
    assert.equal(all(/<g class="(dropped)">/g, svg).length, 0);
    assert.equal(all(/<g class="(before-marker)"/g, svg).length, 1, 'an old marker only where the emotion changed');
    assert.match(textOf(svg), /1 change .*emotions before .*emotions after/);
  }
});
