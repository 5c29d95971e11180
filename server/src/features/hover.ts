/**
 * Hover: the documentation of a key, what an emotion means, the card of a referenced
 * persona/channel/team/source, a stage's summary.
 */
import { Hover, MarkupKind } from 'vscode-languageserver-types';
import {
  Analysis,
  Emotion,
  LOCALES,
  LineIndex,
  Locale,
  MAP_KINDS,
  Stage,
  Text,
  findStage,
  emotionLabel,
  enumWord,
  fieldDoc,
  fieldSpec,
  formatScore,
  REF_KIND_NOUNS,
  mapLanguage,
  nearestEmotion,
  resolveValue,
  stageLabel,
  stepLabel,
  format,
  msg,
  t,
  tn,
  vocabularyEntry,
} from '@cjm/core';
import { CursorContext, cursorContext } from './context';
import { toRange } from './convert';
import { emotionDoc, keyDoc, scaleDoc } from './docs';
import { DeclaredNode, declaredNode, symbolAt } from './lookup';

export interface HoverEnv {
  readonly locale: Locale;
}

export function hover(a: Analysis, offset: number, env: HoverEnv): Hover | null {
  // Names from the map follow its language; cjm's own words follow the reader's.
  const locale = mapLanguage(a.map, a.text);
  const ui = env.locale;
  const sym = symbolAt(a, offset);
  if (sym) {
    const node = sym.definition ? declaredNode(a, sym.definition) : undefined;
    const body = node ? card(a, node, locale, ui) : format(ui, msg('No {0} `{1}` is declared in this map.', REF_KIND_NOUNS[sym.kind], sym.id));
    return { contents: { kind: MarkupKind.Markdown, value: body }, range: toRange(a.lines, sym.span) };
  }
  const found = emotionAt(a, offset);
  if (found) {
    const { emotion, persona } = found;
    // A per-persona emotion says whose feeling it is first.
    const who = persona ? a.map.personas.find((p) => p.id?.value === persona) : undefined;
    const head = persona ? `👤 **${who?.name?.value ?? persona}** — ${t(ui, 'persona `{0}`', persona)}

` : '';
    return { contents: { kind: MarkupKind.Markdown, value: head + emotionHover(emotion, locale, ui) }, range: toRange(a.lines, emotion.span) };
  }

  const ctx = cursorContext(a.lines, offset);
  const key = keyHoverOf(a.lines, ctx, ui);
  if (key) return key;
  if (ctx.kind === 'value' && ctx.spec.type.t === 'enum') {
    const value = a.text.slice(ctx.range.start, ctx.range.end).trim();
    // Values may be written in any language (`kind: stan obecny`, `criticality: высокая`).
    const id = ctx.spec.type.vocabulary ? resolveValue(ctx.spec.type.vocabulary, value) ?? value : value;
    const kind = ctx.spec.key === 'kind' ? MAP_KINDS.find((k) => k.id === id) : undefined;
    if (kind) return { contents: { kind: MarkupKind.Markdown, value: `**${kind.names[locale]}** (\`${kind.id}\`)\n\n${kind.descriptions[ui]}` }, range: toRange(a.lines, ctx.range) };
    const vocabulary = ctx.spec.type.vocabulary;
    if (vocabulary && vocabularyEntry(vocabulary, id, 'en')) {
      // An English reader sees the value in the other languages; others see their own word,
      // agreeing with the key's noun («влияние: высокое»).
      const head = ui === 'en'
        ? `${id}** (${LOCALES.filter((l) => l !== 'en').map((l) => enumWord(ctx.spec.key, id, l, vocabulary)).join(' · ')})`
        : `${enumWord(ctx.spec.key, id, ui, vocabulary)}** (\`${id}\`)`;
      return { contents: { kind: MarkupKind.Markdown, value: `**${ctx.spec.key}: ${head}\n\n${fieldDoc(ctx.spec, ui)}` }, range: toRange(a.lines, ctx.range) };
    }
  }
  return null;
}

/**
 * The documentation of the key under the cursor, read from the text alone: a key is never
 * an id or an emotion, so hovering one needs no analysis of a document just edited.
 */
export function keyHover(lines: LineIndex, offset: number, locale: Locale = 'en'): Hover | null {
  return keyHoverOf(lines, cursorContext(lines, offset), locale);
}

function keyHoverOf(lines: LineIndex, ctx: CursorContext, locale: Locale): Hover | null {
  if (ctx.kind !== 'key' || !ctx.key) return null;
  const f = fieldSpec(ctx.object, ctx.key);
  return f ? { contents: { kind: MarkupKind.Markdown, value: keyDoc(ctx.object, f, locale) }, range: toRange(lines, ctx.range) } : null;
}

function emotionAt(a: Analysis, offset: number): { emotion: Emotion; persona?: string } | undefined {
  const inside = (e: Emotion) => offset >= e.span.start && offset <= e.span.end;
  for (const st of a.map.stages) {
    if (offset < st.span.start || offset > st.span.end) continue;
    for (const s of st.steps) {
      if (s.emotion && inside(s.emotion)) return { emotion: s.emotion };
      for (const pe of s.personaEmotions) if (inside(pe.emotion)) return { emotion: pe.emotion, persona: pe.persona.id };
    }
  }
  return undefined;
}

function emotionHover(e: Emotion, locale: Locale, ui: Locale): string {
  if (e.info) return emotionDoc(e.info, ui) + (ui === 'en' && locale !== 'en' ? `\n\n(${e.info.names[locale]})` : '');
  if (e.score === undefined) return `${t(ui, '`{0}` is not an emotion cjm knows.', e.raw)}\n\n${scaleDoc(ui)}`;
  const near = nearestEmotion(e.score);
  const close = `${near.emoji} **${near.id}** (${near.names[locale]})`;
  const how =
    e.form === 'mermaid'
      ? t(ui, 'Mermaid score `{0}` = {1} on cjm\'s scale, close to {2}.', e.raw, formatScore(e.score, ui), close)
      : t(ui, 'Score {0}, close to {1}.', formatScore(e.score, ui), close);
  return `${emotionLabel(e, locale, ui)}\n\n${how}\n\n${scaleDoc(ui)}`;
}

const list = (title: string, items: readonly Text[]): string => (items.length ? `**${title}:**\n${items.map((t) => `- ${t.value}`).join('\n')}` : '');
const para = (items: readonly Text[]) => items.map((t) => t.value).join('\n\n');

function card(a: Analysis, n: DeclaredNode, locale: Locale, ui: Locale): string {
  const uses = (kind: string, id: string | undefined) => a.symbols.references.filter((r) => r.kind === kind && r.id === id).length;
  const usedBy = (kind: string, id: string | undefined) => `_${tn(ui, uses(kind, id), 'Referenced {0} time.', 'Referenced {0} times.')}_`;
  const parts: string[] = [];
  switch (n.kind) {
    case 'persona': {
      const p = n.node;
      parts.push(`👤 **${p.name?.value ?? p.id?.value}** — ${t(ui, 'persona `{0}`', String(p.id?.value))}`);
      if (p.quote) parts.push(`> ${p.quote.value}`);
      parts.push(para(p.description), list(t(ui, 'Motivation'), p.motivation), list(t(ui, 'Goals'), p.goals), list(t(ui, 'Needs'), p.needs), list(t(ui, 'Expectations'), p.expectations), list(t(ui, 'Frustrations'), p.frustrations), usedBy('persona', p.id?.value));
      break;
    }
    case 'channel': {
      const c = n.node;
      const kpis = c.kpis.filter((k) => k.name?.value.trim()).map((k) => ({ value: [k.name!.value, k.baseline && t(ui, 'baseline {0}', k.baseline.value), k.current && t(ui, 'current {0}', k.current.value), k.target && t(ui, 'target {0}', k.target.value)].filter(Boolean).join(' · '), span: k.span }));
      parts.push(`📡 **${c.name?.value ?? c.id?.value}** — ${t(ui, 'channel `{0}`', String(c.id?.value))}${c.type ? ` (${c.type.value})` : ''}`, para(c.description), list(t(ui, 'KPIs'), kpis), usedBy('channel', c.id?.value));
      break;
    }
    case 'team': {
      const tm = n.node;
      parts.push(`👥 **${tm.name?.value ?? tm.id?.value}** — ${t(ui, 'team `{0}`', String(tm.id?.value))}`, tm.contact ? t(ui, 'Contact: {0}', tm.contact.value) : '', para(tm.description), usedBy('team', tm.id?.value));
      break;
    }
    case 'source': {
      const s = n.node;
      const facts = [s.type?.value, s.date?.value, s.sample?.value].filter(Boolean).join(' · ');
      parts.push(`📚 **${s.name?.value ?? s.id?.value}** — ${t(ui, 'source `{0}`', String(s.id?.value))}`, facts, s.url ? `<${s.url.value}>` : '', para(s.notes), usedBy('source', s.id?.value));
      break;
    }
    case 'lane': {
      const l = n.node;
      parts.push(`**${l.name?.value ?? l.id?.value}** — ${t(ui, 'lane `{0}`', String(l.id?.value))}`, para(l.description), usedBy('lane', l.id?.value));
      break;
    }
    case 'stage':
      parts.push(stageSummary(a, n.node, n.index, locale, ui));
      break;
    case 'step': {
      const s = n.node;
      const stage = stageLabel(n.stage, n.stageIndex, locale);
      parts.push(`**${stepLabel(s, n.stage.steps.indexOf(s), locale)}** — ${t(ui, 'step in {0}', stage)}`);
      if (s.action) parts.push(s.action.value);
      if (s.emotion) parts.push(t(ui, 'Emotion: {0}', emotionLabel(s.emotion, locale, ui)));
      break;
    }
  }
  return parts.filter(Boolean).join('\n\n');
}

/** Name, built-in meaning, step count and the emotion curve's mean and low point in this stage. */
export function stageSummary(a: Analysis, st: Stage, index: number, locale: Locale, ui: Locale = locale): string {
  const label = stageLabel(st, index, locale);
  const builtin = st.id ? findStage(st.id.value)?.stage : undefined;
  const parts = [`🧭 **${label}** — ${t(ui, 'stage {0} of {1}', index + 1, a.map.stages.length)}${st.id ? ` (\`${st.id.value}\`)` : ''}`];
  // The stage's name in the other languages; an English word only for an English reader.
  if (builtin) parts.push(`${builtin.description[locale]} _(${LOCALES.filter((l) => ui === 'en' || l !== 'en').map((l) => builtin.names[l]).join(' · ')})_`);
  if (st.description.length) parts.push(para(st.description));
  const scored = st.steps.map((s, i) => ({ s, i })).filter(({ s }) => s.emotion?.score !== undefined);
  const facts = [tn(ui, st.steps.length, '{0} step', '{0} steps')];
  if (scored.length) {
    const mean = scored.reduce((sum, { s }) => sum + s.emotion!.score!, 0) / scored.length;
    const low = scored.reduce((best, x) => (x.s.emotion!.score! < best.s.emotion!.score! ? x : best));
    facts.push(t(ui, 'mean emotion {0}', `${nearestEmotion(mean).emoji} ${formatScore(mean, ui)}`), t(ui, 'lowest: {0}', `${stepLabel(low.s, low.i, locale)} ${emotionLabel(low.s.emotion!, locale, ui)}`));
  } else if (st.steps.length) {
    facts.push(t(ui, 'no emotions yet'));
  }
  const pains = st.steps.reduce((n, s) => n + s.pains.length, 0);
  if (pains) facts.push(tn(ui, pains, '{0} pain', '{0} pains'));
  parts.push(facts.join(' · '));
  return parts.join('\n\n');
}
