/**
 * Marks the step (or stage) under the editor's cursor: every cell of that step's column, its
 * header and its emotion marker get the class `cjm-active`.
 */
const ACTIVE = 'cjm-active';

function spanOf(el: Element): [number, number] | undefined {
  const s = Number(el.getAttribute('data-start'));
  const e = Number(el.getAttribute('data-end'));
  return Number.isFinite(s) && Number.isFinite(e) && el.hasAttribute('data-start') ? [s, e] : undefined;
}

/** The innermost element of `selector` whose source span contains the offset. */
export function elementAt(root: ParentNode, selector: string, offset: number): Element | undefined {
  let best: Element | undefined;
  let bestLen = Infinity;
  for (const el of Array.from(root.querySelectorAll(selector))) {
    const sp = spanOf(el);
    if (sp && offset >= sp[0] && offset <= sp[1] && sp[1] - sp[0] < bestLen) {
      best = el;
      bestLen = sp[1] - sp[0];
    }
  }
  return best;
}

export function clearActive(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll('.' + ACTIVE))) el.classList.remove(ACTIVE);
}

/** Highlights what the offset is in; returns the highlighted step's offset, if a step. */
export function markActive(root: ParentNode, offset: number | undefined): { step?: number; element?: Element } {
  clearActive(root);
  if (offset === undefined) return {};
  const step = elementAt(root, 'th.cjm-step:not(.cjm-placeholder)', offset);
  if (step) {
    const key = step.getAttribute('data-step-offset')!;
    for (const el of Array.from(root.querySelectorAll(`[data-step-offset="${CSS.escape(key)}"]`))) el.classList.add(ACTIVE);
    return { step: Number(key), element: step };
  }
  const stage = elementAt(root, 'th.cjm-stage', offset);
  if (stage) {
    stage.classList.add(ACTIVE);
    return { element: stage };
  }
  return {};
}
