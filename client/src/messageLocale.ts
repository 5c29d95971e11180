import * as vscode from 'vscode';
import { Locale, toLocale } from '@cjm/core/vocabulary/locale';

/** The setting that picks the language of cjm's messages (`auto`: VS Code's display language). */
export const LOCALE_SETTING = 'cjm.locale';

/**
 * The language cjm's messages are shown in (diagnostics, quick fixes, the preview's problem
 * list): `cjm.locale`, or VS Code's display language when it is `auto`. The language server
 * is started with it; the preview reads it on every render, so both always agree.
 */
export function messageLocaleTag(): string {
  const chosen = vscode.workspace.getConfiguration('cjm').get<string>('locale', 'auto');
  return chosen && chosen !== 'auto' ? chosen : vscode.env.language;
}

export function messageLocale(): Locale {
  return toLocale(messageLocaleTag());
}

/** The setting that picks the language of a drawn map's labels: `map` (the map's own) or `editor`. */
export const PREVIEW_LANGUAGE = 'cjm.preview.language';

/**
 * The language a drawn map's labels are in (the preview, the visual diff): the map's own,
 * unless `cjm.preview.language` says the editor's. Stage and emotion names follow the map
 * either way.
 */
export function labelLocale(mapLanguage: Locale, editor: Locale): Locale {
  return vscode.workspace.getConfiguration().get<string>(PREVIEW_LANGUAGE) === 'editor' ? editor : mapLanguage;
}
