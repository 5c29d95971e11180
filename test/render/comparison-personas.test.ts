/**
 * A comparison of two versions that both draw a curve per persona (the visual diff, the
 * baseline overlay): before and after per persona, a persona keeping its colour on both
 * sides, dashed = before; one version not split by persona keeps the single curves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, diffMaps } from '@cjm/core';
import { buildDiffView, renderDiffViewHtml } from '@cjm/render';
import { seriesStyle } from '../../render/curves';
import { fixture } from '../helpers';

const text = readFileSync(fixture('personas', 'two-personas.cjm'), 'utf8');
const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => m[1]);

function compare(beforeText: string, afterText: string, locale: 'en' | 'ru' | 'pl' = 'en') {
  const before = analyze(beforeText);
  const after = analyze(afterText);
  const diff = diffMaps(before, after);
  const dv = buildDiffView(before, after, diff, locale);
  return { dv, diff, html: renderDiffViewHtml(dv) };
}

// Maria's booking gets easier; Tom is no longer asked about the deposit step; a step is added.
const improved = text
  .replace('          maria: anxious\n', '          maria: relieved\n')
  .replace('      - id: pays\n', '      - id: reminder\n        name: Gets a reminder\n        channel: web\n        emotion: {maria: calm, tom: calm}\n      - id: pays\n');

test('both versions split by persona: each persona has a dashed "before" curve under its solid "after" curve, in one colour', () => {
  assert.notEqual(improved, text);
  const { dv, html } = compare(text, improved);
  assert.deepEqual(dv.view.curves.map((c) => c.persona), ['maria', 'tom']);
  assert.deepEqual(dv.view.curvesBefore?.map((c) => c.persona), ['maria', 'tom']);
  const svg = html.match(/<svg class="cjm-curve cjm-curve-personas"[\s\S]*?<\/svg>/)![0];
  for (const [i, persona] of ['maria', 'tom'].entries()) {
    const colour = seriesStyle(i).colour;
    assert.match(svg, new RegExp(`<g class="cjm-persona-curve cjm-persona-before cjm-series-${i}" data-persona="${persona}" data-side="before"><path class="cjm-curve-line cjm-persona-line cjm-curve-before" d="[^"]+" stroke="${colour}" stroke-dasharray="7 5"/>`));
    // In a comparison the dash means "before": every "after" line is solid, whatever its persona.
    assert.match(svg, new RegExp(`<g class="cjm-persona-curve cjm-series-${i}" data-persona="${persona}"><path class="cjm-curve-line cjm-persona-line" d="[^"]+" stroke="${colour}"/>`));
  }
  assert.ok(svg.indexOf('cjm-before-curve') < svg.indexOf('<g class="cjm-persona-curve cjm-series-0" data-persona="maria">'), 'the old curves lie under the new ones');
  // The old curves run through the old columns: the added step has no "before" marker.
  const added = dv.view.steps.find((s) => s.name === 'Gets a reminder')!;
  assert.equal(added.diff?.status, 'added');
  assert.ok(dv.view.curvesBefore!.every((c) => c.points.every((p) => p.column !== added.column)));
  assert.equal(dv.view.curves.find((c) => c.persona === 'tom')!.points.filter((p) => p.column === added.column).length, 1);
});

test('the marker whose persona\'s emotion changed points at that change; unchanged old markers hide in the Changes mode', () => {
  const { diff, html } = compare(text, improved);
  const changed = html.match(/<g class="emotion-marker cjm-persona-marker[^"]*cjm-diff-changed[^"]*" data-change="([\d ]+)"/);
  assert.ok(changed, 'the new marker of Books a table is marked');
  const kinds = changed[1].split(' ').map((i) => diff.changes[Number(i)].kind);
  assert.ok(kinds.includes('emotion-rose'), kinds.join());
  const old = all(/<g class="cjm-before-marker cjm-persona-marker[^"]*?( cjm-same)?"/g, html);
  // Maria: finds (same), books (changed), pays (same); Tom: finds, books (same).
  assert.equal(old.length, 5);
  assert.equal(old.filter((s) => s).length, 4);
});

test('the legend lists each persona once with a solid swatch, and names the dashed and the solid curve', () => {
  const { html } = compare(text, improved);
  assert.deepEqual(all(/<button type="button" class="cjm-legend-item cjm-series-\d" data-persona="([^"]+)"/g, html), ['maria', 'tom']);
  assert.doesNotMatch(html.match(/<svg class="cjm-legend-swatch"[\s\S]*?<\/svg>/)![0], /stroke-dasharray/);
  assert.match(html, /cjm-legend-curve-before"><svg[^>]*>.*?<\/svg>emotions before</);
  assert.match(html, /cjm-legend-curve-after"><svg[^>]*>.*?<\/svg>emotions after</);
});

test('a persona only the old version has keeps a colour of its own and a legend entry', () => {
  const withoutTom = text.replace(/ {2}- id: tom\n {4}name: Tom, 29, eats out alone\n/, '').replace('{maria: curious, tom: happy}', '{maria: curious}').replace('          tom: calm\n', '');
  const { dv, html } = compare(text, withoutTom.replace('- id: maria', '- id: maria\n    name: Maria\n  - id: ann\n    name: Ann').replace('{maria: curious}', '{maria: curious, ann: happy}'));
  assert.deepEqual(dv.view.curves.map((c) => [c.persona, c.index]), [['maria', 0], ['ann', 1]]);
  assert.deepEqual(dv.view.curvesBefore?.map((c) => [c.persona, c.index]), [['maria', 0], ['tom', 2]]);
  assert.deepEqual(all(/<button type="button" class="cjm-legend-item cjm-series-\d" data-persona="([^"]+)"/g, html), ['maria', 'ann', 'tom']);
});

test('one version not split by persona: one curve before and one after, as for any map', () => {
  const single = text.replace('{maria: curious, tom: happy}', 'curious').replace('          maria: anxious\n          tom: calm\n', '').replace('        emotion:\n      - id: pays', '        emotion: anxious\n      - id: pays').replace('{maria: frustrated}', 'frustrated');
  const { dv, html } = compare(single, text);
  assert.equal(dv.view.curvesBefore, undefined);
  assert.deepEqual(dv.view.curves, []);
  assert.match(html, /<path class="cjm-curve-line cjm-curve-before"/);
});

test('Russian and Polish readers get the comparison of persona curves in their language', () => {
  for (const [locale, before, after] of [['ru', 'эмоции до', 'эмоции после'], ['pl', 'emocje przed', 'emocje po']] as const) {
    const { html } = compare(text, improved, locale);
    assert.match(html, new RegExp(`cjm-legend-curve-before"><svg[^>]*>.*?</svg>${before}<`));
    assert.match(html, new RegExp(`cjm-legend-curve-after"><svg[^>]*>.*?</svg>${after}<`));
    assert.doesNotMatch(html, /emotions (before|after)|All personas/);
  }
});
