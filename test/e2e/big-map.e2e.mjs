// A user opens the preview of a 200-stage map (16,618 lines): the first screenful of stages
// shows first, the rest streams in after it, and the map ends up whole. Screenshots of the
// first screenful and of the last stages; the times seen from outside are written to the log
// (not asserted: the machine is shared).
import { writeFileSync } from 'node:fs';
import { generateMap } from '../../bench/generate-map.mjs';

export default {
  title: 'a 200-stage map: the preview shows its first stages, then streams in the rest',
  prepare(workspace) {
    writeFileSync(`${workspace}/big-200.cjm`, generateMap({ stages: 200, steps: 4 }));
  },
  async run({ page, shot, h, log }) {
    await h.openFromExplorer(page, 'big-200.cjm');
    await h.waitForProblems(page);
    const started = Date.now();
    await h.runCommand(page, 'CJM: Open Preview to the Side');
    const frame = await h.waitUntil(() => h.frameWithText(page, 'Step 1 of stage 1'), 'the preview to show the first stage', 60_000, 50);
    const first = Date.now() - started;
    await shot('first-screenful');
    const stagesAt = () => frame.evaluate(() => document.querySelectorAll('#cjm-content th.cjm-stage').length);
    const early = await stagesAt();
    await h.waitUntil(async () => (await stagesAt()) === 200, 'all 200 stages to arrive', 120_000, 100);
    const all = Date.now() - started;
    log(`big map: first stage seen after ${first} ms (${early} stages then), all 200 after ${all} ms (as polled from outside)`);
    if (early >= 200) throw new Error('the first screenful already held every stage: nothing was streamed');
    // The last stages, drawn like the first: the grid's columns, the curve and its markers.
    await frame.evaluate(() => window.scrollTo({ left: document.documentElement.scrollWidth, top: 0 }));
    await h.waitUntil(() => frame.evaluate(() => document.body.innerText.includes('Step 4 of stage 200')), 'the last step in view');
    const markers = await frame.evaluate(() => document.querySelectorAll('#cjm-content .emotion-marker').length);
    if (markers !== 800) throw new Error(`${markers} emotion markers, not 800`);
    await shot('last-stages');
  },
};
