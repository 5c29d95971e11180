/** The visual diff's own words (chrome, titles, messages) in VS Code's display language; the map's live in render/. */
import type { Locale } from '@cjm/core';
import type { DiffUiLabels } from './protocol';

interface DiffWords extends DiffUiLabels {
  readonly title: string;
  readonly workingTree: string;
  readonly index: string;
  readonly pickRef: string;
  readonly pickRefPlaceholder: string;
  readonly branch: string;
  readonly remoteBranch: string;
  readonly tag: string;
  readonly openMapFirst: string;
  readonly noDiffEditor: string;
  readonly noGitExtension: string;
  readonly gitDisabled: string;
  readonly noRepository: string;
  readonly openSourceControl: string;
  readonly unreadable: string;
}

const WORDS: Record<Locale, DiffWords> = {
  en: {
    previous: 'Previous change', next: 'Next change', changes: 'Changes', before: 'Before', after: 'After', position: 'change', none: 'no changes',
    title: 'Preview Diff', workingTree: 'Working Tree', index: 'Index',
    pickRef: 'Compare the preview with…', pickRefPlaceholder: 'A branch, tag or commit to compare the map with',
    branch: 'branch', remoteBranch: 'remote branch', tag: 'tag',
    openMapFirst: 'Open a .cjm journey map first.',
    noDiffEditor: 'Open a diff editor of a .cjm map first (for example from the Source Control view).',
    noGitExtension: 'Comparing with a git revision needs the built-in Git extension, which is not available here. Open a diff editor of the map and use "Open Preview Diff" instead.',
    gitDisabled: 'The Git extension is disabled (setting "git.enabled"). Enable it to compare with a revision, or open a diff editor of the map and use "Open Preview Diff".',
    noRepository: '{0} is not in a git repository that VS Code has opened. Open the folder of a git repository, or create one for this folder with "Initialize Repository" in the Source Control view.',
    openSourceControl: 'Open Source Control',
    unreadable: 'Could not read {0}: {1}',
  },
  ru: {
    previous: 'Предыдущее изменение', next: 'Следующее изменение', changes: 'Изменения', before: 'До', after: 'После', position: 'изменение', none: 'нет изменений',
    title: 'Сравнение карты', workingTree: 'Рабочее дерево', index: 'Индекс',
    pickRef: 'Сравнить просмотр с…', pickRefPlaceholder: 'Ветка, тег или коммит для сравнения карты',
    branch: 'ветка', remoteBranch: 'удалённая ветка', tag: 'тег',
    openMapFirst: 'Сначала откройте карту пути клиента (.cjm).',
    noDiffEditor: 'Сначала откройте редактор сравнения для карты .cjm (например, из панели системы управления версиями).',
    noGitExtension: 'Для сравнения с ревизией git нужно встроенное расширение Git, а здесь его нет. Откройте редактор сравнения карты и нажмите «Открыть сравнение карты».',
    gitDisabled: 'Расширение Git отключено (параметр "git.enabled"). Включите его или откройте редактор сравнения карты и нажмите «Открыть сравнение карты».',
    noRepository: '{0} не находится в репозитории git, открытом в VS Code. Откройте папку репозитория git или создайте репозиторий для этой папки кнопкой «Инициализировать репозиторий» в представлении системы управления версиями.',
    openSourceControl: 'Открыть систему управления версиями',
    unreadable: 'Не удалось прочитать {0}: {1}',
  },
  pl: {
    previous: 'Poprzednia zmiana', next: 'Następna zmiana', changes: 'Zmiany', before: 'Przed', after: 'Po', position: 'zmiana', none: 'brak zmian',
    title: 'Porównanie mapy', workingTree: 'Drzewo robocze', index: 'Indeks',
    pickRef: 'Porównaj podgląd z…', pickRefPlaceholder: 'Gałąź, tag lub commit do porównania mapy',
    branch: 'gałąź', remoteBranch: 'gałąź zdalna', tag: 'tag',
    openMapFirst: 'Najpierw otwórz mapę ścieżki klienta (.cjm).',
    noDiffEditor: 'Najpierw otwórz edytor różnic mapy .cjm (na przykład z widoku kontroli źródła).',
    noGitExtension: 'Porównanie z rewizją git wymaga wbudowanego rozszerzenia Git, którego tu nie ma. Otwórz edytor różnic mapy i użyj „Otwórz porównanie mapy”.',
    gitDisabled: 'Rozszerzenie Git jest wyłączone (ustawienie "git.enabled"). Włącz je albo otwórz edytor różnic mapy i użyj „Otwórz porównanie mapy”.',
    noRepository: '{0} nie należy do repozytorium git otwartego w VS Code. Otwórz folder repozytorium git albo utwórz repozytorium dla tego folderu przyciskiem „Zainicjuj repozytorium” w widoku kontroli źródła.',
    openSourceControl: 'Otwórz kontrolę źródła',
    unreadable: 'Nie udało się odczytać {0}: {1}',
  },
};

export function diffWords(locale: Locale): DiffWords {
  return WORDS[locale];
}

export function format(template: string, ...args: string[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i) => args[Number(i)] ?? m);
}

/** What a diff side is called in a title: where it is (a URI's scheme and path) and its toolbar label. */
export interface TitledSide {
  readonly scheme: string;
  readonly path: string;
  readonly label: string;
}

/**
 * The diff tab's title, before ↔ after as VS Code's own diff titles and the diff's toolbar read:
 * each side by its file, a revision with its name — "shop.cjm (HEAD) ↔ shop.cjm",
 * "shop.cjm (main) ↔ shop.cjm" — so two comparisons of one map are told apart in the tab bar.
 */
export function diffTitle(before: TitledSide, after: TitledSide): string {
  const name = (side: TitledSide) => {
    const file = side.path.split('/').pop() || side.path;
    return side.scheme === 'git' ? `${file} (${side.label})` : file;
  };
  return `${name(before)} ↔ ${name(after)}`;
}
