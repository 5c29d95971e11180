/**
 * The PR comment's emotion chart, drawn by the pinned Mermaid in headless Chromium: every
 * kind of chart the comment emits (stage names on the axis, numbered stages with a legend,
 * a chart widened for many stages, a new map's one-sided chart) for 3, 8, 15 and 40 stages
 * in English and Russian, and Polish. The x-axis labels' text boxes (getBBox of the
 * rendered <text> elements) must not overlap, and every label must be drawn.
 *
 * Skipped when Chromium is not installed (apt-get install chromium).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FileDiff, Locale, analyze, diffMaps, diffReport, formatPrComment } from '@cjm/core';
import { ROOT } from '../helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`;

const NAMES: Record<'en' | 'ru' | 'pl', string[]> = {
  en: ['Awareness', 'Consideration', 'Decision', 'Purchase', 'Onboarding', 'Everyday use', 'Support call', 'Retention', 'Loyalty', 'Advocacy', 'Renewal', 'Upgrade to premium', 'Referral', 'Feedback survey', 'Churn risk'],
  ru: ['Осведомленность', 'Рассмотрение', 'Решение', 'Покупка', 'Оформление заказа', 'Получение карты', 'Активация', 'Использование', 'Обслуживание', 'Удержание', 'Лояльность', 'Рекомендация', 'Продление договора', 'Жалоба в поддержку', 'Возврат средств'],
  pl: ['Świadomość', 'Rozważanie', 'Decyzja', 'Zakup', 'Korzystanie', 'Obsługa posprzedażowa', 'Lojalność', 'Polecanie'],
};

function map(lang: string, names: string[], n: number, shift: number): string {
  const stages = Array.from({ length: n }, (_, i) => {
    const name = names[i % names.length] + (i >= names.length ? ` ${Math.floor(i / names.length) + 1}` : '');
    return `  - id: s${i}\n    name: ${JSON.stringify(name)}\n    steps:\n      - name: Step ${i}\n        emotion: ${((i * 2 + shift) % 7) - 3}\n`;
  });
  return `cjm: 1\ntitle: Journey\nlanguage: ${lang}\nstages:\n${stages.join('')}`;
}

/** Every chart a comment about these maps carries, with what it is. */
function charts(): Array<{ what: string; text: string; numbered: boolean }> {
  const out: Array<{ what: string; text: string; numbered: boolean }> = [];
  for (const lang of ['en', 'ru', 'pl'] as const) {
    const counts = lang === 'pl' ? [3, 8] : [3, 8, 15, 40];
    for (const n of counts) {
      const files: FileDiff[] = [
        { path: `${lang}-${n}.cjm`, status: 'modified', diff: diffMaps(analyze(map(lang, NAMES[lang], n, 0)), analyze(map(lang, NAMES[lang], n, 3)), { locale: lang as Locale }) },
        { path: `new-${lang}-${n}.cjm`, status: 'added', diff: diffMaps(null, analyze(map(lang, NAMES[lang], n, 1)), { locale: lang as Locale }) },
      ];
      for (const f of files) {
        const body = formatPrComment(diffReport([f]), { locale: lang as Locale, maxChars: 10_000_000 });
        const m = /````mermaid\n([\s\S]*?)\n````/.exec(body);
        assert.ok(m, `${f.path}: a chart`);
        const numbered = /x-axis \["1", "2"/.test(m[1]);
        if (numbered) assert.match(body, new RegExp(`^\\| ${n} \\| `, 'm'), `${f.path}: the legend names stage ${n}`);
        out.push({ what: `${f.path} (${n} stages)`, text: m[1], numbered });
      }
    }
  }
  return out;
}

type Page = import('playwright-core').Page;
type Browser = import('playwright-core').Browser;
let browser: Browser | undefined;
let page: Page;
let dir: string;

before(async () => {
  if (skip) return;
  const { chromium } = await import('playwright-core');
  dir = mkdtempSync(join(tmpdir(), 'cjm-chart-'));
  writeFileSync(join(dir, 'page.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="out"></div>
<script src="file://${join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js')}"></script>
<script>mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });</script></body></html>`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  await page.goto('file://' + join(dir, 'page.html'));
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the pinned Mermaid is 11.17.2', () => {
  assert.equal((JSON.parse(readFileSync(join(ROOT, 'node_modules/mermaid/package.json'), 'utf8')) as { version: string }).version, '11.17.2');
});

test('every emotion chart the comment emits draws every x-axis label, none overlapping, in en, ru and pl', { skip }, async () => {
  const all = charts();
  assert.ok(all.some((c) => !c.numbered) && all.some((c) => c.numbered), 'both kinds of axis are exercised');
  assert.ok(all.some((c) => /width: \d+/.test(c.text)), 'a widened chart is exercised');
  for (const c of all) {
    const r = await page.evaluate(async (text) => {
      const m = (window as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
      const out = document.getElementById('out')!;
      out.innerHTML = (await m.render('chart', text)).svg;
      const labels = [...out.querySelectorAll('g.bottom-axis g.label text')] as SVGTextElement[];
      return labels.map((l) => {
        // The box in the label's own coordinates, moved to the chart's by its translate.
        const b = l.getBBox();
        const m = l.getCTM()!;
        return { text: l.textContent ?? '', x: b.x * m.a + m.e, width: b.width * m.a };
      });
    }, c.text);
    const expected = /x-axis \[(.*)\]/.exec(c.text)![1].split('", "').length;
    assert.equal(r.length, expected, `${c.what}: every label drawn\n${c.text}`);
    const sorted = [...r].sort((a, b) => a.x - b.x);
    for (let i = 1; i < sorted.length; i++) {
      const gap = sorted[i].x - (sorted[i - 1].x + sorted[i - 1].width);
      assert.ok(gap >= 0, `${c.what}: "${sorted[i - 1].text}" and "${sorted[i].text}" overlap by ${-gap}px\n${c.text}`);
    }
  }
});
