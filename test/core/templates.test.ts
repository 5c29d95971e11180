/** Every "New Journey Map" template is a valid map, already in the formatter's layout, in every language. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES, MAP_KINDS, analyze, formatText, mapTemplate } from '@cjm/core';

for (const locale of LOCALES) {
  for (const kind of MAP_KINDS) {
    test(`the ${kind.id} template in ${locale} is valid, commented and formatted`, () => {
      const text = mapTemplate(kind.id, locale);
      const a = analyze(text);
      assert.deepEqual(a.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
      assert.equal(a.map.kind?.value, kind.id);
      assert.equal(a.map.language?.value, locale);
      assert.ok((text.match(/^\s*# /gm) ?? []).length >= 5, 'explains its parts in comments');
      const f = formatText(text);
      assert.ok(f.ok && !f.changed, 'already in canonical layout');
    });
  }
}
