import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { stepEmotions } from '@cjm/core';
import { analyzeFile, example, where } from '../helpers';

const files = readdirSync(example()).filter((f) => f.endsWith('.cjm')).sort();
test('there are at least seven complete example maps', () => {
  assert.ok(files.length >= 7, files.join(', '));
});

for (const file of files) {
  test(`${file} analyses with no diagnostics at all and is a complete map`, () => {
    const a = analyzeFile(example(file));
    assert.deepEqual(a.diagnostics.map((d) => `${where(a, d)} ${d.severity} ${d.code} ${d.message}`), []);
    const m = a.map;
    assert.ok(m.stages.length >= 5, `${file}: ${m.stages.length} stages`);
    const steps = m.stages.flatMap((s) => s.steps);
    assert.ok(steps.length >= 8 && steps.length <= 20, `${file}: ${steps.length} steps`);
    assert.ok(m.personas.length >= 1 && m.channels.length >= 1, `${file}: personas and channels`);
    // A multi-persona map writes one emotion per persona: every one of them must be drawable.
    const emotions = steps.map((s) => [...stepEmotions(s).values()]);
    assert.ok(emotions.every((list) => list.length && list.every((e) => e.score !== undefined)), `${file}: every step has an emotion the curve can draw`);
    const scores = emotions.flat().map((e) => e.score!);
    assert.ok(Math.max(...scores) > 0 && Math.min(...scores) < 0, `${file}: the curve rises and falls`);
    assert.ok(steps.some((s) => s.pains.length) && steps.some((s) => s.joys.length), `${file}: pains and joys`);
    const opportunities = [...m.opportunities, ...m.stages.flatMap((s) => [...s.opportunities, ...s.steps.flatMap((st) => st.opportunities)])];
    assert.ok(opportunities.some((o) => o.impact && o.effort && o.owner), `${file}: a prioritised opportunity with an owner`);
    assert.ok(m.sources.length >= 1 && steps.some((s) => s.evidence.some((e) => e.source)), `${file}: evidence cites sources`);
    assert.ok(m.kpis.length >= 1, `${file}: KPIs`);
  });
}

test('the Russian example is written in Russian with Russian emotion names', () => {
  const a = analyzeFile(example('bank-omnichannel-ru.cjm'));
  assert.equal(a.map.language?.value, 'ru');
  assert.match(a.map.title!.value, /[\u0400-\u04ff]/);
  const steps = a.map.stages.flatMap((s) => s.steps);
  for (const s of steps) assert.match(s.name!.value, /[\u0400-\u04ff]/, s.name!.value);
  const written = steps.map((s) => s.emotion?.raw);
  assert.ok(written.includes('тревога') && written.includes('радость'), written.join(', '));
  assert.ok(['branch', 'app', 'web'].every((c) => a.map.channels.some((ch) => ch.id?.value === c)));
  assert.ok(a.map.personas.length >= 2);
});

test('the Polish example is written in Polish with Polish emotion names', () => {
  const a = analyzeFile(example('sklep-internetowy-pl.cjm'));
  assert.equal(a.map.language?.value, 'pl');
  assert.match(a.text, /[ąćęłńóśźż]/);
  const steps = a.map.stages.flatMap((s) => s.steps);
  const polishNames = steps.filter((s) => s.emotion?.info && s.emotion.locale === 'pl');
  assert.ok(polishNames.length >= 3, steps.map((s) => s.emotion?.raw).join(', '));
});

test('the service blueprint fills frontstage, backstage and support on every step', () => {
  const a = analyzeFile(example('service-blueprint.cjm'));
  assert.equal(a.map.kind?.value, 'service-blueprint');
  for (const s of a.map.stages.flatMap((st) => st.steps)) {
    assert.ok(s.frontstage.length && s.backstage.length && s.support.length, s.name?.value);
  }
});

test('the city app uses custom lanes, Mermaid scores and plain numeric scores', () => {
  const a = analyzeFile(example('city-app.cjm'));
  assert.ok(a.map.lanes.length >= 2);
  const steps = a.map.stages.flatMap((s) => s.steps);
  const forms = new Set(steps.map((s) => s.emotion?.form));
  assert.deepEqual([...forms].sort(), ['mermaid', 'name', 'score']);
  assert.ok(steps.some((s) => s.lanes.length));
});

/** Each broken example and the codes it exists to show (it may trigger follow-on infos too). */
const BROKEN: Record<string, string[]> = {
  'yaml-syntax.cjm': ['yaml-syntax'],
  'unknown-key.cjm': ['unknown-key', 'missing-field'],
  'undeclared-reference.cjm': ['undeclared-reference'],
  'unknown-emotion.cjm': ['unknown-emotion'],
  'score-out-of-range.cjm': ['score-out-of-range'],
  'duplicate-id.cjm': ['duplicate-id', 'duplicate-key'],
  'missing-field.cjm': ['missing-field'],
  'wrong-type.cjm': ['wrong-type', 'invalid-value'],
  'version-and-kind.cjm': ['unsupported-version', 'unknown-kind'],
  'hostile.cjm': ['unsafe-url', 'unknown-key'],
  'alias-bomb.cjm': ['alias-limit'],
};

test('every broken example is listed, triggers the codes it is for, and keeps its ranges inside the text', () => {
  const files = readdirSync(example('broken')).filter((f) => f.endsWith('.cjm')).sort();
  assert.deepEqual(files, Object.keys(BROKEN).sort());
  const readme = readFileSync(example('broken', 'README.md'), 'utf8');
  for (const file of files) {
    assert.ok(readme.includes(`(${file})`), `${file} is in broken/README.md`);
    const a = analyzeFile(example('broken', file));
    const codes = new Set(a.diagnostics.map((d) => d.code));
    for (const c of BROKEN[file]) assert.ok(codes.has(c as never), `${file}: expected ${c}, got ${[...codes].join(', ')}`);
    assert.ok(!codes.has('internal-error'), file);
    for (const d of a.diagnostics) assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= a.text.length, `${file}: ${d.code}`);
  }
});

test('hostile text stays text: titles keep their markup verbatim and the javascript: url is flagged where it is', () => {
  const a = analyzeFile(example('broken', 'hostile.cjm'));
  assert.equal(a.map.title?.value, '<script>alert("title")</script> Checkout');
  const url = a.map.sources[0].url!;
  assert.equal(url.value, 'javascript:alert(document.cookie)');
  const d = a.diagnostics.find((x) => x.code === 'unsafe-url')!;
  assert.deepEqual(d.span, url.span);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('every example is already in the formatter\'s canonical layout', async () => {
  const { formatText } = await import('@cjm/core');
  for (const file of files) {
    const r = formatText(readFileSync(example(file), 'utf8'));
    assert.ok(r.ok, `${file}: ${!r.ok && r.reason}`);
    assert.equal(r.changed, false, `${file} is not canonical: run \`cjm fmt --write examples/\``);
  }
});

test('the Russian current/future pair shares its personas, channels, teams and sources through a library, and is clean and canonical', async () => {
  const { analyzeWithImports, formatText, resolveBaseline } = await import('@cjm/core');
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  for (const file of ['bank-library.cjm', 'current.cjm', 'future.cjm']) {
    const path = example('library', file);
    const a = analyzeWithImports(read(path)!, path, { read, root: example() });
    assert.deepEqual(a.diagnostics.map((d) => `${file} ${where(a, d)} ${d.code} ${d.message}`), []);
    const f = formatText(read(path)!);
    assert.ok(f.ok && !f.changed, `${file} is not canonical`);
    if (file === 'bank-library.cjm') assert.equal(a.map.stages.length, 0);
    else {
      assert.equal(a.map.personas.length, 0, `${file} declares no personas of its own`);
      assert.equal(a.imports.ids('persona').length, 2);
    }
  }
  const future = analyzeWithImports(read(example('library', 'future.cjm'))!, example('library', 'future.cjm'), { read, root: example() });
  assert.ok(resolveBaseline(future, example('library', 'future.cjm'), { read, root: example() }).baseline);
});
