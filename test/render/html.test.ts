/** The HTML renderer: structure of the grid, the DOM contract of docs/preview.md, labels, escaping. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '@cjm/core';
import { renderMapHtml, renderStandaloneHtml } from '@cjm/render';
import { example, fixture, offsetOf } from '../helpers';

const shopText = readFileSync(fixture('render', 'shop.cjm'), 'utf8');
const shop = analyze(shopText);
const html = renderMapHtml(shop.map, { locale: 'en' });

const all = (re: RegExp, s = html) => [...s.matchAll(re)].map((m) => m[1]);

test('stages are column groups in source order, each spanning its steps', () => {
  assert.deepEqual(all(/class="cjm-stage-name">([^<]*)</g), ['Awareness', 'Consideration', 'Purchase', 'Delivery', 'Retention']);
  assert.deepEqual(all(/<th class="cjm-stage [^"]*" colspan="(\d+)"/g), ['1', '1', '2', '2', '2']);
  assert.deepEqual(all(/data-stage-id="([^"]*)" data-stage-index/g), ['awareness', 'consideration', 'purchase', 'delivery', 'retention']);
});

test('steps are columns with their ids and source offsets', () => {
  assert.deepEqual(all(/class="cjm-step-name">([^<]*)</g), ['Sees an ad', 'Browses products', 'Creates an account', 'Pays', 'Receives the parcel', 'Reads the delivery e-mail', 'Orders again', 'Recommends the shop']);
  const m = html.match(/<th class="cjm-step[^"]*" scope="col" data-step-offset="(\d+)" data-step-id="sign-up"[^>]* data-start="(\d+)" data-end="(\d+)"/);
  assert.ok(m, 'sign-up step header');
  assert.equal(Number(m[1]), Number(m[2]));
  assert.equal(shopText.slice(Number(m[2]), Number(m[2]) + 'id: sign-up'.length), 'id: sign-up');
});

test('one emotion marker per step with an emotion, carrying the emotion value\'s span', () => {
  const withEmotion = shop.map.stages.flatMap((s) => s.steps).filter((s) => s.emotion).length;
  assert.equal(withEmotion, 8);
  assert.equal(all(/class="(emotion-marker)[ "]/g).length, withEmotion);
  const at = offsetOf(shopText, 'frustrated');
  assert.match(html, new RegExp(`class="emotion-marker cjm-valence-negative" data-step-offset="\\d+" data-start="${at}" data-end="${at + 'frustrated'.length}" data-score="-2"`));
  assert.match(html, /<path class="cjm-curve-line" d="M[^"]+C[^"]+"/);
  assert.equal(all(/class="cjm-emoji"[^>]*>([^<]*)</g).join(''), '🤔🙂😣😟🤩😄🙂😄');
});

test('only lanes with content are shown, in the documented order', () => {
  assert.deepEqual(all(/<tr class="cjm-lane[^"]*" data-lane="([^"]*)"/g), ['actions', 'touchpoints', 'thoughts', 'emotion', 'pains', 'joys', 'opportunities', 'backstage', 'owners', 'evidence', 'stage-kpis']);
});

test('touchpoints carry channel badges; opportunities carry impact, effort and owner', () => {
  assert.match(html, /Registration form<\/span><span class="cjm-badges"><span class="cjm-badge cjm-badge-channel">Mobile website<\/span>/);
  assert.match(html, /Offer guest checkout<\/span><span class="cjm-badges"><span class="cjm-badge cjm-badge-impact cjm-level-high">Impact: high<\/span><span class="cjm-badge cjm-badge-effort cjm-level-medium">Effort: medium<\/span><span class="cjm-badge cjm-badge-owner">Product<\/span>/);
});

test('criticality shows on the step header and tints its column', () => {
  assert.match(html, /<th class="cjm-step [^"]*cjm-crit-high"[^>]*data-step-id="sign-up"/);
  assert.match(html, /<span class="cjm-crit cjm-crit-high"[^>]*>Criticality: high<\/span>/);
  assert.match(html, /class="cjm-cell [^"]*cjm-crit-col-high"/);
});

test('every item knows where it came from: data-start/data-end slice back to its text', () => {
  let checked = 0;
  for (const [, s, e, text] of html.matchAll(/data-lane="(?:actions|pains|joys|thoughts)"><ul class="cjm-items"><li class="cjm-item[^"]*" data-start="(\d+)" data-end="(\d+)"><span class="cjm-text">([^<]*)</g)) {
    checked++;
    const source = shopText.slice(Number(s), Number(e));
    assert.ok(source.includes(text.replace(/&#39;/g, "'").replace(/&amp;/g, '&')), `${text} ⊄ ${source}`);
  }
  assert.ok(checked >= 10, `only ${checked} items checked`);
});

test('labels follow the locale; built-in stage and emotion names follow the map\'s language', () => {
  const ru = renderMapHtml(shop.map, { locale: 'ru' });
  assert.match(ru, /<span class="cjm-lane-name">Боли<\/span>/);
  // online-shop.cjm says `language: en`: its stage names are its text, not UI labels.
  assert.match(ru, /class="cjm-stage-name">Awareness</);
  const undeclared = analyze(readFileSync(example('online-shop.cjm'), 'utf8').replace('language: en\n', ''));
  const ruUndeclared = renderMapHtml(undeclared.map, { locale: 'ru' });
  assert.match(ruUndeclared, /class="cjm-stage-name">Осведомленность</);
  const bank = analyze(readFileSync(example('bank-omnichannel-ru.cjm'), 'utf8'));
  assert.match(renderMapHtml(bank.map, { locale: 'en' }), /class="cjm-stage-name">Осведомленность</);
  const pl = renderMapHtml(shop.map, { locale: 'pl' });
  assert.match(pl, /<span class="cjm-lane-name">Punkty styku<\/span>/);
  assert.match(pl, /Wpływ: wysoki/);
  assert.match(pl, /Krytyczność: wysoka/);
  assert.doesNotMatch(ru, /Влияние: высокая/);
  assert.match(ru, /Влияние: высокое/);
});

test('a service blueprint draws the line of visibility above backstage', () => {
  const a = analyze(readFileSync(example('service-blueprint.cjm'), 'utf8'));
  const bp = renderMapHtml(a.map, { locale: 'en' });
  assert.match(bp, /<tr class="cjm-lane cjm-lane-frontstage"/);
  assert.match(bp, /<tr class="cjm-lane cjm-lane-backstage cjm-below-visibility"[^>]*><th[^>]*><span class="cjm-lane-name">Backstage<\/span><span class="cjm-visibility-label">line of visibility<\/span>/);
});

test('custom lanes appear with their declared names', () => {
  const a = analyze(readFileSync(example('city-app.cjm'), 'utf8'));
  const h = renderMapHtml(a.map, { locale: 'en' });
  assert.match(h, /data-lane="lane:release"><th class="cjm-lane-label" scope="row" data-start="\d+" data-end="\d+"><span class="cjm-lane-name">Release that changed it</);
});

test('a stage without steps keeps a column, and an empty map still renders', () => {
  const a = analyze('cjm: 1\ntitle: T\nstages:\n  - id: awareness\n  - id: purchase\n    steps:\n      - name: Pays\n');
  const h = renderMapHtml(a.map, { locale: 'en' });
  assert.match(h, /<th class="cjm-step [^"]*cjm-placeholder"/);
  assert.deepEqual(all(/class="cjm-stage-name">([^<]*)</g, h), ['Awareness', 'Purchase']);
  assert.doesNotMatch(h, /data-lane="emotion"/);
  assert.match(renderMapHtml(analyze('').map, { locale: 'en' }), /Untitled journey/);
});

// ---- hostile input -------------------------------------------------------------------

const hostileText = readFileSync(fixture('render', 'hostile.cjm'), 'utf8');
const hostile = analyze(hostileText);

const TAGS = new Set(['div', 'header', 'h1', 'h2', 'h3', 'span', 'ul', 'li', 'blockquote', 'section', 'table', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td', 'svg', 'defs', 'linearGradient', 'stop', 'line', 'path', 'g', 'title', 'circle', 'text', 'footer', 'a']);
const ATTRS = /^(class|id|data-[a-z-]+|colspan|scope|width|height|viewBox|xmlns|x[12]?|y[12]?|d|stroke|offset|gradientUnits|transform|tabindex|role|aria-label|aria-hidden|r|href|rel|title)$/;

function tagsAndAttrs(s: string) {
  const tags = new Set<string>();
  const attrs = new Set<string>();
  // Attribute values are always double-quoted by the renderer; inside them `>` is escaped.
  for (const [, name, rest] of s.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    tags.add(name);
    for (const [, a] of rest.matchAll(/\s([^\s=>]+)(?:="[^"]*")?/g)) attrs.add(a);
  }
  return { tags, attrs };
}

for (const locale of ['en', 'ru', 'pl'] as const) {
  test(`hostile map (${locale}): only the renderer's own tags and attributes, user markup stays text`, () => {
    const h = renderMapHtml(hostile.map, { locale });
    const { tags, attrs } = tagsAndAttrs(h);
    for (const t of tags) assert.ok(TAGS.has(t), `unexpected tag <${t}>`);
    for (const a of attrs) assert.match(a, ATTRS, `unexpected attribute ${a}`);
    assert.doesNotMatch(h, /<script|<img|<iframe|<svg onload|<b /i);
    assert.match(h, /&lt;script&gt;alert\(&#39;action&#39;\)&lt;\/script&gt;/);
    assert.match(h, /&lt;img src=x onerror=alert\(&#39;pain&#39;\)&gt;/);
    assert.match(h, /&quot; onmouseover=&quot;alert\(&#39;attr&#39;\)/);
    // Links: only http(s) ever become href; javascript: stays text.
    const hrefs = new Set(all(/\shref="([^"]*)"/g, h));
    assert.deepEqual([...hrefs], ['https://example.com/study?a=1&amp;b=&lt;2&gt;']);
    assert.match(h, /javascript:alert\(&#39;joy&#39;\)/);
  });
}

test('the standalone page has no scripts and a CSP that forbids them', () => {
  const page = renderStandaloneHtml(hostile.map, { locale: 'en', css: 'body{color:red}</style><script>x</script>' });
  assert.match(page, /^<!DOCTYPE html>/);
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
  assert.doesNotMatch(page, /<script/i);
  assert.match(page, /<title>&lt;script&gt;alert\(&#39;title&#39;\)&lt;\/script&gt;/);
});
