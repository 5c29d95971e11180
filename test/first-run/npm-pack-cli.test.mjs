// The command line installable on its own: `npm pack` in a fresh clone (no dist/; `prepack`
// builds) gives a tarball holding exactly what the `cjm` and `cjm-language-server` bins need;
// installed into an empty prefix (its dependencies from the registry, as a user gets them), both
// run outside the repository: `cjm check` and `cjm render`, and the language server answering
// `initialize` over stdio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshClone } from './fresh-clone.mjs';

const EXPECTED = ['package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/dist/server.js', 'package/package.json'];

/** One LSP request over stdio (Content-Length framing); resolves its response. */
function lspRequest(child, id, method, params) {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const header = buf.indexOf('\r\n\r\n');
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, header).toString())?.[1]);
        if (buf.length < header + 4 + length) return;
        const message = JSON.parse(buf.subarray(header + 4, header + 4 + length).toString('utf8'));
        buf = buf.subarray(header + 4 + length);
        if (message.id === id) {
          child.stdout.off('data', onData);
          resolve(message);
          return;
        }
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the language server exited (${code}) before answering ${method}`)));
    const body = JSON.stringify({ jsonrpc: '2.0', id, method, params });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

test('npm pack gives the command line alone; installed into an empty prefix, cjm checks and renders a map and cjm-language-server answers initialize', { timeout: 5 * 60_000 }, async () => {
  const clone = freshClone();
  const work = join(clone.dir, '..', 'user');
  mkdirSync(work);
  try {
    const pack = spawnSync('npm', ['pack', '--pack-destination', work], { cwd: clone.dir, encoding: 'utf8', timeout: 3 * 60_000 });
    assert.equal(pack.status, 0, `npm pack failed:\n${pack.stdout}${pack.stderr}`);
    // The build's own output shares stdout; npm prints the tarball's name last.
    const tarball = join(work, pack.stdout.trim().split('\n').pop());
    const listed = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    assert.deepEqual(listed, EXPECTED, 'the tarball holds the two bundled bins and the package documents, nothing else');

    const prefix = join(work, 'prefix');
    const install = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: work, encoding: 'utf8', timeout: 3 * 60_000 });
    assert.equal(install.status, 0, `npm install of the tarball failed:\n${install.stdout}${install.stderr}`);
    assert.doesNotMatch(install.stderr, /EBADENGINE/, 'the installed package and its dependencies accept this Node');
    const installed = JSON.parse(readFileSync(join(prefix, 'node_modules/cjm/package.json'), 'utf8'));
    const bin = (name) => join(prefix, 'node_modules/.bin', name);
    // No path back into the repository: a user's machine has only the prefix.
    const env = { ...process.env, NODE_PATH: '' };

    copyFileSync(join(clone.dir, 'examples/online-shop.cjm'), join(work, 'online-shop.cjm'));
    const check = spawnSync(bin('cjm'), ['check', 'online-shop.cjm'], { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(check.status, 0, `cjm check failed:\n${check.stdout}${check.stderr}`);
    assert.match(check.stdout + check.stderr, /1 file checked: 0 errors/);

    writeFileSync(join(work, 'broken.cjm'), 'cjm: 1\ntitle: Broken\nstages:\n  - id: purchase\n    steps:\n      - name: Pays\n        emotion: 12\n');
    const broken = spawnSync(bin('cjm'), ['check', 'broken.cjm'], { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(broken.status, 1, `cjm check exits 1 on an error:\n${broken.stdout}${broken.stderr}`);
    assert.match(broken.stdout + broken.stderr, /^broken\.cjm:7:\d+ error /m, 'the error is reported with its position');

    const version = spawnSync(bin('cjm'), ['--version'], { cwd: work, env, encoding: 'utf8' });
    assert.equal(version.stdout.trim(), installed.version);

    const svg = spawnSync(bin('cjm'), ['render', 'online-shop.cjm', '--format', 'svg', '-o', 'shop.svg'], { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(svg.status, 0, `cjm render --format svg failed:\n${svg.stdout}${svg.stderr}`);
    assert.match(readFileSync(join(work, 'shop.svg'), 'utf8'), /<svg[^>]*>[\s\S]*First order in the online shop/);
    // PNG goes through @resvg/resvg-js, the package's one run-time dependency (a native module).
    const png = spawnSync(bin('cjm'), ['render', 'online-shop.cjm', '--format', 'png', '-o', 'shop.png'], { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(png.status, 0, `cjm render --format png failed:\n${png.stdout}${png.stderr}`);
    assert.equal(readFileSync(join(work, 'shop.png')).subarray(1, 4).toString('latin1'), 'PNG');

    const server = spawn(bin('cjm-language-server'), ['--stdio'], { cwd: work, env, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const timer = setTimeout(() => server.kill('SIGKILL'), 30_000);
      const init = await lspRequest(server, 1, 'initialize', { processId: process.pid, rootUri: null, capabilities: {}, clientInfo: { name: 'first-run test' } });
      assert.ok(init.result?.capabilities?.textDocumentSync !== undefined, `initialize answered without capabilities: ${JSON.stringify(init).slice(0, 300)}`);
      assert.ok(init.result.capabilities.completionProvider, 'the server offers completion');
      const shutdown = await lspRequest(server, 2, 'shutdown', null);
      assert.equal(shutdown.error, undefined);
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.stdin.write(`Content-Length: 33\r\n\r\n{"jsonrpc":"2.0","method":"exit"}`);
      assert.equal(await exited, 0, 'the server exits cleanly after shutdown and exit');
      clearTimeout(timer);
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  } finally {
    clone.remove();
  }
});
