/**
 * The persona filter: the legend's buttons show one persona's curve, or all of them. The
 * choice is kept in the webview state; a restored or stale choice (a persona renamed or
 * removed since) falls back to all, so no map ever shows no curve at all.
 */

/** Shows only `persona`'s curve (all when undefined); returns the filter in effect after checking the page. */
export function applyPersonaFilter(root: HTMLElement, persona: string | undefined): string | undefined {
  const curves = Array.from(root.querySelectorAll('.cjm-persona-curve'));
  const known = new Set(curves.map((g) => g.getAttribute('data-persona') ?? ''));
  const effective = persona !== undefined && known.has(persona) ? persona : undefined;
  for (const g of curves) g.classList.toggle('cjm-filtered-out', effective !== undefined && g.getAttribute('data-persona') !== effective);
  for (const b of Array.from(root.querySelectorAll('.cjm-legend-item'))) b.setAttribute('aria-pressed', String(effective !== undefined && b.getAttribute('data-persona') === effective));
  for (const b of Array.from(root.querySelectorAll('.cjm-legend-all'))) b.setAttribute('aria-pressed', String(effective === undefined));
  return effective;
}

/**
 * Clicks on the legend: a persona's button shows only that persona (clicking it again shows
 * all); "All personas" shows all. Handled before the map's click-to-source handler, which
 * must not treat a legend click as a click on the map.
 */
export function installPersonaFilter(root: HTMLElement, current: () => string | undefined, onChange: (persona: string | undefined) => void): void {
  root.addEventListener('click', (e) => {
    const button = (e.target as Element | null)?.closest?.('.cjm-legend button');
    if (!button || !root.contains(button)) return;
    e.stopPropagation();
    e.preventDefault();
    const id = button.getAttribute('data-persona') ?? '';
    const next = !id || current() === id ? undefined : id;
    onChange(applyPersonaFilter(root, next));
  }, true);
}
