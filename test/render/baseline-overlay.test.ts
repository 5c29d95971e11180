/**
 * The future state drawn over its current state: the union grid with what the future adds,
 * removes and changes marked per stage and step (matched by id), the current curve dashed
 * under the future one, the legend naming both states in the map's language; light and dark.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeWithImports, emotionSeries } from '@cjm/core';
import { renderBaselineHtml, renderBaselineStandaloneHtml } from '@cjm/render';
import { example, libraryPairOverlay, readIfExists } from '../helpers';

const read = readIfExists;
const root = example();
const futurePath = example('library', 'future.cjm');

const overlay = libraryPairOverlay;

test('the overlay marks the added and the removed step and the steps whose emotion changed, and draws both curves', () => {
  const html = renderBaselineHtml(overlay());
  assert.match(html, /data-baseline-root=""/);
  // The removed step (a queue in the branch) is kept, ghosted; the new one is marked added.
  assert.match(html, /<th class="cjm-step[^"]*cjm-diff-removed[^"]*"[^>]*data-step-id="очередь"/);
  assert.match(html, /<th class="cjm-step[^"]*cjm-diff-added[^"]*"[^>]*data-step-id="запись-онлайн"/);
  assert.match(html, /<th class="cjm-step[^"]*cjm-diff-changed[^"]*"[^>]*data-step-id="курьер"/);
  // Both states split by persona: each persona's current curve, dashed, under its future one.
  assert.deepEqual([...html.matchAll(/<g class="cjm-persona-curve cjm-persona-before cjm-series-\d" data-persona="([^"]+)" data-side="before"><path class="cjm-curve-line cjm-persona-line cjm-curve-before"[^>]*stroke-dasharray="7 5"/g)].map((m) => m[1]), ['ольга', 'игорь']);
  assert.deepEqual([...html.matchAll(/<g class="cjm-persona-curve cjm-series-\d" data-persona="([^"]+)"><path class="cjm-curve-line cjm-persona-line" d="[^"]+" stroke="#[0-9a-f]+"\/>/g)].map((m) => m[1]), ['ольга', 'игорь']);
  const current = analyzeWithImports(read(example('library', 'current.cjm'))!, example('library', 'current.cjm'), { read, root });
  const points = emotionSeries(current.map).reduce((n, s) => n + s.points.length, 0);
  assert.equal((html.match(/class="cjm-before-marker cjm-persona-marker/g) ?? []).length, points, 'one marker per persona and step of the current state');
  // Both states are named in the map's language, and the current state's title is shown.
  assert.match(html, /cjm-legend-curve-before"><svg[^>]*>.*?<\/svg>Текущее состояние</);
  assert.match(html, /cjm-legend-curve-after"><svg[^>]*>.*?<\/svg>Целевое состояние</);
  assert.match(html, /<p class="cjm-baseline-of"><span class="cjm-baseline-label">Текущее состояние:<\/span> Дебетовая карта «Северный плюс» — оформление и первые три месяца<\/p>/);
  assert.doesNotMatch(html, /emotions before|Current state|Future state/);
});

test('the standalone overlay has no scripts and inlines both stylesheets, in a light and a dark page', () => {
  const o = overlay();
  const light = renderBaselineStandaloneHtml(o, '.a{}\n.cjm-curve-before{stroke:gray}');
  const dark = renderBaselineStandaloneHtml(o, '.a{}', 'dark');
  for (const page of [light, dark]) {
    assert.doesNotMatch(page, /<script/);
    assert.match(page, /default-src 'none'/);
    assert.match(page, /<html lang="ru">/);
  }
  assert.match(light, /<body class="cjm-standalone">/);
  assert.match(dark, /<body class="cjm-standalone vscode-dark">/);
  assert.match(light, /\.cjm-curve-before\{stroke:gray\}/);
});
