/**
 * Preview ↔ editor position sync.
 * - Editor scrolled: the stage at the top of the editor is brought into view horizontally.
 * - Preview scrolled by the user: the step now at its left edge is reported, and the editor
 *   scrolls its source to the top (each direction can be turned off in the settings).
 * - Cell, item or emotion marker clicked: the editor's cursor goes to its source (nothing is
 *   selected); double-clicked: its source is selected.
 * A click makes the editor scroll, and that scroll would come back here as a reveal request:
 * for a short while after the user acts in the preview, reveal requests are ignored.
 */
import { elementAt } from './active-marker';
import { isSafeLink } from '../../../client/src/preview/protocol';
import { post } from './messaging';
import { getZoom } from './zoom';

const GUARD_MS = 600;
/** How long the script's own scroll target is remembered: its scroll events arrive within a frame or two. */
const OWN_SCROLL_MS = 1000;
const SCROLL_REPORT_MS = 100;
let userActedAt = 0;
/** where the script last scrolled the page, and when: a scroll event that lands there is the script's */
let own: { left: number; top: number; at: number } | undefined;
/** the last reported position: reported again after the script moved the page elsewhere */
let lastReported: string | undefined;

export function noteUserAction(): void {
  userActedAt = Date.now();
}

/** Scrolls the page for the script (restoring, following the editor): not reported back. */
export function scrollPageTo(left: number, top: number): void {
  const root = document.documentElement;
  // Where the page will really be: the browser stops at its edges.
  const clamp = (v: number, max: number) => Math.max(0, Math.min(Math.round(v), Math.max(0, max)));
  own = { left: clamp(left, root.scrollWidth - root.clientWidth), top: clamp(top, root.scrollHeight - root.clientHeight), at: Date.now() };
  lastReported = undefined;
  window.scrollTo({ left, top, behavior: 'auto' });
}

/** Is the page where the script just put it? Then its scrolling is not the user's. */
function isOwnScroll(): boolean {
  return !!own && Date.now() - own.at < OWN_SCROLL_MS && Math.abs(window.scrollX - own.left) < 2 && Math.abs(window.scrollY - own.top) < 2;
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
  scrollPageTo(Math.max(0, target), window.scrollY);
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
    // The second click of a double-click: `dblclick` follows and decides.
    if ((e as MouseEvent).detail > 1) return;
    // A text selection in the preview is the user copying, not navigating.
    if (window.getSelection()?.toString()) return;
    const span = sourceSpanOf(target);
    if (!span || !span.every(Number.isFinite)) return;
    noteUserAction();
    // The cursor only: a selection in the editor would be replaced by the next keystroke.
    post({ type: 'reveal', version: version(), start: span[0], end: span[1] });
  });
  // A double-click selects the item's source, as a double-click selects a word.
  container.addEventListener('dblclick', (e) => {
    const target = e.target as Element | null;
    if (!target || target.closest('a[href]')) return;
    const span = sourceSpanOf(target);
    if (!span || !span.every(Number.isFinite)) return;
    noteUserAction();
    post({ type: 'reveal', version: version(), start: span[0], end: span[1], select: true });
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

/**
 * What the preview shows at its left edge, as a source offset: the first step whose header is
 * at least half visible right of the lane labels; 0 (the file's top) while the page is at its
 * left and the map's header (title, personas) is still in view above the grid.
 */
export function offsetAtLeftEdge(): number | undefined {
  const grid = document.querySelector('.cjm-map-view:not([hidden]) table.cjm-grid');
  if (!grid) return undefined;
  if (window.scrollX < 1 && grid.getBoundingClientRect().top > window.innerHeight / 3) return 0;
  const left = labelWidth();
  for (const th of Array.from(grid.querySelectorAll('th.cjm-step[data-start]'))) {
    const r = th.getBoundingClientRect();
    if (r.width > 0 && r.right - r.width / 2 >= left) return Number(th.getAttribute('data-start'));
  }
  return undefined;
}

/** Reports the user's scrolling (never the script's own) as the offset at the left edge, once per change. */
export function installScrollReport(version: () => number): void {
  let timer: number | undefined;
  const report = () => {
    timer = undefined;
    if (isOwnScroll()) return;
    const offset = offsetAtLeftEdge();
    if (offset === undefined || !Number.isFinite(offset)) return;
    const key = `${version()}:${offset}`;
    if (key === lastReported) return;
    lastReported = key;
    noteUserAction();
    post({ type: 'scrolled', version: version(), offset });
  };
  window.addEventListener('scroll', () => {
    if (timer === undefined) timer = window.setTimeout(report, SCROLL_REPORT_MS);
  }, { passive: true });
}
