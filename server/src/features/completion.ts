/**
 * Completion that knows where the cursor is in the map: keys valid at that level, built-in
 * stages at a stage id, emotions at `emotion:`, declared ids where one is referenced, and
 * enum values. The cursor context is read from the current text; the ids come from the
 * latest analysis, which may be a version behind while the user types — ids change rarely,
 * and completion must never wait for a parse.
 */
import {
  Command,
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  TextEdit,
} from 'vscode-languageserver-types';
import {
  Analysis,
  EMOTIONS,
  EmotionInfo,
  FieldSpec,
  LineIndex,
  Locale,
  LOCALES,
  MAP_KINDS,
  Msg,
  ObjectName,
  RefKind,
  SCHEMA,
  STAGES,
  StageInfo,
  childObject,
  emotionWord,
  enumWord,
  findStage,
  fold,
  format,
  formatScore,
  isLocale,
  mapLanguage,
  matchEmotions,
  matchStages,
  nearestEmotion,
  msg,
  nextExpectedStage,
  objectNoun,
  objectPhrase,
  stageIdWord,
  stageWords,
  objectPhraseIn,
  pack,
  t,
  declaredLanguage,
} from '@cjm/core';
import { CursorContext, cursorContext } from './context';
import { toRange } from './convert';
import { emotionDoc, keyDoc, scaleDoc } from './docs';

/**
 * What picking a value writes into the map: `mapLanguage` writes emotions, stages, kinds and
 * levels in the map's language (`радость`, `покупка`, `sfrustrowany`), so an author's words
 * stay theirs; `ids` writes the language-neutral ids (`happy`, `purchase`) a team may prefer.
 */
export type InsertStyle = 'mapLanguage' | 'ids';

export function toInsertStyle(v: unknown): InsertStyle {
  return v === 'ids' ? 'ids' : 'mapLanguage';
}

export interface CompletionEnv {
  /** the editor's display language, used when the map does not say its own */
  readonly locale: Locale;
  /** the language of inserted values (default: the map's) */
  readonly insert?: InsertStyle;
  /** the character that triggered completion, when one did */
  readonly triggerCharacter?: string;
}

const TRIGGER_SUGGEST = Command.create('Suggest', 'editor.action.triggerSuggest');

/** Characters after which the client should ask for completion without Ctrl+Space. */
export const TRIGGER_CHARACTERS = [':', ' ', '-', '[', ','];

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/**
 * @param lines the document as it is now
 * @param analysis the latest analysis of the document (possibly of an older version): ids and language
 */
export function complete(lines: LineIndex, analysis: Analysis | undefined, offset: number, env: CompletionEnv): CompletionList {
  if (env.triggerCharacter === ' ') {
    // A space only opens the list right after `key:`, `- ` or `,`; elsewhere it is prose.
    const before = lines.text.slice(Math.max(0, offset - 2), offset);
    if (!/^[:,-] $/.test(before)) return EMPTY;
  }
  if (env.triggerCharacter === '-' && lines.text[offset] !== undefined && lines.text[offset] !== '\n' && lines.text[offset] !== '\r') return EMPTY;
  const ctx = cursorContext(lines, offset);
  const locale = declaredLanguage(analysis?.map) ?? env.locale;
  const written: Locale = env.insert === 'ids' ? 'en' : mapLanguage(analysis?.map, lines.text);
  switch (ctx.kind) {
    case 'key':
      if (env.triggerCharacter === ':' || env.triggerCharacter === ',' || env.triggerCharacter === '[') return EMPTY;
      return { isIncomplete: false, items: keyItems(lines, ctx, env.locale, written) };
    case 'lane-key':
      if (env.triggerCharacter === ':') return EMPTY;
      return { isIncomplete: false, items: laneKeyItems(lines, ctx, analysis, env.locale) };
    case 'persona-key':
      if (env.triggerCharacter === ':') return EMPTY;
      return { isIncomplete: false, items: personaKeyItems(lines, ctx, analysis, env.locale) };
    case 'value':
      if (env.triggerCharacter === '-' && !ctx.item) return EMPTY;
      return valueItems(lines, ctx, analysis, locale, written, env.locale);
    case 'none':
      return EMPTY;
  }
}

function keyItems(lines: LineIndex, ctx: Extract<CursorContext, { kind: 'key' }>, ui: Locale, written: Locale): CompletionItem[] {
  const range = toRange(lines, ctx.range);
  const col = range.start.character;
  const items: CompletionItem[] = [];
  SCHEMA[ctx.object].forEach((f, i) => {
    if (ctx.present.has(f.key) && f.key !== ctx.key) return;
    const item: CompletionItem = {
      label: f.key,
      kind: f.type.t === 'list' ? CompletionItemKind.Module : CompletionItemKind.Property,
      detail: f.required ? t(ui, '{0} — {1} (required)', typePhrase(f, ui, written), objectPhraseIn(ctx.object, ui)) : `${typePhrase(f, ui, written)} — ${objectPhraseIn(ctx.object, ui)}`,
      documentation: { kind: MarkupKind.Markdown, value: keyDoc(ctx.object, f, ui) },
      sortText: `${f.required ? 0 : 1}${String(i).padStart(2, '0')}`,
      filterText: f.key,
    };
    if (ctx.hasColon) {
      item.textEdit = TextEdit.replace(range, f.key);
    } else {
      item.textEdit = TextEdit.replace(range, keySnippet(ctx.object, f, col));
      item.insertTextFormat = InsertTextFormat.Snippet;
      item.insertTextMode = InsertTextMode.asIs;
      if (opensValueList(f)) item.command = TRIGGER_SUGGEST;
    }
    items.push(item);
  });
  return items;
}

function opensValueList(f: FieldSpec): boolean {
  const t = f.type.t;
  return t === 'enum' || t === 'emotion' || (t === 'ref' && !f.type.many);
}

/** What typing a key inserts: `key: ` and, for lists, the first item laid out under it. */
function keySnippet(object: ObjectName, f: FieldSpec, col: number): string {
  const pad = ' '.repeat(col);
  const t = f.type;
  switch (t.t) {
    case 'version':
      return `${f.key}: \${1:1}`;
    case 'object': {
      const first = SCHEMA[t.of].find((c) => c.required) ?? SCHEMA[t.of][0];
      return `${f.key}:\n${pad}  ${first.key}: $0`;
    }
    case 'list': {
      const child = childObject(object, f.key)!;
      const first = SCHEMA[child].find((c) => c.required) ?? SCHEMA[child][0];
      return `${f.key}:\n${pad}  - ${first.key}: $0`;
    }
    case 'lanes':
      return `${f.key}:\n${pad}  $0`;
    default:
      return `${f.key}: $0`;
  }
}

/** What a key holds, for its completion detail; ids and object names stay as the file writes them. */
function typePhrase(f: FieldSpec, ui: Locale = 'en', written: Locale = 'en'): string {
  const ty = f.type;
  switch (ty.t) {
    case 'version':
      return t(ui, 'format version');
    case 'string':
      return ty.many ? t(ui, 'text or list of texts') : t(ui, 'text');
    case 'date':
      return t(ui, 'date YYYY-MM-DD');
    case 'object':
      return objectNoun(ty.of, ui);
    case 'text':
      return t(ui, 'text or list of texts');
    case 'id':
      return 'id';
    case 'ref':
      return ty.many ? t(ui, '{0} id(s)', objectNoun(ty.ref, ui)) : t(ui, '{0} id', objectNoun(ty.ref, ui));
    case 'enum':
      // The values as this map's author writes them (`высокое | среднее | низкое`), not ids.
      return ty.values.map((v) => enumWord(f.key, v, written, ty.vocabulary)).join(' | ');
    case 'emotion':
      return t(ui, 'emotion name or score −3…+3, or one per persona');
    case 'evidence':
      return t(ui, 'source ids or text');
    case 'lanes':
      return t(ui, 'lane id → text');
    case 'list':
      return t(ui, 'list of {0} items', objectNoun(ty.of, ui));
  }
}

function laneKeyItems(lines: LineIndex, ctx: Extract<CursorContext, { kind: 'lane-key' }>, analysis: Analysis | undefined, ui: Locale): CompletionItem[] {
  if (!analysis) return [];
  const range = toRange(lines, ctx.range);
  return analysis.map.lanes
    .filter((l) => l.id && (!ctx.present.has(l.id.value) || l.id.value === ctx.key))
    .map((l, i) => ({
      label: l.id!.value,
      kind: CompletionItemKind.Field,
      detail: l.name?.value ?? t(ui, 'custom lane'),
      documentation: l.description.length ? l.description.map((d) => d.value).join('\n\n') : undefined,
      sortText: String(i).padStart(4, '0'),
      textEdit: TextEdit.replace(range, ctx.hasColon ? l.id!.value : `${l.id!.value}: `),
    }));
}

/** Declared personas as keys of a per-persona `emotion:`; the ones already given an emotion are left out. */
function personaKeyItems(lines: LineIndex, ctx: Extract<CursorContext, { kind: 'persona-key' }>, analysis: Analysis | undefined, ui: Locale): CompletionItem[] {
  if (!analysis) return [];
  const range = toRange(lines, ctx.range);
  return analysis.map.personas
    .filter((p) => p.id && (!ctx.present.has(p.id.value) || p.id.value === ctx.key))
    .map((p, i) => ({
      label: p.id!.value,
      labelDetails: p.name ? { description: p.name.value } : undefined,
      kind: CompletionItemKind.Constant,
      detail: `${objectNoun('persona', ui)}${p.name ? `: ${p.name.value}` : ''}`,
      sortText: String(i).padStart(4, '0'),
      textEdit: TextEdit.replace(range, ctx.hasColon ? p.id!.value : `${p.id!.value}: `),
      // After `anna: ` the emotions are what comes next.
      command: ctx.hasColon ? undefined : TRIGGER_SUGGEST,
    }));
}

/**
 * @param locale the language of the texts that explain an item
 * @param written the language of what an item inserts: the map's, or `en` for ids
 * @param ui the reader's language: cjm's own sentences
 */
function valueItems(lines: LineIndex, ctx: Extract<CursorContext, { kind: 'value' }>, analysis: Analysis | undefined, locale: Locale, written: Locale, ui: Locale): CompletionList {
  const range = toRange(lines, ctx.range);
  const ty = ctx.spec.type;
  const edit = (text: string) => TextEdit.replace(range, text);
  if (ctx.object === 'stage' && ctx.spec.key === 'id') return stageItems(ctx, analysis, locale, written, edit, ui);
  switch (ty.t) {
    case 'emotion':
      return emotionItems(ctx.prefix, locale, written, edit, ui);
    case 'ref':
      return { isIncomplete: false, items: refItems(ty.ref, analysis, locale, edit, ui) };
    case 'evidence':
      return { isIncomplete: false, items: refItems('source', analysis, locale, edit, ui) };
    case 'enum':
      return { isIncomplete: false, items: enumItems(ctx.spec, ty.values, ctx.prefix, locale, written, edit, ui) };
    case 'version':
      return { isIncomplete: false, items: [{ label: '1', kind: CompletionItemKind.Value, detail: t(ui, 'cjm format version 1'), textEdit: edit('1') }] };
    default:
      return EMPTY;
  }
}

/** The word of `words` the typed text starts, or else contains, so it leads the filter text. */
function leadingWord(prefix: string, words: readonly string[]): string[] {
  const q = fold(prefix.trim());
  if (!q) return [...words];
  const hit = words.find((w) => fold(w).startsWith(q)) ?? words.find((w) => fold(w).includes(q));
  return hit ? [hit, ...words.filter((w) => w !== hit)] : [...words];
}

function stageItems(
  ctx: Extract<CursorContext, { kind: 'value' }>,
  analysis: Analysis | undefined,
  locale: Locale,
  written: Locale,
  edit: (text: string) => TextEdit,
  ui: Locale,
): CompletionList {
  const existing = analysis ? analysis.map.stages.map((s) => s.id?.value).filter((x): x is string => !!x) : [];
  // The stage being edited is in the (older) analysis with what is typed so far; it is not "taken".
  const typedAt = existing.indexOf(ctx.prefix);
  if (typedAt >= 0) existing.splice(typedAt, 1);
  // `покупка` and `purchase` are the same built-in stage: either takes it.
  const existingBuiltins = existing.map((id) => findStage(id)?.stage.id ?? id);
  const taken = new Set(existingBuiltins);
  const next = nextExpectedStage(existingBuiltins);
  const matches: readonly StageInfo[] = ctx.prefix.trim() ? matchStages(ctx.prefix) : STAGES;
  const items = matches
    .filter((st) => !taken.has(st.id))
    .map((st): CompletionItem => {
      const words = [...new Set([st.id, st.names[locale], ...Object.values(st.names), ...stageWords(st)])];
      const word = stageIdWord(st, written, ctx.prefix);
      const names = LOCALES.filter((l) => ui === 'en' || l !== 'en').map((l) => st.names[l]);
      return {
        label: word,
        labelDetails: { description: word === st.id ? st.names[locale] : fold(word) === fold(st.names[locale]) ? undefined : st.names[locale] },
        kind: CompletionItemKind.EnumMember,
        detail: `${st.names[locale]} — ${st.description[locale]}`,
        documentation: {
          kind: MarkupKind.Markdown,
          // The stage's name in every language; an English word only for an English reader.
          value: `**${names[0]}**${names.slice(1).map((n) => ` · ${n}`).join('')}\n\n${st.description[locale]}\n\n${t(ui, 'Stage {0} of {1} in the usual journey order.', st.order + 1, STAGES.length)}`,
        },
        sortText: st === next ? '0' : `1${String(st.order).padStart(2, '0')}`,
        preselect: st === next,
        filterText: leadingWord(ctx.prefix, words).join(' '),
        textEdit: edit(word),
      };
    });
  // Server-side matching understands Russian and Polish words: ask again as the user types.
  return { isIncomplete: true, items };
}

function emotionItems(prefix: string, locale: Locale, written: Locale, edit: (text: string) => TextEdit, ui: Locale): CompletionList {
  const items: CompletionItem[] = [];
  const p = prefix.trim().replace(/^−/, '-');
  if (/^[+-]?\d/.test(p)) {
    // Numbers are allowed too: say what each score means.
    for (let score = 3; score >= -3; score--) {
      const near = nearestEmotion(score);
      const written = score > 0 ? `+${score}` : String(score);
      if (!written.startsWith(p) && !String(score).startsWith(p)) continue;
      items.push({
        label: String(score),
        kind: CompletionItemKind.Value,
        detail: t(ui, '{0} on the −3…+3 scale (like {1})', `${near.emoji} ${formatScore(score, ui)}`, near.names[locale]),
        documentation: { kind: MarkupKind.Markdown, value: scaleDoc(ui) },
        sortText: `s${String(3 - score)}`,
        filterText: `${score} ${written}`,
        textEdit: edit(String(score)),
      });
    }
    return { isIncomplete: true, items };
  }
  const matched = new Set<EmotionInfo>(matchEmotions(prefix));
  EMOTIONS.forEach((em, i) => {
    if (!matched.has(em)) return;
    const local = em.names[locale];
    const words = [...new Set([em.id, local, ...Object.values(em.names), ...Object.values(em.synonyms).flat()])];
    const word = emotionWord(em, written, prefix);
    items.push({
      label: word,
      labelDetails: { detail: ` ${em.emoji} ${formatScore(em.score, ui)}`, description: local !== word ? local : undefined },
      kind: CompletionItemKind.EnumMember,
      detail: `${em.emoji} ${formatScore(em.score, ui)}${local !== word ? ` (${local})` : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: emotionDoc(em, ui) },
      sortText: String(i).padStart(2, '0'),
      filterText: leadingWord(prefix, words).join(' '),
      textEdit: edit(word),
    });
  });
  return { isIncomplete: true, items };
}

function refItems(kind: RefKind, analysis: Analysis | undefined, locale: Locale, edit: (text: string) => TextEdit, ui: Locale): CompletionItem[] {
  if (!analysis) return [];
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const d of analysis.symbols.definitions) {
    if (d.kind !== kind || seen.has(d.id)) continue;
    seen.add(d.id);
    const builtin = kind === 'stage' ? findStage(d.id)?.stage : undefined;
    items.push({
      label: d.id,
      labelDetails: d.name || builtin ? { description: d.name ?? builtin!.names[locale] } : undefined,
      kind: kind === 'persona' ? CompletionItemKind.Constant : kind === 'step' || kind === 'stage' ? CompletionItemKind.Reference : CompletionItemKind.Value,
      detail: `${objectNoun(kind, ui)}${d.name ? `: ${d.name}` : builtin ? `: ${builtin.names[locale]}` : ''}`,
      sortText: String(items.length).padStart(4, '0'),
      textEdit: edit(d.id),
    });
  }
  return items;
}

/** Each language by its own name, then by the reader's word for it when that differs: `Русский (Russian)`, `Polski (польский)`. */
const LANGUAGE_WORDS: Record<string, Msg> = { en: msg('English'), ru: msg('Russian'), pl: msg('Polish') };

function languageName(code: string, ui: Locale): string | undefined {
  if (!isLocale(code)) return undefined;
  const own = pack(code).name;
  const word = LANGUAGE_WORDS[code] ? format(ui, LANGUAGE_WORDS[code]) : pack(code).englishName;
  return fold(word) === fold(own) ? own : `${own} (${word})`;
}

function enumItems(spec: FieldSpec, values: readonly string[], prefix: string, locale: Locale, written: Locale, edit: (text: string) => TextEdit, ui: Locale): CompletionItem[] {
  return values.map((v, i) => {
    const kind = spec.key === 'kind' ? MAP_KINDS.find((k) => k.id === v) : undefined;
    const vocabulary = spec.type.t === 'enum' ? spec.type.vocabulary : undefined;
    const description = kind ? kind.names[locale] : spec.key === 'language' ? languageName(v, ui) : vocabulary && locale !== 'en' ? enumWord(spec.key, v, locale, vocabulary) : undefined;
    const word = enumWord(spec.key, v, written, vocabulary);
    return {
      label: word,
      labelDetails: description && fold(description) !== fold(word) ? { description } : undefined,
      kind: CompletionItemKind.EnumMember,
      detail: kind ? `${kind.names[locale]} — ${kind.descriptions[ui]}` : description,
      sortText: String(i).padStart(2, '0'),
      // Found by the id, the word inserted and the label shown, whichever language is typed.
      filterText: leadingWord(prefix, [...new Set([word, v, ...(description ? [description] : [])])]).join(' '),
      textEdit: edit(word),
    };
  });
}
