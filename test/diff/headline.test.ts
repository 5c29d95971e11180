/**
 * The headline and the lowest moment say what happened where: every emotion figure names its
 * own stage, a mean that moved only because steps came or went says so, and a tie for the
 * lowest moment is not reported as a move.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze, diffMaps, lowestLine } from '@cjm/core';
import { fixture } from '../helpers';

function diff(name: string, locale?: 'en' | 'ru' | 'pl') {
  const read = (side: string) => analyze(readFileSync(fixture('headline', name, `${side}.cjm`), 'utf8'));
  return diffMaps(read('before'), read('after'), locale ? { locale } : undefined);
}

test('a step moved out of a stage: its mean is named with its stage and said to move because steps came or went', () => {
  const d = diff('step-moved-out');
  assert.deepEqual(d.changes.map((c) => c.kind), ['step-moved']);
  const h = d.summary.headline;
  assert.match(h, /^Retention: 1 step moved/, h);
  assert.match(h, /Delivery mean \+0\.5 → −2 because steps came or went/, h);
  assert.doesNotMatch(h, /(^|, )emotion [−+]?\d/, `no unnamed emotion figure: ${h}`);
  const ru = diff('step-moved-out', 'ru').summary.headline;
  assert.match(ru, /Delivery: среднее \+0,5 → −2 — шаги добавились или ушли/, ru);
});

test('a tie for the lowest moment keeps the step that was lowest: no "X −3 → Y −3"', () => {
  const d = diff('lowest-tie');
  assert.equal(d.emotions.lowest.before?.path[1].name, 'Waits on hold');
  assert.equal(d.emotions.lowest.after?.path[1].name, 'Waits on hold');
  assert.equal(lowestLine(d), undefined);
});
