/**
 * One fixture per diagnostic rule that triggers it, and one (`.ok.cjm`) that must not.
 * A triggering fixture names its expectation in its first line:
 *   # expect: <code> "<text>" [n] [end]
 * meaning the diagnostic's range is exactly the n-th (0-based) occurrence of <text>
 * after the header line, or, with `end`, starts where that text ends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { DIAGNOSTIC_CODES, analyze } from '@cjm/core';
import { fixture, where } from '../helpers';

const dir = fixture('rules');
const files = readdirSync(dir).filter((f) => f.endsWith('.cjm'));

for (const file of files.filter((f) => !f.endsWith('.ok.cjm'))) {
  test(`rule fixture ${file} triggers its rule at the expected range`, () => {
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    const m = /^# expect: ([a-z-]+) "([^"]+)"(?: (\d+))?( end)?/.exec(text);
    assert.ok(m, `${file} has no "# expect:" header`);
    const [, code, snippet, nth, atEnd] = m;
    assert.equal(file, `${code}.cjm`);
    const bodyStart = text.indexOf('\n') + 1;
    let at = bodyStart - 1;
    for (let i = 0; i <= Number(nth ?? 0); i++) {
      at = text.indexOf(snippet, at + 1);
      assert.ok(at >= 0, `snippet "${snippet}" not found in ${file}`);
    }
    const a = analyze(text);
    const found = a.diagnostics.filter((d) => d.code === code);
    assert.ok(found.length > 0, `${file}: no ${code}; got ${a.diagnostics.map((d) => d.code).join(', ')}`);
    const d = found[0];
    assert.equal(d.severity, DIAGNOSTIC_CODES[code as keyof typeof DIAGNOSTIC_CODES]);
    if (atEnd) assert.equal(d.span.start, at + snippet.length, `${file}: ${where(a, d)}`);
    else assert.deepEqual([d.span.start, d.span.end], [at, at + snippet.length], `${file}: got ${where(a, d)} "${text.slice(d.span.start, d.span.end)}"`);
    assert.ok(d.message.length > 10);
  });
}

for (const file of files.filter((f) => f.endsWith('.ok.cjm'))) {
  test(`near-miss fixture ${file} does not trigger ${file.replace('.ok.cjm', '')}`, () => {
    const code = file.replace('.ok.cjm', '');
    const a = analyze(readFileSync(`${dir}/${file}`, 'utf8'));
    assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${where(a, d)} ${d.message}`), []);
    assert.ok(code in DIAGNOSTIC_CODES);
  });
}

/** Codes one file alone cannot trigger: they need other files (test/core/imports.test.ts, baseline.test.ts). */
const CROSS_FILE = new Set(['missing-file', 'circular-use', 'refused-file']);

test('every diagnostic code has a triggering fixture, except internal-error and too-large (tested in robustness) and the cross-file ones', () => {
  const covered = new Set(files.filter((f) => !f.endsWith('.ok.cjm')).map((f) => f.replace('.cjm', '')));
  const missing = Object.keys(DIAGNOSTIC_CODES).filter((c) => !covered.has(c) && c !== 'internal-error' && c !== 'too-large' && !CROSS_FILE.has(c));
  assert.deepEqual(missing, []);
});
