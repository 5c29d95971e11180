/**
 * The .cjm format as a JSON Schema, generated from the SCHEMA table so other YAML tools
 * (yaml-language-server, CI linters) check what cjm checks. scripts/gen-schema.mjs writes
 * it to schemas/cjm.schema.json and a test keeps that file equal to this output.
 *
 * Draft-07, because it is the newest draft yaml-language-server and most validators
 * support fully. The schema accepts what the parser accepts (e.g. a number where text is
 * expected, since YAML reads `current: 4.3` as a number and cjm keeps the spelling); rules
 * that need the whole map (references, duplicate ids, hints) stay with `cjm check`.
 */
import { FieldSpec, FieldType, ID_PATTERN, KEY_ALIASES, ObjectName, SCHEMA } from './schema';
import { VALENCE_MAX, VALENCE_MIN } from './vocabulary/emotions';
import { STAGES } from './vocabulary/stages';
import { VocabularyName, vocabularyWords } from './vocabulary/words';

export const JSON_SCHEMA_ID = 'https://cjm-tools.github.io/cjm/schemas/cjm.schema.json';

/** Everyday words read as another key (the parser reports them with a hint); mirrors parse.ts. */

type Json = { [key: string]: unknown };

/** Any YAML scalar: cjm reads numbers and booleans where text is expected, as written. */
const SCALAR: Json = { type: ['string', 'number', 'boolean'] };

/** Mermaid journey scores 1/5 … 5/5 (decimals allowed), as the parser reads them. */
export const MERMAID_SCORE_PATTERN = '^\\s*([1-4](\\.\\d+)?|5(\\.0+)?)\\s*/\\s*5\\s*$';

/** `YYYY-MM-DD` or `YYYY-MM`; the parser also checks that the day exists. */
export const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?$';

/** Ids first, then every language's labels and forms, as the language packs write them. */
function words(vocabulary: VocabularyName): string[] {
  return [...new Set(vocabularyWords(vocabulary).map((w) => w.text))];
}

function fieldSchema(object: ObjectName, f: FieldSpec): Json {
  const t = typeSchema(object, f.key, f.type);
  // Draft-07 ignores keywords next to `$ref`, so a field's doc wraps the reference.
  return '$ref' in t ? { description: f.doc, allOf: [t] } : { description: f.doc, ...t };
}

function typeSchema(object: ObjectName, key: string, t: FieldType): Json {
  switch (t.t) {
    case 'version':
      return { const: 1 };
    case 'string':
      return t.many ? { $ref: '#/definitions/text' } : { ...SCALAR };
    case 'date':
      return { type: 'string', pattern: DATE_PATTERN };
    case 'object':
      return { $ref: `#/definitions/${t.of}` };
    case 'ref':
      return t.many ? { anyOf: [{ ...SCALAR }, { type: 'array', items: { ...SCALAR } }] } : { ...SCALAR };
    case 'id': {
      const id: Json = { type: ['string', 'number'], pattern: ID_PATTERN.source };
      if (object === 'stage' && key === 'id') id.examples = STAGES.map((s) => s.id);
      return id;
    }
    case 'enum':
      if (t.vocabulary === 'language') {
        // A code with a region or script (`ru-RU`, `pl_PL`) names its language too.
        return { anyOf: [{ enum: words(t.vocabulary) }, { type: 'string', pattern: `^(${t.values.join('|')})([-_][A-Za-z0-9]{2,8})+$` }] };
      }
      return { enum: t.vocabulary ? words(t.vocabulary) : [...t.values] };
    case 'text':
    case 'evidence':
      return { $ref: '#/definitions/text' };
    case 'emotion':
      return { $ref: '#/definitions/emotion' };
    case 'lanes':
      return { type: ['object', 'null'], additionalProperties: { $ref: '#/definitions/text' } };
    case 'list': {
      const item: Json = t.shorthand ? { anyOf: [SCALAR, { $ref: `#/definitions/${t.of}` }] } : { $ref: `#/definitions/${t.of}` };
      return { type: ['array', 'null'], items: item };
    }
  }
}

function objectSchema(object: ObjectName): Json {
  const properties: Json = {};
  for (const f of SCHEMA[object]) properties[f.key] = fieldSchema(object, f);
  for (const [alias, target] of Object.entries(KEY_ALIASES[object] ?? {})) {
    const f = SCHEMA[object].find((x) => x.key === target);
    if (!f) continue;
    const message = `\`${alias}\` is read as \`${target}\`; write \`${target}\` so every tool agrees.`;
    properties[alias] = { ...fieldSchema(object, f), description: message, deprecationMessage: message };
  }
  const required = SCHEMA[object].filter((f) => f.required).map((f) => f.key);
  if (object === 'map') {
    // A library (`kind: library`, in any language) is declarations only: no stages needed.
    const library = vocabularyWords('kind').filter((w) => w.id === 'library').map((w) => w.text);
    return {
      type: 'object',
      properties,
      required: required.filter((k) => k !== 'stages'),
      anyOf: [{ required: ['stages'] }, { properties: { kind: { enum: [...new Set(library)] } }, required: ['kind'] }],
      additionalProperties: false,
    };
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

const OBJECT_TITLES: Record<Exclude<ObjectName, 'map'>, string> = {
  persona: 'Persona',
  channel: 'Channel',
  team: 'Team',
  source: 'Research source',
  lane: 'Custom lane',
  kpi: 'KPI',
  opportunity: 'Opportunity',
  stage: 'Stage',
  step: 'Step',
  experiment: 'Experiment (A/B test)',
  measurement: 'Dated KPI value',
};

export function buildJsonSchema(): object {
  const definitions: Json = {
    text: {
      description: 'Text, or a list of texts (one per line in the map).',
      anyOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array', items: { type: ['string', 'number', 'boolean', 'null'] } }],
    },
    emotionValue: {
      description: `An emotion name (in English, Russian or Polish), a score from ${VALENCE_MIN} to +${VALENCE_MAX}, or a Mermaid score from 1/5 to 5/5. cjm itself also accepts the names in any letter case and without diacritics.`,
      anyOf: [
        { type: 'number', minimum: VALENCE_MIN, maximum: VALENCE_MAX },
        { type: 'string', pattern: MERMAID_SCORE_PATTERN },
        { type: 'string', enum: words('emotion') },
      ],
    },
    emotion: {
      description: 'One emotion for the step, or one per persona: a mapping from persona ids to emotions.',
      anyOf: [
        { $ref: '#/definitions/emotionValue' },
        // Keys are persona ids; `cjm check` says which are not declared.
        { type: 'object', additionalProperties: { $ref: '#/definitions/emotionValue' } },
      ],
    },
  };
  for (const o of Object.keys(OBJECT_TITLES) as Array<keyof typeof OBJECT_TITLES>) {
    definitions[o] = { title: OBJECT_TITLES[o], ...objectSchema(o) };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: JSON_SCHEMA_ID,
    $comment: 'Generated from core/schema.ts by scripts/gen-schema.mjs (npm run gen:schema). Do not edit by hand.',
    title: 'Customer journey map (.cjm)',
    description: 'A customer journey map written as YAML: stages and steps with touchpoints, channels, emotions, pains, joys and opportunities. See docs/language.md.',
    ...objectSchema('map'),
    definitions,
  };
}
