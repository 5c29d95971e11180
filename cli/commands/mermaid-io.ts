import { writeFileSync } from 'node:fs';
import { LOCALES, Locale, analyze, diagnosticMessage, exportMermaidJourney, format, importMermaidJourney, mapLanguage, t, toLocale } from '@cjm/core';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { readMapFile } from '../files';
import { cliLocale, explicitLocale } from '../locale';

const importUsage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm import mermaid <file.mmd> [-o <out.cjm>]

Turns a Mermaid journey diagram into a .cjm map: title → title, accDescr →
description, accTitle → the map's first line as a "# accTitle: …" comment,
each section → a stage (id from its name), each task → a step with
"emotion: n/5" and its actors as personas, %% comments → # comments where they
stood. The result passes \`cjm check\`; \`cjm export mermaid\` gives the same
title, sections, tasks, scores and actors back. Details: docs/review.md.

Options:
  -o, --output <file>   write the map to a file instead of standard output
  -h, --help            show this help

Exit status: 0; 1 when part of the diagram could not be read (the rest is
written, the problems go to standard error); 2 when the file is unreadable or
not a Mermaid journey.`,
  );

const exportUsage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm export mermaid <file.cjm> [-o <out.mmd>] [--locale en|ru|pl]

Writes a map as a Mermaid journey diagram (what GitHub draws in Markdown):
title, accTitle (from a "# accTitle: …" first-line comment), accDescr (from
description), stages as sections, steps as tasks scored 1–5 with their personas
as actors, and the comments above stages and steps as %% comments. All text is
neutralised so it cannot break Mermaid's syntax or inject a directive.

Options:
  -o, --output <file>   write to a file instead of standard output
  --locale en|ru|pl     language of built-in stage names (default: the map's)
  -h, --help            show this help

Exit status: 0; 1 when the map has errors (it is still exported as far as it
can be read); 2 for usage errors and unreadable files.`,
  );

function target(flags: Record<string, string | boolean>): string | undefined {
  return (flags.output ?? flags.o) as string | undefined;
}

export const importCommand: Command = {
  name: 'import',
  get summary() {
    return t(cliLocale(), 'import a Mermaid journey diagram as a .cjm map (cjm import mermaid <file.mmd>)');
  },
  get usage() {
    return importUsage(cliLocale());
  },
  async run(args) {
    const ui = cliLocale();
    const { flags, rest } = parseFlags(args, { o: 'string', output: 'string', help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(importUsage(ui) + '\n');
      return EXIT.ok;
    }
    const [kind, file, ...more] = rest;
    if (kind !== 'mermaid') throw new UsageError(kind ? t(ui, 'cannot import "{0}"; only mermaid', kind) : t(ui, 'what to import? cjm import mermaid <file.mmd>'));
    if (!file || more.length) throw new UsageError(t(ui, 'give one Mermaid file'));
    const read = readMapFile(file);
    if (!read.ok) {
      process.stderr.write(`cjm import: ${file}: ${read.message}\n`);
      return EXIT.usage;
    }
    const { text, notes } = importMermaidJourney(read.text, { source: file.replace(/^.*[\\/]/, '') });
    for (const n of notes) process.stderr.write(`${file}:${n.line}: ${n.severity === 'error' ? t(ui, 'error') : t(ui, 'warning')}: ${format(ui, n.msg)}\n`);
    if (notes.some((n) => n.severity === 'error' && /not a Mermaid journey/.test(n.message))) return EXIT.usage;
    const out = target(flags);
    if (out) writeFileSync(out, text);
    else process.stdout.write(text);
    const errors = analyze(text).diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) process.stderr.write(`cjm import: ${t(ui, 'the imported map has an error: {0}', `${d.code} ${diagnosticMessage(d, ui)}`)}\n`);
    return errors.length || notes.some((n) => n.severity === 'error') ? EXIT.findings : EXIT.ok;
  },
};

export const exportCommand: Command = {
  name: 'export',
  get summary() {
    return t(cliLocale(), 'export a map as a Mermaid journey diagram (cjm export mermaid <file.cjm>)');
  },
  get usage() {
    return exportUsage(cliLocale());
  },
  async run(args) {
    const ui = cliLocale();
    const { flags, rest } = parseFlags(args, { o: 'string', output: 'string', help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(exportUsage(ui) + '\n');
      return EXIT.ok;
    }
    const [kind, file, ...more] = rest;
    if (kind !== 'mermaid') throw new UsageError(kind ? t(ui, 'cannot export "{0}"; only mermaid (cjm render draws svg, html, md, json)', kind) : t(ui, 'what to export? cjm export mermaid <file.cjm>'));
    if (!file || more.length) throw new UsageError(t(ui, 'give one .cjm file'));
    // main.ts has taken `--locale` (and refused unknown ones): it names the stages' language here.
    const localeFlag = explicitLocale();
    const read = readMapFile(file);
    if (!read.ok) {
      process.stderr.write(`cjm export: ${file}: ${read.message}\n`);
      return EXIT.usage;
    }
    const a = analyze(read.text);
    const locale: Locale = localeFlag ?? mapLanguage(a.map, a.text);
    const text = exportMermaidJourney(a, locale);
    const out = target(flags);
    if (out) writeFileSync(out, text);
    else process.stdout.write(text);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) {
      const p = a.lines.positionAt(d.span.start);
      process.stderr.write(`${file}:${p.line + 1}:${p.character + 1} ${t(ui, 'error')} ${d.code} ${diagnosticMessage(d, ui)}\n`);
    }
    return errors.length ? EXIT.findings : EXIT.ok;
  },
};
