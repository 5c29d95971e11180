// Preview cost, for maps of 10, 50 and 200 stages (4 filled steps each):
// - extension host, per edit: incremental analysis, then the preview's renderer
//   (client/src/preview/renderer.ts, the class preview.ts calls): the map's language, the
//   stages the edit touched drawn again, the parts and the patch against what the webview
//   shows. Reported as a whole and, separately, the renderer's share (the analysis is the
//   language server's code, shared with it);
// - webview, in headless Chromium with the real dist/media/preview.js and media/preview.css:
//   opening (page load + first render + layout), and edit → updated DOM (message dispatched,
//   DOM patched, layout forced) for two edits: an emotion changed (offsets stay put) and one
//   character typed into the first step's name (every later offset moves). Each edit is timed
//   as the preview sends it now (a patch of parts) and as it did before (the whole fragment);
// - the size of the webview bundles with and without mermaid.
// - opening streamed, as preview.ts opens a big map: the early message (the text's first
//   stages cut out and analysed on their own), the whole map's message for the stages in view,
//   then batches the webview asks for after each paint: time to the first screenful and to
//   everything, reported apart.
// Run: npm run build && node bench/preview.mjs   (BENCH_STAGES=50 for one size; BENCH_OPEN_ONLY=1
// for the opening figures alone)
import * as esbuild from 'esbuild';
import { yamlAlias } from '../scripts/yaml-bundle.mjs';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMap } from './generate-map.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const outfile = `${root}out/bench/preview-host.cjs`;
await esbuild.build({
  stdin: {
    contents: "export * from './render'; export * from './core'; export { splitParts, diffParts } from './client/src/preview/parts'; export { PreviewRenderer } from './client/src/preview/renderer'; export { columnsInView } from './client/src/preview/protocol'; export { firstStagesText } from './client/src/preview/prefix';",
    resolveDir: root, loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', alias: yamlAlias,
});
const r = require(outfile);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The extension host's side of the preview: the calls client/src/preview/preview.ts makes per edit in the map view. */
class Host {
  analyzer = new r.IncrementalAnalyzer();
  renderer = new r.PreviewRenderer();
  /** ms spent in the renderer (language, render, patch), without the analysis */
  rendererMs = 0;
  version = 0;
  /** ms of the last render spent in the analysis */
  analysisMs = 0;
  /** `columns`: stream as preview.ts does (the stages in view first); without it the whole map goes at once */
  render(text, { whole = false, columns } = {}) {
    const t0 = performance.now();
    const a = this.analyzer.analyze(text);
    const t = performance.now();
    this.analysisMs = t - t0;
    const language = this.renderer.language(a.map, text);
    const rendered = this.renderer.render(a.map, text, { locale: language, language });
    if (whole) this.renderer.forgetSent();
    const { seq, patch, html, stages } = this.renderer.patch(rendered, columns === undefined ? {} : { columns });
    const message = { type: 'render', version: ++this.version, uri: 'file:///b.cjm', title: 't', locale: language, errors: [], stale: false, locked: false, contentSeq: seq, ...(patch ? { parts: patch } : { html }), ...(stages ? { stages } : {}) };
    JSON.stringify(message);
    this.rendererMs = performance.now() - t;
    return message;
  }

  /**
   * A fresh preview's first message as preview.ts makes it for a big map: the text's first
   * stages cut out (prefix.ts), analysed on their own and drawn, before the whole map is
   * analysed. Undefined when the text is not cut (then the whole map's message is the first).
   */
  early(text, columns) {
    const t = performance.now();
    // preview.ts's EARLY_MIN_CHARS
    const cut = text.length < 40_000 ? undefined : r.firstStagesText(text, columns);
    if (cut === undefined) return undefined;
    const a = r.analyze(cut);
    const language = this.renderer.language(a.map, cut);
    const rendered = this.renderer.render(a.map, cut, { locale: language, language });
    const { seq, html } = this.renderer.patch(rendered, { columns, partial: true });
    const message = { type: 'render', version: ++this.version, uri: 'file:///b.cjm', title: 't', locale: language, errors: [], stale: false, locked: false, contentSeq: seq, html, early: true };
    JSON.stringify(message);
    this.earlyMs = performance.now() - t;
    return message;
  }

  /** The batches that follow a streamed first message, as preview.ts answers the webview's `more`, and the host's ms for each. */
  batches(first) {
    const out = [];
    const ms = [];
    let seq = first.contentSeq;
    for (;;) {
      const t = performance.now();
      const b = this.renderer.more(seq, ...(process.env.BENCH_BATCH ? [Number(process.env.BENCH_BATCH)] : []));
      if (!b) break;
      const m = { type: 'append', version: this.version, uri: 'file:///b.cjm', base: b.base, contentSeq: b.seq, from: b.from, to: b.to, total: b.total, count: b.count, slots: b.slots };
      JSON.stringify(m);
      ms.push(performance.now() - t);
      out.push(m);
      seq = b.seq;
    }
    return { batches: out, ms };
  }
}

/** What preview.ts did per edit before the renderer kept stages: every stage drawn, Mermaid and insights made, the whole HTML cut and diffed. */
class Before {
  analyzer = new r.IncrementalAnalyzer();
  sent;
  seq = 0;
  render(text) {
    const a = this.analyzer.analyze(text);
    const language = r.mapLanguage(a.map, text);
    const locale = r.mapLanguage(a.map, text);
    const html = r.renderMapHtml(a.map, { locale, language });
    r.toMermaidJourney(a.map, { locale: language });
    r.renderInsightsHtml(a.map, { locale, language });
    const parts = r.splitParts(html);
    const patch = this.sent && r.diffParts(this.sent.parts, parts, this.sent.seq);
    this.sent = { seq: ++this.seq, parts };
    return patch;
  }
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM) && existsSync(join(root, 'dist/media/preview.js'));
let browser;
let shell;
let shellBefore;
if (hasBrowser) {
  const { chromium } = require('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'cjm-bench-'));
  const settings = { labels: {}, mermaidScript: '', state: { uri: 'file:///b.cjm', locked: false, zoom: 1, fit: false, view: 'map', scrollX: 0, scrollY: 0 } };
  // The same shell as client/src/preview/previewContent.ts, minus VS Code's CSP and theme.
  shell = 'file://' + join(dir, 'p.html');
  writeFileSync(join(dir, 'p.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"><meta id="cjm-settings" data-settings="${r.escapeHtml(JSON.stringify(settings))}"><link rel="stylesheet" href="file://${join(root, 'media/preview.css')}">
<script>window.__posted=[];window.__blocks=[];window.acquireVsCodeApi=()=>({postMessage(m){if(m.type==='ready')window.__ready=performance.now();if(m.type==='more')window.__more(m);window.__posted.push(m)},getState(){},setState(){}});
// A streamed map: the webview asks for more once it painted; the batches are answered at once (the host's time is counted apart).
window.__more=(m)=>{window.__firstPaint??=performance.now();setTimeout(()=>{const b=window.__batches?.shift();if(!b)return;const t=performance.now();window.dispatchEvent(new MessageEvent('message',{data:b}));void document.body.offsetHeight;window.__blocks.push(performance.now()-t);if(!window.__batches.length)window.__done=performance.now();},0)};</script></head><body><div class="cjm-toolbar"></div><div id="cjm-banner" hidden></div><main id="cjm-content" class="cjm-map-view"></main><section id="cjm-mermaid" hidden></section>
<script src="file://${join(root, 'dist/media/preview.js')}"></script></body></html>`);
  // The same page with the stylesheet as it was before content-visibility, to compare opening.
  const css = readFileSync(join(root, 'media/preview.css'), 'utf8');
  const withoutCv = css.replace(/^\.cjm-map-view \.cjm-cell > ul \{ content-visibility[^\n]*\n/m, '');
  if (withoutCv === css) throw new Error('the content-visibility rule moved: update the bench');
  shellBefore = 'file://' + join(dir, 'p0.html');
  writeFileSync(join(dir, 'p0.html'), readFileSync(join(dir, 'p.html'), 'utf8').replace(/<link rel="stylesheet"[^>]*>/, () => `<style>${withoutCv}</style>`));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/**
 * Opens a fresh preview page and renders the first message: ms from navigation start until the
 * script is ready (shell, stylesheet, script), plus ms from the message's dispatch to laid out.
 * The message is handed to the page before the clock for the second part starts: passing 3 MB
 * through the DevTools protocol took 1.5–3 s at load 10, a cost of this harness, not of VS Code's
 * postMessage, and it used to be counted as the webview's.
 */
async function open(page, message, url = shell) {
  await page.goto(url);
  await page.evaluate((m) => { window.__first = m; }, message);
  return page.evaluate(() => {
    const t = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: window.__first }));
    void document.body.offsetHeight;
    return window.__ready + performance.now() - t;
  });
}

/**
 * Opens a fresh page on a streamed map: ms from navigation start until ready, then from the
 * first message's dispatch until it is laid out and painted (the webview asks for more only
 * after a frame), and until the last batch is laid out; the longest the page was blocked by one
 * message. The batches are handed over before the clock starts, like the first message.
 */
async function openStreamed(page, early, whole, batches) {
  await page.goto(shell);
  await page.evaluate(([e, m, b]) => { window.__early = e; window.__first = m; window.__batches = b; }, [early, whole, batches]);
  return page.evaluate(async (expect) => {
    const dispatch = (m) => {
      const s = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data: m }));
      void document.body.offsetHeight;
      window.__blocks.push(performance.now() - s);
    };
    const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const t = performance.now();
    let paint;
    if (window.__early) {
      // The early message asks for nothing: the whole map's message follows it (the host's time for that is counted apart).
      dispatch(window.__early);
      await painted();
      paint = performance.now() - t;
    }
    dispatch(window.__first);
    await new Promise((resolve) => {
      const check = () => ((expect ? window.__done !== undefined : true) ? resolve() : setTimeout(check, 2));
      if (!expect) painted().then(resolve);
      else check();
    });
    return { ready: window.__ready, paint: paint ?? window.__firstPaint - t, done: (window.__done ?? performance.now()) - t, longest: Math.max(...window.__blocks) };
  }, batches.length > 0);
}

/** One edit as the webview sees it: dispatch the render message, patch, then force layout. */
async function domUpdate(page, message) {
  const ms = await page.evaluate((m) => {
    const t = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: m }));
    void document.body.offsetHeight;
    return performance.now() - t;
  }, message);
  const resync = await page.evaluate(() => window.__posted.splice(0).some((p) => p.type === 'resync'));
  if (resync) throw new Error('the webview could not apply a patch');
  return ms;
}

const OPEN_ONLY = process.env.BENCH_OPEN_ONLY === '1';
const rows = [];
// BENCH_STAGES=50 runs one size only.
const SIZES = process.env.BENCH_STAGES ? process.env.BENCH_STAGES.split(',').map(Number) : [10, 50, 200];
for (const stages of SIZES) {
  const text = generateMap({ stages, steps: 4 });
  const edits = {
    emotion: text.replace('emotion: happy', 'emotion: angry'),
    typing: text.replace('name: Step 1 of stage 1\n', 'name: Step 1 of stage 1x\n'),
  };
  if (edits.emotion === text || edits.typing === text) throw new Error('the generated map changed: update the edits');
  const runs = stages >= 200 ? 5 : 9;
  const lines = text.split('\n').length - 1;
  const a = r.analyze(text);
  const html = r.renderMapHtml(a.map, { locale: 'en' });
  const renderOnly = time(() => r.renderMapHtml(a.map, { locale: 'en' }), runs);
  const row = { stages, lines, kb: (html.length / 1024).toFixed(0), renderOnly };
  // Opening, host side: the first analysis and render of a fresh preview (no stage kept yet).
  row.hostOpen = time(() => new Host().render(text), runs);
  // Streamed, as preview.ts opens it in a 1400-pixel-wide panel at 100 %: the first message's host work (analysis apart), and each batch's.
  const columns = r.columnsInView({ width: 1400, scrollX: 0, zoom: 1 }, r.COLUMN_WIDTH, r.LABEL_WIDTH);
  const earlyHost = [];
  const firstHost = [];
  const firstAnalysis = [];
  const batchHost = [];
  for (let i = 0; i < runs; i++) {
    const h = new Host();
    const early = h.early(text, columns);
    earlyHost.push(early ? h.earlyMs : 0);
    const first = h.render(text, { columns });
    firstHost.push(h.rendererMs);
    firstAnalysis.push(h.analysisMs);
    const { ms: each } = h.batches(first);
    batchHost.push(each.reduce((x, y) => x + y, 0));
    if (i === 0) {
      row.earlyKb = early ? (JSON.stringify(early).length / 1024).toFixed(0) : '–';
      row.firstKb = (JSON.stringify(first).length / 1024).toFixed(0);
      row.firstStages = first.stages?.shown ?? stages;
      row.batchCount = each.length;
    }
  }
  row.earlyHost = median(earlyHost);
  row.streamHost = median(firstHost);
  row.streamAnalysis = median(firstAnalysis);
  row.batchHost = median(batchHost);
  for (const [name, edited] of OPEN_ONLY ? [] : Object.entries(edits)) {
    const host = new Host();
    host.render(text);
    const own = [];
    row[`host-${name}`] = time((i) => {
      host.render(i % 2 ? text : edited);
      own.push(host.rendererMs);
    }, runs);
    row[`own-${name}`] = median(own);
    const before = new Before();
    before.render(text);
    row[`before-${name}`] = time((i) => before.render(i % 2 ? text : edited), runs);
    const fresh = new Host();
    fresh.render(text);
    row[`msg-${name}`] = JSON.stringify(fresh.render(edited)).length;
  }
  if (browser) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const opens = [];
    for (let i = 0; i < 5; i++) opens.push(await open(page, new Host().render(text)));
    row.open = median(opens);
    const before = [];
    for (let i = 0; i < (OPEN_ONLY ? 0 : 5); i++) before.push(await open(page, new Host().render(text), shellBefore));
    row.openBefore = median(before);
    const streamed = [];
    for (let i = 0; i < 5; i++) {
      const h = new Host();
      const early = h.early(text, columns);
      const first = h.render(text, { columns });
      streamed.push(await openStreamed(page, early, first, h.batches(first).batches));
    }
    const pick = (k) => median(streamed.map((x) => x[k]));
    row.sReady = pick('ready');
    row.sPaint = pick('paint');
    row.sDone = pick('done');
    row.sLongest = pick('longest');
    for (const [name, edited] of OPEN_ONLY ? [] : Object.entries(edits)) {
      for (const whole of [false, true]) {
        await page.goto(shell);
        const host = new Host();
        await domUpdate(page, host.render(text));
        const times = [];
        for (let i = 0; i < runs; i++) times.push(await domUpdate(page, host.render(i % 2 ? text : edited, { whole })));
        row[`dom-${name}-${whole ? 'whole' : 'parts'}`] = median(times);
      }
    }
    await page.close();
  }
  rows.push(row);
}
await browser?.close();

const size = (p) => (existsSync(join(root, p)) ? statSync(join(root, p)).size : NaN);
const kb = (n) => (Number.isFinite(n) ? `${(n / 1024).toFixed(0)} KB` : 'not built');
const bytes = (n) => (n < 10240 ? `${(n / 1024).toFixed(1)} KB` : kb(n));
const ms = (n) => (n === undefined ? 'n/a' : `${n.toFixed(1)} ms`);
console.log('| stages × steps | map lines | HTML | open, host: first analysis + render | open, webview: load until ready + first render + layout, without the harness’s message transfer (without content-visibility) | edit → HTML + patch, host (emotion / typing); in brackets the renderer alone, without the analysis | the same, as preview.ts did it before (every stage drawn, Mermaid and insights made per edit) | patch message (emotion / typing) | edit → updated DOM, emotion changed: patch (whole fragment) | edit → updated DOM, a character typed: patch (whole fragment) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const x of rows) {
  console.log(`| ${x.stages} × 4 | ${x.lines.toLocaleString('en')} | ${x.kb} KB | ${ms(x.hostOpen)} | **${ms(x.open)}** (${ms(x.openBefore)}) | ${ms(x['host-emotion'])} / ${ms(x['host-typing'])} (${ms(x['own-emotion'])} / ${ms(x['own-typing'])}) | ${ms(x['before-emotion'])} / ${ms(x['before-typing'])} | ${bytes(x['msg-emotion'])} / ${bytes(x['msg-typing'])} `
    + `| **${ms(x['dom-emotion-parts'])}** (${ms(x['dom-emotion-whole'])}) | **${ms(x['dom-typing-parts'])}** (${ms(x['dom-typing-whole'])}) |`);
}
console.log('\nOpening, streamed as preview.ts does it (a 1400-pixel panel at 100 %: the stages of the first columns, then the webview asks for the rest after each paint):\n');
console.log('| stages × steps | early message (first stages cut from the text): host, size | webview: load until ready + early message laid out and painted | **first screenful**: host + webview | whole map: analysis + message (its stages, size) | batches: how many, host summed | webview: from the early message until the last batch is laid out | **everything**: host + webview | longest the page was blocked by one message |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const x of rows) {
  // Without an early message the whole map's message is the first.
  const first = (x.earlyKb === '–' ? x.streamAnalysis + x.streamHost : x.earlyHost) + x.sReady + x.sPaint;
  const host = x.earlyHost + x.streamAnalysis + x.streamHost + x.batchHost;
  console.log(`| ${x.stages} × 4 | ${ms(x.earlyHost)}, ${x.earlyKb} KB | ${ms(x.sReady + x.sPaint)} | **${ms(first)}** | ${ms(x.streamAnalysis)} + ${ms(x.streamHost)} (${x.firstStages}, ${x.firstKb} KB) | ${x.batchCount}, ${ms(x.batchHost)} | ${ms(x.sDone)} | **${ms(host + x.sReady + x.sDone)}** | ${ms(x.sLongest)} |`);
}
console.log(`\n| webview bundle | size |\n|---|---:|\n| dist/media/preview.js (always loaded) | ${kb(size('dist/media/preview.js'))} |\n| media/preview.css (always loaded) | ${kb(size('media/preview.css'))} |\n| dist/media/mermaid.js (only when the Mermaid view opens) | ${kb(size('dist/media/mermaid.js'))} |`);
console.log(`\nload average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the end of the run`);
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}; medians${browser ? '' : '; no Chromium, so no webview numbers'}`);
