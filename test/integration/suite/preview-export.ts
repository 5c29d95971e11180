// "CJM: Export…" end to end, through its test hook (cjm.preview.export with a target, so no
// dialogs), in every format, with the editor in a dark theme: exports are for slides and
// e-mail and always use the light palette. And the editor → preview scroll link.
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { closeAllEditors, lineOf, openMap, waitFor, workspaceUri } from '../helper';

interface Snapshot {
  version: number;
  stages: string[];
  visibleStages: string[];
  scrollX: number;
}

const decoder = new TextDecoder();
const read = async (uri: vscode.Uri) => vscode.workspace.fs.readFile(uri);
const readText = async (uri: vscode.Uri) => decoder.decode(await read(uri));

async function exportTo(format: 'html' | 'svg' | 'png' | 'md', uri: vscode.Uri): Promise<vscode.Uri> {
  const target = workspaceUri('scratch', `exported-${format}.${format}`);
  const written = await vscode.commands.executeCommand<vscode.Uri>('cjm.preview.export', { uri, format, target });
  assert.equal(written?.toString(), target.toString(), 'the export resolves to its target');
  return target;
}

/** Inflates zlib data with the platform's DecompressionStream (no Node: the suite also runs in the web host). */
async function inflate(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A PNG's size and pixels (RGB or RGBA, 8 bits): enough of a decoder to judge its palette. */
async function decodePng(bytes: Uint8Array): Promise<{ width: number; height: number; channels: number; pixels: Uint8Array }> {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < bytes.length;) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      assert.equal(data[8], 8, '8-bit PNG');
      channels = ({ 2: 3, 6: 4 } as Record<number, number>)[data[9]] ?? 0;
      assert.ok(channels, `colour type ${data[9]}`);
      assert.equal(data[12], 0, 'not interlaced');
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  idat.reduce((at, d) => (joined.set(d, at), at + d.length), 0);
  const raw = await inflate(joined);
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[y * stride + i - channels] : 0;
      const b = y ? pixels[(y - 1) * stride + i] : 0;
      const c = y && i >= channels ? pixels[(y - 1) * stride + i - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter];
      assert.ok(pred !== undefined, `PNG filter ${filter}`);
      pixels[y * stride + i] = (row[i] + pred) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function luminance(png: Awaited<ReturnType<typeof decodePng>>): { mean: number; darkShare: number } {
  let sum = 0;
  let dark = 0;
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const o = i * png.channels;
    const l = 0.2126 * png.pixels[o] + 0.7152 * png.pixels[o + 1] + 0.0722 * png.pixels[o + 2];
    sum += l;
    if (l < 90) dark++;
  }
  return { mean: sum / n, darkShare: dark / n };
}

suite('Preview export and scroll sync', () => {
  const config = () => vscode.workspace.getConfiguration('workbench');
  let themeBefore: string | undefined;

  suiteSetup(async () => {
    await vscode.workspace.fs.createDirectory(workspaceUri('scratch'));
    themeBefore = config().inspect<string>('colorTheme')?.globalValue;
    await config().update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    await waitFor(() => vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark, 'the dark theme to apply');
  });
  suiteTeardown(async () => {
    await config().update('colorTheme', themeBefore, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });
  setup(closeAllEditors);

  test('HTML export: one standalone file, no scripts, nothing from the network, light palette', async () => {
    const { doc } = await openMap('shop.cjm');
    const html = await readText(await exportTo('html', doc.uri));
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script/i, 'no scripts');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'no remote resources');
    assert.doesNotMatch(html, /<link\b/i, 'the stylesheet is inlined');
    assert.match(html, /<style>[^]*--cjm-bg: var\(--vscode-editor-background, #ffffff\)/, 'outside VS Code the colours fall back to the light palette');
    assert.doesNotMatch(html, /<body[^>]*vscode-/, 'no trace of the editor theme');
    for (const stage of ['Awareness', 'Consideration', 'Purchase', 'Delivery']) assert.ok(html.includes(stage), stage);
  });

  test('SVG export: self-contained, fixed light colours', async () => {
    const { doc } = await openMap('shop.cjm');
    const svg = await readText(await exportTo('svg', doc.uri));
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.doesNotMatch(svg, /<script|<foreignObject|\son[a-z]+=|href="(?!#)|url\((?!#)|@import|var\(--/i, 'nothing outside the file, no theme variables');
    assert.match(svg, /<rect x="0" y="0" width="\d+" height="\d+" fill="#ffffff"\/>/, 'a white background');
    for (const stage of ['Awareness', 'Delivery', 'Sees an ad']) assert.ok(svg.includes(stage), stage);
  });

  test('Markdown export: a Mermaid journey block GitHub draws, and tables', async () => {
    const { doc } = await openMap('shop.cjm');
    const md = await readText(await exportTo('md', doc.uri));
    assert.match(md, /^# First order in the online shop/);
    const block = /```mermaid\njourney\n([^]*?)\n```/.exec(md);
    assert.ok(block, 'a ```mermaid journey block');
    assert.match(block[1], /title /);
    assert.match(block[1], /section Awareness/);
    assert.match(md, /^\|.*\|$/m, 'a table');
  });

  test('PNG export in a dark editor: a valid PNG on the light palette, at twice the SVG size', async () => {
    const { doc } = await openMap('shop.cjm');
    assert.equal(vscode.window.activeColorTheme.kind, vscode.ColorThemeKind.Dark);
    const bytes = await read(await exportTo('png', doc.uri));
    assert.ok(bytes.length > 20_000 && bytes.length < 8_000_000, `${bytes.length} bytes`);
    const png = await decodePng(bytes);
    const svgWidth = Number(/width="(\d+)"/.exec(await readText(await exportTo('svg', doc.uri)))?.[1]);
    assert.equal(png.width, svgWidth * 2, 'drawn at scale 2');
    assert.ok(png.height > 400, `height ${png.height}`);
    const { mean, darkShare } = luminance(png);
    assert.ok(mean > 200, `mean luminance ${mean.toFixed(0)}: the background is not light`);
    assert.ok(darkShare > 0.002, `only ${(darkShare * 100).toFixed(2)} % dark pixels: no legible text was drawn`);
    assert.deepEqual([...png.pixels.subarray(0, 3)], [255, 255, 255], 'the corner is white');
  });

  test('scrolling the editor brings the stage in its middle into view in the preview', async () => {
    const { doc, editor } = await openMap('shop.cjm');
    await vscode.commands.executeCommand('cjm.preview.openToSide');
    const inspect = () => vscode.commands.executeCommand<Snapshot | undefined>('cjm.preview.inspect');
    await waitFor(async () => (await inspect())?.stages.length === 4, 'the preview to show the four stages');
    const first = (await inspect())!;
    assert.ok(first.visibleStages.includes('Awareness'), `visible at first: ${first.visibleStages.join(', ')}`);
    assert.ok(!first.visibleStages.includes('Delivery'), `the preview must be too narrow to show every stage at once (visible: ${first.visibleStages.join(', ')}) or this test proves nothing`);

    // The preview follows the line in the middle of the editor: put a line inside the stage there.
    const reveal = (needle: string) => {
      const line = lineOf(doc, needle) + 2;
      editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
    };
    reveal('- id: delivery');
    let seen: Snapshot | undefined;
    const late = await waitFor(async () => {
      seen = await inspect();
      return seen?.visibleStages.includes('Delivery') ? seen : undefined;
    }, 'the preview to scroll to the "Delivery" stage').catch((e: Error) => {
      const r = editor.visibleRanges.map((v) => `${v.start.line}-${v.end.line}`).join(',');
      throw new Error(`${e.message}; editor lines ${r}; preview: scrollX ${seen?.scrollX}, visible ${seen?.visibleStages.join(', ')}`);
    });
    assert.ok(late.scrollX > 0);
    assert.ok(!late.visibleStages.includes('Awareness'), `visible: ${late.visibleStages.join(', ')}`);

    reveal('- id: awareness');
    await waitFor(async () => (await inspect())?.visibleStages.includes('Awareness'), 'the preview to scroll back to "Awareness"');
  });
});
