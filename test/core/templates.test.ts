/**
 * Every "New Journey Map" template is a valid map, already in the formatter's layout, in every
 * language; Russian and Polish templates write emotions, stages and enum values (kind, levels,
 * channel types, statuses) in their own language.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES, MAP_KINDS, VocabularyName, analyze, emotionWord, findStage, formatText, kindHint, mapTemplate, resolveValue, resolveWord, stageIdWord } from '@cjm/core';

/** The enum keys a template writes, and the vocabulary each one's values come from. */
const ENUM_KEYS: Readonly<Record<string, VocabularyName>> = { kind: 'kind', type: 'channelType', impact: 'level', effort: 'level', status: 'status', criticality: 'level' };

for (const locale of LOCALES) {
  for (const kind of MAP_KINDS) {
    test(`the ${kind.id} template in ${locale} is valid, commented and formatted`, () => {
      const text = mapTemplate(kind.id, locale);
      const a = analyze(text);
      assert.deepEqual(a.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
      assert.equal(resolveValue('kind', a.map.kind?.value), kind.id);
      assert.equal(a.map.language?.value, locale);
      assert.ok((text.match(/^\s*# /gm) ?? []).length >= 5, 'explains its parts in comments');
      const f = formatText(text);
      assert.ok(f.ok && !f.changed, 'already in canonical layout');
    });

    test(`the ${kind.id} template in ${locale} writes emotions and built-in stages as a writer of ${locale} would`, () => {
      // A library has no journey: no stages, no emotions to write.
      if (kind.id === 'library') return;
      const a = analyze(mapTemplate(kind.id, locale));
      const emotions = a.map.stages.flatMap((s) => s.steps).map((s) => s.emotion!);
      assert.ok(emotions.length >= 2);
      for (const e of emotions) assert.equal(e.raw, emotionWord(e.info!, locale));
      const builtins = a.map.stages.map((s) => s.id!.value).filter((id) => findStage(id));
      if (kind.id !== 'day-in-the-life') assert.equal(builtins.length, 2, 'awareness and purchase');
      for (const id of builtins) assert.equal(id, stageIdWord(findStage(id)!.stage, locale));
      if (locale === 'en') return;
      // Ids a reader sees (persona, channels, stages, steps) are in the map's language too:
      // none is the English template's (Polish and English share letters, so compare words).
      const ids = (m: typeof a.map) => [...m.personas, ...m.channels, ...m.stages, ...m.stages.flatMap((s) => s.steps)].map((n) => n.id!.value);
      const english = new Set(ids(analyze(mapTemplate(kind.id, 'en')).map));
      // `lunch` is a Polish word too.
      for (const id of ids(a.map)) assert.ok(!english.has(id) || (locale === 'pl' && id === 'lunch'), `${id} is the English template's id`);
      if (locale === 'ru') for (const id of ids(a.map)) assert.match(id, /^[а-яё-]+$/, id);
    });

    test(`the ${kind.id} template in ${locale} writes kind, levels, channel types and statuses as words of ${locale}`, () => {
      const values = [...mapTemplate(kind.id, locale).matchAll(/^\s*(\w+): (.+)$/gm)].filter((m) => m[1] in ENUM_KEYS);
      assert.ok(values.some((m) => m[1] === 'kind') && values.some((m) => m[1] === 'type'), 'the template has enum values to check');
      for (const [, key, written] of values) {
        const word = JSON.parse(written.startsWith('"') ? written : JSON.stringify(written)) as string;
        const r = resolveWord(ENUM_KEYS[key], word, locale);
        assert.ok(r, `${key}: ${word} is not a word of its vocabulary`);
        assert.equal(r.locale, locale === 'en' ? undefined : locale, `${key}: ${word} is ${locale === 'en' ? 'the id' : `a word of ${locale}`}`);
        if (locale !== 'en') assert.notEqual(word, r.id);
      }
      assert.equal(kindHint(kind.id, locale), kind.descriptions[locale], 'New Journey Map explains the kind in the chosen language');
    });
  }
}
