/**
 * Current state vs future state: the future-state map drawn over its baseline. It is the
 * visual diff (current state → future state) under another title: the future map's grid with
 * what it adds, removes and changes marked per stage and step (matched by id, as `cjm diff`
 * matches them), the current state's curve dashed under the future one, and the list of
 * changes. The legend names the curves by the kinds, "Current state" and "Future state", in
 * the reader's language.
 */
import { Analysis, Locale, MapDiff, mapWithLibraryPersonas, t } from '@cjm/core';
import { DiffView, buildDiffView, changeListHtml, comparisonWords, legendHtml } from './diff-view';
import { escapeHtml as esc } from './escape';
import { renderGrid } from './html';
import { kindName } from './labels';
import { chooseLanes } from './layout';
import { SvgTheme, renderViewSvg } from './svg';

export interface BaselineOverlay {
  readonly dv: DiffView;
  /** the current-state map's title */
  readonly baselineTitle: string;
}

export function buildBaselineOverlay(baseline: Analysis, future: Analysis, diff: MapDiff, locale: Locale): BaselineOverlay {
  // Personas both maps take from a shared library are drawn with the library's names and order.
  const drawn = (a: Analysis): Analysis => ({ ...a, map: mapWithLibraryPersonas(a) });
  const dv = buildDiffView(drawn(baseline), drawn(future), diff, locale);
  return { dv, baselineTitle: dv.title.before ?? '' };
}

/** The overlay as an HTML fragment: the preview's "show current state" and `cjm render --baseline`. */
export function renderBaselineHtml(o: BaselineOverlay): string {
  const { dv } = o;
  const v = dv.view;
  const current = kindName('current-state', dv.locale);
  const future = kindName('future-state', dv.locale);
  return `<div class="cjm-map cjm-diff cjm-baseline cjm-mode-changes" data-cjm-root="" data-baseline-root="" data-locale="${v.locale}" data-steps="${v.steps.length}" data-stages="${v.stages.length}" data-changes="${dv.changes.length}">`
    + `<header class="cjm-header"><div class="cjm-title-row"><h1 class="cjm-title">${esc(dv.title.after ?? v.title)}</h1>`
    + (v.kindLabel ? `<span class="cjm-kind cjm-kind-${esc(v.kind ?? '')}">${esc(v.kindLabel)}</span>` : '') + '</div>'
    + `<p class="cjm-baseline-of"><span class="cjm-baseline-label">${esc(current)}:</span> ${esc(o.baselineTitle)}</p>`
    + legendHtml(dv, { before: current, after: future }) + '</header>'
    + `<div class="cjm-grid-scroll">${renderGrid(v)}</div>`
    + changeListHtml(dv)
    + '</div>';
}

/** A standalone page of the overlay: no scripts, the stylesheets inlined (like renderStandaloneHtml). */
export function renderBaselineStandaloneHtml(o: BaselineOverlay, css: string, theme: 'light' | 'dark' = 'light'): string {
  const title = o.dv.title.after ?? o.dv.view.title;
  return '<!DOCTYPE html>\n'
    + `<html lang="${o.dv.view.locale}"><head><meta charset="utf-8">`
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<meta name="generator" content="cjm">`
    + `<title>${esc(title)}</title><style>${css.replace(/</g, '\\3c ')}</style></head>`
    + `<body class="cjm-standalone${theme === 'dark' ? ' vscode-dark' : ''}">${renderBaselineHtml(o)}</body></html>\n`;
}

/** The preview's toggle that draws a future-state map over its current state, in the language of the map's labels. */
export function currentStateToggleLabel(locale: Locale): string {
  return t(locale, 'Show current state');
}

/**
 * The overlay as a picture (`cjm render --format svg|png`, the preview's export): the same
 * union grid and marks as the HTML, the current state's curve dashed under the future one,
 * the legend and the change list in the reader's language. `lanes` makes a slide of only those
 * lanes (unknown names are left out; the CLI checks them first).
 */
export function renderBaselineSvg(o: BaselineOverlay, options: { readonly theme?: SvgTheme; readonly lanes?: readonly string[] } = {}): string {
  const { dv } = o;
  const current = kindName('current-state', dv.locale);
  const future = kindName('future-state', dv.locale);
  const comparison = comparisonWords(dv, { before: current, after: future }, `${current}: ${o.baselineTitle}`);
  const view = { ...dv.view, title: dv.title.after ?? dv.view.title };
  if (!options.lanes) return renderViewSvg(view, { theme: options.theme, comparison });
  return renderViewSvg(chooseLanes(view, options.lanes).view, { theme: options.theme, slide: true, comparison });
}
