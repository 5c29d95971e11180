/**
 * Every documented field reaches a reader: a map is generated from the schema table itself
 * (core/schema.ts: every key of every object, two items in every list), each text filled
 * with a unique marker. Each marker must appear in at least one output (HTML, SVG,
 * Markdown), and whatever the HTML shows the SVG picture shows too. A field that holds no
 * text of its own (an id, a reference, a level, an emotion, a list) must change an output
 * when it is left out. A field added to the schema is checked without touching this test;
 * a new kind of field fails until the generator below learns to fill it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldSpec, ObjectName, RefKind, SCHEMA, analyze } from '@cjm/core';
import { renderMapHtml, renderMarkdown, renderSvg } from '@cjm/render';

/** Fields no picture needs to show, and why. */
const EXEMPT: Readonly<Record<string, string>> = {
  'map.cjm': 'the format version says how to read the file, not what the journey is',
  'map.use': 'names library files: what they declare is drawn as the map\'s own (test/server/library.test.ts)',
  'map.baseline': 'names the current-state file, drawn under this map by the overlay (test/render/baseline-overlay.test.ts)',
};

interface Generated {
  readonly text: string;
  /** marker → `object.key` it was written into */
  readonly markers: ReadonlyMap<string, string>;
}

/** The first and second declared id of each kind (ids are assigned in the order objects are written, per kind). */
const idOf = (kind: RefKind | ObjectName, n: number) => `mk${kind}${n}`;

function generate(omit?: string): Generated {
  const markers = new Map<string, string>();
  const counters = new Map<string, number>();
  let n = 0;
  const marker = (where: string) => {
    const m = `Mk${++n}Q`;
    markers.set(m, where);
    return m;
  };
  const q = (s: string) => JSON.stringify(s);

  let dates = 0;
  const value = (obj: ObjectName, f: FieldSpec, indent: string, self: () => string): string[] | string => {
    const where = `${obj}.${f.key}`;
    const t = f.type;
    switch (t.t) {
      case 'version':
        return '1';
      case 'string':
        // A URL is only ever shown as a link when it is one.
        return q(f.key === 'url' ? `https://example.org/${marker(where)}` : marker(where));
      case 'text':
        return q(marker(where));
      case 'id':
        return self();
      case 'ref':
        // A step seen through the second persona, so it is not the map's default one.
        if (t.many) return `[${idOf(t.ref, 2)}]`;
        return idOf(t.ref, 1);
      case 'enum':
        // The second value: the first is often the one a missing value looks like.
        return q(t.values[1] ?? t.values[0]);
      case 'emotion':
        return 'frustrated';
      case 'evidence':
        // Free text has a space: a single word would be read as a source id.
        return `[${idOf('source', 1)}, ${q(`${marker(where)} finding`)}]`;
      case 'lanes':
        // Both declared lanes: a lane no step fills is not drawn.
        return [1, 2].map((i) => `${indent}${idOf('lane', i)}: ${q(marker(where))}`);
      case 'date': {
        // A real day, different for every field that takes one.
        dates++;
        return `2031-${String(1 + (dates % 12)).padStart(2, '0')}-${String(1 + (dates % 28)).padStart(2, '0')}`;
      }
      case 'object':
        return object(t.of, indent, false);
      case 'list': {
        const lines: string[] = [];
        for (let i = 0; i < 2; i++) lines.push(...object(t.of, indent + '  ', true));
        return lines;
      }
      default:
        throw new Error(`${where}: the coverage generator does not know how to fill a field of type ${JSON.stringify(t)}: teach it`);
    }
  };

  const object = (obj: ObjectName, indent: string, listItem: boolean): string[] => {
    const k = (counters.get(obj) ?? 0) + 1;
    counters.set(obj, k);
    const lines: string[] = [];
    let first = true;
    for (const f of SCHEMA[obj]) {
      if (`${obj}.${f.key}` === omit) continue;
      const prefix = listItem ? (first ? `${indent}- ` : `${indent}  `) : indent;
      first = false;
      const v = value(obj, f, (listItem ? indent + '    ' : indent + '  '), () => idOf(obj, k));
      if (typeof v === 'string') lines.push(`${prefix}${f.key}: ${v}`);
      else lines.push(`${prefix}${f.key}:`, ...v);
    }
    return lines;
  };
  return { text: object('map', '', false).join('\n') + '\n', markers };
}

function outputs(text: string): { html: string; svg: string; md: string } {
  const a = analyze(text);
  const o = { locale: 'en' as const };
  return { html: renderMapHtml(a.map, o), svg: renderSvg(a.map, o), md: renderMarkdown(a.map, o) };
}

const full = generate();
const drawn = outputs(full.text);

test('the generated map is valid: it exercises the fields, not the error paths', () => {
  const errors = analyze(full.text).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => `${d.code} at ${d.span.start}: ${full.text.slice(d.span.start, d.span.end)}`), []);
  assert.ok(full.markers.size > 60, `${full.markers.size} markers`);
});

test('every text field of every object appears in an output, and the SVG picture holds whatever the HTML shows', () => {
  const missing: string[] = [];
  const notInPicture: string[] = [];
  for (const [m, where] of full.markers) {
    if (EXEMPT[where]) continue;
    const inHtml = drawn.html.includes(m);
    if (!inHtml && !drawn.svg.includes(m) && !drawn.md.includes(m)) missing.push(`${where} (${m})`);
    if (inHtml && !drawn.svg.includes(m)) notInPicture.push(`${where} (${m})`);
  }
  assert.deepEqual(missing, [], 'fields no output shows');
  assert.deepEqual(notInPicture, [], 'fields the HTML shows but the SVG leaves out');
});

test('every other field changes an output when it is left out', () => {
  const silent: string[] = [];
  for (const obj of Object.keys(SCHEMA) as ObjectName[]) {
    for (const f of SCHEMA[obj]) {
      const key = `${obj}.${f.key}`;
      if (f.type.t === 'string' || f.type.t === 'text' || EXEMPT[key]) continue;
      const without = outputs(generate(key).text);
      if (without.html === drawn.html && without.svg === drawn.svg && without.md === drawn.md) silent.push(key);
    }
  }
  assert.deepEqual(silent, [], 'fields whose value no output shows');
});

test('the exemptions name real fields', () => {
  for (const key of Object.keys(EXEMPT)) {
    const [obj, field] = key.split('.');
    assert.ok(SCHEMA[obj as ObjectName]?.some((f) => f.key === field), key);
  }
});
