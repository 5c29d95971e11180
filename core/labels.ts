/**
 * How a map's nodes are named for people: in the diff, the git projection and anywhere
 * a stage or step must be mentioned in one line. Names are forced onto one line because
 * every consumer (terminal, git hunks, annotations, tables) is line-based.
 */
import type { Emotion, Stage, Step } from './model';
import { Msg, format, msg } from './l10n';
import type { RefKind } from './schema';
import { formatScore, nearestEmotion } from './vocabulary/emotions';
import type { Locale } from './vocabulary/locale';
import { findStage } from './vocabulary/stages';

/** A kind of declaration inside a sentence ("Another persona already has…", "No persona `x` is declared"). */
export const REF_KIND_NOUNS: Readonly<Record<RefKind, Msg>> = {
  persona: msg('persona'),
  channel: msg('channel'),
  team: msg('team'),
  source: msg('source'),
  lane: msg('lane'),
  stage: msg('stage'),
  step: msg('step'),
};

/** Collapses whitespace (including newlines) so a name can never span lines. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The stage's display name: its `name`, else the built-in name in the map's language, else its id. */
export function stageLabel(stage: Stage, index: number, locale: Locale): string {
  const name = stage.name ? oneLine(stage.name.value) : '';
  if (name) return name;
  const id = stage.id ? oneLine(stage.id.value) : '';
  const found = id ? findStage(id, locale) : undefined;
  // The id `purchase` is shown in the map's language; a stage's name written as the id
  // (`покупка`, `Zakup`) is shown as that name, in its own language; any other word the
  // author chose (`checkout`, `оформление`) is shown as written, never translated.
  if (found?.canonical) return found.stage.names[found.locale ?? locale];
  return id || format(locale, msg('Stage {0}', index + 1));
}

export function stepLabel(step: Step, index: number, locale: Locale = 'en'): string {
  const name = step.name ? oneLine(step.name.value) : '';
  if (name) return name;
  const id = step.id ? oneLine(step.id.value) : '';
  return id || format(locale, msg('Step {0}', index + 1));
}

/**
 * `😣 frustrated −2`, `😟 −2` for a bare score, `"meh?" (unknown)` when not understood. The
 * emotion is named by its label in `locale` (English: its id: `😣 раздражение −2`), the word
 * "unknown" in `words`.
 */
export function emotionLabel(e: Emotion, locale: Locale = 'en', words: Locale = locale): string {
  if (e.score === undefined) return format(words, msg('{0} (unknown)', JSON.stringify(oneLine(e.raw))));
  if (e.info) return `${e.info.emoji} ${locale === 'en' ? e.info.id : e.info.names[locale]} ${formatScore(e.score, words)}`;
  return `${nearestEmotion(e.score).emoji} ${formatScore(e.score, words)}${e.form === 'mermaid' ? ` (${oneLine(e.raw)})` : ''}`;
}
