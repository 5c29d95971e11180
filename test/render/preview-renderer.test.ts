/**
 * The preview's incremental renderer (client/src/preview/renderer.ts) against a full render:
 * after every edit of a random sequence on the real example maps (Russian, Polish, English) —
 * emotions changed, characters typed or deleted anywhere (offsets of everything after move),
 * stages added, removed, renamed and moved, personas renamed, the map's language changed — its
 * HTML is exactly `renderMapHtml`'s, its parts are `splitParts`'s, its language is
 * `mapLanguage`'s, and its patch turns what the webview showed into the new parts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { IncrementalAnalyzer, Locale, mapLanguage } from '@cjm/core';
import { renderMapHtml } from '@cjm/render';
import { PreviewRenderer } from '../../client/src/preview/renderer';
import { splitParts } from '../../client/src/preview/parts';
import type { MapPatch } from '../../client/src/preview/protocol';
import { example } from '../helpers';

/** A small deterministic generator: a failure names its seed and repeats. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The webview's side of a patch (media/src/preview/dom-patch.ts), on strings. */
function applyPatch(chunks: readonly string[], p: MapPatch): string[] {
  const out = [...chunks];
  for (const [i, html] of p.changed) out[i] = html;
  for (const [from, to, by] of p.shifts) {
    for (let i = from; i <= to; i++) out[i] = out[i].replace(/( data-(?:start|end|step-offset)=")(\d+)"/g, (_, a: string, n: string) => `${a}${Number(n) + by}"`);
  }
  return out;
}

const EMOTIONS = ['happy', 'angry', 'радость', 'тревога', 'zadowolony', 'frustracja', 'neutral'];

type Edit = (text: string, r: () => number) => string;
const pick = <T>(xs: readonly T[], r: () => number) => xs[Math.floor(r() * xs.length)];
const linesMatching = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m.index!);

/** Where each stage item starts (`  - ` right under `stages:`), and where the stage block ends. */
function stageItems(text: string): { starts: number[]; end: number } {
  const m = /^stages:.*\n/m.exec(text);
  if (!m) return { starts: [], end: text.length };
  const from = m.index + m[0].length;
  const rest = text.slice(from);
  const stop = /^\S/m.exec(rest);
  const end = stop ? from + stop.index : text.length;
  const starts = linesMatching(text.slice(from, end), /^ {2}- /gm).map((i) => i + from);
  return { starts, end };
}

const EDITS: Record<string, Edit> = {
  emotion: (text, r) => {
    const at = pick(linesMatching(text, /emotion: [^\n{]+/g), r);
    if (at === undefined) return text;
    const end = text.indexOf('\n', at);
    return text.slice(0, at) + `emotion: ${pick(EMOTIONS, r)}` + text.slice(end);
  },
  type: (text, r) => {
    const at = Math.floor(r() * text.length);
    // Mostly inside values (a letter after a space), sometimes anything at all.
    const ch = r() < 0.8 ? pick(['x', 'я', 'ł', ' '], r) : pick([':', '-', '\n', '#', '"'], r);
    return text.slice(0, at) + ch + text.slice(at);
  },
  typeInFirstStep: (text) => text.replace(/(\n +name: )([^\n]+)/, (_, a: string, b: string) => `${a}${b}z`),
  delete: (text, r) => {
    const at = Math.floor(r() * text.length);
    return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  },
  removeStage: (text, r) => {
    const { starts, end } = stageItems(text);
    if (starts.length < 2) return text;
    const i = Math.floor(r() * starts.length);
    return text.slice(0, starts[i]) + text.slice(starts[i + 1] ?? end);
  },
  duplicateStage: (text, r) => {
    const { starts, end } = stageItems(text);
    if (!starts.length) return text;
    const i = Math.floor(r() * starts.length);
    const body = text.slice(starts[i], starts[i + 1] ?? end).replace(/^( {4}id: )(\S+)/m, '$1$2-copy');
    return text.slice(0, starts[i]) + body + text.slice(starts[i]);
  },
  moveStage: (text) => {
    const { starts, end } = stageItems(text);
    if (starts.length < 2) return text;
    const first = text.slice(starts[0], starts[1]);
    return text.slice(0, starts[0]) + text.slice(starts[1], end) + first + text.slice(end);
  },
  renameStage: (text, r) => {
    const at = pick(linesMatching(text, /^ {4}name: /gm), r);
    return at === undefined ? text : text.slice(0, at + 10) + pick(['Новый этап ', 'Nowy etap ', 'New stage '], r) + text.slice(at + 10);
  },
  renamePersona: (text) => text.replace(/(^personas:\n(?:.*\n)*? +name: )/m, '$1Renamed '),
  language: (text, r) => {
    const lang = pick(['ru', 'pl', 'en'], r);
    return /^language: .*$/m.test(text) ? text.replace(/^language: .*$/m, r() < 0.3 ? '' : `language: ${lang}`) : text.replace(/^title: /m, `language: ${lang}\ntitle: `);
  },
};

const MAPS = ['bank-omnichannel-ru.cjm', 'dostavka-produktov-ru.cjm', 'sklep-internetowy-pl.cjm', 'airline-trip.cjm', 'service-blueprint.cjm', 'saas-onboarding.cjm'];

for (const name of MAPS) {
  test(`incremental preview = full render after random edits: ${name}`, () => {
    const original = readFileSync(example(name), 'utf8');
    for (let seed = 1; seed <= 4; seed++) {
      const r = rng(seed * 7919 + name.length);
      const analyzer = new IncrementalAnalyzer();
      const renderer = new PreviewRenderer();
      const locale: Locale = pick(['en', 'ru', 'pl'] as const, r);
      let text = original;
      let shown: readonly string[] | undefined;
      const history: string[] = [];
      for (let step = 0; step < 30; step++) {
        const a = analyzer.analyze(text);
        const language = mapLanguage(a.map, text);
        const got = renderer.render(a.map, text, { locale });
        const where = `${name}, seed ${seed}, after ${history.join(' → ') || 'opening'}`;
        assert.equal(got.language, language, `language, ${where}`);
        const full = renderMapHtml(a.map, { locale, language });
        assert.equal(got.html, full, `HTML, ${where}`);
        const expected = splitParts(full);
        assert.equal(got.glue, expected.glue, `glue, ${where}`);
        const { patch } = renderer.patch(got);
        const parts = got.parts().chunks;
        assert.deepEqual(parts, expected.chunks, `parts, ${where}`);
        if (patch) {
          assert.ok(shown, 'a patch only follows a render');
          assert.deepEqual(applyPatch(shown, patch), expected.chunks, `patch, ${where}`);
        }
        shown = parts;
        const kind = pick(Object.keys(EDITS), r);
        text = EDITS[kind](text, r);
        history.push(kind);
      }
    }
  });
}

test('an edit in one stage draws that stage again and keeps the others, also when every later offset moves', () => {
  const text = readFileSync(example('bank-omnichannel-ru.cjm'), 'utf8');
  const analyzer = new IncrementalAnalyzer();
  const renderer = new PreviewRenderer();
  const first = renderer.render(analyzer.analyze(text).map, text, { locale: 'ru' });
  renderer.patch(first);
  const stages = first.html.match(/<th class="cjm-stage /g)!.length;
  assert.equal(renderer.lastStats.drawn, stages);

  const emotion = text.replace(/emotion: \S+/, 'emotion: радость');
  assert.notEqual(emotion, text);
  const e = renderer.render(analyzer.analyze(emotion).map, emotion, { locale: 'ru' });
  assert.deepEqual(renderer.lastStats, { drawn: 1, kept: stages - 1, whole: false });
  const ep = renderer.patch(e).patch!;
  // The stage's and the step's headers (their spans end elsewhere now), the marker, the curve's line.
  assert.ok(ep.changed.length > 0 && ep.changed.length < 10, `only the edited step's parts change: ${ep.changed.length} of ${ep.count}`);

  const typed = emotion.replace(/(\n {6}- id: \S+\n {8}name: [^\n]+)/, '$1!');
  assert.notEqual(typed, emotion);
  const t = renderer.render(analyzer.analyze(typed).map, typed, { locale: 'ru' });
  assert.deepEqual(renderer.lastStats, { drawn: 1, kept: stages - 1, whole: false });
  const tp = renderer.patch(t).patch!;
  assert.ok(tp.shifts.length > 0, 'later parts move by one');
  assert.ok(tp.shifts.every(([, , by]) => by === 1));
});

test('a map with anchors and aliases is drawn whole each time, and still patched', () => {
  const text = 'cjm: 1\ntitle: A\nstages:\n  - id: a\n    steps:\n      - name: &n Step\n        emotion: happy\n  - id: b\n    steps:\n      - name: *n\n        emotion: sad\n';
  const renderer = new PreviewRenderer();
  const analyzer = new IncrementalAnalyzer();
  renderer.patch(renderer.render(analyzer.analyze(text).map, text, { locale: 'en' }));
  assert.equal(renderer.lastStats.whole, true);
  const edited = text.replace('&n Step', '&n Steps');
  const a = analyzer.analyze(edited);
  const got = renderer.render(a.map, edited, { locale: 'en' });
  assert.equal(got.html, renderMapHtml(a.map, { locale: 'en', language: mapLanguage(a.map, edited) }));
  assert.ok(renderer.patch(got).patch);
});

test('a persona renamed in the library the map uses is drawn with its new name, though the map text is the same', async () => {
  const { analyzeWithImports, mapWithLibraryPersonas } = await import('@cjm/core');
  const dir = example('library');
  const path = `${dir}/future.cjm`;
  const text = readFileSync(path, 'utf8');
  const library = readFileSync(`${dir}/bank-library.cjm`, 'utf8');
  const renamed = library.replace(/name: Игорь[^\n]*/, 'name: Игорь Петрович, новое имя');
  assert.notEqual(renamed, library, 'bank-library.cjm names Игорь: update the test');
  const renderer = new PreviewRenderer();
  for (const lib of [library, renamed]) {
    const read = (p: string) => (p.endsWith('bank-library.cjm') ? lib : readFileSync(p, 'utf8'));
    const a = analyzeWithImports(text, path, { read, root: dir });
    const drawn = mapWithLibraryPersonas(a, { atReference: true });
    const language = mapLanguage(a.map, text);
    const got = renderer.render(drawn, text, { locale: 'en', language });
    assert.equal(got.html, renderMapHtml(drawn, { locale: 'en', language }));
    assert.equal(got.html.includes('новое имя'), lib === renamed);
  }
});
