import { Analysis, Diagnostic, analyze, severityRank } from '@cjm/core';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { expandArgs, readMapFile } from '../files';

const USAGE = `Usage: cjm check [options] [files, directories or globs…]

Validates journey maps. With no arguments, checks every .cjm file below the
current directory.

Options:
  --format human|json|github   output style (default: human)
                               github prints workflow annotations
  --hints                      also print hints (unused declarations…)
  -h, --help                   show this help

Exit status: 0 when no errors, 1 when a map has errors,
2 for usage errors and files that cannot be read.`;

export interface FileReport {
  readonly file: string;
  readonly analysis?: Analysis;
  readonly unreadable?: string;
}

function position(a: Analysis, offset: number): { line: number; column: number } {
  const p = a.lines.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

export function diagnosticToJson(a: Analysis, d: Diagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: a.lines.range(d.span),
    related: (d.related ?? []).map((r) => ({ message: r.message, range: a.lines.range(r.span) })),
    fixes: (d.fixes ?? []).map((f) => f.title),
  };
}

/** GitHub's workflow-command escaping for properties and messages. */
function ghEscape(s: string, property = false): string {
  let out = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

export const check: Command = {
  name: 'check',
  summary: 'validate maps and report problems with their positions',
  usage: USAGE,
  async run(args) {
    const { flags, rest } = parseFlags(args, { format: 'string', hints: 'boolean', help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(USAGE + '\n');
      return EXIT.ok;
    }
    const format = (flags.format as string | undefined) ?? 'human';
    if (!['human', 'json', 'github'].includes(format)) throw new UsageError(`--format must be human, json or github, not "${format}"`);
    const { files, problems } = expandArgs(rest);
    const reports: FileReport[] = files.map((file) => {
      const r = readMapFile(file);
      return r.ok ? { file, analysis: analyze(r.text) } : { file, unreadable: r.message };
    });
    for (const p of problems) reports.push({ file: p.arg, unreadable: p.message });
    if (!reports.length) {
      process.stderr.write('cjm check: no .cjm files found\n');
      return EXIT.usage;
    }
    const shown = (d: Diagnostic) => flags.hints || d.severity !== 'hint';
    let errors = 0;
    let warnings = 0;
    for (const r of reports) {
      for (const d of r.analysis?.diagnostics ?? []) {
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
      }
    }
    const unreadable = reports.filter((r) => r.unreadable);
    if (format === 'json') {
      const json = {
        version: 1,
        files: reports.map((r) =>
          r.analysis
            ? { file: r.file, diagnostics: r.analysis.diagnostics.map((d) => diagnosticToJson(r.analysis!, d)) }
            : { file: r.file, error: r.unreadable },
        ),
        summary: { files: reports.length, errors, warnings, unreadable: unreadable.length },
      };
      process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    } else {
      const lines: string[] = [];
      for (const r of reports) {
        if (r.unreadable) {
          lines.push(format === 'github' ? `::error file=${ghEscape(r.file, true)},title=cjm::${ghEscape(`${r.file} ${r.unreadable}`)}` : `${r.file}: error: ${r.unreadable}`);
          continue;
        }
        const a = r.analysis!;
        const ds = [...a.diagnostics].filter(shown).sort((x, y) => x.span.start - y.span.start || severityRank(x.severity) - severityRank(y.severity));
        for (const d of ds) {
          const s = position(a, d.span.start);
          if (format === 'github') {
            const e = position(a, d.span.end);
            const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
            lines.push(`::${level} file=${ghEscape(r.file, true)},line=${s.line},col=${s.column},endLine=${e.line},endColumn=${e.column},title=${ghEscape(`cjm ${d.code}`, true)}::${ghEscape(d.message)}`);
          } else {
            lines.push(`${r.file}:${s.line}:${s.column} ${d.severity} ${d.code} ${d.message}`);
          }
        }
      }
      if (lines.length) process.stdout.write(lines.join('\n') + '\n');
      if (format === 'human') {
        const files = reports.length === 1 ? '1 file' : `${reports.length} files`;
        process.stderr.write(`${files} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${unreadable.length ? `, ${unreadable.length} unreadable` : ''}\n`);
      }
    }
    if (unreadable.length) return EXIT.usage;
    return errors ? EXIT.findings : EXIT.ok;
  },
};
