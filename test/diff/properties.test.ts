import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { EMOTIONS, analyze, diffMaps, textconv } from '@cjm/core';

/** A small valid map as data; serialized with `yaml` so every generated map parses. */
interface GenStep { id: string; name: string; action?: string; emotion?: string; pains: string[]; joys: string[] }
interface GenMap { title: string; stages: Array<{ id: string; steps: GenStep[] }> }

const word = fc.constantFrom('fast', 'slow', 'card', 'parcel', 'form', 'price', 'login', 'review', 'size', 'app');
const phrase = fc.array(word, { minLength: 2, maxLength: 4 }).map((w) => w.join(' '));
const emotionId = fc.constantFrom(...EMOTIONS.map((e) => e.id));

const genMap: fc.Arbitrary<GenMap> = fc
  .record({
    title: phrase,
    stages: fc.array(
      fc.array(fc.record({ action: fc.option(phrase, { nil: undefined }), emotion: fc.option(emotionId, { nil: undefined }), pains: fc.array(phrase, { maxLength: 2 }), joys: fc.array(phrase, { maxLength: 2 }) }), { minLength: 2, maxLength: 4 }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ title, stages }) => ({
    title,
    // Ids, names and list items are unique, so each edit has exactly one right answer.
    stages: stages.map((steps, i) => ({
      id: `stage-${i + 1}`,
      steps: steps.map((s, j) => ({ id: `s${i + 1}-${j + 1}`, name: `Step ${i + 1}.${j + 1}`, ...s, pains: [...new Set(s.pains)], joys: [...new Set(s.joys)] })),
    })),
  }));

function toText(m: GenMap): string {
  const clean = (s: GenStep) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
  return stringify({ cjm: 1, title: m.title, stages: m.stages.map((st) => ({ id: st.id, steps: st.steps.map(clean) })) });
}

type Edit = { apply(m: GenMap): void; expect: string[] };
const score = (id: string | undefined) => EMOTIONS.find((e) => e.id === id)?.score;

const genEdit = (m: GenMap): fc.Arbitrary<Edit> => {
  const steps = m.stages.flatMap((st, i) => st.steps.map((_, j) => [i, j] as const));
  const pick = fc.constantFrom(...steps);
  return fc.oneof(
    fc.tuple(pick, emotionId).map(([[i, j], e]): Edit => {
      const old = m.stages[i].steps[j].emotion;
      const so = score(old);
      const sn = score(e)!;
      const kind = old === e ? [] : old === undefined ? ['emotion-added'] : sn < so! ? ['emotion-dropped'] : sn > so! ? ['emotion-rose'] : ['emotion-changed'];
      return { apply: (x) => void (x.stages[i].steps[j].emotion = e), expect: kind };
    }),
    pick.map(([i, j]): Edit => ({ apply: (x) => void x.stages[i].steps[j].pains.push('a brand new pain'), expect: ['pain-added'] })),
    pick.map(([i, j]): Edit => ({ apply: (x) => void x.stages[i].steps[j].joys.push('a brand new joy'), expect: ['joy-added'] })),
    pick.map(([i, j]): Edit => ({ apply: (x) => void (x.stages[i].steps[j].action = 'a completely new action'), expect: ['step-changed'] })),
    pick.map(([i, j]): Edit => ({
      apply: (x) => void x.stages[i].steps.splice(j, 1),
      // The last step of a stage takes the stage's steps with it only when it was the one left.
      expect: ['step-removed'],
    })),
    pick.map(([i, j]): Edit => ({ apply: (x) => void x.stages[i].steps.splice(j + 1, 0, { id: 'new-step', name: 'A new step', pains: [], joys: [] }), expect: ['step-added'] })),
  );
};

test('diff(a, a) is empty, and a reformatted copy is "formatting only"', () => {
  fc.assert(
    fc.property(genMap, (m) => {
      const text = toText(m);
      const same = diffMaps(analyze(text), analyze(text));
      assert.deepEqual(same.changes, []);
      assert.equal(same.identical, true);
      const reformatted = stringify(analyze(text).yaml!.toJS(), { indent: 4, defaultStringType: 'QUOTE_DOUBLE' });
      const d = diffMaps(analyze(text), analyze(reformatted));
      assert.deepEqual(d.changes, []);
      assert.equal(d.formattingOnly, reformatted !== text);
    }),
    { numRuns: 150 },
  );
});

test('a random single model edit is reported as exactly that change', () => {
  fc.assert(
    fc.property(
      genMap.chain((m) => fc.tuple(fc.constant(m), genEdit(m))),
      ([m, edit]) => {
        const after: GenMap = structuredClone(m);
        edit.apply(after);
        const d = diffMaps(analyze(toText(m)), analyze(toText(after)));
        // Removing a stage's only emotion or step can add a warning: only errors/warnings the edit explains are allowed.
        const kinds = d.changes.map((c) => c.kind).filter((k) => k !== 'warning-introduced' && k !== 'warning-fixed');
        assert.deepEqual(kinds, edit.expect, JSON.stringify(d.changes.map((c) => c.message)));
        // The git projection agrees: it changes exactly when the diff sees a change.
        assert.equal(textconv(analyze(toText(m))) === textconv(analyze(toText(after))), d.changes.length === 0);
      },
    ),
    { numRuns: 300 },
  );
});

test('diffMaps and textconv never throw, on any two inputs, garbage included', () => {
  const sample = toText({ title: 'x', stages: [{ id: 'a', steps: [{ id: 'b', name: 'B', emotion: 'happy', pains: ['p'], joys: [] }] }] });
  const mangled = fc.tuple(fc.nat(sample.length), fc.nat(sample.length), fc.string()).map(([i, j, s]) => sample.slice(0, Math.min(i, j)) + s + sample.slice(Math.max(i, j)));
  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), mangled, genMap.map(toText), fc.constantFrom('', '[[[', '- - -', 'stages: {a: 1}', 'stages:\n  - *x', '!!binary AAA'));
  fc.assert(
    fc.property(anyText, anyText, (x, y) => {
      const a = analyze(x);
      const b = analyze(y);
      const d = diffMaps(a, b);
      JSON.stringify(d);
      diffMaps(null, b);
      diffMaps(a, null);
      textconv(a);
      assert.deepEqual(diffMaps(a, a).changes, []);
    }),
    { numRuns: 400 },
  );
});
