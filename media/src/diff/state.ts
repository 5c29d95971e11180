/**
 * The diff panel's own state (mode, current change, which two documents), kept with
 * vscode.setState so it survives hiding the panel and, through the serializer, a reload.
 * What comes back from getState is validated: it may be from an older version.
 */
import { DiffSettings, DiffState, validDiffState } from '../../../client/src/diff/protocol';
import { vscode } from './messaging';

export function readSettings(): DiffSettings {
  const raw = document.getElementById('cjm-settings')?.getAttribute('data-settings');
  if (!raw) throw new Error('cjm diff: settings missing from the page');
  return JSON.parse(raw) as DiffSettings;
}

let current: DiffState;

export function initState(fromShell: DiffState): DiffState {
  const saved = validDiffState(vscode.getState());
  const same = saved && saved.before === fromShell.before && saved.after === fromShell.after;
  current = same ? { ...fromShell, mode: saved.mode, current: saved.current } : fromShell;
  vscode.setState(current);
  return current;
}

export function getState(): DiffState {
  return current;
}

export function updateState(patch: Partial<DiffState>): DiffState {
  current = validDiffState({ ...current, ...patch }) ?? current;
  vscode.setState(current);
  return current;
}
