/** "CJM: New Journey Map": pick a kind, get an untitled map from a commented template. */
import * as vscode from 'vscode';
// Deep imports keep the parser out of the extension bundle: templates need only the vocabularies.
import { kindHint, mapTemplate } from '@cjm/core/templates';
import { MAP_KINDS } from '@cjm/core/vocabulary/kinds';
import { Locale, toLocale } from '@cjm/core/vocabulary/locale';

const PLACEHOLDER: Record<Locale, string> = {
  en: 'Which kind of journey map?',
  ru: 'Какую карту пути клиента создать?',
  pl: 'Jaki rodzaj mapy podróży klienta?',
};

export async function newJourneyMap(): Promise<vscode.TextDocument | undefined> {
  const locale = toLocale(vscode.env.language);
  const items = MAP_KINDS.map((k) => ({ label: k.names[locale], description: k.id, detail: kindHint(k.id, locale), mapKind: k.id }));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: PLACEHOLDER[locale], matchOnDescription: true, matchOnDetail: true });
  if (!pick) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: 'cjm', content: mapTemplate(pick.mapKind, locale) });
  await vscode.window.showTextDocument(doc);
  return doc;
}
