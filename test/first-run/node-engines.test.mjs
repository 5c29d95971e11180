// package.json promises the Node versions the README's commands work on (`engines.node`). Every
// package `npm ci` installs must accept the oldest of them, or `npm install && npm start` prints
// EBADENGINE warnings (as @vscode/vsce 4 and @azure/identity 4.13+ did, wanting Node 22) and may
// fail on a Node the README allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// npm's own range logic (semver is installed with @vscode/vsce), so ranges read as npm reads them.
const semver = createRequire(join(root, 'package.json'))('semver');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

test('every locked package accepts the oldest Node that package.json allows', () => {
  const oldest = semver.minVersion(pkg.engines.node).version;
  const wanting = Object.entries(lock.packages)
    .filter(([path, p]) => path && p.engines?.node && !semver.satisfies(oldest, p.engines.node))
    .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${p.engines.node}`);
  assert.deepEqual(wanting, [], `package.json says node ${pkg.engines.node}; raise it or pin these to releases that run on Node ${oldest}`);
});

test('the running Node is one package.json allows', () => {
  assert.ok(semver.satisfies(process.version, pkg.engines.node), `node ${process.version} is outside ${pkg.engines.node}`);
});

test('the lock file is in step with package.json', () => {
  const wanted = { ...pkg.dependencies, ...pkg.devDependencies };
  const locked = lock.packages[''];
  assert.deepEqual({ ...locked.dependencies, ...locked.devDependencies }, wanted, 'run `npm install` to update package-lock.json');
  for (const [name, range] of Object.entries(wanted)) {
    const version = lock.packages[`node_modules/${name}`]?.version;
    assert.ok(version && semver.satisfies(version, range), `${name}: locked ${version}, package.json wants ${range}`);
  }
});
