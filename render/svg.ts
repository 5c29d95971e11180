/**
 * Map → a self-contained SVG picture of the same grid the preview shows: for exports, slides
 * and the PNG (which the webview rasterizes from this SVG). Fixed light colours, generic font
 * families only, no external references, so it looks the same wherever it is opened.
 */
import type { JourneyMap, Level, Locale } from '@cjm/core';
import { escapeHtml as esc } from './escape';
import { hasPersonaCurves, legendSvg, personaCurvesSvg } from './curves';
import { COLUMN_WIDTH, CURVE_HEIGHT, LABEL_WIDTH, LIGHT, Point, columnCenter, curvePath, curveY, valence } from './geometry';
import { label, levelLabel } from './labels';
import { buildView } from './layout';
import type { Item, LaneKey, MapView, StepView } from './view';

export interface SvgOptions {
  /** the language of the labels around the author's text */
  readonly locale: Locale;
  /** the language the map is written in (`mapLanguage`): built-in stage and emotion names follow it */
  readonly language?: Locale;
}

const FONT = 13;
const LINE = 17;
const PAD = 8;
const MARGIN = 24;
const MAX_LINES = 10;
const FONT_FAMILY = 'system-ui, -apple-system, sans-serif';

const TONES: Partial<Record<LaneKey, { fill: string; stroke: string }>> = {
  pains: { fill: '#ffebe9', stroke: '#ff8182' },
  joys: { fill: '#dafbe1', stroke: '#4ac26b' },
  opportunities: { fill: '#ddf4ff', stroke: '#54aeff' },
  thoughts: { fill: '#fff8c5', stroke: '#d4a72c' },
};
const CRIT: Record<Level, string> = { high: '#cf222e', medium: '#bc4c00', low: '#6e7781' };
const STAGE_FILLS = ['#0969da', '#8250df'];

/** Rough advance width: good enough to wrap text without a font engine. */
function charWidth(ch: string, size: number): number {
  const c = ch.codePointAt(0)!;
  if (c > 0x2000 && (c >= 0x1f000 || (c >= 0x2600 && c < 0x27c0))) return size * 1.25;
  if (/[iljtf.,:;'!|ı]/.test(ch)) return size * 0.3;
  if (/[MWmwШЩЖЮМ@]/.test(ch)) return size * 0.85;
  if (/[A-ZА-ЯЁ]/.test(ch)) return size * 0.66;
  // Cyrillic lower case runs wider than Latin in the usual sans-serif faces.
  if (/[а-яёґєії]/.test(ch)) return size * 0.6;
  return size * 0.54;
}

export function wrapText(text: string, width: number, size = FONT, maxLines = MAX_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  for (const word of words) {
    const ww = [...word].reduce((a, ch) => a + charWidth(ch, size), 0);
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

function textBlock(lines: string[], x: number, y: number, cls: string, extra = ''): string {
  return `<text class="${cls}" x="${x}" y="${y}"${extra}>${lines.map((l, i) => `<tspan x="${x}" dy="${i ? LINE : 0}">${esc(l)}</tspan>`).join('')}</text>`;
}

interface Laid {
  height: number;
  draw(x: number, y: number): string;
}

function layItem(it: Item, width: number, tone: { fill: string; stroke: string } | undefined): Laid {
  const inner = width - (tone ? 2 * PAD : 0);
  const main = it.text ? wrapText((it.icon ? it.icon + ' ' : '') + (it.tone === 'question' ? '? ' : '') + it.text, inner) : it.icon ? [it.icon] : [];
  const badgeLines = it.badges.length ? wrapText(it.badges.map((b) => b.text).join(' · '), inner, FONT - 2, 3) : [];
  const h = main.length * LINE + badgeLines.length * (LINE - 2) + (tone ? 2 * 6 : 0);
  return {
    height: h,
    draw(x, y) {
      const tx = x + (tone ? PAD : 0);
      let out = tone ? `<rect x="${x}" y="${y}" width="${width}" height="${h}" rx="4" fill="${tone.fill}" stroke="${tone.stroke}"/>` : '';
      const ty = y + (tone ? 6 : 0) + FONT;
      out += textBlock(main, tx, ty, it.tone === 'quote' || it.tone === 'question' ? 't quote' : 't');
      if (badgeLines.length) out += textBlock(badgeLines, tx, ty + main.length * LINE, 'badge');
      return out;
    },
  };
}

function layCell(items: readonly Item[], width: number, lane: LaneKey): Laid {
  const laid = items.map((it) => layItem(it, width, TONES[lane]));
  const gap = 6;
  const height = laid.reduce((a, l) => a + l.height, 0) + gap * Math.max(0, laid.length - 1);
  return {
    height,
    draw(x, y) {
      let yy = y;
      return laid.map((l) => {
        const s = l.draw(x, yy);
        yy += l.height + gap;
        return s;
      }).join('');
    },
  };
}

/** The curve's scale: lines at every score, labels at +3, 0 and −3. */
function gridLines(view: MapView, x0: number, y0: number): string {
  const parts: string[] = [];
  const width = view.steps.length * COLUMN_WIDTH;
  for (let s = -3; s <= 3; s++) {
    const y = y0 + curveY(s);
    parts.push(`<line x1="${x0}" x2="${x0 + width}" y1="${y}" y2="${y}" stroke="${s === 0 ? '#8c959f' : '#eaeef2'}"${s === 0 ? ' stroke-dasharray="4 4"' : ''}/>`);
  }
  for (const [s, c] of [[3, LIGHT.positive], [0, LIGHT.neutral], [-3, LIGHT.negative]] as const) {
    parts.push(`<text class="scale" x="${x0 - 8}" y="${y0 + curveY(s) + 4}" text-anchor="end" fill="${c}">${s > 0 ? '+3' : s < 0 ? '−3' : '0'}</text>`);
  }
  return parts.join('');
}

function curve(view: MapView, x0: number, y0: number): string {
  const parts: string[] = [];
  if (hasPersonaCurves(view)) return gridLines(view, x0, y0) + personaCurvesSvg(view, x0, y0, 'light');
  parts.push(gridLines(view, x0, y0));
  const points: Point[] = [];
  const markers: string[] = [];
  for (const st of view.steps) {
    if (!st.emotion) continue;
    const x = x0 + columnCenter(st.column);
    const y = y0 + curveY(st.emotion.score ?? 0);
    if (st.emotion.score !== undefined) points.push({ x, y });
    const colour = LIGHT[valence(st.emotion.score)];
    const below = curveY(st.emotion.score ?? 0) <= CURVE_HEIGHT / 2;
    markers.push(
      `<g class="emotion-marker" transform="translate(${x},${Math.round(y * 10) / 10})"><circle r="15" fill="#ffffff" stroke="${colour}" stroke-width="2.5"/>`
      + `<text class="emoji" y="6" text-anchor="middle">${esc(st.emotion.emoji)}</text>`
      + `<text class="score" y="${below ? 30 : -22}" text-anchor="middle" fill="${colour}">${esc(st.emotion.label)}</text></g>`,
    );
  }
  const grad = `<linearGradient id="cjm-svg-curve" gradientUnits="userSpaceOnUse" x1="0" x2="0" y1="${y0 + curveY(3)}" y2="${y0 + curveY(-3)}"><stop offset="0" stop-color="${LIGHT.positive}"/><stop offset="0.5" stop-color="${LIGHT.neutral}"/><stop offset="1" stop-color="${LIGHT.negative}"/></linearGradient>`;
  const path = points.length > 1 ? `<path d="${curvePath(points)}" fill="none" stroke="url(#cjm-svg-curve)" stroke-width="3" stroke-linecap="round"/>` : '';
  return `<defs>${grad}</defs>${parts.join('')}${path}${markers.join('')}`;
}

export function renderViewSvg(view: MapView): string {
  const n = view.steps.length;
  const gridW = LABEL_WIDTH + n * COLUMN_WIDTH;
  const totalW = Math.max(gridW, 640) + 2 * MARGIN;
  const out: string[] = [];
  let y = MARGIN;

  const title = wrapText(view.title, totalW - 2 * MARGIN, 24, 3);
  out.push(`<text class="title" x="${MARGIN}" y="${y + 24}">${title.map((l, i) => `<tspan x="${MARGIN}" dy="${i ? 30 : 0}">${esc(l)}</tspan>`).join('')}</text>`);
  y += 24 + (title.length - 1) * 30 + 12;
  const primary = view.personas.find((p) => p.primary) ?? view.personas[0];
  const sub = [view.kindLabel, primary ? `${label('persona', view.locale)}: ${primary.name}` : ''].filter(Boolean).join('  ·  ');
  if (sub) {
    out.push(`<text class="sub" x="${MARGIN}" y="${y + 14}">${esc(sub)}</text>`);
    y += 24;
  }
  for (const d of view.description.slice(0, 3)) {
    const lines = wrapText(d.text, totalW - 2 * MARGIN, FONT, 3);
    out.push(textBlock(lines, MARGIN, y + FONT, 't muted'));
    y += lines.length * LINE + 4;
  }
  y += 12;

  const gx = MARGIN + LABEL_WIDTH;
  const colX = (c: number) => gx + c * COLUMN_WIDTH;
  const cellW = COLUMN_WIDTH - 2 * PAD;

  // Stage header row.
  const gridTop = y;
  const stageLines = view.stages.map((s) => wrapText(`${s.index + 1}. ${s.name}`, s.columns * COLUMN_WIDTH - 2 * PAD, 15, 3));
  const stageH = Math.max(...stageLines.map((l) => l.length), 1) * 20 + 2 * PAD + (view.stages.some((s) => s.criticality) ? 18 : 0);
  view.stages.forEach((s, i) => {
    const x = colX(s.firstColumn);
    const w = s.columns * COLUMN_WIDTH;
    out.push(`<rect x="${x + 1}" y="${y}" width="${w - 2}" height="${stageH}" rx="6" fill="${STAGE_FILLS[i % 2]}"/>`);
    out.push(`<text class="stage" x="${x + PAD}" y="${y + PAD + 15}">${stageLines[i].map((l, k) => `<tspan x="${x + PAD}" dy="${k ? 20 : 0}">${esc(l)}</tspan>`).join('')}</text>`);
    if (s.criticality) out.push(`<text class="crit-on-dark" x="${x + PAD}" y="${y + stageH - PAD}">▲ ${esc(`${label('criticality', view.locale)}: ${levelLabel(s.criticality, 'criticality', view.locale)}`)}</text>`);
  });
  out.push(`<text class="lane" x="${MARGIN}" y="${y + PAD + 15}">${esc(label('stages', view.locale))}</text>`);
  y += stageH + 4;

  // Step header row.
  const stepLines = view.steps.map((s) => wrapText(s.name, cellW, FONT + 1, 4));
  const stepH = Math.max(...stepLines.map((l) => l.length), 1) * LINE + 2 * PAD + (view.steps.some((s) => s.criticality || s.persona) ? 16 : 0);
  view.steps.forEach((s: StepView, i) => {
    const x = colX(s.column);
    const crit = s.criticality ? CRIT[s.criticality] : undefined;
    out.push(`<rect x="${x + 1}" y="${y}" width="${COLUMN_WIDTH - 2}" height="${stepH}" rx="4" fill="${s.placeholder ? '#ffffff' : '#f6f8fa'}" stroke="${crit ?? '#d0d7de'}" stroke-width="${crit && s.criticality === 'high' ? 2 : 1}"/>`);
    if (crit) out.push(`<rect x="${x + 1}" y="${y}" width="${COLUMN_WIDTH - 2}" height="4" rx="2" fill="${crit}"/>`);
    out.push(textBlock(stepLines[i], x + PAD, y + PAD + FONT + 2, s.placeholder ? 't muted' : 'step'));
    const meta = [s.criticality ? `▲ ${levelLabel(s.criticality, 'criticality', view.locale)}` : '', s.persona ?? ''].filter(Boolean).join(' · ');
    if (meta) out.push(`<text class="badge" x="${x + PAD}" y="${y + stepH - PAD}"${crit ? ` fill="${crit}"` : ''}>${esc(meta)}</text>`);
  });
  out.push(`<text class="lane" x="${MARGIN}" y="${y + PAD + 15}">${esc(label('steps', view.locale))}</text>`);
  y += stepH + 6;

  // Lanes.
  for (const lane of view.lanes) {
    if (lane.key === 'backstage' && view.lineOfVisibility) {
      out.push(`<line x1="${MARGIN}" x2="${gx + n * COLUMN_WIDTH}" y1="${y - 3}" y2="${y - 3}" stroke="#57606a" stroke-dasharray="6 4"/>`);
      out.push(`<text class="badge" x="${gx + n * COLUMN_WIDTH}" y="${y - 7}" text-anchor="end">${esc(label('lineOfVisibility', view.locale))}</text>`);
    }
    const labelLines = wrapText(lane.label, LABEL_WIDTH - 2 * PAD, FONT, 3);
    if (lane.key === 'emotion') {
      const legendTop = y + PAD + FONT + labelLines.length * LINE;
      const legend = legendSvg(view, MARGIN + PAD, legendTop, LABEL_WIDTH - 2 * PAD - 24);
      const h = Math.max(CURVE_HEIGHT, legendTop - y + legend.height + PAD);
      out.push(`<rect x="${MARGIN}" y="${y}" width="${gridW}" height="${h}" fill="#ffffff"/>`);
      out.push(textBlock(labelLines, MARGIN + PAD, y + PAD + FONT, 'lane'));
      out.push(legend.svg);
      out.push(curve(view, gx, y));
      y += h + 6;
      continue;
    }
    const cells = view.steps.map((s) => layCell(s.cells[lane.key] ?? [], cellW, lane.key));
    const h = Math.max(LINE, labelLines.length * LINE, ...cells.map((c) => c.height)) + 2 * PAD;
    out.push(`<line x1="${MARGIN}" x2="${gx + n * COLUMN_WIDTH}" y1="${y}" y2="${y}" stroke="#d8dee4"/>`);
    out.push(textBlock(labelLines, MARGIN + PAD, y + PAD + FONT, 'lane'));
    cells.forEach((c, i) => out.push(c.draw(colX(i) + PAD, y + PAD)));
    y += h;
  }
  out.push(`<line x1="${MARGIN}" x2="${gx + n * COLUMN_WIDTH}" y1="${y}" y2="${y}" stroke="#d8dee4"/>`);
  // Stage boundaries through the lanes.
  const top = y;
  for (const s of view.stages.slice(1)) out.push(`<line x1="${colX(s.firstColumn)}" x2="${colX(s.firstColumn)}" y1="${gridTop}" y2="${top}" stroke="#d0d7de" class="stage-line"/>`);
  y += 16;

  const footer: Array<[Parameters<typeof label>[0], readonly Item[]]> = [['journeyKpis', view.journeyKpis], ['backlog', view.backlog]];
  for (const [k, items] of footer) {
    if (!items.length) continue;
    out.push(`<text class="lane" x="${MARGIN}" y="${y + FONT}">${esc(label(k, view.locale))}</text>`);
    y += LINE + 4;
    const laid = layCell(items, Math.min(gridW, 720), k === 'backlog' ? 'opportunities' : 'kpis');
    out.push(laid.draw(MARGIN, y));
    y += laid.height + 16;
  }
  const totalH = Math.ceil(y + MARGIN);
  const style = `text{font-family:${FONT_FAMILY};font-size:${FONT}px;fill:#1f2328}`
    + `.title{font-size:24px;font-weight:700}.sub{font-size:14px;fill:#57606a}.muted{fill:#57606a}`
    + `.stage{font-size:15px;font-weight:700;fill:#ffffff}.crit-on-dark{font-size:11px;font-weight:700;fill:#ffffff}`
    + `.step{font-weight:600}.lane{font-weight:700;fill:#57606a;font-size:12px;text-transform:uppercase;letter-spacing:.03em}`
    + `.badge{font-size:11px;fill:#57606a}.quote{font-style:italic}.emoji{font-family:emoji,sans-serif;font-size:17px}`
    + `.score{font-size:11px;font-weight:600}.scale{font-size:11px;font-weight:700}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${totalH}" viewBox="0 0 ${totalW} ${totalH}" role="img" aria-label="${esc(view.title)}">`
    + `<title>${esc(view.title)}</title><style>${style}</style>`
    + `<rect width="100%" height="100%" fill="#ffffff"/>` + out.join('') + '</svg>\n';
}

export function renderSvg(map: JourneyMap, options: SvgOptions): string {
  return renderViewSvg(buildView(map, options.locale, options.language));
}
