/**
 * `.cjm.yml` (core/repoConfig.ts): the typed configuration, every problem with its position
 * and in the reader's language, path globs, the diff policy and PR labels.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze, applyCheckSeverities, diffMaps, format, globMatcher, isIgnoredPath, parseRepoConfig, prLabels, repoConfigJsonSchema } from '@cjm/core';
import { ROOT, fixture } from '../helpers';

const FULL = `# the team's settings
version: 1
ignore:
  - drafts/
  - "*.wip.cjm"
diff:
  severity:
    emotion-dropped: error
    step-removed: info
  ignore: [team-changed, lane-changed]
check:
  severity:
    unused-declaration: warning
    stage-order: off
labels:
  emotion-dropped: journey-regression
  error: cjm-errors
`;

test('a full configuration reads into the typed object, without problems', () => {
  const { config, problems } = parseRepoConfig(FULL);
  assert.deepEqual(problems, []);
  assert.deepEqual(config, {
    ignore: ['drafts/', '*.wip.cjm'],
    diff: { severity: { 'emotion-dropped': 'error', 'step-removed': 'info' }, ignore: ['team-changed', 'lane-changed'] },
    check: { severity: { 'unused-declaration': 'warning', 'stage-order': 'off' } },
    labels: { kinds: { 'emotion-dropped': 'journey-regression' }, severities: { error: 'cjm-errors' } },
  });
  assert.deepEqual(parseRepoConfig('').problems, []);
  assert.deepEqual(parseRepoConfig('# nothing yet\n').config.ignore, []);
});

test('every problem has its line and column, a suggestion when one is close, and reads in Russian and Polish', () => {
  const text = 'diff:\n  severity:\n    emotion-drop: error\n    step-removed: fatal\nchek:\n  severity: {}\nlabels:\n  erorr: x\n';
  const { problems } = parseRepoConfig(text);
  const shown = problems.map((p) => `${p.line + 1}:${p.column + 1} ${p.severity} ${format('en', p.message)}`);
  assert.deepEqual(shown, [
    '3:5 error "emotion-drop" is not a change kind; did you mean "emotion-dropped"?',
    '4:19 error "diff.severity.step-removed" must be error, warning or info, not "fatal"',
    '5:1 warning unknown key "chek" in .cjm.yml, ignored; did you mean "check"?',
    '8:3 error "erorr" is neither a change kind nor a severity; did you mean "error"?',
  ]);
  assert.equal(format('ru', problems[0].message), '«emotion-drop» — не вид изменения; может быть, имелось в виду «emotion-dropped»?');
  assert.equal(format('pl', problems[0].message), '„emotion-drop” nie jest rodzajem zmiany; czy chodziło o „emotion-dropped”?');
});

test('broken or hostile files are problems, not exceptions: YAML errors, aliases, wrong shapes, deep nesting', () => {
  const yaml = parseRepoConfig('diff:\n  severity: [\n');
  assert.equal(yaml.problems.length, 1);
  assert.equal(yaml.problems[0].severity, 'error');
  assert.equal(format('en', yaml.problems[0].message), 'this is not valid YAML here');
  const alias = parseRepoConfig('x: &a error\ndiff:\n  severity:\n    step-removed: *a\n');
  assert.ok(alias.problems.some((p) => p.line === 3 && /aliases/.test(format('en', p.message))), JSON.stringify(alias.problems));
  assert.equal(format('en', parseRepoConfig('- a\n- b\n').problems[0].message), '".cjm.yml" must be a mapping of keys to values');
  assert.equal(format('en', parseRepoConfig('ignore: drafts\n').problems[0].message), '"ignore" must be a list');
  assert.equal(format('en', parseRepoConfig('version: 2\n').problems[0].message), 'version 2 is not supported; this cjm reads version 1');
  assert.equal(parseRepoConfig('ignore: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n').problems[0].severity, 'error');
  assert.equal(format('en', parseRepoConfig('check:\n  severity:\n    unused-declarations: off\n').problems[0].message), '"unused-declarations" is not a diagnostic code; did you mean "unused-declaration"?');
});

test('path globs: folders, names at any depth, anchored paths and ** ; never a path outside the folder', () => {
  const m = (g: string, p: string) => globMatcher(g)(p);
  assert.ok(m('drafts/', 'drafts/a.cjm'));
  assert.ok(m('drafts', 'maps/drafts/a.cjm'), 'a name without a slash matches at any depth');
  assert.ok(!m('/drafts', 'maps/drafts/a.cjm'), 'a leading slash anchors to the folder');
  assert.ok(m('/drafts', 'drafts/deep/a.cjm'));
  assert.ok(m('*.wip.cjm', 'maps/x/checkout.wip.cjm'));
  assert.ok(!m('*.wip.cjm', 'maps/checkout.cjm'));
  assert.ok(m('maps/*/old.cjm', 'maps/eu/old.cjm'));
  assert.ok(!m('maps/*/old.cjm', 'maps/eu/de/old.cjm'));
  assert.ok(m('maps/**/old.cjm', 'maps/eu/de/old.cjm'));
  assert.ok(m('maps/**/old.cjm', 'maps/old.cjm'));
  assert.ok(!m('**', '../outside.cjm'));
  assert.ok(!m('a.cjm/', 'a.cjm'), 'a trailing slash matches folders only');
  assert.ok(isIgnoredPath(parseRepoConfig(FULL).config, 'drafts/new.cjm'));
  assert.ok(!isIgnoredPath(parseRepoConfig(FULL).config, 'maps/new.cjm'));
});

test('the diff policy: a severity override shows in the change and the summary; an ignored kind is gone, and is still not "formatting only"', () => {
  const before = analyze(readFileSync(fixture('diff', 'emotion-dropped', 'before.cjm'), 'utf8'));
  const after = analyze(readFileSync(fixture('diff', 'emotion-dropped', 'after.cjm'), 'utf8'));
  const plain = diffMaps(before, after);
  const dropped = plain.changes.filter((c) => c.kind === 'emotion-dropped');
  assert.equal(dropped.length, 1);
  assert.equal(dropped[0].severity, 'warning');

  const stricter = diffMaps(before, after, { policy: { severity: { 'emotion-dropped': 'error' } } });
  assert.equal(stricter.changes.find((c) => c.kind === 'emotion-dropped')!.severity, 'error');
  assert.equal(stricter.summary.bySeverity.error, plain.summary.bySeverity.error + 1);
  assert.equal(stricter.summary.bySeverity.warning, plain.summary.bySeverity.warning - 1);

  const quiet = diffMaps(before, after, { policy: { ignore: plain.changes.map((c) => c.kind) } });
  assert.deepEqual(quiet.changes, []);
  assert.equal(quiet.formattingOnly, false);
  assert.equal(quiet.summary.counts['emotion-dropped'], undefined);
});

test('check severities: overridden, or switched off', () => {
  const { config } = parseRepoConfig('check:\n  severity:\n    unknown-key: error\n    empty-value: off\n');
  const ds = [
    { code: 'unknown-key' as const, severity: 'warning' as const },
    { code: 'empty-value' as const, severity: 'warning' as const },
    { code: 'stage-order' as const, severity: 'info' as const },
  ];
  assert.deepEqual(applyCheckSeverities(config, ds), [
    { code: 'unknown-key', severity: 'error' },
    { code: 'stage-order', severity: 'info' },
  ]);
});

test('PR labels by change kind and by severity, each once, sorted', () => {
  const { config } = parseRepoConfig(FULL);
  assert.deepEqual(prLabels(config, [{ kind: 'emotion-dropped', severity: 'error' }, { kind: 'error-introduced', severity: 'error' }, { kind: 'step-added', severity: 'info' }]), ['cjm-errors', 'journey-regression']);
  assert.deepEqual(prLabels(config, [{ kind: 'step-added', severity: 'info' }]), []);
});

test('schemas/cjm-config.schema.json is what repoConfigJsonSchema() generates (run `npm run gen:schema`)', () => {
  const committed = JSON.parse(readFileSync(join(ROOT, 'schemas', 'cjm-config.schema.json'), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(repoConfigJsonSchema())));
  const props = (committed.properties.diff.properties.severity.propertyNames.enum as string[]);
  assert.ok(props.includes('emotion-dropped') && props.includes('error-introduced'));
});
