/**
 * Map → Mermaid `journey` text. Shared by the Markdown export, the preview's Mermaid view,
 * `cjm render`, and the later `cjm export/import mermaid`, so GitHub shows exactly what the
 * preview shows.
 *
 * Mermaid's journey grammar gives `:` `#` `;` and newlines meaning inside titles, sections and
 * task names, treats `%%` as comments or `%%{…}%%` init directives anywhere in the text, and
 * reads a line that starts with a keyword (`title`, `section`, `accTitle` …) as that keyword,
 * and sanitizes markup out of labels (the user's text would silently vanish).
 * User text is therefore rewritten with look-alike characters so it can only ever be text.
 */
import type { Emotion, JourneyMap, Step } from './model';
import { oneLine, stageLabel, stepLabel } from './labels';
import { Locale } from './vocabulary/locale';
import { valenceToMermaid } from './vocabulary/emotions';

/** The score a step without an understood emotion gets: Mermaid needs one, and 3 is neutral. */
export const MERMAID_NEUTRAL = 3;

const LOOKALIKE: Record<string, string> = {
  ':': '\ua789', // MODIFIER LETTER COLON
  '#': '\uff03', // FULLWIDTH NUMBER SIGN
  ';': '\u037e', // GREEK QUESTION MARK (looks like a semicolon)
  ',': '\u201a', // SINGLE LOW-9 QUOTATION MARK (only in actor names, where `,` separates)
  '`': '\u02cb', // MODIFIER LETTER GRAVE ACCENT: a fence in the Markdown around the block
  // Mermaid would sanitize markup away (the text would vanish); look-alikes keep it visible as text.
  '<': '\uff1c', // FULLWIDTH LESS-THAN SIGN
  '>': '\uff1e', // FULLWIDTH GREATER-THAN SIGN
};
const KEYWORD_START = /^(?:journey|title|section|acc(?:Title|Descr)|%|---)/i;
const ZWSP = '\u200b';

/**
 * Makes user text safe as a Mermaid journey title, section or task name. A title runs to
 * the end of its line in Mermaid's grammar, so it may keep its colons (`title: true`).
 */
export function mermaidText(s: string, { actor = false, title = false } = {}): string {
  let out = oneLine(s).replace(actor ? /[:#;,`<>]/g : title ? /[#;`<>]/g : /[:#;`<>]/g, (c) => LOOKALIKE[c]);
  // `%%` starts a comment, `%%{` a directive: keep the two percent signs apart.
  out = out.replace(/%(?=%)/g, '%' + ZWSP);
  // `{`/`}` right after `%` would still read as a directive's brace in some Mermaid versions.
  out = out.replace(/%\{/g, '%' + ZWSP + '{');
  if (KEYWORD_START.test(out)) out = ZWSP + out;
  return out;
}

/** Text for a `%%` comment or an `accTitle:`/`accDescr:` line: one line, no directive, no block end. */
export function mermaidLineText(s: string): string {
  return oneLine(s)
    .replace(/%(?=%)/g, '%' + ZWSP)
    .replace(/%\{/g, '%' + ZWSP + '{')
    .replace(/[{}<>`]/g, (c) => LOOKALIKE[c] ?? (c === '{' ? '\uff5b' : '\uff5d'));
}

/**
 * Makes user text safe inside a double-quoted Mermaid string (xychart labels, titles): the
 * journey rules above, and `"` (which no escape can put inside such a string) as a look-alike.
 */
export function mermaidQuoted(s: string): string {
  return mermaidText(s).replace(/"/g, '\uff02'); // FULLWIDTH QUOTATION MARK
}

export interface MermaidOptions {
  readonly locale: Locale;
  /** indentation of the lines under `journey` */
  readonly indent?: string;
  /** `accTitle`/`accDescr` lines (export keeps them; the Markdown export has the map's own title) */
  readonly accTitle?: string;
  readonly accDescr?: string;
  /** `%%` comment lines to put before the title (header), a section or a task */
  readonly comments?: {
    readonly header?: readonly string[];
    readonly stage?: (stageIndex: number) => readonly string[];
    readonly step?: (stageIndex: number, stepIndex: number) => readonly string[];
  };
}

/** Every persona of the step (Mermaid's actors), else the map's default persona. */
function actors(map: JourneyMap, step: Step): string[] {
  const ids = step.personas.length ? step.personas.map((r) => r.id) : map.persona ? [map.persona.id] : [];
  const out: string[] = [];
  for (const id of ids) {
    const safe = personaActor(map, id);
    if (safe && !out.includes(safe)) out.push(safe);
  }
  return out;
}

/** A persona as a Mermaid actor: its name (made safe for an actor list), else its id. */
function personaActor(map: JourneyMap, id: string): string {
  const p = map.personas.find((x) => x.id?.value === id);
  const name = p?.name?.value.trim() ? p.name.value : id;
  return mermaidText(name, { actor: true });
}

/** The score Mermaid draws for a step: 1…5, neutral when the step has no understood emotion. */
export function mermaidScore(step: Step): number {
  return emotionScore(step.emotion);
}

function emotionScore(e: Emotion | undefined): number {
  // A Mermaid score written as such (`3.5/5`) goes back as written, so round trips are exact.
  if (e?.form === 'mermaid' && e.score !== undefined) return Number(e.raw.replace(/\/\s*5\s*$/, '').trim());
  const v = e?.score;
  return v === undefined ? MERMAID_NEUTRAL : valenceToMermaid(v);
}

export function toMermaidJourney(map: JourneyMap, options: MermaidOptions): string {
  const ind = options.indent ?? '  ';
  const lines = ['journey'];
  const note = (at: string, list: readonly string[] | undefined) => {
    for (const c of list ?? []) lines.push(`${at}%% ${mermaidLineText(c)}`.trimEnd());
  };
  note(ind, options.comments?.header);
  const title = map.title ? mermaidText(map.title.value, { title: true }) : '';
  if (title) lines.push(`${ind}title ${title}`);
  const accTitle = options.accTitle ? mermaidLineText(options.accTitle) : '';
  if (accTitle) lines.push(`${ind}accTitle: ${accTitle}`);
  const accDescr = options.accDescr ? mermaidLineText(options.accDescr) : '';
  if (accDescr) lines.push(`${ind}accDescr: ${accDescr}`);
  map.stages.forEach((stage, si) => {
    // A stage without steps is still a section: Mermaid draws nothing for it, but an
    // export → import round trip keeps the stage.
    note(ind, options.comments?.stage?.(si));
    lines.push(`${ind}section ${mermaidText(stageLabel(stage, si, options.locale)) || `Stage ${si + 1}`}`);
    stage.steps.forEach((step, i) => {
      const name = mermaidText(stepLabel(step, i)) || `Step ${i + 1}`;
      note(ind + ind, options.comments?.step?.(si, i));
      if (step.personaEmotions.length) {
        // A Mermaid task has one score: a step felt differently by each persona becomes one
        // task per persona, the persona as its actor, so Mermaid draws each one's face.
        const seen = new Set<string>();
        for (const pe of step.personaEmotions) {
          if (seen.has(pe.persona.id)) continue;
          seen.add(pe.persona.id);
          const who = personaActor(map, pe.persona.id);
          lines.push(`${ind}${ind}${name}: ${emotionScore(pe.emotion)}${who ? `: ${who}` : ''}`);
        }
        return;
      }
      const who = actors(map, step);
      lines.push(`${ind}${ind}${name}: ${mermaidScore(step)}${who.length ? `: ${who.join(', ')}` : ''}`);
    });
  });
  return lines.join('\n') + '\n';
}
