/** The outline (map → declarations and stages → steps) and the entries workspace symbol search looks through. */
import { DocumentSymbol, Location, SymbolInformation, SymbolKind } from 'vscode-languageserver-types';
import { Analysis, NodeBase, Span, fold, mapLanguage, span, stageLabel, stepLabel } from '@cjm/core';
import { toRange } from './convert';

const GROUPS = [
  { key: 'personas', kind: SymbolKind.Interface, itemKind: SymbolKind.Object },
  { key: 'channels', kind: SymbolKind.Namespace, itemKind: SymbolKind.Property },
  { key: 'teams', kind: SymbolKind.Namespace, itemKind: SymbolKind.Property },
  { key: 'sources', kind: SymbolKind.Namespace, itemKind: SymbolKind.File },
  { key: 'lanes', kind: SymbolKind.Namespace, itemKind: SymbolKind.Field },
] as const;

/** The key of a list together with its items. */
function listSpan(keySpan: Span | undefined, items: readonly NodeBase[]): Span | undefined {
  if (!keySpan) return undefined;
  const end = items.reduce((e, n) => Math.max(e, n.span.end), keySpan.end);
  return span(keySpan.start, end);
}

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const m = a.map;
  const r = (s: Span) => toRange(a.lines, s);
  const children: DocumentSymbol[] = [];
  for (const g of GROUPS) {
    const items = m[g.key] as ReadonlyArray<NodeBase & { id?: { value: string; span: Span }; name?: { value: string } }>;
    const whole = listSpan(m.keys.get(g.key), items);
    if (!whole || !items.length) continue;
    children.push({
      name: g.key,
      kind: g.kind,
      range: r(whole),
      selectionRange: r(m.keys.get(g.key)!),
      children: items.map((it, i) => ({
        name: it.name?.value || it.id?.value || `${g.key} ${i + 1}`,
        detail: it.id && it.name ? it.id.value : undefined,
        kind: g.itemKind,
        range: r(it.span),
        selectionRange: r(it.id?.span ?? span(it.span.start, it.span.start)),
      })),
    });
  }
  const locale = mapLanguage(m, a.text);
  const stages: DocumentSymbol[] = m.stages.map((st, i) => ({
    name: stageLabel(st, i, locale),
    detail: st.id && st.name ? st.id.value : st.id?.value !== stageLabel(st, i, locale) ? st.id?.value : undefined,
    kind: SymbolKind.Class,
    range: r(st.span),
    selectionRange: r(st.id?.span ?? st.name?.span ?? span(st.span.start, st.span.start)),
    children: st.steps.map((s, j) => ({
      name: stepLabel(s, j),
      detail: s.emotion?.info ? `${s.emotion.info.emoji} ${s.id?.value ?? ''}`.trim() : s.id?.value,
      kind: SymbolKind.Method,
      range: r(s.span),
      selectionRange: r(s.id?.span ?? s.name?.span ?? span(s.span.start, s.span.start)),
    })),
  }));
  const stagesWhole = listSpan(m.keys.get('stages'), m.stages);
  if (stagesWhole) {
    children.push({ name: 'stages', kind: SymbolKind.Namespace, range: r(stagesWhole), selectionRange: r(m.keys.get('stages')!), children: stages });
  } else {
    children.push(...stages);
  }
  const whole = span(0, a.text.length);
  return [
    {
      name: m.title?.value || 'Journey map',
      detail: m.kind?.value,
      kind: SymbolKind.File,
      range: r(whole),
      selectionRange: r(m.title?.span ?? span(0, 0)),
      children,
    },
  ];
}

/** One searchable thing in a map, kept per file so workspace search needs no analysis. */
export interface WorkspaceEntry {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly container?: string;
  readonly range: ReturnType<typeof toRange>;
  /** the name folded for matching */
  readonly key: string;
}

export function workspaceEntries(a: Analysis): WorkspaceEntry[] {
  const out: WorkspaceEntry[] = [];
  const title = a.map.title?.value || 'Journey map';
  const add = (name: string, kind: SymbolKind, s: Span, container?: string) => out.push({ name, kind, container, range: toRange(a.lines, s), key: fold(name) });
  if (a.map.title) add(title, SymbolKind.File, a.map.title.span);
  const locale = mapLanguage(a.map, a.text);
  for (const p of a.map.personas) if (p.id) add(p.name?.value ?? p.id.value, SymbolKind.Object, p.id.span, title);
  for (const c of a.map.channels) if (c.id) add(c.name?.value ?? c.id.value, SymbolKind.Property, c.id.span, title);
  a.map.stages.forEach((st, i) => {
    const label = stageLabel(st, i, locale);
    add(label, SymbolKind.Class, st.id?.span ?? st.span, title);
    st.steps.forEach((s, j) => add(stepLabel(s, j), SymbolKind.Method, s.id?.span ?? s.name?.span ?? s.span, `${title} › ${label}`));
  });
  return out;
}

/** Matches like editors do: every character of the query, in order (fuzzy), case- and diacritic-insensitive. */
export function matchesQuery(key: string, query: string): boolean {
  if (!query) return true;
  if (key.includes(query)) return true;
  let i = 0;
  for (const c of key) if (c === query[i] && ++i === query.length) return true;
  return false;
}

export function searchWorkspace(files: Iterable<[string, readonly WorkspaceEntry[]]>, query: string, limit = 500): SymbolInformation[] {
  const q = fold(query.trim()).replace(/\s+/g, ' ');
  const out: SymbolInformation[] = [];
  for (const [uri, entries] of files) {
    for (const e of entries) {
      if (!matchesQuery(e.key, q)) continue;
      out.push({ name: e.name, kind: e.kind, containerName: e.container, location: Location.create(uri, e.range) });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
