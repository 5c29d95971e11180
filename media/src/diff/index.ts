/**
 * The visual diff webview's boot: wires the typed channel (client/src/diff/protocol.ts) to
 * the DOM modules. The extension sends the rendered diff (render/diff-view.ts)
 * with a render version; this script patches it in, keeps the mode and the current change,
 * and reports clicks back so the extension can show their source.
 */
import type { DiffCommandMessage, DiffMode, DiffRenderMessage, DiffSide, ToDiffWebview } from '../../../client/src/diff/protocol';
import { patchHtml } from '../preview/dom-patch';
import { installSticky } from '../preview/sticky';
import { snapshot } from './inspect';
import { onMessage, post } from './messaging';
import { applyMode } from './mode';
import { changeCount, markCurrent, scrollToElement, step } from './navigation';
import { getState, initState, readSettings, updateState } from './state';

const settings = readSettings();
initState(settings.state);

const content = document.getElementById('cjm-content') as HTMLElement;
const position = document.querySelector('.cjm-position') as HTMLElement | null;
const sides = document.querySelector('.cjm-sides') as HTMLElement | null;

let version = -1;
// The toolbar wraps in a narrow panel, and the grid's header rows stick under it.
const updateSticky = installSticky(content, document.querySelector('.cjm-toolbar'));

function showPosition(): void {
  const n = changeCount(content);
  const i = getState().current;
  if (position) position.textContent = n ? `${i >= 0 ? i + 1 : '–'} / ${n}` : settings.labels.none;
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-command="previous"],[data-command="next"]'))) b.disabled = !n;
}

function setMode(mode: DiffMode): void {
  updateState({ mode });
  applyMode(document, mode);
}

function goTo(index: number, scroll = true): void {
  updateState({ current: index });
  const el = markCurrent(content, index);
  if (el && scroll) scrollToElement(el);
  showPosition();
}

function render(m: DiffRenderMessage): void {
  if (m.version < version) return; // an older render overtaken by a newer one
  version = m.version;
  document.title = m.title;
  patchHtml(content, m.html);
  if (sides) sides.textContent = `${m.beforeLabel} ↔ ${m.afterLabel}`;
  applyMode(document, getState().mode);
  updateSticky();
  // The change list may have shrunk under the reviewer's feet: stay on a change that exists.
  const n = changeCount(content);
  const current = getState().current;
  if (current >= n) updateState({ current: n - 1 });
  markCurrent(content, getState().current);
  showPosition();
}

function runCommand(command: DiffCommandMessage['command']): void {
  switch (command) {
    case 'next': return goTo(step(getState().current, changeCount(content), 1));
    case 'previous': return goTo(step(getState().current, changeCount(content), -1));
    case 'showChanges': return setMode('changes');
    case 'showBefore': return setMode('before');
    case 'showAfter': return setMode('after');
  }
}

function handle(m: ToDiffWebview): void {
  switch (m.type) {
    case 'render':
      return render(m);
    case 'command':
      return runCommand(m.command);
    case 'inspect':
      post({ type: 'inspected', requestId: m.requestId, snapshot: snapshot(version, getState().mode, getState().current) });
      return;
    case 'click': {
      const el = document.querySelector(m.selector);
      if (el) el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      post({ type: 'clicked', requestId: m.requestId, found: !!el });
      return;
    }
  }
}

onMessage(handle);

document.querySelector('.cjm-toolbar')?.addEventListener('click', (e) => {
  const button = (e.target as Element).closest('button');
  if (!button) return;
  const command = button.getAttribute('data-command') as DiffCommandMessage['command'] | null;
  if (command) runCommand(command);
  const mode = button.getAttribute('data-mode') as DiffMode | null;
  if (mode) setMode(mode);
});

function changeIndexOf(el: Element | null): number | undefined {
  const raw = el?.closest('[data-change]')?.getAttribute('data-change');
  const first = raw ? Number(raw.split(' ')[0]) : NaN;
  return Number.isInteger(first) ? first : undefined;
}

content.addEventListener('click', (e) => {
  const target = e.target as Element | null;
  if (!target || window.getSelection()?.toString()) return;
  if (target.closest('a[href]')) {
    e.preventDefault();
    return;
  }
  // A change list entry: go to the change in the grid and to its source.
  const entry = target.closest('li.cjm-change');
  if (entry) {
    const index = changeIndexOf(entry)!;
    goTo(index);
    post({ type: 'revealChange', version, index });
    return;
  }
  // In the grid: make the clicked change current, and select the clicked thing's source on its side.
  const index = changeIndexOf(target);
  if (index !== undefined) goTo(index, false);
  const withSpan = target.closest('[data-start]');
  if (withSpan) {
    // Elements both versions share carry the new side's offsets; old-only ones say so.
    const side: DiffSide = withSpan.closest('[data-side="before"]') ? 'before' : 'after';
    const start = Number(withSpan.getAttribute('data-start'));
    const end = Number(withSpan.getAttribute('data-end'));
    if (Number.isFinite(start) && Number.isFinite(end)) post({ type: 'revealSpan', version, side, start, end });
  } else if (index !== undefined) post({ type: 'revealChange', version, index });
});

content.addEventListener('keydown', (e) => {
  const target = e.target as Element | null;
  if ((e.key === 'Enter' || e.key === ' ') && target?.matches('li.cjm-change')) {
    e.preventDefault();
    target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }
});

// Alt+↓ / Alt+↑ and F7 / Shift+F7, as in VS Code's own diff editor.
window.addEventListener('keydown', (e) => {
  if ((e.altKey && e.key === 'ArrowDown') || (e.key === 'F7' && !e.shiftKey)) runCommand('next');
  else if ((e.altKey && e.key === 'ArrowUp') || (e.key === 'F7' && e.shiftKey)) runCommand('previous');
});

applyMode(document, getState().mode);
showPosition();
post({ type: 'ready' });
