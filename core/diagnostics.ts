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
  'internal-error': 'error',
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A quick fix: changes exactly what its title says, nothing else. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** the one fix an editor may apply on "fix all" */
  readonly preferred?: boolean;
}

export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInfo[];
  readonly tags?: ReadonlyArray<'unnecessary' | 'deprecated'>;
  readonly fixes?: readonly Fix[];
}

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  span: Span,
  extra: Partial<Pick<Diagnostic, 'related' | 'tags' | 'fixes' | 'severity'>> = {},
): Diagnostic {
  return { code, severity: extra.severity ?? DIAGNOSTIC_CODES[code], message, span, ...extra };
}

export function severityRank(s: Severity): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : s === 'info' ? 2 : 3;
}
