/**
 * What keeps the toolbar, the errors banner and the grid's header rows in view while the page
 * scrolls (media/preview.css does the sticking; this measures what CSS cannot know):
 * - `--cjm-viewport-width` on the root: the panel's width without its scrollbar, so the toolbar
 *   and banner, sticky at the left of a page as wide as the grid, are as wide as the panel;
 * - `--cjm-sticky-top` on the map: the toolbar's height in the map's own (zoomed) pixels, where
 *   the stage and step rows stick below the toolbar;
 * - `cjm-sticky-head` on the map while those rows take at most STICKY_SHARE of the panel's
 *   height: a header that would cover most of a short panel scrolls away instead.
 */
const STICKY_SHARE = 0.45;

export function updateSticky(content: HTMLElement, toolbar: HTMLElement | null, zoom = 1): void {
  const root = document.documentElement;
  root.style.setProperty('--cjm-viewport-width', `${root.clientWidth}px`);
  const toolbarHeight = toolbar ? toolbar.getBoundingClientRect().height : 0;
  content.style.setProperty('--cjm-sticky-top', `${toolbarHeight / (zoom || 1)}px`);
  const head = content.querySelector('table.cjm-grid > thead');
  const headHeight = head ? head.getBoundingClientRect().height : 0;
  content.classList.toggle('cjm-sticky-head', headHeight > 0 && headHeight <= (window.innerHeight - toolbarHeight) * STICKY_SHARE);
}

/** Keeps the measurements current; returns the update, to call after a render or a zoom. Shared by the preview and the diff. */
export function installSticky(content: HTMLElement, toolbar: HTMLElement | null, zoom: () => number = () => 1): () => void {
  const update = () => updateSticky(content, toolbar, zoom());
  // The panel's width changes with its scrollbar too, which only the root's size tells.
  new ResizeObserver(update).observe(document.documentElement);
  if (toolbar) new ResizeObserver(update).observe(toolbar);
  window.addEventListener('resize', update);
  update();
  return update;
}
