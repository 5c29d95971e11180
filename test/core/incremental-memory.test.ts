/**
 * The incremental analyzer must not keep old versions of the document alive: a language
 * server runs for hours and analyses every keystroke. Measures the heap after a forced GC,
 * so this file (only) turns on V8's `gc()` at run time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IncrementalAnalyzer } from '@cjm/core';
// @ts-expect-error plain JavaScript module shared with the benchmarks
import { generateMap } from '../../bench/generate-map.mjs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const mb = (bytes: number) => (bytes / 1048576).toFixed(2);

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

test('5,000 edits across every stage retain no old version of the text', () => {
  const STAGES = 80;
  let text: string = generateMap({ stages: STAGES, steps: 1 });
  const nameEnds = [...text.matchAll(/^ {4}name: Stage \d+$/gm)].map((m) => m.index! + m[0].length);
  assert.equal(nameEnds.length, STAGES);
  let analyzer: IncrementalAnalyzer | undefined = new IncrementalAnalyzer();
  const keystroke = (i: number) => {
    // One character typed into the name of the next stage, round robin, analysed as the server would.
    const stage = i % STAGES;
    text = text.slice(0, nameEnds[stage]) + 'x' + text.slice(nameEnds[stage]);
    for (let s = stage; s < STAGES; s++) nameEnds[s] += 1;
    analyzer!.analyze(text);
    assert.equal(analyzer!.lastMode, 'incremental');
  };
  // A full collection every 500 edits, as a server's idle moments give V8 (its idle-time and
  // memory-reducer collections): without one, the model's WeakMap caches (core/parse.ts
  // READINGS, the per-stage symbol and fact caches) hold the entries of every edit since the
  // last, and their tables grow to that size and stay (3 × 2 MB measured after 4,800 edits) —
  // capacity, not old texts, which is what this test is about.
  for (let i = 0; i < 200; i++) keystroke(i);
  const early = heapAfterGc();
  for (let i = 200; i < 5000; i++) {
    keystroke(i);
    if (i % 500 === 0) gc();
  }
  const late = heapAfterGc();
  // What a fresh analyzer of the final text retains: the floor for any amount of editing.
  const fresh = new IncrementalAnalyzer();
  fresh.analyze(text);
  analyzer = undefined;
  const floor = heapAfterGc();
  // A cache that pinned one old text per stage would hold 80 × ~55 kB ≈ 4.5 MB more here
  // (measured on the slice-keyed cache this replaced: 4.67 MB).
  const textMb = mb(text.length);
  assert.ok(late - floor < 1.5 * 1048576, `after 5,000 edits the analyzer retains ${mb(late - floor)} MB more than a fresh one (text ${textMb} MB)`);
  assert.ok(late - early < 1.5 * 1048576, `retained heap grew by ${mb(late - early)} MB between edit 200 and edit 5,000`);
  fresh.analyze(text);
});
