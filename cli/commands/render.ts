import { writeFileSync } from 'node:fs';
import { Locale, analyze, diagnosticMessage, mapLanguage, mapWithLibraryPersonas, resolveBaseline, t, toLocale, toMermaidJourney } from '@cjm/core';
import {
  LANE_CHOICES, SvgTheme, buildBaselineOverlay, buildView, chooseLanes, renderBaselineStandaloneHtml, renderBaselineSvg, renderInsightsDocument, renderInsightsMarkdown, renderMarkdown, renderStandaloneHtml, renderSvg,
} from '@cjm/render';
import css from '../../media/preview.css';
import diffCss from '../../media/diff.css';
import { Command, EXIT, UsageError, parseFlags } from '../command';
import { analyzeMapFile, mapPlace, namedFileReader, readMapFile } from '../files';
import { cliLocale, explicitLocale } from '../locale';
import { svgToPng } from '../png';

const FORMATS = ['svg', 'png', 'html', 'md', 'json', 'insights-md', 'insights-html'] as const;
const THEMES = ['light', 'dark'] as const;
type Format = (typeof FORMATS)[number];

const usage = (locale: Locale) =>
  t(
    locale,
    `Usage: cjm render <file.cjm> [--format <format>] [--lanes <list>] [-o <out>] [--locale en|ru|pl]

Draws a journey map with the same renderer the VS Code preview uses.

Options:
  --format <format>           svg: a self-contained picture of the whole map (default)
                              png: the same picture at twice its size, drawn without a
                                   browser (needs -o; fonts: DejaVu Sans and Symbola)
                              html: a standalone page, no scripts, works offline
                              md: Markdown with a Mermaid journey block and tables
                              json: the laid-out map (stages, steps, lanes, emotions)
                              \`insights-md\`, \`insights-html\`: lowest moments, pains without
                                   opportunities, evidence coverage, impact × effort,
                                   owners' workload
  --lanes <list>              svg and png: only these lanes, comma-separated, for a
                              slide (e.g. \`actions,emotions,pains\`; custom lanes too)
  --theme light|dark          svg and png: the picture's colours (default: light)
  -o, --output <file>         write to a file instead of standard output
  --locale en|ru|pl           language of the labels (default: the map's language, else en)
  --no-baseline               html, svg and png: draw the map alone; by default a map
                              with \`baseline:\` is drawn over its current state, with
                              what it adds, removes and changes marked
  -h, --help                  show this help

Exit status: 0 when drawn, 1 when the map has errors (it is still drawn as far as it
can be read, and the errors go to standard error), 2 for usage errors and unreadable files.`,
  );

export const render: Command = {
  name: 'render',
  get summary() {
    return t(cliLocale(), 'draw a map as SVG, PNG, standalone HTML, Markdown (with Mermaid) or JSON, or its insights');
  },
  get usage() {
    return usage(cliLocale());
  },
  async run(args) {
    const ui = cliLocale();
    const { flags, rest } = parseFlags(args, { format: 'string', o: 'string', output: 'string', 'no-baseline': 'boolean', lanes: 'string', theme: 'string', help: 'boolean', h: 'boolean' });
    if (flags.help || flags.h) {
      process.stdout.write(usage(ui) + '\n');
      return EXIT.ok;
    }
    const format = ((flags.format as string | undefined) ?? 'svg') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(t(ui, '--format must be one of {0}, not "{1}"', FORMATS.join(', '), format));
    const theme = (flags.theme as string | undefined) ?? 'light';
    if (!(THEMES as readonly string[]).includes(theme)) throw new UsageError(t(ui, '--theme must be light or dark, not "{0}"', theme));
    const lanes = flags.lanes === undefined ? undefined : String(flags.lanes).split(',').map((l) => l.trim()).filter(Boolean);
    if (lanes && format !== 'svg' && format !== 'png') throw new UsageError(t(ui, '--lanes works with --format svg or png'));
    if (lanes && !lanes.length) throw new UsageError(t(ui, '--lanes needs at least one lane, e.g. actions,emotions,pains'));
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
    const linked = analyzeMapFile(file, read.text);
    // Drawn with the personas it takes from its libraries, named as the library names them.
    const a = { ...linked, map: mapWithLibraryPersonas(linked) };
    const language = mapLanguage(a.map, read.text);
    const locale: Locale = localeFlag ? toLocale(localeFlag) : language;
    const target = (flags.output ?? flags.o) as string | undefined;
    // A binary picture on a terminal is garbage; ask for a file (or `-o -` for a pipe).
    if (format === 'png' && !target && process.stdout.isTTY) throw new UsageError(t(ui, '--format png writes binary data: give -o <file.png>'));
    if (lanes) {
      // A lane this map cannot have is a typo: say which names work rather than draw less.
      const { unknown } = chooseLanes(buildView(a.map, locale, language), lanes);
      const custom = a.map.lanes.map((l) => l.id?.value).filter((id): id is string => !!id);
      if (unknown.length) throw new UsageError(t(ui, 'unknown lane {0}; lanes: {1}', unknown.join(', '), [...LANE_CHOICES.map((k) => (k === 'emotion' ? 'emotions' : k)), ...custom].join(', ')));
    }
    const picture = { locale, language, theme: theme as SvgTheme, lanes };
    // A future-state map is drawn over its current state (`baseline:`), read relative to it.
    let out: string | Uint8Array | undefined;
    if ((format === 'html' || format === 'svg' || format === 'png') && a.map.baseline && !flags['no-baseline']) {
      const { path, root } = mapPlace(file);
      // Problems reading it are already among the map's diagnostics (analyzeMapFile).
      const b = resolveBaseline(linked, path, { read: namedFileReader, root, locale });
      if (b.baseline?.diff) {
        const overlay = buildBaselineOverlay(b.baseline.analysis, linked, b.baseline.diff, locale);
        if (format === 'html') out = renderBaselineStandaloneHtml(overlay, `${css}\n${diffCss}`);
        else {
          const svg = renderBaselineSvg(overlay, { theme: theme as SvgTheme, lanes });
          out = format === 'png' ? svgToPng(svg) : svg;
        }
      }
    }
    out ??= format === 'png' ? svgToPng(renderSvg(a.map, picture)) : format === 'svg' ? renderSvg(a.map, picture) : draw(format, a, locale, language);
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
function draw(format: Exclude<Format, 'png' | 'svg'>, a: ReturnType<typeof analyze>, locale: Locale, language: Locale): string {
  switch (format) {
    case 'insights-md':
      return renderInsightsMarkdown(a.map, { locale, language });
    case 'insights-html':
      return renderInsightsDocument(a.map, { locale, language, css });
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
