/**
 * The first stages of a map's text, found without parsing it: what a preview draws while the
 * whole map is still being analysed. Analysing a 200-stage map takes 0.3 s warm and 1–2 s on
 * the first open of a session, more than the whole budget of a first screenful; the first few
 * stages of it take a few milliseconds.
 *
 * Only the plainest layout is cut: a top-level block `stages:` whose items are `- ` lines at
 * one indentation, no anchors or aliases, `\n` or `\r\n` line ends. Anything else gives
 * undefined and the preview waits for the whole analysis. The cut text is only ever drawn
 * until the whole map's render replaces it, never analysed for diagnostics or written back.
 */

/** A line that opens the top-level block of stages (a comment may follow). */
const STAGES_KEY = /^stages:[ \t]*(?:#[^\n]*)?\r?\n/m;
/** Anchors and aliases tie text across the cut: not cut then. */
const ANCHORS = /(^|[\s[{,])[&*][^\s]/m;
const ITEM = /^-(?:[ \t]|\r?$)/;

/**
 * The text with only its first `count` stages (everything before and after the stages block
 * kept as written), or undefined when the map has no more stages than that or its text is not
 * plain enough to cut safely.
 */
export function firstStagesText(text: string, count: number): string | undefined {
  if (count < 1 || ANCHORS.test(text) || /\r(?!\n)|[\u2028\u2029]/.test(text) || /^(?:---|\.\.\.)/m.test(text)) return undefined;
  const key = STAGES_KEY.exec(text);
  if (!key) return undefined;
  const items: number[] = [];
  let indent = -1;
  let end = text.length;
  for (let at = key.index + key[0].length; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(at, lineEnd);
    const body = line.trimStart();
    if (body === '' || body === '\r' || body.startsWith('#')) {
      at = lineEnd + 1;
      continue;
    }
    const ind = line.length - body.length;
    // Tabs are no indentation in YAML: a line indented with one is not cut.
    if (line.slice(0, ind).includes('\t')) return undefined;
    if (indent < 0) {
      if (!ITEM.test(body)) return undefined;
      indent = ind;
    }
    if (ind < indent || (ind === indent && !body.startsWith('-'))) {
      end = at;
      break;
    }
    if (ind === indent) {
      if (!ITEM.test(body)) return undefined;
      items.push(at);
    }
    at = lineEnd + 1;
  }
  if (items.length <= count) return undefined;
  return text.slice(0, items[count]) + text.slice(end);
}
