import { writeFileSync } from 'node:fs';
import { Locale, analyze, diagnosticMessage, mapLanguage, resolveBaseline, t, toLocale, toMermaidJourney } from '@cjm/core';
import { buildBaselineOverlay, buildView, renderBaselineStandaloneHtml, renderMarkdown, renderStandaloneHtml, renderSvg } from '@cjm/render';
import css from '../../media/preview.css';
import diffCss from '../../media/diff.css';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { analyzeMapFile, mapPlace, namedFileReader, readMapFile } from '../files';
import { cliLocale, explicitLocale } from '../locale';
import { svgToPng } from '../png';

const FORMATS = ['svg', 'png', 'html', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];

const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm render <file.cjm> [--format svg|png|html|md|json] [-o <out>] [--locale en|ru|pl]

Draws a journey map with the same renderer the VS Code preview uses.

Options:
  --format svg|png|html|md|json
                              svg: a self-contained picture (default)
                              png: the same picture at twice its size, drawn without a
                                   browser (needs -o; fonts: DejaVu Sans and Symbola)
                              html: a standalone page, no scripts, works offline
                              md: Markdown with a Mermaid journey block and tables
                              json: the laid-out map (stages, steps, lanes, emotions)
  -o, --output <file>         write to a file instead of standard output
  --locale en|ru|pl           language of the labels (default: the map's language, else en)
  --no-baseline               html: draw the map alone; by default a map with
                              \`baseline:\` is drawn over its current state, with
                              what it adds, removes and changes marked
  -h, --help                  show this help

Exit status: 0 when drawn, 1 when the map has errors (it is still drawn as far as it
can be read, and the errors go to standard error), 2 for usage errors and unreadable files.`,
  );

export const render: Command = {
  name: 'render',
  get summary() {
    return t(cliLocale(), 'draw a map as SVG, PNG, standalone HTML, Markdown (with Mermaid) or JSON');
  },
  get usage() {
    return usage(cliLocale());
  },
  async run(args) {
    const ui = cliLocale();
    const { flags, rest } = parseFlags(args, { format: 'string', o: 'string', output: 'string', 'no-baseline': 'boolean', help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(usage(ui) + '\n');
      return EXIT.ok;
    }
    const format = ((flags.format as string | undefined) ?? 'svg') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(t(ui, '--format must be one of {0}, not "{1}"', FORMATS.join(', '), format));
    // main.ts has taken `--locale` (and refused unknown ones): it names the labels' language here.
    const localeFlag = explicitLocale();
    if (rest.length !== 1) throw new UsageError(rest.length ? t(ui, 'render takes exactly one file') : t(ui, 'which file? Give one .cjm file'));
    const file = rest[0];
    const read = readMapFile(file);
    if (!read.ok) {
      process.stderr.write(`cjm render: ${file}: ${read.message}\n`);
      return EXIT.usage;
    }
    // Libraries (`use:`) and the baseline are read relative to the map, as `cjm check` reads them.
    const a = analyzeMapFile(file, read.text);
    const language = mapLanguage(a.map, read.text);
    const locale: Locale = localeFlag ? toLocale(localeFlag) : language;
    const target = (flags.output ?? flags.o) as string | undefined;
    // A binary picture on a terminal is garbage; ask for a file (or `-o -` for a pipe).
    if (format === 'png' && !target && process.stdout.isTTY) throw new UsageError(t(ui, '--format png writes binary data: give -o <file.png>'));
    // A future-state map is drawn over its current state (`baseline:`), read relative to it.
    let out: string | Uint8Array | undefined;
    if (format === 'html' && a.map.baseline && !flags['no-baseline']) {
      const { path, root } = mapPlace(file);
      // Problems reading it are already among the map's diagnostics (analyzeMapFile).
      const b = resolveBaseline(a, path, { read: namedFileReader, root, locale });
      if (b.baseline?.diff) out = renderBaselineStandaloneHtml(buildBaselineOverlay(b.baseline.analysis, a, b.baseline.diff, locale), `${css}\n${diffCss}`);
    }
    out ??= format === 'png' ? svgToPng(renderSvg(a.map, { locale, language })) : draw(format, a, locale, language);
    if (target && target !== '-') writeFileSync(target, out);
    else process.stdout.write(out);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) {
      const p = a.lines.positionAt(d.span.start);
      process.stderr.write(`${file}:${p.line + 1}:${p.character + 1} ${t(ui, 'error')} ${d.code} ${diagnosticMessage(d, ui)}\n`);
    }
    return errors.length ? EXIT.findings : EXIT.ok;
  },
};

/** `locale`: the labels' language (`--locale`); `language`: the map's, which built-in names follow. */
function draw(format: Exclude<Format, 'png'>, a: ReturnType<typeof analyze>, locale: Locale, language: Locale): string {
  switch (format) {
    case 'svg':
      return renderSvg(a.map, { locale, language });
    case 'html':
      return renderStandaloneHtml(a.map, { locale, language, css });
    case 'md':
      return renderMarkdown(a.map, { locale, language });
    case 'json': {
      const view = buildView(a.map, locale, language);
      return JSON.stringify({ version: 1, ...view, mermaid: toMermaidJourney(a.map, { locale: language }) }, null, 2) + '\n';
    }
  }
}
