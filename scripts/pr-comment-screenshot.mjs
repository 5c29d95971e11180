// Draws one PR comment the way GitHub shows it, approximately, for docs/review.md:
// `cjm diff --format pr-comment` on a change to examples/online-shop.cjm, Markdown → HTML
// with marked (GitHub-flavoured), Mermaid blocks drawn by the pinned mermaid in headless
// Chromium. Not run by the tests; rerun after changing the comment's layout:
//   node scripts/build.mjs && node scripts/pr-comment-screenshot.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cjm-shot-'));
const before = readFileSync(join(root, 'examples/online-shop.cjm'), 'utf8');
// The pull request: guest checkout ships, so signing up stops hurting; paying gets a typo.
const after = before
  .replace('emotion: frustrated', 'emotion: satisfied')
  .replace('          - No guest checkout\n', '')
  .replace('        emotion: anxious\n', '        emotion: anxius\n');
writeFileSync(join(dir, 'before.cjm'), before);
writeFileSync(join(dir, 'after.cjm'), after);
let markdown;
{
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'diff', '--format', 'pr-comment', 'before.cjm', 'after.cjm'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  markdown = r.stdout.replace(/before\.cjm → after\.cjm/g, 'maps/online-shop.cjm');
}
writeFileSync(join(root, 'docs/images/pr-comment.md'), markdown);

const renderer = new marked.Renderer();
const code = renderer.code.bind(renderer);
renderer.code = (token) => (token.lang === 'mermaid' ? `<pre class="mermaid">${token.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>` : code(token));
const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; background: #f6f8fa; margin: 0; padding: 16px; }
.comment { max-width: 860px; border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; }
.head { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; border-radius: 6px 6px 0 0; color: #59636e; }
.head b { color: #1f2328; }
.body { padding: 8px 16px 16px; }
table { border-collapse: collapse; margin: 8px 0 16px; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 4px 10px; } th { font-weight: 600; } tr:nth-child(2n) { background: #f6f8fa; }
code { background: #eff1f3; border-radius: 4px; padding: 1px 4px; font-size: 85%; }
h3 { font-size: 1.25em; margin: 8px 0; } h4 { font-size: 1em; margin: 16px 0 8px; }
blockquote { border-left: 4px solid #0969da; margin: 0; padding: 0 12px; color: #59636e; }
pre.mermaid { background: none; text-align: center; }
a { color: #0969da; text-decoration: none; }
</style></head><body><div class="comment"><div class="head"><b>github-actions</b> bot commented</div><div class="body">
${marked.parse(markdown, { gfm: true, renderer })}
</div></div>
<script src="file://${join(root, 'node_modules/mermaid/dist/mermaid.min.js')}"></script>
<script>mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
mermaid.run({ querySelector: 'pre.mermaid' }).then(() => { document.body.dataset.done = '1'; }, (e) => { document.body.dataset.done = 'error: ' + e; });</script>
</body></html>`;
writeFileSync(join(dir, 'comment.html'), html);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 1 });
  await page.goto('file://' + join(dir, 'comment.html'));
  await page.waitForFunction(() => document.body.dataset.done, null, { timeout: 30000 });
  const done = await page.evaluate(() => document.body.dataset.done);
  if (done !== '1') throw new Error(done);
  await (await page.$('.comment')).screenshot({ path: join(root, 'docs/images/pr-comment.png') });
} finally {
  await browser.close();
}
console.log('wrote docs/images/pr-comment.png and docs/images/pr-comment.md');
