import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ObjectName, SCHEMA, analyze, buildJsonSchema } from '@cjm/core';
import { ROOT, example } from '../helpers';

type Schema = Record<string, unknown>;
const schema = buildJsonSchema() as Schema;

test('schemas/cjm.schema.json is exactly what buildJsonSchema() generates (run `npm run gen:schema`)', () => {
  const committed = JSON.parse(readFileSync(join(ROOT, 'schemas', 'cjm.schema.json'), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(schema)));
});

/** The schema of each object in the SCHEMA table: the root for the map, a definition for the rest. */
function objectSchema(o: ObjectName): Schema {
  return o === 'map' ? schema : ((schema.definitions as Record<string, Schema>)[o]);
}

test('every object and key of the SCHEMA table is in the JSON Schema, with its doc and required flag', () => {
  for (const o of Object.keys(SCHEMA) as ObjectName[]) {
    const s = objectSchema(o);
    assert.ok(s, o);
    assert.equal(s.additionalProperties, false, o);
    const props = s.properties as Record<string, Schema>;
    for (const f of SCHEMA[o]) {
      assert.ok(props[f.key], `${o}.${f.key}`);
      assert.equal(props[f.key].description, f.doc, `${o}.${f.key}`);
    }
    // A map needs `stages` unless it is a library: the schema says so with `anyOf`.
    const required = SCHEMA[o].filter((f) => f.required && !(o === 'map' && f.key === 'stages')).map((f) => f.key);
    assert.deepEqual(((s.required as string[] | undefined) ?? []).sort(), required.sort(), o);
    if (o === 'map') assert.deepEqual((s.anyOf as Schema[])[0], { required: ['stages'] });
  }
});

test('the only extra keys the JSON Schema allows are aliases the parser reads as a real key', () => {
  for (const o of Object.keys(SCHEMA) as ObjectName[]) {
    const known = new Set(SCHEMA[o].map((f) => f.key));
    for (const key of Object.keys(objectSchema(o).properties as object)) {
      if (known.has(key)) continue;
      const text = aliasProbe(o, key);
      const a = analyze(text);
      const d = a.diagnostics.find((x) => x.code === 'deprecated-key');
      assert.ok(d, `${o}.${key} is not read as an alias: ${a.diagnostics.map((x) => x.code).join(', ')}`);
      assert.equal(text.slice(d.span.start, d.span.end), key);
    }
  }
});

/** A valid map with `key: x` added to one object of the given kind. */
function aliasProbe(o: ObjectName, key: string): string {
  const step = '      - name: Pays\n        emotion: happy\n';
  if (o === 'map') return `cjm: 1\ntitle: T\n${key}: [Do this]\nstages:\n  - id: purchase\n    steps:\n${step}`;
  if (o === 'stage') return `cjm: 1\ntitle: T\nstages:\n  - id: purchase\n    ${key}: [Do this]\n    steps:\n${step}`;
  if (o === 'step') return `cjm: 1\ntitle: T\nstages:\n  - id: purchase\n    steps:\n${step}        ${key}: [Do this]\n`;
  throw new Error(`no probe for ${o}`);
}

/**
 * A small JSON Schema (draft-07) checker for exactly the keywords the generated schema
 * uses; any other keyword fails the test, so the check cannot silently skip a rule.
 */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'deprecationMessage', 'definitions']);
function validate(value: unknown, s: Schema, path: string, errors: string[]): void {
  for (const k of Object.keys(s)) {
    if (!ANNOTATIONS.has(k) && !['$ref', 'allOf', 'anyOf', 'type', 'enum', 'const', 'pattern', 'minimum', 'maximum', 'properties', 'required', 'additionalProperties', 'items'].includes(k)) {
      throw new Error(`the test's checker does not know \`${k}\` (at ${path})`);
    }
  }
  if (typeof s.$ref === 'string') {
    const name = /^#\/definitions\/(.+)$/.exec(s.$ref)?.[1];
    if (!name) throw new Error(`unsupported $ref ${s.$ref}`);
    validate(value, (schema.definitions as Record<string, Schema>)[name], path, errors);
  }
  for (const sub of (s.allOf as Schema[] | undefined) ?? []) validate(value, sub, path, errors);
  if (s.anyOf) {
    const ok = (s.anyOf as Schema[]).some((sub) => {
      const e: string[] = [];
      validate(value, sub, path, e);
      return e.length === 0;
    });
    if (!ok) errors.push(`${path}: matches none of the allowed shapes`);
  }
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (s.type !== undefined) {
    const types = ([] as unknown[]).concat(s.type);
    if (!types.includes(type)) {
      errors.push(`${path}: ${type} is not ${types.join('|')}`);
      return;
    }
  }
  if (s.enum && !(s.enum as unknown[]).includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not allowed`);
  if ('const' in s && s.const !== value) errors.push(`${path}: must be ${JSON.stringify(s.const)}`);
  if (typeof value === 'string' && typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) errors.push(`${path}: "${value}" does not match ${s.pattern}`);
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) errors.push(`${path}: below ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) errors.push(`${path}: above ${s.maximum}`);
  }
  if (type === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (s.properties as Record<string, Schema> | undefined) ?? {};
    for (const r of (s.required as string[] | undefined) ?? []) if (!(r in obj)) errors.push(`${path}: missing ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) validate(v, props[k], `${path}.${k}`, errors);
      else if (s.additionalProperties === false) errors.push(`${path}: unknown key ${k}`);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') validate(v, s.additionalProperties as Schema, `${path}.${k}`, errors);
    }
  }
  if (type === 'array' && s.items) (value as unknown[]).forEach((v, i) => validate(v, s.items as Schema, `${path}[${i}]`, errors));
}

function errorsFor(file: string): string[] {
  const errors: string[] = [];
  validate(parse(readFileSync(file, 'utf8')), schema, '$', errors);
  return errors;
}

test('every example validates against the JSON Schema', () => {
  const files = readdirSync(example()).filter((f) => f.endsWith('.cjm'));
  assert.ok(files.length >= 7);
  for (const f of files) assert.deepEqual(errorsFor(example(f)), [], f);
});

test('the JSON Schema rejects what cjm rejects in the broken examples, at the same place', () => {
  const cases: Array<[string, RegExp]> = [
    ['unknown-key.cjm', /^\$: unknown key tittle$/],
    ['unknown-key.cjm', /^\$\.stages\[0\]\.steps\[0\]: unknown key emotoin$/],
    ['unknown-key.cjm', /^\$: missing title$/],
    ['wrong-type.cjm', /^\$\.personas: string is not array\|null$/],
    ['wrong-type.cjm', /^\$\.stages\[1\]\.steps\[0\]\.criticality: "very high" is not allowed$/],
    ['score-out-of-range.cjm', /^\$\.stages\[0\]\.steps\[0\]\.emotion: matches none/],
    ['score-out-of-range.cjm', /^\$\.stages\[0\]\.steps\[2\]\.emotion: matches none/],
    ['unknown-emotion.cjm', /^\$\.stages\[0\]\.steps\[0\]\.emotion: matches none/],
    ['version-and-kind.cjm', /^\$\.cjm: must be 1$/],
    ['version-and-kind.cjm', /^\$\.kind: "current-stat" is not allowed$/],
    ['missing-field.cjm', /^\$\.stages\[0\]\.steps\[1\]: missing name$/],
  ];
  for (const [file, re] of cases) {
    const errors = errorsFor(example('broken', file));
    assert.ok(errors.some((e) => re.test(e)), `${file}: ${re} not in\n${errors.join('\n')}`);
  }
});

test('emotion names, numbers on the −3…+3 scale and Mermaid n/5 scores are all accepted', () => {
  const emotion = (schema.definitions as Record<string, Schema>).emotion;
  for (const ok of ['frustrated', 'тревога', 'zły', 'восторг', 'zaniepokojony', -3, 0, 1.5, 3, '1/5', '4/5', '4.5/5', '5/5']) {
    const e: string[] = [];
    validate(ok, emotion, 'e', e);
    assert.deepEqual(e, [], String(ok));
  }
  for (const bad of ['frustarted', -3.5, 4, '0/5', '6/5', '5.5/5', '2', true]) {
    const e: string[] = [];
    validate(bad, emotion, 'e', e);
    assert.notDeepEqual(e, [], String(bad));
  }
});
