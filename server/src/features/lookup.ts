/** Which declared id, reference or model node sits at an offset. Shared by hover and navigation. */
import type { Analysis, Channel, Definition, LaneDef, Locale, Msg, Persona, Ref, RefKind, Source, Stage, Step, Team } from '@cjm/core';
import { ID_PATTERN, format, mapLanguage, msg } from '@cjm/core';

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

/**
 * Why a rename cannot be done, as a catalogue message (`reason`) and, as `message`, in the
 * given language: the map's own unless the caller names another. Rename in one file
 * (navigation.ts) and across files (crossFile.ts) refuse with the same words.
 */
export class RenameRefusal extends Error {
  constructor(readonly reason: Msg, locale: Locale) {
    super(format(locale, reason));
  }
}

/** The language a rename's refusal speaks when the caller does not choose: the map's. */
export function refusalLocale(a: Analysis, locale?: Locale): Locale {
  return locale ?? mapLanguage(a.map, a.text);
}

/** One sentence per kind, so the Russian and Polish ones agree with the noun ("другой шаг", "inna persona"). */
function takenBy(kind: RefKind, id: string): Msg {
  switch (kind) {
    case 'persona':
      return msg('Another persona already has the id `{0}`.', id);
    case 'channel':
      return msg('Another channel already has the id `{0}`.', id);
    case 'team':
      return msg('Another team already has the id `{0}`.', id);
    case 'source':
      return msg('Another source already has the id `{0}`.', id);
    case 'lane':
      return msg('Another lane already has the id `{0}`.', id);
    case 'stage':
      return msg('Another stage already has the id `{0}`.', id);
    case 'step':
      return msg('Another step already has the id `{0}`.', id);
  }
}

/**
 * What is wrong with `newName` as the new id of a `kind` now called `oldId`: not an id, or
 * one that `taken` says is declared already; undefined when it can be used.
 */
export function newIdProblem(kind: RefKind, oldId: string, newName: string, taken: (id: string) => boolean): Msg | undefined {
  const name = newName.trim();
  if (!ID_PATTERN.test(name)) return msg('`{0}` is not a valid id: use one word of letters, digits, - _ and . (like `mobile-app`).', newName);
  if (name !== oldId && taken(name)) return takenBy(kind, name);
  return undefined;
}

export const NOTHING_TO_RENAME = (): Msg => msg('There is no id to rename here.');
export const NOT_AN_ID = (): Msg => msg('Only the ids of personas, channels, teams, sources, lanes, stages and steps can be renamed. Put the cursor on one.');
export const WRITTEN_OTHERWISE = (written: string): Msg => msg('`{0}` is written in quotes or another form; rename it by hand.', written);
