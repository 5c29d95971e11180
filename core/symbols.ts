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
  /** the references no declaration in this map answers, in document order */
  unresolved?(): readonly Ref[];
  /** the declarations outside the stages (personas, channels, teams, sources, lanes), in document order */
  readonly topDefinitions?: readonly Definition[];
}

/** A stage's own declarations and references: computed once per stage object, reused while the stage is. */
interface StageSymbols {
  readonly definitions: readonly Definition[];
  readonly references: readonly Ref[];
  /** its declarations as one string (kind and id of each), for telling whether a map's declarations changed */
  readonly declared: string;
  /** the ids it refers to, per kind (made when first asked) */
  refIds?: Map<RefKind, Set<string>>;
  /** its references no declaration answers, for the declarations a map had in `generation` */
  unresolved?: { readonly generation: number; readonly refs: readonly Ref[] };
}

/**
 * The declarations of the last map a table was built for, and a number that changes whenever
 * they do: a stage's unresolved references found under one generation hold for every map with
 * the same declarations, so an edit that declares nothing new looks up the references of the
 * stages it touched only.
 */
let lastDeclared = '';
let generation = 0;

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
  const facts: StageSymbols = { definitions, references, declared: declaredKey(definitions) };
  stageSymbolsCache.set(st, facts);
  return facts;
}

/** Declarations as one string, each kind and id unambiguously (an id is a JSON string). */
function declaredKey(definitions: readonly Definition[]): string {
  let key = '';
  for (const d of definitions) key += `${d.kind}:${JSON.stringify(d.id)}`;
  return key;
}

function refIdsOf(part: StageSymbols): Map<RefKind, Set<string>> {
  if (part.refIds) return part.refIds;
  const ids = new Map<RefKind, Set<string>>();
  for (const r of part.references) {
    let set = ids.get(r.kind);
    if (!set) ids.set(r.kind, (set = new Set()));
    set.add(r.id);
  }
  return (part.refIds = ids);
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
  // Each stage's part is taken as computed for the stage object: an edit re-reads one stage,
  // and the whole lists are put together only when a feature asks for them.
  const stages = map.stages.map(stageSymbols);
  const top: StageSymbols = { definitions, references, declared: '' };
  const first = new Map<RefKind, Map<string, Definition>>();
  const duplicates: Definition[] = [];
  const declare = (d: Definition) => {
    let byKind = first.get(d.kind);
    if (!byKind) first.set(d.kind, (byKind = new Map()));
    if (byKind.has(d.id)) duplicates.push(d);
    else byKind.set(d.id, d);
  };
  definitions.forEach(declare);
  for (const part of stages) part.definitions.forEach(declare);
  const declared = declaredKey(definitions) + stages.map((p) => p.declared).join('');
  if (declared !== lastDeclared) {
    lastDeclared = declared;
    generation++;
  }
  const now = generation;
  const resolves = (r: Ref) => first.get(r.kind)?.has(r.id) === true;
  let allDefinitions: Definition[] | undefined;
  let allReferences: Ref[] | undefined;
  return {
    get definitions() {
      return (allDefinitions ??= definitions.concat(...stages.map((p) => p.definitions)));
    },
    get references() {
      return (allReferences ??= references.concat(...stages.map((p) => p.references)));
    },
    topDefinitions: definitions,
    duplicates,
    byId: (kind, id) => first.get(kind)?.get(id),
    ids: (kind) => [...(first.get(kind)?.keys() ?? [])],
    referenced(kind, id) {
      if (refIdsOf(top).get(kind)?.has(id)) return true;
      for (const part of stages) if (refIdsOf(part).get(kind)?.has(id)) return true;
      return false;
    },
    unresolved() {
      const out = references.filter((r) => !resolves(r));
      for (const part of stages) {
        if (part.unresolved?.generation !== now) part.unresolved = { generation: now, refs: part.references.filter((r) => !resolves(r)) };
        for (const r of part.unresolved.refs) out.push(r);
      }
      return out;
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
