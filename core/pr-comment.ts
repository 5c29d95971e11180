/**
 * The pull-request comment: a multi-file diff report as the Markdown GitHub renders itself.
 * Browser-safe and deterministic (identical input, byte-identical output), so the GitHub
 * Action, `cjm diff --format pr-comment` and a GitLab job post the same text.
 *
 * Reading order: a hidden marker (so the Action finds and updates its own comment), one
 * line per map, then per map its headline, the table of changes, stage emotions as a table
 * and the same numbers as a Mermaid `xychart-beta` chart. The tables carry every fact; the
 * chart only draws them, because e-mail notifications and the API show Mermaid as source.
 *
 * Size: GitHub refuses comments over 65,536 characters. Sections are summarised whole
 * (a table is never cut in half): first the largest maps lose their change tables to a
 * count by kind, then maps are reduced to their headline, then the last maps are counted
 * in one line; the comment says so at the top.
 */
import { Change, ChangeKind, StageEmotion } from './diff';
import { DiffReport, FileDiff, changeMark, fileTitle, lowestLine, markdownChangeTable, markdownStageEmotionTable, mdEscape } from './diff-report';
import { Msg, format, msg, plural, t, tn } from './l10n';
import { mapLanguage } from './mapLanguage';
import { mermaidQuoted } from './mermaid';
import type { JourneyMap } from './model';
import type { Locale } from './vocabulary/locale';

/**
 * The language a review of these maps is written in: the language most of them are written
 * in ({@link mapLanguage}: declared, else read from the text), the first such map's on a tie.
 * The maps are the new side of each file, or the old side of a deleted one.
 */
export function commentLocale(maps: ReadonlyArray<{ readonly map: JourneyMap; readonly text: string } | null | undefined>): Locale {
  const counts = new Map<Locale, number>();
  for (const m of maps) {
    if (!m) continue;
    const locale = mapLanguage(m.map, m.text);
    counts.set(locale, (counts.get(locale) ?? 0) + 1);
  }
  let best: Locale = 'en';
  let most = 0;
  for (const [locale, n] of counts) if (n > most) [best, most] = [locale, n];
  return best;
}

/** The hidden line the Action looks for when it updates its comment. */
export const PR_COMMENT_MARKER = '<!-- cjm-review -->';
/** GitHub's limit on an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65536;
/** Mermaid refuses diagrams longer than this (its `maxTextSize`). */
export const MERMAID_MAX_TEXT = 50000;
/** More categories than this make an unreadable chart: the table is left to carry them. */
export const CHART_MAX_STAGES = 60;
const CHART_LABEL_MAX = 28;
/** Change tables longer than this are collapsed under `<details>`. */
const OPEN_TABLE_ROWS = 20;

/** Before is grey, after is green: the chart has no legend, so the caption names them. */
const CHART_CONFIG = ['---', 'config:', '  themeVariables:', '    xyChart:', '      plotColorPalette: "#8c959f, #1f883d"', '---'];

export interface PrCommentOptions {
  /** default {@link PR_COMMENT_MARKER} */
  readonly marker?: string;
  /** default {@link GITHUB_COMMENT_LIMIT} */
  readonly maxChars?: number;
  /**
   * Links each change to its line on the new side: `https://github.com/o/r/blob/<sha>`.
   * Ignored unless it is a plain http(s) URL.
   */
  readonly blobUrl?: string;
  /** the command that shows everything, named when the comment had to be shortened */
  readonly fullCommand?: string;
  /** the language of the comment's own words (default English); the report's messages should be in the same */
  readonly locale?: Locale;
}

type Detail = 'full' | 'counts' | 'none';

/** A URL builder for change lines, or undefined when the base is not a URL we can trust. */
function lineLinker(blobUrl: string | undefined, f: FileDiff): ((c: Change) => string | undefined) | undefined {
  if (!blobUrl || !/^https?:\/\/[^\s()<>"'`\\]+$/.test(blobUrl) || f.status === 'deleted') return undefined;
  const path = f.path.split('/').map(encodeURIComponent).join('/');
  return (c) => {
    const at = c.afterAt;
    if (!at) return undefined;
    const r = at.range;
    const end = r.end.character === 0 && r.end.line > r.start.line ? r.end.line : r.end.line + 1;
    return `${blobUrl.replace(/\/+$/, '')}/${path}#L${r.start.line + 1}${!at.parent && end > r.start.line + 1 ? `-L${end}` : ''}`;
  };
}

function countsTable(f: FileDiff, locale: Locale): string[] {
  const counts = Object.entries(f.diff.summary.counts) as Array<[ChangeKind, number]>;
  if (!counts.length) return [];
  return [t(locale, '| | Kind | Changes |'), '|---|---|---|', ...counts.map(([k, n]) => `| ${changeMark(k)} | \`${k}\` | ${n} |`)];
}

/** Unique, short, neutralised x-axis labels: a band scale would merge equal names. */
function chartLabels(stages: readonly StageEmotion[], locale: Locale): string[] {
  const seen = new Map<string, number>();
  return stages.map((s) => {
    const chars = [...s.stage.name.replace(/\s+/g, ' ').trim()];
    let label = chars.length > CHART_LABEL_MAX ? chars.slice(0, CHART_LABEL_MAX - 1).join('') + '…' : chars.join('');
    label = label || t(locale, 'Stage');
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return mermaidQuoted(n > 1 ? `${label} (${n})` : label);
  });
}

/**
 * A side's mean per stage; a stage absent on that side (or without scored steps) holds the
 * level of the nearest stage before it (after it, at the start), so the line shows no dip
 * or peak that is not in the map. The tables mark such stages with an empty cell.
 */
function series(stages: readonly StageEmotion[], side: 'before' | 'after', persona?: string): number[] | undefined {
  const raw = stages.map((s) => (persona === undefined ? s[side] : s.personas?.find((p) => p.persona === persona)?.[side])?.mean);
  const firstKnown = raw.find((x) => x !== undefined);
  if (firstKnown === undefined) return undefined;
  let last = firstKnown;
  return raw.map((x) => (x === undefined ? last : (last = x))).map((x) => Math.round(x * 100) / 100);
}

/**
 * The emotion curve before and after as a Mermaid block, or a sentence saying why there
 * is none. Only user text is the stage names, which go through {@link mermaidQuoted}.
 */
export function emotionCurveBlock(f: FileDiff, locale: Locale = 'en'): { mermaid: string } | { note: string } | undefined {
  const stages = f.diff.emotions.stages;
  if (!stages.some((s) => s.direction !== 'same')) return undefined;
  if (stages.length > CHART_MAX_STAGES) return { note: t(locale, 'The emotion chart is left out: {0} stages are more than a chart can show legibly; the table above has the numbers.', stages.length) };
  const personas = chartPersonas(f);
  if (personas.length) return personaChart(f, personas, locale);
  const before = series(stages, 'before');
  const after = series(stages, 'after');
  const lines = [
    ...CHART_CONFIG,
    'xychart-beta',
    `  title "${mermaidQuoted(t(locale, 'Emotion by stage (mean, −3…+3)'))}"`,
    `  x-axis [${chartLabels(stages, locale).map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "${mermaidQuoted(t(locale, 'Emotion'))}" -3 --> 3`,
    // Both series always exist, so the colours keep their meaning: a flat neutral line
    // stands in for a side with no scores (a new or deleted map) and the caption says so.
    `  line [${(before ?? stages.map(() => 0)).join(', ')}]`,
    `  line [${(after ?? stages.map(() => 0)).join(', ')}]`,
  ];
  const text = lines.join('\n');
  if (text.length > MERMAID_MAX_TEXT) return { note: t(locale, 'The emotion chart is left out: it would exceed Mermaid\'s size limit; the table above has the numbers.') };
  return { mermaid: text };
}

// --- one series per persona ------------------------------------------------------------

/** Persona colours (Okabe–Ito, as the map's curves) and a pale tint of each for the "before" line. */
const PERSONA_CHART_COLOURS: ReadonlyArray<{ readonly strong: string; readonly pale: string; readonly name: Msg }> = [
  { strong: '#0072b2', pale: '#a6cde6', name: msg('blue') },
  { strong: '#d55e00', pale: '#f2c3a0', name: msg('orange') },
  { strong: '#009e73', pale: '#9fdcc9', name: msg('green') },
  { strong: '#cc79a7', pale: '#ecc9dc', name: msg('pink') },
  { strong: '#8a6d00', pale: '#dccf9c', name: msg('olive') },
];

function personaName(f: FileDiff, id: string): string {
  for (const s of f.diff.emotions.stages) for (const p of s.personas ?? []) if (p.persona === id) return p.name;
  return id;
}

/** The personas the chart draws a series for: those with emotions per persona, at most as many as there are colours. */
function chartPersonas(f: FileDiff): string[] {
  const ids: string[] = [];
  for (const s of f.diff.emotions.stages) for (const p of s.personas ?? []) if (!ids.includes(p.persona)) ids.push(p.persona);
  return ids.slice(0, PERSONA_CHART_COLOURS.length);
}

/** One pale (before) and one strong (after) line per persona, in the persona's colour. */
function personaChart(f: FileDiff, personas: readonly string[], locale: Locale): { mermaid: string } | { note: string } {
  const stages = f.diff.emotions.stages;
  const level = stages.map(() => 0);
  const lines = [
    '---', 'config:', '  themeVariables:', '    xyChart:',
    `      plotColorPalette: "${personas.flatMap((_, i) => [PERSONA_CHART_COLOURS[i].pale, PERSONA_CHART_COLOURS[i].strong]).join(', ')}"`,
    '---',
    'xychart-beta',
    `  title "${mermaidQuoted(t(locale, 'Emotion by stage and persona (mean, −3…+3)'))}"`,
    `  x-axis [${chartLabels(stages, locale).map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "${mermaidQuoted(t(locale, 'Emotion'))}" -3 --> 3`,
    ...personas.flatMap((p) => [`  line [${(series(stages, 'before', p) ?? level).join(', ')}]`, `  line [${(series(stages, 'after', p) ?? level).join(', ')}]`]),
  ];
  const text = lines.join('\n');
  if (text.length > MERMAID_MAX_TEXT) return { note: t(locale, 'The emotion chart is left out: it would exceed Mermaid\'s size limit; the table above has the numbers.') };
  return { mermaid: text };
}

function chartCaption(f: FileDiff, locale: Locale): string {
  const personas = chartPersonas(f);
  if (personas.length) {
    const names = personas.map((p, i) => `${mdEscape(personaName(f, p))} — ${format(locale, PERSONA_CHART_COLOURS[i].name)}`).join(', ');
    return format(locale, msg('Emotion curve per persona: {0}; the pale line of each colour is before, the strong one after', names));
  }
  const stages = f.diff.emotions.stages;
  const before = stages.some((s) => s.before) ? msg('grey: before') : msg('grey: before (no scores, drawn at 0)');
  const after = stages.some((s) => s.after) ? msg('green: after') : msg('green: after (no scores, drawn at 0)');
  const oneSided = stages.some((s) => !!s.before !== !!s.after);
  return format(locale, oneSided ? msg('Emotion curve, {0}, {1}; a stage on one side only keeps the other line level', before, after) : msg('Emotion curve, {0}, {1}', before, after));
}

function section(f: FileDiff, detail: Detail, opts: PrCommentOptions): string {
  if (detail === 'none') return '';
  const locale = opts.locale ?? 'en';
  const out: string[] = [`#### ${mdEscape(fileTitle(f, locale))}`, '', `**${mdEscape(f.diff.summary.headline)}**`, ''];
  if (detail === 'counts') {
    const counts = countsTable(f, locale);
    if (counts.length) out.push(...counts, '', `_${tn(locale, f.diff.changes.length, '{0} change summarised by kind to keep this comment within GitHub\'s size limit.', '{0} changes summarised by kind to keep this comment within GitHub\'s size limit.')}_`, '');
    return out.join('\n');
  }
  const changes = markdownChangeTable(f, lineLinker(opts.blobUrl, f), locale);
  if (changes.length) {
    const rows = changes.length - 2;
    if (rows > OPEN_TABLE_ROWS) out.push(`<details><summary>${tn(locale, rows, '{0} change', '{0} changes')}</summary>`, '', ...changes, '', '</details>', '');
    else out.push(...changes, '');
  }
  const emotions = markdownStageEmotionTable(f, locale);
  if (emotions.length) out.push(t(locale, 'Emotion by stage:'), '', ...emotions, '');
  const low = lowestLine(f.diff, locale);
  if (low) out.push(mdEscape(low), '');
  const chart = emotionCurveBlock(f, locale);
  if (chart && 'mermaid' in chart) {
    // Four backticks: the chart's text has no backticks, but a fence longer than any run is cheap insurance.
    out.push(`<details open><summary>${chartCaption(f, locale)}</summary>`, '', '````mermaid', chart.mermaid, '````', '', '</details>', '');
  } else if (chart) out.push(`_${chart.note}_`, '');
  return out.join('\n');
}

function header(report: DiffReport, marker: string, locale: Locale): string[] {
  const s = report.summary;
  const say = (m: Msg) => format(locale, m);
  const title = report.files.length ? plural(report.files.length, '{0} journey map changed', '{0} journey maps changed') : msg('no journey map changed');
  const out = [marker, `### 🗺️ cjm: ${say(title)}`, ''];
  if (report.base !== undefined) out.push(say(msg('Compared {0} → {1}.', mdEscape(report.base), report.head !== undefined ? mdEscape(report.head) : msg('working tree'))), '');
  if (report.files.length) {
    const sev = [s.bySeverity.error ? say(msg('{0} error-level', s.bySeverity.error)) : '', s.bySeverity.warning ? say(msg('{0} warning-level', s.bySeverity.warning)) : ''].filter(Boolean);
    const changes = say(plural(s.changes, '{0} change', '{0} changes'));
    out.push(`**${changes}${sev.length ? ` (${sev.join(', ')})` : ''}; ${say(plural(s.errorsIntroduced, '{0} new error', '{0} new errors'))}.**`, '');
  }
  return out;
}

function overviewRow(f: FileDiff, locale: Locale): string {
  return `| ${mdEscape(fileTitle(f, locale))} | ${mdEscape(f.diff.summary.headline)} |`;
}

export function formatPrComment(report: DiffReport, options: PrCommentOptions = {}): string {
  const locale = options.locale ?? 'en';
  const marker = options.marker ?? PR_COMMENT_MARKER;
  const limit = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  const files = report.files;
  const head = header(report, marker, locale);
  const rows = files.map((f) => overviewRow(f, locale));
  const detail: Detail[] = files.map(() => 'full');
  const parts = files.map((f) => section(f, 'full', options));
  const how = options.fullCommand ? t(locale, 'Run `{0}` or see the job summary for everything.', options.fullCommand.replace(/`/g, '')) : t(locale, 'See the job summary or run `cjm diff` for everything.');
  const footer = `<sub>${t(locale, 'Emotions on the −3…+3 scale. Marks: + added, − removed/resolved/fixed, ~ changed, ▲/▼ emotion up/down, ↷ moved.')}</sub>`;
  // Room for the table head, the shortening note and the separators.
  const slack = 400 + how.length + footer.length;
  let listed = files.length;
  const size = () => head.join('\n').length + slack + rows.slice(0, listed).reduce((n, r) => n + r.length + 1, 0) + parts.reduce((n, p) => n + p.length + 2, 0);
  const demote = (from: Detail, to: Detail) => {
    while (size() > limit) {
      let worst = -1;
      for (let i = 0; i < files.length; i++) if (detail[i] === from && (worst < 0 || parts[i].length > parts[worst].length)) worst = i;
      if (worst < 0) return;
      detail[worst] = to;
      parts[worst] = section(files[worst], to, options);
    }
  };
  demote('full', 'counts');
  demote('counts', 'none');
  // Thousands of maps: even one row each is too much, so the last ones are only counted.
  while (listed > 0 && size() > limit) listed--;
  const out = [...head];
  const summarised = detail.filter((d) => d !== 'full').length;
  if (summarised) {
    const what =
      listed < files.length
        ? plural(files.length, '{1} of {0} map is only counted and {2} are summarised', '{1} of {0} maps are only counted and {2} are summarised', files.length - listed, summarised)
        : plural(files.length, '{1} of {0} map is summarised', '{1} of {0} maps are summarised', summarised);
    out.push('> [!NOTE]', `> ${t(locale, 'Shortened to fit GitHub\'s comment size limit: {0}. {1}', what, how)}`, '');
  }
  if (listed) out.push(t(locale, '| Map | Summary |'), '|---|---|', ...rows.slice(0, listed), '');
  if (listed < files.length) out.push(tn(locale, files.length - listed, '…and {0} more map.', '…and {0} more maps.'), '');
  for (const p of parts) if (p) out.push(p);
  if (!files.length) out.push(t(locale, 'No `.cjm` map changed in this comparison.'), '');
  out.push(footer);
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
