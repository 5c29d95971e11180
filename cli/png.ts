/**
 * SVG → PNG for the command line, without a browser: resvg (Rust, via napi) draws the
 * renderer's SVG. resvg cannot draw colour bitmap emoji fonts (Noto Color Emoji is CBDT),
 * so emoji are set in Symbola, an outline font that has every emoji of the vocabulary;
 * text falls back to DejaVu Sans, which covers Cyrillic and Polish letters. Both come from
 * Debian's fonts-symbola and fonts-dejavu-core (installed by .ci/run; see docs/cli.md).
 */
import type { Resvg as ResvgType } from '@resvg/resvg-js';

const EMOJI = /(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\uFE0F|\u200D(?:\p{Extended_Pictographic}))*\uFE0F?/gu;

/** Wraps every emoji in text content in a tspan set in the emoji font. Attributes are untouched. */
export function withEmojiFont(svg: string, family = 'Symbola'): string {
  return svg.replace(/>([^<]+)</g, (whole, text: string) => {
    if (!EMOJI.test(text)) return whole;
    EMOJI.lastIndex = 0;
    return `>${text.replace(EMOJI, (e) => `<tspan font-family="${family}">${e}</tspan>`)}<`;
  });
}

export interface PngOptions {
  /** pixels per SVG unit: 2 gives a sharp picture for slides */
  readonly scale?: number;
}

export interface Raster {
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row */
  readonly pixels: Uint8Array;
  readonly png: Uint8Array;
}

export function rasterize(svg: string, options: PngOptions = {}): Raster {
  // Loaded only for PNG: the native module is not needed by any other command.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require('@resvg/resvg-js') as { Resvg: typeof ResvgType };
  const resvg = new Resvg(withEmojiFont(svg), {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: '#ffffff',
    font: {
      loadSystemFonts: true,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
      serifFamily: 'DejaVu Serif',
      monospaceFamily: 'DejaVu Sans Mono',
    },
  });
  const image = resvg.render();
  const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return { width: image.width, height: image.height, pixels: bytes(image.pixels), png: bytes(image.asPng()) };
}

export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  return rasterize(svg, options).png;
}
