/**
 * `cjm site` end to end, without a browser: the pages, downloads and history a real git
 * repository gives, in the maps' languages; and the hostile map and commit messages the
 * project keeps for XSS, which must stay text on every page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { svgToPng } from '../../cli/png';
import { buildSite, findSiteScripts } from '../../cli/site/build';
import { ROOT } from '../helpers';
import { siteFiles } from './site-files';
import { HOSTILE, commit, historyRepo, libraryRepo, newRepo } from './repo';
import { VersionText, decodeVersionTexts } from '../../render/site/versionTexts';

const scripts = findSiteScripts(join(ROOT, 'out'))!;
const FILES = ['journeys/shop.cjm', 'restaurant.cjm', 'bank-omnichannel-ru.cjm', 'sklep-internetowy-pl.cjm'];

function build(dir: string, files: string[], locale: 'en' | 'ru' | 'pl' = 'en') {
  const out = mkdtempSync(join(tmpdir(), 'cjm-site-out-'));
  const result = buildSite({ files: files.map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') })), cwd: dir, out, locale, history: 20, scripts });
  return { out, result, read: (...p: string[]) => readFileSync(join(out, ...p), 'utf8') };
}

const repo = historyRepo();
const site = build(repo.dir, FILES);

test('the index lists every map with its facts, filters and the CSP', () => {
  const index = site.read('index.html');
  assert.match(index, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'">/);
  assert.deepEqual([...index.matchAll(/<li class="site-card" data-slug="([^"]+)"[^>]*data-language="(\w+)"/g)].map((m) => [m[1], m[2]]), [
    ['journeys-shop', 'en'], ['restaurant', 'en'], ['bank-omnichannel-ru', 'ru'], ['sklep-internetowy-pl', 'pl'],
  ]);
  assert.match(index, /<option value="current-state">Current state<\/option>/);
  assert.match(index, /<option value="ru">Russian<\/option>/);
  assert.match(index, /<dt>History<\/dt><dd>8 versions<\/dd>/);
  assert.match(index, /<dt>Lowest moment<\/dt><dd>Purchase › Pays: 😠 angry −3<\/dd>/);
  assert.match(index, /Shown: 4 of 4/);
  // A map with one curve per persona: its lowest point over every persona's curve, and whose it is.
  const ruCard = /<li class="site-card" data-slug="bank-omnichannel-ru".*?<\/li>/.exec(index)![0];
  assert.match(ruCard, /<dt>Lowest moment<\/dt><dd>[^<›]+ › [^<]+ \((Ольга|Игорь)[^)]*\): \S+ [^<]+ −\d<\/dd>/);
  assert.equal(site.result.maps, 4);
  assert.equal(site.result.history, true);
  // The search index is not in the page's first load: site.js fetches it when wanted.
  assert.deepEqual([...index.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script src="assets/site.js">']);
  assert.match(index, /<ul class="site-cards" id="site-cards" data-search-script="assets\/search\.js">/);
  const search = site.read('assets', 'search.js');
  assert.match(search, /^window\.CJM_SEARCH=\[/);
  assert.match(search, /guest checkout/i);
});

test('a map page: the map drawn as in the preview, its downloads, and no inline script', () => {
  const page = site.read('maps', 'journeys-shop.html');
  assert.match(page, /<html lang="en">/);
  assert.match(page, /<div class="cjm-map" data-cjm-root=""/);
  for (const [file, label] of [['map.svg', 'Picture \\(SVG\\)'], ['map.md', 'Markdown'], ['map.cjm', 'Source \\(\\.cjm\\)']]) {
    assert.match(page, new RegExp(`href="journeys-shop/${file.replace('.', '\\.')}" download="shop\\.${file.split('.')[1]}">${label}<`));
    assert.ok(existsSync(join(site.out, 'maps', 'journeys-shop', file)), file);
  }
  assert.equal(site.read('maps', 'journeys-shop', 'map.cjm'), readFileSync(join(repo.dir, 'journeys/shop.cjm'), 'utf8'));
  assert.match(site.read('maps', 'journeys-shop', 'map.svg'), /^<svg/);
  // The page's one script; it loads time travel's data and code (the data first) when wanted.
  assert.deepEqual([...page.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script src="../assets/site.js">']);
  assert.match(page, /<section class="site-history" id="site-history" data-scripts="journeys-shop\/versions\.js \.\.\/assets\/history\.js"/);
  assert.doesNotMatch(page, /\son[a-z]+=/i);
  assert.doesNotMatch(page, /style="/);
});

test('the history: one line per version with date, author and subject, the change log from the semantic diff', () => {
  const page = site.read('maps', 'journeys-shop.html');
  const versions = [...page.matchAll(/<li class="site-version([^"]*)" data-version="(\d+)">(.*?)<\/li><\/ul>|<li class="site-version([^"]*)" data-version="(\d+)">(.*?)<\/div><\/li>/g)];
  assert.equal(versions.length, 8);
  assert.match(page, /<li class="site-version site-version-newest" data-version="0">/);
  assert.match(page, /2026-03-02, Boris: Purchase › Creates an account: emotion 😣 frustrated −2 → 🙂 satisfied \+1/);
  assert.match(page, /2026-03-08, Anna: title: &quot;First order in the online shop&quot; → &quot;First order, guest checkout&quot;/);
  assert.match(page, /2026-03-07, Boris: Purchase › Pays: emotion 😟 anxious −2 → 😠 angry −3/);
  assert.match(page, /renamed from shop\.cjm/);
  assert.match(page, /the journey did not change/);
  // The broken commit is shown, marked broken, and its fix shows the errors going away.
  assert.match(page, /<li class="site-version site-version-broken" data-version="4">.*?WIP: half-edited map.*?broken: \d+ errors?/);
  const fix = /data-version="3">(.*?)<\/ul><\/li>/.exec(page)![1];
  assert.match(fix, /2026-03-05, Anna: fixed error yaml-syntax: This `\[` opens a list that is never closed/);
  assert.doesNotMatch(fix, /stage removed|stage added/, 'the fix lists no stages the broken text seemed to lose');
  const broken = /data-version="4">(.*?)<\/ul><\/li>/.exec(page)![1];
  assert.match(broken, /2026-03-04, Anna: new error yaml-syntax: This `\[` opens a list that is never closed/);
  assert.equal([...broken.matchAll(/<li>/g)].length, 1, 'the stray bracket is one error, not the rest of the map');
  assert.doesNotMatch(broken, /stage removed|stage added/);
  // The chart: a line per version, the newest bold; the broken one dashed.
  assert.equal([...page.matchAll(/<g class="site-chart-version/g)].length, 8);
  assert.match(page, /<g class="site-chart-version site-chart-newest" data-version="0"/);
  assert.match(page, /<g class="site-chart-version site-chart-broken" data-version="4"/);
  const versionsJs = site.read('maps', 'journeys-shop', 'versions.js');
  const data = JSON.parse(versionsJs.replace(/^window\.CJM_VERSIONS=/, '').replace(/;\n$/, '')) as Array<{ subject: string; commit: string; text: VersionText }>;
  assert.equal(data.length, 8);
  // The newest whole, the older ones as edits; each decodes to its commit's text.
  assert.equal(typeof data[0].text, 'string');
  assert.ok(data.slice(1).some((d) => Array.isArray(d.text)), 'older versions are written as edits');
  const texts = decodeVersionTexts(data.map((d) => d.text));
  assert.match(texts[4], /stages: \[oops/);
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo.dir, encoding: 'utf8' }).stdout;
  data.forEach((d, i) => {
    const path = git('ls-tree', '-r', '--name-only', d.commit).split('\n').find((f) => /(^|\/)shop\.cjm$/.test(f));
    assert.equal(texts[i], git('show', `${d.commit}:${path}`), `version ${i} (${d.subject})`);
  });
});

test('uncommitted changes: the page shows the working text, the history ends at the last commit, unchanged', () => {
  const r = historyRepo();
  const committed = build(r.dir, [r.shop]);
  const path = join(r.dir, r.shop);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: Guest checkout, next quarter'));
  const edited = build(r.dir, [r.shop]);
  const page = edited.read('maps', 'journeys-shop.html');
  assert.match(page, /The page shows uncommitted changes; the history ends at the last commit\./);
  assert.match(page, /<h1[^>]*>Guest checkout, next quarter</);
  assert.doesNotMatch(committed.read('maps', 'journeys-shop.html'), /uncommitted/);
  // The same versions and change log as without the edit: the edit is no version of its own.
  const history = (html: string) => /<ol class="site-versions"[\s\S]*?<\/ol>/.exec(html)?.[0];
  assert.ok(history(page));
  assert.equal(history(page), history(committed.read('maps', 'journeys-shop.html')));
  assert.equal(edited.read('maps', 'journeys-shop', 'versions.js'), committed.read('maps', 'journeys-shop', 'versions.js'));
});

test('the versions\' texts read a few maps at a time give the same site as all at once', () => {
  const once = mkdtempSync(join(tmpdir(), 'cjm-site-out-'));
  const apart = mkdtempSync(join(tmpdir(), 'cjm-site-out-'));
  const files = FILES.map((file) => ({ file, text: readFileSync(join(repo.dir, file), 'utf8') }));
  buildSite({ files, cwd: repo.dir, out: once, locale: 'en', history: 20, scripts, textsAtOnce: 10_000 });
  // One text at a time: every map's texts are read on their own (the shop's 8 versions too).
  buildSite({ files, cwd: repo.dir, out: apart, locale: 'en', history: 20, scripts, textsAtOnce: 1 });
  const a = siteFiles(once);
  const b = siteFiles(apart);
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
  for (const [f, text] of a) assert.equal(b.get(f), text, f);
  assert.ok(a.has(join('maps', 'journeys-shop', 'versions.js')));
});

test('a map that uses a shared library: no false errors, the library\'s personas drawn, each version read with the library of its commit', () => {
  const r = libraryRepo();
  const site = build(r.dir, ['library/current.cjm', 'library/bank-library.cjm']);
  const index = site.read('index.html');
  assert.match(index, /data-slug="library-current"[\s\S]*?<dt>Errors<\/dt><dd>none<\/dd>/);
  assert.equal(site.result.errors, 0);
  const page = site.read('maps', 'library-current.html');
  assert.match(page, /<section class="cjm-persona[^"]*" data-persona-id="игорь"[^>]*><h2 class="cjm-persona-name">[^]*?Игорь, 27 лет, разработчик/, 'the persona card comes from the library');
  assert.match(page, /<li class="site-version site-version-newest" data-version="0">/, 'the newest version is not broken');
  // Read with its own commit's library, which has Igor: not broken (read alone, it would be).
  assert.match(page, /<li class="site-version" data-version="1">/);
  // Read with its own commit's library, which lacks Igor: broken (with today's library, it would not be).
  assert.match(page, /<li class="site-version site-version-broken" data-version="2">/, 'the first version named Igor before its library had him');
  const fix = /data-version="1">(.*?)<\/ul><\/li>/.exec(page)![1];
  assert.match(fix, /исправлена ошибка undeclared-reference: В `personas` не объявлен объект «персона» с id `игорь`/, 'the library\'s commit fixed them');
  assert.doesNotMatch(fix, /новая ошибка/);
});

test('each map page speaks its map\'s language; the index the reader\'s', () => {
  const ru = site.read('maps', 'bank-omnichannel-ru.html');
  assert.match(ru, /<html lang="ru">/);
  assert.match(ru, /← Все карты/);
  assert.match(ru, />История</);
  assert.match(ru, />Рисунок \(SVG\)</);
  assert.match(ru, /карта добавлена/);
  const pl = site.read('maps', 'sklep-internetowy-pl.html');
  assert.match(pl, /<html lang="pl">/);
  assert.match(pl, /← Wszystkie mapy/);
  assert.match(pl, />Historia</);
  assert.match(pl, /dodano mapę/);
  const ruIndex = build(repo.dir, FILES, 'ru').read('index.html');
  assert.match(ruIndex, /<html lang="ru">/);
  assert.match(ruIndex, /<h1>Карты пути клиента<\/h1>/);
  assert.match(ruIndex, /Показано: 4 из 4/);
  assert.match(ruIndex, /Собрано cjm: 4 карты/);
  assert.match(ruIndex, /<dd>8 версий<\/dd>/);
  const plIndex = build(repo.dir, FILES, 'pl').read('index.html');
  assert.match(plIndex, /<h1>Mapy podróży klienta<\/h1>/);
  assert.match(plIndex, /<option value="ru">rosyjski<\/option>/);
  assert.match(plIndex, /Zbudowano przez cjm: 4 mapy/);
});

test('hostile maps, authors and commit messages stay text on every page', () => {
  const r = newRepo();
  writeFileSync(join(r.dir, 'hostile.cjm'), HOSTILE());
  r.env.GIT_AUTHOR_NAME = '<img src=x onerror=alert(1)>';
  r.git('add', '-A');
  r.git('commit', '-q', '-m', "<script>alert('subject')</script>");
  writeFileSync(join(r.dir, 'hostile.cjm'), HOSTILE().replace('emotion: frustrated', 'emotion: happy'));
  commit(r, 2, '" onmouseover="alert(2)', '</li><script>alert(3)</script>');
  const s = build(r.dir, ['hostile.cjm']);
  for (const page of ['index.html', 'maps/hostile.html']) {
    const html = s.read(page);
    const scriptTags = [...html.matchAll(/<script[^>]*>/gi)].map((m) => m[0]);
    for (const tag of scriptTags) assert.match(tag, /^<script src="(\.\.\/)?(assets\/(site|history|search)\.js|hostile\/versions\.js)"( defer)?>$/, tag);
    assert.doesNotMatch(html, /<(img|iframe|b |svg onload)/i, page);
    for (const [, tag, attrs] of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
      for (const [, name] of attrs.matchAll(/\s([^\s=>]+)(?:="[^"]*")?/g)) assert.doesNotMatch(name, /^on/i, `${page}: <${tag} ${name}>`);
    }
    assert.doesNotMatch(html, /href="javascript:/i, page);
  }
  const map = s.read('maps/hostile.html');
  assert.match(map, /&lt;script&gt;alert\(&#39;subject&#39;\)&lt;\/script&gt;/);
  // git itself drops < and > from author names; what is left is shown as text.
  assert.match(map, /<span class="site-version-author">[^<]*onerror=alert\(1\)<\/span>/);
  assert.match(map, /<span class="site-version-author">[^<]*alert\(3\)[^<]*<\/span>/);
  // The hostile map itself, drawn on the page: its markup is text.
  assert.match(map, /&lt;img src=x onerror=alert\(&#39;pain&#39;\)&gt;/);
  assert.match(map, /&quot; onmouseover=&quot;alert\(2\)/);
  for (const data of ['assets/search.js', 'maps/hostile/versions.js']) assert.doesNotMatch(s.read(data), /<\/?script|<img/i, data);
});

test('--png: each map also as a PNG picture, labelled in its language; --history 0: no history', () => {
  const out = mkdtempSync(join(tmpdir(), 'cjm-site-png-'));
  const files = ['restaurant.cjm', 'bank-omnichannel-ru.cjm'];
  buildSite({ files: files.map((file) => ({ file, text: readFileSync(join(repo.dir, file), 'utf8') })), cwd: repo.dir, out, locale: 'en', history: 0, scripts, png: (svg) => svgToPng(svg) });
  const page = (slug: string) => readFileSync(join(out, 'maps', `${slug}.html`), 'utf8');
  assert.match(page('restaurant'), /href="restaurant\/map\.png" download="restaurant\.png">Picture \(PNG\)</);
  assert.match(page('bank-omnichannel-ru'), /href="bank-omnichannel-ru\/map\.png" download="bank-omnichannel-ru\.png">Рисунок \(PNG\)</);
  for (const slug of ['restaurant', 'bank-omnichannel-ru']) {
    const png = readFileSync(join(out, 'maps', slug, 'map.png'));
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], `${slug}: a PNG file`);
    assert.ok(png.readUInt32BE(16) > 600, `${slug}: the whole map, ${png.readUInt32BE(16)} px wide`);
    assert.doesNotMatch(page(slug), /site-history/);
  }
});

test('cjm site from the command line, in English, Russian and Polish', () => {
  const out = mkdtempSync(join(tmpdir(), 'cjm-site-cli-'));
  const run = (locale: string, extra: string[] = []) =>
    spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'site', '-o', out, '--locale', locale, '--history', '5', ...extra], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });
  const en = run('en');
  assert.equal(en.status, 0, en.stderr);
  assert.match(en.stdout, /^Site written to .*index\.html: 5 maps, 9 versions from git\n$/);
  const ru = run('ru');
  assert.match(ru.stdout, /^Сайт записан в .*index\.html: 5 карт, 9 версий из git\n$/);
  const pl = run('pl');
  assert.match(pl.stdout, /^Strona zapisana w .*index\.html: 5 map, 9 wersji z gita\n$/);
  assert.ok(readdirSync(join(out, 'maps')).includes('journeys-shop.html'));
  // A site built into the repository is not published again by the next build.
  const inside = () => spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'site', '--locale', 'en'], { cwd: repo.dir, encoding: 'utf8' });
  assert.match(inside().stdout, /: 5 maps, 12 versions from git\n$/);
  assert.match(inside().stdout, /: 5 maps, 12 versions from git\n$/);
  assert.ok(existsSync(join(repo.dir, 'site', 'maps', 'journeys-shop', 'map.cjm')));
  const bad = run('en', ['--history', 'lots']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--history must be a whole number of versions, not "lots"/);
  // A mistyped path leaves the site built before as it was, in every language.
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  const typo = run('en', ['jorneys']);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /cjm site: jorneys: .*\ncjm site: no map could be read: nothing written to /);
  assert.equal(typo.stdout, '');
  assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), index);
  const ruTypo = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'site', '-o', out, 'jorneys'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, LANG: 'ru_RU.UTF-8', LC_ALL: '' } });
  assert.match(ruTypo.stderr, /не удалось прочитать ни одной карты: в .* ничего не записано/);
  const plTypo = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'site', '-o', out, 'jorneys'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, LANG: 'pl_PL.UTF-8', LC_ALL: '' } });
  assert.match(plTypo.stderr, /nie udało się odczytać żadnej mapy: nic nie zapisano w /);
  assert.doesNotMatch(ruTypo.stderr + plTypo.stderr, /no map|nothing|written/);
  assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), index);
});

test('a long change list folds the rest behind "N more changes", counted in the map\'s language', () => {
  const r = newRepo();
  const map = (language: string, stage: string, step: string, emotion: string) =>
    `cjm: 1\nlanguage: ${language}\ntitle: ${stage}\nstages:\n${Array.from({ length: 12 }, (_, i) => `  - id: s${i + 1}\n    name: ${stage} ${i + 1}\n    steps:\n      - name: ${step}\n        emotion: ${emotion}\n`).join('')}`;
  writeFileSync(join(r.dir, 'ru.cjm'), map('ru', 'Этап', 'Шаг', 'радость'));
  writeFileSync(join(r.dir, 'pl.cjm'), map('pl', 'Etap', 'Krok', 'radość'));
  commit(r, 1, 'Dwanaście etapów');
  const built = build(r.dir, ['ru.cjm', 'pl.cjm']);
  // Twelve stages added: seven lines, then the other five behind the fold.
  const ru = built.read('maps', 'ru.html');
  assert.match(ru, /<li class="site-changes-more"><details><summary>Ещё 5 изменений<\/summary>/);
  const list = /<ul class="site-changes">(.*?)<li class="site-changes-more">/.exec(ru)![1];
  assert.equal([...list.matchAll(/<li>/g)].length, 7, 'seven lines before the fold');
  assert.equal([...ru.matchAll(/этап добавлен/g)].length, 12);
  const pl = built.read('maps', 'pl.html');
  assert.match(pl, /<summary>Jeszcze 5 zmian<\/summary>/);
  assert.doesNotMatch(pl + ru, /more change/);
});
