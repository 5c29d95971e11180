/** Zoom (CSS zoom on the content, so sticky lane labels keep working) and fit to width. */
import { ZOOM_MAX, ZOOM_MIN } from '../../../client/src/preview/protocol';
import { getState, updateState } from './state';

const STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

let content: HTMLElement;
let valueLabel: HTMLElement | null;
const listeners: Array<(zoom: number) => void> = [];
const percent = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'percent', maximumFractionDigits: 0 });

/** Called after every zoom change (sticky offsets are in zoomed pixels). */
export function onZoomChange(fn: (zoom: number) => void): void {
  listeners.push(fn);
}

export function getZoom(): number {
  return getState().zoom;
}

export function initZoom(el: HTMLElement, label: HTMLElement | null): void {
  content = el;
  valueLabel = label;
  apply(getState().zoom);
  window.addEventListener('resize', () => {
    if (getState().fit) fitWidth();
  });
}

function apply(z: number): void {
  (content.style as CSSStyleDeclaration & { zoom: string }).zoom = String(z);
  // The toolbar's language (the page's lang) writes the percentage: "80%", "80 %".
  if (valueLabel) valueLabel.textContent = percent.format(Math.round(z * 100) / 100);
  for (const fn of listeners) fn(z);
}

export function setZoom(z: number, fit = false): void {
  const clamped = Math.max(ZOOM_MIN, Math.min(ZOOM_MAX, z));
  updateState({ zoom: clamped, fit });
  apply(clamped);
}

export function zoomBy(direction: 1 | -1): void {
  const z = getState().zoom;
  const next = direction > 0 ? STEPS.find((s) => s > z + 0.001) ?? ZOOM_MAX : [...STEPS].reverse().find((s) => s < z - 0.001) ?? ZOOM_MIN;
  setZoom(next);
}

/** The zoom at which the whole grid fits the panel's width (never above 100%). */
export function fitWidth(): void {
  const map = content.querySelector('.cjm-map') as HTMLElement | null;
  if (!map) return;
  const natural = map.scrollWidth;
  if (!natural) return;
  setZoom(Math.min(1, (document.documentElement.clientWidth - 8) / natural), true);
}
