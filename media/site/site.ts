/**
 * The site's page script (every page): the theme, the map page's zoom, and the index's
 * filters and search. Loaded in <head> without defer so the reader's theme applies before
 * the first paint; the rest waits for the document.
 */
import { fold, queryTerms } from '../../render/site/fold';

const THEME_KEY = 'cjm-site-theme';
type Theme = 'light' | 'dark';

function storedTheme(): Theme | undefined {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : undefined;
  } catch {
    // Storage can be off (private mode, file:// policies): the system theme still applies.
    return undefined;
  }
}

function effectiveTheme(): Theme {
  return storedTheme() ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  if (document.body) {
    // preview.css darkens stage heads for VS Code's dark themes by this class.
    document.body.classList.toggle('vscode-dark', theme === 'dark');
    document.body.classList.toggle('vscode-light', theme === 'light');
  }
  const button = document.getElementById('site-theme');
  if (button) {
    button.textContent = (theme === 'dark' ? button.dataset.labelLight : button.dataset.labelDark) ?? '';
    button.setAttribute('aria-pressed', String(theme === 'dark'));
  }
}

applyTheme(effectiveTheme());

function initTheme(): void {
  applyTheme(effectiveTheme());
  document.getElementById('site-theme')?.addEventListener('click', () => {
    const next: Theme = effectiveTheme() === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // not remembered, still switched
    }
    applyTheme(next);
  });
}

// ---- map page: zoom ----------------------------------------------------------------------

const STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];

function initZoom(): void {
  const content = document.getElementById('site-map');
  const value = document.querySelector<HTMLElement>('.site-zoom-value');
  if (!content) return;
  const percent = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'percent', maximumFractionDigits: 0 });
  let zoom = 1;
  const set = (z: number) => {
    zoom = Math.max(STEPS[0], Math.min(STEPS[STEPS.length - 1], z));
    // CSS zoom, not a transform: the lane labels stay sticky and the page scrolls to the zoomed size.
    (content.style as CSSStyleDeclaration & { zoom: string }).zoom = String(zoom);
    if (value) value.textContent = percent.format(Math.round(zoom * 100) / 100);
  };
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-zoom]')) {
    b.addEventListener('click', () => {
      const what = b.dataset.zoom;
      if (what === 'in') set(STEPS.find((s) => s > zoom + 0.001) ?? zoom);
      else if (what === 'out') set([...STEPS].reverse().find((s) => s < zoom - 0.001) ?? zoom);
      else if (what === 'reset') set(1);
      else {
        const map = content.querySelector<HTMLElement>('.cjm-map');
        const natural = map ? map.scrollWidth : 0;
        if (natural) set(Math.min(1, (document.documentElement.clientWidth - 16) / natural));
      }
    });
  }
}

// ---- scripts loaded later -------------------------------------------------------------------

/**
 * Adds the scripts to the page, run in the order given; resolves when all have run. The data
 * behind search and time travel is hundreds of KB of script: a page is drawn and usable
 * without it, so it is not in the page's first load.
 */
function loadScripts(srcs: readonly string[]): Promise<void> {
  return Promise.all(srcs.map((src) => new Promise<void>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    // Dynamically added scripts run as soon as each arrives unless told to keep their order.
    s.async = false;
    s.addEventListener('load', () => resolve());
    s.addEventListener('error', () => reject(new Error(`cannot load ${src}`)));
    document.head.append(s);
  }))).then(() => undefined);
}

/** Runs `f` once the page has loaded and the browser is idle (or soon after load where idle callbacks are missing). */
function afterLoad(f: () => void): void {
  const later = () => ('requestIdleCallback' in window ? requestIdleCallback(f, { timeout: 1500 }) : setTimeout(f, 200));
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}

function onceOnly<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) (value = f()), (done = true);
    return value;
  };
}

// ---- map page: time travel, loaded when wanted -------------------------------------------------

function initHistoryLoader(): void {
  const section = document.getElementById('site-history');
  const scripts = section?.dataset.scripts?.split(' ').filter(Boolean);
  if (!section || !scripts?.length) return;
  const load = onceOnly(() => loadScripts(scripts).catch(() => undefined));
  // A version picked before the time-travel script runs is shown by it when it starts.
  section.addEventListener('click', (e) => {
    const b = (e.target as Element | null)?.closest?.<HTMLElement>('.site-version-view');
    if (b && section.dataset.ready !== 'true' && b.dataset.version !== undefined) section.dataset.pending = b.dataset.version;
    void load();
  });
  for (const type of ['pointerdown', 'focusin', 'input', 'keydown']) section.addEventListener(type, () => void load());
  afterLoad(() => void load());
}

// ---- index: filters and search -------------------------------------------------------------

interface SearchEntry {
  readonly slug: string;
  readonly text: string;
  readonly folded: string;
}

const SNIPPET = 70;

function snippet(p: HTMLElement, e: SearchEntry, terms: readonly string[], phrase: string): void {
  // The words as typed, together, make the best snippet; else the first word found.
  if (terms.length > 1 && e.folded.includes(phrase)) terms = [phrase];
  const at = Math.min(...terms.map((t) => e.folded.indexOf(t)).filter((i) => i >= 0));
  if (!Number.isFinite(at)) {
    p.hidden = true;
    return;
  }
  const term = terms.find((t) => e.folded.indexOf(t) === at)!;
  const start = Math.max(0, at - SNIPPET);
  const end = Math.min(e.text.length, at + term.length + SNIPPET);
  p.replaceChildren(
    document.createTextNode((start ? '…' : '') + e.text.slice(start, at)),
    Object.assign(document.createElement('mark'), { textContent: e.text.slice(at, at + term.length) }),
    document.createTextNode(e.text.slice(at + term.length, end) + (end < e.text.length ? '…' : '')),
  );
  p.hidden = false;
}

function initIndex(): void {
  const cards = [...document.querySelectorAll<HTMLElement>('.site-card')];
  const list = document.getElementById('site-cards');
  if (!list) return;
  let data: Map<string, SearchEntry> | undefined;
  const read = () => {
    data = new Map(((window as unknown as { CJM_SEARCH?: SearchEntry[] }).CJM_SEARCH ?? []).map((e) => [e.slug, e]));
  };
  const loadSearch = onceOnly(() => {
    const src = list.dataset.searchScript;
    return (src ? loadScripts([src]).catch(() => undefined) : Promise.resolve()).then(() => {
      read();
      update();
    });
  });
  const search = document.getElementById('site-search') as HTMLInputElement;
  const kind = document.getElementById('site-filter-kind') as HTMLSelectElement;
  const persona = document.getElementById('site-filter-persona') as HTMLSelectElement;
  const language = document.getElementById('site-filter-language') as HTMLSelectElement;
  const count = document.getElementById('site-count')!;
  const empty = document.getElementById('site-empty')!;
  const update = () => {
    // Words typed before the search index has arrived filter once it has.
    const terms = data ? queryTerms(search.value) : [];
    if (!data && search.value.trim()) void loadSearch();
    let shown = 0;
    for (const card of cards) {
      const e = data?.get(card.dataset.slug ?? '');
      const personas = JSON.parse(card.dataset.personas ?? '[]') as string[];
      const ok = (!kind.value || card.dataset.kind === kind.value)
        && (!persona.value || personas.includes(persona.value))
        && (!language.value || card.dataset.language === language.value)
        && (!terms.length || (!!e && terms.every((t) => e.folded.includes(t))));
      card.hidden = !ok;
      const p = card.querySelector<HTMLElement>('.site-snippet');
      if (p) {
        if (ok && terms.length && e) snippet(p, e, terms, fold(search.value.trim().replace(/\s+/g, ' ')));
        else p.hidden = true;
      }
      if (ok) shown++;
    }
    count.textContent = (count.dataset.template ?? '{0} / {1}').replace('{0}', String(shown)).replace('{1}', String(cards.length));
    empty.hidden = shown > 0;
    // What the cards show now (tests and scripts wait for it).
    if (data) list.dataset.query = search.value;
    // The state lives in the address, so a search can be shared and Back restores it.
    const params = new URLSearchParams();
    if (search.value) params.set('q', search.value);
    if (kind.value) params.set('kind', kind.value);
    if (persona.value) params.set('persona', persona.value);
    if (language.value) params.set('language', language.value);
    const hash = params.toString();
    history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
  };
  const initial = new URLSearchParams(location.hash.slice(1));
  search.value = initial.get('q') ?? '';
  for (const [el, key] of [[kind, 'kind'], [persona, 'persona'], [language, 'language']] as const) {
    const v = initial.get(key);
    if (v && [...el.options].some((o) => o.value === v)) el.value = v;
    el.addEventListener('change', update);
  }
  search.addEventListener('input', update);
  search.addEventListener('focus', () => void loadSearch());
  update();
  afterLoad(() => void loadSearch());
}

/** For tests and other page scripts: the folding the index was built with. */
(window as unknown as { cjmFold?: typeof fold }).cjmFold = fold;

document.addEventListener('DOMContentLoaded', () => {
  initTheme();
  initZoom();
  initIndex();
  initHistoryLoader();
});
