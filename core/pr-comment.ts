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
import { mermaidQuoted } from './mermaid';

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

function countsTable(f: FileDiff): string[] {
  const counts = Object.entries(f.diff.summary.counts) as Array<[ChangeKind, number]>;
  if (!counts.length) return [];
  return ['| | Kind | Changes |', '|---|---|---|', ...counts.map(([k, n]) => `| ${changeMark(k)} | \`${k}\` | ${n} |`)];
}

/** Unique, short, neutralised x-axis labels: a band scale would merge equal names. */
function chartLabels(stages: readonly StageEmotion[]): string[] {
  const seen = new Map<string, number>();
  return stages.map((s) => {
    const chars = [...s.stage.name.replace(/\s+/g, ' ').trim()];
    let label = chars.length > CHART_LABEL_MAX ? chars.slice(0, CHART_LABEL_MAX - 1).join('') + '…' : chars.join('');
    label = label || 'Stage';
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
function series(stages: readonly StageEmotion[], side: 'before' | 'after'): number[] | undefined {
  const raw = stages.map((s) => s[side]?.mean);
  const firstKnown = raw.find((x) => x !== undefined);
  if (firstKnown === undefined) return undefined;
  let last = firstKnown;
  return raw.map((x) => (x === undefined ? last : (last = x))).map((x) => Math.round(x * 100) / 100);
}

/**
 * The emotion curve before and after as a Mermaid block, or a sentence saying why there
 * is none. Only user text is the stage names, which go through {@link mermaidQuoted}.
 */
export function emotionCurveBlock(f: FileDiff): { mermaid: string } | { note: string } | undefined {
  const stages = f.diff.emotions.stages;
  if (!stages.some((s) => s.direction !== 'same')) return undefined;
  if (stages.length > CHART_MAX_STAGES) return { note: `The emotion chart is left out: ${stages.length} stages are more than a chart can show legibly; the table above has the numbers.` };
  const before = series(stages, 'before');
  const after = series(stages, 'after');
  const lines = [
    ...CHART_CONFIG,
    'xychart-beta',
    '  title "Emotion by stage (mean, −3…+3)"',
    `  x-axis [${chartLabels(stages).map((l) => `"${l}"`).join(', ')}]`,
    '  y-axis "Emotion" -3 --> 3',
    // Both series always exist, so the colours keep their meaning: a flat neutral line
    // stands in for a side with no scores (a new or deleted map) and the caption says so.
    `  line [${(before ?? stages.map(() => 0)).join(', ')}]`,
    `  line [${(after ?? stages.map(() => 0)).join(', ')}]`,
  ];
  const text = lines.join('\n');
  if (text.length > MERMAID_MAX_TEXT) return { note: 'The emotion chart is left out: it would exceed Mermaid\'s size limit; the table above has the numbers.' };
  return { mermaid: text };
}

function chartCaption(f: FileDiff): string {
  const stages = f.diff.emotions.stages;
  const parts = ['grey: before', 'green: after'];
  if (!stages.some((s) => s.before)) parts[0] = 'grey: before (no scores, drawn at 0)';
  if (!stages.some((s) => s.after)) parts[1] = 'green: after (no scores, drawn at 0)';
  const oneSided = stages.some((s) => !!s.before !== !!s.after);
  return `Emotion curve, ${parts.join(', ')}${oneSided ? '; a stage on one side only keeps the other line level' : ''}`;
}

function section(f: FileDiff, detail: Detail, opts: PrCommentOptions): string {
  if (detail === 'none') return '';
  const out: string[] = [`#### ${mdEscape(fileTitle(f))}`, '', `**${mdEscape(f.diff.summary.headline)}**`, ''];
  if (detail === 'counts') {
    const counts = countsTable(f);
    if (counts.length) out.push(...counts, '', `_${f.diff.changes.length} changes summarised by kind to keep this comment within GitHub's size limit._`, '');
    return out.join('\n');
  }
  const changes = markdownChangeTable(f, lineLinker(opts.blobUrl, f));
  if (changes.length) {
    const rows = changes.length - 2;
    if (rows > OPEN_TABLE_ROWS) out.push(`<details><summary>${rows} changes</summary>`, '', ...changes, '', '</details>', '');
    else out.push(...changes, '');
  }
  const emotions = markdownStageEmotionTable(f);
  if (emotions.length) out.push('Emotion by stage:', '', ...emotions, '');
  const low = lowestLine(f.diff);
  if (low) out.push(mdEscape(low), '');
  const chart = emotionCurveBlock(f);
  if (chart && 'mermaid' in chart) {
    // Four backticks: the chart's text has no backticks, but a fence longer than any run is cheap insurance.
    out.push(`<details open><summary>${chartCaption(f)}</summary>`, '', '````mermaid', chart.mermaid, '````', '', '</details>', '');
  } else if (chart) out.push(`_${chart.note}_`, '');
  return out.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function header(report: DiffReport, marker: string): string[] {
  const s = report.summary;
  const out = [marker, `### 🗺️ cjm: ${report.files.length ? `${plural(report.files.length, 'journey map')} changed` : 'no journey map changed'}`, ''];
  if (report.base !== undefined) out.push(`Compared ${mdEscape(report.base)} → ${mdEscape(report.head ?? 'working tree')}.`, '');
  if (report.files.length) {
    const sev = [s.bySeverity.error ? `${s.bySeverity.error} error-level` : '', s.bySeverity.warning ? `${s.bySeverity.warning} warning-level` : ''].filter(Boolean);
    out.push(`**${plural(s.changes, 'change')}${sev.length ? ` (${sev.join(', ')})` : ''}; ${plural(s.errorsIntroduced, 'new error')}.**`, '');
  }
  return out;
}

function overviewRow(f: FileDiff): string {
  return `| ${mdEscape(fileTitle(f))} | ${mdEscape(f.diff.summary.headline)} |`;
}

export function formatPrComment(report: DiffReport, options: PrCommentOptions = {}): string {
  const marker = options.marker ?? PR_COMMENT_MARKER;
  const limit = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  const files = report.files;
  const head = header(report, marker);
  const rows = files.map(overviewRow);
  const detail: Detail[] = files.map(() => 'full');
  const parts = files.map((f) => section(f, 'full', options));
  const how = options.fullCommand ? `Run \`${options.fullCommand.replace(/`/g, '')}\` or see the job summary for everything.` : 'See the job summary or run `cjm diff` for everything.';
  const footer = '<sub>Emotions on the −3…+3 scale. Marks: + added, − removed/resolved/fixed, ~ changed, ▲/▼ emotion up/down, ↷ moved.</sub>';
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
    const what = listed < files.length ? `${files.length - listed} of ${files.length} maps are only counted and ${summarised} are summarised` : `${summarised} of ${files.length} maps are summarised`;
    out.push('> [!NOTE]', `> Shortened to fit GitHub's comment size limit: ${what}. ${how}`, '');
  }
  if (listed) out.push('| Map | Summary |', '|---|---|', ...rows.slice(0, listed), '');
  if (listed < files.length) out.push(`…and ${plural(files.length - listed, 'more map')}.`, '');
  for (const p of parts) if (p) out.push(p);
  if (!files.length) out.push('No `.cjm` map changed in this comparison.', '');
  out.push(footer);
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
