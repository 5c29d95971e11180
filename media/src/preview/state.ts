/**
 * The preview's own state (zoom, fit, view, scroll, which document, lock), kept with
 * vscode.setState so it survives hiding the panel and, through the serializer, a reload.
 * Whatever comes back from getState is validated: it may be from an older version.
 */
import { PreviewSettings, PreviewState, validState } from '../../../client/src/preview/protocol';
import { vscode } from './messaging';

export function readSettings(): PreviewSettings {
  const el = document.getElementById('cjm-settings');
  const raw = el?.getAttribute('data-settings');
  if (!raw) throw new Error('cjm preview: settings missing from the page');
  return JSON.parse(raw) as PreviewSettings;
}

let current: PreviewState;

export function initState(fromShell: PreviewState): PreviewState {
  const saved = validState(vscode.getState());
  // The saved state wins for view settings only when it is about the same document.
  current = saved && saved.uri === fromShell.uri ? { ...fromShell, zoom: saved.zoom, fit: saved.fit, view: saved.view, scrollX: saved.scrollX, scrollY: saved.scrollY, ...(saved.personaFilter ? { personaFilter: saved.personaFilter } : {}), ...(saved.showCurrentState !== undefined ? { showCurrentState: saved.showCurrentState } : {}) } : fromShell;
  vscode.setState(current);
  return current;
}

export function getState(): PreviewState {
  return current;
}

export function updateState(patch: Partial<PreviewState>): PreviewState {
  const next: Record<string, unknown> = { ...current, ...patch };
  // `personaFilter: undefined` in a patch clears the filter.
  if ('personaFilter' in patch && patch.personaFilter === undefined) delete next.personaFilter;
  current = validState(next) ?? current;
  vscode.setState(current);
  return current;
}
