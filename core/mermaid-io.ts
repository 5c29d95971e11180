/**
 * Mermaid `journey` ↔ `.cjm`: the reading side (`cjm import mermaid`) and the writing side
 * with what only the source text knows (`cjm export mermaid`: comments, accTitle). The
 * drawing itself is {@link toMermaidJourney}, shared with the preview and the Markdown export.
 *
 * The reader follows Mermaid's own journey grammar (mermaid 12, user-journey/journey.jison):
 * `title` runs to the end of the line; `section` and task names stop at `:` `#` `;`;
 * a task's data is `: score[: actor, actor…]` and anything after a second colon is
 * ignored, as Mermaid ignores it; `#` starts a comment to the end of the line; `%%` lines
 * are comments and `%%{…}%%` directives; a YAML front matter block may come first.
 *
 * Where things go in the map:
 * - title → `title`; accDescr → `description`; accTitle → the file's first line as the
 *   comment `# accTitle: …` (a map has no place for a second title, and the export reads
 *   it back from there);
 * - each section → a stage (id slugged from the name, letters of any script kept; name =
 *   the section's text); tasks before any section → a stage named after the title;
 * - each task → a step with `emotion: n/5` (Mermaid's 1…5 score, exact both ways) and
 *   `persona:` (a list when the task has several actors); every actor → a persona;
 * - tasks in a row with the same name, one actor each and each a different one (what the
 *   export writes for a step felt differently by each persona) → one step with an emotion
 *   per persona, `emotion: {maria: 2/5, tom: 4/5}`;
 * - `%%` comments → `#` comments on the line before the stage, step or `stages:` where they
 *   stood; directives and front matter (other than its `title`) are dropped with a note.
 */
import type { Analysis } from './analyze';
import type { JourneyMap } from './model';
import type { Span } from './text';
import { Locale } from './vocabulary/locale';
import { Msg, format, msg } from './l10n';
import { toMermaidJourney } from './mermaid';
import { ID_PATTERN } from './schema';

export interface MermaidTask {
  readonly name: string;
  /** as Mermaid reads it: `Number(text)`; NaN when not a number */
  readonly score: number;
  readonly scoreText: string;
  readonly actors: readonly string[];
  readonly comments: readonly string[];
  /** 1-based line in the Mermaid text */
  readonly line: number;
}

export interface MermaidSection {
  readonly name: string;
  readonly comments: readonly string[];
  readonly tasks: MermaidTask[];
  readonly line: number;
}

export interface MermaidJourney {
  readonly title?: string;
  readonly accTitle?: string;
  readonly accDescr?: string;
  /** comments before the first section */
  readonly comments: readonly string[];
  readonly sections: MermaidSection[];
}

export interface ImportNote {
  readonly line: number;
  readonly severity: 'error' | 'warning';
  /** in English */
  readonly message: string;
  /** the message, to show in a reader's language (`format`) */
  readonly msg: Msg;
}

function note(line: number, severity: ImportNote['severity'], m: Msg): ImportNote {
  return { line, severity, message: format('en', m), msg: m };
}

/** Reads a Mermaid journey diagram. Notes say what could not be read or was dropped. */
export function parseMermaidJourney(text: string): { journey: MermaidJourney; notes: ImportNote[] } {
  const notes: ImportNote[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let i = 0;
  let title: string | undefined;
  let accTitle: string | undefined;
  let accDescr: string | undefined;
  // Front matter: `---` … `---` before the diagram; only its title means something here.
  while (i < lines.length && !lines[i].trim()) i++;
  if (lines[i]?.trim() === '---') {
    const start = i;
    for (i++; i < lines.length && lines[i].trim() !== '---'; i++) {
      const m = /^title\s*:\s*(.*)$/.exec(lines[i]);
      if (m) title = unquote(m[1].trim());
      else if (lines[i].trim()) notes.push(note(i + 1, 'warning', msg('front matter `{0}` is not kept', lines[i].trim())));
    }
    if (i >= lines.length) notes.push(note(start + 1, 'error', msg('front matter is not closed with ---')));
    i++;
  }
  const header: string[] = [];
  const sections: MermaidSection[] = [];
  let pending: string[] = [];
  let sawJourney = false;
  for (; i < lines.length; i++) {
    const n = i + 1;
    const raw = lines[i];
    const line = raw.trim();
    if (!line) continue;
    if (/^%%\{/.test(line)) {
      notes.push(note(n, 'warning', msg('a %%{…}%% directive (Mermaid configuration) is not kept')));
      continue;
    }
    if (line.startsWith('%')) {
      pending.push(line.replace(/^%+\s?/, '').trimEnd());
      continue;
    }
    if (line.startsWith('#')) {
      pending.push(line.replace(/^#\s?/, ''));
      continue;
    }
    if (!sawJourney) {
      if (/^journey\b/i.test(line)) {
        sawJourney = true;
        if (line.slice(7).trim()) notes.push(note(n, 'warning', msg('text after `journey` is ignored')));
        header.push(...pending);
        pending = [];
        continue;
      }
      notes.push(note(n, 'error', msg('not a Mermaid journey diagram: the first statement must be `journey`')));
      break;
    }
    let m: RegExpExecArray | null;
    if ((m = /^accTitle\s*:\s*(.*)$/i.exec(line))) {
      accTitle = m[1].trim();
      continue;
    }
    if ((m = /^accDescr\s*:\s*(.*)$/i.exec(line))) {
      accDescr = m[1].trim();
      continue;
    }
    if ((m = /^accDescr\s*\{(.*)$/i.exec(line))) {
      const parts: string[] = [];
      let rest = m[1];
      while (!rest.includes('}') && i + 1 < lines.length) {
        parts.push(rest);
        rest = lines[++i];
      }
      parts.push(rest.split('}')[0]);
      accDescr = parts.map((p) => p.trim()).filter(Boolean).join('\n');
      continue;
    }
    const body = stripComment(line);
    if ((m = /^title\s([^;]+)/i.exec(body))) {
      title = m[1].trim();
      continue;
    }
    if ((m = /^section\s([^:;]+)/i.exec(body))) {
      sections.push({ name: m[1].trim(), comments: pending, tasks: [], line: n });
      pending = [];
      continue;
    }
    if ((m = /^([^:;]+):([^;]*)/.exec(body))) {
      const data = m[2].split(':');
      const scoreText = data[0].trim();
      const actors = data.length > 1 ? data[1].split(',').map((a) => a.trim()).filter(Boolean) : [];
      if (!sections.length) sections.push({ name: '', comments: [], tasks: [], line: n });
      sections[sections.length - 1].tasks.push({ name: m[1].trim(), score: Number(scoreText), scoreText, actors, comments: pending, line: n });
      pending = [];
      if (data.length > 2) notes.push(note(n, 'warning', msg('text after the actors is ignored, as Mermaid ignores it')));
      continue;
    }
    notes.push(note(n, 'error', msg('cannot read `{0}`: expected title, section, accTitle, accDescr or a task `name: score: actors`', line.slice(0, 60))));
  }
  if (!sawJourney && !notes.some((x) => x.severity === 'error')) notes.push(note(1, 'error', msg('not a Mermaid journey diagram: no `journey` line')));
  // Comments after the last task stay with the header: YAML has no better place for them.
  header.push(...pending);
  return { journey: { ...(title !== undefined ? { title } : {}), ...(accTitle !== undefined ? { accTitle } : {}), ...(accDescr !== undefined ? { accDescr } : {}), comments: header, sections }, notes };
}

/** Mermaid ends a statement at `#` (a comment to the end of the line). */
function stripComment(line: string): string {
  const at = line.indexOf('#');
  return (at < 0 ? line : line.slice(0, at)).trim();
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

/** An id from a name: lower case, runs of anything but letters and digits → `-`, any script kept. */
export function slugId(name: string, fallback: string): string {
  const s = name.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return s && ID_PATTERN.test(s) ? s : fallback;
}

function uniqueIds(names: readonly string[], fallback: (i: number) => string): string[] {
  const used = new Set<string>();
  return names.map((name, i) => {
    const base = slugId(name, fallback(i));
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    return id;
  });
}

const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} _.,()'/&+!?«»„“”’-]*$/u;
const NOT_PLAIN = /^(?:true|false|null|yes|no|on|off|y|n|~)$|^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$|^0[xob]/i;

/** A YAML scalar for any string: plain when that reads back as the same string, else double-quoted. */
export function yamlString(s: string): string {
  if (PLAIN.test(s) && !NOT_PLAIN.test(s) && !/\s$/.test(s)) return s;
  return JSON.stringify(s).replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function comment(ind: string, text: string): string {
  return `${ind}#${text ? ' ' + text.replace(/[\r\n]+/g, ' ') : ''}`.trimEnd();
}

export interface ImportOptions {
  /** shown in the file's first comment: where the map came from */
  readonly source?: string;
}

/** The first-line comment of an import whose diagram had no title (its title is the file name). */
export const UNTITLED_MARK = 'mermaid: untitled';

/** The `.cjm` text of a Mermaid journey; `cjm check` passes it without errors. */
export function journeyToCjm(j: MermaidJourney, options: ImportOptions = {}): string {
  const out: string[] = [];
  if (j.accTitle) out.push(comment('', `accTitle: ${j.accTitle}`));
  out.push(comment('', `Imported from a Mermaid journey${options.source ? ` (${options.source.replace(/[\r\n]+/g, ' ')})` : ''}. Scores n/5 are Mermaid's 1–5 scale.`));
  const title = j.title?.trim();
  // A map needs a title; the file's name stands in, and the marker tells the export that the
  // diagram had none, so a round trip does not invent one.
  if (!title) out.push(comment('', UNTITLED_MARK));
  out.push('cjm: 1');
  out.push(`title: ${yamlString(title || options.source?.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'Journey')}`);
  if (j.accDescr) {
    if (j.accDescr.includes('\n')) out.push('description: |-', ...j.accDescr.split('\n').map((l) => `  ${l}`.trimEnd()));
    else out.push(`description: ${yamlString(j.accDescr)}`);
  }
  const actors: string[] = [];
  for (const s of j.sections) for (const t of s.tasks) for (const a of t.actors) if (!actors.includes(a)) actors.push(a);
  const actorIds = uniqueIds(actors, (k) => `persona-${k + 1}`);
  const idOf = new Map(actors.map((a, k) => [a, actorIds[k]]));
  if (actors.length) {
    out.push('personas:');
    actors.forEach((a, k) => out.push(`  - id: ${yamlString(actorIds[k])}`, `    name: ${yamlString(a)}`));
  }
  for (const c of j.comments) out.push(comment('', c));
  out.push('stages:');
  const stageIds = uniqueIds(j.sections.map((s) => s.name), (k) => `stage-${k + 1}`);
  j.sections.forEach((s, si) => {
    for (const c of s.comments) out.push(comment('  ', c));
    out.push(`  - id: ${yamlString(stageIds[si])}`);
    out.push(`    name: ${yamlString(s.name || j.title?.trim() || 'Journey')}`);
    if (!s.tasks.length) {
      out.push('    steps: []');
      return;
    }
    out.push('    steps:');
    taskUnits(s.tasks).forEach((unit, ti) => {
      if (unit.length > 1) {
        for (const c of unit.flatMap((t) => t.comments)) out.push(comment('      ', c));
        out.push(`      - name: ${yamlString(unit[0].name || `Step ${ti + 1}`)}`);
        out.push(`        emotion: {${unit.map((t) => `${yamlString(idOf.get(t.actors[0])!)}: ${String(t.score)}/5`).join(', ')}}`);
        return;
      }
      const t = unit[0];
      for (const c of t.comments) out.push(comment('      ', c));
      out.push(`      - name: ${yamlString(t.name || `Step ${ti + 1}`)}`);
      if (t.actors.length === 1) out.push(`        persona: ${yamlString(idOf.get(t.actors[0])!)}`);
      else if (t.actors.length > 1) out.push(`        persona: [${t.actors.map((a) => yamlString(idOf.get(a)!)).join(', ')}]`);
      if (Number.isFinite(t.score) && t.score >= 1 && t.score <= 5) out.push(`        emotion: ${String(t.score)}/5`);
      else if (Number.isFinite(t.score)) {
        const clamped = Math.min(5, Math.max(1, t.score));
        out.push(`        emotion: ${clamped}/5 # Mermaid score ${t.scoreText}, outside 1–5`);
      } else out.push(`        # Mermaid score ${JSON.stringify(t.scoreText)} is not a number: no emotion`);
    });
  });
  return out.join('\n') + '\n';
}

/**
 * A section's tasks as the steps they become: one task each, except a run of tasks with the
 * same name, each with one actor, no actor twice and every score on Mermaid's scale, which
 * is one step felt differently by each persona (the export's way of writing it).
 */
function taskUnits(tasks: readonly MermaidTask[]): MermaidTask[][] {
  const units: MermaidTask[][] = [];
  const foldable = (t: MermaidTask) => t.actors.length === 1 && Number.isFinite(t.score) && t.score >= 1 && t.score <= 5;
  for (const t of tasks) {
    const last = units[units.length - 1];
    const joins = last && foldable(t) && foldable(last[0]) && last[0].name === t.name && !last.some((x) => x.actors[0] === t.actors[0]);
    if (joins) last.push(t);
    else units.push([t]);
  }
  return units;
}

/** Mermaid text → `.cjm` text and what did not carry over. */
export function importMermaidJourney(text: string, options: ImportOptions = {}): { text: string; notes: ImportNote[] } {
  const { journey, notes } = parseMermaidJourney(text);
  for (const s of journey.sections) {
    for (const t of s.tasks) {
      if (!Number.isFinite(t.score)) notes.push(note(t.line, 'warning', msg('score "{0}" is not a number: the step has no emotion', t.scoreText)));
      else if (t.score < 1 || t.score > 5) notes.push(note(t.line, 'warning', msg('score {0} is outside Mermaid\'s 1–5: imported as {1}/5', t.scoreText, String(Math.min(5, Math.max(1, t.score))))));
    }
  }
  return { text: journeyToCjm(journey, options), notes };
}

// --- export ------------------------------------------------------------------------------

/** Comment lines directly above the line where `offset` is, nearest last; stops at anything else. */
function commentsAbove(lines: readonly string[], lineStarts: readonly number[], offset: number): string[] {
  let line = lineStarts.findIndex((s, k) => s <= offset && (k + 1 >= lineStarts.length || lineStarts[k + 1] > offset));
  const out: string[] = [];
  while (--line >= 0) {
    const m = /^\s*#\s?(.*)$/.exec(lines[line]);
    if (!m) break;
    out.unshift(m[1].trimEnd());
  }
  return out;
}

/**
 * The Mermaid journey of a map with what the text adds: its `# accTitle:` first-line comment,
 * `description` as accDescr, and the comment lines above the `stages:` key, each stage and
 * each step as `%%` comments.
 */
export function exportMermaidJourney(a: Analysis, locale: Locale): string {
  const text = a.text;
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let k = 0, at = 0; k < lines.length; at += lines[k].length + 1, k++) starts.push(at);
  const map: JourneyMap = a.map;
  let accTitle: string | undefined;
  let untitled = false;
  // The first comment lines may carry what Mermaid has and a map has not: accTitle, no title.
  for (const l of lines) {
    if (!/^\s*(#|$)/.test(l)) break;
    const m = /^\s*#\s*accTitle:\s*(.*)$/.exec(l);
    if (m && accTitle === undefined) accTitle = m[1].trim();
    if (l.trim() === `# ${UNTITLED_MARK}`) untitled = true;
  }
  // A list item's span starts after its `- `: the comments sit above that line.
  const above = (span: Span | undefined) => (span ? commentsAbove(lines, starts, span.start) : []);
  const stagesKey = map.keys.get('stages');
  return toMermaidJourney(untitled ? { ...map, title: undefined } : map, {
    locale,
    ...(accTitle ? { accTitle } : {}),
    ...(map.description.length ? { accDescr: map.description.map((d) => d.value).join(' ') } : {}),
    comments: {
      header: above(stagesKey),
      stage: (si) => above(map.stages[si]?.span),
      step: (si, i) => above(map.stages[si]?.steps[i]?.span),
    },
  });
}
