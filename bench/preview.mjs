// Preview cost: text → analysis → HTML in the extension host, and HTML → patched DOM in the
// webview (Chromium, when installed), for maps of 10, 50 and 200 stages; plus the size of the
// webview bundles with and without mermaid. Run: node bench/preview.mjs (after npm run build).
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMap } from './generate-map.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const outfile = `${root}out/bench/render.cjs`;
await esbuild.build({
  stdin: { contents: "export * from './server/src/render'; export * from './server/src/core';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning',
});
const r = require(outfile);

function median(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let page;
let browser;
if (existsSync(CHROMIUM) && existsSync(join(root, 'dist/media/preview.js'))) {
  const { chromium } = require('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'cjm-bench-'));
  const settings = { labels: {}, mermaidScript: '', state: { uri: 'file:///b.cjm', locked: false, zoom: 1, fit: false, view: 'map', scrollX: 0, scrollY: 0 } };
  writeFileSync(join(dir, 'p.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"><meta id="cjm-settings" data-settings="${r.escapeHtml(JSON.stringify(settings))}"><style>${readFileSync(join(root, 'media/preview.css'), 'utf8')}</style>
<script>window.acquireVsCodeApi=()=>({postMessage(){},getState(){},setState(){}});</script></head><body><div id="cjm-banner" hidden></div><main id="cjm-content"></main><section id="cjm-mermaid" hidden></section>
<script src="file://${join(root, 'dist/media/preview.js')}"></script></body></html>`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto('file://' + join(dir, 'p.html'));
}

/** One edit as the webview sees it: dispatch the render message, patch, then force layout. */
async function domUpdate(html, version) {
  return page.evaluate(({ html, version }) => {
    const t = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'render', version, uri: 'file:///b.cjm', title: 't', html, mermaid: '', errors: [], stale: false, locked: false } }));
    void document.body.offsetHeight;
    return performance.now() - t;
  }, { html, version });
}

const rows = [];
let version = 0;
for (const stages of [10, 50, 200]) {
  const text = generateMap({ stages, steps: 4 });
  const edited = text.replace('emotion: happy', 'emotion: angry');
  const lines = text.split('\n').length - 1;
  for (let i = 0; i < 3; i++) r.renderMapHtml(r.analyze(text).map, { locale: 'en' });
  const runs = stages >= 200 ? 7 : 15;
  const a = r.analyze(text);
  const renderOnly = median(() => r.renderMapHtml(a.map, { locale: 'en' }), runs);
  // The preview's host side: IncrementalAnalyzer (as client/src/preview/preview.ts) + render.
  const inc = new r.IncrementalAnalyzer();
  inc.analyze(text);
  let flip = false;
  const hostSide = median(() => r.renderMapHtml(inc.analyze((flip = !flip) ? edited : text).map, { locale: 'en' }), runs);
  const html = r.renderMapHtml(a.map, { locale: 'en' });
  const htmlEdited = r.renderMapHtml(r.analyze(edited).map, { locale: 'en' });
  let firstPaint;
  let patch;
  if (page) {
    firstPaint = await domUpdate(html, ++version);
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await domUpdate(i % 2 ? html : htmlEdited, ++version));
    times.sort((x, y) => x - y);
    patch = times[Math.floor(times.length / 2)];
    // A fresh page for the next size so first render is measured cold each time.
    await page.evaluate(() => document.getElementById('cjm-content').replaceChildren());
  }
  rows.push({ stages, steps: stages * 4, lines, kb: (html.length / 1024).toFixed(0), renderOnly, hostSide, firstPaint, patch });
}
await browser?.close();

const size = (p) => (existsSync(join(root, p)) ? statSync(join(root, p)).size : NaN);
const kb = (n) => (Number.isFinite(n) ? `${(n / 1024).toFixed(0)} KB` : 'not built');
const ms = (n) => (n === undefined ? 'n/a (no Chromium)' : `${n.toFixed(1)} ms`);
console.log('| stages × steps | map lines | HTML size | model → HTML | edit → HTML (incremental analyze + render) | first render in webview (patch + layout) | edit → updated DOM in webview (patch + layout) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const x of rows) console.log(`| ${x.stages} × 4 | ${x.lines.toLocaleString('en')} | ${x.kb} KB | ${ms(x.renderOnly)} | ${ms(x.hostSide)} | ${ms(x.firstPaint)} | ${ms(x.patch)} |`);
console.log(`\n| webview bundle | size |\n|---|---:|\n| dist/media/preview.js (always loaded) | ${kb(size('dist/media/preview.js'))} |\n| media/preview.css (always loaded) | ${kb(size('media/preview.css'))} |\n| dist/media/mermaid.js (only when the Mermaid view opens) | ${kb(size('dist/media/mermaid.js'))} |`);
console.log(`\nnode ${process.version}, ${new Date().toISOString().slice(0, 10)}; medians`);
