/** Markdown shown for keys in completion and hover, built from the schema table. */
import { EmotionInfo, FieldSpec, LOCALES, Locale, ObjectName, fieldDoc, fieldExample, formatScore, objectPhraseIn, t } from '@cjm/core';

export function keyDoc(object: ObjectName, f: FieldSpec, locale: Locale = 'en'): string {
  const where = f.required ? t(locale, 'in {0} (required)', objectPhraseIn(object, locale)) : t(locale, 'in {0}', objectPhraseIn(object, locale));
  const parts = [`**${f.key}** — ${where}`, fieldDoc(f, locale)];
  const example = fieldExample(f, locale);
  if (example) parts.push('```yaml\n' + example + '\n```');
  return parts.join('\n\n');
}

export function emotionDoc(em: EmotionInfo, locale: Locale = 'en'): string {
  if (locale === 'en') {
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
  // A Russian or Polish reader gets the emotion by its name in their language; the id,
  // which every language accepts, is code. English words are the English reader's.
  const others = LOCALES.filter((l) => l !== 'en' && l !== locale);
  const forms = [...em.forms[locale], ...others.flatMap((l) => em.forms[l])];
  return [
    `${em.emoji} **${em.names[locale]}** (\`${em.id}\`) — ${t(locale, 'score {0}', formatScore(em.score, locale))}`,
    others.map((l) => `${l}: ${em.names[l]}`).join(' · '),
    forms.length ? t(locale, 'Also: {0}', forms.join(', ')) : '',
    scaleDoc(locale),
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function scaleDoc(locale: Locale = 'en'): string {
  return t(locale, 'Emotions sit on a scale from −3 (worst) through 0 (neutral) to +3 (best); the map draws its curve from these scores. A bare number or a Mermaid score like `4/5` works too.');
}
