/** A summary of the rendered DOM, for `cjm.preview.inspect` (the VS Code tests read the webview through it). */
import type { DomSnapshot, PreviewView } from '../../../client/src/preview/protocol';

export function snapshot(version: number, view: PreviewView, zoom: number, stale: boolean, mermaidRendered: boolean): DomSnapshot {
  const text = (el: Element | null) => (el?.textContent ?? '').trim();
  const active = document.querySelector('th.cjm-step.cjm-active');
  return {
    version,
    view,
    zoom,
    title: text(document.querySelector('.cjm-title')),
    stages: Array.from(document.querySelectorAll('th.cjm-stage .cjm-stage-name')).map(text),
    steps: Array.from(document.querySelectorAll('th.cjm-step:not(.cjm-placeholder) .cjm-step-name')).map(text),
    emotionMarkers: document.querySelectorAll('.emotion-marker').length,
    activeStepOffset: active ? Number(active.getAttribute('data-step-offset')) : undefined,
    bannerErrors: Array.from(document.querySelectorAll('.cjm-banner-error')).map(text),
    stale,
    mermaidRendered,
    scrollX: window.scrollX,
    visibleStages: visibleStages().map(text),
    mapLocale: document.getElementById('cjm-content')?.lang ?? '',
    laneLabels: Array.from(document.querySelectorAll('table.cjm-grid .cjm-lane-label .cjm-lane-name')).map(text),
    scrollY: window.scrollY,
    chrome: chrome(),
    zoomLabel: text(document.querySelector('.cjm-zoom-value')),
    personaCurves: {
      drawn: Array.from(document.querySelectorAll('.cjm-persona-curve')).map((g) => g.getAttribute('data-persona') ?? ''),
      visible: Array.from(document.querySelectorAll('.cjm-persona-curve:not(.cjm-filtered-out)')).map((g) => g.getAttribute('data-persona') ?? ''),
      legend: Array.from(document.querySelectorAll('.cjm-legend-item .cjm-legend-name')).map(text),
    },
    currentState: currentState(),
  };
}

function currentState(): DomSnapshot['currentState'] {
  const button = document.querySelector('[data-action="showCurrentState"]') as HTMLButtonElement | null;
  const overlay = document.querySelector('#cjm-content [data-baseline-root]');
  return {
    button: !!button && !button.hidden,
    pressed: button?.getAttribute('aria-pressed') === 'true',
    disabled: !!button?.disabled,
    overlay: !!overlay,
    changes: Number(overlay?.getAttribute('data-changes') ?? 0),
    label: (button?.textContent ?? '').trim(),
  };
}

function chrome(): DomSnapshot['chrome'] {
  const toolbar = document.querySelector('.cjm-toolbar')?.getBoundingClientRect();
  const top = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().top ?? NaN;
  return {
    toolbarLeft: toolbar?.left ?? NaN,
    toolbarTop: toolbar?.top ?? NaN,
    toolbarBottom: toolbar?.bottom ?? NaN,
    stageRowTop: top('table.cjm-grid tr.cjm-row-stages th.cjm-stage'),
    stepRowTop: top('table.cjm-grid tr.cjm-row-steps th.cjm-step'),
  };
}

function visibleStages(): Element[] {
  const label = document.querySelector('.cjm-grid .cjm-lane-label');
  const left = label ? label.getBoundingClientRect().right : 0;
  const right = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll('th.cjm-stage')).filter((th) => {
    const r = th.getBoundingClientRect();
    return r.width > 0 && r.right > left + 1 && r.left < right - 1;
  }).map((th) => th.querySelector('.cjm-stage-name') ?? th);
}
