/**
 * The repository's `.cjm.yml`: how a team tunes `cjm check`, `cjm diff`, `cjm review` and
 * the Action: severities per change kind and per diagnostic code, change kinds to leave
 * out, paths to leave alone, and pull-request labels. Parsing and validation are pure (the
 * language server may read it too); finding the file is the CLI's job (cli/config.ts).
 *
 * The file comes with pull requests, so it is read like a map: guarded before the parser,
 * walked as a syntax tree (aliases are never expanded), and every problem is a message
 * with a position, never an exception.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { CHANGE_KINDS, CHANGE_SEVERITIES, ChangeKind, ChangeSeverity, isChangeKind } from './diff';
import type { Change } from './diff';
import { DIAGNOSTIC_CODES, Diagnostic, DiagnosticCode, Severity } from './diagnostics';
import { guardText } from './guard';
import { Msg, msg } from './l10n';
import { didYouMean } from './suggest';
import { lineHolding } from './text';

/** The file names looked for, in this order. */
export const REPO_CONFIG_FILES = ['.cjm.yml', '.cjm.yaml'] as const;

export const REPO_CONFIG_VERSION = 1;

export interface RepoConfig {
  /** path globs (relative to the folder holding the file) that check, diff and review leave alone */
  readonly ignore: readonly string[];
  readonly diff: {
    /** a change kind's severity instead of its default */
    readonly severity: Readonly<Partial<Record<ChangeKind, ChangeSeverity>>>;
    /** change kinds left out of diff and review output (and of --fail-on) */
    readonly ignore: readonly ChangeKind[];
  };
  readonly check: {
    /** a diagnostic code's severity for `cjm check`; `off` drops it */
    readonly severity: Readonly<Partial<Record<DiagnosticCode, Severity | 'off'>>>;
  };
  /** pull-request labels: by change kind, or by severity (a change of exactly that severity) */
  readonly labels: {
    readonly kinds: Readonly<Partial<Record<ChangeKind, string>>>;
    readonly severities: Readonly<Partial<Record<ChangeSeverity, string>>>;
  };
}

export const EMPTY_REPO_CONFIG: RepoConfig = Object.freeze({
  ignore: [],
  diff: { severity: {}, ignore: [] },
  check: { severity: {} },
  labels: { kinds: {}, severities: {} },
});

export interface RepoConfigProblem {
  /** errors make the file unusable; warnings (unknown keys) are reported and skipped */
  readonly severity: 'error' | 'warning';
  readonly message: Msg;
  /** 0-based */
  readonly line: number;
  readonly column: number;
}

export interface ParsedRepoConfig {
  readonly config: RepoConfig;
  readonly problems: readonly RepoConfigProblem[];
}

const TOP_KEYS = ['version', 'ignore', 'diff', 'check', 'labels'];
const DIFF_KEYS = ['severity', 'ignore'];
const CHECK_KEYS = ['severity'];
const CHECK_SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'] as const;

class Reader {
  readonly problems: RepoConfigProblem[] = [];
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  private at(offset: number): { line: number; column: number } {
    const line = lineHolding(this.starts, offset);
    return { line, column: offset - this.starts[line] };
  }

  report(severity: 'error' | 'warning', message: Msg, node: { range?: [number, number, number] | null } | null | undefined, fallback = 0): void {
    this.problems.push({ severity, message, ...this.at(node?.range?.[0] ?? fallback) });
  }

  /** A block or flow mapping's pairs with scalar keys; anything else is reported. */
  pairs(node: YamlNode | null, where: string, fallback: number): Array<{ key: string; pair: Pair<YamlNode, YamlNode | null>; value: YamlNode | null }> {
    if (!isMap(node)) {
      this.report('error', msg('"{0}" must be a mapping of keys to values', where), node, fallback);
      return [];
    }
    const out: Array<{ key: string; pair: Pair<YamlNode, YamlNode | null>; value: YamlNode | null }> = [];
    for (const pair of node.items as Array<Pair<YamlNode, YamlNode | null>>) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string' && typeof pair.key.value !== 'number') {
        this.report('error', msg('a key in "{0}" must be plain text', where), pair.key as YamlNode, fallback);
        continue;
      }
      out.push({ key: String(pair.key.value), pair, value: (pair.value as YamlNode | null) ?? null });
    }
    return out;
  }

  /** A scalar's text; reports anything else (lists, mappings, aliases, empty values). */
  text(node: YamlNode | null, where: string, fallback: number): string | undefined {
    if (isScalar(node) && node.value !== null && typeof node.value !== 'object' && String(node.value).trim()) return String(node.value).trim();
    this.report('error', isAlias(node) ? msg('"{0}": aliases (*name) are not read in .cjm.yml', where) : msg('"{0}" needs a text value', where), node, fallback);
    return undefined;
  }

  list(node: YamlNode | null, where: string, fallback: number): Array<YamlNode | null> {
    if (isSeq(node)) return node.items as Array<YamlNode | null>;
    this.report('error', msg('"{0}" must be a list', where), node, fallback);
    return [];
  }

  unknownKey(key: string, node: YamlNode, where: string, known: readonly string[]): void {
    const close = didYouMean(key, known, 1);
    this.report(
      'warning',
      close.length ? msg('unknown key "{0}" in {1}, ignored; did you mean "{2}"?', key, where, close[0]) : msg('unknown key "{0}" in {1}, ignored; known keys: {2}', key, where, known.join(', ')),
      node,
    );
  }

  changeKind(value: string, node: YamlNode | null, fallback: number): ChangeKind | undefined {
    if (isChangeKind(value)) return value;
    const close = didYouMean(value, Object.keys(CHANGE_KINDS), 1);
    this.report('error', close.length ? msg('"{0}" is not a change kind; did you mean "{1}"?', value, close[0]) : msg('"{0}" is not a change kind (see docs/diff-schema.md)', value), node, fallback);
    return undefined;
  }
}

/** Reads `.cjm.yml` text into a typed configuration; problems carry their positions. Never throws. */
export function parseRepoConfig(text: string): ParsedRepoConfig {
  const r = new Reader(text);
  const guard = guardText(text);
  if (guard) {
    r.report('error', guard.msg ?? msg('this file is nested too deeply to read'), null, guard.span.start);
    return { config: EMPTY_REPO_CONFIG, problems: r.problems };
  }
  const doc = parseDocument(text, { uniqueKeys: true, keepSourceTokens: false });
  if (doc.errors.length) {
    for (const e of doc.errors.slice(0, 1)) r.report('error', msg('this is not valid YAML here'), null, e.pos[0]);
    return { config: EMPTY_REPO_CONFIG, problems: r.problems };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { config: EMPTY_REPO_CONFIG, problems: [] };

  const ignore: string[] = [];
  const severity: Partial<Record<ChangeKind, ChangeSeverity>> = {};
  const ignoredKinds: ChangeKind[] = [];
  const checkSeverity: Partial<Record<DiagnosticCode, Severity | 'off'>> = {};
  const kinds: Partial<Record<ChangeKind, string>> = {};
  const severities: Partial<Record<ChangeSeverity, string>> = {};

  for (const { key, pair, value } of r.pairs(doc.contents as YamlNode, '.cjm.yml', 0)) {
    const keyNode = pair.key as YamlNode;
    const fallback = keyNode.range?.[0] ?? 0;
    switch (key) {
      case 'version': {
        const v = r.text(value, 'version', fallback);
        if (v !== undefined && v !== String(REPO_CONFIG_VERSION)) r.report('error', msg('version {0} is not supported; this cjm reads version {1}', v, REPO_CONFIG_VERSION), value, fallback);
        break;
      }
      case 'ignore':
        for (const item of r.list(value, 'ignore', fallback)) {
          const glob = r.text(item, 'ignore', fallback);
          if (glob === undefined) continue;
          if (glob.startsWith('!')) r.report('error', msg('"{0}": exceptions (!) are not supported in ignore', glob), item, fallback);
          else ignore.push(glob);
        }
        break;
      case 'diff':
        for (const d of r.pairs(value, 'diff', fallback)) {
          const at = (d.pair.key as YamlNode).range?.[0] ?? fallback;
          if (d.key === 'severity') {
            for (const s of r.pairs(d.value, 'diff.severity', at)) {
              const kind = r.changeKind(s.key, s.pair.key as YamlNode, at);
              const level = r.text(s.value, `diff.severity.${s.key}`, at);
              if (!kind || level === undefined) continue;
              if ((CHANGE_SEVERITIES as readonly string[]).includes(level)) severity[kind] = level as ChangeSeverity;
              else r.report('error', msg('"{0}" must be error, warning or info, not "{1}"', `diff.severity.${s.key}`, level), s.value, at);
            }
          } else if (d.key === 'ignore') {
            for (const item of r.list(d.value, 'diff.ignore', at)) {
              const name = r.text(item, 'diff.ignore', at);
              const kind = name === undefined ? undefined : r.changeKind(name, item, at);
              if (kind && !ignoredKinds.includes(kind)) ignoredKinds.push(kind);
            }
          } else r.unknownKey(d.key, d.pair.key as YamlNode, 'diff', DIFF_KEYS);
        }
        break;
      case 'check':
        for (const c of r.pairs(value, 'check', fallback)) {
          const at = (c.pair.key as YamlNode).range?.[0] ?? fallback;
          if (c.key !== 'severity') {
            r.unknownKey(c.key, c.pair.key as YamlNode, 'check', CHECK_KEYS);
            continue;
          }
          for (const s of r.pairs(c.value, 'check.severity', at)) {
            const codeOk = Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, s.key);
            if (!codeOk) {
              const close = didYouMean(s.key, Object.keys(DIAGNOSTIC_CODES), 1);
              r.report('error', close.length ? msg('"{0}" is not a diagnostic code; did you mean "{1}"?', s.key, close[0]) : msg('"{0}" is not a diagnostic code (see docs/language.md)', s.key), s.pair.key as YamlNode, at);
            }
            const level = r.text(s.value, `check.severity.${s.key}`, at);
            if (!codeOk || level === undefined) continue;
            if ((CHECK_SEVERITIES as readonly string[]).includes(level)) checkSeverity[s.key as DiagnosticCode] = level as Severity | 'off';
            else r.report('error', msg('"{0}" must be error, warning, info, hint or off, not "{1}"', `check.severity.${s.key}`, level), s.value, at);
          }
        }
        break;
      case 'labels':
        for (const l of r.pairs(value, 'labels', fallback)) {
          const at = (l.pair.key as YamlNode).range?.[0] ?? fallback;
          const label = r.text(l.value, `labels.${l.key}`, at);
          if ((CHANGE_SEVERITIES as readonly string[]).includes(l.key)) {
            if (label !== undefined) severities[l.key as ChangeSeverity] = label;
          } else if (isChangeKind(l.key)) {
            if (label !== undefined) kinds[l.key] = label;
          } else {
            const close = didYouMean(l.key, [...CHANGE_SEVERITIES, ...Object.keys(CHANGE_KINDS)], 1);
            r.report('error', close.length ? msg('"{0}" is neither a change kind nor a severity; did you mean "{1}"?', l.key, close[0]) : msg('"{0}" is neither a change kind nor a severity (error, warning, info)', l.key), l.pair.key as YamlNode, at);
          }
        }
        break;
      default:
        r.unknownKey(key, keyNode, '.cjm.yml', TOP_KEYS);
    }
  }
  const config: RepoConfig = { ignore, diff: { severity, ignore: ignoredKinds }, check: { severity: checkSeverity }, labels: { kinds, severities } };
  return { config, problems: r.problems };
}

/**
 * gitignore-like globs on `/`-separated paths relative to the configuration's folder: `*`
 * and `?` stay within a name, `**` spans folders; a glob without a `/` matches a name at
 * any depth; a glob that matches a folder covers everything in it.
 */
export function globMatcher(glob: string): (relativePath: string) => boolean {
  let g = glob.replace(/\\/g, '/');
  const folderOnly = g.endsWith('/');
  g = g.replace(/\/+$/, '');
  const anchored = g.includes('/');
  g = g.replace(/^\.?\//, '');
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const whole = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}$`);
  return (path: string) => {
    const parts = path.split('/');
    if (parts[0] === '..' || path.startsWith('/')) return false;
    // The path itself, or one of its folders.
    for (let n = parts.length - (folderOnly ? 1 : 0); n >= 1; n--) if (whole.test(parts.slice(0, n).join('/'))) return true;
    return false;
  };
}

/** Whether a path (relative to the configuration's folder, `/`-separated) is ignored. */
export function isIgnoredPath(config: RepoConfig, relativePath: string): boolean {
  return config.ignore.some((g) => globMatcher(g)(relativePath));
}

/** The diff policy a configuration sets: severities per change kind and kinds left out. */
export function changePolicy(config: RepoConfig): { readonly severity: RepoConfig['diff']['severity']; readonly ignore: readonly ChangeKind[] } {
  return config.diff;
}

/** A diagnostic's severity under the configuration; `off` when it is switched off. */
export function diagnosticSeverity(config: RepoConfig, code: DiagnosticCode, severity: Severity): Severity | 'off' {
  return config.check.severity[code] ?? severity;
}

/**
 * The pull-request labels a set of changes earns: a change kind's label when that kind is
 * among them, a severity's label when a change of that severity is. Sorted, without repeats.
 */
export function prLabels(config: RepoConfig, changes: Iterable<Pick<Change, 'kind' | 'severity'>>): string[] {
  const out = new Set<string>();
  for (const c of changes) {
    const byKind = config.labels.kinds[c.kind];
    if (byKind) out.add(byKind);
    const bySeverity = config.labels.severities[c.severity];
    if (bySeverity) out.add(bySeverity);
  }
  return [...out].sort();
}

/** Diagnostics with the configuration's severities for `cjm check`; those switched `off` are left out. */
export function applyCheckSeverities<D extends Pick<Diagnostic, 'code' | 'severity'>>(config: RepoConfig, diagnostics: readonly D[]): D[] {
  const out: D[] = [];
  for (const d of diagnostics) {
    const s = diagnosticSeverity(config, d.code, d.severity);
    if (s === 'off') continue;
    out.push(s === d.severity ? d : { ...d, severity: s });
  }
  return out;
}

/** schemas/cjm-config.schema.json: `.cjm.yml` for editors, from the same lists the reader checks against. */
export function repoConfigJsonSchema(): Record<string, unknown> {
  const kinds = Object.keys(CHANGE_KINDS);
  const codes = Object.keys(DIAGNOSTIC_CODES);
  const changeSeverity = { enum: [...CHANGE_SEVERITIES] };
  const label = { type: 'string', minLength: 1 };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://cjm-tools.github.io/cjm/schemas/cjm-config.schema.json',
    $comment: 'Generated from core/repoConfig.ts by scripts/gen-schema.mjs (npm run gen:schema). Do not edit by hand.',
    title: 'cjm repository configuration (.cjm.yml)',
    description: 'Read by cjm check, cjm diff, cjm review and the GitHub Action from the working directory up to the repository top. See docs/config.md.',
    type: 'object',
    additionalProperties: false,
    properties: {
      version: { description: 'The format version of this file.', enum: [REPO_CONFIG_VERSION] },
      ignore: {
        description: 'Paths (gitignore-like globs, relative to the folder of this file) that check, diff and review leave alone. A glob without "/" matches a name at any depth; a glob matching a folder covers everything in it.',
        type: 'array',
        items: { type: 'string', minLength: 1, pattern: '^[^!]' },
      },
      diff: {
        type: 'object',
        additionalProperties: false,
        properties: {
          severity: {
            description: 'A change kind\'s severity instead of its default (docs/diff-schema.md); --fail-on, annotations and the PR comment follow it.',
            type: 'object',
            propertyNames: { enum: kinds },
            additionalProperties: changeSeverity,
          },
          ignore: { description: 'Change kinds left out of diff and review output.', type: 'array', items: { enum: kinds }, uniqueItems: true },
        },
      },
      check: {
        type: 'object',
        additionalProperties: false,
        properties: {
          severity: {
            description: 'A diagnostic code\'s severity for cjm check (docs/language.md); off leaves it out.',
            type: 'object',
            propertyNames: { enum: codes },
            additionalProperties: { enum: ['error', 'warning', 'info', 'hint', 'off'] },
          },
        },
      },
      labels: {
        description: 'Pull-request labels: a change kind or a severity (error, warning, info) → the label the Action adds when the pull request has such a change.',
        type: 'object',
        propertyNames: { enum: [...CHANGE_SEVERITIES, ...kinds] },
        additionalProperties: label,
      },
    },
  };
}
