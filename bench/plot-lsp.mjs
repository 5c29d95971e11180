// A hand-made SVG line chart of bench/lsp.mjs's results: wall time of an edit → diagnostics,
// completion and formatting against the map's size, one line per server, log-scaled time.
// No dependency. Usage: node bench/plot-lsp.mjs  (reads bench/results/lsp.json, writes
// docs/images/lsp-scaling.svg); bench/lsp.mjs --write calls it too.
import { readFileSync, writeFileSync } from 'node:fs';

const COLORS = ['#1f6feb', '#d1242f', '#8250df', '#1a7f37'];
const PANELS = [
  ['edit', 'edit → diagnostics'],
  ['completion', 'completion'],
  ['formatting', 'formatting'],
];

export function plotLsp(results) {
  const W = 300;
  const H = 220;
  const pad = { l: 52, r: 12, t: 28, b: 40 };
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const xs = results.sizes.map((r) => r.lines);
  const xMin = Math.log10(Math.min(...xs));
  const xMax = Math.log10(Math.max(...xs));
  const parts = [];
  PANELS.forEach(([key, title], p) => {
    const ox = p * W;
    const values = results.sizes.flatMap((r) => results.servers.map((s) => r.servers[s]?.[key]?.wall).filter((v) => v > 0));
    const yMin = Math.floor(Math.log10(Math.min(...values)));
    const yMax = Math.ceil(Math.log10(Math.max(...values)));
    const x = (v) => ox + pad.l + ((Math.log10(v) - xMin) / (xMax - xMin || 1)) * (W - pad.l - pad.r);
    const y = (v) => pad.t + (1 - (Math.log10(v) - yMin) / (yMax - yMin || 1)) * (H - pad.t - pad.b);
    parts.push(`<text x="${ox + W / 2}" y="16" text-anchor="middle" font-weight="bold">${esc(title)}</text>`);
    for (let e = yMin; e <= yMax; e++) {
      const v = 10 ** e;
      parts.push(`<line x1="${ox + pad.l}" x2="${ox + W - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
      parts.push(`<text x="${ox + pad.l - 4}" y="${y(v) + 4}" text-anchor="end">${v >= 1 ? v.toLocaleString('en') : v} ms</text>`);
    }
    for (const v of xs) {
      parts.push(`<line x1="${x(v)}" x2="${x(v)}" y1="${pad.t}" y2="${H - pad.b}" stroke="#eee"/>`);
      parts.push(`<text x="${x(v)}" y="${H - pad.b + 14}" text-anchor="middle">${(v / 1000).toLocaleString('en', { maximumFractionDigits: 1 })}k</text>`);
    }
    parts.push(`<text x="${ox + (pad.l + W - pad.r) / 2}" y="${H - 8}" text-anchor="middle">map lines</text>`);
    results.servers.forEach((s, i) => {
      const pts = results.sizes.map((r) => [r.lines, r.servers[s]?.[key]?.wall]).filter(([, v]) => v > 0);
      parts.push(`<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2" points="${pts.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ')}"/>`);
      for (const [a, b] of pts) parts.push(`<circle cx="${x(a).toFixed(1)}" cy="${y(b).toFixed(1)}" r="3" fill="${COLORS[i % COLORS.length]}"/>`);
    });
  });
  const legend = results.servers
    .map((s, i) => `<rect x="${12 + i * 170}" y="${H + 6}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${30 + i * 170}" y="${H + 16}">${esc(s)}</text>`)
    .join('');
  const note = `<text x="${PANELS.length * W - 8}" y="${H + 16}" text-anchor="end" fill="#555">median wall time, log scales; ${esc(results.date)} UTC, load ${results.loadBefore.toFixed(1)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PANELS.length * W}" height="${H + 28}" font-family="sans-serif" font-size="11" viewBox="0 0 ${PANELS.length * W} ${H + 28}"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}${legend}${note}</svg>\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('..', import.meta.url).pathname;
  const results = JSON.parse(readFileSync(`${root}bench/results/lsp.json`, 'utf8'));
  writeFileSync(`${root}docs/images/lsp-scaling.svg`, plotLsp(results));
  console.log('wrote docs/images/lsp-scaling.svg');
}
