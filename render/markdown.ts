/**
 * Map → Markdown: a Mermaid `journey` block GitHub draws itself, then tables that still make
 * sense where the chart is not drawn (e-mail notifications, plain-text readers).
 */
import { JourneyMap, Locale, mdEscape, t, toMermaidJourney } from '@cjm/core';
import { extraLabel, label, levelLabel } from './labels';
import { buildView } from './layout';
import type { Item, MapView } from './view';

/**
 * User text for a Markdown line or table cell: the PR comment's escaping (no tag, link,
 * image, mention, bare-URL autolink, code or table cell can be opened: docs/review.md), plus
 * what only matters at the start of a line here (a heading, a list item, a rule).
 */
export function escapeMarkdown(s: string): string {
  return mdEscape(s.replace(/\s+/g, ' ').trim())
    .replace(/[()]/g, '\\$&')
    .replace(/^([-=#+])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

const md = escapeMarkdown;

function itemText(it: Item): string {
  const badges = it.badges.map((b) => md(b.text)).join(', ');
  const text = it.href ? `[${md(it.text)}](${encodeURI(it.href).replace(/[()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())})` : md(it.text);
  const trend = it.trend ? ` ${sparkChars(it.trend.values)}` : '';
  const experiment = it.experiment?.length ? ` — ${it.experiment.map(md).join('; ')}` : '';
  const notes = it.notes?.length ? ` — ${it.notes.map(md).join('; ')}` : '';
  return [it.icon ? md(it.icon) + ' ' : '', text, trend, badges ? ` (${badges})` : '', experiment, notes].join('');
}

/** A trend in text: one block character per value, low to high (`▁▃▅█`). */
export function sparkChars(values: readonly number[]): string {
  const blocks = '▁▂▃▄▅▆▇█';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return values.map((v) => blocks[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (blocks.length - 1))]).join('');
}

function cell(items: readonly Item[] | undefined): string {
  return (items ?? []).map(itemText).join('<br>') || ' ';
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

export interface MarkdownOptions {
  /** the language of the labels around the author's text */
  readonly locale: Locale;
  /** the language the map is written in (`mapLanguage`): built-in stage and emotion names follow it */
  readonly language?: Locale;
}

export function renderMarkdown(map: JourneyMap, options: MarkdownOptions): string {
  const view: MapView = buildView(map, options.locale, options.language);
  const L = (k: Parameters<typeof label>[0]) => label(k, view.locale);
  const out: string[] = [`# ${md(view.title)}`, ''];
  if (view.kindLabel) out.push(`*${md(view.kindLabel)}*`, '');
  for (const d of view.description) out.push(md(d.text), '');
  // Four backticks: nothing in the (already neutralized) journey text can close the fence.
  out.push('````mermaid', toMermaidJourney(map, { locale: view.language }).trimEnd(), '````', '');
  if (view.personas.length) {
    out.push(`## ${md(L('personas'))}`, '');
    for (const p of view.personas) {
      out.push(`### ${md(p.name)}`, '');
      if (p.quote) out.push(`> ${md(p.quote.text)}`, '');
      for (const d of p.description) out.push(md(d.text), '');
      for (const [k, items] of [['personaGoals', p.goals], ['personaNeeds', p.needs], ['personaFrustrations', p.frustrations]] as const) {
        if (items.length) out.push(`**${md(L(k))}**`, '', ...items.map((i) => `- ${md(i.text)}`), '');
      }
      for (const [heading, items] of [[t(view.locale, 'Motivation'), p.motivation], [t(view.locale, 'Expectations'), p.expectations]] as const) {
        if (items.length) out.push(`**${md(heading)}**`, '', ...items.map((i) => `- ${md(i.text)}`), '');
      }
    }
  }
  const lanes = view.lanes.filter((l) => l.key !== 'emotion');
  for (const stage of view.stages) {
    out.push(`## ${stage.index + 1}. ${md(stage.name)}`, '');
    const meta = [stage.criticality ? `${md(L('criticality'))}: ${md(levelLabel(stage.criticality, 'criticality', view.locale))}` : '', stage.owner ? `${md(L('owner'))}: ${md(stage.owner)}` : ''].filter(Boolean);
    if (meta.length) out.push(meta.join(' · '), '');
    for (const d of stage.description) out.push(md(d.text), '');
    for (const g of stage.goals) out.push(`- ◎ ${md(g.text)}`);
    for (const e of stage.expectations) out.push(`- » ${md(e.text)}`);
    if (stage.goals.length || stage.expectations.length) out.push('');
    for (const nt of stage.notes ?? []) out.push(`*${md(nt.text)}*`, '');
    const steps = view.steps.filter((s) => s.stageIndex === stage.index && !s.placeholder);
    if (!steps.length) {
      out.push(`*${md(L('noSteps'))}*`, '');
      continue;
    }
    const head = [md(L('step')), md(L('emotionCol')), ...lanes.map((l) => md(l.label))];
    const rows = steps.map((s) => [
      `**${md(s.name)}**${s.criticality ? ` (${md(L('criticality'))}: ${md(levelLabel(s.criticality, 'criticality', view.locale))})` : ''}`,
      s.emotion ? `${md(s.emotion.emoji)} ${md(s.emotion.label)}`
        : s.personaEmotions?.length ? s.personaEmotions.map((pe) => `${md(pe.name)}: ${md(pe.emotion.emoji)} ${md(pe.emotion.label)}`).join('<br>') : ' ',
      ...lanes.map((l) => cell(s.cells[l.key])),
    ]);
    out.push(...table(head, rows), '');
    if (stage.opportunities.length) out.push(`**${md(L('stageOpportunities'))}**`, '', ...stage.opportunities.map((o) => `- ${itemText(o)}`), '');
    if (stage.kpis.length) out.push(`**${md(L('stageKpis'))}**`, '', ...stage.kpis.map((o) => `- ${itemText(o)}`), '');
  }
  const footer: Array<[string, readonly Item[]]> = [
    [L('journeyKpis'), view.journeyKpis], [L('backlog'), view.backlog], [L('channels'), view.channels], [L('sources'), view.sources],
    [extraLabel('teams', view.locale), view.teams ?? []], [L('notes'), view.notes],
  ];
  for (const [heading, items] of footer) if (items.length) out.push(`## ${md(heading)}`, '', ...items.map((i) => `- ${itemText(i)}`), '');
  return out.join('\n').replace(/\n+$/, '\n');
}
