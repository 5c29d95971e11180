import { Analysis, Diagnostic, Locale, Msg, Severity, applyCheckSeverities, commentLocale, diagnosticMessage, format, msg, plural, severityRank, t } from '@cjm/core';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { ignoredByConfig, repoConfigFor } from '../config';
import { analyzeMapFile, expandArgs, readMapFile } from '../files';
import { cliLocale, readerLocale } from '../locale';

const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm check [options] [files, directories or globs…]

Validates journey maps. With no arguments, checks every .cjm file below the
current directory.

Options:
  --format human|json|github   output style (default: human)
                               github prints workflow annotations
  --hints                      also print hints (unused declarations…)
  --locale en|ru|pl            language of the messages (default: LC_ALL,
                               LC_MESSAGES or LANG)
  -h, --help                   show this help

The repository's \`.cjm.yml\` sets severities per code and paths to skip
(docs/config.md).

Exit status: 0 when no errors, 1 when a map has errors,
2 for usage errors and files that cannot be read.`,
  );

/** The severity word of a human-readable line. */
const SEVERITY_WORDS: Record<Severity, Msg> = { error: msg('error'), warning: msg('warning'), info: msg('info'), hint: msg('hint') };

export interface FileReport {
  readonly file: string;
  readonly analysis?: Analysis;
  readonly unreadable?: string;
}

function position(a: Analysis, offset: number): { line: number; column: number } {
  const p = a.lines.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

/** A diagnostic as JSON; messages in `locale` (English by default), codes and severities as they are. */
export function diagnosticToJson(a: Analysis, d: Diagnostic, locale: Locale = 'en') {
  return {
    code: d.code,
    severity: d.severity,
    message: diagnosticMessage(d, locale),
    range: a.lines.range(d.span),
    related: (d.related ?? []).map((r) => ({ message: r.msg ? format(locale, r.msg) : r.message, range: a.lines.range(r.span) })),
    fixes: (d.fixes ?? []).map((f) => (f.msg ? format(locale, f.msg) : f.title)),
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
  get summary() {
    return t(cliLocale(), 'validate maps and report problems with their positions');
  },
  get usage() {
    return usage(cliLocale());
  },
  async run(args) {
    const ui = cliLocale();
    const { flags, rest } = parseFlags(args, { format: 'string', hints: 'boolean', help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(usage(ui) + '\n');
      return EXIT.ok;
    }
    const style = (flags.format as string | undefined) ?? 'human';
    if (!['human', 'json', 'github'].includes(style)) throw new UsageError(t(ui, '--format must be human, json or github, not "{0}"', style));
    // The repository's .cjm.yml: paths it ignores (unless named here one by one) and severities per code.
    const repo = repoConfigFor('check');
    if (!repo) return EXIT.usage;
    const { files, problems } = expandArgs(rest);
    const reports: FileReport[] = files
      .filter((file) => rest.includes(file) || !ignoredByConfig(repo, file))
      .map((file) => {
        const r = readMapFile(file);
        if (!r.ok) return { file, unreadable: r.message };
        const analysis = analyzeMapFile(file, r.text);
        return { file, analysis: { ...analysis, diagnostics: applyCheckSeverities(repo.config, analysis.diagnostics) } };
      });
    for (const p of problems) reports.push({ file: p.arg, unreadable: p.message });
    if (!reports.length) {
      process.stderr.write(`cjm check: ${t(ui, 'no .cjm files found')}\n`);
      return EXIT.usage;
    }
    const locale = readerLocale(() => commentLocale(reports.map((r) => r.analysis)));
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
    if (style === 'json') {
      const json = {
        version: 1,
        files: reports.map((r) =>
          r.analysis
            ? { file: r.file, diagnostics: r.analysis.diagnostics.map((d) => diagnosticToJson(r.analysis!, d, locale)) }
            : { file: r.file, error: r.unreadable },
        ),
        summary: { files: reports.length, errors, warnings, unreadable: unreadable.length },
      };
      process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    } else {
      const lines: string[] = [];
      for (const r of reports) {
        if (r.unreadable) {
          lines.push(style === 'github' ? `::error file=${ghEscape(r.file, true)},title=cjm::${ghEscape(`${r.file} ${r.unreadable}`)}` : `${r.file}: ${t(locale, 'error')}: ${r.unreadable}`);
          continue;
        }
        const a = r.analysis!;
        const ds = [...a.diagnostics].filter(shown).sort((x, y) => x.span.start - y.span.start || severityRank(x.severity) - severityRank(y.severity));
        for (const d of ds) {
          const s = position(a, d.span.start);
          if (style === 'github') {
            const e = position(a, d.span.end);
            const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
            lines.push(`::${level} file=${ghEscape(r.file, true)},line=${s.line},col=${s.column},endLine=${e.line},endColumn=${e.column},title=${ghEscape(`cjm ${d.code}`, true)}::${ghEscape(diagnosticMessage(d, locale))}`);
          } else {
            lines.push(`${r.file}:${s.line}:${s.column} ${format(locale, SEVERITY_WORDS[d.severity])} ${d.code} ${diagnosticMessage(d, locale)}`);
          }
        }
      }
      if (lines.length) process.stdout.write(lines.join('\n') + '\n');
      if (style === 'human') {
        const counts = [plural(errors, '{0} error', '{0} errors'), plural(warnings, '{0} warning', '{0} warnings')];
        if (unreadable.length) counts.push(msg('{0} unreadable', unreadable.length));
        const checked = plural(reports.length, '{0} file checked: {1}', '{0} files checked: {1}', counts.map((c) => format(locale, c)).join(', '));
        process.stderr.write(`${format(locale, checked)}\n`);
      }
    }
    if (unreadable.length) return EXIT.usage;
    return errors ? EXIT.findings : EXIT.ok;
  },
};
