/**
 * Field values as the diff compares and shows them: text normalization, a node's comparable
 * fields read through the schema table (each with a canonical form for comparing and a
 * display form for people), a whole node's signature, emotion and KPI keys, and `show`,
 * which puts a value inside a sentence. Matching and the change list both build on these,
 * so two nodes are "the same" by one definition everywhere.
 */
import { resolveValue } from '../vocabulary/words';
import { oneLine } from '../labels';
import { format, msg } from '../l10n';
import type { Locale } from '../vocabulary/locale';
import type { Emotion, Kpi, LaneValue, Text } from '../model';
import { ObjectName, SCHEMA } from '../schema';
import type { Span } from '../text';
import type { DiffValue } from './types';

/** Whitespace- and Unicode-normalized text: how list items and fields are compared. */
export function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A field's value as compared (`canon`) and as shown (`display`). */
export interface FieldVal {
  readonly display: DiffValue;
  readonly canon: string;
  readonly span: Span;
}

/** Skip no field: compare everything the schema lists. */
export const NO_SKIP: ReadonlySet<string> = new Set();

/**
 * A node's comparable fields, read through the schema table so no field can be forgotten:
 * text lists compare as multisets, custom lanes as `lanes.<id>`, lists of objects are
 * left to their own matching (the caller skips them).
 */
export function comparableFields(object: ObjectName, node: Record<string, unknown>, skip: ReadonlySet<string>): Map<string, FieldVal> {
  const out = new Map<string, FieldVal>();
  for (const spec of SCHEMA[object]) {
    if (skip.has(spec.key) || spec.type.t === 'emotion') continue;
    if (spec.type.t === 'list') {
      // A KPI's dated history compares as its `date: value` lines; other lists are matched on their own.
      if (spec.type.of !== 'measurement') continue;
      const points = (node[spec.key] as Array<{ date?: Text; value?: Text; span: Span }> | undefined) ?? [];
      const val = listVal(points.map((m) => ({ value: `${m.date?.value ?? '?'}: ${m.value?.value ?? '?'}`, span: m.span })));
      if (val) out.set(spec.key, val);
      continue;
    }
    if ((spec.type.t === 'ref' || spec.type.t === 'string') && spec.type.many) {
      // Every value of a one-or-many field counts, in the order written.
      const all = (node[`${spec.key}s`] as Array<Text | { id: string; span: Span }> | undefined) ?? [];
      const texts = all.map((x): Text => ('id' in x ? { value: x.id, span: x.span } : x));
      if (texts.length === 1) {
        const n = normalizeText(texts[0].value);
        out.set(spec.key, { display: spec.type.t === 'ref' ? oneLine(texts[0].value) : n, canon: n, span: texts[0].span });
      } else if (texts.length > 1) {
        const items = texts.map((x) => normalizeText(x.value));
        out.set(spec.key, { display: items, canon: items.join('\u0000'), span: { start: texts[0].span.start, end: texts[texts.length - 1].span.end } });
      }
      continue;
    }
    if (spec.type.t === 'object') {
      const child = node[spec.key] as Record<string, unknown> | undefined;
      if (!child) continue;
      for (const [k, v] of comparableFields(spec.type.of, child, NO_SKIP)) out.set(`${spec.key}.${k}`, v);
      continue;
    }
    const v = node[spec.key === 'cjm' ? 'version' : spec.key];
    if (v === undefined || v === null) continue;
    if (spec.type.t === 'lanes') {
      for (const lv of v as LaneValue[]) {
        const val = listVal(lv.values);
        if (val) out.set(`lanes.${lv.lane.id}`, { ...val, span: lv.values.length ? { start: lv.values[0].span.start, end: lv.values[lv.values.length - 1].span.end } : lv.lane.span });
      }
    } else if (spec.type.t === 'text' || spec.type.t === 'evidence') {
      const texts = (v as Array<Text | { text: Text }>).map((t) => ('text' in t && typeof t.text === 'object' ? t.text : (t as Text)));
      const val = listVal(texts);
      if (val) out.set(spec.key, val);
    } else if (spec.type.t === 'ref') {
      const r = v as { id: string; span: Span };
      out.set(spec.key, { display: oneLine(r.id), canon: r.id, span: r.span });
    } else {
      const t = v as Text;
      const n = normalizeText(t.value);
      // An enum value means its id in any language: `high` → `высокая` is no change; the
      // author's word is still what is shown when the meaning does change.
      const meaning = spec.type.t === 'enum' && spec.type.vocabulary ? resolveValue(spec.type.vocabulary, t.value) : undefined;
      out.set(spec.key, { display: n, canon: meaning ?? n, span: t.span });
    }
  }
  return out;
}

/** Everything a node says, as one string: pairs nodes that have no id or name to go by. */
export function signature(object: ObjectName, node: Record<string, unknown>): string {
  return [...comparableFields(object, node, NO_SKIP)].map(([k, v]) => `${k}=${v.canon}`).join('\u0000');
}

function listVal(texts: readonly Text[]): FieldVal | undefined {
  const items = texts.map((t) => normalizeText(t.value)).filter((s) => s !== '');
  if (!items.length) return undefined;
  const span = { start: texts[0].span.start, end: texts[texts.length - 1].span.end };
  if (items.length === 1) return { display: items[0], canon: items[0], span };
  return { display: items, canon: [...items].sort().join('\u0000'), span };
}

export function emotionKey(e: Emotion | undefined): string {
  if (!e) return '';
  if (e.info) return `id:${e.info.id}`;
  if (e.score !== undefined) return `score:${e.score}`;
  return `raw:${normalizeText(e.raw)}`;
}

export function kpiText(k: Kpi, locale: Locale = 'en'): string {
  const name = oneLine(k.name?.value ?? '') || 'KPI';
  const parts = [k.current && format(locale, msg('current {0}', oneLine(k.current.value))), k.target && format(locale, msg('target {0}', oneLine(k.target.value)))].filter(Boolean);
  return parts.length ? `${name} (${parts.join(', ')})` : name;
}

/**
 * Two model values say the same wherever they sit: equal in everything but their spans (a
 * `{ start, end }` object equals any other; a node's `keys` compare by which keys are
 * written). `except`: a property of the two top objects left out. Deliberately strict
 * otherwise — any difference at all, even one the diff would not report, answers false,
 * so skipping a comparison on a true answer can never hide a change.
 */
export function sameContent(x: unknown, y: unknown, except?: string): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameContent(x[i], y[i])) return false;
    return true;
  }
  if (x instanceof Map || y instanceof Map) {
    if (!(x instanceof Map) || !(y instanceof Map) || x.size !== y.size) return false;
    for (const [k, v] of x) if (!y.has(k) || !sameContent(v, y.get(k))) return false;
    return true;
  }
  const ox = x as Record<string, unknown>;
  const oy = y as Record<string, unknown>;
  const kx = Object.keys(ox);
  if (kx.length !== Object.keys(oy).length) return false;
  if (kx.length === 2 && typeof ox.start === 'number' && typeof ox.end === 'number') return typeof oy.start === 'number' && typeof oy.end === 'number';
  for (const k of kx) {
    if (!Object.prototype.hasOwnProperty.call(oy, k)) return false;
    if (k !== except && k !== 'span' && !sameContent(ox[k], oy[k])) return false;
  }
  return true;
}

/** A value inside a sentence: free text in quotes, one-word values bare. */
export function show(v: DiffValue): string {
  if (typeof v !== 'string') return v.map(show).join('; ');
  return /^[\p{L}\p{N}_.%+−-]+$/u.test(v) ? v : JSON.stringify(v);
}
