/** One emotion curve per persona in the preview, the SVG/PNG export and the Markdown and Mermaid exports. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, toMermaidJourney } from '@cjm/core';
import { buildView, renderMapHtml, renderMarkdown, renderSvg } from '@cjm/render';
import { legendSvg, personaCurvesSvg, seriesStyle, shapePath, PERSONA_COLOURS } from '../../render/curves';
import { example, fixture, matchesSnapshot } from '../helpers';

const two = analyze(readFileSync(fixture('personas', 'two-personas.cjm'), 'utf8'));
const ru = analyze(readFileSync(example('dostavka-produktov-ru.cjm'), 'utf8'));
const shop = analyze(readFileSync(fixture('render', 'shop.cjm'), 'utf8'));
const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => m[1]);

const snapshot = (name: string, actual: string) => matchesSnapshot(fixture('render', name), actual);

function curvePicture(theme: 'light' | 'dark'): string {
  const view = buildView(two.map, 'en');
  const bg = theme === 'dark' ? '#0d1117' : '#ffffff';
  const legend = legendSvg(view, 8, 20, 140, theme);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${160 + view.steps.length * 208}" height="160"><rect width="100%" height="100%" fill="${bg}"/>${legend.svg}${personaCurvesSvg(view, 160, 0, theme)}</svg>\n`;
}

test('every persona is told apart by colour, dash and marker shape, in light and dark', () => {
  const styles = [0, 1, 2, 3].map((i) => seriesStyle(i));
  assert.equal(new Set(styles.map((s) => s.colour)).size, 4);
  assert.equal(new Set(styles.map((s) => s.dash)).size, 4);
  assert.equal(new Set(styles.map((s) => s.shape)).size, 4);
  assert.notDeepEqual(PERSONA_COLOURS.light, PERSONA_COLOURS.dark);
  assert.equal(seriesStyle(7).colour, seriesStyle(0).colour, 'the palette repeats rather than failing');
  for (const s of styles) assert.match(shapePath(s.shape, 10), /^M[-\d.]+,[-\d.]+ .*Z$/);
});

test('snapshot: two persona curves with a legend, light theme', () => {
  const svg = curvePicture('light');
  assert.equal(all(/<g class="(persona-curve)"/g, svg).length, 2);
  assert.deepEqual(all(/data-persona="([^"]+)"/g, svg).filter((v, i, a) => a.indexOf(v) === i), ['maria', 'tom']);
  assert.match(svg, /stroke="#0072b2"/);
  assert.match(svg, /stroke="#d55e00" stroke-width="3" stroke-linecap="round" stroke-dasharray="9 5"/);
  snapshot('personas-curve.light.svg', svg);
});

test('snapshot: two persona curves with a legend, dark theme', () => {
  const svg = curvePicture('dark');
  assert.match(svg, /stroke="#56b4e9"/);
  assert.doesNotMatch(svg, /#0072b2/);
  assert.match(svg, /fill="#0d1117"/);
  snapshot('personas-curve.dark.svg', svg);
});

test('the preview draws one curve per persona with a legend that is the persona filter', () => {
  const html = renderMapHtml(two.map, { locale: 'en' });
  assert.deepEqual(all(/<g class="cjm-persona-curve cjm-series-\d" data-persona="([^"]*)"/g, html), ['maria', 'tom']);
  assert.equal(all(/class="(cjm-curve-line cjm-persona-line)"/g, html).length, 2);
  assert.equal(all(/class="(emotion-marker cjm-persona-marker)/g, html).length, 5);
  assert.deepEqual(all(/<span class="cjm-legend-name">([^<]*)</g, html), ['Maria', 'Tom']);
  assert.match(html, /class="cjm-legend-all" data-persona="" aria-pressed="true">All personas</);
  assert.doesNotMatch(html, /cjm-curve-gradient/, 'no merged curve beside the persona curves');
  // A one-persona map draws its one curve exactly as before.
  const one = renderMapHtml(shop.map, { locale: 'en' });
  assert.doesNotMatch(one, /cjm-persona-curve|cjm-legend/);
  assert.match(one, /cjm-curve-gradient/);
});

test('Russian and Polish readers get the legend and filter in their language', () => {
  const html = renderMapHtml(ru.map, { locale: 'ru' });
  assert.deepEqual(all(/<span class="cjm-legend-name">([^<]*)</g, html), ['Мария', 'Тимур']);
  assert.match(html, />Все персоны</);
  assert.match(html, /aria-label="Персоны на кривой"/);
  assert.match(html, /<h3>Мотивация<\/h3>/);
  assert.match(html, /<h3>Ожидания<\/h3>/);
  assert.doesNotMatch(html, />[^<]*(All personas|Motivation|Expectations|Hypothesis|baseline|due )[^<]*</, 'no English word in the text a reader sees');
  const pl = renderMapHtml(two.map, { locale: 'pl' });
  assert.match(pl, />Wszystkie persony</);
});

test('the SVG export draws every persona\'s curve and a legend in the emotion lane', () => {
  const svg = renderSvg(ru.map, { locale: 'ru' });
  assert.equal(all(/<g class="(persona-curve)"/g, svg).length, 2);
  assert.equal(all(/<g class="(legend-item)"/g, svg).length, 2);
  assert.match(svg, />Мария</);
  const opens = all(/<([a-zA-Z]+)(?:\s[^>]*)?(?<!\/)>/g, svg);
  const closes = all(/<\/([a-zA-Z]+)>/g, svg);
  assert.deepEqual(opens.sort(), closes.sort());
});

test('Markdown names each persona\'s emotion; Mermaid gives each persona its own task with the persona as actor', () => {
  const md = renderMarkdown(two.map, { locale: 'en' });
  assert.match(md, /\| Maria: \S+ anxious −2<br>Tom: \S+ calm \+1 \|/);
  const mermaid = toMermaidJourney(two.map, { locale: 'en' });
  assert.match(mermaid, /Books a table: 2: Maria‚ 41‚ books for the family\n\s+Books a table: 4: Tom‚ 29‚ eats out alone/);
  assert.match(mermaid, /Pays the deposit: 2: Maria/);
  assert.doesNotMatch(mermaid, /Pays the deposit: \d: Tom/);
});

test('KPI history is a sparkline in HTML and a block trend in Markdown; experiments and due dates are shown', () => {
  const html = renderMapHtml(ru.map, { locale: 'ru' });
  const spark = /<svg class="cjm-sparkline"[^>]*aria-label="([^"]*)"/.exec(html);
  assert.ok(spark, 'a sparkline');
  assert.equal(spark[1], '2025-01: 22%; 2025-02: 24%; 2025-03: 27%');
  assert.match(html, /исходно 22%/);
  assert.match(html, /срок 2025-06-30/);
  assert.match(html, /<ul class="cjm-experiment"><li>Гипотеза: Если сборы видны сразу/);
  const md = renderMarkdown(ru.map, { locale: 'ru' });
  assert.match(md, /Доля повторных заказов в течение месяца ▁\S*█/);
});

test('several touchpoints are listed, and every channel of a step gets its badge', () => {
  const view = buildView(ru.map, 'ru');
  const compare = view.steps.find((s) => s.id === 'compare')!;
  const items = compare.cells.touchpoints!;
  assert.deepEqual(items.map((i) => i.text), ['Каталог на сайте', 'Каталог в приложении']);
  assert.deepEqual(items[1].badges.map((b) => b.text), ['Сайт', 'Мобильное приложение']);
});
