/**
 * `baseline:` names the current-state map a future-state map improves on: read like `use:`
 * (relative, inside the workspace, through a reader), compared with the semantic diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, diagnosticMessage, resolveBaseline } from '@cjm/core';
import { example } from '../helpers';

const current = readFileSync(example('library', 'current.cjm'), 'utf8');
const future = readFileSync(example('library', 'future.cjm'), 'utf8');
const files: Record<string, string> = { '/ws/library/current.cjm': current, '/ws/library/future.cjm': future };

test('the baseline is read relative to the map and compared step by step, matched by id', () => {
  const r = resolveBaseline(analyze(future), '/ws/library/future.cjm', { read: (p) => files[p], root: '/ws', locale: 'ru' });
  assert.deepEqual(r.diagnostics, []);
  assert.ok(r.baseline);
  assert.equal(r.baseline.path, '/ws/library/current.cjm');
  const kinds = r.baseline.diff!.changes.map((c) => c.kind);
  assert.ok(kinds.includes('step-added'), kinds.join());
  assert.ok(kinds.includes('step-removed'), kinds.join());
  // The courier step and the first login feel better in the future state.
  assert.equal(kinds.filter((k) => k === 'emotion-rose').length, 2, kinds.join());
});

test('a missing, refused or self baseline is an error at `baseline:`, in every language', () => {
  const at = (text: string, d: { span: { start: number; end: number } }) => text.slice(d.span.start, d.span.end);
  const missing = future.replace(/^baseline: .*$/m, 'baseline: ./as-is.cjm');
  const m = resolveBaseline(analyze(missing), '/ws/library/future.cjm', { read: (p) => files[p], root: '/ws' });
  assert.deepEqual(m.diagnostics.map((d) => [d.code, at(missing, d)]), [['missing-file', './as-is.cjm']]);
  assert.equal(diagnosticMessage(m.diagnostics[0], 'pl'), 'Nie znaleziono pliku `./as-is.cjm`.');
  const outside = future.replace(/^baseline: .*$/m, 'baseline: ../../etc/current.cjm');
  const o = resolveBaseline(analyze(outside), '/ws/library/future.cjm', { read: () => { throw new Error('must not read'); }, root: '/ws' });
  assert.deepEqual(o.diagnostics.map((d) => d.code), ['refused-file']);
  const self = future.replace(/^baseline: .*$/m, 'baseline: future.cjm');
  const s = resolveBaseline(analyze(self), '/ws/library/future.cjm', { read: (p) => files[p], root: '/ws' });
  assert.deepEqual(s.diagnostics.map((d) => d.code), ['circular-use']);
  assert.equal(diagnosticMessage(s.diagnostics[0], 'ru'), 'Карта не может быть базовой для самой себя.');
});

test('`cjm check` and the editor see a baseline problem with the map\'s own diagnostics, without comparing', async () => {
  const { withBaselineDiagnostics } = await import('@cjm/core');
  const missing = future.replace(/^baseline: .*$/m, 'baseline: ./as-is.cjm');
  const a = analyze(missing);
  const r = resolveBaseline(a, '/ws/library/future.cjm', { read: (p) => files[p], root: '/ws', compare: false });
  const linked = withBaselineDiagnostics(a, r);
  assert.ok(linked.diagnostics.some((d) => d.code === 'missing-file'));
  const ok = resolveBaseline(analyze(future), '/ws/library/future.cjm', { read: (p) => files[p], root: '/ws', compare: false });
  assert.ok(ok.baseline && !ok.baseline.diff);
});
