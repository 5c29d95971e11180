/**
 * Every word the rendered map shows that is not the user's own: lane names, headings,
 * badges. One table for every face (preview, exports, CLI) so they never disagree.
 */
import { LEVEL_NAMES, Locale, Level, MAP_KINDS } from '@cjm/core';

const L = {
  goals: { en: 'Goals', ru: 'Цели', pl: 'Cele' },
  actions: { en: 'Actions', ru: 'Действия', pl: 'Działania' },
  touchpoints: { en: 'Touchpoints', ru: 'Точки контакта', pl: 'Punkty styku' },
  thoughts: { en: 'Thoughts & questions', ru: 'Мысли и вопросы', pl: 'Myśli i pytania' },
  expectations: { en: 'Expectations', ru: 'Ожидания', pl: 'Oczekiwania' },
  emotion: { en: 'Emotions', ru: 'Эмоции', pl: 'Emocje' },
  pains: { en: 'Pains', ru: 'Боли', pl: 'Bolączki' },
  joys: { en: 'Joys', ru: 'Радости', pl: 'Radości' },
  opportunities: { en: 'Opportunities', ru: 'Возможности', pl: 'Szanse' },
  frontstage: { en: 'Frontstage', ru: 'Фронтстейдж', pl: 'Frontstage' },
  backstage: { en: 'Backstage', ru: 'Бэкстейдж', pl: 'Backstage' },
  support: { en: 'Support processes', ru: 'Поддерживающие процессы', pl: 'Procesy wspierające' },
  owners: { en: 'Owners', ru: 'Ответственные', pl: 'Właściciele' },
  kpis: { en: 'KPIs', ru: 'KPI', pl: 'KPI' },
  evidence: { en: 'Evidence', ru: 'Источники', pl: 'Źródła' },
  notes: { en: 'Notes', ru: 'Заметки', pl: 'Notatki' },
  stageOpportunities: { en: 'Stage opportunities', ru: 'Возможности этапа', pl: 'Szanse etapu' },
  stageKpis: { en: 'Stage KPIs', ru: 'KPI этапа', pl: 'KPI etapu' },
  stages: { en: 'Stages', ru: 'Этапы', pl: 'Etapy' },
  steps: { en: 'Steps', ru: 'Шаги', pl: 'Kroki' },
  persona: { en: 'Persona', ru: 'Персона', pl: 'Persona' },
  personaGoals: { en: 'Goals', ru: 'Цели', pl: 'Cele' },
  personaNeeds: { en: 'Needs', ru: 'Потребности', pl: 'Potrzeby' },
  personaFrustrations: { en: 'Frustrations', ru: 'Раздражители', pl: 'Frustracje' },
  criticality: { en: 'Criticality', ru: 'Критичность', pl: 'Krytyczność' },
  impact: { en: 'Impact', ru: 'Влияние', pl: 'Wpływ' },
  effort: { en: 'Effort', ru: 'Усилия', pl: 'Nakład' },
  owner: { en: 'Owner', ru: 'Ответственный', pl: 'Właściciel' },
  status: { en: 'Status', ru: 'Статус', pl: 'Status' },
  current: { en: 'now', ru: 'сейчас', pl: 'teraz' },
  target: { en: 'target', ru: 'цель', pl: 'cel' },
  journeyKpis: { en: 'Journey KPIs', ru: 'KPI пути', pl: 'KPI ścieżki' },
  backlog: { en: 'Improvement backlog', ru: 'Бэклог улучшений', pl: 'Backlog usprawnień' },
  sources: { en: 'Research sources', ru: 'Исследования', pl: 'Źródła badań' },
  channels: { en: 'Channels', ru: 'Каналы', pl: 'Kanały' },
  lineOfVisibility: { en: 'line of visibility', ru: 'линия видимости', pl: 'linia widoczności' },
  noEmotion: { en: 'no emotion recorded', ru: 'эмоция не указана', pl: 'brak emocji' },
  unknownEmotion: { en: 'not understood', ru: 'не распознано', pl: 'nie rozpoznano' },
  noSteps: { en: 'no steps yet', ru: 'шагов пока нет', pl: 'brak kroków' },
  step: { en: 'Step', ru: 'Шаг', pl: 'Krok' },
  stage: { en: 'Stage', ru: 'Этап', pl: 'Etap' },
  emotionCol: { en: 'Emotion', ru: 'Эмоция', pl: 'Emocja' },
  untitled: { en: 'Untitled journey', ru: 'Путь без названия', pl: 'Ścieżka bez nazwy' },
  personas: { en: 'Personas', ru: 'Персоны', pl: 'Persony' },
  diffAdded: { en: 'Added', ru: 'Добавлено', pl: 'Dodane' },
  diffRemoved: { en: 'Removed', ru: 'Удалено', pl: 'Usunięte' },
  diffChanged: { en: 'Changed', ru: 'Изменено', pl: 'Zmienione' },
  diffMoved: { en: 'Moved', ru: 'Перемещено', pl: 'Przeniesione' },
  diffProblems: { en: 'Errors and warnings', ru: 'Ошибки и предупреждения', pl: 'Błędy i ostrzeżenia' },
  curveBefore: { en: 'emotions before', ru: 'эмоции до', pl: 'emocje przed' },
  curveAfter: { en: 'emotions after', ru: 'эмоции после', pl: 'emocje po' },
  changeCount: { en: 'changes', ru: 'изменений', pl: 'zmian' },
  changeList: { en: 'Changes', ru: 'Изменения', pl: 'Zmiany' },
  movedFrom: { en: 'moved from', ru: 'перемещён из', pl: 'przeniesiony z' },
  movedTo: { en: 'moved to', ru: 'перемещён в', pl: 'przeniesiony do' },
  wasPosition: { en: 'was #', ru: 'был №', pl: 'był nr ' },
  noChanges: { en: 'No changes in the journey.', ru: 'В пути ничего не изменилось.', pl: 'Ścieżka się nie zmieniła.' },
  formattingOnly: { en: 'Formatting only: nothing in the journey changed.', ru: 'Изменено только оформление: в пути ничего не изменилось.', pl: 'Tylko formatowanie: w ścieżce nic się nie zmieniło.' },
  noFile: { en: '(no file)', ru: '(нет файла)', pl: '(brak pliku)' },
} as const;

export type LabelKey = keyof typeof L;

export function label(key: LabelKey, locale: Locale): string {
  return L[key][locale];
}

export function levelName(level: Level, locale: Locale): string {
  return LEVEL_NAMES[level][locale];
}

export function kindName(kind: string, locale: Locale): string {
  return MAP_KINDS.find((k) => k.id === kind)?.names[locale] ?? kind;
}

/** A glyph per channel type, so a channel reads at a glance even in a narrow cell. */
const CHANNEL_ICONS: Record<string, string> = {
  web: '🌐', 'mobile-app': '📱', social: '💬', email: '✉️', phone: '📞', chat: '🗨️', branch: '🏦',
  store: '🏬', ads: '📣', partner: '🤝', mail: '📮', event: '🎪', other: '◆',
};

export function channelIcon(type: string | undefined): string {
  return (type && CHANNEL_ICONS[type]) || CHANNEL_ICONS.other;
}
