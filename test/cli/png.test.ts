/** PNG export without a browser: a real picture, light, with legible Cyrillic, Polish letters and emoji. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rasterize, withEmojiFont } from '../../cli/png';
import { ROOT } from '../helpers';

/** Share of pixels that are not (near) white: how much was drawn. */
function ink(svg: string): number {
  const r = rasterize(svg, { scale: 1 });
  let dark = 0;
  for (let i = 0; i < r.pixels.length; i += 4) if (r.pixels[i] + r.pixels[i + 1] + r.pixels[i + 2] < 600) dark++;
  return dark / (r.width * r.height);
}

const line = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40"><text x="4" y="28" font-family="system-ui, sans-serif" font-size="24">${text}</text></svg>`;

test('emoji in text are set in the emoji font; attributes are left alone', () => {
  const svg = '<svg><text class="emoji" aria-label="😣 frustrated">😣</text><text>Zakup 🤩 ok</text></svg>';
  assert.equal(
    withEmojiFont(svg),
    '<svg><text class="emoji" aria-label="😣 frustrated"><tspan font-family="Symbola">😣</tspan></text><text>Zakup <tspan font-family="Symbola">🤩</tspan> ok</text></svg>',
  );
  assert.equal(withEmojiFont('<svg><text>Покупка</text></svg>'), '<svg><text>Покупка</text></svg>');
});

test('Cyrillic, Polish letters and every vocabulary emoji are drawn, not left blank', async () => {
  const { EMOTIONS } = await import('@cjm/core');
  assert.ok(ink(line('Покупка')) > 0.01, 'Cyrillic');
  assert.ok(ink(line('Zażółć')) > 0.01, 'Polish');
  for (const e of EMOTIONS) assert.ok(ink(line(e.emoji)) > 0.005, `${e.id} ${e.emoji} is drawn`);
});

test('cjm render --format png writes a light PNG twice the size of the SVG', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cjm-png-'));
  const out = join(dir, 'bank.png');
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'render', join(ROOT, 'examples/bank-omnichannel-ru.cjm'), '--format', 'png', '-o', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const png = readFileSync(out);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const svg = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'render', join(ROOT, 'examples/bank-omnichannel-ru.cjm'), '--format', 'svg'], { encoding: 'utf8' }).stdout;
  const [, w, h] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;
  assert.equal(png.readUInt32BE(16), Math.round(Number(w) * 2));
  assert.equal(png.readUInt32BE(20), Math.round(Number(h) * 2));
  // The top-left corner is the page background: white, whatever the editor's theme.
  const corner = rasterize(svg, { scale: 1 }).pixels.subarray(0, 3);
  assert.deepEqual([...corner], [255, 255, 255]);
});

test('`-o -` pipes the PNG to standard output', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'render', join(ROOT, 'examples/online-shop.cjm'), '--format', 'png', '-o', '-']);
  assert.equal(r.status, 0, String(r.stderr));
  assert.deepEqual([...r.stdout.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});
