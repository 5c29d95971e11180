/** Markdown shown for keys in completion and hover, built from the schema table. */
import { FieldSpec, ObjectName, objectPhrase } from '@cjm/core';

export function keyDoc(object: ObjectName, f: FieldSpec): string {
  const parts = [`**${f.key}** — in ${objectPhrase(object)}${f.required ? ' (required)' : ''}`, f.doc];
  if (f.example) parts.push('```yaml\n' + f.example + '\n```');
  return parts.join('\n\n');
}
