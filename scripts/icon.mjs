// Draws the extension's Marketplace icon, media/icons/cjm.png (128×128, as the Marketplace and
// VS Code's Extensions view show it): three stage columns under an emotion curve that dips in
// the middle stage and recovers, the same picture as the .cjm file icon (media/icons/cjm-file.svg)
// on a dark tile that reads on both light and dark backgrounds.
// Usage: node scripts/icon.mjs   (writes the PNG; commit it with this script)
import { Resvg } from '@resvg/resvg-js';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../media/icons/cjm.png', import.meta.url));
const SIZE = 128;

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#27407a"/>
      <stop offset="1" stop-color="#172a55"/>
    </linearGradient>
  </defs>
  <rect x="4" y="4" width="120" height="120" rx="22" fill="url(#tile)"/>
  <rect x="16" y="20" width="28" height="88" rx="6" fill="#5b8def" opacity="0.45"/>
  <rect x="50" y="20" width="28" height="88" rx="6" fill="#5b8def" opacity="0.7"/>
  <rect x="84" y="20" width="28" height="88" rx="6" fill="#5b8def" opacity="0.45"/>
  <path d="M24 46 C42 46, 48 90, 64 86 S88 34, 104 38" fill="none" stroke="#f0a030" stroke-width="9" stroke-linecap="round"/>
  <circle cx="24" cy="46" r="9" fill="#ffd27a" stroke="#f0a030" stroke-width="4"/>
  <circle cx="64" cy="86" r="9" fill="#ffd27a" stroke="#f0a030" stroke-width="4"/>
  <circle cx="104" cy="38" r="9" fill="#ffd27a" stroke="#f0a030" stroke-width="4"/>
</svg>`;

const png = new Resvg(svg, { fitTo: { mode: 'width', value: SIZE }, background: 'rgba(0,0,0,0)' }).render().asPng();
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
