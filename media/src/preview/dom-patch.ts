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
