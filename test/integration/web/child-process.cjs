// node:child_process for the web-worker extension host: there are no processes to start, so
// every call fails the way a missing binary would, and tests that need one skip themselves.
function unavailable() {
  const e = new Error('no child processes in the browser extension host');
  e.code = 'ENOENT';
  throw e;
}
module.exports = { execFileSync: unavailable, execFile: unavailable, spawnSync: unavailable, spawn: unavailable, execSync: unavailable, exec: unavailable };
