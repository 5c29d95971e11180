/**
 * Updates the rendered map in place instead of replacing it: nodes that did not change keep
 * their identity, so there is no flicker, no lost focus and no scroll jump on every keystroke.
 * Positional, not keyed: the renderer's output is stable enough that an edit touches a few
 * attributes and text nodes, and an inserted step only shifts the columns after it.
 * This is the path for the first render and for edits that change the grid's shape; ordinary
 * edits arrive as a patch of parts (applyPatch) and never re-parse the whole map.
 */
import { CHUNK_SELECTOR, MapPatch } from '../../../client/src/preview/protocol';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function patchHtml(container: Element, html: string): void {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  morphChildren(container, tpl.content);
}

function same(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType === Node.ELEMENT_NODE) {
    const ea = a as Element;
    const eb = b as Element;
    return ea.namespaceURI === eb.namespaceURI && ea.tagName === eb.tagName;
  }
  return true;
}

function morphAttributes(from: Element, to: Element): void {
  for (const { name } of Array.from(from.attributes)) if (!to.hasAttribute(name)) from.removeAttribute(name);
  for (const { name, value } of Array.from(to.attributes)) if (from.getAttribute(name) !== value) from.setAttribute(name, value);
}

function morphChildren(from: Node, to: Node): void {
  const olds = Array.from(from.childNodes);
  const news = Array.from(to.childNodes);
  for (let i = 0; i < news.length; i++) {
    const n = news[i];
    const o = olds[i];
    if (!o) from.appendChild(n);
    else if (!same(o, n)) from.replaceChild(n, o);
    else if (o.nodeType === Node.ELEMENT_NODE) {
      morphAttributes(o as Element, n as Element);
      morphChildren(o, n);
    } else if (o.nodeValue !== n.nodeValue) o.nodeValue = n.nodeValue;
  }
  for (let i = news.length; i < olds.length; i++) from.removeChild(olds[i]);
}

/** The fragment's parts in document order (see client/src/preview/parts.ts). */
export function indexParts(container: Element): Element[] {
  return Array.from(container.querySelectorAll(CHUNK_SELECTOR));
}

const OFFSET_ATTRS = ['data-start', 'data-end', 'data-step-offset'];

function shiftOffsets(el: Element, by: number): void {
  const targets = [el, ...Array.from(el.querySelectorAll('[data-start],[data-step-offset]'))];
  for (const t of targets) {
    for (const name of OFFSET_ATTRS) {
      const v = t.getAttribute(name);
      if (v !== null && v !== '') t.setAttribute(name, String(Number(v) + by));
    }
  }
}

function parsePart(html: string, svg: boolean): Element | null {
  const tpl = document.createElement('template');
  // Markers and the curve's line are SVG: parsed on their own they would be HTML elements.
  tpl.innerHTML = svg ? `<svg xmlns="http://www.w3.org/2000/svg">${html}</svg>` : html;
  const first = tpl.content.firstElementChild;
  return svg ? first?.firstElementChild ?? null : first;
}

/**
 * Applies a patch to the parts `indexParts` returned: replaced parts are morphed in place (so
 * nodes and classes such as the highlight survive where they can), shifted ones get their
 * offsets moved. Returns false when the patch does not fit, and nothing was touched.
 */
export function applyPatch(parts: Element[], patch: MapPatch): boolean {
  if (parts.length !== patch.count) return false;
  const fresh: Array<[number, Element]> = [];
  for (const [i, html] of patch.changed) {
    const old = parts[i];
    const next = old && parsePart(html, old.namespaceURI === SVG_NS);
    if (!next) return false;
    fresh.push([i, next]);
  }
  for (const [i, next] of fresh) {
    const old = parts[i];
    if (same(old, next)) {
      morphAttributes(old, next);
      morphChildren(old, next);
    } else {
      old.replaceWith(next);
      parts[i] = next;
    }
  }
  for (const [from, to, by] of patch.shifts) for (let i = from; i <= to && i < parts.length; i++) shiftOffsets(parts[i], by);
  return true;
}

/** The element a streamed batch's slot is appended to: its row of the grid, or the curve for the markers. */
function slotContainer(grid: Element, slot: string): Element | null {
  if (slot === 'head') return grid.querySelector(':scope > thead > tr.cjm-row-stages');
  if (slot === 'steps') return grid.querySelector(':scope > thead > tr.cjm-row-steps');
  if (slot === 'markers') return grid.querySelector(':scope > tbody > tr[data-lane="emotion"] svg.cjm-curve');
  const lane = slot === 'stageOpportunities' ? 'stage-opportunities' : slot === 'stageKpis' ? 'stage-kpis' : slot.startsWith('cells:') ? slot.slice(6) : undefined;
  if (lane === undefined) return null;
  for (const row of Array.from(grid.querySelectorAll(':scope > tbody > tr.cjm-lane'))) if (row.getAttribute('data-lane') === lane) return row;
  return null;
}

/**
 * Appends the next stages of a streamed map: each slot's HTML goes to the end of its row (the
 * markers to the end of the curve), all of it parsed at once as one table whose rows mirror
 * the slots. Returns the fragment's parts afterwards, or undefined when the batch does not fit
 * the content (a row missing, the part count wrong); then nothing was touched.
 */
export function applyAppend(container: Element, shownParts: number, slots: ReadonlyArray<readonly [string, string]>, count: number): Element[] | undefined {
  const grid = container.querySelector('table.cjm-grid');
  if (!grid) return undefined;
  const targets: Element[] = [];
  let html = '<table><tbody>';
  for (const [slot, part] of slots) {
    const target = slotContainer(grid, slot);
    if (!target) return undefined;
    targets.push(target);
    // Markers are SVG: parsed inside an <svg> they are SVG elements, as in the curve.
    html += slot === 'markers' ? `<tr><td><svg xmlns="${SVG_NS}">${part}</svg></td></tr>` : `<tr>${part}</tr>`;
  }
  const tpl = document.createElement('template');
  tpl.innerHTML = html + '</tbody></table>';
  const table = tpl.content.firstElementChild as HTMLTableElement | null;
  const rows = table?.tBodies[0] ? Array.from(table.tBodies[0].rows) : [];
  if (rows.length !== targets.length) return undefined;
  const sources = rows.map((row, i) => (slots[i][0] === 'markers' ? row.querySelector('svg') : row));
  const added = sources.reduce((n, s) => n + (s ? s.children.length : 0), 0);
  if (sources.some((s) => !s) || shownParts + added !== count) return undefined;
  for (let i = 0; i < targets.length; i++) targets[i].append(...Array.from(sources[i]!.children));
  return indexParts(container);
}
