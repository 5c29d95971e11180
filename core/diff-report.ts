/**
 * A diff of one or many map files and its three text faces: the terminal, Markdown and
 * GitHub workflow annotations. Pure functions of the report (browser-safe), so the CLI,
 * the GitHub Action and the editor print the same words. JSON is the report itself
 * (docs/diff-schema.md).
 */
import { Change, ChangeKind, ChangeSeverity, DIFF_SCHEMA_VERSION, DiffValue, MapDiff, PathItem, changeSeverityRank, isChangeKind, CHANGE_SEVERITIES } from './diff';
import { format, msg, t } from './l10n';
import { changedFieldName } from './labels';
import { formatScore } from './vocabulary/emotions';
import type { Locale } from './vocabulary/locale';

export type FileStatus = 'modified' | 'added' | 'deleted' | 'renamed';

export interface FileDiff {
  /** the path on the new side (the old path for a deleted file), `/`-separated */
  readonly path: string;
  /** the path on the old side, when it differs (renames) */
  readonly oldPath?: string;
  readonly status: FileStatus;
  /**
   * Set when the map's own text did not change but files it reads did (a `use:` library, its
   * `baseline:`): those files, `/`-separated, as `path` is. Its diff then holds what they changed
   * in it (errors introduced or fixed).
   */
  readonly through?: readonly string[];
  readonly diff: MapDiff;
}

export interface DiffReport {
  readonly schema: 'cjm-diff';
  readonly version: typeof DIFF_SCHEMA_VERSION;
  /** git refs, when the report compares revisions */
  readonly base?: string;
  readonly head?: string;
  readonly files: readonly FileDiff[];
  readonly summary: {
    readonly files: number;
    readonly changes: number;
    readonly bySeverity: Readonly<Record<ChangeSeverity, number>>;
    readonly errorsIntroduced: number;
  };
}

export function diffReport(files: readonly FileDiff[], refs: { base?: string; head?: string } = {}): DiffReport {
  const bySeverity: Record<ChangeSeverity, number> = { error: 0, warning: 0, info: 0 };
  let changes = 0;
  let errorsIntroduced = 0;
  for (const f of files) {
    changes += f.diff.changes.length;
    errorsIntroduced += f.diff.summary.errors.introduced;
    for (const s of CHANGE_SEVERITIES) bySeverity[s] += f.diff.summary.bySeverity[s];
  }
  return {
    schema: 'cjm-diff',
    version: DIFF_SCHEMA_VERSION,
    ...(refs.base !== undefined ? { base: refs.base } : {}),
    ...(refs.head !== undefined ? { head: refs.head } : {}),
    files,
    summary: { files: files.length, changes, bySeverity, errorsIntroduced },
  };
}

// --- --fail-on ---------------------------------------------------------------------------

export type FailRule = { readonly severity: ChangeSeverity } | { readonly kind: ChangeKind };

/** `warning`, `emotion-dropped`, `error,stage-removed` → rules; throws a message for anything else. */
export function parseFailOn(spec: string, locale: Locale = 'en'): FailRule[] {
  const rules: FailRule[] = [];
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    if ((CHANGE_SEVERITIES as readonly string[]).includes(raw)) rules.push({ severity: raw as ChangeSeverity });
    else if (isChangeKind(raw)) rules.push({ kind: raw });
    else throw new Error(t(locale, '"{0}" is neither a severity (error, warning, info) nor a change kind (see docs/diff-schema.md)', raw));
  }
  if (!rules.length) throw new Error(t(locale, '--fail-on needs a severity or a change kind'));
  return rules;
}

/** The changes a rule set fails on: a severity rule matches that severity and worse. */
export function failingChanges(report: DiffReport, rules: readonly FailRule[]): Array<{ file: FileDiff; change: Change }> {
  const out: Array<{ file: FileDiff; change: Change }> = [];
  for (const file of report.files) {
    for (const change of file.diff.changes) {
      const hit = rules.some((r) => ('kind' in r ? r.kind === change.kind : changeSeverityRank(change.severity) <= changeSeverityRank(r.severity)));
      if (hit) out.push({ file, change });
    }
  }
  return out;
}

// --- shared wording ----------------------------------------------------------------------

export function pathLabel(path: readonly PathItem[], locale: Locale = 'en'): string {
  return path.length ? path.map((p) => p.name).join(' › ') : t(locale, 'map');
}

/** A one-character mark per kind: what a reviewer scans for in a column. */
export function changeMark(kind: ChangeKind): string {
  if (kind === 'emotion-dropped') return '▼';
  if (kind === 'emotion-rose') return '▲';
  if (kind.endsWith('-moved') || kind === 'step-reordered') return '↷';
  if (kind.endsWith('-added') || kind.endsWith('-introduced')) return '+';
  if (kind.endsWith('-removed') || kind.endsWith('-resolved') || kind.endsWith('-fixed')) return '−';
  return '~';
}

export function fileTitle(f: FileDiff, locale: Locale = 'en'): string {
  if (f.status === 'renamed') return t(locale, '{0} → {1} (renamed)', String(f.oldPath), f.path);
  if (f.through?.length) return t(locale, '{0} (through changes in {1})', f.path, f.through.join(', '));
  if (f.status === 'modified') return f.oldPath ? `${f.oldPath} → ${f.path}` : f.path;
  return format(locale, f.status === 'added' ? msg('{0} (added)', f.path) : msg('{0} (deleted)', f.path));
}

export function lowestLine(d: MapDiff, locale: Locale = 'en'): string | undefined {
  const { before, after } = d.emotions.lowest;
  if (!before && !after) return undefined;
  const m = (x: typeof before) => (x ? `${pathLabel(x.path, locale)} ${x.emotion}` : t(locale, 'none'));
  if (before && after && before.score === after.score && pathLabel(before.path) === pathLabel(after.path)) return undefined;
  return t(locale, 'lowest moment: {0} → {1}', m(before), m(after));
}

// --- terminal ----------------------------------------------------------------------------

export interface TerminalOptions {
  readonly color: boolean;
  /** the language of cjm's own words (default English); the report's messages are already in one */
  readonly locale?: Locale;
}

const SGR = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', cyan: '\x1b[36m', magenta: '\x1b[35m' };

/** Strips control characters from user text, so a hostile map cannot drive the terminal. */
function safe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

export function formatTerminal(report: DiffReport, opts: TerminalOptions): string {
  const paint = (code: string, s: string) => (opts.color ? `${code}${s}${SGR.reset}` : s);
  const colour = (c: Change) => {
    const m = changeMark(c.kind);
    if (c.severity === 'error') return SGR.red + SGR.bold;
    return m === '+' ? SGR.green : m === '−' ? SGR.red : m === '▼' ? SGR.magenta : m === '▲' ? SGR.green : m === '↷' ? SGR.cyan : SGR.yellow;
  };
  const locale = opts.locale ?? 'en';
  const lines: string[] = [];
  if (!report.files.length) lines.push(t(locale, 'no map changes'));
  for (const f of report.files) {
    if (lines.length) lines.push('');
    lines.push(paint(SGR.bold, safe(fileTitle(f, locale))));
    lines.push(`  ${safe(f.diff.summary.headline)}`);
    for (const c of f.diff.changes) {
      lines.push(`  ${paint(colour(c), changeMark(c.kind))} ${safe(pathLabel(c.path, locale))}: ${safe(c.message)}  ${paint(SGR.dim, `[${c.kind}]`)}`);
    }
    const low = lowestLine(f.diff, locale);
    if (low) lines.push(`  ${paint(SGR.dim, safe(low))}`);
  }
  return lines.join('\n') + '\n';
}

// --- Markdown ----------------------------------------------------------------------------

/**
 * Escapes user text for a Markdown table cell or line: nothing in it can open HTML, a link,
 * an image, a mention, code, emphasis, a heading or a new table cell.
 */
export function mdEscape(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/@/g, '&#64;')
    // Breaks bare-URL autolinks without touching ordinary colons.
    .replace(/:\/\//g, '&#58;//')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

function mdValue(v: DiffValue | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? mdEscape(v) : v.map(mdEscape).join('<br>');
}

/**
 * A file's changes as a Markdown table (empty when there are none). `link` may give a URL
 * for a change's line; it must already be a safe URL (the caller builds it from its own data).
 */
export function markdownChangeTable(f: FileDiff, link?: (c: Change) => string | undefined, locale: Locale = 'en'): string[] {
  if (!f.diff.changes.length) return [];
  const out = [t(locale, '| | Where | Change | Before | After | Kind |'), '|---|---|---|---|---|---|'];
  for (const c of f.diff.changes) {
    const url = link?.(c);
    const where = url ? `[${mdEscape(pathLabel(c.path, locale))}](${url})` : mdEscape(pathLabel(c.path, locale));
    // An English reader sees the key as written; a reader of another language, its name in words.
    const field = c.field ? changedFieldName(c.kind, c.field, locale) : undefined;
    const what = c.before === undefined && c.after === undefined ? mdEscape(c.message) : mdEscape(field ?? c.message.split(':')[0]);
    out.push(`| ${changeMark(c.kind)} | ${where} | ${what} | ${mdValue(c.before)} | ${mdValue(c.after)} | \`${c.kind}\` |`);
  }
  return out;
}

/** Stage emotions (lowest and mean) before and after, for the stages whose mean moved. */
export function markdownStageEmotionTable(f: FileDiff, locale: Locale = 'en'): string[] {
  const moved = f.diff.emotions.stages.filter((s) => s.direction !== 'same');
  if (!moved.length) return [];
  const out = [t(locale, '| Stage | Lowest before | Lowest after | Mean before | Mean after |'), '|---|---|---|---|---|'];
  const v = (x: number | undefined) => (x === undefined ? '' : formatScore(x, locale));
  for (const s of moved) out.push(`| ${mdEscape(s.stage.name)} | ${v(s.before?.lowest)} | ${v(s.after?.lowest)} | ${v(s.before?.mean)} | ${v(s.after?.mean)} |`);
  return out;
}

export function formatMarkdown(report: DiffReport, options: { readonly locale?: Locale } = {}): string {
  const locale = options.locale ?? 'en';
  const out: string[] = [];
  const n = report.files.length;
  out.push(t(locale, '### cjm: journey changes'));
  out.push('');
  if (!n) out.push(t(locale, 'No map changes.'));
  for (const f of report.files) {
    out.push(`**${mdEscape(fileTitle(f, locale))}**: ${mdEscape(f.diff.summary.headline)}`);
    out.push('');
    const changes = markdownChangeTable(f, undefined, locale);
    if (changes.length) out.push(...changes, '');
    const emotions = markdownStageEmotionTable(f, locale);
    if (emotions.length) out.push(...emotions, '');
    const low = lowestLine(f.diff, locale);
    if (low) out.push(mdEscape(low), '');
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

// --- GitHub workflow annotations ---------------------------------------------------------

function ghEscape(s: string, property = false): string {
  let out = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

/**
 * One annotation per change, on its line in the new file (`notice` for info). Changes with
 * no place in the new file (a deleted map, a removal with no surviving parent) are annotated
 * on the file without a line.
 */
export function formatGithub(report: DiffReport, locale: Locale = 'en'): string {
  const lines: string[] = [];
  for (const f of report.files) {
    for (const c of f.diff.changes) {
      const level = c.severity === 'error' ? 'error' : c.severity === 'warning' ? 'warning' : 'notice';
      const props = [`file=${ghEscape(f.path, true)}`];
      if (c.afterAt?.parent && f.status !== 'deleted') {
        // The change is not in the new file; its parent's first line is where it happened.
        props.push(`line=${c.afterAt.range.start.line + 1}`);
      } else if (c.afterAt && f.status !== 'deleted') {
        const r = c.afterAt.range;
        // A node's span ends at the start of the next line; the annotation should not.
        const endLine = r.end.character === 0 && r.end.line > r.start.line ? r.end.line : r.end.line + 1;
        props.push(`line=${r.start.line + 1}`, `endLine=${endLine}`);
        if (endLine === r.start.line + 1 && r.end.line === r.start.line) props.push(`col=${r.start.character + 1}`, `endColumn=${r.end.character + 1}`);
      }
      props.push(`title=${ghEscape(`cjm ${c.kind}`, true)}`);
      lines.push(`::${level} ${props.join(',')}::${ghEscape(`${pathLabel(c.path, locale)}: ${c.message}`)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
