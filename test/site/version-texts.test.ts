/**
 * versions.js holds the newest text of a map whole and each older one as an edit of the one
 * after it: what the page decodes must be every version's text exactly, and a damaged file
 * must give empty texts, never an exception in the reader's page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { decodeVersionTexts, encodeVersionTexts } from '../../render/site/versionTexts';
import { example } from '../helpers';

test('every version decodes to its text, over chains of random edits of a real map', () => {
  const start = readFileSync(example('sklep-internetowy-pl.cjm'), 'utf8');
  const piece = fc.constantFrom('', 'x', '\n', '\r\n', '  - id: krok\n', 'emocja: 😀 ', 'Ż', '\ud800', 'stages:\n');
  const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 400 }), put: fc.array(piece, { maxLength: 5 }) });
  fc.assert(
    fc.property(fc.array(edit, { maxLength: 12 }), fc.boolean(), (edits, emptyOne) => {
      const texts = [start];
      for (const e of edits) {
        const t = texts[texts.length - 1];
        const at = e.at % (t.length + 1);
        texts.push(t.slice(0, at) + e.put.join('') + t.slice(at + e.cut));
      }
      if (emptyOne) texts.splice(texts.length >> 1, 0, '');
      const newestFirst = texts.reverse();
      const encoded = encodeVersionTexts(newestFirst);
      assert.equal(encoded[0], newestFirst[0]);
      assert.deepEqual(decodeVersionTexts(JSON.parse(JSON.stringify(encoded))), newestFirst);
    }),
    { numRuns: 500 },
  );
});

test('a small change is written as an edit, a new text whole', () => {
  const a = readFileSync(example('sklep-internetowy-pl.cjm'), 'utf8');
  const b = a.replace('emotion: ', 'emotion:  ');
  const encoded = encodeVersionTexts([b, a, 'cjm: 1\ntitle: Inna mapa\n']);
  assert.ok(Array.isArray(encoded[1]) && JSON.stringify(encoded[1]).length < 40, JSON.stringify(encoded[1]));
  assert.equal(encoded[2], 'cjm: 1\ntitle: Inna mapa\n');
});

test('a damaged versions.js gives empty texts from the first entry it cannot apply, and no exception', () => {
  assert.deepEqual(decodeVersionTexts(['abc', [1, 1, 'X'], [9, 1, 'Y'], 'new', [0, 0, '>']]), ['abc', 'aXc', '', 'new', '>new']);
  assert.deepEqual(decodeVersionTexts([[0, 0, 'x'], null, 42, ['1', 0, ''], [0, 0, 7], { at: 0 }]), ['', '', '', '', '', '']);
  assert.deepEqual(decodeVersionTexts(['ab', [-1, 0, ''], [0.5, 0, '']]), ['ab', '', '']);
});
