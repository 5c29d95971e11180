/**
 * The map's symbol table: every declaration (persona, channel, team, source, lane, stage,
 * step ids) and every reference to one. Validation, go-to-definition, find references,
 * rename and completion all read it.
 */
import type { Definition, JourneyMap, Kpi, Opportunity, Ref, Step } from './model';
import type { RefKind } from './schema';

export interface SymbolTable {
  readonly definitions: Definition[];
  readonly references: Ref[];
  /** first definition of each id, per kind */
  byId(kind: RefKind, id: string): Definition | undefined;
  ids(kind: RefKind): string[];
}

export function buildSymbols(map: JourneyMap): SymbolTable {
  const definitions: Definition[] = [];
  const references: Ref[] = [];
  const define = (kind: RefKind, node: { id?: { value: string; span: { start: number; end: number } }; span: { start: number; end: number }; name?: { value: string } }) => {
    if (node.id) definitions.push({ kind, id: node.id.value, span: node.id.span, node: node.span, name: node.name?.value });
  };
  const ref = (r: Ref | undefined) => {
    if (r) references.push(r);
  };
  const kpis = (list: Kpi[]) => list.forEach((k) => (ref(k.stage), ref(k.owner)));
  const opportunities = (list: Opportunity[]) => list.forEach((o) => (ref(o.owner), ref(o.stage), ref(o.step)));
  const step = (s: Step) => {
    define('step', s);
    s.personas.forEach(ref);
    personaEmotionRefs(s).forEach(ref);
    s.channels.forEach(ref);
    ref(s.owner);
    s.evidence.forEach((e) => ref(e.source));
    s.lanes.forEach((l) => ref(l.lane));
    kpis(s.kpis);
    opportunities(s.opportunities);
  };
  map.personas.forEach((p) => define('persona', p));
  map.channels.forEach((c) => (define('channel', c), kpis(c.kpis)));
  map.teams.forEach((t) => define('team', t));
  map.sources.forEach((s) => define('source', s));
  map.lanes.forEach((l) => define('lane', l));
  ref(map.persona);
  kpis(map.kpis);
  opportunities(map.opportunities);
  for (const st of map.stages) {
    define('stage', st);
    ref(st.owner);
    kpis(st.kpis);
    opportunities(st.opportunities);
    st.steps.forEach(step);
  }
  const first = new Map<string, Definition>();
  for (const d of definitions) {
    const k = `${d.kind}\u0000${d.id}`;
    if (!first.has(k)) first.set(k, d);
  }
  return {
    definitions,
    references,
    byId: (kind, id) => first.get(`${kind}\u0000${id}`),
    ids: (kind) => [...new Set(definitions.filter((d) => d.kind === kind).map((d) => d.id))],
  };
}

/**
 * The persona ids used as keys of a per-persona `emotion:` (`{maria: anxious}`): references
 * like `persona:`, so go to definition, find references and rename cover them, and an
 * unknown key is reported with the nearest declared persona as its fix.
 */
export function personaEmotionRefs(s: Step): Ref[] {
  return s.personaEmotions.map((pe) => pe.persona);
}
