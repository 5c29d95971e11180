/** The semantic diff and the PR chart on maps with one emotion per persona, and the new fields. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, diffMaps, emotionCurveBlock, formatPrComment, diffReport } from '@cjm/core';
import { fixture } from '../helpers';

const before = readFileSync(fixture('personas', 'two-personas.cjm'), 'utf8');
const after = before
  .replace('maria: anxious', 'maria: satisfied')
  .replace('{maria: frustrated}', '{maria: frustrated, tom: calm}')
  .replace('        channel: web\n        emotion:\n', '        channel: [web]\n        touchpoint: [Booking form, Confirmation e-mail]\n        emotion:\n');

test('an emotion change is reported per persona: "Booking › Books a table: Maria: emotion anxious → satisfied"', () => {
  const d = diffMaps(analyze(before), analyze(after), { locale: 'en' });
  const emotions = d.changes.filter((c) => c.field === 'emotion');
  assert.deepEqual(emotions.map((c) => [c.kind, c.persona, c.path.map((p) => p.name).join(' › '), c.message]), [
    ['emotion-rose', 'maria', 'Booking › Books a table', 'Maria: emotion 😟 anxious −2 → 🙂 satisfied +1'],
    ['emotion-added', 'tom', 'Booking › Pays the deposit', 'Tom: emotion 🧘 calm +1'],
  ]);
  const ru = diffMaps(analyze(before), analyze(after), { locale: 'ru' });
  assert.match(ru.changes.find((c) => c.persona === 'maria')!.message, /^Maria: эмоция /);
});

test('a single emotion on one side stands for every persona of the other', () => {
  const single = before.replace('{maria: curious, tom: happy}', 'curious');
  const d = diffMaps(analyze(single), analyze(before), { locale: 'en' });
  const finds = d.changes.filter((c) => c.field === 'emotion' && c.path.some((p) => p.name === 'Finds the restaurant'));
  assert.deepEqual(finds.map((c) => [c.persona, c.kind]), [['tom', 'emotion-rose']]);
});

test('several touchpoints and channels are compared as lists', () => {
  const d = diffMaps(analyze(before), analyze(after), { locale: 'en' });
  const tp = d.changes.find((c) => c.field === 'touchpoint');
  assert.ok(tp, d.changes.map((c) => c.field).join());
  assert.deepEqual(tp.after, ['Booking form', 'Confirmation e-mail']);
  assert.ok(!d.changes.some((c) => c.field === 'channel'), '`channel: web` and `channel: [web]` say the same');
});

test('stage statistics and the PR chart have one series per persona', () => {
  const d = diffMaps(analyze(before), analyze(after), { locale: 'en' });
  const booking = d.emotions.stages.find((s) => s.stage.name === 'Booking')!;
  assert.deepEqual(booking.personas!.map((p) => [p.persona, p.name, p.before?.mean, p.after?.mean]), [['maria', 'Maria', -2, -0.5], ['tom', 'Tom', 1, 1]]);
  const file = { path: 'booking.cjm', status: 'modified' as const, diff: d };
  const chart = emotionCurveBlock(file, 'en');
  assert.ok(chart && 'mermaid' in chart);
  const lines = chart.mermaid.split('\n').filter((l) => l.trim().startsWith('line ['));
  assert.equal(lines.length, 4, 'before and after for each of two personas');
  assert.match(chart.mermaid, /plotColorPalette: "#a6cde6, #0072b2, #f2c3a0, #d55e00"/);
  const comment = formatPrComment(diffReport([file]), { locale: 'pl' });
  assert.match(comment, /Krzywa emocji dla każdej persony: Maria — niebieski, Tom — pomarańczowy/);
});

test('the lowest moment names the persona whose moment it is', () => {
  const d = diffMaps(analyze(before), analyze(after), { locale: 'en' });
  assert.equal(d.emotions.lowest.after?.persona, 'maria');
  assert.equal(d.emotions.lowest.after?.path.map((p) => p.name).join(' › '), 'Booking › Pays the deposit');
});

test('KPI history, a due date and an experiment result are changes a reviewer sees', () => {
  const base = `cjm: 1
title: t
kpis:
  - name: NPS
    history:
      - {date: 2025-01, value: "20"}
stages:
  - id: purchase
    steps:
      - name: Pays
        emotion: anxious
        opportunities:
          - text: Guest checkout
            due: 2025-09-30
            experiment:
              hypothesis: Guests convert better
`;
  const next = base.replace('value: "20"}', 'value: "20"}\n      - {date: 2025-02, value: "26"}').replace('2025-09-30', '2025-10-31').replace('Guests convert better\n', 'Guests convert better\n              result: "+4 points"\n');
  const d = diffMaps(analyze(base), analyze(next), { locale: 'en' });
  const fields = d.changes.map((c) => `${c.kind}:${c.field}`);
  assert.ok(fields.includes('kpi-changed:history'), fields.join());
  assert.ok(fields.includes('opportunity-changed:due'), fields.join());
  assert.ok(fields.includes('opportunity-changed:experiment.result'), fields.join());
});
