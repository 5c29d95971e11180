// Screenshots of `cjm site` for docs/site.md: the examples in a fresh git repository with a
// short history (the online shop's sign-up and payment improve over three commits by two
// people), built with the real CLI in English, Russian and Polish, opened from file:// in
// headless Chromium. Writes docs/images/site-*.png.
//   npm run build && node scripts/site-screenshots.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const repo = mkdtempSync(join(tmpdir(), 'cjm-site-shots-'));
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_COMMITTER_NAME: 'CI', GIT_COMMITTER_EMAIL: 'ci@example.com' };
const git = (args, extra = {}) => execFileSync('git', args, { cwd: repo, env: { ...env, ...extra } });
git(['init', '-q', '-b', 'main']);
for (const f of readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.cjm'))) copyFileSync(join(root, 'examples', f), join(repo, f));
const commit = (day, author, subject) => {
  const date = `2026-0${day < 10 ? 3 : 4}-${String(((day - 1) % 28) + 1).padStart(2, '0')}T10:00:00+01:00`;
  git(['add', '-A']);
  git(['commit', '-q', '-m', subject], { GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: 'x@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
};
commit(2, 'Anna', 'Journey maps from the spring research');
const shop = join(repo, 'online-shop.cjm');
const edit = (from, to) => writeFileSync(shop, readFileSync(shop, 'utf8').replace(from, to));
edit('emotion: frustrated', 'emotion: confused');
commit(9, 'Boris', 'Shorter sign-up form shipped');
edit('emotion: confused', 'emotion: satisfied');
edit('        emotion: anxious', '        emotion: neutral');
commit(16, 'Anna', 'Guest checkout and delivery cost on the product page');
const bank = join(repo, 'bank-omnichannel-ru.cjm');
writeFileSync(bank, readFileSync(bank, 'utf8').replace(/^title: (.*)$/m, 'title: $1 (после пилота)'));
commit(20, 'Ирина', 'Итоги пилота в отделениях');

const out = (l) => join(repo, `site-${l}`);
for (const l of ['en', 'ru', 'pl']) execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'site', '-o', out(l), '--locale', l], { cwd: repo, stdio: 'inherit' });

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: process.env.CJM_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
const shot = (name) => page.screenshot({ path: join(root, 'docs/images', `site-${name}.png`) });
await page.goto(`file://${out('en')}/index.html`);
await shot('index');
await page.fill('#site-search', 'guest checkout');
// The search index arrives after the page: wait until the cards show what it found.
await page.waitForFunction(() => document.getElementById('site-cards').dataset.query === 'guest checkout');
await shot('search');
await page.goto(`file://${out('pl')}/index.html`);
await shot('index-pl');
await page.goto(`file://${out('en')}/maps/online-shop.html`);
await shot('history');
await page.goto(`file://${out('ru')}/maps/bank-omnichannel-ru.html`);
await page.click('#site-theme');
await shot('map-ru-dark');
await browser.close();
console.log(`site-*.png written to docs/images (sites in ${repo})`);
