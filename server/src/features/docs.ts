/** Markdown shown for keys in completion and hover, built from the schema table. */
import { EmotionInfo, FieldSpec, Locale, ObjectName, formatScore, objectPhraseIn, t } from '@cjm/core';

export function keyDoc(object: ObjectName, f: FieldSpec, locale: Locale = 'en'): string {
  const where = f.required ? t(locale, 'in {0} (required)', objectPhraseIn(object, locale)) : t(locale, 'in {0}', objectPhraseIn(object, locale));
  const parts = [`**${f.key}** — ${where}`, f.doc];
  if (f.example) parts.push('```yaml\n' + f.example + '\n```');
  return parts.join('\n\n');
}

export function emotionDoc(em: EmotionInfo, locale: Locale = 'en'): string {
  const syn = Object.values(em.synonyms).flat();
  return [
    `${em.emoji} **${em.id}** — ${t(locale, 'score {0}', formatScore(em.score))}`,
    `en: ${em.names.en} · ru: ${em.names.ru} · pl: ${em.names.pl}`,
    syn.length ? t(locale, 'Also: {0}', syn.join(', ')) : '',
    scaleDoc(locale),
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function scaleDoc(locale: Locale = 'en'): string {
  return t(locale, 'Emotions sit on a scale from −3 (worst) through 0 (neutral) to +3 (best); the map draws its curve from these scores. A bare number or a Mermaid score like `4/5` works too.');
}
