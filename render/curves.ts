/**
 * One emotion curve per persona, for the preview (HTML: themed by CSS), the SVG export and
 * the PNG made from it (fixed colours, light or dark). Kept apart from html.ts and svg.ts so
 * both draw the same curves, markers and legend.
 *
 * A persona is told apart three ways at once, so the curves stay readable for colour-blind
 * readers and in grey-scale print: a colour from the Okabe–Ito palette, a dash pattern and a
 * marker shape.
 */
import { escapeHtml as esc } from './escape';
import { Point, columnCenter, curvePath, curveY, valence } from './geometry';
import type { CurveView, MapView } from './view';

export type CurveTheme = 'light' | 'dark';

/** Okabe & Ito's colour-blind safe palette, tuned per background for contrast. */
export const PERSONA_COLOURS: Readonly<Record<CurveTheme, readonly string[]>> = {
  light: ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8a6d00', '#3a8fc4', '#57606a'],
  dark: ['#56b4e9', '#f0a04b', '#2fc79a', '#e69ac8', '#f0e442', '#9fd3f5', '#c9d1d9'],
};

/** Dash patterns, in the same order: the first persona's line is solid. */
export const PERSONA_DASHES: readonly string[] = ['', '9 5', '2 5', '12 4 3 4', '5 3', '1 3', '16 6'];

export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'triangle-down' | 'hexagon' | 'star';
export const PERSONA_SHAPES: readonly MarkerShape[] = ['circle', 'square', 'diamond', 'triangle', 'triangle-down', 'hexagon', 'star'];

export interface SeriesStyle {
  readonly colour: string;
  readonly dash: string;
  readonly shape: MarkerShape;
}

export function seriesStyle(index: number, theme: CurveTheme = 'light'): SeriesStyle {
  const n = (list: readonly unknown[]) => ((index % list.length) + list.length) % list.length;
  return { colour: PERSONA_COLOURS[theme][n(PERSONA_COLOURS[theme])], dash: PERSONA_DASHES[n(PERSONA_DASHES)], shape: PERSONA_SHAPES[n(PERSONA_SHAPES)] };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** A closed outline of `shape` around (0,0), about `r` across its middle. */
export function shapePath(shape: MarkerShape, r: number): string {
  const poly = (pts: ReadonlyArray<readonly [number, number]>) => `M${pts.map(([x, y]) => `${r1(x)},${r1(y)}`).join(' L')} Z`;
  const around = (n: number, rot: number, radius = r) => Array.from({ length: n }, (_, i) => {
    const a = rot + (i * 2 * Math.PI) / n;
    return [radius * Math.cos(a), radius * Math.sin(a)] as const;
  });
  switch (shape) {
    case 'circle':
      return `M${-r},0 A${r},${r} 0 1 0 ${r},0 A${r},${r} 0 1 0 ${-r},0 Z`;
    case 'square':
      return poly([[-r * 0.9, -r * 0.9], [r * 0.9, -r * 0.9], [r * 0.9, r * 0.9], [-r * 0.9, r * 0.9]]);
    case 'diamond':
      return poly(around(4, -Math.PI / 2, r * 1.25));
    case 'triangle':
      return poly(around(3, -Math.PI / 2, r * 1.35));
    case 'triangle-down':
      return poly(around(3, Math.PI / 2, r * 1.35));
    case 'hexagon':
      return poly(around(6, 0, r * 1.1));
    case 'star':
      return poly(around(10, -Math.PI / 2).map(([x, y], i) => (i % 2 ? [x * 0.55, y * 0.55] as const : [x * 1.3, y * 1.3] as const)));
  }
}

/** Whether the view draws one curve per persona (else the one curve, as html.ts and svg.ts always did). */
export function hasPersonaCurves(view: MapView): boolean {
  return view.curves.some((c) => c.persona !== undefined);
}

/** Markers of different personas on one step sit side by side instead of on top of each other. */
function spread(curve: CurveView, count: number): number {
  return (curve.index - (count - 1) / 2) * 7;
}

const MARKER_R = 12;

/**
 * The persona curves inside the preview's curve `<svg>`: classes carry the colours (the
 * stylesheet themes them), attributes carry the light colours for the standalone export.
 */
export function personaCurvesHtml(view: MapView): string {
  const out: string[] = [];
  const count = view.curves.length;
  for (const c of view.curves) {
    const st = seriesStyle(c.index, 'light');
    const points: Point[] = [];
    const markers: string[] = [];
    for (const p of c.points) {
      const x = columnCenter(p.column) + spread(c, count);
      const y = curveY(p.emotion.score ?? 0);
      if (p.emotion.score !== undefined) points.push({ x, y });
      const who = c.name ?? '';
      markers.push(
        `<g class="emotion-marker cjm-persona-marker cjm-valence-${valence(p.emotion.score)}" data-step-offset="${p.stepOffset}" data-start="${p.emotion.span.start}" data-end="${p.emotion.span.end}" data-score="${p.emotion.score ?? ''}" transform="translate(${r1(x)},${r1(y)})" tabindex="0" role="img" aria-label="${esc(`${p.stepName} — ${who}: ${p.emotion.emoji} ${p.emotion.label}`)}">`
        + `<title>${esc(`${p.stepName} — ${who}: ${p.emotion.label}`)}</title>`
        + `<path class="cjm-persona-shape" d="${shapePath(st.shape, MARKER_R)}" fill="#ffffff" stroke="${st.colour}"/><text class="cjm-emoji cjm-persona-emoji" y="5">${esc(p.emotion.emoji)}</text></g>`,
      );
    }
    const path = points.length > 1 ? `<path class="cjm-curve-line cjm-persona-line" d="${curvePath(points)}" stroke="${st.colour}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>` : '';
    out.push(`<g class="cjm-persona-curve cjm-series-${c.index % PERSONA_COLOURS.light.length}" data-persona="${esc(c.persona ?? '')}">${path}${markers.join('')}</g>`);
  }
  return out.join('');
}

/** A small sample of a persona's line and marker, for legends. */
function swatch(index: number, theme: CurveTheme, x: number, y: number, bg: string): string {
  const st = seriesStyle(index, theme);
  return `<line x1="${x}" x2="${x + 28}" y1="${y}" y2="${y}" stroke="${st.colour}" stroke-width="3" stroke-linecap="round"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>`
    + `<path transform="translate(${x + 14},${y})" d="${shapePath(st.shape, 5)}" fill="${bg}" stroke="${st.colour}" stroke-width="2"/>`;
}

/**
 * The legend of the preview and the HTML export: one button per persona, which the
 * preview script turns into the persona filter (docs/preview.md).
 */
export function legendHtml(view: MapView, title: string, all: string): string {
  if (!hasPersonaCurves(view)) return '';
  const items = view.curves.map((c) => `<li><button type="button" class="cjm-legend-item cjm-series-${c.index % PERSONA_COLOURS.light.length}" data-persona="${esc(c.persona ?? '')}" aria-pressed="false">`
    + `<svg class="cjm-legend-swatch" width="32" height="12" viewBox="0 0 32 12" aria-hidden="true">${swatch(c.index, 'light', 2, 6, '#ffffff')}</svg>`
    + `<span class="cjm-legend-name">${esc(c.name ?? c.persona ?? '')}</span></button></li>`);
  return `<div class="cjm-legend" role="group" aria-label="${esc(title)}"><ul>${items.join('')}</ul>`
    + `<button type="button" class="cjm-legend-all" data-persona="" aria-pressed="true">${esc(all)}</button></div>`;
}

/** The persona curves of the SVG export, at (x0, y0), in fixed colours. */
export function personaCurvesSvg(view: MapView, x0: number, y0: number, theme: CurveTheme = 'light'): string {
  const bg = theme === 'dark' ? '#0d1117' : '#ffffff';
  const out: string[] = [];
  const count = view.curves.length;
  for (const c of view.curves) {
    const st = seriesStyle(c.index, theme);
    const points: Point[] = [];
    const markers: string[] = [];
    for (const p of c.points) {
      const x = x0 + columnCenter(p.column) + spread(c, count);
      const y = y0 + curveY(p.emotion.score ?? 0);
      if (p.emotion.score !== undefined) points.push({ x, y });
      markers.push(
        `<g class="emotion-marker" data-persona="${esc(c.persona ?? '')}" transform="translate(${r1(x)},${r1(y)})"><path d="${shapePath(st.shape, MARKER_R)}" fill="${bg}" stroke="${st.colour}" stroke-width="2.5"/>`
        + `<text class="emoji" y="5" text-anchor="middle" style="font-size:14px">${esc(p.emotion.emoji)}</text></g>`,
      );
    }
    const path = points.length > 1 ? `<path d="${curvePath(points)}" fill="none" stroke="${st.colour}" stroke-width="3" stroke-linecap="round"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>` : '';
    out.push(`<g class="persona-curve" data-persona="${esc(c.persona ?? '')}">${path}${markers.join('')}</g>`);
  }
  return out.join('');
}

/** The legend of the SVG export, a column of swatches and names starting at (x, y); its height is returned with it. */
export function legendSvg(view: MapView, x: number, y: number, width: number, theme: CurveTheme = 'light'): { svg: string; height: number } {
  if (!hasPersonaCurves(view)) return { svg: '', height: 0 };
  const bg = theme === 'dark' ? '#0d1117' : '#ffffff';
  const fg = theme === 'dark' ? '#e6edf3' : '#1f2328';
  const rows = view.curves.map((c, i) => {
    const yy = y + i * 18;
    const name = c.name ?? c.persona ?? '';
    // The label column is narrow: long names are cut, the full name is the curve's title.
    const shown = name.length > Math.floor((width - 38) / 6.5) ? `${name.slice(0, Math.max(1, Math.floor((width - 38) / 6.5) - 1))}…` : name;
    return `<g class="legend-item" data-persona="${esc(c.persona ?? '')}">${swatch(c.index, theme, x, yy, bg)}<text x="${x + 36}" y="${yy + 4}" class="badge" style="fill:${fg}">${esc(shown)}</text></g>`;
  });
  return { svg: rows.join(''), height: view.curves.length * 18 };
}
