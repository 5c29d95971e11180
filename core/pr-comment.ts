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
 * Maps are listed worst first (a map with an error-level change before one with warnings
 * before the rest), so what blocks a merge is read first.
 *
 * Size: GitHub refuses comments over 65,536 characters. Sections are summarised whole
 * (a table is never cut in half), the least severe maps first: a map's change table first
 * keeps only its error- and warning-level rows, then becomes a count by kind, then the map
 * is reduced to its headline, then the last maps are counted in one line; the comment says
 * so at the top and points at the job summary, which carries the whole review.
 */
import { CHANGE_KINDS, Change, ChangeKind, ChangeSeverity, StageEmotion, changeSeverityRank } from './diff';
import { DiffReport, FileDiff, changeMark, diffReport, fileTitle, formatGithub, lowestLine, markdownChangeTable, markdownStageEmotionTable, mdEscape } from './diff-report';
import { Msg, format, msg, plural, t, tn } from './l10n';
import { mapLanguage } from './mapLanguage';
import { mermaidQuoted } from './mermaid';
import { formatScore } from './vocabulary/emotions';
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

/** What a `comment-id` may be: it goes into an HTML comment and a workflow file. */
export const COMMENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The marker of one job's comment: two jobs (say, one per folder of maps) that give
 * different ids keep separate comments. No id (or an empty one) is {@link PR_COMMENT_MARKER}.
 * Throws on an id outside {@link COMMENT_ID_PATTERN}, which could end the HTML comment.
 */
export function prCommentMarker(id?: string): string {
  if (!id) return PR_COMMENT_MARKER;
  if (!COMMENT_ID_PATTERN.test(id)) throw new Error(`comment id "${id}": use letters, digits, ".", "_" and "-" (at most 64)`);
  return `<!-- cjm-review:${id} -->`;
}
/** GitHub's limit on an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65536;
/** Mermaid refuses diagrams longer than this (its `maxTextSize`). */
export const MERMAID_MAX_TEXT = 50000;
/** More categories than this make an unreadable chart: the table is left to carry them. */
export const CHART_MAX_STAGES = 60;
/**
 * Tables other than the change list that are longer than this are collapsed under
 * `<details>`; the change list is what the comment is for and stays open.
 */
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
  /**
   * Where the whole review is (the workflow run's page, whose summary has it): linked when
   * the comment had to be shortened. Ignored unless it is a plain http(s) URL.
   */
  readonly summaryUrl?: string;
}

/** full: every row; important: error and warning rows only; counts: a count by kind; none: the headline row only */
type Detail = 'full' | 'important' | 'counts' | 'none';

const SAFE_URL = /^https?:\/\/[^\s()<>"'`\\]+$/;

/** The worst severity among a file's changes, as a rank (0 error … 2 info; 3 for none). */
function worstRank(f: FileDiff): number {
  return f.diff.changes.reduce((r, c) => Math.min(r, changeSeverityRank(c.severity)), 3);
}

/** A URL builder for change lines, or undefined when the base is not a URL we can trust. */
function lineLinker(blobUrl: string | undefined, f: FileDiff): ((c: Change) => string | undefined) | undefined {
  if (!blobUrl || !SAFE_URL.test(blobUrl) || f.status === 'deleted') return undefined;
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

/**
 * How wide a character is drawn, in ems, erring wide: Mermaid's labels use the reader's
 * "trebuchet ms", verdana, arial or sans-serif; these are a little above the widest of
 * them for each kind of letter. Cyrillic letters are wider than Latin ones; ш, щ, ж, ю, ы,
 * м, ф and M, W much wider.
 */
function charEm(ch: string): number {
  if (/[\s]/.test(ch)) return 0.32;
  if (/[iljtfrI.,:;!|'()\[\]\-]/.test(ch)) return 0.36;
  if (/[mwMWшщжюыфмШЩЖЮЫФМ@%]/.test(ch)) return 0.95;
  if (/[0-9]/.test(ch)) return 0.6;
  if (/[a-z]/.test(ch)) return 0.58;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (/[а-яё]/.test(ch)) return 0.62;
  if (/[А-ЯЁ]/.test(ch)) return 0.72;
  if (/[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(ch)) return 0.72;
  return 1.05;
}

/** Mermaid's default x-axis label size and chart width, in px. */
const LABEL_FONT_PX = 14;
const CHART_WIDTH = 700;
/** What the y-axis (its title, labels and ticks) takes of the chart's width, erring wide. */
const Y_AXIS_PX = 70;
/** Room between two neighbouring labels. */
const LABEL_GAP_PX = 10;

/** A label's drawn width in px at Mermaid's axis label size, erring wide. */
export function chartLabelWidth(label: string): number {
  let em = 0;
  for (const ch of label) em += charEm(ch);
  return em * LABEL_FONT_PX;
}

/**
 * The chart width at which `labels` fit side by side under a band axis: Mermaid gives every
 * category an equal band after an outer padding of half the widest label, so the widest
 * label plus a gap must fit the band.
 */
function widthFor(labels: readonly string[]): number {
  const widest = Math.max(0, ...labels.map(chartLabelWidth));
  return Y_AXIS_PX + widest + labels.length * (widest + LABEL_GAP_PX);
}

/** A stage's name as one line, or a placeholder for a stage without one. */
function stageName(s: StageEmotion, locale: Locale): string {
  return s.stage.name.replace(/\s+/g, ' ').trim() || t(locale, 'Stage');
}

/** Unique names: a band scale would merge equal ones. */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n > 1 ? `${name} (${n})` : name;
  });
}

/** One line of the chart: a value per stage. */
export interface ChartSeries {
  readonly values: readonly number[];
}

export interface EmotionChart {
  /** the `xychart-beta` text, config front matter included */
  readonly mermaid: string;
  /**
   * The stage names the x-axis shows by number (1, 2, …) because the names would not fit
   * side by side; undefined when the axis shows the names themselves.
   */
  readonly legend?: readonly string[];
}

/**
 * A Mermaid line chart of emotion by stage, one line per series (their colours in order:
 * grey, green). The axis shows the stage names when they fit side by side at Mermaid's
 * default width, measured by {@link chartLabelWidth}; else numbers, which the caller lists
 * in a legend; the chart grows wider when even the numbers would not fit. User text (the
 * names) goes through {@link mermaidQuoted}.
 */
export function emotionChart(names: readonly string[], series: readonly ChartSeries[], locale: Locale = 'en', style: { readonly palette?: readonly string[]; readonly title?: string } = {}): EmotionChart {
  const unique = uniqueNames(names);
  const byName = widthFor(unique) <= CHART_WIDTH;
  const labels = byName ? unique : unique.map((_, i) => String(i + 1));
  const width = Math.max(CHART_WIDTH, Math.ceil(widthFor(labels)));
  const config = style.palette ? [...CHART_CONFIG.slice(0, 4), `      plotColorPalette: "${style.palette.join(', ')}"`, '---'] : CHART_CONFIG;
  const lines = [
    ...config.slice(0, -1),
    ...(width > CHART_WIDTH ? ['  xyChart:', `    width: ${width}`] : []),
    '---',
    'xychart-beta',
    `  title "${mermaidQuoted(style.title ?? t(locale, 'Emotion by stage (mean, −3…+3)'))}"`,
    `  x-axis [${labels.map((l) => `"${mermaidQuoted(l)}"`).join(', ')}]`,
    `  y-axis "${mermaidQuoted(t(locale, 'Emotion'))}" -3 --> 3`,
    ...series.map((s) => `  line [${s.values.map((v) => Math.round(v * 100) / 100).join(', ')}]`),
  ];
  return { mermaid: lines.join('\n'), ...(byName ? {} : { legend: unique }) };
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
  return raw.map((x) => (x === undefined ? last : (last = x)));
}

/**
 * The emotion curve before and after as a Mermaid block (with the legend of numbered
 * stages, when the names did not fit the axis), or a sentence saying why there is none.
 */
export function emotionCurveBlock(f: FileDiff, locale: Locale = 'en'): { mermaid: string; legend?: readonly string[] } | { note: string } | undefined {
  const stages = f.diff.emotions.stages;
  if (!stages.some((s) => s.direction !== 'same')) return undefined;
  if (stages.length > CHART_MAX_STAGES) return { note: t(locale, 'The emotion chart is left out: {0} stages are more than a chart can show legibly; the table above has the numbers.', stages.length) };
  const personas = chartPersonas(f);
  if (personas.length) return personaChart(f, personas, locale);
  // Both series always exist, so the colours keep their meaning: a flat neutral line
  // stands in for a side with no scores (a new or deleted map) and the caption says so.
  const flat = stages.map(() => 0);
  const chart = emotionChart(
    stages.map((s) => stageName(s, locale)),
    [{ values: series(stages, 'before') ?? flat }, { values: series(stages, 'after') ?? flat }],
    locale,
  );
  if (chart.mermaid.length > MERMAID_MAX_TEXT) return { note: t(locale, 'The emotion chart is left out: it would exceed Mermaid\'s size limit; the table above has the numbers.') };
  return chart;
}

/** The numbered stages of a chart, with each side's mean: the chart's own data, readable without it. */
function legendTable(f: FileDiff, legend: readonly string[], locale: Locale): string[] {
  const v = (x: number | undefined) => (x === undefined ? '' : formatScore(x, locale));
  const stages = f.diff.emotions.stages;
  return [t(locale, '| # | Stage | Mean before | Mean after |'), '|---|---|---|---|', ...legend.map((name, i) => `| ${i + 1} | ${mdEscape(name)} | ${v(stages[i]?.before?.mean)} | ${v(stages[i]?.after?.mean)} |`)];
}

/** A table, collapsed under a summary when it is long. */
function maybeCollapsed(table: readonly string[], summary: string): string[] {
  return table.length - 2 > OPEN_TABLE_ROWS ? [`<details><summary>${summary}</summary>`, '', ...table, '', '</details>', ''] : [...table, ''];
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
function personaChart(f: FileDiff, personas: readonly string[], locale: Locale): EmotionChart | { note: string } {
  const stages = f.diff.emotions.stages;
  const level = stages.map(() => 0);
  const chart = emotionChart(
    stages.map((s) => stageName(s, locale)),
    personas.flatMap((p) => [{ values: series(stages, 'before', p) ?? level }, { values: series(stages, 'after', p) ?? level }]),
    locale,
    { palette: personas.flatMap((_, i) => [PERSONA_CHART_COLOURS[i].pale, PERSONA_CHART_COLOURS[i].strong]), title: t(locale, 'Emotion by stage and persona (mean, −3…+3)') },
  );
  if (chart.mermaid.length > MERMAID_MAX_TEXT) return { note: t(locale, 'The emotion chart is left out: it would exceed Mermaid\'s size limit; the table above has the numbers.') };
  return chart;
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
  if (detail === 'important') {
    // Errors, then warnings: what the cut keeps is what a reviewer must not miss.
    const kept = f.diff.changes.filter((c) => c.severity !== 'info').sort((a, b) => changeSeverityRank(a.severity) - changeSeverityRank(b.severity));
    const table = markdownChangeTable({ ...f, diff: { ...f.diff, changes: kept } }, lineLinker(opts.blobUrl, f), locale);
    if (table.length) out.push(...table, '');
    const rest = f.diff.changes.length - kept.length;
    if (rest) out.push(`_${tn(locale, rest, '{0} info-level change is left out to keep this comment within GitHub\'s size limit.', '{0} info-level changes are left out to keep this comment within GitHub\'s size limit.')}_`, '');
    return out.join('\n');
  }
  const changes = markdownChangeTable(f, lineLinker(opts.blobUrl, f), locale);
  if (changes.length) out.push(...changes, '');
  const emotions = markdownStageEmotionTable(f, locale);
  if (emotions.length) out.push(t(locale, 'Emotion by stage:'), '', ...maybeCollapsed(emotions, tn(locale, emotions.length - 2, '{0} stage', '{0} stages')));
  const low = lowestLine(f.diff, locale);
  if (low) out.push(mdEscape(low), '');
  const chart = emotionCurveBlock(f, locale);
  if (chart && 'mermaid' in chart) {
    // Four backticks: the chart's text has no backticks, but a fence longer than any run is cheap insurance.
    out.push(`<details open><summary>${chartCaption(f, locale)}</summary>`, '', '````mermaid', chart.mermaid, '````', '');
    if (chart.legend) out.push(...legendTable(f, chart.legend, locale), '');
    out.push('</details>', '');
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
  // Worst first; a stable sort keeps the maps' own order within a severity.
  const files = report.files.map((f, i) => ({ f, i, rank: worstRank(f) })).sort((a, b) => a.rank - b.rank || a.i - b.i).map((x) => x.f);
  const head = header(report, marker, locale);
  const rows = files.map((f) => overviewRow(f, locale));
  const detail: Detail[] = files.map(() => 'full');
  const parts = files.map((f) => section(f, 'full', options));
  const summary = options.summaryUrl && SAFE_URL.test(options.summaryUrl) ? options.summaryUrl : undefined;
  const how = summary
    ? t(locale, 'The [job summary]({0}) has the whole review.', summary)
    : options.fullCommand
      ? t(locale, 'Run `{0}` or see the job summary for everything.', options.fullCommand.replace(/`/g, ''))
      : t(locale, 'See the job summary or run `cjm diff` for everything.');
  const footer = `<sub>${t(locale, 'Emotions on the −3…+3 scale. Marks: + added, − removed/resolved/fixed, ~ changed, ▲/▼ emotion up/down, ↷ moved.')}</sub>`;
  // Room for the table head, the shortening note, a collapsed overview and the separators.
  const slack = 500 + how.length + footer.length;
  let listed = files.length;
  const size = () => head.join('\n').length + slack + rows.slice(0, listed).reduce((n, r) => n + r.length + 1, 0) + parts.reduce((n, p) => n + p.length + 2, 0);
  const demote = (from: Detail, to: Detail) => {
    while (size() > limit) {
      // The least severe map loses detail first; among equals, the largest.
      let pick = -1;
      for (let i = 0; i < files.length; i++) {
        if (detail[i] !== from) continue;
        if (pick < 0 || worstRank(files[i]) > worstRank(files[pick]) || (worstRank(files[i]) === worstRank(files[pick]) && parts[i].length > parts[pick].length)) pick = i;
      }
      if (pick < 0) return;
      detail[pick] = to;
      parts[pick] = section(files[pick], to, options);
    }
  };
  demote('full', 'important');
  demote('important', 'counts');
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
  if (listed) out.push(...maybeCollapsed([t(locale, '| Map | Summary |'), '|---|---|', ...rows.slice(0, listed)], tn(locale, listed, '{0} map', '{0} maps')));
  if (listed < files.length) out.push(tn(locale, files.length - listed, '…and {0} more map.', '…and {0} more maps.'), '');
  for (const p of parts) if (p) out.push(p);
  if (!files.length) out.push(t(locale, 'No `.cjm` map changed in this comparison.'), '');
  out.push(footer);
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

// --- annotations -------------------------------------------------------------------------

/** GitHub shows this many annotations of each level (error, warning, notice) per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

type AnnotationLevel = 'error' | 'warning' | 'notice';
const LEVEL: Record<ChangeSeverity, AnnotationLevel> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * The review's workflow annotations, errors first, then warnings, then notices, at most
 * what GitHub shows of each level in one step; the changes left over are counted in one
 * last notice that points at the job summary. `reserved` are annotations of a level the
 * step prints besides these (a warning that it could not comment, say), so none is dropped.
 */
export function reviewAnnotations(report: DiffReport, locale: Locale = 'en', options: { readonly perLevel?: number; readonly reserved?: Partial<Record<AnnotationLevel, number>> } = {}): { text: string; shown: number; omitted: number } {
  const per = options.perLevel ?? ANNOTATIONS_PER_LEVEL;
  const all: Array<{ f: FileDiff; c: Change }> = [];
  for (const f of report.files) for (const c of f.diff.changes) all.push({ f, c });
  const count = (level: AnnotationLevel) => all.filter((x) => LEVEL[x.c.severity] === level).length;
  const room = (level: AnnotationLevel) => Math.max(0, per - (options.reserved?.[level] ?? 0));
  const cut = (['error', 'warning', 'notice'] as const).some((l) => count(l) > room(l));
  // The "more in the job summary" notice takes one notice's place.
  const budget: Record<AnnotationLevel, number> = { error: room('error'), warning: room('warning'), notice: Math.max(0, room('notice') - (cut ? 1 : 0)) };
  const lines: string[] = [];
  let omitted = 0;
  for (const severity of ['error', 'warning', 'info'] as const) {
    for (const { f, c } of all) {
      if (c.severity !== severity) continue;
      const level = LEVEL[severity];
      if (budget[level] <= 0) {
        omitted++;
        continue;
      }
      budget[level]--;
      // One change at a time through the one formatter, so `cjm diff --format github` and the review agree.
      lines.push(formatGithub(diffReport([{ ...f, diff: { ...f.diff, changes: [c] } }]), locale).trimEnd());
    }
  }
  if (omitted) lines.push(`::notice title=cjm review::${tn(locale, omitted, '{0} more change is in the job summary (GitHub shows {1} annotations of each level per step).', '{0} more changes are in the job summary (GitHub shows {1} annotations of each level per step).', per).replace(/%/g, '%25').replace(/\r?\n/g, ' ')}`);
  return { text: lines.length ? lines.join('\n') + '\n' : '', shown: lines.length - (omitted ? 1 : 0), omitted };
}

// --- labels ------------------------------------------------------------------------------

/**
 * Which label a change kind puts on the pull request; `null` (or an empty string) puts
 * none. A repository can give its own mapping (the lead wires `.cjm.yml` in here); kinds it
 * does not name keep the default.
 */
export type ChangeLabelMapping = Readonly<Partial<Record<ChangeKind, string | null>>>;

/** By default a kind of warning or error level gets `cjm: <kind>`; info-level kinds get none. */
export function defaultChangeLabel(kind: ChangeKind): string | undefined {
  return CHANGE_KINDS[kind].severity === 'info' ? undefined : `cjm: ${kind}`;
}

/** GitHub's limit on a label's name, in characters. */
const LABEL_MAX = 50;

/** The labels a review puts on its pull request, sorted, each once. */
export function changeLabels(report: DiffReport, mapping: ChangeLabelMapping = {}): string[] {
  const labels = new Set<string>();
  for (const f of report.files) {
    for (const c of f.diff.changes) {
      const own = Object.prototype.hasOwnProperty.call(mapping, c.kind) ? mapping[c.kind] : undefined;
      const label = own === undefined ? defaultChangeLabel(c.kind) : own;
      const clean = label?.replace(/[\r\n,]+/g, ' ').trim();
      if (clean) labels.add([...clean].slice(0, LABEL_MAX).join(''));
    }
  }
  return [...labels].sort();
}
