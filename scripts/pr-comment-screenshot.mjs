// Draws the PR comment the way GitHub shows it, approximately, for docs/review.md, in
// English and Russian, light and dark: `cjm review` (what the Action runs) on a pull
// request in a throw-away git repository whose base branch moved after it branched, with
// the event's branch names; Markdown → HTML with markdown-it, Mermaid blocks
// drawn by the pinned mermaid in headless Chromium. Not run by the tests; rerun after
// changing the comment's layout:
//   node scripts/build.mjs && node scripts/pr-comment-screenshot.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// markdown-it (CommonMark + GFM tables, raw HTML for <details>) comes with the tooling's dependencies.
import MarkdownIt from 'markdown-it';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;

/** The pull requests: a map on main, the change on a branch, main moving on meanwhile. */
const scenarios = [
  {
    name: 'pr-comment',
    map: 'examples/online-shop.cjm',
    path: 'maps/online-shop.cjm',
    branch: 'guest-checkout',
    // Guest checkout ships, so signing up stops hurting; paying gets a typo.
    change: (t) => t.replace('emotion: frustrated', 'emotion: satisfied').replace('          - No guest checkout\n', '').replace('        emotion: anxious\n', '        emotion: anxius\n'),
  },
  {
    name: 'pr-comment-ru',
    map: 'examples/bank-omnichannel-ru.cjm',
    path: 'карты/банк.cjm',
    branch: 'цифровая-карта',
    // The digital card arrives at once: the wait stops hurting; the branch visit gets worse.
    change: (t) => t.replace('emotion: нетерпение', 'emotion: радость').replace('        pains: Нельзя выбрать узкий интервал доставки\n', '').replace('emotion: раздражение', 'emotion: злость'),
  },
];

function git(cwd, ...args) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@e', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@e' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function review(s) {
  const dir = mkdtempSync(join(tmpdir(), 'cjm-shot-'));
  try {
    const original = readFileSync(join(root, s.map), 'utf8');
    const file = join(dir, s.path);
    mkdirSync(join(file, '..'), { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(file, original);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    git(dir, 'checkout', '-q', '-b', s.branch);
    writeFileSync(file, s.change(original));
    git(dir, 'commit', '-q', '-am', 'change');
    const head = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'checkout', '-q', 'main');
    writeFileSync(join(dir, 'README.md'), 'maps\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'main moves on');
    const base = git(dir, 'rev-parse', 'HEAD');
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 12, head: { sha: head, ref: s.branch, repo: { full_name: 'acme/journeys' } }, base: { sha: base, ref: 'main', repo: { full_name: 'acme/journeys' } } } }));
    const env = { ...process.env, GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_REPOSITORY: 'acme/journeys', GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '1234567' };
    delete env.GITHUB_STEP_SUMMARY;
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'review', '--base', base, '--head', head, '--summary', join(dir, 'summary.md')], { cwd: dir, encoding: 'utf8', env });
    if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
    return readFileSync(join(dir, 'summary.md'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const themes = {
  light: { bg: '#f6f8fa', fg: '#1f2328', muted: '#59636e', border: '#d1d9e0', card: '#fff', alt: '#f6f8fa', code: '#eff1f3', link: '#0969da', note: '#0969da', mermaid: 'default' },
  dark: { bg: '#010409', fg: '#f0f6fc', muted: '#9198a1', border: '#3d444d', card: '#0d1117', alt: '#151b23', code: '#2f3742', link: '#4493f8', note: '#1f6feb', mermaid: 'dark' },
};

function page(markdown, c) {
  const md = new MarkdownIt({ html: true, linkify: false });
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, i, ...rest) => (tokens[i].info.trim() === 'mermaid' ? `<pre class="mermaid">${tokens[i].content.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>` : fence(tokens, i, ...rest));
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: ${c.fg}; background: ${c.bg}; margin: 0; padding: 16px; }
.comment { max-width: 860px; border: 1px solid ${c.border}; border-radius: 6px; background: ${c.card}; }
.head { background: ${c.alt}; border-bottom: 1px solid ${c.border}; padding: 8px 16px; border-radius: 6px 6px 0 0; color: ${c.muted}; }
.head b { color: ${c.fg}; }
.body { padding: 8px 16px 16px; }
table { border-collapse: collapse; margin: 8px 0 16px; display: block; overflow: auto; }
th, td { border: 1px solid ${c.border}; padding: 4px 10px; } th { font-weight: 600; } tr:nth-child(2n) { background: ${c.alt}; }
code { background: ${c.code}; border-radius: 4px; padding: 1px 4px; font-size: 85%; }
h3 { font-size: 1.25em; margin: 8px 0; } h4 { font-size: 1em; margin: 16px 0 8px; }
blockquote { border-left: 4px solid ${c.note}; margin: 0; padding: 0 12px; color: ${c.muted}; }
pre.mermaid { background: none; text-align: center; }
a { color: ${c.link}; text-decoration: none; }
</style></head><body><div class="comment"><div class="head"><b>github-actions</b> bot commented</div><div class="body">
${md.render(markdown.replace(/^<!--.*-->\n/, ''))}
</div></div>
<script src="file://${join(root, 'node_modules/mermaid/dist/mermaid.min.js')}"></script>
<script>mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: '${c.mermaid}' });
mermaid.run({ querySelector: 'pre.mermaid' }).then(() => { document.body.dataset.done = '1'; }, (e) => { document.body.dataset.done = 'error: ' + e; });</script>
</body></html>`;
}

const dir = mkdtempSync(join(tmpdir(), 'cjm-shot-html-'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  for (const s of scenarios) {
    const markdown = review(s);
    writeFileSync(join(root, `docs/images/${s.name}.md`), markdown);
    for (const [theme, colours] of Object.entries(themes)) {
      const html = join(dir, `${s.name}-${theme}.html`);
      writeFileSync(html, page(markdown, colours));
      const p = await browser.newPage({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 1, colorScheme: theme });
      await p.goto('file://' + html);
      await p.waitForFunction(() => document.body.dataset.done, null, { timeout: 30000 });
      const done = await p.evaluate(() => document.body.dataset.done);
      if (done !== '1') throw new Error(done);
      const out = `docs/images/${s.name}${theme === 'dark' ? '-dark' : ''}.png`;
      await (await p.$('.comment')).screenshot({ path: join(root, out) });
      await p.close();
      console.log(`wrote ${out}`);
    }
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
