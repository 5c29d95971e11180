/**
 * mapWithLibraryPersonas: the personas a map takes from its libraries join its own for
 * drawing (persona cards, curves, legends), named as the library names them. Material:
 * examples/library, a Russian current/future pair sharing a library.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, analyzeWithImports, mapWithLibraryPersonas } from '@cjm/core';
import { renderStandaloneHtml } from '@cjm/render';
import { example } from '../helpers';

const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};
const root = example('library');
const linked = (name: string) => analyzeWithImports(readFileSync(example('library', name), 'utf8'), example('library', name), { read, root });

test('a map gets the library personas it names, after its own, with the library\'s names and details; not the ones it does not name', () => {
  const current = linked('current.cjm');
  assert.deepEqual(current.map.personas, [], 'current.cjm declares no persona of its own');
  assert.deepEqual(mapWithLibraryPersonas(current).personas.map((p) => p.name?.value), ['Ольга, 58 лет, бухгалтер на пенсии', 'Игорь, 27 лет, разработчик']);
  const onlyOlga = analyzeWithImports('cjm: 1\ntitle: Только Ольга\nuse: [./bank-library.cjm]\npersona: ольга\nstages:\n  - name: Выбор\n    steps:\n      - action: Сравнивает\n', example('library', 'olga.cjm'), { read, root });
  assert.deepEqual(mapWithLibraryPersonas(onlyOlga).personas.map((p) => p.id?.value), ['ольга'], 'a persona the map does not name gets no card');
  const future = mapWithLibraryPersonas(linked('future.cjm'));
  assert.deepEqual(future.personas.map((p) => p.id?.value), ['ольга', 'игорь']);
  assert.equal(future.personas[1].quote?.value, 'Если нельзя сделать в приложении, значит, это не нужно.');
});

test('a persona the map declares itself wins over the library\'s, and a map without libraries is returned as it is', () => {
  const path = example('library', 'own.cjm');
  const text = 'cjm: 1\ntitle: Своя Ольга\nuse: [./bank-library.cjm]\npersona: ольга\npersonas:\n  - id: ольга\n    name: Ольга из этой карты\nstages:\n  - name: Выбор\n    steps:\n      - action: Сравнивает\n        persona: игорь\n';
  const a = analyzeWithImports(text, path, { read, root });
  assert.deepEqual(mapWithLibraryPersonas(a).personas.map((p) => p.name?.value), ['Ольга из этой карты', 'Игорь, 27 лет, разработчик']);
  const alone = analyze('cjm: 1\ntitle: T\nstages: []\n');
  assert.equal(mapWithLibraryPersonas(alone), alone.map);
});

test('atReference puts a library persona\'s spans on the place the map names it, so a preview click stays in the map', () => {
  const a = linked('future.cjm');
  const [, igor] = mapWithLibraryPersonas(a, { atReference: true }).personas;
  const first = a.text.indexOf('persona: игорь') + 'persona: '.length;
  assert.equal(a.text.slice(igor.span.start, igor.span.end), 'игорь');
  assert.equal(igor.span.start, first);
  assert.equal(igor.name?.span.start, first);
  assert.ok(igor.goals.every((g) => g.span.start === first));
  // Without it the spans stay the library's, for whoever reads the library.
  const [, fromLibrary] = mapWithLibraryPersonas(a).personas;
  const lib = readFileSync(example('library', 'bank-library.cjm'), 'utf8');
  assert.equal(lib.slice(fromLibrary.name!.span.start, fromLibrary.name!.span.end), 'Игорь, 27 лет, разработчик');
});

test('the persona cards of an export show the library personas in the map\'s language', () => {
  const html = renderStandaloneHtml(mapWithLibraryPersonas(linked('future.cjm')), { locale: 'ru', language: 'ru', css: '' });
  assert.match(html, /cjm-persona-name[^]*Ольга, 58 лет[^]*cjm-persona-name[^]*Игорь, 27 лет/);
  assert.match(html, /Когда приложение отправляет «подойти в отделение»/);
});
