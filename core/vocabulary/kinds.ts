import { Localized } from './locale';

export interface KindInfo {
  readonly id: string;
  readonly names: Localized;
  readonly description: string;
}

export const MAP_KINDS: readonly KindInfo[] = [
  { id: 'current-state', names: { en: 'Current state', ru: 'Текущее состояние', pl: 'Stan obecny' }, description: 'The journey as customers live it today (as-is): pains included.' },
  { id: 'future-state', names: { en: 'Future state', ru: 'Целевое состояние', pl: 'Stan docelowy' }, description: 'The ideal journey the team designs towards (to-be).' },
  { id: 'service-blueprint', names: { en: 'Service blueprint', ru: 'Сервисный блупринт', pl: 'Blueprint usługi' }, description: 'Adds what the company does behind each touchpoint: frontstage, backstage and support processes.' },
  { id: 'day-in-the-life', names: { en: 'Day in the life', ru: 'Один день из жизни', pl: 'Dzień z życia' }, description: 'An experience map broader than one brand: the whole day or activity of a person.' },
  { id: 'internal-process', names: { en: 'Internal process', ru: 'Внутренний процесс', pl: 'Proces wewnętrzny' }, description: 'The journey of an employee or another internal stakeholder.' },
];

export const LEVELS = ['low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Readonly<Record<Level, Localized>> = {
  low: { en: 'low', ru: 'низкая', pl: 'niska' },
  medium: { en: 'medium', ru: 'средняя', pl: 'średnia' },
  high: { en: 'high', ru: 'высокая', pl: 'wysoka' },
};

export const CHANNEL_TYPES = ['web', 'mobile-app', 'social', 'email', 'phone', 'chat', 'branch', 'store', 'ads', 'partner', 'mail', 'event', 'other'] as const;

export const SOURCE_TYPES = ['survey', 'interview', 'focus-group', 'analytics', 'social-listening', 'reviews', 'support-tickets', 'usability-test', 'observation', 'other'] as const;

export const OPPORTUNITY_STATUSES = ['idea', 'planned', 'in-progress', 'done', 'rejected'] as const;

export const LANGUAGES = ['en', 'ru', 'pl'] as const;
