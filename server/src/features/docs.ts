/** Markdown shown for keys in completion and hover, built from the schema table. */
import { EmotionInfo, FieldSpec, ObjectName, formatScore, objectPhrase } from '@cjm/core';

export function keyDoc(object: ObjectName, f: FieldSpec): string {
  const parts = [`**${f.key}** — in ${objectPhrase(object)}${f.required ? ' (required)' : ''}`, f.doc];
  if (f.example) parts.push('```yaml\n' + f.example + '\n```');
  return parts.join('\n\n');
}

export function emotionDoc(em: EmotionInfo): string {
  const syn = Object.values(em.synonyms).flat();
  return [
    `${em.emoji} **${em.id}** — score ${formatScore(em.score)}`,
    `en: ${em.names.en} · ru: ${em.names.ru} · pl: ${em.names.pl}`,
    syn.length ? `Also: ${syn.join(', ')}` : '',
    scaleDoc(),
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function scaleDoc(): string {
  return 'Emotions sit on a scale from −3 (worst) through 0 (neutral) to +3 (best); the map draws its curve from these scores. A bare number or a Mermaid score like `4/5` works too.';
}
