/** Which declared id, reference or model node sits at an offset. Shared by hover and navigation. */
import type { Analysis, Channel, Definition, LaneDef, Persona, Ref, RefKind, Source, Stage, Step, Team } from '@cjm/core';

export type SymbolAt = { readonly kind: RefKind; readonly id: string; readonly span: { start: number; end: number }; readonly definition?: Definition; readonly isDefinition: boolean; readonly ref?: Ref };

/** Spans include their end so the cursor right after an id still finds it. */
const inside = (s: { start: number; end: number }, offset: number) => offset >= s.start && offset <= s.end;

export function symbolAt(a: Analysis, offset: number): SymbolAt | undefined {
  for (const r of a.symbols.references) {
    if (inside(r.span, offset)) return { kind: r.kind, id: r.id, span: r.span, definition: a.symbols.byId(r.kind, r.id), isDefinition: false, ref: r };
  }
  for (const d of a.symbols.definitions) {
    if (inside(d.span, offset)) return { kind: d.kind, id: d.id, span: d.span, definition: d, isDefinition: true };
  }
  return undefined;
}

export type DeclaredNode =
  | { readonly kind: 'persona'; readonly node: Persona }
  | { readonly kind: 'channel'; readonly node: Channel }
  | { readonly kind: 'team'; readonly node: Team }
  | { readonly kind: 'source'; readonly node: Source }
  | { readonly kind: 'lane'; readonly node: LaneDef }
  | { readonly kind: 'stage'; readonly node: Stage; readonly index: number }
  | { readonly kind: 'step'; readonly node: Step; readonly stage: Stage; readonly stageIndex: number };

/** The model node a definition declares. */
export function declaredNode(a: Analysis, d: Definition): DeclaredNode | undefined {
  const same = (n: { span: { start: number } }) => n.span.start === d.node.start;
  const m = a.map;
  switch (d.kind) {
    case 'persona': {
      const node = m.personas.find(same);
      return node && { kind: 'persona', node };
    }
    case 'channel': {
      const node = m.channels.find(same);
      return node && { kind: 'channel', node };
    }
    case 'team': {
      const node = m.teams.find(same);
      return node && { kind: 'team', node };
    }
    case 'source': {
      const node = m.sources.find(same);
      return node && { kind: 'source', node };
    }
    case 'lane': {
      const node = m.lanes.find(same);
      return node && { kind: 'lane', node };
    }
    case 'stage': {
      const index = m.stages.findIndex(same);
      return index >= 0 ? { kind: 'stage', node: m.stages[index], index } : undefined;
    }
    case 'step': {
      for (let i = 0; i < m.stages.length; i++) {
        const node = m.stages[i].steps.find(same);
        if (node) return { kind: 'step', node, stage: m.stages[i], stageIndex: i };
      }
      return undefined;
    }
  }
}
