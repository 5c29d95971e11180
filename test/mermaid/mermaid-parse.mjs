// Runs Mermaid's own parser (the installed `mermaid` package) over diagram texts in Node.
// Not a test file: the tests start it as a child process, so mermaid's globals stay out of
// the test runner. Input on stdin: a JSON array of strings. Output: a JSON array of
// { ok, type, config } or { ok: false, error }.
//
// mermaid.parse needs no DOM except for DOMPurify, which mermaid only asks to register
// sanitizer hooks and to strip markup from labels. Outside a browser DOMPurify exports a
// bare factory; giving that same module object inert methods lets parsing run unchanged.
// Sanitizing is not parsing: whether our text contains markup at all is asserted separately.
import DOMPurify from 'dompurify';

for (const k of ['addHook', 'removeHook', 'removeHooks', 'removeAllHooks', 'setConfig', 'clearConfig']) DOMPurify[k] ??= () => {};
DOMPurify.sanitize ??= (s) => String(s);

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

let input = '';
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const text of JSON.parse(input)) {
  try {
    const r = await mermaid.parse(text);
    out.push({ ok: true, type: r.diagramType, config: r.config ?? {} });
  } catch (e) {
    out.push({ ok: false, error: String(e?.message ?? e).slice(0, 2000) });
  }
}
process.stdout.write(JSON.stringify(out));
