/**
 * Finds every message the code uses, by reading the sources with the TypeScript parser:
 * the English text of each `msg`, `t`, `plural` and `tn` call is a catalogue key. A message
 * built at run time (not a string literal) could never be checked, so it is reported too,
 * as is a diagnostic whose message is a plain string (it would reach every reader in English).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Use {
  /** catalogue key (a plural use lists its English plural; categories are added per locale) */
  readonly text: string;
  readonly plural: boolean;
  readonly file: string;
  readonly line: number;
}

export interface Scan {
  readonly uses: Use[];
  /** places where a message is not a literal, or a diagnostic's message is a bare string */
  readonly problems: string[];
}

/** The folders whose code speaks to people through the catalogue. */
export const SCANNED = ['core', 'render', 'cli', 'server/src'];

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
}

/** [which argument holds the text, how many texts] per message function. */
const CALLS: Record<string, { at: number; plural: boolean }> = {
  msg: { at: 0, plural: false },
  t: { at: 1, plural: false },
  plural: { at: 1, plural: true },
  tn: { at: 2, plural: true },
};

function literal(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

export function scanSource(file: string, text: string): Scan {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const uses: Use[] = [];
  const problems: string[] = [];
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      const spec = CALLS[name];
      if (spec && node.arguments.length > spec.at) {
        const texts = spec.plural ? [node.arguments[spec.at], node.arguments[spec.at + 1]] : [node.arguments[spec.at]];
        const values = texts.map((a) => literal(a));
        if (values.some((v) => v === undefined)) problems.push(`${file}:${lineOf(node)}: ${name}() needs its message as a string literal`);
        else uses.push({ text: values[values.length - 1]!, plural: spec.plural, file, line: lineOf(node) });
      }
      if (name === 'diagnostic' && node.arguments.length >= 3) {
        const m = node.arguments[1];
        if (ts.isStringLiteral(m) || ts.isTemplateExpression(m) || ts.isNoSubstitutionTemplateLiteral(m)) {
          problems.push(`${file}:${lineOf(node)}: diagnostic() with a bare string; use msg('…') so it can be translated`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { uses, problems };
}

export function scanTree(root: string): Scan {
  const files: string[] = [];
  for (const d of SCANNED) walk(join(root, d), files);
  const uses: Use[] = [];
  const problems: string[] = [];
  for (const f of files.sort()) {
    const s = scanSource(relative(root, f), readFileSync(f, 'utf8'));
    uses.push(...s.uses);
    // The catalogue's own helpers pass their parameters along.
    if (!f.endsWith(join('core', 'l10n', 'index.ts'))) problems.push(...s.problems);
  }
  return { uses, problems };
}
