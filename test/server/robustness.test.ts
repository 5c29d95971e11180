/**
 * The server must answer every request and never die, whatever it is sent: random and
 * mutated maps, random edit sequences, hostile inputs. Every range it returns must lie
 * inside the document as it is.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Position, Range } from 'vscode-languageserver-protocol';
import { Lsp, positionAt, serverFixture } from './lsp';

let lsp: Lsp;
const seeds = ['shop.cjm', 'bank-ru.cjm', 'gaps-pl.cjm', 'broken.cjm'].map((f) => serverFixture(f).text);

before(async () => {
  lsp = await Lsp.start();
});
after(async () => {
  assert.ok(lsp.alive, `the server died: ${lsp.stderr.join('')}`);
  // Handlers fall back to an empty answer on an exception; none may have needed to.
  assert.deepEqual(lsp.logs.filter((l) => / failed|uncaught|unhandled/.test(l)), []);
  assert.equal(await lsp.stop(), 0);
});

function inside(text: string, p: Position): boolean {
  const lines = text.split('\n');
  return p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
}

/** Every LSP range anywhere in a response (results nest them in items, edits, children). */
function ranges(v: unknown, out: Range[] = []): Range[] {
  if (Array.isArray(v)) v.forEach((x) => ranges(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const isPos = (p: unknown) => !!p && typeof p === 'object' && typeof (p as Position).line === 'number' && typeof (p as Position).character === 'number';
    if (isPos(o.start) && isPos(o.end)) out.push(o as unknown as Range);
    for (const [k, x] of Object.entries(o)) if (k !== 'start' && k !== 'end') ranges(x, out);
  }
  return out;
}

const YAMLISH = [' ', '  ', '\n', '- ', ': ', ':', '#', '[', ']', '{', '}', ',', '"', "'", '&a ', '*a', '|', '>', '\t', 'emotion: ', 'id: ', 'steps:', '\u00a0', 'ł', 'ё', '😣', '---\n'];
const edit = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 12 }),
  ins: fc.oneof(fc.constantFrom(...YAMLISH), fc.string({ maxLength: 6 }), fc.array(fc.constantFrom(...YAMLISH), { maxLength: 5 }).map((a) => a.join(''))),
});

let docNo = 0;

async function exercise(uri: string, text: string, probes: number[]): Promise<void> {
  const methods: Array<[string, (p: Position) => unknown]> = [
    ['textDocument/completion', (p) => ({ textDocument: { uri }, position: p })],
    ['textDocument/hover', (p) => ({ textDocument: { uri }, position: p })],
    ['textDocument/definition', (p) => ({ textDocument: { uri }, position: p })],
    ['textDocument/references', (p) => ({ textDocument: { uri }, position: p, context: { includeDeclaration: true } })],
    ['textDocument/documentHighlight', (p) => ({ textDocument: { uri }, position: p })],
    ['textDocument/codeAction', (p) => ({ textDocument: { uri }, range: { start: p, end: p }, context: { diagnostics: [] } })],
  ];
  const whole = [
    lsp.request('textDocument/documentSymbol', { textDocument: { uri } }),
    lsp.request('textDocument/foldingRange', { textDocument: { uri } }),
    lsp.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }),
  ];
  const perPosition = probes.flatMap((o) => {
    const p = positionAt(text, o % (text.length + 1));
    return methods.map(([m, params]) => lsp.request(m, params(p)).catch((e: Error) => {
      // Refusals are answers; only rename-style errors may be returned, never internal ones.
      throw new Error(`${m} at ${JSON.stringify(p)} failed: ${e.message}`);
    }));
  });
  const results = await Promise.all([...whole, ...perPosition]);
  for (const r of results) for (const range of ranges(r)) assert.ok(inside(text, range.start) && inside(text, range.end), `range ${JSON.stringify(range)} outside the document`);
}

test('random edit sequences on real maps: every request is answered inside the document', async () => {
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), async (seed, edits, probes) => {
      const uri = `file:///robust/doc-${docNo++}.cjm`;
      let text = seeds[seed];
      lsp.open(uri, text);
      for (const e of edits) {
        const start = e.at % (text.length + 1);
        const end = Math.min(text.length, start + e.del);
        lsp.edit(uri, { start: positionAt(text, start), end: positionAt(text, end) }, e.ins);
        text = text.slice(0, start) + e.ins + text.slice(end);
        // Ask in between edits too, as an editor does while the user types.
        await lsp.request('textDocument/completion', { textDocument: { uri }, position: positionAt(text, Math.min(text.length, start + e.ins.length)) });
      }
      await exercise(uri, text, probes);
      lsp.close(uri);
      assert.ok(lsp.alive);
    }),
    { numRuns: 40 },
  );
});

test('arbitrary text is answered too', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...YAMLISH), fc.string({ maxLength: 4 })), { maxLength: 60 }).map((a) => a.join('')), fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), async (text, probes) => {
      const uri = `file:///robust/any-${docNo++}.cjm`;
      lsp.open(uri, text);
      await exercise(uri, text, probes);
      lsp.close(uri);
    }),
    { numRuns: 40 },
  );
});

test('hostile maps: deep nesting, alias bombs, a huge line, CRLF and a BOM', async () => {
  const hostile = [
    'a: ' + '['.repeat(5000) + ']'.repeat(5000),
    'cjm: 1\ntitle: &t x\nstages:\n' + Array.from({ length: 2000 }, (_, i) => `  - id: s${i}\n    name: *t\n`).join(''),
    'cjm: 1\ntitle: ' + 'x'.repeat(1_000_000) + '\nstages: []\n',
    seeds[0].replace(/\n/g, '\r\n'),
    '\ufeff' + seeds[1],
    Array.from({ length: 300 }, (_, i) => ' '.repeat(i) + '- ').join('\n'),
    '<script>alert(1)</script>: "<img onerror=x>"\n',
  ];
  for (const text of hostile) {
    const uri = `file:///robust/hostile-${docNo++}.cjm`;
    lsp.open(uri, text);
    await exercise(uri, text, [0, Math.floor(text.length / 2), text.length]);
    await lsp.diagnostics(uri, () => true, 15_000);
    lsp.close(uri);
  }
  assert.ok(lsp.alive);
});
