/**
 * Sizes shared by the HTML and SVG renderers, and the emotion curve's geometry: both draw
 * the curve with the same function, so the preview and the exported picture match.
 */
import { VALENCE_MAX, VALENCE_MIN } from '@cjm/core';

export const COLUMN_WIDTH = 208;
export const LABEL_WIDTH = 156;
export const CURVE_HEIGHT = 150;
/** room above +3 and below −3 for the emoji markers */
export const CURVE_PAD = 24;

export function curveY(score: number, height = CURVE_HEIGHT): number {
  const s = Math.max(VALENCE_MIN, Math.min(VALENCE_MAX, score));
  const inner = height - 2 * CURVE_PAD;
  return CURVE_PAD + ((VALENCE_MAX - s) / (VALENCE_MAX - VALENCE_MIN)) * inner;
}

export function columnCenter(column: number, width = COLUMN_WIDTH): number {
  return column * width + width / 2;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

const r = (n: number) => Math.round(n * 10) / 10;

/**
 * A smooth path through the points (Catmull–Rom turned into cubic Béziers), with the control
 * points' y clamped between their neighbours so the line never overshoots a peak or a trough.
 */
export function curvePath(points: readonly Point[]): string {
  if (!points.length) return '';
  if (points.length === 1) return `M${r(points[0].x)},${r(points[0].y)}`;
  let d = `M${r(points[0].x)},${r(points[0].y)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)];
    const p1 = points[i];
    const p2 = points[i + 1];
    const p3 = points[Math.min(points.length - 1, i + 2)];
    const lo = Math.min(p1.y, p2.y);
    const hi = Math.max(p1.y, p2.y);
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: Math.max(lo, Math.min(hi, p1.y + (p2.y - p0.y) / 6)) };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: Math.max(lo, Math.min(hi, p2.y - (p3.y - p1.y) / 6)) };
    d += ` C${r(c1.x)},${r(c1.y)} ${r(c2.x)},${r(c2.y)} ${r(p2.x)},${r(p2.y)}`;
  }
  return d;
}

/** `positive`, `neutral`, `negative`: the class and colour family of a score. */
export function valence(score: number | undefined): 'positive' | 'neutral' | 'negative' | 'unknown' {
  if (score === undefined) return 'unknown';
  return score > 0.25 ? 'positive' : score < -0.25 ? 'negative' : 'neutral';
}

/** Fixed colours for exports, which must look the same whatever the editor's theme. */
export const LIGHT = {
  positive: '#1a7f37',
  neutral: '#9a6700',
  negative: '#cf222e',
  unknown: '#6e7781',
};

/** The same families for a dark picture (a slide deck with a dark background). */
export const DARK = {
  positive: '#3fb950',
  neutral: '#d29922',
  negative: '#f85149',
  unknown: '#9198a1',
};
