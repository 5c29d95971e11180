/**
 * Updates the rendered map in place instead of replacing it: nodes that did not change keep
 * their identity, so there is no flicker, no lost focus and no scroll jump on every keystroke.
 * Positional, not keyed: the renderer's output is stable enough that an edit touches a few
 * attributes and text nodes, and an inserted step only shifts the columns after it.
 */
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
