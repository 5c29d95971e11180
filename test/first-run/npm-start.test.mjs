// The README's run command, `npm start`, as a newcomer runs it: in a fresh clone (no .cache/run,
// no playground, no dist/), as a process. Without a `code` command it must print an address
// where a workbench with cjm active on the examples opens, with git working; with a `code`
// command it must hand `code` the extension and a git repository of the examples.
// Everything it starts is stopped by process group, and checked to be gone.
// Run by `npm test` (scripts/test-all.mjs, stage "first run"); alone: `node --test test/first-run/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, setupCodeServer } from '../../scripts/code-server/setup.mjs';
import * as h from '../../scripts/code-server/harness.mjs';
import { freshClone } from './fresh-clone.mjs';

const START_TIMEOUT_MS = 5 * 60_000;

/** `npm start` in its own process group; resolves the printed address and code-server's pid. */
function npmStart(cwd, env) {
  const child = spawn('npm', ['start'], { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exit = null;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exit = { code, signal }))));
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output)?.[1];
      const pid = /code-server pid (\d+)/.exec(output)?.[1];
      if (url && pid) resolve({ url, codeServerPid: Number(pid) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => reject(new Error(`npm start exited (${code ?? signal}) before printing an address:\n${output.slice(-3000)}`)));
  });
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    pid: child.pid,
    ready: h.withTimeout(ready, START_TIMEOUT_MS, 'npm start to print the address'),
    output: () => output,
    exited,
    alive,
    /** What a user's Ctrl+C does (SIGINT to the terminal's process group); SIGKILL whatever is left. */
    async stop(codeServerPid) {
      if (!exit) {
        try {
          process.kill(-child.pid, 'SIGINT');
        } catch {}
        await Promise.race([exited, h.sleep(20_000)]);
      }
      const survivors = [child.pid, codeServerPid].filter((pid) => pid && alive(pid));
      for (const pid of survivors) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {}
      }
      return survivors;
    },
  };
}

const git = (cwd, ...args) => spawnSync('git', args, { cwd, encoding: 'utf8' });

test('npm start from a fresh clone, without a `code` command: prints an address; the workbench has cjm active on the examples, git comparison works; Ctrl+C stops everything', { timeout: 10 * 60_000 }, async () => {
  ensureChromium();
  setupCodeServer();
  const clone = freshClone();
  const log = h.logger(join(h.resultsDir, 'first-run-npm-start-console.log'));
  let run;
  let codeServerPid;
  let browser;
  let page;
  try {
    assert.ok(!existsSync(join(clone.dir, '.cache/run')) && !existsSync(join(clone.dir, 'dist')), 'the clone starts without .cache/run and dist/');
    run = npmStart(clone.dir, { CJM_USE_CODE_SERVER: '1', CJM_PORT: '' });
    const { url, codeServerPid: pid } = await run.ready;
    codeServerPid = pid;
    log(`[npm start] ${url} (code-server pid ${pid})`);
    const playground = decodeURIComponent(new URL(url).searchParams.get('folder'));
    assert.equal(playground, join(clone.dir, '.cache/playground'), 'the workbench opens the playground');
    assert.equal(git(playground, 'rev-parse', '--show-toplevel').stdout.trim(), playground, 'the playground is a git repository of its own');
    assert.equal(git(playground, 'status', '--porcelain').stdout, '', 'the playground starts with everything committed');

    // A change since HEAD for "Compare Preview with HEAD" to show: Anna is no longer frustrated at sign-up.
    const shop = join(playground, 'online-shop.cjm');
    const before = readFileSync(shop, 'utf8');
    assert.match(before, /emotion: frustrated/);
    writeFileSync(shop, before.replace('emotion: frustrated', 'emotion: satisfied'));

    const b = await h.launchBrowser();
    browser = b;
    page = await h.newPage(b.browser, { log });
    await h.openWorkbench(page, url);
    await h.openFromExplorer(page, 'online-shop.cjm');
    await h.waitForProblems(page, 60_000);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('V');
    const preview = await h.waitUntil(() => h.frameWithText(page, 'Creates an account'), 'the preview (Ctrl+K V) to show the step "Creates an account"', 60_000);
    const text = await preview.evaluate(() => document.body.innerText);
    for (const s of ['First order in the online shop', 'Awareness', 'Purchase']) assert.ok(text.includes(s), `"${s}" in the preview: ${text.slice(0, 300)}`);
    await h.screenshot(page, 'first-run-npm-start-preview');

    // git works: the map against HEAD, one changed emotion.
    await page.locator('.editor-group-container .monaco-editor').first().click();
    await h.runCommand(page, 'CJM: Compare Preview with HEAD');
    // The diff's summary counts the one changed step.
    await h.waitUntil(
      () => h.findInFrames(page, () => /Changed:\s*1\b/.test(document.body?.innerText ?? '') && /Removed:\s*0\b/.test(document.body.innerText)),
      'the visual diff against HEAD to count one changed step',
      60_000,
    );
    await h.screenshot(page, 'first-run-npm-start-compare-head');

    // A map in no repository (a new, unsaved one): the message says what to do and leads to Source Control.
    await h.runCommand(page, 'CJM: New Journey Map');
    // Two questions: the map's language, then its kind; the first choice of each will do.
    // The language question itself, not the command palette's row that is still closing.
    await page.locator('.quick-input-widget input[placeholder*="language" i]').waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[placeholder*="kind" i]').waitFor({ state: 'visible' });
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    // An untitled tab is labelled with its first line; "Untitled-1" is its description.
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).first().waitFor({ state: 'visible' });
    await h.runCommand(page, 'CJM: Compare Preview with HEAD');
    const toast = page.locator('.notification-toast', { hasText: 'is not in a git repository' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await toast.innerText(), /Initialize Repository/);
    await h.screenshot(page, 'first-run-npm-start-no-repository');
    await toast.locator('.monaco-button', { hasText: 'Open Source Control' }).click();
    await h.waitUntil(() => page.locator('[id="workbench.view.scm"]').first().isVisible(), 'the Source Control view to open', 15_000);
    await h.screenshot(page, 'first-run-npm-start-source-control');
  } catch (e) {
    if (page) await h.screenshot(page, 'first-run-npm-start-failure');
    throw new Error(`${e.message}\n(screenshot: test-results/first-run-npm-start-failure.png)\n--- npm start output ---\n${run?.output().slice(-2000) ?? ''}`);
  } finally {
    await browser?.close();
    const survivors = run ? await run.stop(codeServerPid) : [];
    const leftovers = existsSync(join(clone.dir, '.cache/run')) ? readdirSync(join(clone.dir, '.cache/run')) : [];
    clone.remove();
    assert.deepEqual(survivors, [], 'npm start and its code-server stop on Ctrl+C');
    assert.deepEqual(leftovers, [], 'npm start removes its scratch folder when stopped');
  }
  const stopped = await run.exited;
  assert.ok(stopped.code === 130 || stopped.signal === 'SIGINT' || stopped.code === 0, `npm start ended by Ctrl+C (${JSON.stringify(stopped)})`);
});

test('npm start from a fresh clone, with a `code` command: opens the playground repository with the extension under development', { timeout: 3 * 60_000 }, async () => {
  const clone = freshClone();
  try {
    const bin = join(clone.dir, '..', 'bin');
    mkdirSync(bin);
    const argsFile = join(clone.dir, '..', 'code-args.txt');
    // Stands in for VS Code's launcher: answers --version, records what it was asked to open.
    writeFileSync(join(bin, 'code'), `#!/bin/sh\nif [ "$1" = "--version" ]; then echo 1.96.4; exit 0; fi\nprintf '%s\\n' "$@" > '${argsFile}'\n`);
    chmodSync(join(bin, 'code'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    delete env.CJM_USE_CODE_SERVER;
    const r = spawnSync('npm', ['start'], { cwd: clone.dir, env, encoding: 'utf8', timeout: 150_000 });
    assert.equal(r.status, 0, `npm start exited with ${r.status ?? r.signal}:\n${r.stdout}${r.stderr}`);
    const args = readFileSync(argsFile, 'utf8').trim().split('\n');
    const playground = join(clone.dir, '.cache/playground');
    assert.deepEqual(args, [`--extensionDevelopmentPath=${clone.dir}`, playground]);
    assert.ok(existsSync(join(clone.dir, 'dist/client/extension.js')), 'the extension is built before `code` opens it');
    assert.ok(existsSync(join(playground, 'online-shop.cjm')), 'the playground holds the examples');
    assert.equal(git(playground, 'rev-parse', '--show-toplevel').stdout.trim(), playground);
    assert.equal(git(playground, 'rev-list', '--count', 'HEAD').stdout.trim(), '1', 'one commit to compare with');
    assert.equal(git(playground, 'status', '--porcelain').stdout, '');
    assert.ok(!existsSync(join(clone.dir, '.cache/run')), 'no code-server scratch folder on this path');
  } finally {
    clone.remove();
  }
});

test('npm start with a CJM_PORT that is not a port: says so and exits 2 before building or copying anything', { timeout: 60_000 }, () => {
  const clone = freshClone();
  try {
    const r = spawnSync('npm', ['start'], { cwd: clone.dir, env: { ...process.env, CJM_USE_CODE_SERVER: '1', CJM_PORT: '80a' }, encoding: 'utf8', timeout: 50_000 });
    assert.equal(r.status, 2, `${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /CJM_PORT=80a is not a port number \(1-65535\)/);
    assert.ok(!existsSync(join(clone.dir, '.cache/playground')) && !existsSync(join(clone.dir, 'dist')), 'nothing made');
  } finally {
    clone.remove();
  }
});
