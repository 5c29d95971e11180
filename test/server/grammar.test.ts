/** The TextMate grammar highlights what the core accepts: every key, built-in stage and emotion word. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMOTIONS, SCHEMA, STAGES } from '@cjm/core';
import { ROOT } from '../helpers';

const grammar = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'cjm.tmLanguage.json'), 'utf8'));
// Oniguruma and JavaScript agree on everything these patterns use.
const rule = (name: string) => new RegExp(grammar.repository[name].match, 'u');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('every schema key is highlighted as a cjm key (regenerate with node scripts/gen-grammar.mjs)', () => {
  const key = rule('key');
  for (const fields of Object.values(SCHEMA)) for (const f of fields) assert.equal(key.exec(`    ${f.key}: x`)?.[3], f.key, f.key);
  assert.equal(key.exec('  custom-thing: x')?.[4], 'custom-thing', 'unknown keys are still keys');
});

test('every built-in stage id and every emotion word in every language is highlighted', () => {
  const stage = rule('stage');
  for (const st of STAGES) assert.equal(stage.exec(`  - id: ${st.id}`)?.[5], st.id);
  const emotion = rule('emotion');
  for (const em of EMOTIONS) {
    for (const w of [em.id, ...Object.values(em.names), ...Object.values(em.synonyms).flat()]) assert.equal(emotion.exec(`        emotion: ${w}`)?.[5], w, w);
  }
  assert.equal(emotion.exec('        emotion: -2 # low')?.[6], '-2');
  assert.equal(emotion.exec('        emotion: 4/5')?.[6], '4/5');
  assert.equal(emotion.exec('        emotion: frustrated and more'), null);
});

test('the manifest wires the language, grammar, snippets and configuration files that exist', () => {
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'cjm');
  assert.deepEqual(lang.extensions, ['.cjm']);
  for (const p of [lang.configuration, lang.icon.light, ...pkg.contributes.grammars.map((g: { path: string }) => g.path), ...pkg.contributes.snippets.map((s: { path: string }) => s.path)]) {
    assert.doesNotThrow(() => readFileSync(join(ROOT, p)), p);
  }
  const config = JSON.parse(readFileSync(join(ROOT, lang.configuration), 'utf8'));
  const word = new RegExp(config.wordPattern.pattern, config.wordPattern.flags);
  assert.equal(word.exec('channel: mobile-app.v2')?.[0], 'channel');
  assert.equal('persona: ольга'.match(new RegExp(config.wordPattern.pattern, 'gu'))?.[1], 'ольга');
  assert.ok(pkg.activationEvents.includes('onLanguage:cjm'));
  assert.ok(pkg.contributes.configuration.properties['cjm.trace.server']);
  for (const f of ['package.nls.json', 'package.nls.ru.json', 'package.nls.pl.json']) {
    const nls = JSON.parse(readFileSync(join(ROOT, f), 'utf8'));
    assert.ok(nls['cjm.newMap.title'] && nls['cjm.trace.server.description'], f);
  }
});
