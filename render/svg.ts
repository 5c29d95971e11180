/**
 * Map → a self-contained SVG picture of the same grid the preview shows: for exports, slides
 * and the PNG (which the webview rasterizes from this SVG). Fixed light colours, generic font
 * families only, no external references, so it looks the same wherever it is opened.
 */
import { JourneyMap, Level, Locale, t } from '@cjm/core';
import { escapeHtml as esc } from './escape';
import { BEFORE_DASH, hasPersonaCurves, legendSvg, personaCurvesSvg } from './curves';
import { COLUMN_WIDTH, CURVE_HEIGHT, DARK, LABEL_WIDTH, LIGHT, Point, columnCenter, curvePath, curveY, valence } from './geometry';
import { extraLabel, label, levelLabel } from './labels';
import { buildView, chooseLanes } from './layout';
import type { DiffMark, Item, LaneKey, MapView, PersonaView, StepView } from './view';

export interface SvgOptions {
  /** the language of the labels around the author's text */
  readonly locale: Locale;
  /** the language the map is written in (`mapLanguage`): built-in stage and emotion names follow it */
  readonly language?: Locale;
  /** `light` (the default) or `dark`: fixed colours either way, whatever the viewer's theme */
  readonly theme?: SvgTheme;
  /**
   * Only these lanes (`['actions', 'emotions', 'pains']`; built-in lane keys or custom lane
   * ids): a slide-sized picture of the title, stages, steps and those lanes, without persona
   * cards, stage details and the lists under the grid. Unknown names are ignored here; the
   * CLI and the preview check them first (`chooseLanes`).
   */
  readonly lanes?: readonly string[];
}

export type SvgTheme = 'light' | 'dark';

/** How a picture is drawn, apart from the view itself. */
export interface SvgLook {
  readonly theme?: SvgTheme;
  /** leave out persona cards, stage details and the lists under the grid */
  readonly slide?: boolean;
  /** a comparison (a baseline overlay, a visual diff): the words around the marks the view carries */
  readonly comparison?: SvgComparison;
}

export type MarkGroup = 'added' | 'removed' | 'changed' | 'moved' | 'problems';

/**
 * What a comparison picture says besides the grid, already in the reader's language: the line
 * under the title, the legend (change counts by group, the two curves' names) and the change
 * list under the grid. The marks themselves are the view's (`diff` of steps, stages, items).
 */
export interface SvgComparison {
  /** e.g. `Current state: <its title>` */
  readonly subtitle?: string;
  /** e.g. `27 changes` */
  readonly total: string;
  readonly groups: readonly { readonly group: MarkGroup; readonly label: string; readonly count: number }[];
  /** the names of the old (dashed) and the new curve; absent when that side has no curve */
  readonly curves: { readonly before?: string; readonly after?: string };
  readonly changeList: { readonly heading: string; readonly entries: readonly { readonly group: MarkGroup; readonly text: string }[] };
}

const FONT = 13;
const LINE = 17;
const PAD = 8;
const MARGIN = 24;
/** An item longer than this many lines ends in a visible "…" (MAX_ITEM_CHARS caps the text anyway). */
const MAX_LINES = 30;
const FONT_FAMILY = 'system-ui, -apple-system, sans-serif';
const PERSONA_WIDTH = 300;
/** Bold glyphs run about a tenth wider than the regular ones `charWidth` estimates. */
const BOLD = 1.1;

interface Tone { readonly fill: string; readonly stroke: string }

interface Palette {
  readonly bg: string;
  readonly text: string;
  readonly muted: string;
  readonly rule: string;
  readonly grid: string;
  readonly zero: string;
  readonly stepFill: string;
  readonly stepStroke: string;
  readonly card: string;
  readonly cardStroke: string;
  readonly markerFill: string;
  readonly visibility: string;
  readonly stageFills: readonly string[];
  readonly tones: Partial<Record<LaneKey, Tone>>;
  readonly crit: Record<Level, string>;
  readonly valence: typeof LIGHT;
  /** comparison marks: the line colour of each group, and the old curve's */
  readonly marks: Record<MarkGroup, string>;
  readonly before: string;
}

const PALETTES: Record<SvgTheme, Palette> = {
  light: {
    bg: '#ffffff', text: '#1f2328', muted: '#57606a', rule: '#d8dee4', grid: '#eaeef2', zero: '#8c959f',
    stepFill: '#f6f8fa', stepStroke: '#d0d7de', card: '#f6f8fa', cardStroke: '#d0d7de', markerFill: '#ffffff', visibility: '#57606a',
    stageFills: ['#0969da', '#8250df'],
    tones: {
      pains: { fill: '#ffebe9', stroke: '#ff8182' },
      joys: { fill: '#dafbe1', stroke: '#4ac26b' },
      opportunities: { fill: '#ddf4ff', stroke: '#54aeff' },
      thoughts: { fill: '#fff8c5', stroke: '#d4a72c' },
    },
    crit: { high: '#cf222e', medium: '#bc4c00', low: '#6e7781' },
    valence: LIGHT,
    marks: { added: '#1a7f37', removed: '#cf222e', changed: '#9a6700', moved: '#8250df', problems: '#bc4c00' },
    before: '#6e7781',
  },
  dark: {
    bg: '#0d1117', text: '#e6edf3', muted: '#9198a1', rule: '#30363d', grid: '#21262d', zero: '#6e7681',
    stepFill: '#161b22', stepStroke: '#30363d', card: '#161b22', cardStroke: '#30363d', markerFill: '#0d1117', visibility: '#9198a1',
    stageFills: ['#1f6feb', '#8957e5'],
    tones: {
      pains: { fill: '#3c1618', stroke: '#f85149' },
      joys: { fill: '#12261e', stroke: '#3fb950' },
      opportunities: { fill: '#0c2d6b', stroke: '#4493f8' },
      thoughts: { fill: '#2e2a12', stroke: '#d29922' },
    },
    crit: { high: '#f85149', medium: '#db6d28', low: '#9198a1' },
    valence: DARK,
    marks: { added: '#3fb950', removed: '#f85149', changed: '#d29922', moved: '#a371f7', problems: '#db6d28' },
    before: '#9198a1',
  },
};

/** Rough advance width: good enough to wrap text without a font engine. */
function charWidth(ch: string, size: number): number {
  const c = ch.codePointAt(0)!;
  if (c > 0x2000 && (c >= 0x1f000 || (c >= 0x2600 && c < 0x27c0))) return size * 1.25;
  if (/[iljtf.,:;'!|ı]/.test(ch)) return size * 0.3;
  if (/[MWmwШЩЖЮМФЫ@]/.test(ch)) return size * 0.85;
  // Capitals of every script (Ł, Ś, Ż, Я…) run wider than lower case.
  if (/\p{Lu}/u.test(ch)) return size * 0.68;
  // Cyrillic lower case runs wider than Latin in the usual sans-serif faces (DejaVu Sans: ж, ш, щ, ю, ы).
  if (/[жшщюыфм]/.test(ch)) return size * 0.78;
  if (/[а-яёґєії]/.test(ch)) return size * 0.6;
  return size * 0.56;
}

/** The advance width of a text at a font size, as the wrapping measures it. */
export function textWidth(text: string, size = FONT): number {
  return [...text].reduce((a, ch) => a + charWidth(ch, size), 0);
}

export function wrapText(text: string, width: number, size = FONT, maxLines = MAX_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  for (const word of words) {
    const ww = textWidth(word, size);
    const space = line ? charWidth(' ', size) : 0;
    if (line && w + space + ww > width) {
      lines.push(line);
      line = '';
      w = 0;
    }
    if (ww > width) {
      // A word longer than the column (URLs, hostile input): break it by characters.
      for (const ch of word) {
        const cw = charWidth(ch, size);
        if (w + cw > width && line) {
          lines.push(line);
          line = '';
          w = 0;
        }
        line += ch;
        w += cw;
      }
    } else {
      line += (line ? ' ' : '') + word;
      w += space + ww;
    }
    if (lines.length >= maxLines) break;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = lines[maxLines - 1].replace(/.?$/, '…');
  }
  return lines;
}

function textBlock(lines: readonly string[], x: number, y: number, cls: string, extra = '', step = LINE): string {
  if (!lines.length) return '';
  return `<text class="${cls}" x="${x}" y="${y}"${extra}>${lines.map((l, i) => `<tspan x="${x}" dy="${i ? step : 0}">${esc(l)}</tspan>`).join('')}</text>`;
}

interface Laid {
  height: number;
  draw(x: number, y: number): string;
}

/** Lines of text in one class, stacked: the building block of cards and stage headers. */
function layLines(text: string, width: number, cls: string, size = FONT, step = LINE, prefix = ''): Laid {
  const lines = text.trim() ? wrapText(prefix + text, width, size) : [];
  return { height: lines.length * step, draw: (x, y) => textBlock(lines, x, y + size, cls, '', step) };
}

function stack(parts: readonly Laid[], gap = 4): Laid {
  const shown = parts.filter((p) => p.height > 0);
  return {
    height: shown.reduce((a, p) => a + p.height, 0) + gap * Math.max(0, shown.length - 1),
    draw(x, y) {
      let yy = y;
      return shown.map((p) => {
        const s = p.draw(x, yy);
        yy += p.height + gap;
        return s;
      }).join('');
    },
  };
}

function layItem(it: Item, width: number, tone: Tone | undefined, pal?: Palette): Laid {
  // An item only one version has (a comparison) gets a bar in its group's colour; a removed one is struck through.
  const bar = it.diff && pal ? pal.marks[it.diff] : undefined;
  const indent = bar ? 6 : 0;
  const inner = width - (tone ? 2 * PAD : 0) - indent;
  const main = it.text ? wrapText((it.icon ? it.icon + ' ' : '') + (it.tone === 'question' ? '? ' : '') + it.text, inner) : it.icon ? [it.icon] : [];
  const badgeLines = it.badges.length ? wrapText(it.badges.map((b) => b.text).join(' · '), inner, FONT - 2, 6) : [];
  // A picture has no links: the address is written out under the source it belongs to.
  // A KPI's history, which the HTML draws as a small trend with its values, is written out.
  const history = it.trend ? [it.trend.labels.join(' → ')] : [];
  const noteLines = [...history, ...(it.experiment ?? []), ...(it.notes ?? []), ...(it.href && it.href !== it.text ? [it.href] : [])].flatMap((n) => wrapText(n, inner, FONT - 2));
  const h = main.length * LINE + badgeLines.length * (LINE - 2) + noteLines.length * (LINE - 3) + (tone ? 2 * 6 : 0);
  return {
    height: h,
    draw(x, y) {
      const tx = x + (tone ? PAD : 0) + indent;
      let out = tone ? `<rect x="${x}" y="${y}" width="${width}" height="${h}" rx="4" fill="${tone.fill}" stroke="${tone.stroke}"/>` : '';
      if (bar) out += `<rect class="mark-${it.diff}" x="${x + (tone ? 3 : 0)}" y="${y + (tone ? 3 : 0)}" width="3" height="${Math.max(4, h - (tone ? 6 : 0))}" rx="1.5" fill="${bar}"/>`;
      const ty = y + (tone ? 6 : 0) + FONT;
      const struck = it.diff === 'removed' ? ' text-decoration="line-through" opacity="0.6"' : '';
      out += textBlock(main, tx, ty, it.tone === 'quote' || it.tone === 'question' ? 't quote' : 't', struck);
      if (badgeLines.length) out += textBlock(badgeLines, tx, ty + main.length * LINE, 'badge', struck, LINE - 2);
      if (noteLines.length) out += textBlock(noteLines, tx, ty + main.length * LINE + badgeLines.length * (LINE - 2), 'note', struck, LINE - 3);
      return out;
    },
  };
}

function layCell(items: readonly Item[], width: number, lane: LaneKey, pal: Palette): Laid {
  return stack(items.map((it) => layItem(it, width, pal.tones[lane], pal)), 6);
}

/** A persona card, as the HTML export's: name, quote, description, goals, needs, frustrations. */
function layPersona(p: PersonaView, locale: Locale, pal: Palette): Laid {
  const inner = PERSONA_WIDTH - 2 * PAD;
  const part = (heading: string, list: readonly Item[]): Laid =>
    list.length ? stack([layLines(heading.toUpperCase(), inner, 'lane', 12, LINE), ...list.map((i) => layLines(i.text, inner, 't', FONT, LINE, '• '))], 2) : { height: 0, draw: () => '' };
  const section = (key: 'personaGoals' | 'personaNeeds' | 'personaFrustrations', list: readonly Item[]): Laid => part(label(key, locale), list);
  // In the HTML card's order.
  const body = stack([
    layLines(p.name, inner / BOLD, 'persona-name', 15, 20),
    p.quote ? layLines(p.quote.text, inner, 't quote') : { height: 0, draw: () => '' },
    ...p.description.map((d) => layLines(d.text, inner, 't muted')),
    part(t(locale, 'Motivation'), p.motivation),
    section('personaGoals', p.goals),
    section('personaNeeds', p.needs),
    part(t(locale, 'Expectations'), p.expectations),
    section('personaFrustrations', p.frustrations),
  ], 6);
  const h = body.height + 2 * PAD;
  return {
    height: h,
    draw: (x, y) => `<rect x="${x}" y="${y}" width="${PERSONA_WIDTH}" height="${h}" rx="8" fill="${pal.card}" stroke="${p.primary ? pal.stageFills[0] : pal.cardStroke}"${p.primary ? ' stroke-width="2"' : ''}/>` + body.draw(x + PAD, y + PAD),
  };
}

/** The curve's scale: lines at every score, labels at +3, 0 and −3. */
function gridLines(view: MapView, x0: number, y0: number, pal: Palette): string {
  const parts: string[] = [];
  const width = view.steps.length * COLUMN_WIDTH;
  const V = pal.valence;
  for (let s = -3; s <= 3; s++) {
    const y = y0 + curveY(s);
    parts.push(`<line x1="${x0}" x2="${x0 + width}" y1="${y}" y2="${y}" stroke="${s === 0 ? pal.zero : pal.grid}"${s === 0 ? ' stroke-dasharray="4 4"' : ''}/>`);
  }
  for (const [s, c] of [[3, V.positive], [0, V.neutral], [-3, V.negative]] as const) {
    parts.push(`<text class="scale" x="${x0 - 8}" y="${y0 + curveY(s) + 4}" text-anchor="end" fill="${c}">${s > 0 ? '+3' : s < 0 ? '−3' : '0'}</text>`);
  }
  return parts.join('');
}

function curve(view: MapView, x0: number, y0: number, pal: Palette): string {
  const parts: string[] = [];
  const V = pal.valence;
  if (hasPersonaCurves(view)) return gridLines(view, x0, y0, pal) + personaCurvesSvg(view, x0, y0, pal === PALETTES.dark ? 'dark' : 'light');
  parts.push(gridLines(view, x0, y0, pal));
  const points: Point[] = [];
  const markers: string[] = [];
  for (const st of view.steps) {
    if (!st.emotion) continue;
    const x = x0 + columnCenter(st.column);
    const y = y0 + curveY(st.emotion.score ?? 0);
    if (st.emotion.score !== undefined) points.push({ x, y });
    const colour = V[valence(st.emotion.score)];
    const below = curveY(st.emotion.score ?? 0) <= CURVE_HEIGHT / 2;
    markers.push(
      `<g class="emotion-marker" transform="translate(${x},${Math.round(y * 10) / 10})"><circle r="15" fill="${pal.markerFill}" stroke="${colour}" stroke-width="2.5"/>`
      + `<text class="emoji" y="6" text-anchor="middle">${esc(st.emotion.emoji)}</text>`
      + `<text class="score" y="${below ? 30 : -22}" text-anchor="middle" fill="${colour}">${esc(st.emotion.label)}</text></g>`,
    );
  }
  const grad = `<linearGradient id="cjm-svg-curve" gradientUnits="userSpaceOnUse" x1="0" x2="0" y1="${y0 + curveY(3)}" y2="${y0 + curveY(-3)}"><stop offset="0" stop-color="${V.positive}"/><stop offset="0.5" stop-color="${V.neutral}"/><stop offset="1" stop-color="${V.negative}"/></linearGradient>`;
  const path = points.length > 1 ? `<path d="${curvePath(points)}" fill="none" stroke="url(#cjm-svg-curve)" stroke-width="3" stroke-linecap="round"/>` : '';
  return `<defs>${grad}</defs>${parts.join('')}${beforeCurve(view, x0, y0, pal)}${path}${markers.join('')}`;
}

/**
 * A comparison's old curve (one curve per version): dashed and grey under the new one, with
 * small markers where the old emotion differs, and an arrow from the old score to the new
 * one, green where the step got better and red where it got worse.
 */
function beforeCurve(view: MapView, x0: number, y0: number, pal: Palette): string {
  const points: Point[] = [];
  const markers: string[] = [];
  const arrows: string[] = [];
  for (const st of view.steps) {
    const e = st.diff?.emotionBefore;
    if (!e) continue;
    const x = x0 + columnCenter(st.column);
    const y = y0 + curveY(e.score ?? 0);
    if (e.score !== undefined) points.push({ x, y });
    const now = st.emotion;
    if (now && now.score === e.score && now.raw === e.raw) continue;
    markers.push(`<g class="before-marker" transform="translate(${x},${r1(y)})"><circle r="10" fill="${pal.markerFill}" stroke="${pal.before}" stroke-width="1.5" stroke-dasharray="3 2"/><text class="emoji" y="4" text-anchor="middle" style="font-size:11px">${esc(e.emoji)}</text></g>`);
    if (now?.score !== undefined && e.score !== undefined && now.score !== e.score) {
      const to = y0 + curveY(now.score);
      const colour = now.score > e.score ? pal.marks.added : pal.marks.removed;
      const ax = x + 24;
      const dir = to < y ? 1 : -1;
      arrows.push(`<g class="${now.score > e.score ? 'rose' : 'dropped'}"><line x1="${ax}" x2="${ax}" y1="${r1(y)}" y2="${r1(to + dir * 4)}" stroke="${colour}" stroke-width="2"/>`
        + `<path d="M${ax - 4},${r1(to + dir * 7)} L${ax},${r1(to)} L${ax + 4},${r1(to + dir * 7)}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round"/></g>`);
    }
  }
  if (!points.length && !markers.length) return '';
  const path = points.length > 1 ? `<path d="${curvePath(points)}" fill="none" stroke="${pal.before}" stroke-width="2" stroke-dasharray="${BEFORE_DASH}" stroke-linecap="round"/>` : '';
  return `<g class="before-curve">${path}${arrows.join('')}${markers.join('')}</g>`;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A lane label as drawn, then its description. cjm's own labels are set in capitals (measured
 * so: Cyrillic capitals are wide); a custom lane's name is the author's and stays as written.
 */
function layLaneLabel(text: string, description: string | undefined, own = true): Laid {
  const inner = LABEL_WIDTH - 2 * PAD;
  return stack([layLines(own ? text.toUpperCase() : text, inner / BOLD / 1.06, 'lane', 12, LINE), description ? layLines(description, inner, 'note', FONT - 2, LINE - 3) : { height: 0, draw: () => '' }], 2);
}

/** The group a stage's or step's mark shows in: what its whole column or header is (`changed` when only a part is). */
function markOf(m: DiffMark | undefined): MarkGroup | undefined {
  if (!m) return undefined;
  const status = m.status ?? (m.changes.length ? 'changed' : undefined);
  return status === 'moved-away' ? 'removed' : status;
}

/** The old name of a renamed stage or step (`was: …` is the strike-through of the HTML), and where it moved from. */
function markNote(m: DiffMark | undefined): string {
  if (!m) return '';
  return [m.before ? `${m.before} →` : '', m.note ?? ''].filter(Boolean).join(' · ');
}

/** A changed cell: a bar down its left edge in the "changed" colour. */
function cellMark(x: number, y: number, w: number, h: number, pal: Palette): string {
  return `<rect class="mark-changed" x="${x + 1}" y="${y + 1}" width="${w - 2}" height="${h - 2}" fill="${pal.marks.changed}" fill-opacity="0.06"/><rect x="${x + 1}" y="${y + 3}" width="3" height="${h - 6}" rx="1.5" fill="${pal.marks.changed}"/>`;
}

/** The comparison's line under the title and its legend: change counts by group, then the two curves. */
function comparisonHeader(cmp: SvgComparison, out: string[], y: number, width: number, pal: Palette): number {
  if (cmp.subtitle) {
    const lines = wrapText(cmp.subtitle, width, 14, 3);
    out.push(textBlock(lines, MARGIN, y + 14, 'sub'));
    y += lines.length * LINE + 6;
  }
  const items: Array<{ w: number; draw: (x: number, yy: number) => string }> = [];
  const text = (s: string) => ({ w: textWidth(s, 12) + 18, draw: (x: number, yy: number) => `<text class="legend" x="${r1(x)}" y="${yy + 4}">${esc(s)}</text>` });
  items.push(text(cmp.total));
  for (const g of cmp.groups) {
    const s = `${g.label}: ${g.count}`;
    items.push({
      w: textWidth(s, 12) + 40,
      draw: (x, yy) => `<rect class="swatch-${g.group}" x="${r1(x)}" y="${yy - 6}" width="12" height="12" rx="2" fill="${pal.marks[g.group]}" fill-opacity="0.15" stroke="${pal.marks[g.group]}" stroke-width="2"/><text class="legend" x="${r1(x + 18)}" y="${yy + 4}">${esc(s)}</text>`,
    });
  }
  const curveItem = (name: string, dash: string, colour: string) => ({
    w: textWidth(name, 12) + 58,
    draw: (x: number, yy: number) => `<line x1="${r1(x)}" x2="${r1(x + 30)}" y1="${yy}" y2="${yy}" stroke="${colour}" stroke-width="3" stroke-linecap="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/><text class="legend" x="${r1(x + 36)}" y="${yy + 4}">${esc(name)}</text>`,
  });
  if (cmp.curves.before) items.push(curveItem(cmp.curves.before, BEFORE_DASH, pal.before));
  if (cmp.curves.after) items.push(curveItem(cmp.curves.after, '', pal.text));
  let x = MARGIN;
  let row = y + 10;
  for (const it of items) {
    if (x > MARGIN && x + it.w > MARGIN + width) {
      x = MARGIN;
      row += 22;
    }
    out.push(it.draw(x, row));
    x += it.w;
  }
  return row + 14;
}

/** The change list under a comparison's grid, one entry a line, each with its group's colour. */
function changeList(cmp: SvgComparison, out: string[], y: number, width: number, pal: Palette): number {
  const head = layLines(cmp.changeList.heading.toUpperCase(), width, 'lane', 12);
  out.push(head.draw(MARGIN, y));
  y += head.height + 4;
  for (const e of cmp.changeList.entries) {
    const lines = wrapText(e.text, width - 14, FONT - 1, 6);
    out.push(`<rect x="${MARGIN}" y="${y + 3}" width="3" height="${lines.length * (LINE - 2) - 2}" rx="1.5" fill="${pal.marks[e.group]}"/>`);
    out.push(textBlock(lines, MARGIN + 10, y + FONT - 1, 't change', '', LINE - 2));
    y += lines.length * (LINE - 2) + 4;
  }
  return y + 12;
}

export function renderViewSvg(view: MapView, look: SvgLook = {}): string {
  const pal = PALETTES[look.theme ?? 'light'];
  const slide = !!look.slide;
  const L = (k: Parameters<typeof label>[0]) => label(k, view.locale);
  const n = view.steps.length;
  const gridW = LABEL_WIDTH + n * COLUMN_WIDTH;
  const totalW = Math.max(gridW, 640) + 2 * MARGIN;
  const out: string[] = [];
  let y = MARGIN;

  const title = wrapText(view.title, totalW - 2 * MARGIN, 24, 3);
  out.push(`<text class="title" x="${MARGIN}" y="${y + 24}">${title.map((l, i) => `<tspan x="${MARGIN}" dy="${i ? 30 : 0}">${esc(l)}</tspan>`).join('')}</text>`);
  y += 24 + (title.length - 1) * 30 + 12;
  const primary = view.personas.find((p) => p.primary) ?? view.personas[0];
  const sub = [view.kindLabel, primary ? `${L('persona')}: ${primary.name}` : ''].filter(Boolean).join('  ·  ');
  if (sub) {
    const lines = wrapText(sub, totalW - 2 * MARGIN, 14, 3);
    out.push(textBlock(lines, MARGIN, y + 14, 'sub'));
    y += lines.length * LINE + 8;
  }
  for (const d of slide ? view.description.slice(0, 1) : view.description) {
    const lines = wrapText(d.text, totalW - 2 * MARGIN, FONT, slide ? 3 : MAX_LINES);
    out.push(textBlock(lines, MARGIN, y + FONT, 't muted'));
    y += lines.length * LINE + 4;
  }
  const cmp = look.comparison;
  if (cmp) y = comparisonHeader(cmp, out, y, totalW - 2 * MARGIN, pal);
  y += 12;

  // Persona cards, as many in a row as fit the picture's width.
  if (!slide && view.personas.length) {
    const perRow = Math.max(1, Math.floor((totalW - 2 * MARGIN + 16) / (PERSONA_WIDTH + 16)));
    for (let i = 0; i < view.personas.length; i += perRow) {
      const row = view.personas.slice(i, i + perRow).map((p) => layPersona(p, view.locale, pal));
      row.forEach((c, k) => out.push(c.draw(MARGIN + k * (PERSONA_WIDTH + 16), y)));
      y += Math.max(...row.map((c) => c.height)) + 16;
    }
    y += 4;
  }

  const gx = MARGIN + LABEL_WIDTH;
  const colX = (c: number) => gx + c * COLUMN_WIDTH;
  const cellW = COLUMN_WIDTH - 2 * PAD;

  // Stage header row: name, criticality and owner on the stage's colour, then what the stage
  // is about (description, ◎ goals, expectations, notes) below it, as in the HTML export.
  const gridTop = y;
  const stageLines = view.stages.map((s) => wrapText(`${s.index + 1}. ${s.name}`, (s.columns * COLUMN_WIDTH - 2 * PAD) / BOLD, 15, 3));
  // A comparison says what a stage was called and where it was (the old name, `was #2`).
  const stageMeta = view.stages.map((s) => wrapText([
    markNote(s.diff),
    s.criticality ? `▲ ${L('criticality')}: ${levelLabel(s.criticality, 'criticality', view.locale)}` : '',
    s.owner ? `${L('owner')}: ${s.owner}` : '',
  ].filter(Boolean).join(' · '), (s.columns * COLUMN_WIDTH - 2 * PAD) / BOLD, 11, 3));
  const stageH = Math.max(...stageLines.map((l) => l.length), 1) * 20 + 2 * PAD + Math.max(0, ...stageMeta.map((m) => m.length)) * 15;
  view.stages.forEach((s, i) => {
    const x = colX(s.firstColumn);
    const w = s.columns * COLUMN_WIDTH;
    const sm = markOf(s.diff);
    out.push(`<rect x="${x + 1}" y="${y}" width="${w - 2}" height="${stageH}" rx="6" fill="${pal.stageFills[i % 2]}"${sm === 'removed' ? ' opacity="0.45"' : ''}${sm ? ` stroke="${pal.marks[sm]}" stroke-width="3" class="mark-${sm}"` : ''}/>`);
    out.push(`<text class="stage" x="${x + PAD}" y="${y + PAD + 15}"${sm === 'removed' ? ' text-decoration="line-through"' : ''}>${stageLines[i].map((l, k) => `<tspan x="${x + PAD}" dy="${k ? 20 : 0}">${esc(l)}</tspan>`).join('')}</text>`);
    if (stageMeta[i].length) out.push(textBlock(stageMeta[i], x + PAD, y + PAD + stageLines[i].length * 20 + 11, 'crit-on-dark', '', 15));
  });
  out.push(textBlock(wrapText(L('stages').toUpperCase(), LABEL_WIDTH - 2 * PAD, 12, 2), MARGIN, y + PAD + 15, 'lane'));
  y += stageH + 4;
  if (!slide) {
    const details = view.stages.map((s) => {
      const w = s.columns * COLUMN_WIDTH - 2 * PAD;
      return stack([
        ...s.description.map((d) => layLines(d.text, w, 't muted')),
        ...s.goals.map((g) => layLines(g.text, w, 't muted', FONT, LINE, '◎ ')),
        ...s.expectations.map((e) => layLines(e.text, w, 't muted', FONT, LINE, '» ')),
        ...(s.notes ?? []).map((nt) => layLines(nt.text, w, 'note quote', FONT - 1, LINE - 2)),
      ]);
    });
    const h = Math.max(0, ...details.map((d) => d.height));
    if (h) {
      details.forEach((d, i) => out.push(d.draw(colX(view.stages[i].firstColumn) + PAD, y)));
      y += h + 8;
    }
  }

  // Step header row.
  const stepTop = y;
  const stepLines = view.steps.map((s) => wrapText(s.name, cellW / BOLD, FONT + 1, 6));
  const stepMeta = view.steps.map((s) => wrapText([markNote(s.diff), s.criticality ? `▲ ${levelLabel(s.criticality, 'criticality', view.locale)}` : '', s.persona ?? ''].filter(Boolean).join(' · '), cellW, 11, 3));
  const stepH = Math.max(...stepLines.map((l) => l.length), 1) * LINE + 2 * PAD + Math.max(0, ...stepMeta.map((m) => m.length)) * 14;
  view.steps.forEach((s: StepView, i) => {
    const x = colX(s.column);
    const crit = s.criticality ? pal.crit[s.criticality] : undefined;
    out.push(`<rect x="${x + 1}" y="${y}" width="${COLUMN_WIDTH - 2}" height="${stepH}" rx="4" fill="${s.placeholder ? pal.bg : pal.stepFill}" stroke="${crit ?? pal.stepStroke}" stroke-width="${crit && s.criticality === 'high' ? 2 : 1}"/>`);
    if (crit) out.push(`<rect x="${x + 1}" y="${y}" width="${COLUMN_WIDTH - 2}" height="4" rx="2" fill="${crit}"/>`);
    const sm = markOf(s.diff);
    if (sm) out.push(`<rect class="mark-${sm}" x="${x + 2.5}" y="${y + 1.5}" width="${COLUMN_WIDTH - 5}" height="${stepH - 3}" rx="4" fill="none" stroke="${pal.marks[sm]}" stroke-width="3"/>`);
    out.push(textBlock(stepLines[i], x + PAD, y + PAD + FONT + 2, s.placeholder ? 't muted' : 'step', sm === 'removed' ? ' text-decoration="line-through"' : ''));
    if (stepMeta[i].length) out.push(textBlock(stepMeta[i], x + PAD, y + PAD + stepLines[i].length * LINE + 13, 'badge', crit ? ` fill="${crit}"` : '', 14));
  });
  out.push(textBlock(wrapText(L('steps').toUpperCase(), LABEL_WIDTH - 2 * PAD, 12, 2), MARGIN, y + PAD + 15, 'lane'));
  y += stepH + 6;

  const rule = (yy: number) => out.push(`<line x1="${MARGIN}" x2="${gx + n * COLUMN_WIDTH}" y1="${yy}" y2="${yy}" stroke="${pal.rule}"/>`);
  // A row of stage-wide items (stage opportunities, stage KPIs), one cell per stage.
  const stageRow = (key: 'stageOpportunities' | 'stageKpis') => {
    const lane: LaneKey = key === 'stageKpis' ? 'kpis' : 'opportunities';
    const labelLaid = layLaneLabel(L(key), undefined);
    const cells = view.stages.map((s) => layCell(key === 'stageKpis' ? s.kpis : s.opportunities, s.columns * COLUMN_WIDTH - 2 * PAD, lane, pal));
    const h = Math.max(LINE, labelLaid.height, ...cells.map((c) => c.height)) + 2 * PAD;
    rule(y);
    out.push(labelLaid.draw(MARGIN + PAD, y + PAD));
    view.stages.forEach((s, i) => {
      if (s.diff?.rows[key]) out.push(cellMark(colX(s.firstColumn), y, s.columns * COLUMN_WIDTH, h, pal));
    });
    cells.forEach((c, i) => out.push(c.draw(colX(view.stages[i].firstColumn) + PAD, y + PAD)));
    y += h;
  };

  // Lanes.
  for (const lane of view.lanes) {
    if (lane.key === 'backstage' && view.lineOfVisibility) {
      out.push(`<line x1="${MARGIN}" x2="${gx + n * COLUMN_WIDTH}" y1="${y - 3}" y2="${y - 3}" stroke="${pal.visibility}" stroke-dasharray="6 4"/>`);
      out.push(`<text class="badge" x="${gx + n * COLUMN_WIDTH}" y="${y - 7}" text-anchor="end">${esc(L('lineOfVisibility'))}</text>`);
    }
    const labelLaid = layLaneLabel(lane.label, lane.description, !lane.key.startsWith('lane:'));
    if (lane.key === 'emotion') {
      const legendTop = y + PAD + labelLaid.height + 6;
      const legend = legendSvg(view, MARGIN + PAD, legendTop, LABEL_WIDTH - 2 * PAD - 24, pal === PALETTES.dark ? 'dark' : 'light');
      const h = Math.max(CURVE_HEIGHT, labelLaid.height + 2 * PAD + (legend.height ? legend.height + 6 : 0));
      out.push(`<rect x="${MARGIN}" y="${y}" width="${gridW}" height="${h}" fill="${pal.bg}"/>`);
      // The old curve's markers and arrows show only where something changed: the cell mark says which.
      view.steps.forEach((s) => {
        if (s.diff?.cells.emotion && !s.diff.only) out.push(cellMark(colX(s.column), y, COLUMN_WIDTH, h, pal));
      });
      out.push(labelLaid.draw(MARGIN + PAD, y + PAD));
      out.push(legend.svg);
      out.push(curve(view, gx, y, pal));
      y += h + 6;
      continue;
    }
    const cells = view.steps.map((s) => layCell(s.cells[lane.key] ?? [], cellW, lane.key, pal));
    const h = Math.max(LINE, labelLaid.height, ...cells.map((c) => c.height)) + 2 * PAD;
    rule(y);
    out.push(labelLaid.draw(MARGIN + PAD, y + PAD));
    view.steps.forEach((s) => {
      if (s.diff?.cells[lane.key] && !s.diff.only) out.push(cellMark(colX(s.column), y, COLUMN_WIDTH, h, pal));
    });
    cells.forEach((c, i) => out.push(c.draw(colX(i) + PAD, y + PAD)));
    y += h;
    if (lane.key === 'opportunities' && view.hasStageOpportunities) stageRow('stageOpportunities');
    if (lane.key === 'kpis' && view.hasStageKpis) stageRow('stageKpis');
  }
  if (view.hasStageOpportunities && !view.lanes.some((l) => l.key === 'opportunities')) stageRow('stageOpportunities');
  if (view.hasStageKpis && !view.lanes.some((l) => l.key === 'kpis')) stageRow('stageKpis');
  rule(y);
  // Stage boundaries through the lanes.
  const top = y;
  for (const s of view.stages.slice(1)) out.push(`<line x1="${colX(s.firstColumn)}" x2="${colX(s.firstColumn)}" y1="${gridTop}" y2="${top}" stroke="${pal.stepStroke}" class="stage-line"/>`);
  // A column only one version has is tinted from its step header down (faintly: it lies over the text).
  const tints = view.steps.flatMap((s) => {
    const m = markOf(s.diff);
    return s.diff?.only && m ? [`<rect class="tint-${m}" x="${colX(s.column) + 1}" y="${stepTop}" width="${COLUMN_WIDTH - 2}" height="${top - stepTop}" fill="${pal.marks[m]}" fill-opacity="0.07"/>`] : [];
  });
  out.push(...tints);
  y += 16;

  // The lists under the grid, in the HTML export's order.
  if (!slide) {
    const footer: Array<[string, readonly Item[], LaneKey]> = [
      [L('journeyKpis'), view.journeyKpis, 'kpis'], [L('backlog'), view.backlog, 'opportunities'], [L('channels'), view.channels, 'notes'],
      [L('sources'), view.sources, 'notes'], [extraLabel('teams', view.locale), view.teams ?? [], 'notes'], [L('notes'), view.notes, 'notes'],
    ];
    const boxW = Math.min(gridW, 720);
    for (const [heading, items, tone] of footer) {
      if (!items.length) continue;
      const head = layLines(heading.toUpperCase(), boxW, 'lane', 12);
      out.push(head.draw(MARGIN, y));
      y += head.height + 4;
      const laid = layCell(items, boxW, tone, pal);
      out.push(laid.draw(MARGIN, y));
      y += laid.height + 16;
    }
    if (cmp?.changeList.entries.length) y = changeList(cmp, out, y, boxW, pal);
  }
  const totalH = Math.ceil(y + MARGIN);
  const style = `text{font-family:${FONT_FAMILY};font-size:${FONT}px;fill:${pal.text}}`
    + `.title{font-size:24px;font-weight:700}.sub{font-size:14px;fill:${pal.muted}}.muted{fill:${pal.muted}}`
    + `.stage{font-size:15px;font-weight:700;fill:#ffffff}.crit-on-dark{font-size:11px;font-weight:700;fill:#ffffff}`
    + `.step{font-weight:600}.lane{font-weight:700;fill:${pal.muted};font-size:12px;letter-spacing:.03em}`
    + `.persona-name{font-size:15px;font-weight:700}.note{font-size:11px;fill:${pal.muted}}`
    + `.badge{font-size:11px;fill:${pal.muted}}.quote{font-style:italic}.emoji{font-family:emoji,sans-serif;font-size:17px}`
    + `.score{font-size:11px;font-weight:600}.scale{font-size:11px;font-weight:700}`
    + (cmp ? `.legend{font-size:12px;fill:${pal.text}}.change{font-size:12px}` : '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${totalH}" viewBox="0 0 ${totalW} ${totalH}" role="img" aria-label="${esc(view.title)}">`
    + `<title>${esc(view.title)}</title><style>${style}</style>`
    + `<rect x="0" y="0" width="${totalW}" height="${totalH}" fill="${pal.bg}"/>` + out.join('') + '</svg>\n';
}

export function renderSvg(map: JourneyMap, options: SvgOptions): string {
  const view = buildView(map, options.locale, options.language);
  if (!options.lanes) return renderViewSvg(view, { theme: options.theme });
  return renderViewSvg(chooseLanes(view, options.lanes).view, { theme: options.theme, slide: true });
}
