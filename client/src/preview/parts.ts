/**
 * Incremental preview updates. A 50-stage map is ~770 KB of HTML; re-sending, re-parsing and
 * re-walking all of it on every keystroke cost the webview ~250 ms. Instead the rendered
 * fragment is cut into parts (the header, the footer, every grid cell, every emotion marker,
 * the curve's line) held together by "glue" (table, rows, the curve's frame). After an edit only
 * the parts whose HTML changed are sent; the rest stays in the webview's DOM untouched.
 *
 * Typing shifts the source offsets (`data-start`, `data-end`, `data-step-offset`) of everything
 * after the cursor, which would make every later part "changed". So parts are compared with their
 * offsets taken out: a part whose HTML differs only by one constant offset shift is sent as a
 * shift (a few numbers), which the webview applies to the attributes in place.
 *
 * Pure string code on the renderer's own output (render/html.ts): user text is always
 * escaped there, so `<`, `>` and `"` inside a part can only be markup.
 */
import { CHUNK_SELECTOR, MapPatch } from './protocol';

/** The rendered fragment cut into parts; `glue` is everything between them. */
export interface MapParts {
  readonly glue: string;
  readonly chunks: readonly string[];
}

// Must find exactly the elements CHUNK_SELECTOR (protocol.ts) finds, in document order.
const CHUNK_START = /<(?:header class="cjm-header|footer class="cjm-footer|th[ >]|td[ >]|g class="emotion-marker|path class="cjm-curve-line)/g;
const CURVE_CELL = '<td class="cjm-curve-cell"';
const OFFSET_ATTR = / data-(?:start|end|step-offset)="(\d+)"/g;

function chunkEnd(html: string, start: number): number {
  const tag = html.slice(start + 1, start + 3);
  const close = tag === 'th' ? '</th>' : tag === 'td' ? '</td>' : tag === 'g ' ? '</g>' : tag === 'pa' ? '>' : tag === 'he' ? '</header>' : '</footer>';
  const at = html.indexOf(close, start);
  return at < 0 ? html.length : at + close.length;
}

export function splitParts(html: string): MapParts {
  const chunks: string[] = [];
  let glue = '';
  let last = 0;
  CHUNK_START.lastIndex = 0;
  for (let m = CHUNK_START.exec(html); m; m = CHUNK_START.exec(html)) {
    // The curve's cell holds the markers: it is glue, its markers are parts.
    if (html.startsWith(CURVE_CELL, m.index)) continue;
    const end = chunkEnd(html, m.index);
    glue += html.slice(last, m.index) + '\u0000';
    chunks.push(html.slice(m.index, end));
    last = end;
    CHUNK_START.lastIndex = end;
  }
  glue += html.slice(last);
  return { glue, chunks };
}

const OFFSET_VALUE = /( data-(?:start|end|step-offset)=")\d+"/g;
const stripOffsets = (s: string) => s.replace(OFFSET_VALUE, '$1"');

/** The one shift that turns `a`'s offsets into `b`'s, when the two differ in nothing else. */
export function uniformShift(a: string, b: string): number | undefined {
  const ao = Array.from(a.matchAll(OFFSET_ATTR), (m) => Number(m[1]));
  const bo = Array.from(b.matchAll(OFFSET_ATTR), (m) => Number(m[1]));
  if (!ao.length || ao.length !== bo.length) return undefined;
  const by = bo[0] - ao[0];
  for (let i = 1; i < ao.length; i++) if (bo[i] - ao[i] !== by) return undefined;
  // Cheaper to compare the stripped texts only once the numbers agree.
  return stripOffsets(a) === stripOffsets(b) ? by : undefined;
}

/**
 * What turns `prev` into `next`, or undefined when the glue changed (a step, lane or marker
 * appeared or went away): then the whole fragment is sent.
 */
export function diffParts(prev: MapParts, next: MapParts, base: number): MapPatch | undefined {
  if (prev.glue !== next.glue || prev.chunks.length !== next.chunks.length) return undefined;
  const changed: Array<[number, string]> = [];
  const shifts: Array<[number, number, number]> = [];
  for (let i = 0; i < next.chunks.length; i++) {
    const a = prev.chunks[i];
    const b = next.chunks[i];
    if (a === b) continue;
    const by = uniformShift(a, b);
    if (by === undefined) changed.push([i, b]);
    else {
      const run = shifts[shifts.length - 1];
      if (run && run[1] === i - 1 && run[2] === by) run[1] = i;
      else shifts.push([i, i, by]);
    }
  }
  return { base, count: next.chunks.length, changed, shifts };
}

export { CHUNK_SELECTOR };
