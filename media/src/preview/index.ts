/**
 * The preview webview's boot: wires the typed channel to the DOM modules. The extension sends
 * rendered HTML (render) with the document version; this script patches it in,
 * keeps highlights and scroll, and reports clicks back.
 */
import { validAppend } from '../../../client/src/preview/protocol';
import type { AppendMessage, PreviewView, RenderMessage, StreamState, ToWebview } from '../../../client/src/preview/protocol';
import { elementAt, markActive } from './active-marker';
import { renderBanner } from './banner';
import { applyAppend, applyPatch, indexParts, patchHtml } from './dom-patch';
import { snapshot } from './inspect';
import { onMessage, post } from './messaging';
import { mermaidRendered, showMermaid } from './mermaid-view';
import { rasterize } from './rasterize';
import { bringIntoView, installClickHandler, installScrollReport, noteUserAction, revealOffset, scrollPageTo } from './scroll-sync';
import { getState, initState, readSettings, updateState } from './state';
import { installSticky } from './sticky';
import { applyPersonaFilter, installPersonaFilter } from './persona-filter';
import { fitWidth, initZoom, onZoomChange, setZoom, zoomBy } from './zoom';

const settings = readSettings();
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
initState(settings.state);

const content = document.getElementById('cjm-content') as HTMLElement;
const mermaidEl = document.getElementById('cjm-mermaid') as HTMLElement;
// Absent from hosts that show no insight panel: the map and Mermaid views work without it.
const insightsEl = document.getElementById('cjm-insights') as HTMLElement | null;
const banner = document.getElementById('cjm-banner') as HTMLElement;
const lockButton = document.querySelector('[data-action="toggleLock"]') as HTMLElement | null;
const currentStateButton = document.querySelector('[data-action="showCurrentState"]') as HTMLButtonElement | null;

let version = -1;
let shownUri: string | undefined;
/** the content the DOM shows (RenderMessage.contentSeq) and its parts, for the next patch */
let contentSeq: number | undefined;
let parts: Element[] = [];
let last: RenderMessage | undefined;
/** the last Mermaid text the extension sent (it sends it only while the Mermaid view shows) */
let mermaidText: string | undefined;
let stale = false;
let activeOffset: number | undefined;
let pendingHighlight: { version: number; offset?: number } | undefined;
let restoredScroll = false;
/** while a big map streams in: how many of its stages the content has */
let streaming: StreamState | undefined;
/** the content is an early message's first stages: the whole map's message is on its way */
let early = false;
/** stages are still to come, one way or the other */
const incomplete = () => streaming !== undefined || early;
/**
 * An editor position whose step or stage has not arrived yet: the highlight's (brought into
 * view when its step arrives) or the editor's scrolling (its stage brought into view).
 */
let pendingReveal: { offset: number; kind: 'highlight' | 'stage' } | undefined;

initZoom(content, document.querySelector('.cjm-zoom-value'));
installPersonaFilter(content, () => getState().personaFilter, (personaFilter) => updateState({ personaFilter }));
installClickHandler(content, () => version);
installScrollReport(() => version);
const updateSticky = installSticky(content, document.querySelector('.cjm-toolbar'), () => getState().zoom);
onZoomChange(updateSticky);

function setView(view: PreviewView): void {
  if (view !== getState().view) post({ type: 'view', view });
  updateState({ view });
  content.hidden = view !== 'map';
  mermaidEl.hidden = view !== 'mermaid';
  if (insightsEl) insightsEl.hidden = view !== 'insights';
  const pressed = view === 'map' ? 'showMap' : view === 'mermaid' ? 'showMermaid' : 'showInsights';
  for (const b of Array.from(document.querySelectorAll('[data-command="showMap"],[data-command="showMermaid"],[data-command="showInsights"]'))) {
    b.setAttribute('aria-pressed', String(b.getAttribute('data-command') === pressed));
  }
  if (view === 'mermaid' && mermaidText !== undefined) void showMermaid(mermaidEl, mermaidText, settings, nonce);
}

/**
 * The "Show current state" toggle of a future-state map. The choice lives in the webview's
 * state (per map, restored with the panel); the extension draws what it is told and says what
 * it drew. A choice the extension has not seen yet (it was made on an older render and dropped
 * there) is sent again with this render's version.
 */
function syncCurrentState(m: RenderMessage): void {
  if (!currentStateButton) return;
  const b = m.baseline;
  currentStateButton.hidden = !b;
  document.body.classList.toggle('cjm-current-state-shown', !!b?.shown);
  // The overlay's marks are the visual diff's (media/diff.css); its legend rules would restyle the persona legend otherwise.
  const diffCss = document.getElementById('cjm-diff-css') as HTMLLinkElement | null;
  if (diffCss) diffCss.disabled = !b?.shown;
  if (!b) return;
  const wanted = getState().showCurrentState;
  if (wanted !== undefined && wanted !== b.on && !m.stale) post({ type: 'showCurrentState', version: m.version, show: wanted });
  const on = wanted ?? b.on;
  currentStateButton.textContent = b.label;
  currentStateButton.setAttribute('aria-pressed', String(on));
  currentStateButton.title = b.problem ?? b.label;
  currentStateButton.classList.toggle('cjm-has-problem', on && !!b.problem);
}

/** Puts the message's map into the DOM; false when it is a patch against content not shown. */
function applyContent(m: RenderMessage): boolean {
  if (m.html !== undefined) {
    patchHtml(content, m.html);
    parts = indexParts(content);
  } else if (!m.parts || m.parts.base !== contentSeq || !applyPatch(parts, m.parts)) {
    contentSeq = undefined;
    post({ type: 'resync' });
    return false;
  }
  contentSeq = m.contentSeq;
  streaming = m.stages && m.stages.shown < m.stages.total ? m.stages : undefined;
  early = m.early === true;
  return true;
}

/**
 * Asks for the next stages of a streamed map once the browser has painted what it has: the
 * first screenful shows before the rest is parsed, and input is handled between batches.
 */
function askForMore(): void {
  if (!streaming || contentSeq === undefined) return;
  const seq = contentSeq;
  requestAnimationFrame(() => setTimeout(() => {
    if (streaming && contentSeq === seq) post({ type: 'more', contentSeq: seq });
  }, 0));
}

/** The next stages of a streamed map, appended to the rows of the grid. */
function append(m: AppendMessage): void {
  if (m.uri !== shownUri || m.version !== version) return;
  const next = m.base === contentSeq ? applyAppend(content, parts.length, m.slots, m.count) : undefined;
  if (!next) {
    contentSeq = undefined;
    streaming = undefined;
    early = false;
    post({ type: 'resync' });
    return;
  }
  parts = next;
  contentSeq = m.contentSeq;
  streaming = m.to < m.total ? { shown: m.to, total: m.total } : undefined;
  afterContent();
  askForMore();
}

/** What follows every change of the map's content: highlight, filters, sticky rows, scroll restore, reveals waiting for their stage. */
function afterContent(): void {
  const { element } = markActive(content, activeOffset);
  // Checked against each render: the filtered persona may have been renamed or removed.
  const wanted = getState().personaFilter;
  const shown = applyPersonaFilter(content, wanted);
  if (shown !== wanted && content.querySelector('.cjm-persona-curve')) updateState({ personaFilter: undefined });
  if (getState().fit) fitWidth();
  updateSticky();
  restoreScroll();
  if (pendingReveal && !content.hidden) {
    const target = pendingReveal.kind === 'highlight' ? (pendingReveal.offset === activeOffset ? element : undefined) : elementAt(content, 'th.cjm-stage', pendingReveal.offset);
    if (target) {
      if (pendingReveal.kind === 'highlight') bringIntoView(target);
      else revealOffset(content, pendingReveal.offset);
      pendingReveal = undefined;
    } else if (!incomplete()) pendingReveal = undefined;
  }
}

/**
 * The scroll position the panel had (restored state) is restored once the page is big enough
 * to hold it: a streamed map grows in height as its stages arrive (its width is the whole
 * map's from the first message). The user scrolling first wins.
 */
function restoreScroll(): void {
  if (restoredScroll) return;
  const { scrollX, scrollY } = getState();
  scrollPageTo(scrollX, scrollY);
  const there = Math.abs(window.scrollX - scrollX) < 2 && Math.abs(window.scrollY - scrollY) < 2;
  if (there || !incomplete()) restoredScroll = true;
}

function render(m: RenderMessage): void {
  // Versions are per document: a following preview that moved to another map starts over.
  if (m.uri !== shownUri) version = -1;
  if (m.version < version) return; // an older render overtaken by a newer one
  if (!applyContent(m)) return;
  shownUri = m.uri;
  version = m.version;
  last = m;
  stale = m.stale;
  document.title = m.title;
  // The map speaks its own language, the toolbar VS Code's: screen readers switch voices here.
  content.lang = m.locale;
  mermaidEl.lang = m.locale;
  // The insight panel is rendered HTML from the extension (render/insights.ts, escaped there), like the map.
  if (insightsEl && m.insights !== undefined) {
    insightsEl.innerHTML = m.insights;
    insightsEl.lang = m.locale;
  }
  document.body.classList.toggle('cjm-stale', m.stale);
  renderBanner(banner, m.errors, m.stale, m.version, settings);
  if (lockButton) {
    lockButton.textContent = m.locked ? `🔒 ${settings.labels.locked}` : `🔓 ${settings.labels.unlocked}`;
    lockButton.setAttribute('aria-pressed', String(m.locked));
  }
  // The current-state choice is this map's: a following preview that moved to another map forgets it.
  if (getState().uri !== m.uri) updateState({ showCurrentState: undefined });
  updateState({ locked: m.locked, uri: m.uri });
  if (pendingHighlight && pendingHighlight.version <= version) {
    activeOffset = pendingHighlight.offset;
    pendingHighlight = undefined;
  }
  afterContent();
  askForMore();
  syncCurrentState(m);
  if (m.mermaid !== undefined) mermaidText = m.mermaid;
  if (getState().view === 'mermaid' && mermaidText !== undefined) void showMermaid(mermaidEl, mermaidText, settings, nonce);
}

function runCommand(command: string): void {
  switch (command) {
    case 'zoomIn': return zoomBy(1);
    case 'zoomOut': return zoomBy(-1);
    case 'zoomReset': return setZoom(1);
    case 'fitWidth': return fitWidth();
    case 'showMap': return setView('map');
    case 'showMermaid': return setView('mermaid');
    case 'toggleMermaid': return setView(getState().view === 'map' ? 'mermaid' : 'map');
    case 'showInsights': return setView(insightsEl ? 'insights' : 'map');
  }
}

async function handle(m: ToWebview): Promise<void> {
  switch (m.type) {
    case 'render':
      return render(m);
    case 'append':
      // Validated: a malformed batch would leave the grid half-built; the extension sends all again.
      if (validAppend(m)) append(m);
      else post({ type: 'resync' });
      return;
    case 'highlight': {
      if (m.version > version) {
        pendingHighlight = { version: m.version, offset: m.offset };
        return;
      }
      if (m.version < version) return;
      activeOffset = m.offset;
      const { element } = markActive(content, m.offset);
      if (element && !content.hidden) bringIntoView(element);
      // Its step is still to come: shown when it arrives.
      else if (!element && incomplete() && m.offset !== undefined) pendingReveal = { offset: m.offset, kind: 'highlight' };
      return;
    }
    case 'revealOffset':
      if (m.version !== version || content.hidden) return;
      if (incomplete() && !elementAt(content, 'th.cjm-stage', m.offset)) pendingReveal = { offset: m.offset, kind: 'stage' };
      else revealOffset(content, m.offset);
      return;
    case 'command':
      return runCommand(m.command);
    case 'rasterize':
      try {
        post({ type: 'rasterized', requestId: m.requestId, dataUrl: await rasterize(m.svg, m.scale) });
      } catch (e) {
        post({ type: 'rasterized', requestId: m.requestId, error: String((e as Error)?.message ?? e) });
      }
      return;
    case 'inspect':
      post({ type: 'inspected', requestId: m.requestId, snapshot: { ...snapshot(version, getState().view, getState().zoom, stale, mermaidRendered()), ...(incomplete() ? { streaming: streaming ?? { shown: content.querySelectorAll('th.cjm-stage').length } } : {}) } });
      return;
    case 'click': {
      const el = document.querySelector(m.selector);
      if (el) {
        el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 }));
        if (m.double) {
          el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 2 }));
          el.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, cancelable: true, detail: 2 }));
        }
      }
      post({ type: 'clicked', requestId: m.requestId, found: !!el });
      return;
    }
    case 'scrollTo':
      window.scrollTo({ left: m.x, top: m.y, behavior: 'auto' });
      // Answered once the scroll event has been seen, so a test's next step sees its effects.
      requestAnimationFrame(() => requestAnimationFrame(() => post({ type: 'ack', requestId: m.requestId })));
      return;
  }
}

onMessage((m) => void handle(m));

// A row of the insight panel that points into the map reveals it in the editor (click, or Enter).
function revealInsightRow(target: EventTarget | null): void {
  const row = (target as Element | null)?.closest?.('.cjm-insight-row[data-start]');
  if (!row) return;
  const start = Number(row.getAttribute('data-start'));
  const end = Number(row.getAttribute('data-end'));
  if (Number.isFinite(start) && Number.isFinite(end)) post({ type: 'reveal', version, start, end, select: true });
}
insightsEl?.addEventListener('click', (e) => revealInsightRow(e.target));
insightsEl?.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') revealInsightRow(e.target);
});

document.querySelector('.cjm-toolbar')?.addEventListener('click', (e) => {
  const button = (e.target as Element).closest('button');
  if (!button) return;
  const command = button.getAttribute('data-command');
  if (command) runCommand(command);
  const action = button.getAttribute('data-action');
  if (action === 'toggleLock') post({ type: 'toggleLock' });
  if (action === 'export') post({ type: 'export' });
  if (action === 'showCurrentState' && last?.baseline) {
    const show = button.getAttribute('aria-pressed') !== 'true';
    updateState({ showCurrentState: show });
    button.setAttribute('aria-pressed', String(show));
    post({ type: 'showCurrentState', version, show });
  }
});

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  window.clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => updateState({ scrollX: window.scrollX, scrollY: window.scrollY }), 150);
}, { passive: true });
window.addEventListener('wheel', noteUserAction, { passive: true });
// The user scrolling a map that is still streaming in: the restored position is not wanted any more.
for (const type of ['wheel', 'mousedown', 'keydown', 'touchstart']) window.addEventListener(type, () => (restoredScroll = true), { passive: true });

// Ctrl/Cmd + wheel zooms the map, as in an image viewer.
window.addEventListener('wheel', (e) => {
  if (!e.ctrlKey && !e.metaKey) return;
  e.preventDefault();
  zoomBy(e.deltaY < 0 ? 1 : -1);
}, { passive: false });

setView(getState().view === 'insights' && !insightsEl ? 'map' : getState().view);
const restored = getState();
// The viewport tells the extension which stages a big map's first message must hold.
post({ type: 'ready', view: restored.view, viewport: { width: window.innerWidth, scrollX: restored.scrollX, zoom: restored.zoom }, ...(restored.showCurrentState !== undefined ? { showCurrentState: restored.showCurrentState } : {}) });
