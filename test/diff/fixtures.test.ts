import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CHANGE_KINDS, CHANGE_KIND_IDS, Change, ChangeKind, MapDiff, analyze, diffMaps } from '@cjm/core';
import { fixture } from '../helpers';

function load(name: string) {
  const before = readFileSync(fixture('diff', name, 'before.cjm'), 'utf8');
  const after = readFileSync(fixture('diff', name, 'after.cjm'), 'utf8');
  return { before, after, diff: diffMaps(analyze(before), analyze(after)) };
}

/** Exactly the kinds each fixture pair must produce, in order. */
const EXPECTED: Record<string, ChangeKind[]> = {
  'title-changed': ['title-changed'],
  'kind-changed': ['kind-changed'],
  'map-changed': ['map-changed'],
  'persona-added': ['persona-added'],
  'persona-removed': ['persona-removed'],
  'persona-changed': ['persona-changed'],
  'channel-added': ['channel-added'],
  'channel-removed': ['channel-removed'],
  'channel-changed': ['channel-changed'],
  'team-added': ['team-added'],
  'team-removed': ['team-removed'],
  'team-changed': ['team-changed'],
  'source-added': ['source-added'],
  'source-removed': ['source-removed'],
  'source-changed': ['source-changed'],
  'lane-added': ['lane-added'],
  'lane-removed': ['lane-removed'],
  'lane-changed': ['lane-changed'],
  'stage-added': ['stage-added'],
  'stage-removed': ['stage-removed'],
  'stage-renamed': ['stage-renamed'],
  'stage-renamed-id': ['stage-renamed'],
  'stage-replaced': ['stage-removed', 'stage-added'],
  'stage-moved': ['stage-moved'],
  'stage-changed': ['stage-changed'],
  'step-added': ['step-added'],
  'step-removed': ['step-removed'],
  'step-moved': ['step-moved'],
  'step-reordered': ['step-reordered'],
  'step-changed': ['step-changed'],
  'step-renamed': ['step-changed', 'step-changed'],
  'emotion-dropped': ['emotion-dropped'],
  'emotion-rose': ['emotion-rose'],
  'emotion-changed': ['emotion-changed'],
  'emotion-added': ['emotion-added'],
  'emotion-removed': ['emotion-removed'],
  'emotion-same-in-russian': [],
  'pain-added': ['pain-added'],
  'pain-resolved': ['pain-resolved'],
  'pain-reworded': ['pain-reworded'],
  'joy-reworded': ['joy-reworded'],
  'pains-reordered': [],
  'joy-added': ['joy-added'],
  'joy-removed': ['joy-removed'],
  'opportunity-added': ['opportunity-added'],
  'opportunity-removed': ['opportunity-removed'],
  'opportunity-changed': ['opportunity-changed'],
  'evidence-added': ['evidence-added'],
  'evidence-removed': ['evidence-removed'],
  'kpi-added': ['kpi-added'],
  'kpi-removed': ['kpi-removed'],
  'kpi-changed': ['kpi-changed'],
  'error-introduced': ['emotion-changed', 'error-introduced'],
  'error-fixed': ['emotion-changed', 'error-fixed'],
  'warning-introduced': ['warning-introduced'],
  'warning-fixed': ['warning-fixed'],
  'formatting-only': [],
};

const only = (d: MapDiff, kind: ChangeKind): Change => {
  const found = d.changes.filter((c) => c.kind === kind);
  assert.equal(found.length, 1, `one ${kind}, got ${JSON.stringify(d.changes.map((c) => c.kind))}`);
  return found[0];
};
const at = (text: string, c: Change, side: 'beforeAt' | 'afterAt') => {
  const loc = c[side];
  assert.ok(loc, `${c.kind} has ${side}`);
  return text.slice(loc.span.start, loc.span.end);
};

test('every fixture pair produces exactly its change kinds', () => {
  const dirs = readdirSync(fixture('diff')).sort();
  assert.deepEqual(dirs, Object.keys(EXPECTED).sort(), 'a fixture directory per expectation, and back');
  for (const name of dirs) {
    const { diff } = load(name);
    assert.deepEqual(diff.changes.map((c) => c.kind), EXPECTED[name], name);
    assert.equal(diff.identical, false, name);
    assert.equal(diff.formattingOnly, EXPECTED[name].length === 0, name);
  }
});

test('every change kind has a fixture', () => {
  const covered = new Set(Object.values(EXPECTED).flat());
  assert.deepEqual(CHANGE_KIND_IDS.filter((k) => !covered.has(k)), []);
});

test('formatting only: indentation, key order, quoting, flow style and comments are not changes', () => {
  const { diff } = load('formatting-only');
  assert.equal(diff.formattingOnly, true);
  assert.equal(diff.summary.headline, 'formatting only: no change to the journey');
  const same = diffMaps(analyze('cjm: 1\ntitle: A\nstages: []\n'), analyze('cjm: 1\ntitle: A\nstages: []\n'));
  assert.equal(same.identical, true);
  assert.equal(same.formattingOnly, false);
  assert.equal(same.summary.headline, 'no changes');
});

test('emotion: direction, scores, display values and both locations', () => {
  const { before, after, diff } = load('emotion-rose');
  const c = only(diff, 'emotion-rose');
  assert.deepEqual(c.path.map((p) => p.name), ['Checkout', 'Pays']);
  assert.deepEqual(c.path.map((p) => p.id), ['purchase', 'pay']);
  assert.equal(c.field, 'emotion');
  assert.equal(c.before, '😣 frustrated −2');
  assert.equal(c.after, '🙂 satisfied +1');
  assert.deepEqual(c.score, { before: -2, after: 1 });
  assert.equal(c.severity, 'info');
  assert.equal(at(before, c, 'beforeAt'), 'frustrated');
  assert.equal(at(after, c, 'afterAt'), 'satisfied');
  assert.equal(diff.summary.headline, 'Checkout: 1 step changed, emotion −2 → +1; 0 new errors');
  const stage = diff.emotions.stages.find((s) => s.stage.id === 'purchase')!;
  assert.deepEqual([stage.before, stage.after, stage.direction], [{ lowest: -2, mean: -2, count: 1 }, { lowest: 1, mean: 1, count: 1 }, 'up']);
  assert.equal(diff.emotions.lowest.before?.path.map((p) => p.name).join(' › '), 'Checkout › Pays');
  assert.equal(diff.emotions.lowest.after?.path.map((p) => p.name).join(' › '), 'Consideration › Browses products');

  const dropped = only(load('emotion-dropped').diff, 'emotion-dropped');
  assert.equal(dropped.severity, 'warning');
  assert.deepEqual(dropped.score, { before: 1, after: -1 });
});

test('a stage whose id changed but whose steps stayed is renamed, not removed and added', () => {
  const { before, after, diff } = load('stage-renamed-id');
  const c = only(diff, 'stage-renamed');
  assert.equal(c.before, 'Checkout (purchase)');
  assert.equal(c.after, 'Checkout (checkout)');
  assert.equal(at(before, c, 'beforeAt'), 'purchase');
  assert.equal(at(after, c, 'afterAt'), 'checkout');
  const replaced = load('stage-replaced').diff;
  assert.deepEqual(replaced.changes.map((x) => x.path[0].name), ['Delivery', 'Retention']);
  assert.equal(replaced.summary.headline, '1 stage added, 1 stage removed; 0 new errors');
});

test('steps: moves across stages, reorders, renames matched by content', () => {
  const moved = only(load('step-moved').diff, 'step-moved');
  assert.deepEqual([moved.before, moved.after], ['Checkout', 'Delivery']);
  assert.deepEqual(moved.path.map((p) => p.name), ['Delivery', 'Reviews the cart']);
  const reordered = only(load('step-reordered').diff, 'step-reordered');
  assert.deepEqual([reordered.before, reordered.after], ['1', '2']);
  const renamed = load('step-renamed').diff.changes;
  assert.deepEqual(renamed.map((c) => [c.field, c.before, c.after]), [['id', 'cart', undefined], ['name', 'Reviews the cart', 'Checks the basket']]);
  const { after, diff } = load('step-removed');
  const removed = only(diff, 'step-removed');
  assert.equal(removed.severity, 'warning');
  assert.equal(removed.afterAt?.parent, true, 'a removed step points at its stage on the new side');
  assert.match(at(after, removed, 'afterAt'), /^id: purchase/);
});

test('list items are matched by content, not by index', () => {
  const { before, diff } = load('pain-resolved');
  const c = only(diff, 'pain-resolved');
  assert.equal(c.before, 'Delivery cost appears only at the last step');
  assert.equal(at(before, c, 'beforeAt'), 'Delivery cost appears only at the last step');
  assert.equal(diff.summary.headline, 'Checkout: 1 step changed; 1 pain resolved; 0 new errors');
  assert.equal(only(load('pain-added').diff, 'pain-added').after, 'Card form rejects spaces');
  assert.equal(load('pains-reordered').diff.formattingOnly, true);
  const kpi = only(load('kpi-changed').diff, 'kpi-changed');
  assert.deepEqual([kpi.path.map((p) => p.name), kpi.field, kpi.before, kpi.after], [['Checkout', 'Pays', 'Payment success rate'], 'current', '91%', '94%']);
  const opp = only(load('opportunity-changed').diff, 'opportunity-changed');
  assert.deepEqual([opp.field, opp.before, opp.after], ['status', undefined, 'planned']);
});

test('diagnostics introduced and fixed are compared by code, message and place, not offset', () => {
  const { after, diff } = load('error-introduced');
  const c = only(diff, 'error-introduced');
  assert.equal(c.code, 'unknown-emotion');
  assert.equal(c.severity, 'error');
  assert.deepEqual(c.path.map((p) => p.name), ['Checkout', 'Pays']);
  assert.equal(at(after, c, 'afterAt'), 'frustated');
  assert.equal(diff.summary.errors.introduced, 1);
  assert.match(diff.summary.headline, /1 new error$/);
  assert.equal(only(load('error-fixed').diff, 'error-fixed').code, 'unknown-emotion');
  // The same error, moved down by an unrelated edit above it, is neither fixed nor new.
  const broken = readFileSync(fixture('diff', 'error-introduced', 'after.cjm'), 'utf8');
  const shifted = broken.replace('title: Checkout journey', 'title: Checkout journey\ndescription: Longer now.');
  assert.deepEqual(diffMaps(analyze(broken), analyze(shifted)).changes.map((x) => x.kind), ['map-changed']);
});

test('an added or deleted map is summed up as a journey: its stages, not every field "set to" something', () => {
  const text = readFileSync(fixture('diff', 'title-changed', 'before.cjm'), 'utf8');
  const added = diffMaps(null, analyze(text));
  assert.deepEqual([...new Set(added.changes.map((c) => c.kind))], ['stage-added']);
  assert.equal(added.changes.length, 3);
  assert.match(added.summary.headline, /^new journey: 3 stages, \d+ steps, emotions [−+]?\d+(\.\d)? … [−+]?\d+(\.\d)?; 0 new errors$/, added.summary.headline);
  const deleted = diffMaps(analyze(text), null);
  assert.deepEqual([...new Set(deleted.changes.map((c) => c.kind))], ['stage-removed']);
  assert.equal(deleted.changes.length, 3);
  assert.ok(deleted.changes.every((c) => !c.afterAt));
  assert.match(deleted.summary.headline, /^journey deleted: 3 stages, \d+ steps; 0 new errors$/);
  // A new map's errors still show: they are what a reviewer must see.
  const broken = diffMaps(null, analyze(text.replace(/emotion: \w+/, 'emotion: frustatd')));
  assert.ok(broken.changes.some((c) => c.kind === 'error-introduced'));
  assert.match(broken.summary.headline, /1 new error$/);
});

test('a new step is shown with its feeling and action', () => {
  const c = only(load('step-added').diff, 'step-added');
  assert.match(c.message, /^step added: 😐 neutral 0/);
});

test('output is plain data: JSON round trip is lossless and stable', () => {
  const { diff } = load('step-moved');
  const json = JSON.stringify(diff);
  assert.deepEqual(JSON.parse(json), diff);
  const again = load('step-moved').diff;
  assert.equal(JSON.stringify(again), json);
});

test('docs/diff-schema.md lists every change kind with its severity', () => {
  const doc = readFileSync(fixture('..', '..', 'docs', 'diff-schema.md'), 'utf8');
  for (const k of CHANGE_KIND_IDS) assert.match(doc, new RegExp(`^\\| \`${k}\` \\| ${CHANGE_KINDS[k].severity} \\|`, 'm'), k);
});

test('a re-worded pain or joy is one change with both wordings; unrelated text is still resolved plus added', () => {
  const p = only(load('pain-reworded').diff, 'pain-reworded');
  assert.equal(p.before, 'Delivery cost appears only at the last step');
  assert.equal(p.after, 'The delivery cost appears only at the very last step');
  assert.match(p.message, /^pain reworded: "Delivery cost/);
  assert.ok(p.beforeAt && p.afterAt);
  assert.equal(only(load('joy-reworded').diff, 'joy-reworded').after, 'Real photos from other buyers in the reviews');
  // A different pain in the same place is not a re-wording.
  const { before } = load('pain-reworded');
  const other = before.replace('Delivery cost appears only at the last step', 'Card form rejects spaces');
  assert.deepEqual(diffMaps(analyze(before), analyze(other)).changes.map((c) => c.kind).sort(), ['pain-added', 'pain-resolved']);
});

test('an enum value re-written in another language is no change; a new meaning shows the words as written', () => {
  const { before } = load('opportunity-changed');
  assert.match(before, /^kind: current-state$/m);
  assert.match(before, /impact: high/);
  const translated = before.replace(/^kind: current-state$/m, 'kind: текущее состояние').replace(/impact: high/, 'impact: высокое').replace(/effort: low/, 'effort: niski');
  assert.deepEqual(diffMaps(analyze(before), analyze(translated)).changes, []);
  const lowered = before.replace(/impact: high/, 'impact: низкое');
  const c = diffMaps(analyze(before), analyze(lowered)).changes;
  assert.equal(c.length, 1, JSON.stringify(c));
  assert.equal(c[0].kind, 'opportunity-changed');
  assert.match(c[0].message, /high/);
  assert.match(c[0].message, /низкое/);
});
