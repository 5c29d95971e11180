/** Insight views computed in the core: lowest moments (whole map and per persona), pains without opportunities, evidence, impact × effort, workload. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, computeInsights, evidenceCoverage, insightPersonas, lowestMoments, matrixCell, ownersWorkload, painsWithoutOpportunities, placedOpportunities, stepLabel } from '@cjm/core';
import { analyzeFile, fixture } from '../helpers';

const clinic = analyzeFile(fixture('insights', 'clinic-ru.cjm')).map;
const stepName = (m: { stage: number; step: number }) => stepLabel(clinic.stages[m.stage].steps[m.step], m.step);

test('lowest moments: the negative steps, lowest first, equal scores in journey order', () => {
  const low = lowestMoments(clinic);
  assert.deepEqual(low.map(stepName), ['Звонит в колл-центр', 'Заполняет форму на сайте', 'Ждёт у кабинета']);
  assert.deepEqual(low.map((m) => m.score), [-2, -2, -1]);
  assert.equal(lowestMoments(clinic, { lowest: 1 }).length, 1);
});

test('lowest moments per persona: a step named for one persona is not on the other\'s curve; unnamed steps belong to the default persona', () => {
  assert.deepEqual(insightPersonas(clinic), ['марина', 'пётр']);
  assert.deepEqual(lowestMoments(clinic, { persona: 'пётр' }).map(stepName), ['Звонит в колл-центр']);
  assert.deepEqual(lowestMoments(clinic, { persona: 'марина' }).map(stepName), ['Заполняет форму на сайте', 'Ждёт у кабинета']);
  assert.deepEqual(lowestMoments(clinic, { persona: 'nobody' }), []);
});

test('a journey with no low point still names its lowest step; a map with one persona has no per-persona views', () => {
  const happy = analyze('cjm: 1\ntitle: t\npersonas: [{id: a}]\nstages:\n  - id: s\n    steps:\n      - name: one\n        emotion: happy\n      - name: two\n        emotion: calm\n').map;
  assert.deepEqual(lowestMoments(happy).map((m) => m.step), [1]);
  assert.deepEqual(insightPersonas(happy), []);
  assert.deepEqual(lowestMoments(analyze('cjm: 1\ntitle: t\nstages: []\n').map), []);
});

test('pains without opportunities: a backlog opportunity pointing at the step by id counts; one in the step counts', () => {
  const pains = painsWithoutOpportunities(clinic);
  assert.deepEqual(pains.map((p) => p.pain.value), ['Приём задерживается на полчаса']);
  assert.equal(pains[0].stage, 2);
});

test('evidence coverage per stage: steps and their pains with and without evidence', () => {
  assert.deepEqual(evidenceCoverage(clinic).map(({ stepsWith, stepsWithout, painsWith, painsWithout }) => [stepsWith, stepsWithout, painsWith, painsWithout]), [
    [1, 0, 0, 0],
    [1, 2, 1, 2],
    [0, 1, 0, 1],
  ]);
});

test('impact × effort: levels written in Russian land in their cells; unrated and closed ones are still in the matrix', () => {
  const placed = placedOpportunities(clinic);
  const texts = (impact?: 'low' | 'medium' | 'high', effort?: 'low' | 'medium' | 'high') => matrixCell(placed, impact, effort).map((p) => p.opportunity.text!.value);
  assert.deepEqual(texts('high', 'low'), ['Показывать ближайшее свободное время на главной']);
  assert.deepEqual(texts('high', 'medium'), ['Обратный звонок вместо ожидания на линии']);
  assert.deepEqual(texts('medium', 'low'), ['Отправлять SMS с подтверждением']);
  assert.deepEqual(texts(undefined, undefined), ['Переписать тексты на сайте']);
  assert.equal(placed.find((p) => p.opportunity.text!.value.startsWith('Обратный'))!.step, 0, 'placed at the step its `step:` names');
  assert.equal(placed.filter((p) => !p.open).length, 1, '`сделано` is closed');
});

test('owners\' workload: open opportunities, steps, stages and KPIs per team; open opportunities without an owner are counted', () => {
  const { workload, unowned } = ownersWorkload(clinic);
  assert.deepEqual(workload, [
    { owner: 'digital', name: 'Цифровой отдел', opportunities: 1, steps: 1, stages: 1, kpis: 1 },
    { owner: 'callcenter', name: 'Колл-центр', opportunities: 0, steps: 1, stages: 0, kpis: 0 },
  ]);
  assert.equal(unowned, 2);
  const all = computeInsights(clinic);
  assert.equal(all.unownedOpportunities, 2);
  assert.equal(all.persona, undefined);
  assert.equal(computeInsights(clinic, { persona: 'пётр' }).persona, 'пётр');
});
