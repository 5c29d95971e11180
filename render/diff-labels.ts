/**
 * The change kinds of the semantic diff (core/diff/types.ts) as the visual diff's change
 * list names them. Typed against every kind, so a new kind cannot ship without its words.
 */
import type { ChangeKind, Locale } from '@cjm/core';

type Words = Readonly<Record<Locale, string>>;

const KINDS: Readonly<Record<ChangeKind, Words>> = {
  'title-changed': { en: 'Title changed', ru: 'Изменено название', pl: 'Zmieniono tytuł' },
  'kind-changed': { en: 'Map kind changed', ru: 'Изменён тип карты', pl: 'Zmieniono rodzaj mapy' },
  'map-changed': { en: 'Map changed', ru: 'Изменена карта', pl: 'Zmieniono mapę' },
  'persona-added': { en: 'Persona added', ru: 'Добавлена персона', pl: 'Dodano personę' },
  'persona-removed': { en: 'Persona removed', ru: 'Удалена персона', pl: 'Usunięto personę' },
  'persona-changed': { en: 'Persona changed', ru: 'Изменена персона', pl: 'Zmieniono personę' },
  'channel-added': { en: 'Channel added', ru: 'Добавлен канал', pl: 'Dodano kanał' },
  'channel-removed': { en: 'Channel removed', ru: 'Удалён канал', pl: 'Usunięto kanał' },
  'channel-changed': { en: 'Channel changed', ru: 'Изменён канал', pl: 'Zmieniono kanał' },
  'team-added': { en: 'Team added', ru: 'Добавлена команда', pl: 'Dodano zespół' },
  'team-removed': { en: 'Team removed', ru: 'Удалена команда', pl: 'Usunięto zespół' },
  'team-changed': { en: 'Team changed', ru: 'Изменена команда', pl: 'Zmieniono zespół' },
  'source-added': { en: 'Research source added', ru: 'Добавлен источник', pl: 'Dodano źródło' },
  'source-removed': { en: 'Research source removed', ru: 'Удалён источник', pl: 'Usunięto źródło' },
  'source-changed': { en: 'Research source changed', ru: 'Изменён источник', pl: 'Zmieniono źródło' },
  'lane-added': { en: 'Lane added', ru: 'Добавлена дорожка', pl: 'Dodano wiersz' },
  'lane-removed': { en: 'Lane removed', ru: 'Удалена дорожка', pl: 'Usunięto wiersz' },
  'lane-changed': { en: 'Lane changed', ru: 'Изменена дорожка', pl: 'Zmieniono wiersz' },
  'stage-added': { en: 'Stage added', ru: 'Добавлен этап', pl: 'Dodano etap' },
  'stage-removed': { en: 'Stage removed', ru: 'Удалён этап', pl: 'Usunięto etap' },
  'stage-renamed': { en: 'Stage renamed', ru: 'Этап переименован', pl: 'Zmieniono nazwę etapu' },
  'stage-moved': { en: 'Stage moved', ru: 'Этап перемещён', pl: 'Przeniesiono etap' },
  'stage-changed': { en: 'Stage changed', ru: 'Изменён этап', pl: 'Zmieniono etap' },
  'step-added': { en: 'Step added', ru: 'Добавлен шаг', pl: 'Dodano krok' },
  'step-removed': { en: 'Step removed', ru: 'Удалён шаг', pl: 'Usunięto krok' },
  'step-moved': { en: 'Step moved', ru: 'Шаг перемещён', pl: 'Przeniesiono krok' },
  'step-reordered': { en: 'Step reordered', ru: 'Шаг переставлен', pl: 'Zmieniono kolejność kroku' },
  'step-changed': { en: 'Step changed', ru: 'Изменён шаг', pl: 'Zmieniono krok' },
  'emotion-dropped': { en: 'Emotion dropped', ru: 'Эмоция ухудшилась', pl: 'Emocja spadła' },
  'emotion-rose': { en: 'Emotion rose', ru: 'Эмоция улучшилась', pl: 'Emocja wzrosła' },
  'emotion-changed': { en: 'Emotion changed', ru: 'Эмоция изменилась', pl: 'Emocja zmieniona' },
  'emotion-added': { en: 'Emotion added', ru: 'Добавлена эмоция', pl: 'Dodano emocję' },
  'emotion-removed': { en: 'Emotion removed', ru: 'Удалена эмоция', pl: 'Usunięto emocję' },
  'pain-added': { en: 'Pain added', ru: 'Добавлена боль', pl: 'Dodano bolączkę' },
  'pain-resolved': { en: 'Pain resolved', ru: 'Боль устранена', pl: 'Bolączka usunięta' },
  'joy-added': { en: 'Joy added', ru: 'Добавлена радость', pl: 'Dodano radość' },
  'joy-removed': { en: 'Joy removed', ru: 'Удалена радость', pl: 'Usunięto radość' },
  'pain-reworded': { en: 'Pain reworded', ru: 'Боль переформулирована', pl: 'Zmieniono opis bolączki' },
  'joy-reworded': { en: 'Joy reworded', ru: 'Радость переформулирована', pl: 'Zmieniono opis radości' },
  'opportunity-added': { en: 'Opportunity added', ru: 'Добавлена возможность', pl: 'Dodano szansę' },
  'opportunity-removed': { en: 'Opportunity removed', ru: 'Удалена возможность', pl: 'Usunięto szansę' },
  'opportunity-changed': { en: 'Opportunity changed', ru: 'Изменена возможность', pl: 'Zmieniono szansę' },
  'evidence-added': { en: 'Evidence added', ru: 'Добавлен источник данных', pl: 'Dodano dowód' },
  'evidence-removed': { en: 'Evidence removed', ru: 'Удалён источник данных', pl: 'Usunięto dowód' },
  'kpi-added': { en: 'KPI added', ru: 'Добавлен KPI', pl: 'Dodano KPI' },
  'kpi-removed': { en: 'KPI removed', ru: 'Удалён KPI', pl: 'Usunięto KPI' },
  'kpi-changed': { en: 'KPI changed', ru: 'Изменён KPI', pl: 'Zmieniono KPI' },
  'error-introduced': { en: 'New error', ru: 'Новая ошибка', pl: 'Nowy błąd' },
  'error-fixed': { en: 'Error fixed', ru: 'Ошибка исправлена', pl: 'Naprawiono błąd' },
  'warning-introduced': { en: 'New warning', ru: 'Новое предупреждение', pl: 'Nowe ostrzeżenie' },
  'warning-fixed': { en: 'Warning fixed', ru: 'Предупреждение исправлено', pl: 'Naprawiono ostrzeżenie' },
};

export function changeKindLabel(kind: ChangeKind, locale: Locale): string {
  return KINDS[kind][locale];
}
