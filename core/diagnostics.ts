import { Msg, format } from './l10n';
import type { Locale } from './vocabulary/locale';
import type { Span } from './text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/**
 * Every code is stable: tests, `--fail-on`, docs and quick fixes refer to it.
 * docs/language.md has a section per code.
 */
export const DIAGNOSTIC_CODES = {
  'yaml-syntax': 'error',
  'too-deep': 'error',
  'too-large': 'error',
  'alias-limit': 'error',
  'duplicate-key': 'error',
  'unknown-key': 'warning',
  'deprecated-key': 'hint',
  'wrong-type': 'error',
  'empty-value': 'warning',
  'missing-field': 'error',
  'invalid-id': 'error',
  'duplicate-id': 'error',
  'undeclared-reference': 'error',
  'unknown-emotion': 'error',
  'score-out-of-range': 'error',
  'unknown-kind': 'error',
  'invalid-value': 'error',
  'unsupported-version': 'error',
  'empty-stage': 'warning',
  'unsafe-url': 'warning',
  'unused-declaration': 'hint',
  'stage-order': 'info',
  'stage-without-emotion': 'info',
  'pain-without-opportunity': 'info',
  'blueprint-without-backstage': 'info',
  'missing-file': 'error',
  'circular-use': 'error',
  'refused-file': 'error',
  'internal-error': 'error',
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A quick fix: changes exactly what its title says, nothing else. */
export interface Fix {
  /** in English; `msg` has it for any locale */
  readonly title: string;
  readonly msg?: Msg;
  readonly edits: readonly TextEdit[];
  /** the one fix an editor may apply on "fix all" */
  readonly preferred?: boolean;
}

export interface RelatedInfo {
  readonly span: Span;
  /** in English; `msg` has it for any locale */
  readonly message: string;
  readonly msg?: Msg;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** in English, as tests, JSON output and the diff's identities know it; `msg` has it for any locale */
  readonly message: string;
  readonly msg?: Msg;
  readonly span: Span;
  readonly related?: readonly RelatedInfo[];
  readonly tags?: ReadonlyArray<'unnecessary' | 'deprecated'>;
  readonly fixes?: readonly Fix[];
}

export function diagnostic(
  code: DiagnosticCode,
  message: Msg | string,
  span: Span,
  extra: Partial<Pick<Diagnostic, 'related' | 'tags' | 'fixes' | 'severity'>> = {},
): Diagnostic {
  const text = typeof message === 'string' ? { message } : { message: format('en', message), msg: message };
  return { code, severity: extra.severity ?? DIAGNOSTIC_CODES[code], ...text, span, ...extra };
}

/** A quick fix whose title is a catalogue message. */
export function fix(title: Msg, edits: readonly TextEdit[], preferred?: boolean): Fix {
  return { title: format('en', title), msg: title, edits, ...(preferred !== undefined ? { preferred } : {}) };
}

/** A related location whose note is a catalogue message. */
export function related(span: Span, message: Msg): RelatedInfo {
  return { span, message: format('en', message), msg: message };
}

/** The diagnostic's message in a locale. */
export function diagnosticMessage(d: Diagnostic, locale: Locale): string {
  return d.msg ? format(locale, d.msg) : d.message;
}

/** A fix's title in a locale. */
export function fixTitle(f: Fix, locale: Locale): string {
  return f.msg ? format(locale, f.msg) : f.title;
}

/** The diagnostic with its message, related notes and fix titles in a locale (codes, spans and edits unchanged). */
export function localizeDiagnostic(d: Diagnostic, locale: Locale): Diagnostic {
  if (locale === 'en') return d;
  return {
    ...d,
    message: diagnosticMessage(d, locale),
    ...(d.related ? { related: d.related.map((r) => ({ ...r, message: r.msg ? format(locale, r.msg) : r.message })) } : {}),
    ...(d.fixes ? { fixes: d.fixes.map((f) => ({ ...f, title: fixTitle(f, locale) })) } : {}),
  };
}

export function severityRank(s: Severity): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : s === 'info' ? 2 : 3;
}
