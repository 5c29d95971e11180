// A Russian future-state map (examples/library/future.cjm, `baseline: ./current.cjm`, two
// personas, channels and teams from `use: [./bank-library.cjm]`): the preview shows no error
// for what the library declares, and its toolbar offers «Показать текущее состояние» in the map's language;
// pressing it draws the current state under the map, and the overlay follows the baseline file
// when it changes on disk; pressing it again brings the map back. Then the persona filter: the
// legend shows one persona's curve, then all again.
import { readFileSync, writeFileSync } from 'node:fs';

const TOGGLE = '[data-action="showCurrentState"]';

export default {
  title: 'future-state map: "Show current state" draws the baseline under it and follows the file; the persona filter shows one persona or all (Russian map)',
  workspace: 'examples/library',
  async run({ page, shot, h, workspace }) {
    await h.openFromExplorer(page, 'future.cjm');
    // Ctrl+K V pressed while the workbench is still settling (code lenses arriving, the
    // editor re-laying itself out) is sometimes lost; a user would press it again.
    let frame;
    for (let attempt = 1; !frame; attempt++) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('V');
      try {
        frame = await h.waitUntil(() => h.frameWithText(page, 'Показать текущее состояние'), 'the preview with its «Показать текущее состояние» toggle', 15_000);
      } catch (e) {
        if (attempt === 3 || (await page.locator('.webview').count()) > 0) throw e;
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ position: { x: 2, y: 2 } });
      }
    }
    const state = () => frame.evaluate((sel) => {
      const b = document.querySelector(sel);
      const overlay = document.querySelector('#cjm-content [data-baseline-root]');
      return {
        button: !!b && !b.hidden,
        pressed: b?.getAttribute('aria-pressed'),
        overlay: !!overlay,
        beforeMarkers: document.querySelectorAll('#cjm-content .cjm-before-marker').length,
        baselineOf: document.querySelector('#cjm-content .cjm-baseline-of')?.textContent ?? '',
        legend: Array.from(document.querySelectorAll('#cjm-content .cjm-legend-curve-before, #cjm-content .cjm-legend-curve-after')).map((e) => e.textContent.trim()),
        errors: Array.from(document.querySelectorAll('.cjm-banner-error')).map((e) => e.textContent),
        curves: Array.from(document.querySelectorAll('#cjm-content .cjm-persona-curve:not(.cjm-filtered-out)')).map((g) => g.getAttribute('data-persona')),
      };
    }, TOGGLE);
    const first = await state();
    if (!first.button || first.pressed !== 'false' || first.overlay) throw new Error(`the toggle should show, not pressed, with no overlay: ${JSON.stringify(first)}`);
    // Personas and channels come from the library the map uses: no error in the banner.
    if (first.errors.length) throw new Error(`the map's libraries should be linked, no errors: ${JSON.stringify(first.errors)}`);
    if (first.curves.join() !== 'игорь,ольга' && first.curves.join() !== 'ольга,игорь') throw new Error(`both personas' curves should show: ${JSON.stringify(first)}`);
    await shot('future-state');

    // On: the current state drawn under the future one, named in Russian.
    await frame.locator(TOGGLE).click();
    const on = await h.waitUntil(async () => {
      const s = await state();
      return s.overlay && s.pressed === 'true' ? s : null;
    }, 'the overlay of the current state', 20_000);
    if (on.beforeMarkers !== 13) throw new Error(`one marker per step of the current state expected (13): ${JSON.stringify(on)}`);
    if (!on.legend.some((l) => l.includes('Текущее состояние')) || !on.legend.some((l) => l.includes('Целевое состояние'))) throw new Error(`the legend should name both states in Russian: ${JSON.stringify(on)}`);
    if (!on.baselineOf.includes('оформление и первые три месяца')) throw new Error(`the current state's title should show: ${JSON.stringify(on)}`);
    await shot('current-state-shown');
    await frame.evaluate(() => document.querySelector('#cjm-content tr[data-lane="emotion"]')?.scrollIntoView({ block: 'center' }));
    await shot('current-state-curves');
    await frame.evaluate(() => window.scrollTo(0, 0));

    // The baseline changes on disk (another tool, a checkout): the overlay follows.
    const current = `${workspace}/current.cjm`;
    const text = readFileSync(current, 'utf8');
    const renamed = text.replace('title: Дебетовая карта «Северный плюс» — оформление и первые три месяца', 'title: Дебетовая карта «Северный плюс» — как было в 2024 году');
    if (renamed === text) throw new Error('current.cjm changed: update the scenario');
    writeFileSync(current, renamed);
    await h.waitUntil(async () => (await state()).baselineOf.includes('как было в 2024 году'), 'the overlay to show the current state\'s new title', 20_000);
    await shot('baseline-changed-on-disk');

    // Off: the map alone again, with both personas' curves.
    await frame.locator(TOGGLE).click();
    const off = await h.waitUntil(async () => {
      const s = await state();
      return !s.overlay && s.pressed === 'false' && s.curves.length === 2 ? s : null;
    }, 'the map without the overlay', 20_000);
    if (off.beforeMarkers) throw new Error(`no current-state markers expected: ${JSON.stringify(off)}`);

    // The persona filter: one persona, then all.
    await frame.locator('#cjm-content .cjm-legend-item[data-persona="ольга"]').click();
    await h.waitUntil(async () => (await state()).curves.join() === 'ольга', 'only Ольга\'s curve');
    await shot('persona-filter-olga');
    await frame.locator('#cjm-content .cjm-legend-all').click();
    await h.waitUntil(async () => (await state()).curves.length === 2, 'both curves again');
  },
};
