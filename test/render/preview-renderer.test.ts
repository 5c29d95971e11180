/**
 * The preview's incremental renderer (client/src/preview/renderer.ts) against a full render:
 * after every edit of a random sequence on the real example maps (Russian, Polish, English) —
 * emotions changed, characters typed or deleted anywhere (offsets of everything after move),
 * stages added, removed, renamed and moved, personas renamed, the map's language changed — its
 * HTML is exactly `renderMapHtml`'s, its parts are `splitParts`'s, its language is
 * `mapLanguage`'s, and its patch turns what the webview showed into the new parts.
 *
 * Streamed (a big map opens with the stages in view, the rest follows in batches): whatever the
 * order of batches, edits and early first messages, what the webview ends up with is the full
 * render of the last text, and every message fits what the webview has.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { IncrementalAnalyzer, Locale, mapLanguage } from '@cjm/core';
import { renderMapHtml } from '@cjm/render';
import { PatchResult, PreviewRenderer, StageBatch } from '../../client/src/preview/renderer';
import { splitParts } from '../../client/src/preview/parts';
import { firstStagesText } from '../../client/src/preview/prefix';
import type { MapPatch } from '../../client/src/preview/protocol';
// @ts-expect-error plain JavaScript module shared with the benchmarks
import { generateMap } from '../../bench/generate-map.mjs';
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

/**
 * The webview's side of streaming (media/src/preview/index.ts and dom-patch.ts), on strings:
 * the fragment it shows, replaced (`html`), patched (`parts`) or grown by a batch (each slot's
 * HTML at the end of its row, the markers at the end of the curve).
 */
class WebviewModel {
  glue = '';
  chunks: string[] = [];
  seq: number | undefined;

  get html(): string {
    const glue = this.glue.split('\u0000');
    return glue.map((g, i) => g + (this.chunks[i] ?? '')).join('');
  }

  receive(r: PatchResult, where: string): void {
    if (r.html !== undefined) {
      const p = splitParts(r.html);
      this.glue = p.glue;
      this.chunks = [...p.chunks];
    } else {
      assert.ok(r.patch, `a patch or the fragment, ${where}`);
      assert.equal(r.patch.base, this.seq, `the patch is against what the webview shows, ${where}`);
      assert.equal(r.patch.count, this.chunks.length, `the patch's part count, ${where}`);
      this.chunks = applyPatch(this.chunks, r.patch);
    }
    this.seq = r.seq;
  }

  append(b: StageBatch, where: string): void {
    assert.equal(b.base, this.seq, `the batch extends what the webview shows, ${where}`);
    let html = this.html;
    for (const [slot, part] of b.slots) {
      const at = rowEnd(html, slot);
      assert.ok(at >= 0, `slot ${slot} has its row, ${where}`);
      html = html.slice(0, at) + part + html.slice(at);
    }
    const p = splitParts(html);
    assert.equal(p.chunks.length, b.count, `the batch's part count, ${where}`);
    this.glue = p.glue;
    this.chunks = [...p.chunks];
    this.seq = b.seq;
  }
}

/** Where a slot's HTML goes in the fragment: before its row's `</tr>` (or the curve's `</svg>`). */
function rowEnd(html: string, slot: string): number {
  const lane = slot === 'stageOpportunities' ? 'stage-opportunities' : slot === 'stageKpis' ? 'stage-kpis' : slot.startsWith('cells:') ? slot.slice(6) : undefined;
  const open = slot === 'head' ? '<tr class="cjm-row-stages"' : slot === 'steps' ? '<tr class="cjm-row-steps"' : slot === 'markers' ? '<td class="cjm-curve-cell"' : undefined;
  let start = open ? html.indexOf(open) : -1;
  if (lane !== undefined) {
    const m = new RegExp(`<tr class="cjm-lane[^"]*" data-lane="${lane.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/&/g, '&amp;')}">`).exec(html);
    start = m ? m.index : -1;
  }
  if (start < 0) return -1;
  return html.indexOf(slot === 'markers' ? '</svg></td></tr>' : '</tr>', start);
}

/** Streams `rendered` into the model until complete (or `stop` says to stop), batches of about `bytes`. */
function drain(renderer: PreviewRenderer, model: WebviewModel, bytes: number, where: string, stop: () => boolean = () => false): number {
  let batches = 0;
  for (let b = renderer.more(model.seq!, bytes); b; b = renderer.more(model.seq!, bytes)) {
    model.append(b, `${where}, batch ${batches + 1}`);
    batches++;
    if (stop()) break;
  }
  return batches;
}

for (const name of [...MAPS, 'generated 200 stages']) {
  test(`streamed preview = full render, with edits and early first messages between batches: ${name}`, () => {
    const original = name.startsWith('generated') ? generateMap({ stages: 200, steps: 4 }) : readFileSync(example(name), 'utf8');
    const seeds = name.startsWith('generated') ? 1 : 4;
    for (let seed = 1; seed <= seeds; seed++) {
      const r = rng(seed * 104729 + name.length);
      const analyzer = new IncrementalAnalyzer();
      const renderer = new PreviewRenderer();
      const model = new WebviewModel();
      const locale: Locale = pick(['en', 'ru', 'pl'] as const, r);
      const columns = 1 + Math.floor(r() * 6);
      const bytes = name.startsWith('generated') ? 150_000 : 500 + Math.floor(r() * 4000);
      let text = original;
      const history: string[] = [];
      const where = () => `${name}, seed ${seed}, columns ${columns}, after ${history.join(' → ') || 'opening'}`;
      // The early first message: the first stages of the text, analysed on their own.
      const cut = r() < 0.7 ? firstStagesText(text, columns) : undefined;
      if (cut !== undefined) {
        const a = analyzeWithLanguage(cut);
        model.receive(renderer.patch(renderer.render(a.map, cut, { locale, language: a.language }), { columns, partial: true, streamFrom: 0 }), `early, ${where()}`);
        assert.equal(renderer.more(model.seq!), undefined, 'nothing of an early message is streamed');
        history.push('early');
      }
      for (let step = 0; step < (name.startsWith('generated') ? 3 : 12); step++) {
        const a = analyzer.analyze(text);
        const language = mapLanguage(a.map, text);
        const got = renderer.render(a.map, text, { locale });
        const sent = renderer.patch(got, { columns, streamFrom: 0 });
        model.receive(sent, where());
        if (sent.stages) assert.ok(sent.stages.shown < sent.stages.total);
        // Some batches, then (mostly) an edit before the stream is through.
        const n = Math.floor(r() * 3);
        let batches = 0;
        drain(renderer, model, bytes, where(), () => ++batches >= n || r() < 0.3);
        const full = renderMapHtml(a.map, { locale, language });
        if (r() < 0.25 || step === (name.startsWith('generated') ? 2 : 11)) {
          drain(renderer, model, bytes, where());
          assert.equal(model.html, full, `the webview shows the whole map once streamed, ${where()}`);
        }
        const kind = pick(Object.keys(EDITS), r);
        text = EDITS[kind](text, r);
        history.push(kind);
      }
    }
  });
}

function analyzeWithLanguage(text: string) {
  const a = new IncrementalAnalyzer().analyze(text);
  return { map: a.map, language: mapLanguage(a.map, text) };
}

test('a 200-stage map opens with the stages in view and draws the rest only when it is sent', () => {
  const text = generateMap({ stages: 200, steps: 4 });
  const a = new IncrementalAnalyzer().analyze(text);
  const renderer = new PreviewRenderer();
  const got = renderer.render(a.map, text, { locale: 'en' });
  const first = renderer.patch(got, { columns: 8 });
  assert.deepEqual(first.stages, { shown: 2, total: 200 }, '8 columns are the first 2 stages of 4 steps');
  assert.ok(first.html!.length < 200_000, `the first message is small: ${first.html!.length} characters`);
  // The glue is the whole map's: every column, the curve's line through every step.
  assert.equal(first.html!.match(/<col class="cjm-col-step"/g)!.length, 800);
  assert.equal(first.html!.match(/<th class="cjm-stage /g)!.length, 2);
  const model = new WebviewModel();
  model.receive(first, 'first');
  const batches = drain(renderer, model, 400_000, 'streamed');
  assert.ok(batches >= 5 && batches <= 12, `a few batches: ${batches}`);
  assert.equal(model.html, renderMapHtml(a.map, { locale: 'en', language: 'en' }));
  // Once it has everything, an edit is an ordinary patch of the whole map.
  const edited = text.replace('emotion: happy', 'emotion: angry');
  const e = renderer.patch(renderer.render(new IncrementalAnalyzer().analyze(edited).map, edited, { locale: 'en' }), { columns: 8 });
  assert.ok(e.patch && !e.stages, 'a patch, nothing more to stream');
});

test('a batch asked for about content replaced since is not answered; the newer content streams on', () => {
  const text = generateMap({ stages: 30, steps: 2 });
  const analyzer = new IncrementalAnalyzer();
  const renderer = new PreviewRenderer();
  const first = renderer.patch(renderer.render(analyzer.analyze(text).map, text, { locale: 'en' }), { columns: 4, streamFrom: 0 });
  const edited = text.replace('name: Stage 1\n', 'name: Stage 1!\n');
  const second = renderer.patch(renderer.render(analyzer.analyze(edited).map, edited, { locale: 'en' }), { columns: 4, streamFrom: 0 });
  assert.equal(renderer.more(first.seq), undefined);
  assert.deepEqual(second.stages, first.stages, 'the edit is sent for the stages the webview has');
  assert.ok(second.patch, 'as a patch');
  assert.equal(renderer.more(second.seq)?.from, first.stages!.shown);
});

test('the first stages of a map are cut from its text only where that is safe', () => {
  for (const name of MAPS) {
    const text = readFileSync(example(name), 'utf8');
    const full = new IncrementalAnalyzer().analyze(text).map;
    const cut = firstStagesText(text, 2);
    if (full.stages.length <= 2) {
      assert.equal(cut, undefined, name);
      continue;
    }
    assert.ok(cut !== undefined, `${name} is cut`);
    const map = new IncrementalAnalyzer().analyze(cut).map;
    assert.deepEqual(map.stages.map((s) => s.id?.value), full.stages.slice(0, 2).map((s) => s.id?.value), name);
    assert.deepEqual(map.stages.map((s) => s.span.start), full.stages.slice(0, 2).map((s) => s.span.start), `${name}: the stages stay where they are in the text`);
    assert.equal(map.title?.value, full.title?.value, name);
  }
  const plain = 'cjm: 1\ntitle: T\nstages:\n  - id: a\n  - id: b\n  - id: c\nopportunities:\n  - text: x\n';
  assert.equal(firstStagesText(plain, 1), 'cjm: 1\ntitle: T\nstages:\n  - id: a\nopportunities:\n  - text: x\n');
  assert.equal(firstStagesText(plain.replace(/\n/g, '\r\n'), 2), 'cjm: 1\r\ntitle: T\r\nstages:\r\n  - id: a\r\n  - id: b\r\nopportunities:\r\n  - text: x\r\n');
  assert.equal(firstStagesText('cjm: 1\nstages:\n- id: a\n- id: b\ntitle: T\n', 1), 'cjm: 1\nstages:\n- id: a\ntitle: T\n', 'items at the left edge');
  assert.equal(firstStagesText(plain, 3), undefined, 'no more stages than asked for');
  assert.equal(firstStagesText('cjm: 1\nstages: [{id: a}, {id: b}, {id: c}]\n', 1), undefined, 'flow style');
  assert.equal(firstStagesText(plain.replace('id: b', 'id: &x b'), 1), undefined, 'anchors');
  assert.equal(firstStagesText(plain.replace('\n  - id: c', '\n\t- id: c'), 1), undefined, 'tabs');
  assert.equal(firstStagesText(plain.replace(/\n/g, '\r'), 1), undefined, 'lone CR');
  assert.equal(firstStagesText(plain.replace('  - id: c', '  - id: c\u2028'), 1), undefined, 'U+2028');
  assert.equal(firstStagesText('---\n' + plain, 1), undefined, 'documents');
});

test('a map narrower than twice the panel opens whole, as before: nothing to stream', () => {
  const text = readFileSync(example('bank-omnichannel-ru.cjm'), 'utf8');
  const renderer = new PreviewRenderer();
  const a = new IncrementalAnalyzer().analyze(text);
  const sent = renderer.patch(renderer.render(a.map, text, { locale: 'ru' }), { columns: 8 });
  assert.equal(sent.stages, undefined);
  assert.equal(sent.html, renderMapHtml(a.map, { locale: 'ru', language: mapLanguage(a.map, text) }));
  assert.equal(renderer.more(sent.seq), undefined);
});
