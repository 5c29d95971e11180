/**
 * The insight views (core/insights.ts) drawn for people: Markdown for `cjm render --format
 * insights-md`, an HTML fragment for the preview's insight panel and `--format insights-html`.
 * Names of stages, steps and emotions come from the laid-out view, so they read exactly as
 * in the map; every other word is a catalogue message in the reader's language.
 */
import {
  Insights, JourneyMap, LEVELS, Level, Locale, PlacedOpportunity, Span, computeInsights, insightPersonas, matrixCell, t, tn,
} from '@cjm/core';
import { escapeHtml as esc } from './escape';
import { label, levelLabel } from './labels';
import { buildView } from './layout';
import { escapeMarkdown as md } from './markdown';
import type { MapView } from './view';

export interface InsightsRenderOptions {
  /** the language of the labels */
  readonly locale: Locale;
  /** the language the map is written in (`mapLanguage`) */
  readonly language?: Locale;
}

/** One row of a table: its cells as plain text, and where in the map it points. */
interface Row {
  readonly cells: readonly string[];
  readonly span?: Span;
}

interface Section {
  readonly key: 'lowest' | 'pains' | 'evidence' | 'matrix' | 'workload';
  readonly heading: string;
  readonly head: readonly string[];
  readonly rows: readonly Row[];
  /** shown instead of an empty table */
  readonly empty: string;
  readonly note?: string;
}

export interface InsightsView {
  readonly locale: Locale;
  readonly title: string;
  readonly sections: readonly Section[];
}

const ORDER: readonly Level[] = [...LEVELS].reverse() as Level[];

function opportunityList(list: readonly PlacedOpportunity[]): string {
  return list.map((p) => p.opportunity.text!.value.replace(/\s+/g, ' ').trim()).join('; ');
}

export function buildInsightsView(map: JourneyMap, options: InsightsRenderOptions): InsightsView {
  const locale = options.locale;
  const view: MapView = buildView(map, locale, options.language);
  const L = (k: Parameters<typeof label>[0]) => label(k, locale);
  const stageName = (i: number | undefined) => (i === undefined ? '' : view.stages[i]?.name ?? '');
  const step = (stage: number, i: number) => view.steps[view.stages[stage].firstColumn + i];
  const sections: Section[] = [];

  // Lowest moments: the whole map, then each persona's own curve when there are several.
  const lowest = (persona?: string): Section => {
    const ins = computeInsights(map, { persona });
    const name = persona && (map.personas.find((p) => p.id?.value === persona)?.name?.value.trim() || persona);
    return {
      key: 'lowest',
      heading: name ? t(locale, 'Lowest moments: {0}', name) : t(locale, 'Lowest moments'),
      head: [L('stage'), L('step'), L('emotionCol'), L('pains')],
      rows: ins.lowestMoments.map((m) => {
        const s = step(m.stage, m.step);
        return { cells: [stageName(m.stage), s.name, s.emotion ? `${s.emotion.emoji} ${s.emotion.label}` : '', (s.cells.pains ?? []).map((p) => p.text).join('; ')], span: m.span };
      }),
      empty: t(locale, 'No step has an emotion yet.'),
    };
  };
  sections.push(lowest());
  for (const p of insightPersonas(map)) sections.push(lowest(p));

  const ins: Insights = computeInsights(map);
  sections.push({
    key: 'pains',
    heading: t(locale, 'Pains without opportunities'),
    head: [L('stage'), L('step'), L('pains')],
    rows: ins.painsWithoutOpportunities.map((p) => ({ cells: [stageName(p.stage), step(p.stage, p.step).name, p.pain.value.replace(/\s+/g, ' ').trim()], span: p.span })),
    empty: t(locale, 'Every pain has an opportunity in its step.'),
  });
  sections.push({
    key: 'evidence',
    heading: t(locale, 'Evidence coverage'),
    head: [L('stage'), t(locale, 'Steps with evidence'), t(locale, 'Steps without evidence'), t(locale, 'Pains with evidence'), t(locale, 'Pains without evidence')],
    rows: ins.evidence.map((e) => ({ cells: [stageName(e.stage), String(e.stepsWith), String(e.stepsWithout), String(e.painsWith), String(e.painsWithout)], span: e.span })),
    empty: t(locale, 'The map has no stages.'),
  });
  // Impact down the side (high first), effort across (low first): the top-left cell is the quick wins.
  const efforts: Array<Level | undefined> = [...LEVELS, undefined];
  const notRated = t(locale, 'not rated');
  const matrixRows: Row[] = [...ORDER, undefined].map((impact) => ({
    cells: [
      impact ? levelLabel(impact, 'impact', locale) : notRated,
      ...efforts.map((effort) => opportunityList(matrixCell(ins.opportunities, impact, effort))),
    ],
  })).filter((r) => r.cells.slice(1).some(Boolean));
  sections.push({
    key: 'matrix',
    heading: t(locale, 'Impact × effort'),
    head: [`${L('impact')} ↓  ${L('effort')} →`, ...efforts.map((e) => (e ? levelLabel(e, 'effort', locale) : notRated))],
    rows: matrixRows,
    empty: t(locale, 'The map has no opportunities.'),
  });
  sections.push({
    key: 'workload',
    heading: t(locale, 'Owners\' workload'),
    head: [L('owner'), t(locale, 'Open opportunities'), L('steps'), L('stages'), L('kpis')],
    rows: ins.workload.map((w) => ({ cells: [w.name ?? w.owner, String(w.opportunities), String(w.steps), String(w.stages), String(w.kpis)] })),
    empty: t(locale, 'No owner is named in the map.'),
    note: ins.unownedOpportunities ? tn(locale, ins.unownedOpportunities, '{0} open opportunity has no owner.', '{0} open opportunities have no owner.') : undefined,
  });
  return { locale, title: t(locale, 'Insights: {0}', view.title), sections };
}

export function renderInsightsMarkdown(map: JourneyMap, options: InsightsRenderOptions): string {
  const v = buildInsightsView(map, options);
  const out: string[] = [`# ${md(v.title)}`, ''];
  for (const s of v.sections) {
    out.push(`## ${md(s.heading)}`, '');
    if (!s.rows.length) out.push(`*${md(s.empty)}*`, '');
    else {
      out.push(`| ${s.head.map(md).join(' | ')} |`, `|${s.head.map(() => '---').join('|')}|`);
      for (const r of s.rows) out.push(`| ${r.cells.map((c) => md(c) || ' ').join(' | ')} |`);
      out.push('');
    }
    if (s.note) out.push(md(s.note), '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

const spanAttrs = (s: Span | undefined) => (s ? ` data-start="${s.start}" data-end="${s.end}"` : '');

/** The insight panel: one table per view; a row that points into the map reveals it when clicked. */
export function renderInsightsHtml(map: JourneyMap, options: InsightsRenderOptions): string {
  const v = buildInsightsView(map, options);
  const section = (s: Section) => `<section class="cjm-insight cjm-insight-${s.key}"><h2>${esc(s.heading)}</h2>`
    + (s.rows.length
      ? `<table class="cjm-insight-table"><thead><tr>${s.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>`
        + s.rows.map((r) => `<tr${r.span ? ` class="cjm-insight-row"${spanAttrs(r.span)} tabindex="0"` : ''}>${r.cells.map((c, i) => (i ? `<td>${esc(c)}</td>` : `<th scope="row">${esc(c)}</th>`)).join('')}</tr>`).join('')
        + '</tbody></table>'
      : `<p class="cjm-insight-empty">${esc(s.empty)}</p>`)
    + (s.note ? `<p class="cjm-insight-note">${esc(s.note)}</p>` : '')
    + '</section>';
  return `<div class="cjm-insights" data-locale="${v.locale}"><h1 class="cjm-insights-title">${esc(v.title)}</h1>${v.sections.map(section).join('')}</div>`;
}

export interface InsightsDocumentOptions extends InsightsRenderOptions {
  readonly css: string;
}

/** A standalone HTML page of the insights: no scripts, the stylesheet inlined. */
export function renderInsightsDocument(map: JourneyMap, options: InsightsDocumentOptions): string {
  const v = buildInsightsView(map, options);
  return '<!DOCTYPE html>\n'
    + `<html lang="${v.locale}"><head><meta charset="utf-8">`
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="cjm">'
    + `<title>${esc(v.title)}</title><style>${options.css.replace(/</g, '\\3c ')}</style></head>`
    + `<body class="cjm-standalone">${renderInsightsHtml(map, options)}</body></html>\n`;
}
