/**
 * Rules that need the whole map: ids, references, and the hints that make a map better.
 * Shape and value rules (types, unknown keys, enum values, emotions) live in the parser,
 * next to the schema that defines them.
 */
import { Diagnostic, Fix, diagnostic, fix, related } from './diagnostics';
import { Msg, msg, orList } from './l10n';
import type { Definition, JourneyMap, Ref, Stage } from './model';
import type { RefKind } from './schema';
import { didYouMean } from './suggest';
import type { SymbolTable } from './symbols';
import { LineIndex, Span, span } from './text';
import { REF_KIND_NOUNS } from './labels';
import { findStage } from './vocabulary/stages';
import { resolveValue } from './vocabulary/words';
import { isLibrary } from './parse';

const DECLARED_IN: Record<RefKind, string> = {
  persona: 'personas',
  channel: 'channels',
  team: 'teams',
  source: 'sources',
  lane: 'lanes',
  stage: 'stages',
  step: 'steps',
};

export function validateMap(map: JourneyMap, symbols: SymbolTable, text: string, lines: LineIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  duplicateIds(symbols, out);
  references(map, symbols, text, lines, out);
  unused(map, symbols, out);
  stageRules(map, out);
  if (map.kind && resolveValue('kind', map.kind.value) === 'service-blueprint' && !map.stages.some((st) => st.steps.some((s) => s.backstage.length > 0))) {
    out.push(diagnostic('blueprint-without-backstage', msg('This service blueprint has no `backstage` actions yet: add what the company does behind each touchpoint.'), map.kind.span));
  }
  for (const src of map.sources) {
    if (src.url && !/^https?:\/\//i.test(src.url.value)) {
      out.push(diagnostic('unsafe-url', msg('Only http:// and https:// links are opened from a map; this one will be shown as text.'), src.url.span));
    }
  }
  return out;
}

function duplicateIds(symbols: SymbolTable, out: Diagnostic[]): void {
  const duplicates = symbols.duplicates ?? symbols.definitions.filter((d) => symbols.byId(d.kind, d.id) !== d);
  for (const d of duplicates) {
    const first = symbols.byId(d.kind, d.id);
    if (first && first !== d) {
      out.push(diagnostic('duplicate-id', msg('Another {0} already has the id `{1}`; ids must be unique.', REF_KIND_NOUNS[d.kind], d.id), d.span, {
        related: [related(first.span, msg('`{0}` is first declared here', d.id))],
      }));
    }
  }
}

/** Declarations a map takes from elsewhere (its `use:` libraries): they count as declared here. */
export interface ExternalDeclarations {
  has(kind: RefKind, id: string): boolean;
  ids(kind: RefKind): string[];
}

/** The `undeclared-reference` rule alone, with declarations from the map's libraries counted in. */
export function referenceDiagnostics(map: JourneyMap, symbols: SymbolTable, text: string, lines: LineIndex, external?: ExternalDeclarations): Diagnostic[] {
  const out: Diagnostic[] = [];
  references(map, symbols, text, lines, out, external);
  return out;
}

function references(map: JourneyMap, symbols: SymbolTable, text: string, lines: LineIndex, out: Diagnostic[], external?: ExternalDeclarations): void {
  const unresolved = symbols.unresolved ? symbols.unresolved() : symbols.references;
  for (const r of unresolved) {
    if (symbols.byId(r.kind, r.id) || external?.has(r.kind, r.id)) continue;
    // Owners are free text until a map declares (or imports) its teams.
    if (r.kind === 'team' && map.teams.length === 0 && !external?.ids('team').length) continue;
    const known = [...symbols.ids(r.kind), ...(external?.ids(r.kind) ?? [])];
    const suggestions = didYouMean(r.id, known);
    const fixes: Fix[] = suggestions.map((s, i) => fix(msg('Change to `{0}`', s), [{ span: r.span, newText: s }], i === 0));
    const declare = declarationFix(map, r, text, lines, symbols);
    if (declare) fixes.push(declare);
    const did = orList(suggestions.map((s) => `\`${s}\``));
    const message = r.kind === 'step'
      ? suggestions.length ? msg('No {0} `{1}` is declared. Did you mean {2}?', REF_KIND_NOUNS[r.kind], r.id, did) : msg('No {0} `{1}` is declared.', REF_KIND_NOUNS[r.kind], r.id)
      : suggestions.length
        ? msg('No {0} `{1}` is declared in `{2}`. Did you mean {3}?', REF_KIND_NOUNS[r.kind], r.id, DECLARED_IN[r.kind], did)
        : msg('No {0} `{1}` is declared in `{2}`.', REF_KIND_NOUNS[r.kind], r.id, DECLARED_IN[r.kind]);
    out.push(diagnostic('undeclared-reference', message, r.span, { fixes }));
  }
}

/** "Declare persona `x`": appends `- id: x` to the declaring list, or creates the list above `stages`. */
function declarationFix(map: JourneyMap, r: Ref, text: string, lines: LineIndex, symbols: SymbolTable): Fix | undefined {
  if (r.kind === 'stage' || r.kind === 'step') return undefined;
  const listKey = DECLARED_IN[r.kind];
  const title = msg('Declare {0} `{1}` in `{2}`', REF_KIND_NOUNS[r.kind], r.id, listKey);
  const declared = symbols.definitions.filter((d) => d.kind === r.kind);
  const last: Definition | undefined = declared[declared.length - 1];
  if (last) {
    const itemLine = lines.positionAt(last.node.start).line;
    const lineText = lines.lineText(itemLine);
    const dash = /^(\s*)- /.exec(lineText);
    if (!dash) return undefined;
    // A block item's range runs to the start of the next line; its last line is the one before.
    let end = last.node.end;
    while (end > last.node.start && /\s/.test(text[end - 1])) end--;
    const endLine = lines.positionAt(end).line;
    const at = lines.lineStart(endLine) + lines.lineText(endLine).length;
    return fix(title, [{ span: span(at, at), newText: `\n${dash[1]}- id: ${r.id}` }]);
  }
  if (map.keys.has(listKey)) return undefined;
  const stagesKey = map.keys.get('stages');
  if (!stagesKey) return undefined;
  const line = lines.positionAt(stagesKey.start);
  if (line.character !== 0) return undefined;
  const at = lines.lineStart(line.line);
  return fix(title, [{ span: span(at, at), newText: `${listKey}:\n  - id: ${r.id}\n` }]);
}

function unused(map: JourneyMap, symbols: SymbolTable, out: Diagnostic[]): void {
  // A library's declarations are there for the maps that use it.
  if (isLibrary(map.kind)) return;
  let used: Set<string> | undefined;
  const referenced = symbols.referenced ?? ((kind: RefKind, id: string) => (used ??= new Set(symbols.references.map((r) => `${r.kind}\u0000${r.id}`))).has(`${kind}\u0000${id}`));
  // Stages and steps are never unused: only the declarations above the stages are looked at.
  for (const d of symbols.topDefinitions ?? symbols.definitions) {
    if (d.kind === 'stage' || d.kind === 'step') continue;
    if (referenced(d.kind, d.id) || symbols.byId(d.kind, d.id) !== d) continue;
    // A map drawn for one persona needs no `persona:` to use it.
    if (d.kind === 'persona' && map.personas.length === 1) continue;
    out.push(diagnostic('unused-declaration', msg('{0} `{1}` is declared but nothing refers to it.', KIND_SUBJECTS[d.kind], d.id), d.span, { tags: ['unnecessary'] }));
  }
}

/** What the stage rules need of one stage, found once per stage object and reused while the stage is. */
interface StageFacts {
  /** `empty-stage` or `stage-without-emotion`, which look at nothing but the stage */
  readonly own?: Diagnostic;
  /** the built-in stage its id names, in any language */
  readonly builtin?: { readonly order: number };
  readonly firstPain?: Span;
  /** the stage or one of its steps has an opportunity of its own */
  readonly hasOpportunity: boolean;
  readonly stepIds: readonly string[];
  /** for a stage without an id, where `own` points (the stage's start): a stage moved in place needs it again */
  readonly anchoredAt?: number;
}

const stageFactsCache = new WeakMap<Stage, StageFacts>();

function stageFacts(st: Stage): StageFacts {
  const known = stageFactsCache.get(st);
  if (known && (known.anchoredAt === undefined || known.anchoredAt === st.span.start)) return known;
  const at = stageAnchor(st);
  let own: Diagnostic | undefined;
  if (st.steps.length === 0) {
    own = diagnostic('empty-stage', msg('Stage `{0}` has no steps yet.', st.id?.value ?? '?'), at);
  } else if (!st.steps.some((s) => s.emotion || s.personaEmotions.length)) {
    // An emotion that is written but not understood has its own error; this hint is for stages with none.
    own = diagnostic('stage-without-emotion', msg('No step in stage `{0}` says how the customer feels: add an `emotion` so the curve can show this stage.', st.id?.value ?? '?'), at);
  }
  let firstPain: Span | undefined;
  for (const s of st.steps) {
    if (s.pains.length) {
      firstPain = s.pains[0].span;
      break;
    }
  }
  const facts: StageFacts = {
    own,
    // A built-in stage's name or form in any language used as an id is that stage (`id: покупка`).
    builtin: st.id ? findStage(st.id.value)?.stage : undefined,
    firstPain,
    hasOpportunity: st.opportunities.length > 0 || st.steps.some((s) => s.opportunities.length > 0),
    stepIds: st.steps.map((s) => s.id?.value).filter((x): x is string => !!x),
    // The spans of a stage's own objects move with it (`IncrementalOptions.latestOnly`); this one is made here.
    anchoredAt: st.id ? undefined : st.span.start,
  };
  stageFactsCache.set(st, facts);
  return facts;
}

function stageRules(map: JourneyMap, out: Diagnostic[]): void {
  let lastBuiltin: { order: number; id: string } | undefined;
  // What the map's own opportunities address, found once rather than once per stage.
  const addressedStages = new Set<string>();
  const addressedSteps = new Set<string>();
  for (const o of map.opportunities) {
    if (o.stage) addressedStages.add(o.stage.id);
    if (o.step) addressedSteps.add(o.step.id);
  }
  for (const st of map.stages) {
    const facts = stageFacts(st);
    if (facts.own) out.push(facts.own);
    const builtin = facts.builtin;
    if (builtin && st.id) {
      if (lastBuiltin && builtin.order < lastBuiltin.order) {
        out.push(diagnostic('stage-order', msg('`{0}` usually comes before `{1}` in a journey.', st.id.value, lastBuiltin.id), stageAnchor(st)));
      } else {
        lastBuiltin = { order: builtin.order, id: st.id.value };
      }
    }
    if (!facts.firstPain || facts.hasOpportunity) continue;
    if ((st.id && addressedStages.has(st.id.value)) || facts.stepIds.some((id) => addressedSteps.has(id))) continue;
    out.push(diagnostic('pain-without-opportunity', msg('Stage `{0}` has pains but no opportunity to address them.', st.id?.value ?? '?'), facts.firstPain));
  }
}

function stageAnchor(st: Stage): Span {
  return st.id?.span ?? span(st.span.start, st.span.start);
}

/** A kind of declaration starting a sentence ("Persona `anna` is declared…"). */
const KIND_SUBJECTS: Record<RefKind, Msg> = {
  persona: msg('Persona'),
  channel: msg('Channel'),
  team: msg('Team'),
  source: msg('Source'),
  lane: msg('Lane'),
  stage: msg('Stage'),
  step: msg('Step'),
};
