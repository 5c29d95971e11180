/**
 * The map's symbol table: every declaration (persona, channel, team, source, lane, stage,
 * step ids) and every reference to one. Validation, go-to-definition, find references,
 * rename and completion all read it.
 */
import type { Definition, JourneyMap, Kpi, Opportunity, Ref, Stage, Step } from './model';
import type { RefKind } from './schema';

export interface SymbolTable {
  readonly definitions: Definition[];
  readonly references: Ref[];
  /** first definition of each id, per kind */
  byId(kind: RefKind, id: string): Definition | undefined;
  ids(kind: RefKind): string[];
  /** definitions whose id an earlier definition of the same kind has already, in document order */
  readonly duplicates?: readonly Definition[];
  /** is some reference of this kind to this id? */
  referenced?(kind: RefKind, id: string): boolean;
}

/** A stage's own declarations and references: computed once per stage object, reused while the stage is. */
interface StageSymbols {
  readonly definitions: readonly Definition[];
  readonly references: readonly Ref[];
}

const stageSymbolsCache = new WeakMap<Stage, StageSymbols>();

type Declaring = { id?: { value: string; span: { start: number; end: number } }; span: { start: number; end: number }; name?: { value: string } };

function collector() {
  const definitions: Definition[] = [];
  const references: Ref[] = [];
  const define = (kind: RefKind, node: Declaring) => {
    if (node.id) definitions.push({ kind, id: node.id.value, span: node.id.span, node: node.span, name: node.name?.value });
  };
  const ref = (r: Ref | undefined) => {
    if (r) references.push(r);
  };
  const kpis = (list: Kpi[]) => list.forEach((k) => (ref(k.stage), ref(k.owner)));
  const opportunities = (list: Opportunity[]) => list.forEach((o) => (ref(o.owner), ref(o.stage), ref(o.step)));
  return { definitions, references, define, ref, kpis, opportunities };
}

function stageSymbols(st: Stage): StageSymbols {
  const known = stageSymbolsCache.get(st);
  if (known) return known;
  const { definitions, references, define, ref, kpis, opportunities } = collector();
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
  define('stage', st);
  ref(st.owner);
  kpis(st.kpis);
  opportunities(st.opportunities);
  st.steps.forEach(step);
  const facts = { definitions, references };
  stageSymbolsCache.set(st, facts);
  return facts;
}

export function buildSymbols(map: JourneyMap): SymbolTable {
  const { definitions, references, define, ref, kpis, opportunities } = collector();
  map.personas.forEach((p) => define('persona', p));
  map.channels.forEach((c) => (define('channel', c), kpis(c.kpis)));
  map.teams.forEach((t) => define('team', t));
  map.sources.forEach((s) => define('source', s));
  map.lanes.forEach((l) => define('lane', l));
  ref(map.persona);
  kpis(map.kpis);
  opportunities(map.opportunities);
  // Each stage's part is taken as computed for the stage object: an edit re-reads one stage.
  for (const st of map.stages) {
    const own = stageSymbols(st);
    for (const d of own.definitions) definitions.push(d);
    for (const r of own.references) references.push(r);
  }
  const first = new Map<RefKind, Map<string, Definition>>();
  const duplicates: Definition[] = [];
  for (const d of definitions) {
    let byKind = first.get(d.kind);
    if (!byKind) first.set(d.kind, (byKind = new Map()));
    if (byKind.has(d.id)) duplicates.push(d);
    else byKind.set(d.id, d);
  }
  let used: Map<RefKind, Set<string>> | undefined;
  return {
    definitions,
    references,
    duplicates,
    byId: (kind, id) => first.get(kind)?.get(id),
    ids: (kind) => [...(first.get(kind)?.keys() ?? [])],
    referenced(kind, id) {
      if (!used) {
        used = new Map();
        for (const r of references) {
          let ids = used.get(r.kind);
          if (!ids) used.set(r.kind, (ids = new Set()));
          ids.add(r.id);
        }
      }
      return used.get(kind)?.has(id) ?? false;
    },
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
