/** Several personas on one map: an emotion per persona, and the fields the source material uses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, emotionSeries, splitsByPersona, lowestPoint, personaShortName, diagnosticMessage } from '@cjm/core';
import { join } from 'node:path';
import { ROOT, example, fixture, offsetOf, where } from '../helpers';

const twoText = readFileSync(fixture('personas', 'two-personas.cjm'), 'utf8');
const two = analyze(twoText);
const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test('a per-persona emotion is read with a range for every key and value, flow and block alike', () => {
  assert.deepEqual(two.diagnostics.map((d) => `${where(two, d)} ${d.code}`), []);
  const [finds, books, pays] = two.map.stages.flatMap((s) => s.steps);
  assert.equal(finds.emotion, undefined, 'a per-persona emotion is not a single one');
  assert.deepEqual(finds.personaEmotions.map((pe) => [pe.persona.id, pe.emotion.info?.id, pe.emotion.score]), [['maria', 'curious', 1], ['tom', 'happy', 2]]);
  assert.equal(slice(twoText, books.personaEmotions[1].persona.span), 'tom');
  assert.equal(books.personaEmotions[1].persona.span.start, offsetOf(twoText, 'tom: calm'));
  assert.equal(slice(twoText, books.personaEmotions[1].emotion.span), 'calm');
  assert.deepEqual(pays.personaEmotions.map((pe) => pe.persona.id), ['maria']);
});

test('persona keys are references: find references and rename see them', () => {
  const refs = two.symbols.references.filter((r) => r.kind === 'persona' && r.id === 'tom');
  assert.equal(refs.length, 2);
  for (const r of refs) assert.equal(slice(twoText, r.span), 'tom');
  assert.ok(!two.diagnostics.some((d) => d.code === 'unused-declaration'));
});

test('an unknown persona key is an undeclared reference with the nearest declared persona as the fix', () => {
  const text = twoText.replace('maria: anxious', 'mario: anxious');
  const a = analyze(text);
  const d = a.diagnostics.find((x) => x.code === 'undeclared-reference');
  assert.ok(d, a.diagnostics.map((x) => x.code).join());
  assert.equal(slice(text, d.span), 'mario');
  assert.match(diagnosticMessage(d, 'en'), /maria/);
  assert.equal(d.fixes![0].edits[0].newText, 'maria');
  assert.match(diagnosticMessage(d, 'ru'), /персон/);
});

test('a per-persona emotion reads values in any language and reports the ones it does not know', () => {
  const text = twoText.replace('tom: calm', 'tom: спокойствие').replace('maria: anxious', 'maria: anxous');
  const a = analyze(text);
  const books = a.map.stages[1].steps[0];
  assert.equal(books.personaEmotions[1].emotion.info?.id, 'calm');
  const bad = a.diagnostics.find((d) => d.code === 'unknown-emotion');
  assert.ok(bad);
  assert.equal(slice(text, bad.span), 'anxous');
  assert.equal(bad.fixes![0].edits[0].newText, 'anxious');
});

test('a persona named twice in one emotion is a duplicate; an empty one is reported', () => {
  const a = analyze(twoText.replace('{maria: frustrated}', '{maria: frustrated, maria: happy, tom: }'));
  const codes = a.diagnostics.map((d) => d.code).sort();
  assert.deepEqual(codes, ['duplicate-key', 'empty-value']);
  assert.equal(a.map.stages[1].steps[1].personaEmotions.length, 1);
});

test('one curve per persona, in declaration order; a one-persona map keeps its one curve', () => {
  const series = emotionSeries(two.map);
  assert.deepEqual(series.map((s) => [s.persona, s.name, s.points.map((p) => p.emotion.score)]), [
    ['maria', 'Maria', [1, -2, -2]],
    ['tom', 'Tom', [2, 1]],
  ]);
  assert.ok(splitsByPersona(two.map));
  assert.equal(lowestPoint(series[0])!.step.id?.value, 'books', 'the first of two equally low moments');
  const one = analyze(readFileSync(example('online-shop.cjm'), 'utf8'));
  const single = emotionSeries(one.map);
  assert.equal(single.length, 1);
  assert.equal(single[0].persona, undefined);
  assert.equal(single[0].points.length, one.map.stages.flatMap((s) => s.steps).filter((s) => s.emotion).length);
});

test('single emotions split by the step\'s persona when steps belong to different personas', () => {
  const text = `cjm: 1
title: t
persona: anna
personas:
  - id: anna
  - id: piotr
stages:
  - id: awareness
    steps:
      - name: a
        emotion: happy
      - name: b
        persona: piotr
        emotion: sad
      - name: c
        persona: [anna, piotr]
        emotion: calm
`;
  const series = emotionSeries(analyze(text).map);
  assert.deepEqual(series.map((s) => [s.persona, s.points.map((p) => p.step.name?.value)]), [['anna', ['a', 'c']], ['piotr', ['b', 'c']]]);
  assert.equal(personaShortName(undefined, 'x'), 'x');
});

test('the JSON Schema accepts both emotion forms', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'cjm.schema.json'), 'utf8'));
  assert.ok(schema.definitions.emotion.anyOf.some((x: { type?: string }) => x.type === 'object'));
  assert.ok(schema.definitions.experiment && schema.definitions.measurement);
});

const fieldsText = `cjm: 1
title: Fields
personas:
  - id: anna
    motivation: Wants the weekend free
    expectations: [On time, No surprises]
channels:
  - id: app
    kpis:
      - name: Conversion
        current: "3%"
  - id: web
kpis:
  - name: NPS
    baseline: "20"
    current: "31"
    history:
      - {date: 2025-01-15, value: "20"}
      - date: 2025-02
        value: "26"
stages:
  - id: purchase
    steps:
      - name: Pays
        touchpoint: [Cart, Payment page]
        channel: [app, web]
        emotion: anxious
        opportunities:
          - text: Guest checkout
            due: 2025-09-30
            experiment:
              hypothesis: Guests convert better
              metric: Conversion
              result: "+4 points"
`;

test('persona motivation and expectations, channel KPIs, KPI baseline and history are read', () => {
  const a = analyze(fieldsText);
  assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${diagnosticMessage(d, 'en')}`), []);
  const p = a.map.personas[0];
  assert.deepEqual(p.motivation.map((t) => t.value), ['Wants the weekend free']);
  assert.deepEqual(p.expectations.map((t) => t.value), ['On time', 'No surprises']);
  assert.equal(a.map.channels[0].kpis[0].name?.value, 'Conversion');
  const nps = a.map.kpis[0];
  assert.equal(nps.baseline?.value, '20');
  assert.deepEqual(nps.history.map((h) => [h.date?.value, h.value?.value]), [['2025-01-15', '20'], ['2025-02', '26']]);
  assert.equal(slice(fieldsText, nps.history[1].date!.span), '2025-02');
});

test('a step lists several touchpoints and channels; the single form still works', () => {
  const a = analyze(fieldsText);
  const s = a.map.stages[0].steps[0];
  assert.deepEqual(s.touchpoints.map((t) => t.value), ['Cart', 'Payment page']);
  assert.equal(s.touchpoint?.value, 'Cart');
  assert.deepEqual(s.channels.map((c) => c.id), ['app', 'web']);
  assert.equal(s.channel?.id, 'app');
  assert.equal(a.symbols.references.filter((r) => r.kind === 'channel').length, 2);
  const one = analyze(fieldsText.replace('[Cart, Payment page]', 'Cart').replace('[app, web]', 'app'));
  const s1 = one.map.stages[0].steps[0];
  assert.deepEqual([s1.touchpoints.length, s1.touchpoint?.value, s1.channels.length, s1.channel?.id], [1, 'Cart', 1, 'app']);
  assert.ok(one.diagnostics.some((d) => d.code === 'unused-declaration' && slice(fieldsText.replace('[Cart, Payment page]', 'Cart').replace('[app, web]', 'app'), d.span) === 'web'));
});

test('an opportunity has a due date and an experiment', () => {
  const a = analyze(fieldsText);
  const o = a.map.stages[0].steps[0].opportunities[0];
  assert.equal(o.due?.value, '2025-09-30');
  assert.deepEqual([o.experiment?.hypothesis?.value, o.experiment?.metric?.value, o.experiment?.result?.value], ['Guests convert better', 'Conversion', '+4 points']);
});

test('dates are validated: a day that does not exist, another format with a fix, an experiment without hypothesis', () => {
  for (const [bad, fixed] of [['2025-02-30', undefined], ['30.09.2025', '2025-09-30'], ['2025/9/3', '2025-09-03'], ['next spring', undefined]] as const) {
    const text = fieldsText.replace('due: 2025-09-30', `due: ${bad}`);
    const a = analyze(text);
    const d = a.diagnostics.find((x) => x.code === 'invalid-value');
    assert.ok(d, bad);
    assert.equal(slice(text, d.span), bad);
    assert.match(diagnosticMessage(d, 'ru'), /дат/);
    assert.equal(d.fixes![0]?.edits[0].newText, fixed, bad);
  }
  const noHyp = analyze(fieldsText.replace('              hypothesis: Guests convert better\n', ''));
  assert.ok(noHyp.diagnostics.some((d) => d.code === 'missing-field' && /hypothesis/.test(diagnosticMessage(d, 'en'))));
  const badHist = analyze(fieldsText.replace('date: 2025-02\n', 'date: 2025-13\n'));
  assert.ok(badHist.diagnostics.some((d) => d.code === 'invalid-value'));
});

test('the Russian multi-persona example draws two curves in Russian', () => {
  const a = analyze(readFileSync(example('dostavka-produktov-ru.cjm'), 'utf8'));
  assert.deepEqual(a.diagnostics.map((d) => `${where(a, d)} ${d.code} ${diagnosticMessage(d, 'en')}`), []);
  const series = emotionSeries(a.map);
  assert.deepEqual(series.map((s) => s.name), ['Мария', 'Тимур']);
  for (const s of series) assert.ok(s.points.length >= 8);
  assert.ok(series[0].points.some((p) => p.emotion.raw === 'тревога'));
});
