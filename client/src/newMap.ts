/**
 * "CJM: New Journey Map": pick the map's language and its kind, get an untitled map from a
 * commented template in that language. The map's language is the team's, not VS Code's: a
 * Polish team may run VS Code in English.
 */
import * as vscode from 'vscode';
// Deep imports keep the parser out of the extension bundle: templates need only the vocabularies.
import { kindHint, mapTemplate } from '@cjm/core/templates';
import { MAP_KINDS } from '@cjm/core/vocabulary/kinds';
import { LOCALES, Locale, isLocale, pack, toLocale } from '@cjm/core/vocabulary/locale';

/** Arguments for running the command without the pickers (tests, other extensions' links). */
export interface NewMapArgs {
  readonly language?: string;
  readonly kind?: string;
}

const UI: Record<Locale, { language: string; kind: string; vsCodeLanguage: string }> = {
  en: { language: 'Which language is the map written in?', kind: 'Which kind of journey map?', vsCodeLanguage: 'VS Code’s language' },
  ru: { language: 'На каком языке будет карта?', kind: 'Какую карту пути клиента создать?', vsCodeLanguage: 'язык VS Code' },
  pl: { language: 'W jakim języku będzie mapa?', kind: 'Jaki rodzaj mapy podróży klienta?', vsCodeLanguage: 'język VS Code' },
};


async function pickLanguage(ui: Locale): Promise<Locale | undefined> {
  // Each language named in itself, so a reader finds theirs whatever VS Code's language is.
  const items = LOCALES.map((l) => ({ label: pack(l).name, description: l === ui ? UI[ui].vsCodeLanguage : undefined, locale: l }));
  // The editor's language first, so Enter keeps it.
  items.sort((a, b) => Number(b.locale === ui) - Number(a.locale === ui));
  // ignoreFocusOut: a webview that finishes loading takes focus and would close the question
  // under the user's cursor (CI saw the second one vanish while the visual diff loaded).
  const pick = await vscode.window.showQuickPick(items, { placeHolder: UI[ui].language, ignoreFocusOut: true });
  return pick?.locale;
}

async function pickKind(ui: Locale, language: Locale): Promise<string | undefined> {
  // Named in the reader's language; the name the map will carry, when it differs, beside it.
  const items = MAP_KINDS.map((k) => ({
    label: k.names[ui],
    description: k.names[language] !== k.names[ui] ? k.names[language] : undefined,
    detail: kindHint(k.id, ui),
    mapKind: k.id,
  }));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: UI[ui].kind, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  return pick?.mapKind;
}

export async function newJourneyMap(args: NewMapArgs = {}): Promise<vscode.TextDocument | undefined> {
  const ui = toLocale(vscode.env.language);
  const language = args.language && isLocale(args.language) ? args.language : await pickLanguage(ui);
  if (!language) return undefined;
  const kind = args.kind && MAP_KINDS.some((k) => k.id === args.kind) ? args.kind : await pickKind(ui, language);
  if (!kind) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: 'cjm', content: mapTemplate(kind, language) });
  await vscode.window.showTextDocument(doc);
  return doc;
}
