/** A summary of the rendered diff, for `cjm.diff.inspect` (the VS Code tests read the webview through it). */
import type { DiffMode, DiffSnapshot } from '../../../client/src/diff/protocol';

/** Is the element actually drawn (not display:none, not visibility:hidden, anywhere up its tree)? */
function shown(el: Element): boolean {
  if (!(el as HTMLElement).getClientRects().length) return false;
  return getComputedStyle(el).visibility !== 'hidden';
}

export function snapshot(version: number, mode: DiffMode, current: number): DiffSnapshot {
  const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const count = (sel: string) => document.querySelectorAll(sel).length;
  const other = mode === 'before' ? '.cjm-only-after' : mode === 'after' ? '.cjm-only-before' : undefined;
  // Only what carries content counts: a hidden cell keeps its box (the layout), its children do not show.
  const visibleFromOtherSide = other
    ? Array.from(document.querySelectorAll(`${other} > *, li${other}`)).filter(shown).length
    : 0;
  return {
    version,
    mode,
    current,
    title: text(document.querySelector('.cjm-title')),
    stages: Array.from(document.querySelectorAll('th.cjm-stage .cjm-stage-name')).map(text),
    steps: Array.from(document.querySelectorAll('th.cjm-step:not(.cjm-placeholder) .cjm-step-name')).map(text),
    marked: {
      added: count('.cjm-grid th.cjm-diff-added, .cjm-grid li.cjm-diff-added'),
      removed: count('.cjm-grid th.cjm-diff-removed, .cjm-grid li.cjm-diff-removed'),
      changed: count('.cjm-grid td.cjm-diff-changed, .cjm-grid th.cjm-diff-changed, .cjm-grid g.cjm-diff-changed'),
      moved: count('.cjm-grid th.cjm-diff-moved, .cjm-grid th.cjm-diff-moved-away'),
    },
    changes: count('li.cjm-change'),
    curves: {
      before: !!document.querySelector('path.cjm-curve-before'),
      after: !!document.querySelector('path.cjm-curve-line:not(.cjm-curve-before)'),
    },
    beforeMarkers: count('.cjm-before-marker'),
    afterMarkers: count('.emotion-marker'),
    legend: Array.from(document.querySelectorAll('.cjm-legend-item[data-group]')).map(text),
    visibleFromOtherSide,
    toolbar: toolbar(),
  };
}

function toolbar(): DiffSnapshot['toolbar'] {
  const bar = document.querySelector('.cjm-toolbar');
  if (!bar) return undefined;
  const width = document.documentElement.clientWidth;
  const controls = Array.from(bar.querySelectorAll('button, .cjm-position'));
  const tops = new Set(controls.map((c) => Math.round(c.getBoundingClientRect().top)));
  const cutOff = controls.filter((c) => {
    const r = c.getBoundingClientRect();
    return r.left < -0.5 || r.right > width + 0.5;
  }).map((c) => (c.textContent ?? '').trim());
  return { width: bar.getBoundingClientRect().width, rows: tops.size, cutOff };
}
