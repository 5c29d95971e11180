/**
 * The full-map picture: snapshots of the SVG (light and dark) for an English and a Russian
 * map, regenerated with UPDATE_SNAPSHOTS=1 after a deliberate change and looked at as PNG;
 * the parts the HTML export shows; lanes for a slide; no word cut off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '@cjm/core';
import { buildView, chooseLanes, renderSvg, wrapText } from '@cjm/render';
import { fixture, matchesSnapshot } from '../helpers';

const snapshot = (name: string, actual: string) => matchesSnapshot(fixture('render', 'snapshots', name), actual);

const shop = analyze(readFileSync(fixture('render', 'shop.cjm'), 'utf8'));
const clinic = analyze(readFileSync(fixture('insights', 'clinic-ru.cjm'), 'utf8'));
/** Text content of an SVG: tspans joined with spaces, entities decoded. */
const textOf = (svg: string) => svg.replace(/<title>[^<]*<\/title>|<style>[^<]*<\/style>/g, '').replace(/<\/tspan>/g, ' ').replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

for (const theme of ['light', 'dark'] as const) {
  test(`full-map SVG snapshot, English, ${theme}`, () => snapshot(`shop-${theme}.svg`, renderSvg(shop.map, { locale: 'en', theme })));
  test(`full-map SVG snapshot, Russian, ${theme}`, () => snapshot(`clinic-ru-${theme}.svg`, renderSvg(clinic.map, { locale: 'ru', language: 'ru', theme })));
}

test('the dark picture has a dark background and light text; the light one the opposite', () => {
  const dark = renderSvg(shop.map, { locale: 'en', theme: 'dark' });
  const light = renderSvg(shop.map, { locale: 'en' });
  assert.match(dark, /<rect x="0" y="0" width="\d+" height="\d+" fill="#0d1117"\/>/);
  assert.match(dark, /text\{[^}]*fill:#e6edf3/);
  assert.match(light, /<rect x="0" y="0" width="\d+" height="\d+" fill="#ffffff"\/>/);
});

test('every word of the Russian map is in the picture, in the order of the HTML: persona cards, stage details, grid, lists', () => {
  // Headings are set in capitals: compare case-insensitively.
  const svg = textOf(renderSvg(clinic.map, { locale: 'ru', language: 'ru' })).toLowerCase();
  for (const words of [
    'Марина, 41 год, менеджер', 'Мне нужно попасть к врачу до работы.', 'Привык звонить, приложением пользуется с помощью внучки.',
    '◎ Найти клинику рядом с домом', '» Понятные цены на сайте', 'Реклама в картах даёт половину новых пациентов',
    'Ответственный: Цифровой отдел', 'Возможности этапа', 'Показывать ближайшее свободное время на главной', 'KPI этапа', 'Метка UTM в ссылке',
    'Проверить на 10 % записей', 'Правила клиники', 'Что требует регламент', 'Команды', 'digital@zdorovye.example', 'Принимает звонки с 8 до 20',
    'Анкета после приёма, по SMS', 'Форма записи и расписание врачей', 'Считается по CRM раз в месяц', 'Карта обновлена после опроса весны 2025 года.',
  ]) assert.ok(svg.includes(words.toLowerCase()), words);
  const order = ['Марина, 41 год', 'Найти клинику', 'Ищет клинику в картах', 'KPI пути', 'Каналы', 'Исследования', 'Команды', 'Заметки'].map((w) => svg.indexOf(w.toLowerCase()));
  assert.deepEqual([...order].sort((a, b) => a - b), order, `order: ${order.join(', ')}`);
  assert.deepEqual(svg.replace(/digital@zdorovye\.example|crm|sms|utm|kpi/g, '').match(/[a-z]{3,}/g), null, 'no English word reaches a Russian reader');
});

test('wrapping never drops a word: long Polish and Russian words fill lines and go on', () => {
  const text = 'Zażółć gęślą jaźń — Широкошумные дубравы шелестят; przeciwdziałający najwspanialszemu';
  for (const width of [60, 120, 192]) {
    const lines = wrapText(text, width);
    assert.equal(lines.join('').replace(/\s+/g, ''), text.replace(/\s+/g, ''), `width ${width}`);
  }
});

test('--lanes: a slide with only the lanes asked for, in that order; no persona cards or lists', () => {
  const svg = renderSvg(shop.map, { locale: 'en', lanes: ['pains', 'emotions', 'actions'] });
  const lanes = [...svg.matchAll(/<text class="lane"[^>]*><tspan[^>]*>([^<]*)</g)].map((m) => m[1]);
  assert.deepEqual(lanes, ['STAGES', 'STEPS', 'PAINS', 'EMOTIONS', 'ACTIONS']);
  assert.doesNotMatch(svg, /Improvement backlog|Research sources/i);
  assert.match(svg, /class="emotion-marker"/);
  const { unknown, view } = chooseLanes(buildView(shop.map, 'en'), ['actions', 'feelings', 'lane:nope']);
  assert.deepEqual(unknown, ['feelings', 'lane:nope']);
  assert.deepEqual(view.lanes.map((l) => l.key), ['actions']);
});
