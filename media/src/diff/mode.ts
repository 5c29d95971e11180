/**
 * The Changes | Before | After toggle. The three are one DOM (render/diff-view.ts):
 * switching only swaps a class on the diff root, so the layout cannot move.
 */
import { DIFF_MODES, DiffMode } from '../../../client/src/diff/protocol';

export function applyMode(root: ParentNode, mode: DiffMode): void {
  const el = root.querySelector('[data-diff-root]');
  if (el) for (const m of DIFF_MODES) el.classList.toggle(`cjm-mode-${m}`, m === mode);
  for (const b of Array.from(document.querySelectorAll('[data-mode]'))) {
    b.setAttribute('aria-pressed', String(b.getAttribute('data-mode') === mode));
  }
}
