/**
 * What the visual diff adds to the map's DOM: the marks a laid-out view may carry (set only by
 * diff-view.ts; a plain preview has none, and then every helper here returns '') and the
 * attributes and fragments html.ts emits for them. Keeping them here keeps html.ts the one
 * grid renderer for the preview and the diff alike.
 *
 * DOM contract (docs/review.md, "In VS Code"): a marked element has the class
 * `cjm-diff-<status>` and `data-change="<i> <j>…"` (indices into MapDiff.changes, so
 * `[data-change~="3"]` finds change 3); an element that exists only in the old version has
 * `data-side="before"` (its data-start/data-end are offsets into the old text).
 */
import { escapeHtml as esc } from './escape';
import { CURVE_HEIGHT, Point, columnCenter, curvePath, curveY, valence } from './geometry';
import type { DiffMark, EmotionView, Item, MapView, StepDiffMark, StepView } from './view';

export function markClass(m: DiffMark | undefined): string {
  if (!m) return '';
  const status = m.status ?? (m.changes.length ? 'changed' : undefined);
  return (status ? ` cjm-diff-${status}` : '') + (m.only ? ` cjm-only-${m.only}` : '');
}

/** A cell's or row's mark: its own, on top of what its whole column or stage is (added, removed…). */
export function partMark(whole: DiffMark | undefined, own: DiffMark | undefined): DiffMark | undefined {
  if (!whole) return own;
  return { status: whole.status === 'changed' ? undefined : whole.status, only: whole.only, ...own, changes: own?.changes ?? [] };
}

export function markData(m: DiffMark | undefined): string {
  if (!m) return '';
  return (m.changes.length ? ` data-change="${m.changes.join(' ')}"` : '') + (m.only === 'before' ? ' data-side="before"' : '');
}

export function itemMarkClass(it: Item): string {
  return it.diff ? ` cjm-diff-${it.diff} cjm-only-${it.diff === 'added' ? 'after' : 'before'}` : '';
}

export function itemMarkData(it: Item): string {
  return it.diff === 'removed' ? ' data-side="before"' : '';
}

/** The name of a stage or step, with its old name struck through before it when it was renamed. */
export function nameHtml(name: string, m: DiffMark | undefined): string {
  if (!m?.before || m.before === name) return esc(name);
  return `<del class="cjm-diff-was">${esc(m.before)}</del><span class="cjm-diff-arrow" aria-hidden="true"> → </span><ins class="cjm-diff-now">${esc(name)}</ins>`;
}

export function noteHtml(m: DiffMark | undefined): string {
  return m?.note ? `<span class="cjm-diff-note">${esc(m.note)}</span>` : '';
}

/** The old emotion curve (dashed) and its markers, under the new one. */
export function beforeCurveSvg(view: MapView): string {
  const steps = view.steps.filter((s): s is StepView & { diff: StepDiffMark & { emotionBefore: EmotionView } } => !!s.diff?.emotionBefore);
  if (!steps.length) return '';
  const points: Point[] = [];
  const markers: string[] = [];
  const h = CURVE_HEIGHT;
  for (const st of steps) {
    const e = st.diff.emotionBefore;
    const x = columnCenter(st.column);
    const y = curveY(e.score ?? 0);
    if (e.score !== undefined) points.push({ x, y });
    const same = st.emotion?.score === e.score && st.emotion?.raw === e.raw;
    const m = st.diff.cells.emotion;
    markers.push(
      `<g class="cjm-before-marker cjm-valence-${valence(e.score)}${same ? ' cjm-same' : ''}"${m ? markData({ changes: m.changes }) : ''} data-side="before" data-start="${e.span.start}" data-end="${e.span.end}" data-score="${e.score ?? ''}" transform="translate(${x},${Math.round(y * 10) / 10})" role="img" aria-label="${esc(`${st.name}: ${e.emoji} ${e.label}`)}">`
      + `<title>${esc(`${st.name}: ${e.label}`)}</title><circle r="11"/><text class="cjm-emoji" y="5">${esc(e.emoji)}</text>`
      + `<text class="cjm-score-label" y="${y > h / 2 ? -18 : 26}">${esc(e.label)}</text></g>`,
    );
  }
  const path = points.length > 1 ? `<path class="cjm-curve-line cjm-curve-before" d="${curvePath(points)}"/>` : '';
  return `<g class="cjm-before-curve">${path}${markers.join('')}</g>`;
}
