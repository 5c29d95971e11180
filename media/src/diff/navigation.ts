/**
 * Previous / next change: the change list's order is the diff's order (stage by stage, in
 * journey order). The current change is outlined wherever the grid shows it and in the list,
 * and scrolled into view; a change only the list shows (a persona, a channel…) scrolls the list.
 */
const CURRENT = 'cjm-current';

export function changeCount(root: ParentNode): number {
  return root.querySelectorAll('li.cjm-change').length;
}

/** Grid elements first (they are what the reviewer looks at), then the list entry. */
export function elementsOf(root: ParentNode, index: number): Element[] {
  return Array.from(root.querySelectorAll(`[data-change~="${index}"]`));
}

export function markCurrent(root: ParentNode, index: number): Element | undefined {
  for (const el of Array.from(root.querySelectorAll(`.${CURRENT}`))) el.classList.remove(CURRENT);
  if (index < 0) return undefined;
  const els = elementsOf(root, index);
  for (const el of els) el.classList.add(CURRENT);
  return els.find((e) => !e.matches('li.cjm-change')) ?? els[0];
}

export function step(current: number, count: number, direction: 1 | -1): number {
  if (!count) return -1;
  if (current < 0 || current >= count) return direction > 0 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/** Scrolls so the element is visible right of the sticky lane labels and below the toolbar. */
export function scrollToElement(el: Element): void {
  const r = el.getBoundingClientRect();
  const label = document.querySelector('.cjm-grid .cjm-lane-label')?.getBoundingClientRect().width ?? 0;
  const inList = !!el.closest('.cjm-change-list');
  // Below the toolbar, and below the grid's header rows too while they stick (sticky.ts).
  const head = !inList && !el.closest('thead') ? document.querySelector('.cjm-sticky-head table.cjm-grid > thead') : null;
  const toolbar = (document.querySelector('.cjm-toolbar')?.getBoundingClientRect().height ?? 0) + (head?.getBoundingClientRect().height ?? 0);
  let x = window.scrollX;
  let y = window.scrollY;
  if (!inList && (r.left < label || r.right > window.innerWidth)) x = Math.max(0, window.scrollX + r.left - label - 24);
  if (r.top < toolbar || r.bottom > window.innerHeight) y = Math.max(0, window.scrollY + r.top - toolbar - Math.max(24, (window.innerHeight - toolbar - r.height) / 3));
  window.scrollTo({ left: x, top: y, behavior: 'auto' });
}
