// The browser build's language server (dist/server.browser.js) in a real headless Chromium,
// started as the extension starts it where it is installed on a server (code-server,
// Codespaces): fetched, and run as a Worker from a blob: URL. The page speaks LSP to it over
// postMessage and answers the server's own requests as an idle client would. Shared by
// test/server/browser-worker.test.ts and bench/format-wait.mjs.
//
//   const s = await startBrowserServer({ nestedWorkers: false });   // as a browser that cannot
//                                                                   // start a Worker from a Worker
//   const s = await startBrowserServer({ nestedWorkers: 'refused' }); // one whose Worker constructor throws
//   await s.request('initialize', {...}); … await s.close();
// In the page: `lsp.request(method, params)` (resolves with the whole response message),
// `lsp.send(method, params)` (the request's id, answered into `lsp.responses`), `lsp.notify`.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

// The repository holding the script that runs (a bench, or a test bundled into out/): this
// module is bundled into tests as CommonJS, where import.meta does not exist.
const root = (() => {
  let dir = dirname(resolve(process.argv[1] ?? '.'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
const require = createRequire(join(root, 'package.json'));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const PAGE = `<!doctype html><meta charset="utf-8"><title>cjm server in a Worker</title><script>
window.lsp = (() => {
  let worker;
  let nextId = 0;
  const waiting = new Map();
  const responses = new Map();
  const notifications = [];
  // What an idle client answers to the server's own requests.
  const answer = (m) => (m.method === 'workspace/configuration' ? (m.params.items || []).map(() => null) : m.method === 'cjm/listFiles' ? [] : null);
  return {
    notifications,
    responses,
    async start(nestedWorkers) {
      const src = await (await fetch('/server.browser.js')).text();
      // A browser without Workers in Workers: the server sees no Worker constructor; or one whose
      // Worker constructor refuses (as a Content Security Policy without blob: Workers would).
      const prefix = nestedWorkers === 'refused'
        ? 'self.Worker = function () { throw new DOMException("Workers are not allowed here", "SecurityError"); };\\n'
        : nestedWorkers ? '' : 'self.Worker = undefined;\\n';
      const url = URL.createObjectURL(new Blob([prefix + src], { type: 'text/javascript' }));
      worker = new Worker(url, { name: 'cjm-language-server' });
      worker.onmessage = (e) => {
        const m = e.data;
        if (m.method !== undefined && m.id !== undefined) return worker.postMessage({ jsonrpc: '2.0', id: m.id, result: answer(m) });
        if (m.id !== undefined) {
          m.at = performance.now();
          responses.set(m.id, m);
          const w = waiting.get(m.id);
          waiting.delete(m.id);
          return w && w(m);
        }
        notifications.push(m);
      };
    },
    send(method, params) {
      const id = ++nextId;
      worker.postMessage({ jsonrpc: '2.0', id, method, params });
      return id;
    },
    request(method, params) {
      const id = this.send(method, params);
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    response(id) {
      return responses.has(id) ? Promise.resolve(responses.get(id)) : new Promise((resolve) => waiting.set(id, resolve));
    },
    notify(method, params) {
      worker.postMessage({ jsonrpc: '2.0', method, params });
    },
  };
})();
</script>`;

export async function startBrowserServer({ nestedWorkers = true, locale = 'en' } = {}) {
  const script = readFileSync(join(root, 'dist/server.browser.js'));
  const http = createServer((req, res) => {
    if (req.url === '/server.browser.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(script);
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${http.address().port}/`);
  await page.evaluate((n) => lsp.start(n), nestedWorkers);
  const request = (method, params) => page.evaluate(([m, p]) => lsp.request(m, p), [method, params]);
  const notify = (method, params) => page.evaluate(([m, p]) => lsp.notify(m, p), [method, params]);
  await request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { workspaceValidation: false, locale } });
  await notify('initialized', {});
  return {
    page,
    errors,
    request,
    notify,
    open: (uri, text) => notify('textDocument/didOpen', { textDocument: { uri, languageId: 'cjm', version: 1, text } }),
    /** the server's log and shown messages so far */
    messages: () => page.evaluate(() => lsp.notifications.filter((n) => n.method === 'window/logMessage' || n.method === 'window/showMessage').map((n) => n.params.message)),
    async close() {
      await browser.close();
      await new Promise((r) => http.close(r));
    },
  };
}
