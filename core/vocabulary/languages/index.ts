/**
 * The languages cjm speaks. Adding one is a data file next to these and one line here
 * (docs/translating.md); the compiler then lists every table that still lacks its words.
 */
import type { LanguagePack } from '../pack';
import { en } from './en';
import { pl } from './pl';
import { ru } from './ru';

export const PACKS = {
  en,
  ru,
  pl,
} as const satisfies Readonly<Record<string, LanguagePack>>;
