/**
 * The site's change log is built with `diffChanges` (no emotion statistics, unchanged stages
 * and steps not compared field by field) over analyses that the incremental analyzer made
 * from one another, sharing or moving the model objects of unchanged stages. Whatever it
 * skips, every change must be the one a diff comparing everything reports, of the same and of
 * fresh analyses: checked over real git histories (renames, a broken commit, a merge; the
 * examples edited at random, commit after commit) and over random edit chains.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Analysis, EMOTIONS, IncrementalAnalyzer, analyze, diffChanges, diffMaps } from '@cjm/core';
import { diffMapsExhaustive } from '../../core/diff/changes';
import { sameContent } from '../../core/diff/values';
import { mapHistories } from '../../cli/site/history';
import { example } from '../helpers';
import { historyRepo, newRepo } from './repo';

const LOCALES = ['en', 'ru', 'pl'] as const;

/** The change log `diffChanges` gives for a pair equals the full diff's, and the full diff of fresh analyses. */
function assertSameLog(before: Analysis | null, after: Analysis | null, what: string): void {
  for (const locale of LOCALES) {
    const fast = diffChanges(before, after, { locale });
    const full = diffMapsExhaustive(before, after, { locale });
    assert.deepEqual(fast, { identical: full.identical, formattingOnly: full.formattingOnly, changes: full.changes }, `${what} (${locale})`);
    assert.deepEqual(diffMaps(before, after, { locale }), full, `${what}: diffMaps (${locale})`);
  }
  const fresh = diffMapsExhaustive(before && analyze(before.text), after && analyze(after.text));
  assert.deepEqual(diffChanges(before, after).changes, fresh.changes, `${what}: fresh analyses`);
}

/**
 * Walks each map's versions as `cjm site` does: one stepwise analyzer reads the map as it is
 * now, then each version newest first, the after side of each pair before its before side
 * (which is the after side of the next pair): each version diffed with the one before.
 */
function walk(dir: string, paths: string[]): number {
  const histories = mapHistories(dir, paths, 100)!;
  let pairs = 0;
  for (const path of paths) {
    const h = histories.get(path)!;
    const inc = new IncrementalAnalyzer({ keep: 4, stepwise: true });
    // What the analyzer read last: the working tree's text first, then each pair's before side.
    const now = readFileSync(join(dir, path), 'utf8');
    let last = { text: now, analysis: inc.analyze(now) };
    for (const v of h.versions) {
      const text = h.blobs.get(v.blob)!;
      const after = text === last.text ? last.analysis : inc.analyze(text);
      const beforeText = v.beforeBlob ? h.blobs.get(v.beforeBlob)! : undefined;
      const before = beforeText === undefined ? null : inc.analyze(beforeText);
      assertSameLog(before, after, `${path} @ ${v.subject}`);
      if (before) last = { text: beforeText!, analysis: before };
      pairs++;
    }
  }
  return pairs;
}

test('a renamed, broken, fixed and merged map: the change log equals the full diff at every commit', () => {
  const repo = historyRepo();
  assert.equal(walk(repo.dir, [repo.shop]), 8);
});

/** A random edit of a map's text, as people make them: a word, a line added, removed or moved. */
function edit(text: string, rnd: () => number): string {
  const lines = text.split('\n');
  const pick = (p: (l: string) => boolean) => {
    const at = lines.map((l, i) => (p(l) ? i : -1)).filter((i) => i >= 0);
    return at.length ? at[Math.floor(rnd() * at.length)] : -1;
  };
  const op = Math.floor(rnd() * 7);
  if (op === 0) {
    const i = pick((l) => /emotion: \S/.test(l));
    if (i >= 0) lines[i] = lines[i].replace(/emotion: .*/, `emotion: ${EMOTIONS[Math.floor(rnd() * EMOTIONS.length)].id}`);
  } else if (op === 1) {
    const i = pick((l) => /^\s+pains:\s*$/.test(l));
    if (i >= 0) lines.splice(i + 1, 0, `${/^\s*/.exec(lines[i])![0]}  - a new pain, number ${Math.floor(rnd() * 1000)}`);
  } else if (op === 2) {
    const i = pick((l) => /^\s+(- )?name: /.test(l));
    if (i >= 0) lines[i] = lines[i].replace(/name: .*/, `name: Renamed ${Math.floor(rnd() * 1000)}`);
  } else if (op === 3) {
    const i = pick((l) => l.trim() !== '');
    if (i >= 0) lines.splice(i, 1);
  } else if (op === 4) {
    const i = pick((l) => /^\s+- /.test(l));
    if (i >= 0) lines.splice(i, 0, lines[i]);
  } else if (op === 5) {
    const i = pick(() => true);
    if (i >= 0 && i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
  } else {
    // A whole step moved to another stage.
    const starts = lines.map((l, i) => (/^\s{6}- (id|name): /.test(l) ? i : -1)).filter((i) => i >= 0);
    if (starts.length > 2) {
      const k = Math.floor(rnd() * (starts.length - 1));
      const block = lines.splice(starts[k], starts[k + 1] - starts[k]);
      const to = starts[Math.floor(rnd() * starts.length)];
      lines.splice(Math.min(to, lines.length), 0, ...block);
    }
  }
  return lines.join('\n');
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('the examples edited at random, commit after commit: the change log equals the full diff at every commit', () => {
  const repo = newRepo();
  const maps = ['online-shop.cjm', 'bank-omnichannel-ru.cjm', 'sklep-internetowy-pl.cjm', 'service-blueprint.cjm'];
  const texts = maps.map((m) => readFileSync(example(m), 'utf8'));
  const rnd = seeded(17);
  // One fast-import for every commit: each commit edits every map once or twice.
  let stream = '';
  for (let c = 0; c < 12; c++) {
    const subject = `Edit ${c + 1}`;
    stream += `commit refs/heads/main\nauthor Anna <anna@example.com> ${1772352000 + c * 86400} +0100\ncommitter Anna <anna@example.com> ${1772352000 + c * 86400} +0100\ndata ${Buffer.byteLength(subject)}\n${subject}\n`;
    texts.forEach((t, i) => {
      let next = edit(t, rnd);
      if (rnd() < 0.5) next = edit(next, rnd);
      texts[i] = next;
      stream += `M 100644 inline ${maps[i]}\ndata ${Buffer.byteLength(next)}\n${next}\n`;
    });
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: stream });
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: repo.dir });
  // Two maps edited and not committed: the walk then starts from a text no version holds.
  for (const i of [0, 1]) writeFileSync(join(repo.dir, maps[i]), edit(texts[i], rnd));
  assert.equal(walk(repo.dir, maps), 48);
});

test('random edit chains through one incremental analyzer: diffChanges equals diffMaps', () => {
  const base = readFileSync(example('online-shop.cjm'), 'utf8');
  fc.assert(
    fc.property(fc.integer(), fc.integer({ min: 2, max: 6 }), (seed, n) => {
      const rnd = seeded(seed);
      const inc = new IncrementalAnalyzer();
      let before = inc.analyze(base);
      let text = base;
      for (let i = 0; i < n; i++) {
        text = edit(text, rnd);
        const after = inc.analyze(text);
        const full = diffMapsExhaustive(before, after);
        assert.deepEqual(diffChanges(before, after), { identical: full.identical, formattingOnly: full.formattingOnly, changes: full.changes });
        before = after;
      }
    }),
    { numRuns: 30 },
  );
});

test('sameContent: equal but for spans, and nothing else', () => {
  const text = readFileSync(example('online-shop.cjm'), 'utf8');
  const a = analyze(text);
  // The same map one line lower: every span moved, nothing else.
  const moved = analyze(`# a comment\n${text}`);
  a.map.stages.forEach((s, i) => assert.ok(sameContent(s, moved.map.stages[i]), `stage ${i}`));
  const step = a.map.stages[0].steps[0];
  assert.ok(!sameContent(step, a.map.stages[0].steps[1]));
  assert.ok(!sameContent(step, { ...step, pains: [...step.pains, { value: 'new', span: { start: 0, end: 3 } }] }));
  assert.ok(!sameContent(step, { ...step, action: step.action && { ...step.action, value: `${step.action.value}!` } }));
  // A key written or not is a difference even when the value reads as nothing.
  assert.ok(!sameContent(step, { ...step, keys: new Map([...step.keys, ['notes', { start: 0, end: 0 }]]) }));
  const { span: _span, ...noSpan } = step;
  assert.ok(!sameContent(step, { ...noSpan, other: { start: 1, end: 2 } }), 'a key in place of `span` is not a span');
  assert.ok(sameContent(a.map.stages[0], { ...a.map.stages[0], steps: [] }, 'steps'));
  assert.ok(!sameContent(a.map.stages[0], { ...a.map.stages[0], steps: [] }));
});
