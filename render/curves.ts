/**
 * One emotion curve per persona, for the preview (HTML: themed by CSS), the SVG export and
 * the PNG made from it (fixed colours, light or dark). Kept apart from html.ts and svg.ts so
 * both draw the same curves, markers and legend.
 *
 * A persona is told apart three ways at once, so the curves stay readable for colour-blind
 * readers and in grey-scale print: a colour from the Okabe–Ito palette, a dash pattern and a
 * marker shape.
 */
import { markClass, markData } from './diff-marks';
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
  return view.curves.some((c) => c.persona !== undefined) || !!view.curvesBefore?.some((c) => c.persona !== undefined);
}

/** Markers of different personas on one step sit side by side instead of on top of each other. */
function spread(curve: CurveView, count: number): number {
  return (curve.index - (count - 1) / 2) * 7;
}

const MARKER_R = 12;
/** The old version's markers in a comparison: smaller, so the new one reads first where they meet. */
const BEFORE_R = 8;
/** In a comparison the dash says "before": every persona's old line has it, every new line is solid. */
export const BEFORE_DASH = '7 5';

/**
 * The personas a view's legend lists: the new version's curves, then those only the old
 * version has (a comparison in which a persona was dropped), each once.
 */
export function legendCurves(view: MapView): CurveView[] {
  const out = [...view.curves];
  for (const c of view.curvesBefore ?? []) if (!out.some((o) => o.persona === c.persona)) out.push(c);
  return out;
}

/** How one curve is drawn: alone (a map), or as the old or the new side of a comparison. */
type Role = 'map' | 'before' | 'after';

function styleFor(c: CurveView, role: Role, theme: CurveTheme): SeriesStyle {
  const st = seriesStyle(c.index, theme);
  return role === 'map' ? st : { ...st, dash: role === 'before' ? BEFORE_DASH : '' };
}

/** The curves of a view with their roles, the old version's first so the new one lies on top. */
function drawn(view: MapView): Array<{ curve: CurveView; role: Role }> {
  if (!view.curvesBefore) return view.curves.map((curve) => ({ curve, role: 'map' }));
  return [...view.curvesBefore.map((curve) => ({ curve, role: 'before' as const })), ...view.curves.map((curve) => ({ curve, role: 'after' as const }))];
}

/** Whether an old marker says the same as the new one in its column (the Changes mode hides it). */
function sameAfter(view: MapView, persona: string | undefined, column: number, e: CurveView['points'][number]['emotion']): boolean {
  const now = view.curves.find((c) => c.persona === persona)?.points.find((p) => p.column === column)?.emotion;
  return !!now && now.score === e.score && now.raw === e.raw;
}

/**
 * The persona curves inside the preview's curve `<svg>`: classes carry the colours (the
 * stylesheet themes them), attributes carry the light colours for the standalone export.
 * In a comparison the old curves are dashed and marked `data-side="before"` (media/diff.css).
 */
export function personaCurvesHtml(view: MapView): string {
  const before: string[] = [];
  const out: string[] = [];
  const count = legendCurves(view).length;
  for (const { curve: c, role } of drawn(view)) {
    const st = styleFor(c, role, 'light');
    const points: Point[] = [];
    const markers: string[] = [];
    for (const p of c.points) {
      const x = columnCenter(p.column) + spread(c, count);
      const y = curveY(p.emotion.score ?? 0);
      if (p.emotion.score !== undefined) points.push({ x, y });
      const who = c.name ?? '';
      const mark = view.steps[p.column]?.diff?.cells.emotion;
      const label = `${p.stepName} — ${who}: ${p.emotion.emoji} ${p.emotion.label}`;
      if (role === 'before') {
        markers.push(
          `<g class="cjm-before-marker cjm-persona-marker cjm-valence-${valence(p.emotion.score)}${sameAfter(view, c.persona, p.column, p.emotion) ? ' cjm-same' : ''}"${mark ? markData({ changes: mark.changes }) : ''} data-side="before" data-persona="${esc(c.persona ?? '')}" data-start="${p.emotion.span.start}" data-end="${p.emotion.span.end}" data-score="${p.emotion.score ?? ''}" transform="translate(${r1(x)},${r1(y)})" role="img" aria-label="${esc(label)}">`
          + `<title>${esc(`${p.stepName} — ${who}: ${p.emotion.label}`)}</title>`
          + `<path class="cjm-persona-shape" d="${shapePath(st.shape, BEFORE_R)}" fill="#ffffff" stroke="${st.colour}"/><text class="cjm-emoji cjm-persona-emoji" y="4">${esc(p.emotion.emoji)}</text></g>`,
        );
        continue;
      }
      markers.push(
        `<g class="emotion-marker cjm-persona-marker cjm-valence-${valence(p.emotion.score)}${markClass(mark)}"${markData(mark)} data-step-offset="${p.stepOffset}" data-start="${p.emotion.span.start}" data-end="${p.emotion.span.end}" data-score="${p.emotion.score ?? ''}" transform="translate(${r1(x)},${r1(y)})" tabindex="0" role="img" aria-label="${esc(label)}">`
        + `<title>${esc(`${p.stepName} — ${who}: ${p.emotion.label}`)}</title>`
        + `<path class="cjm-persona-shape" d="${shapePath(st.shape, MARKER_R)}" fill="#ffffff" stroke="${st.colour}"/><text class="cjm-emoji cjm-persona-emoji" y="5">${esc(p.emotion.emoji)}</text></g>`,
      );
    }
    const lineClass = role === 'before' ? 'cjm-curve-line cjm-persona-line cjm-curve-before' : 'cjm-curve-line cjm-persona-line';
    const path = points.length > 1 ? `<path class="${lineClass}" d="${curvePath(points)}" stroke="${st.colour}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>` : '';
    const g = `<g class="cjm-persona-curve${role === 'before' ? ' cjm-persona-before' : ''} cjm-series-${c.index % PERSONA_COLOURS.light.length}" data-persona="${esc(c.persona ?? '')}"${role === 'before' ? ' data-side="before"' : ''}>${path}${markers.join('')}</g>`;
    (role === 'before' ? before : out).push(g);
  }
  return (before.length ? `<g class="cjm-before-curve">${before.join('')}</g>` : '') + out.join('');
}

/** A small sample of a persona's line and marker, for legends. */
function swatch(index: number, theme: CurveTheme, x: number, y: number, bg: string, solid = false): string {
  const st = solid ? { ...seriesStyle(index, theme), dash: '' } : seriesStyle(index, theme);
  return `<line x1="${x}" x2="${x + 28}" y1="${y}" y2="${y}" stroke="${st.colour}" stroke-width="3" stroke-linecap="round"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>`
    + `<path transform="translate(${x + 14},${y})" d="${shapePath(st.shape, 5)}" fill="${bg}" stroke="${st.colour}" stroke-width="2"/>`;
}

/**
 * The legend of the preview and the HTML export: one button per persona, which the
 * preview script turns into the persona filter (docs/preview.md).
 */
export function legendHtml(view: MapView, title: string, all: string): string {
  if (!hasPersonaCurves(view)) return '';
  // In a comparison the dash means "before" (the diff legend says so): a persona's swatch is solid.
  const solid = !!view.curvesBefore;
  const items = legendCurves(view).map((c) => `<li><button type="button" class="cjm-legend-item cjm-series-${c.index % PERSONA_COLOURS.light.length}" data-persona="${esc(c.persona ?? '')}" aria-pressed="false">`
    + `<svg class="cjm-legend-swatch" width="32" height="12" viewBox="0 0 32 12" aria-hidden="true">${swatch(c.index, 'light', 2, 6, '#ffffff', solid)}</svg>`
    + `<span class="cjm-legend-name">${esc(c.name ?? c.persona ?? '')}</span></button></li>`);
  return `<div class="cjm-legend" role="group" aria-label="${esc(title)}"><ul>${items.join('')}</ul>`
    + `<button type="button" class="cjm-legend-all" data-persona="" aria-pressed="true">${esc(all)}</button></div>`;
}

/** The persona curves of the SVG export, at (x0, y0), in fixed colours; in a comparison the old ones dashed under the new. */
export function personaCurvesSvg(view: MapView, x0: number, y0: number, theme: CurveTheme = 'light'): string {
  const bg = theme === 'dark' ? '#0d1117' : '#ffffff';
  const out: string[] = [];
  const count = legendCurves(view).length;
  for (const { curve: c, role } of drawn(view)) {
    const st = styleFor(c, role, theme);
    const points: Point[] = [];
    const markers: string[] = [];
    for (const p of c.points) {
      const x = x0 + columnCenter(p.column) + spread(c, count);
      const y = y0 + curveY(p.emotion.score ?? 0);
      if (p.emotion.score !== undefined) points.push({ x, y });
      if (role === 'before') {
        if (sameAfter(view, c.persona, p.column, p.emotion)) continue;
        markers.push(
          `<g class="before-marker" data-persona="${esc(c.persona ?? '')}" transform="translate(${r1(x)},${r1(y)})"><path d="${shapePath(st.shape, BEFORE_R)}" fill="${bg}" stroke="${st.colour}" stroke-width="1.5" stroke-dasharray="3 2"/>`
          + `<text class="emoji" y="4" text-anchor="middle" style="font-size:10px">${esc(p.emotion.emoji)}</text></g>`,
        );
        continue;
      }
      markers.push(
        `<g class="emotion-marker" data-persona="${esc(c.persona ?? '')}" transform="translate(${r1(x)},${r1(y)})"><path d="${shapePath(st.shape, MARKER_R)}" fill="${bg}" stroke="${st.colour}" stroke-width="2.5"/>`
        + `<text class="emoji" y="5" text-anchor="middle" style="font-size:14px">${esc(p.emotion.emoji)}</text></g>`,
      );
    }
    const width = role === 'before' ? 2 : 3;
    const path = points.length > 1 ? `<path d="${curvePath(points)}" fill="none" stroke="${st.colour}" stroke-width="${width}" stroke-linecap="round"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}${role === 'before' ? ' opacity="0.85"' : ''}/>` : '';
    out.push(`<g class="${role === 'before' ? 'persona-curve-before' : 'persona-curve'}" data-persona="${esc(c.persona ?? '')}">${path}${markers.join('')}</g>`);
  }
  return out.join('');
}

/** The legend of the SVG export, a column of swatches and names starting at (x, y); its height is returned with it. */
export function legendSvg(view: MapView, x: number, y: number, width: number, theme: CurveTheme = 'light'): { svg: string; height: number } {
  if (!hasPersonaCurves(view)) return { svg: '', height: 0 };
  const bg = theme === 'dark' ? '#0d1117' : '#ffffff';
  const fg = theme === 'dark' ? '#e6edf3' : '#1f2328';
  const solid = !!view.curvesBefore;
  const shownCurves = legendCurves(view);
  const rows = shownCurves.map((c, i) => {
    const yy = y + i * 18;
    const name = c.name ?? c.persona ?? '';
    // The label column is narrow: long names are cut, the full name is the curve's title.
    const shown = name.length > Math.floor((width - 38) / 6.5) ? `${name.slice(0, Math.max(1, Math.floor((width - 38) / 6.5) - 1))}…` : name;
    return `<g class="legend-item" data-persona="${esc(c.persona ?? '')}">${swatch(c.index, theme, x, yy, bg, solid)}<text x="${x + 36}" y="${yy + 4}" class="badge" style="fill:${fg}">${esc(shown)}</text></g>`;
  });
  return { svg: rows.join(''), height: shownCurves.length * 18 };
}
