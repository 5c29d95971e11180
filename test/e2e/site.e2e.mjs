// "CJM: Build Site" in an English VS Code (code-server: the workbench is a browser page) on a
// folder that is a git repository with an English and a Russian map. The command builds the
// site into the extension's storage and opens it: the browser cannot read the server's files,
// so the site is served on loopback and reached through code-server's port proxy, in a new
// browser tab. The index is in English, the Russian map's page in Russian, with its history.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default {
  title: 'CJM: Build Site builds the workspace\'s site with its git history and opens it in a browser tab',
  workspace: 'test/e2e/workspaces/site',
  async run({ page, workspace, shot, h, log }) {
    // The Russian map's history: a first version where paying felt fine, then the current one.
    const git = (args, date) => {
      const r = spawnSync('git', ['-c', 'user.name=Анна Смирнова', '-c', 'user.email=anna@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd: workspace,
        encoding: 'utf8',
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
      });
      if (r.status !== 0) throw new Error(`git ${args[0]}: ${r.stderr}`);
    };
    // The maps are the examples themselves, one of them in a subfolder.
    const ru = join(workspace, 'bank-omnichannel-ru.cjm');
    copyFileSync(join(h.root, 'examples/bank-omnichannel-ru.cjm'), ru);
    mkdirSync(join(workspace, 'journeys'), { recursive: true });
    copyFileSync(join(h.root, 'examples/online-shop.cjm'), join(workspace, 'journeys/online-shop.cjm'));
    const current = readFileSync(ru, 'utf8');
    if (!current.includes('emotion: раздражение')) throw new Error('the Russian map no longer has an irritated step');
    git(['init', '-q', '-b', 'main']);
    writeFileSync(ru, current.replace('emotion: раздражение', 'emotion: радость'));
    git(['add', '.']);
    git(['commit', '-q', '-m', 'Первая версия карты банка'], '2026-03-01T10:00:00+03:00');
    writeFileSync(ru, current);
    git(['commit', '-q', '-am', 'Интервью: оплата раздражает'], '2026-03-05T10:00:00+03:00');

    // A workbench that has just opened lists an extension's commands once the extension host
    // has scanned it: until then the palette finds nothing, and a user would look again.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'CJM: Build Site' }).first();
    await h.waitUntil(async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press(`${h.mod}+Shift+P`);
      await input.waitFor({ state: 'visible' });
      await input.fill('>CJM: Build Site');
      return row.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
    }, 'the command palette to list "CJM: Build Site"', 60_000, 500);
    await shot('palette');
    const tab = page.context().waitForEvent('page', { timeout: 90_000 });
    await row.click();
    const site = await tab;
    await site.waitForLoadState('load');
    log(`[site] opened ${site.url()}`);
    // Served through code-server's port proxy, on the workbench's own origin.
    if (!/^http:\/\/127\.0\.0\.1:\d+\/proxy\/\d+\/index\.html$/.test(site.url())) throw new Error(`the site opened at ${site.url()}`);
    const cspBlocked = [];
    site.on('console', (m) => m.type() === 'error' && cspBlocked.push(m.text()));
    site.on('response', (r) => r.status() >= 400 && cspBlocked.push(`${r.status()} ${r.url()}`));
    await site.waitForSelector('.site-card');
    const index = await site.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.querySelector('h1')?.textContent,
      cards: [...document.querySelectorAll('.site-card')].map((c) => [c.dataset.slug, c.dataset.language, c.querySelector('.site-card-title')?.textContent]),
      history: [...document.querySelectorAll('.site-card[data-language="ru"] .site-fact')].map((f) => f.textContent).join(' | '),
    }));
    log(`[site] index ${JSON.stringify(index)}`);
    if (index.lang !== 'en' || index.title !== 'Customer journey maps') throw new Error(`the index is not in English: ${JSON.stringify(index)}`);
    if (index.cards.length !== 2 || !index.cards.some(([, lang, title]) => lang === 'ru' && title.startsWith('Дебетовая карта'))) throw new Error(`cards: ${JSON.stringify(index.cards)}`);
    if (!index.history.includes('2 versions')) throw new Error(`the Russian map's card: ${index.history}`);
    await h.screenshot(site, 'site-02-index');

    await site.click('.site-card[data-language="ru"] .site-card-title');
    await site.waitForSelector('#site-history');
    const map = await site.evaluate(() => ({
      lang: document.documentElement.lang,
      heading: document.querySelector('#site-history h2')?.textContent,
      versions: [...document.querySelectorAll('.site-version')].map((v) => v.textContent.replace(/\s+/g, ' ').trim()),
      back: document.querySelector('.site-back')?.textContent,
    }));
    log(`[site] map page ${JSON.stringify(map)}`);
    if (map.lang !== 'ru' || map.heading !== 'История' || !map.back?.includes('Все карты')) throw new Error(`the Russian map's page is not in Russian: ${JSON.stringify(map)}`);
    if (map.versions.length !== 2 || !map.versions[0].includes('Анна Смирнова') || !map.versions[0].includes('Интервью: оплата раздражает') || !map.versions[0].includes('раздражение')) throw new Error(`history: ${JSON.stringify(map.versions)}`);
    // Time travel over HTTP: the first version, drawn in the page.
    await site.click('.site-version-view[data-version="1"]');
    await site.waitForSelector('#site-version-banner:not([hidden])');
    const banner = await site.textContent('#site-version-text');
    if (!banner.includes('Первая версия карты банка')) throw new Error(`banner: ${banner}`);
    copyFileSync(await h.screenshot(site, 'site-03-map-ru'), join(h.root, 'docs/images/site-vscode-ru.png'));
    if (cspBlocked.length) throw new Error(`errors in the site's pages: ${cspBlocked.join('; ')}`);

    // Back in VS Code: the notification says where the site is and offers to open it again.
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Site built' }).first();
    await h.waitUntil(() => toast.isVisible(), 'the "Site built" notification', 20_000);
    await shot('notification');
  },
};
