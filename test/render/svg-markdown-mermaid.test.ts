/** SVG and Markdown exports, and the Mermaid journey text shared with the CLI and the preview. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, mermaidText, toMermaidJourney } from '@cjm/core';
import { escapeMarkdown, renderMarkdown, renderSvg, wrapText } from '@cjm/render';
import { example, fixture } from '../helpers';

const shop = analyze(readFileSync(fixture('render', 'shop.cjm'), 'utf8'));
const hostile = analyze(readFileSync(fixture('render', 'hostile.cjm'), 'utf8'));
const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => m[1]);

test('SVG: one self-contained picture with stages in order and one marker per emotion', () => {
  const svg = renderSvg(shop.map, { locale: 'en' });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
  assert.doesNotMatch(svg, /href=|url\((?!#)|@import|<image|<script|<foreignObject/i, 'no external or active content');
  assert.deepEqual(all(/<text class="stage"[^>]*><tspan[^>]*>([^<]*)</g, svg), ['1. Awareness', '2. Consideration', '3. Purchase', '4. Delivery', '5. Retention']);
  assert.equal(all(/class="(emotion-marker)"/g, svg).length, 8);
  assert.match(svg, /font-family:system-ui, -apple-system, sans-serif/);
});

test('SVG: hostile text is escaped and the document stays well-formed XML', () => {
  const svg = renderSvg(hostile.map, { locale: 'ru' });
  assert.doesNotMatch(svg, /<(script|img|iframe|b)[\s>]/i);
  assert.doesNotMatch(svg, /<[^>]*\son\w+=/i, 'no event handler attribute');
  assert.match(svg, /&lt;script&gt;/);
  // Every element that opens is closed (a cheap well-formedness check without an XML parser).
  const opens = all(/<([a-zA-Z]+)(?:\s[^>]*)?(?<!\/)>/g, svg);
  const closes = all(/<\/([a-zA-Z]+)>/g, svg);
  assert.deepEqual(opens.sort(), closes.sort());
});

test('SVG: Cyrillic and Polish maps wrap into the columns', () => {
  for (const file of ['bank-omnichannel-ru.cjm', 'sklep-internetowy-pl.cjm']) {
    const a = analyze(readFileSync(example(file), 'utf8'));
    const svg = renderSvg(a.map, { locale: file.includes('-ru') ? 'ru' : 'pl' });
    assert.ok(svg.length > 5000, file);
  }
  const lines = wrapText('Оформляет карту в приложении и ждёт курьера три дня', 150);
  assert.ok(lines.length >= 2 && lines.every((l) => l.length <= 40), lines.join('|'));
  assert.equal(wrapText('x'.repeat(100_000), 100, 13, 3).length, 3, 'a hostile long word is cut, not drawn on 5000 lines');
});

test('Mermaid: sections are stages, tasks are steps with scores 1…5 and the persona as actor', () => {
  assert.equal(toMermaidJourney(shop.map, { locale: 'en' }), [
    'journey',
    '  title First order in the online shop',
    '  section Awareness',
    '    Sees an ad: 4: Anna‚ 34‚ busy parent',
    '  section Consideration',
    '    Browses products: 4: Anna‚ 34‚ busy parent',
    '  section Purchase',
    '    Creates an account: 2: Anna‚ 34‚ busy parent',
    '    Pays: 2: Anna‚ 34‚ busy parent',
    '  section Delivery',
    '    Receives the parcel: 5: Anna‚ 34‚ busy parent',
    '    Reads the delivery e-mail: 4: Anna‚ 34‚ busy parent',
    '  section Retention',
    '    Orders again: 4: Anna‚ 34‚ busy parent',
    '    Recommends the shop: 4: Anna‚ 34‚ busy parent',
    '',
  ].join('\n'));
});

test('Mermaid: user text cannot inject syntax, comments or directives', () => {
  const text = toMermaidJourney(hostile.map, { locale: 'en' });
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'journey');
  assert.doesNotMatch(text, /%%/, 'no comment or directive can start');
  for (const line of lines.slice(1)) {
    assert.match(line, /^ {2}(title |section )|^ {4}[^ ]/);
    if (line.startsWith('    ')) {
      // task: name, then exactly the two separators the renderer writes.
      assert.equal(line.split(':').length, 3, line);
      assert.doesNotMatch(line, /[#;]/);
      assert.match(line, /: [1-5]: [^,]+$/);
    } else if (line.startsWith('  title ')) {
      // Mermaid's title runs to the end of its line, so a colon in it is text (and round-trips).
      assert.doesNotMatch(line.replace(/^ {2}title /, ''), /[#;]/);
    } else assert.doesNotMatch(line.replace(/^ {2}section /, ''), /[:#;]/);
  }
  // A name that starts with a keyword does not read as that keyword.
  assert.ok(lines.some((l) => l === '  section \u200bsection Evil\ua789 5\ua789 Me'));
  assert.ok(lines.some((l) => l.startsWith('    \u200baccTitle\ua789 hijack: 4: ')));
  assert.equal(mermaidText('50%% off %%{init}%%\nnext; #1: go'), '50%\u200b% off %\u200b%\u200b{init}%\u200b% next\u037e \uff031\ua789 go');
});

test('Markdown: a Mermaid block, then tables per stage; text cannot break tables or become links', () => {
  const md = renderMarkdown(shop.map, { locale: 'en' });
  assert.match(md, /^# First order in the online shop\n/);
  assert.match(md, /\n````mermaid\njourney\n {2}title First order in the online shop\n[\s\S]*?\n````\n/);
  assert.match(md, /\n## 3\. Purchase\n/);
  assert.match(md, /\| \*\*Creates an account\*\* \(Criticality: high\) \| 😣 frustrated −2 \|/);
  const h = renderMarkdown(hostile.map, { locale: 'en' });
  assert.doesNotMatch(h, /\]\(javascript:/);
  assert.doesNotMatch(h, /(?<!\\)<(script|img)/, 'markup only ever appears backslash-escaped');
  assert.match(h, /\\\[click me\\\]\\\(javascript:alert\\\('md'\\\)\\\)/);
  assert.match(h, /Pay \\\| cell \\\| break newline/);
  for (const row of h.split('\n').filter((l) => l.startsWith('| '))) {
    const cells = row.replace(/\\\|/g, '').split('|').length;
    const header = h.split('\n').find((l) => l.startsWith('| ') && h.indexOf(l) <= h.indexOf(row) && /\| Step \|/.test(l));
    if (header) assert.equal(cells, header.split('|').length, row);
  }
  assert.equal(escapeMarkdown('a|b <i>*x*</i> [y](z)'), 'a\\|b &lt;i&gt;\\*x\\*&lt;/i&gt; \\[y\\]\\(z\\)');
  // As in the PR comment (docs/review.md): no mention, no bare-URL autolink, no heading or list.
  assert.equal(escapeMarkdown('ask @anna at https://x.example/a'), 'ask &#64;anna at https&#58;//x.example/a');
  assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading');
  assert.equal(escapeMarkdown('- not a list'), '\\- not a list');
  assert.equal(escapeMarkdown('1. not a list'), '1\\. not a list');
});
