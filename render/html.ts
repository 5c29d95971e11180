/**
 * Map → HTML: the fragment the preview shows and the body of the standalone export. Pure
 * string building (no DOM), so it runs in the extension host, the CLI and tests alike.
 *
 * The DOM contract (class names, data attributes) is documented in docs/preview.md; the
 * webview script, the VS Code tests and users' own CSS rely on it.
 */
import type { JourneyMap, Level, Locale, Span } from '@cjm/core';
import { escapeHtml as esc } from './escape';
import { CURVE_HEIGHT, COLUMN_WIDTH, LABEL_WIDTH, Point, columnCenter, curvePath, curveY, valence } from './geometry';
import { extraLabel, label, levelLabel } from './labels';
import { buildView } from './layout';
import type { Item, LaneKey, LaneView, MapView, PersonaView, StageView, StepView } from './view';
import { hasPersonaCurves, legendHtml, personaCurvesHtml } from './curves';
import { t } from '@cjm/core';
import { beforeCurveSvg, itemMarkClass, itemMarkData, markClass, markData, nameHtml, noteHtml, partMark } from './diff-marks';

export interface HtmlOptions {
  /** the language of the labels around the author's text */
  readonly locale: Locale;
  /** the language the map is written in (`mapLanguage`): built-in stage and emotion names follow it */
  readonly language?: Locale;
}

const spanAttrs = (s: Span | undefined) => (s ? ` data-start="${s.start}" data-end="${s.end}"` : '');

function badge(b: Item['badges'][number]): string {
  return `<span class="cjm-badge cjm-badge-${esc(b.kind)}${b.level ? ` cjm-level-${b.level}` : ''}">${esc(b.text)}</span>`;
}

function itemHtml(it: Item, cls = ''): string {
  const tone = it.tone ? ` cjm-${it.tone}` : '';
  const icon = it.icon ? `<span class="cjm-icon" aria-hidden="true">${esc(it.icon)}</span>` : '';
  const text = it.text
    ? it.href
      ? `<a class="cjm-link" href="${esc(it.href)}" data-href="${esc(it.href)}" rel="noopener noreferrer">${esc(it.text)}</a>`
      : `<span class="cjm-text">${esc(it.text)}</span>`
    : '';
  const badges = it.badges.length ? `<span class="cjm-badges">${it.badges.map(badge).join('')}</span>` : '';
  const experiment = it.experiment?.length ? `<ul class="cjm-experiment">${it.experiment.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '';
  const notes = it.notes?.length ? `<span class="cjm-item-notes">${it.notes.map((n) => `<span class="cjm-item-note">${esc(n)}</span>`).join('')}</span>` : '';
  return `<li class="cjm-item${tone}${cls}${itemMarkClass(it)}"${spanAttrs(it.span)}${itemMarkData(it)}>${icon}${text}${it.trend ? sparklineSvg(it.trend) : ''}${badges}${experiment}${notes}</li>`;
}

/** A KPI's history as a small line: the shape of the trend, with each point's date and value as its tooltip. */
export function sparklineSvg(trend: NonNullable<Item['trend']>, width = 72, height = 18): string {
  const { values, labels } = trend;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (i: number) => Math.round((2 + (i * (width - 4)) / (values.length - 1)) * 10) / 10;
  const y = (v: number) => Math.round((hi === lo ? height / 2 : 2 + ((hi - v) / (hi - lo)) * (height - 4)) * 10) / 10;
  const d = values.map((v, i) => `${i ? 'L' : 'M'}${x(i)},${y(v)}`).join(' ');
  const last = values.length - 1;
  return `<svg class="cjm-sparkline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(labels.join('; '))}"><title>${esc(labels.join('\n'))}</title>`
    + `<path d="${d}" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/><circle cx="${x(last)}" cy="${y(values[last])}" r="2.5" fill="currentColor"/></svg>`;
}

function list(items: readonly Item[], cls = 'cjm-items'): string {
  return items.length ? `<ul class="${cls}">${items.map((i) => itemHtml(i)).join('')}</ul>` : '';
}

function critBadge(level: Level | undefined, locale: Locale): string {
  if (!level) return '';
  return `<span class="cjm-crit cjm-crit-${level}" title="${esc(label('criticality', locale))}">${esc(`${label('criticality', locale)}: ${levelLabel(level, 'criticality', locale)}`)}</span>`;
}

function personaCard(p: PersonaView, locale: Locale): string {
  const section = (key: 'personaGoals' | 'personaNeeds' | 'personaFrustrations', items: readonly Item[]) =>
    items.length ? `<div class="cjm-persona-part cjm-persona-${key.slice(7).toLowerCase()}"><h3>${esc(label(key, locale))}</h3>${list(items)}</div>` : '';
  const part = (cls: string, heading: string, items: readonly Item[]) =>
    items.length ? `<div class="cjm-persona-part cjm-persona-${cls}"><h3>${esc(heading)}</h3>${list(items)}</div>` : '';
  return `<section class="cjm-persona${p.primary ? ' cjm-primary' : ''}"${p.id ? ` data-persona-id="${esc(p.id)}"` : ''}${spanAttrs(p.span)}>`
    + `<h2 class="cjm-persona-name"><span class="cjm-avatar" aria-hidden="true">${esc(initials(p.name))}</span>${esc(p.name)}</h2>`
    + (p.quote ? `<blockquote class="cjm-persona-quote"${spanAttrs(p.quote.span)}>${esc(p.quote.text)}</blockquote>` : '')
    + list(p.description, 'cjm-items cjm-persona-description')
    + part('motivation', t(locale, 'Motivation'), p.motivation)
    + section('personaGoals', p.goals) + section('personaNeeds', p.needs)
    + part('expectations', t(locale, 'Expectations'), p.expectations)
    + section('personaFrustrations', p.frustrations)
    + '</section>';
}

function initials(name: string): string {
  const words = name.split(',')[0].split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  return words.slice(0, 2).map((w) => [...w][0].toUpperCase()).join('') || '•';
}

function stageClasses(s: StageView | undefined, extra = ''): string {
  if (!s) return extra;
  return `cjm-stage-${s.index % 2 ? 'odd' : 'even'}${extra}`;
}

function stepAttrs(st: StepView, stage: StageView | undefined, lane?: LaneKey): string {
  const first = stage && stage.firstColumn === st.column ? ' cjm-stage-first' : '';
  const mark = lane ? partMark(st.diff, st.diff?.cells[lane]) : undefined;
  return ` class="cjm-cell ${stageClasses(stage, first)}${st.criticality ? ` cjm-crit-col-${st.criticality}` : ''}${markClass(mark)}" data-step-offset="${st.span.start}"${stage?.id ? ` data-stage-id="${esc(stage.id)}"` : ''}${markData(mark)}`;
}

/** The single curve's `<svg>` up to its line and markers (the part every stage shares). */
function curveOpen(view: MapView): string {
  const n = view.steps.length;
  const width = n * COLUMN_WIDTH;
  const h = CURVE_HEIGHT;
  const grid: string[] = [];
  for (let s = -3; s <= 3; s++) grid.push(`<line class="cjm-grid-line${s === 0 ? ' cjm-zero' : ''}" x1="0" x2="${width}" y1="${curveY(s)}" y2="${curveY(s)}"/>`);
  for (const st of view.stages.slice(1)) {
    const x = st.firstColumn * COLUMN_WIDTH;
    grid.push(`<line class="cjm-stage-line" x1="${x}" x2="${x}" y1="0" y2="${h}"/>`);
  }
  if (hasPersonaCurves(view)) {
    return `<svg class="cjm-curve cjm-curve-personas" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" xmlns="http://www.w3.org/2000/svg">${grid.join('')}${personaCurvesHtml(view)}`;
  }
  const gradient = `<defs><linearGradient id="cjm-curve-gradient" gradientUnits="userSpaceOnUse" x1="0" x2="0" y1="${curveY(3)}" y2="${curveY(-3)}">`
    + '<stop offset="0" class="cjm-stop-positive"/><stop offset="0.5" class="cjm-stop-neutral"/><stop offset="1" class="cjm-stop-negative"/></linearGradient></defs>';
  return `<svg class="cjm-curve" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" xmlns="http://www.w3.org/2000/svg">${gradient}${grid.join('')}${beforeCurveSvg(view)}`;
}

/** The single curve's line through every step with an understood emotion. */
function curveLine(view: MapView): string {
  const points: Point[] = [];
  for (const st of view.steps) {
    const e = st.emotion;
    if (e && e.score !== undefined) points.push({ x: columnCenter(st.column), y: curveY(e.score) });
  }
  return points.length > 1 ? `<path class="cjm-curve-line" d="${curvePath(points)}" stroke="url(#cjm-curve-gradient)"/>` : '';
}

function markerHtml(st: StepView): string {
  const e = st.emotion;
  if (!e) return '';
  const h = CURVE_HEIGHT;
  const x = columnCenter(st.column);
  const y = curveY(e.score ?? 0);
  const v = valence(e.score);
  const mark = st.diff?.cells.emotion;
  return `<g class="emotion-marker cjm-valence-${v}${markClass(mark)}"${markData(mark)} data-step-offset="${st.span.start}"${spanAttrs(e.span)} data-score="${e.score ?? ''}" transform="translate(${x},${Math.round(y * 10) / 10})" tabindex="0" role="img" aria-label="${esc(`${st.name}: ${e.emoji} ${e.label}`)}">`
    + `<title>${esc(`${st.name}: ${e.label}`)}</title><circle r="15"/><text class="cjm-emoji" y="6">${esc(e.emoji)}</text>`
    + `<text class="cjm-score-label" y="${y > h / 2 ? -22 : 30}">${esc(e.label)}</text></g>`;
}

function scaleSvg(): string {
  const ticks = [3, 0, -3].map((s) => `<text x="30" y="${curveY(s) + 4}" class="cjm-scale-${s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral'}">${s > 0 ? '+' : s < 0 ? '−' : ''}${Math.abs(s)}</text>`);
  return `<svg class="cjm-scale" width="34" height="${CURVE_HEIGHT}" viewBox="0 0 34 ${CURVE_HEIGHT}" aria-hidden="true">${ticks.join('')}</svg>`;
}

function laneHead(view: MapView, lane: LaneView): string {
  const vis = view.lineOfVisibility && lane.key === 'backstage' ? ' cjm-below-visibility' : '';
  return `<tr class="cjm-lane cjm-lane-${lane.key.startsWith('lane:') ? 'custom' : lane.key}${vis}" data-lane="${esc(lane.key)}">`
    + `<th class="cjm-lane-label" scope="row"${spanAttrs(lane.span)}><span class="cjm-lane-name">${esc(lane.label)}</span>`
    + (lane.description ? `<span class="cjm-lane-description">${esc(lane.description)}</span>` : '')
    + (vis ? `<span class="cjm-visibility-label">${esc(label('lineOfVisibility', view.locale))}</span>` : '')
    + (lane.key === 'emotion' ? scaleSvg() + legendHtml(view, t(view.locale, 'Personas on the curve'), t(view.locale, 'All personas')) : '') + '</th>';
}

function stageRowHead(view: MapView, key: 'stageOpportunities' | 'stageKpis'): string {
  return `<tr class="cjm-lane cjm-lane-${key === 'stageKpis' ? 'stage-kpis' : 'stage-opportunities'}" data-lane="${key === 'stageKpis' ? 'stage-kpis' : 'stage-opportunities'}"><th class="cjm-lane-label" scope="row"><span class="cjm-lane-name">${esc(label(key, view.locale))}</span></th>`;
}

/**
 * What one stage contributes to one row of the grid. The grid is drawn row by row, so a stage
 * shows in many places: its header, its step headers, its cells of each lane, its cells of the
 * stage-level rows and its markers on the curve. Each piece depends on the stage's view (its
 * index, first column and spans included) and the labels' language only, which is what lets the
 * preview keep the pieces of stages an edit did not touch (client/src/preview/renderer.ts).
 */
export type StagePiece = 'head' | 'steps' | 'markers' | 'stageOpportunities' | 'stageKpis' | `cells:${LaneKey}`;

/** A place in the grid where each stage's piece goes, in stage order. */
export interface StageSlot {
  readonly piece: StagePiece;
}

export function stagePieceHtml(locale: Locale, s: StageView, steps: readonly StepView[], piece: StagePiece): string {
  switch (piece) {
    case 'head': {
      const meta = critBadge(s.criticality, locale) + (s.owner ? `<span class="cjm-badge cjm-badge-owner">${esc(s.owner)}</span>` : '');
      return `<th class="cjm-stage ${stageClasses(s, ' cjm-stage-first')}${s.criticality ? ` cjm-crit-${s.criticality}` : ''}${markClass(s.diff)}" colspan="${s.columns}" scope="colgroup"${s.id ? ` data-stage-id="${esc(s.id)}"` : ''} data-stage-index="${s.index}"${spanAttrs(s.span)}${markData(s.diff)}>`
        + `<div class="cjm-stage-head"><span class="cjm-stage-number">${s.index + 1}</span><span class="cjm-stage-name">${nameHtml(s.name, s.diff)}</span>${meta}</div>${noteHtml(s.diff)}`
        + list(s.description, 'cjm-items cjm-stage-description') + list(s.goals, 'cjm-items cjm-stage-goals') + list(s.expectations, 'cjm-items cjm-stage-expectations')
        + list(s.notes ?? [], 'cjm-items cjm-stage-notes')
        + '</th>';
    }
    case 'steps':
      return steps.map((st) => {
        const cls = `cjm-step ${stageClasses(s, s.firstColumn === st.column ? ' cjm-stage-first' : '')}${st.placeholder ? ' cjm-placeholder' : ''}${st.criticality ? ` cjm-crit-${st.criticality}` : ''}${markClass(st.diff)}`;
        return `<th class="${cls}" scope="col" data-step-offset="${st.span.start}"${st.id ? ` data-step-id="${esc(st.id)}"` : ''}${s.id ? ` data-stage-id="${esc(s.id)}"` : ''}${spanAttrs(st.span)}${markData(st.diff)}>`
          + `<span class="cjm-step-name">${nameHtml(st.name, st.diff)}</span>${noteHtml(st.diff)}`
          + critBadge(st.criticality, locale)
          + (st.persona ? `<span class="cjm-badge cjm-badge-persona">${esc(st.persona)}</span>` : '')
          + '</th>';
      }).join('');
    case 'markers':
      return steps.map(markerHtml).join('');
    case 'stageOpportunities':
    case 'stageKpis': {
      const mark = partMark(s.diff, s.diff?.rows[piece]);
      return `<td class="cjm-cell cjm-stage-cell ${stageClasses(s, ' cjm-stage-first')}${markClass(mark)}" colspan="${s.columns}"${s.id ? ` data-stage-id="${esc(s.id)}"` : ''} data-lane="${piece}"${markData(mark)}>${list(piece === 'stageKpis' ? s.kpis : s.opportunities)}</td>`;
    }
    default: {
      const lane = piece.slice(6) as LaneKey;
      return steps.map((st) => `<td${stepAttrs(st, s, lane)} data-lane="${esc(lane)}">${list(st.cells[lane] ?? [])}</td>`).join('');
    }
  }
}

/** The steps (columns) of stage `s` in the view. */
export function stageSteps(view: MapView, s: StageView): readonly StepView[] {
  return view.steps.slice(s.firstColumn, s.firstColumn + s.columns);
}

/**
 * The grid as a sequence of the map's own strings and slots that every stage fills with its
 * piece, in order. renderGrid joins them; the preview's renderer fills the slots from a cache.
 */
export function gridTokens(view: MapView): Array<string | StageSlot> {
  const n = view.steps.length;
  const width = LABEL_WIDTH + n * COLUMN_WIDTH;
  const out: Array<string | StageSlot> = [];
  const slot = (piece: StagePiece) => out.push({ piece });
  out.push(`<table class="cjm-grid" width="${width}"><colgroup><col class="cjm-col-label" width="${LABEL_WIDTH}">${view.steps.map(() => `<col class="cjm-col-step" width="${COLUMN_WIDTH}">`).join('')}</colgroup>`
    + `<thead><tr class="cjm-row-stages"><th class="cjm-corner cjm-lane-label" scope="col"><span class="cjm-lane-name">${esc(label('stages', view.locale))}</span></th>`);
  slot('head');
  out.push(`</tr><tr class="cjm-row-steps"><th class="cjm-lane-label" scope="row"><span class="cjm-lane-name">${esc(label('steps', view.locale))}</span></th>`);
  slot('steps');
  out.push('</tr></thead><tbody>');
  const stageRow = (key: 'stageOpportunities' | 'stageKpis') => {
    out.push(stageRowHead(view, key));
    slot(key);
    out.push('</tr>');
  };
  for (const lane of view.lanes) {
    out.push(laneHead(view, lane));
    if (lane.key === 'emotion') {
      out.push(`<td class="cjm-curve-cell" colspan="${n}">${curveOpen(view)}`);
      if (!hasPersonaCurves(view)) {
        out.push(curveLine(view));
        slot('markers');
      }
      out.push('</svg></td></tr>');
    } else {
      slot(`cells:${lane.key}`);
      out.push('</tr>');
    }
    if (lane.key === 'opportunities' && view.hasStageOpportunities) stageRow('stageOpportunities');
    if (lane.key === 'kpis' && view.hasStageKpis) stageRow('stageKpis');
  }
  if (view.hasStageOpportunities && !view.lanes.some((l) => l.key === 'opportunities')) stageRow('stageOpportunities');
  if (view.hasStageKpis && !view.lanes.some((l) => l.key === 'kpis')) stageRow('stageKpis');
  out.push('</tbody></table>');
  return out;
}

function fill(view: MapView, tokens: ReadonlyArray<string | StageSlot>): string {
  return tokens.map((tk) => (typeof tk === 'string' ? tk : view.stages.map((s) => stagePieceHtml(view.locale, s, stageSteps(view, s), tk.piece)).join(''))).join('');
}

export function renderGrid(view: MapView): string {
  return fill(view, gridTokens(view));
}

function footer(view: MapView): string {
  const box = (key: 'journeyKpis' | 'backlog' | 'sources' | 'channels' | 'notes' | 'teams', items: readonly Item[]) =>
    items.length ? `<section class="cjm-footer-box cjm-footer-${key}"><h2>${esc(key === 'teams' ? extraLabel('teams', view.locale) : label(key, view.locale))}</h2>${list(items)}</section>` : '';
  const inner = box('journeyKpis', view.journeyKpis) + box('backlog', view.backlog) + box('channels', view.channels) + box('sources', view.sources)
    + box('teams', view.teams ?? []) + box('notes', view.notes);
  return inner ? `<footer class="cjm-footer">${inner}</footer>` : '';
}

/** The whole fragment as tokens (see gridTokens): the header and footer are the map's own strings. */
export function viewTokens(view: MapView): Array<string | StageSlot> {
  const header = `<header class="cjm-header">`
    + `<div class="cjm-title-row"><h1 class="cjm-title"${spanAttrs(view.titleSpan)}>${esc(view.title)}</h1>`
    + (view.kindLabel ? `<span class="cjm-kind cjm-kind-${esc(view.kind ?? '')}">${esc(view.kindLabel)}</span>` : '') + '</div>'
    + list(view.description, 'cjm-items cjm-description')
    + (view.personas.length ? `<div class="cjm-personas" aria-label="${esc(label('personas', view.locale))}">${view.personas.map((p) => personaCard(p, view.locale)).join('')}</div>` : '')
    + '</header>';
  return [
    `<div class="cjm-map" data-cjm-root="" data-locale="${view.locale}"${view.kind ? ` data-kind="${esc(view.kind)}"` : ''} data-steps="${view.steps.length}" data-stages="${view.stages.length}">`
      + header + '<div class="cjm-grid-scroll">',
    ...gridTokens(view),
    '</div>' + footer(view) + '</div>',
  ];
}

export function renderViewHtml(view: MapView): string {
  return fill(view, viewTokens(view));
}

/** The map as an HTML fragment (what the preview shows). */
export function renderMapHtml(map: JourneyMap, options: HtmlOptions): string {
  return renderViewHtml(buildView(map, options.locale, options.language));
}

export interface DocumentOptions extends HtmlOptions {
  /** the stylesheet to inline (media/preview.css); its fallbacks give the light export theme */
  readonly css: string;
}

/**
 * A standalone HTML file: no scripts at all, a CSP that forbids them, and the stylesheet
 * inlined, so it opens offline, in a mail client, or from a file share.
 */
export function renderStandaloneHtml(map: JourneyMap, options: DocumentOptions): string {
  const view = buildView(map, options.locale, options.language);
  return '<!DOCTYPE html>\n'
    + `<html lang="${view.locale}"><head><meta charset="utf-8">`
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<meta name="generator" content="cjm">`
    // CSS never needs a literal `<`; escaping it means no stylesheet can close the <style>.
    + `<title>${esc(view.title)}</title><style>${options.css.replace(/</g, '\\3c ')}</style></head>`
    + `<body class="cjm-standalone">${renderViewHtml(view)}</body></html>\n`;
}
