/**
 * Preview ↔ editor position sync.
 * - Editor scrolled: the stage at the top of the editor is brought into view horizontally.
 * - Cell, item or emotion marker clicked: the extension selects its source text.
 * A click makes the editor scroll, and that scroll would come back here as a reveal request:
 * for a short while after the user acts in the preview, reveal requests are ignored.
 */
import { elementAt } from './active-marker';
import { isSafeLink } from '../../../client/src/preview/protocol';
import { post } from './messaging';
import { getZoom } from './zoom';

const GUARD_MS = 600;
let userActedAt = 0;

export function noteUserAction(): void {
  userActedAt = Date.now();
}

function labelWidth(): number {
  const label = document.querySelector('.cjm-grid .cjm-lane-label');
  return label ? label.getBoundingClientRect().width : 0;
}

/** Scrolls horizontally so the element's columns are visible right of the sticky lane labels. */
export function bringIntoView(el: Element, force = false): void {
  const r = el.getBoundingClientRect();
  const left = labelWidth();
  const width = window.innerWidth;
  if (!force && r.left >= left && r.right <= width) return;
  const target = window.scrollX + r.left - left - 8 * getZoom();
  window.scrollTo({ left: Math.max(0, target), top: window.scrollY, behavior: 'auto' });
}

export function revealOffset(root: ParentNode, offset: number): void {
  if (Date.now() - userActedAt < GUARD_MS) return;
  const stage = elementAt(root, 'th.cjm-stage', offset);
  if (stage) bringIntoView(stage);
}

/** Where a click lands in the source: the clicked item, else its cell's step, else nothing. */
function sourceSpanOf(target: Element): [number, number] | undefined {
  const withSpan = target.closest('[data-start]');
  if (withSpan) return [Number(withSpan.getAttribute('data-start')), Number(withSpan.getAttribute('data-end'))];
  const cell = target.closest('[data-step-offset]');
  if (cell) {
    const key = cell.getAttribute('data-step-offset')!;
    const head = document.querySelector(`th.cjm-step[data-step-offset="${CSS.escape(key)}"]`);
    if (head) return [Number(head.getAttribute('data-start')), Number(head.getAttribute('data-end'))];
  }
  return undefined;
}

export function installClickHandler(container: Element, version: () => number): void {
  container.addEventListener('click', (e) => {
    const target = e.target as Element | null;
    if (!target) return;
    const link = target.closest('a[href]');
    if (link) {
      // Links never navigate the webview; http(s) ones are opened by VS Code.
      e.preventDefault();
      const href = link.getAttribute('data-href') ?? link.getAttribute('href') ?? '';
      if (isSafeLink(href)) post({ type: 'openLink', href });
      return;
    }
    // A text selection in the preview is the user copying, not navigating.
    if (window.getSelection()?.toString()) return;
    const span = sourceSpanOf(target);
    if (!span || !span.every(Number.isFinite)) return;
    noteUserAction();
    post({ type: 'reveal', version: version(), start: span[0], end: span[1] });
  });
  container.addEventListener('keydown', (e) => {
    const ke = e as KeyboardEvent;
    const target = ke.target as Element | null;
    if ((ke.key === 'Enter' || ke.key === ' ') && target?.classList.contains('emotion-marker')) {
      ke.preventDefault();
      target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
  });
}
