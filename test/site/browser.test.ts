/**
 * The built site in a real Chromium, opened from file:// as a reader would: the index's
 * filters and search, a map page (zoom, theme, sticky lane labels), and time travel through
 * the history. The CSP is live here: a blocked script or style would be reported.
 * Skipped when Chromium is not installed (apt-get install chromium).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, findSiteScripts } from '../../cli/site/build';
import { ROOT } from '../helpers';
import { historyRepo, libraryRepo } from './repo';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`;

type Page = import('playwright-core').Page;
type Browser = import('playwright-core').Browser;
let browser: Browser | undefined;
let page: Page;
let out: string;
const problems: string[] = [];
const shots = join(ROOT, 'test-results');

before(async () => {
  if (skip) return;
  const repo = historyRepo();
  const files = ['journeys/shop.cjm', 'restaurant.cjm', 'bank-omnichannel-ru.cjm', 'sklep-internetowy-pl.cjm', 'city-app.cjm'];
  out = mkdtempSync(join(tmpdir(), 'cjm-site-browser-'));
  buildSite({ files: files.map((file) => ({ file, text: readFileSync(join(repo.dir, file), 'utf8') })), cwd: repo.dir, out, locale: 'en', history: 20, scripts: findSiteScripts(join(ROOT, 'out'))! });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  // Injected by the browser driver, outside the page's CSP: it only listens.
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP blocked ${e.violatedDirective} ${e.blockedURI}`)));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  assert.deepEqual(problems, []);
});

/** Types into the search box and waits until the cards show what it finds (the index arrives after the page). */
async function search(words: string): Promise<void> {
  await page.fill('#site-search', words);
  await page.waitForFunction((q) => document.getElementById('site-cards')!.dataset.query === q, words);
}

/** Waits until the time-travel script has started (site.js loads it after the page, or on the first touch). */
const historyReady = () => page.waitForSelector('#site-history[data-ready="true"]', { state: 'attached' });

const visible = () => page.$$eval('.site-card:not([hidden])', (els) => els.map((e) => (e as HTMLElement).dataset.slug));

test('index: every map, then filtered by kind, persona and language', { skip }, async () => {
  await page.goto(`file://${out}/index.html`);
  assert.deepEqual(await visible(), ['journeys-shop', 'restaurant', 'bank-omnichannel-ru', 'sklep-internetowy-pl', 'city-app']);
  await page.selectOption('#site-filter-kind', 'future-state');
  assert.deepEqual(await visible(), ['city-app']);
  assert.equal(await page.textContent('#site-count'), 'Shown: 1 of 5');
  await page.selectOption('#site-filter-kind', '');
  await page.selectOption('#site-filter-language', 'ru');
  assert.deepEqual(await visible(), ['bank-omnichannel-ru']);
  await page.selectOption('#site-filter-language', 'pl');
  assert.deepEqual(await visible(), ['sklep-internetowy-pl']);
  await page.selectOption('#site-filter-language', '');
  const persona = await page.$eval('.site-card[data-slug="restaurant"]', (e) => JSON.parse((e as HTMLElement).dataset.personas!)[0] as string);
  await page.selectOption('#site-filter-persona', persona);
  assert.deepEqual(await visible(), ['restaurant']);
  await page.selectOption('#site-filter-persona', '');
  await page.selectOption('#site-filter-kind', 'current-state');
  await page.selectOption('#site-filter-language', 'en');
  assert.deepEqual(await visible(), ['journeys-shop', 'restaurant']);
  await page.screenshot({ path: join(shots, 'site-index-filtered.png') });
});

test('index: search across map texts, folded (no diacritics needed), with a snippet; the address keeps it', { skip }, async () => {
  await page.goto(`file://${out}/index.html`);
  await search('guest checkout');
  assert.deepEqual(await visible(), ['journeys-shop']);
  assert.match((await page.textContent('.site-card[data-slug="journeys-shop"] .site-snippet'))!, /guest checkout/i);
  assert.equal(await page.$eval('.site-card[data-slug="journeys-shop"] .site-snippet mark', (e) => e.textContent!.toLowerCase()), 'guest checkout');
  await search('urzadza mieszkanie');
  assert.deepEqual(await visible(), ['sklep-internetowy-pl']);
  assert.equal(await page.$eval('.site-card[data-slug="sklep-internetowy-pl"] .site-snippet mark', (e) => e.textContent), 'urządza');
  await search('no such words anywhere');
  assert.deepEqual(await visible(), []);
  assert.equal(await page.isVisible('#site-empty'), true);
  await search('guest checkout');
  await page.reload();
  assert.equal(await page.inputValue('#site-search'), 'guest checkout');
  await page.waitForFunction(() => document.getElementById('site-cards')!.dataset.query === 'guest checkout');
  assert.deepEqual(await visible(), ['journeys-shop']);
  await search('checkout');
  await page.screenshot({ path: join(shots, 'site-index-search.png') });
});

test('a map page: drawn as in the preview, zoom, dark theme, sticky lane labels', { skip }, async () => {
  await page.goto(`file://${out}/index.html`);
  await page.click('.site-card[data-slug="journeys-shop"] .site-card-title');
  await page.waitForSelector('#site-map .cjm-grid');
  assert.equal(await page.$$eval('#site-map .emotion-marker', (els) => els.length), 8);
  await page.click('[data-zoom="in"]');
  assert.equal(await page.$eval('#site-map', (e) => (e as HTMLElement).style.getPropertyValue('zoom')), '1.1');
  await page.click('[data-zoom="reset"]');
  await page.click('#site-theme');
  assert.equal(await page.$eval('html', (e) => e.dataset.theme), 'dark');
  assert.equal(await page.$eval('body', (e) => getComputedStyle(e).backgroundColor), 'rgb(31, 35, 40)');
  await page.screenshot({ path: join(shots, 'site-map-dark.png') });
  await page.click('#site-theme');
  assert.equal(await page.$eval('html', (e) => e.dataset.theme), 'light');
  // Scrolled sideways, the lane labels stay at the left edge.
  await page.evaluate(() => window.scrollTo(400, document.querySelector('.cjm-grid')!.getBoundingClientRect().top + window.scrollY - 100));
  const left = await page.$eval('.cjm-lane-actions .cjm-lane-label', (e) => e.getBoundingClientRect().left);
  assert.ok(Math.abs(left) < 2, `lane label at ${left}px`);
  const timing = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return Math.round(n.loadEventEnd - n.startTime);
  });
  console.log(`map page load (file://, with history): ${timing} ms`);
});

test('history: the slider and the list show the map as of any version, the broken one too', { skip }, async () => {
  await page.goto(`file://${out}/maps/journeys-shop.html`);
  await page.waitForSelector('#site-versions');
  // The chart: the newest version's line bold, the older ones thinner.
  const widths = await page.$$eval('#site-chart .site-chart-version polyline', (els) => els.map((line) => [line.parentElement!.classList.contains('site-chart-newest'), parseFloat(getComputedStyle(line).strokeWidth)] as const));
  const newest = widths.filter(([n]) => n).map(([, w]) => w);
  assert.equal(newest.length, 1);
  assert.ok(widths.every(([n, w]) => n || w < newest[0]), JSON.stringify(widths));
  const score = (step: string) => page.$eval(`#site-map th.cjm-step[data-step-id="${step}"]`, (th, s) => {
    const offset = th.getAttribute('data-step-offset');
    return document.querySelector(`#site-map .emotion-marker[data-step-offset="${offset}"]`)?.getAttribute('data-score');
  }, step);
  assert.equal(await score('pays'), '-3');
  // Oldest: the slider's left end, moved before or after the time-travel script arrived.
  await page.$eval('#site-version-slider', (el) => {
    (el as HTMLInputElement).value = '0';
    el.dispatchEvent(new Event('input'));
  });
  await historyReady();
  await page.waitForSelector('#site-version-banner:not([hidden])');
  assert.match((await page.textContent('#site-version-text'))!, /^The map as of 2026-03-01, Anna: First draft of the shop journey/);
  assert.equal(await score('sign-up'), '-2');
  assert.equal(await score('pays'), '-2');
  assert.equal(await page.textContent('#site-version-output'), '2026-03-01');
  // The broken commit, from the list: drawn as far as it reads, and said to be broken.
  await page.click('.site-version-view[data-version="4"]');
  assert.match((await page.textContent('#site-version-text'))!, /WIP: half-edited map.*has errors/);
  assert.equal(await page.$eval('#site-version-banner', (e) => e.classList.contains('site-version-broken')), true);
  assert.equal(await page.$$eval('.site-version.site-selected', (els) => els.map((e) => (e as HTMLElement).dataset.version)).then((v) => v.join()), '4');
  await page.click('.site-version-view[data-version="6"]');
  assert.equal(await score('sign-up'), '1');
  await page.screenshot({ path: join(shots, 'site-history.png') });
  await page.click('#site-version-current');
  assert.equal(await page.isVisible('#site-version-banner'), false);
  assert.equal(await score('pays'), '-3');
});

test('time travel says a version is broken as the build found it, with the library of its commit', { skip }, async () => {
  const repo = libraryRepo();
  const lib = mkdtempSync(join(tmpdir(), 'cjm-site-browser-library-'));
  const files = ['library/current.cjm', 'library/bank-library.cjm'];
  buildSite({ files: files.map((file) => ({ file, text: readFileSync(join(repo.dir, file), 'utf8') })), cwd: repo.dir, out: lib, locale: 'en', history: 20, scripts: findSiteScripts(join(ROOT, 'out'))! });
  const p = await browser!.newPage({ viewport: { width: 1280, height: 860 } });
  p.on('pageerror', (e) => problems.push(e.message));
  await p.goto(`file://${lib}/maps/library-current.html`, { waitUntil: 'load' });
  const broken = () => p.$eval('#site-version-banner', (e) => e.classList.contains('site-version-broken'));
  // Its own text names Igor, whom only the library declares: read alone in the page it would look broken.
  await p.click('.site-version-view[data-version="1"]');
  await p.waitForSelector('#site-version-banner:not([hidden])');
  assert.match((await p.textContent('#site-version-text'))!, /Igor joins the library$/);
  assert.equal(await broken(), false);
  await p.click('.site-version-view[data-version="2"]');
  await p.waitForFunction(() => /Bank map and its library/.test(document.getElementById('site-version-text')!.textContent ?? ''));
  assert.match((await p.textContent('#site-version-text'))!, /В этой версии есть ошибки/);
  assert.equal(await broken(), true);
  await p.close();
});

test('a version picked before time travel has loaded is shown once it has; the page loads without it', { skip }, async () => {
  const early = await browser!.newPage({ viewport: { width: 1280, height: 860 } });
  early.on('pageerror', (e) => problems.push(e.message));
  // No idle time ever comes: only the reader's click can bring the time-travel scripts.
  await early.addInitScript(() => {
    (window as unknown as { requestIdleCallback: () => number }).requestIdleCallback = () => 0;
  });
  await early.goto(`file://${out}/maps/journeys-shop.html`, { waitUntil: 'load' });
  const loaded = () => early.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src')));
  assert.deepEqual(await loaded(), ['../assets/site.js']);
  assert.equal(await early.evaluate(() => 'CJM_VERSIONS' in window), false);
  await early.click('.site-version-view[data-version="6"]');
  await early.waitForSelector('#site-version-banner:not([hidden])');
  assert.deepEqual(await loaded(), ['../assets/site.js', 'journeys-shop/versions.js', '../assets/history.js']);
  assert.equal(await early.$$eval('.site-version.site-selected', (els) => els.map((e) => (e as HTMLElement).dataset.version).join()), '6');
  await early.close();
});
