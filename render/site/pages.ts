/**
 * The pages of `cjm site`: the index of every map and one page per map with its downloads
 * and history. Pure string building like the rest of the renderer; every text the user
 * wrote goes through `escapeHtml`. The pages carry no inline script, style or event handler:
 * their CSP allows only the site's own files (`assets/`), so a hostile map stays text.
 */
import { LOCALES, Locale, t, tn } from '@cjm/core';
import { escapeHtml as esc } from '../escape';
import { renderViewHtml } from '../html';
import { kindName } from '../labels';
import type { MapView } from '../view';
import { fold } from './fold';
import type { SiteDownloads, SiteEntry, SiteProblem, SiteVersion } from './types';

export const SITE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

interface Shell {
  readonly lang: Locale;
  readonly title: string;
  /** the relative path to the site's root: '' or '../' */
  readonly root: string;
  readonly body: string;
  readonly page: 'index' | 'map';
}

function shell(s: Shell): string {
  return '<!DOCTYPE html>\n'
    + `<html lang="${s.lang}"><head><meta charset="utf-8">`
    + `<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="cjm site">'
    + `<meta name="referrer" content="no-referrer"><title>${esc(s.title)}</title>`
    // No icon: a browser would otherwise ask every host (Pages, a proxy) for /favicon.ico.
    + '<link rel="icon" href="data:,">'
    + `<link rel="stylesheet" href="${s.root}assets/preview.css"><link rel="stylesheet" href="${s.root}assets/site.css">`
    // The theme is applied before the first paint: site.js sets it from the reader's choice.
    // It is the page's only script: the search index and time travel (hundreds of KB) are
    // loaded by it once the page has loaded, or at once when the reader reaches for them.
    + `<script src="${s.root}assets/site.js"></script>`
    + `</head><body class="site-page site-${s.page}">${s.body}</body></html>\n`;
}

function themeButton(locale: Locale): string {
  return `<button type="button" class="site-button site-theme" id="site-theme" data-label-dark="${esc(t(locale, 'Dark theme'))}" data-label-light="${esc(t(locale, 'Light theme'))}" aria-pressed="false">${esc(t(locale, 'Dark theme'))}</button>`;
}

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Russian', pl: 'Polish' };

export function languageName(code: Locale, locale: Locale): string {
  switch (LANGUAGE_NAMES[code]) {
    case 'Russian':
      return t(locale, 'Russian');
    case 'Polish':
      return t(locale, 'Polish');
    default:
      return t(locale, 'English');
  }
}

function mapHref(slug: string): string {
  return `maps/${encodeURIComponent(slug)}.html`;
}

const option = (value: string, text: string) => `<option value="${esc(value)}">${esc(text)}</option>`;

function sortedUnique(xs: Iterable<string>, locale: Locale): string[] {
  return [...new Set(xs)].sort((a, b) => a.localeCompare(b, locale));
}

/** The index: every map with its facts, filters by kind, persona and language, and a search box. */
export function renderIndexPage(entries: readonly SiteEntry[], locale: Locale, options: { readonly title?: string } = {}): string {
  const title = options.title ?? t(locale, 'Customer journey maps');
  const kinds = sortedUnique(entries.flatMap((e) => (e.kind ? [e.kind] : [])), locale);
  const personas = sortedUnique(entries.flatMap((e) => e.personas), locale);
  const languages = LOCALES.filter((l) => entries.some((e) => e.language === l));
  const filter = (id: string, labelText: string, all: string, opts: string[]) =>
    `<label class="site-filter"><span>${esc(labelText)}</span><select id="${id}">${option('', all)}${opts.join('')}</select></label>`;
  const filters = '<div class="site-filters" role="search">'
    + `<label class="site-filter site-search"><span>${esc(t(locale, 'Search'))}</span><input type="search" id="site-search" autocomplete="off" placeholder="${esc(t(locale, 'Words from any map: steps, pains, thoughts…'))}"></label>`
    + filter('site-filter-kind', t(locale, 'Kind'), t(locale, 'All kinds'), kinds.map((k) => option(k, kindName(k, locale))))
    + filter('site-filter-persona', t(locale, 'Persona'), t(locale, 'All personas'), personas.map((p) => option(p, p)))
    + filter('site-filter-language', t(locale, 'Language'), t(locale, 'All languages'), languages.map((l) => option(l, languageName(l, locale))))
    + '</div>';
  const cards = entries.map((e) => {
    const facts: string[] = [];
    if (e.personas.length) facts.push(fact(t(locale, 'Personas'), e.personas.join(', ')));
    facts.push(fact(t(locale, 'Stages'), tn(locale, e.stages, '{0} stage', '{0} stages')));
    if (e.lowest) facts.push(fact(t(locale, 'Lowest moment'), e.lowest));
    facts.push(fact(t(locale, 'Errors'), e.errors ? tn(locale, e.errors, '{0} error', '{0} errors') : t(locale, 'none'), e.errors ? ' site-has-errors' : ''));
    if (e.versions) facts.push(fact(t(locale, 'History'), tn(locale, e.versions, '{0} version', '{0} versions')));
    return `<li class="site-card" data-slug="${esc(e.slug)}" data-kind="${esc(e.kind ?? '')}" data-personas="${esc(JSON.stringify(e.personas))}" data-language="${e.language}">`
      + `<div class="site-card-head"><a class="site-card-title" href="${esc(mapHref(e.slug))}" hreflang="${e.language}">${esc(e.title)}</a>`
      + (e.kind ? `<span class="cjm-kind cjm-kind-${esc(e.kind)}">${esc(kindName(e.kind, locale))}</span>` : '')
      + `<span class="site-language">${esc(languageName(e.language, locale))}</span></div>`
      + `<dl class="site-facts">${facts.join('')}</dl>`
      + '<p class="site-snippet" hidden></p>'
      + `<code class="site-path">${esc(e.path)}</code></li>`;
  });
  const body = `<header class="site-header"><h1>${esc(title)}</h1><span class="site-spacer"></span>${themeButton(locale)}</header>`
    + `<main class="site-main">${filters}`
    + `<p class="site-count" id="site-count" aria-live="polite" data-template="${esc(t(locale, 'Shown: {0} of {1}'))}">${esc(t(locale, 'Shown: {0} of {1}', entries.length, entries.length))}</p>`
    + `<ul class="site-cards" id="site-cards" data-search-script="assets/search.js">${cards.join('')}</ul>`
    + `<p class="site-empty" id="site-empty" hidden>${esc(entries.length ? t(locale, 'No map matches. Clear the search or a filter.') : t(locale, 'No .cjm files were found.'))}</p>`
    + `</main><footer class="site-footer">${esc(t(locale, 'Built by cjm: {0}', tn(locale, entries.length, '{0} map', '{0} maps')))}</footer>`;
  return shell({ lang: locale, title, root: '', body, page: 'index' });
}

function fact(name: string, value: string, cls = ''): string {
  return `<div class="site-fact${cls}"><dt>${esc(name)}</dt><dd>${esc(value)}</dd></div>`;
}

/** The search index's data: original text (snippets are cut from it) and folded text (searched). */
export function searchIndexScript(entries: readonly SiteEntry[]): string {
  const data = entries.map((e) => ({ slug: e.slug, text: e.text, folded: fold(e.text) }));
  return `window.CJM_SEARCH=${jsonForScript(data)};\n`;
}

/** JSON as a script file's literal: also safe if someone ever inlines it into HTML. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface MapPageInput {
  readonly entry: SiteEntry;
  readonly view: MapView;
  readonly problems: readonly SiteProblem[];
  readonly downloads: SiteDownloads;
  /** newest first; absent outside git */
  readonly history?: {
    readonly versions: readonly SiteVersion[];
    /** the step names of the current map, the chart's columns */
    readonly columns: readonly string[];
    /** the working tree holds uncommitted changes: the page shows them, the history ends before */
    readonly uncommitted: boolean;
  };
}

/** One map: toolbar (back, zoom, theme, downloads), its errors, history, and the map drawn as in the preview. */
export function renderMapPage(input: MapPageInput): string {
  const { entry, view } = input;
  const locale = entry.language;
  const d = input.downloads;
  const dl = (href: string, text: string, file: string) => `<a class="site-button site-download" href="${esc(href)}" download="${esc(file)}">${esc(text)}</a>`;
  const base = entry.path.split('/').pop()!.replace(/\.cjm$/i, '');
  const downloads = `<nav class="site-downloads" aria-label="${esc(t(locale, 'Downloads'))}">`
    + dl(d.svg, t(locale, 'Picture (SVG)'), `${base}.svg`)
    + (d.png ? dl(d.png, t(locale, 'Picture (PNG)'), `${base}.png`) : '')
    + dl(d.md, t(locale, 'Markdown'), `${base}.md`)
    + dl(d.source, t(locale, 'Source (.cjm)'), `${base}.cjm`)
    + '</nav>';
  const zoom = `<div class="site-zoom" role="group" aria-label="${esc(t(locale, 'Zoom'))}">`
    + `<button type="button" class="site-button" data-zoom="out" title="${esc(t(locale, 'Zoom out'))}" aria-label="${esc(t(locale, 'Zoom out'))}">−</button>`
    + `<button type="button" class="site-button site-zoom-value" data-zoom="reset" title="${esc(t(locale, 'Actual size'))}">100%</button>`
    + `<button type="button" class="site-button" data-zoom="in" title="${esc(t(locale, 'Zoom in'))}" aria-label="${esc(t(locale, 'Zoom in'))}">+</button>`
    + `<button type="button" class="site-button" data-zoom="fit">${esc(t(locale, 'Fit to width'))}</button></div>`;
  const toolbar = `<header class="site-toolbar"><a class="site-back" href="../index.html">← ${esc(t(locale, 'All maps'))}</a>`
    + `<span class="site-toolbar-title">${esc(entry.title)}</span><span class="site-spacer"></span>${zoom}${downloads}${themeButton(locale)}</header>`;
  const problems = input.problems.length
    ? `<section class="site-problems" id="site-problems"><h2>${esc(tn(locale, input.problems.length, 'This map has {0} error', 'This map has {0} errors'))}</h2><ul>`
      + input.problems.map((p) => `<li><code>${esc(entry.path)}:${p.line}:${p.column}</code> <span class="site-code">${esc(p.code)}</span> ${esc(p.message)}</li>`).join('')
      + '</ul></section>'
    : '';
  // The data first, then the script that reads it (site.js loads them in this order).
  const scripts = [`${encodeURIComponent(entry.slug)}/versions.js`, '../assets/history.js'];
  const history = input.history && input.history.versions.length ? historySection(input.history, locale, input.view, scripts) : '';
  const banner = `<div class="site-version-banner" id="site-version-banner" hidden><span id="site-version-text"></span> <button type="button" class="site-button" id="site-version-current">${esc(t(locale, 'Back to the current version'))}</button></div>`;
  const body = toolbar
    + `<main class="site-main site-map-main">${problems}${history}${banner}`
    + `<div id="site-map" class="site-map" data-language="${locale}">${renderViewHtml(view)}</div></main>`;
  return shell({ lang: locale, title: entry.title, root: '../', body, page: 'map' });
}

function statusNote(v: SiteVersion, locale: Locale): string {
  const notes: string[] = [];
  if (v.status === 'added') notes.push(t(locale, 'map added'));
  if (v.status === 'renamed' && v.oldPath) notes.push(t(locale, 'renamed from {0}', v.oldPath));
  if (v.status === 'merge') notes.push(t(locale, 'merge'));
  if (v.errors) notes.push(tn(locale, v.errors, 'broken: {0} error', 'broken: {0} errors'));
  return notes.join('; ');
}

const LINE_COLOURS = ['#0969da', '#8250df', '#bf3989', '#1a7f37', '#bc4c00', '#9a6700', '#0550ae', '#6639ba', '#116329', '#953800'];

/** The colour of a version's line: the newest is the accent, older ones cycle through the palette. */
function colour(index: number): string {
  return index === 0 ? '#1f2328' : LINE_COLOURS[(index - 1) % LINE_COLOURS.length];
}

const COL = 56;
const TOP = 14;
const ROW = 24;

/** Change lines a version shows before the rest fold away: a map's first version lists every stage it adds. */
const CHANGES_SHOWN = 8;

/**
 * A version's change lines; past CHANGES_SHOWN the rest are folded into a `<details>` ("12 more
 * changes") that opens without a script, so a reader scanning the history sees every version.
 */
function changeList(v: SiteVersion, locale: Locale): string {
  const line = (c: string) => `<li>${esc(`${v.date}, ${v.author}: ${c}`)}</li>`;
  if (v.changes.length <= CHANGES_SHOWN + 1) return v.changes.map(line).join('');
  const shown = CHANGES_SHOWN - 1;
  const rest = v.changes.slice(shown);
  return v.changes.slice(0, shown).map(line).join('')
    + `<li class="site-changes-more"><details><summary>${esc(tn(locale, rest.length, '{0} more change', '{0} more changes'))}</summary><ul class="site-changes">${rest.map(line).join('')}</ul></details></li>`;
}

function historySection(h: NonNullable<MapPageInput['history']>, locale: Locale, view: MapView, scripts: readonly string[]): string {
  const versions = h.versions;
  const width = Math.max(1, h.columns.length) * COL;
  const height = TOP * 2 + ROW * 6;
  const y = (s: number) => TOP + (3 - s) * ROW;
  const grid: string[] = [];
  for (let s = -3; s <= 3; s++) grid.push(`<line class="site-chart-grid${s === 0 ? ' site-chart-zero' : ''}" x1="0" x2="${width}" y1="${y(s)}" y2="${y(s)}"/>`);
  for (const s of [3, 0, -3]) grid.push(`<text class="site-chart-scale" x="-4" y="${y(s) + 4}">${s > 0 ? '+' : s < 0 ? '−' : ''}${Math.abs(s)}</text>`);
  for (const st of view.stages.slice(1)) grid.push(`<line class="site-chart-stage" x1="${st.firstColumn * COL}" x2="${st.firstColumn * COL}" y1="0" y2="${height}"/>`);
  const lines: string[] = [];
  // Oldest first, so the newest line is drawn on top.
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i];
    const segments: string[][] = [];
    let run: string[] = [];
    v.curve.forEach((score, c) => {
      if (score === undefined) {
        if (run.length) segments.push(run);
        run = [];
      } else run.push(`${c * COL + COL / 2},${y(score)}`);
    });
    if (run.length) segments.push(run);
    const tip = `<title>${esc(`${v.date}, ${v.author}: ${v.subject}`)}</title>`;
    const paths = segments.map((pts) => (pts.length === 1 ? `<circle cx="${pts[0].split(',')[0]}" cy="${pts[0].split(',')[1]}" r="3"/>` : `<polyline points="${pts.join(' ')}"/>`)).join('');
    lines.push(`<g class="site-chart-version${i === 0 ? ' site-chart-newest' : ''}${v.errors ? ' site-chart-broken' : ''}" data-version="${i}" stroke="${colour(i)}" fill="${colour(i)}">${tip}${paths}</g>`);
  }
  const labels = h.columns.map((name, c) => `<text class="site-chart-label" x="${c * COL + COL / 2}" y="${height + 12}" transform="rotate(30 ${c * COL + COL / 2} ${height + 12})">${esc(name.length > 18 ? name.slice(0, 17) + '…' : name)}</text>`);
  // Room at the right for the last column's slanted label.
  const chart = `<svg class="site-chart" id="site-chart" width="${width + 100}" height="${height + 90}" viewBox="-20 0 ${width + 100} ${height + 90}" role="img" aria-label="${esc(t(locale, 'Emotion curve across versions'))}">`
    + grid.join('') + lines.join('') + labels.join('') + '</svg>';
  const items = versions.map((v, i) => {
    const note = statusNote(v, locale);
    const changes = v.identical || v.formattingOnly
      ? `<li class="site-change-none">${esc(v.status === 'renamed' ? t(locale, 'the journey did not change') : t(locale, 'only the layout of the file changed'))}</li>`
      : changeList(v, locale);
    return `<li class="site-version${i === 0 ? ' site-version-newest' : ''}${v.errors ? ' site-version-broken' : ''}" data-version="${i}">`
      + `<div class="site-version-head"><svg class="site-swatch" width="22" height="10" aria-hidden="true"><line x1="0" x2="22" y1="5" y2="5" stroke="${colour(i)}"/></svg>`
      + `<button type="button" class="site-version-view" data-version="${i}" title="${esc(t(locale, 'Show the map as of this version'))}">${esc(v.date)}</button> `
      + `<span class="site-version-title"><span class="site-version-author">${esc(v.author)}</span>: <span class="site-version-subject">${esc(v.subject)}</span></span>`
      + ` <code class="site-commit">${esc(v.commit.slice(0, 7))}</code>`
      + (note ? ` <span class="site-version-note">${esc(note)}</span>` : '')
      + `</div>${changes ? `<ul class="site-changes">${changes}</ul>` : ''}</li>`;
  });
  const slider = `<label class="site-slider"><span>${esc(t(locale, 'Version'))}</span>`
    + `<input type="range" id="site-version-slider" min="0" max="${versions.length}" step="1" value="${versions.length}" aria-valuetext="${esc(t(locale, 'current'))}">`
    + `<output id="site-version-output">${esc(t(locale, 'current'))}</output></label>`;
  return `<section class="site-history" id="site-history" data-scripts="${esc(scripts.join(' '))}" data-current-label="${esc(t(locale, 'current'))}" data-viewing="${esc(t(locale, 'The map as of {0}, {1}: {2}', '{0}', '{1}', '{2}'))}" data-broken="${esc(t(locale, 'This version has errors; it is drawn as far as it can be read.'))}">`
    + `<h2>${esc(t(locale, 'History'))}</h2>`
    + (h.uncommitted ? `<p class="site-uncommitted">${esc(t(locale, 'The page shows uncommitted changes; the history ends at the last commit.'))}</p>` : '')
    + `<div class="site-history-grid"><figure class="site-chart-box"><figcaption>${esc(t(locale, 'Emotion curve across versions'))}</figcaption>${chart}</figure>`
    + `<div class="site-versions-box">${slider}<ol class="site-versions" id="site-versions">${items.join('')}</ol></div></div></section>`;
}
