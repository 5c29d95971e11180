/**
 * A map as one fact a line, for `git diff` (`cjm textconv`, the `diff.cjm.textconv` driver):
 *
 *   Purchase › Pays: emotion 😟 anxious −2
 *   Purchase › Pays: pain "Delivery cost appears only at the last step"
 *
 * Every line carries its full path, so a hunk of changed lines reads as journey changes
 * without context. A stage with an id is named by its id in the paths (the author's own word,
 * stable), and by its name on its identity line: renaming a stage changes that one line, not
 * every line of its steps. Fields come in the schema's order, whatever order the file uses, and
 * values are whitespace-normalized: a reformatted map projects to the same text. Lists keep
 * the author's order. Errors and warnings close the projection (without line numbers, which
 * would change with every unrelated edit). The last line says how far the file is from
 * `cjm fmt`'s layout, so a commit that only reformats still shows up in `git show`.
 */
import type { Analysis } from './analyze';
import { formatText } from './format';
import { comparableFields, show } from './diff';
import { emotionLabel, oneLine, stageLabel, stepLabel } from './labels';
import { mapLanguage } from './mapLanguage';
import type { Kpi, Opportunity } from './model';
import type { ObjectName } from './schema';

const SINGULAR: Readonly<Record<string, string>> = {
  goals: 'goal',
  needs: 'need',
  frustrations: 'frustration',
  thoughts: 'thought',
  questions: 'question',
  expectations: 'expectation',
  notes: 'note',
  pains: 'pain',
  joys: 'joy',
};

function fieldLines(prefix: string, object: ObjectName, node: unknown, skip: readonly string[], out: string[]): void {
  const f = comparableFields(object, node as Record<string, unknown>, new Set(skip));
  const keys = [...f.keys()];
  // Lanes come in source order from the parser; sorting them keeps the projection order-free.
  const lanes = keys.filter((k) => k.startsWith('lanes.')).sort();
  for (const k of [...keys.filter((k) => !k.startsWith('lanes.')), ...lanes]) {
    const v = f.get(k)!;
    const label = k.startsWith('lanes.') ? `lane ${k.slice(6)}` : (SINGULAR[k] ?? k);
    for (const item of typeof v.display === 'string' ? [v.display] : v.display) out.push(`${prefix}: ${label} ${show(item)}`);
  }
}

function kpiLines(prefix: string, kpis: readonly Kpi[], out: string[]): void {
  for (const k of kpis) {
    const name = oneLine(k.name?.value ?? '') || 'KPI';
    out.push(`${prefix}: kpi ${show(name)}`);
    fieldLines(`${prefix} › kpi ${show(name)}`, 'kpi', k, ['name'], out);
  }
}

function opportunityLines(prefix: string, list: readonly Opportunity[], out: string[]): void {
  for (const o of list) {
    const text = oneLine(o.text?.value ?? '') || 'opportunity';
    out.push(`${prefix}: opportunity ${show(text)}`);
    fieldLines(`${prefix} › opportunity ${show(text)}`, 'opportunity', o, ['text'], out);
  }
}

/** The projection, one fact a line, ending with a newline (empty string for an empty map). */
export function textconv(a: Analysis): string {
  const map = a.map;
  const out: string[] = [];
  fieldLines('map', 'map', map, ['personas', 'channels', 'teams', 'sources', 'lanes', 'kpis', 'opportunities', 'stages'], out);
  for (const type of ['persona', 'channel', 'team', 'source', 'lane'] as const) {
    map[`${type}s`].forEach((d, i) => {
      const id = oneLine(d.id?.value ?? '') || `#${i + 1}`;
      out.push(`${type} ${id}`);
      fieldLines(`${type} ${id}`, type, d, ['id'], out);
    });
  }
  kpiLines('map', map.kpis, out);
  opportunityLines('map', map.opportunities, out);
  const locale = mapLanguage(map, a.text);
  const stageNames: string[] = [];
  map.stages.forEach((st, si) => {
    const name = stageLabel(st, si, locale);
    const stage = pathName(st.id?.value, name);
    stageNames.push(stage);
    out.push(`${stage}: stage ${show(name)}`);
    fieldLines(stage, 'stage', st, ['id', 'name', 'kpis', 'opportunities', 'steps'], out);
    kpiLines(stage, st.kpis, out);
    opportunityLines(stage, st.opportunities, out);
    st.steps.forEach((sp, pi) => {
      const p = `${stage} › ${stepLabel(sp, pi)}`;
      out.push(`${p}: step${sp.id ? ` ${show(oneLine(sp.id.value))}` : ''}`);
      const skip = ['id', 'name', 'emotion', 'pains', 'joys', 'evidence', 'opportunities', 'kpis'];
      const before: string[] = [];
      fieldLines(p, 'step', sp, skip, before);
      out.push(...before);
      if (sp.emotion) out.push(`${p}: emotion ${emotionLabel(sp.emotion)}`);
      fieldLines(p, 'step', sp, ['id', 'name', 'persona', 'action', 'touchpoint', 'channel', 'thoughts', 'questions', 'goals', 'expectations', 'criticality', 'frontstage', 'backstage', 'support', 'owner', 'lanes', 'notes', 'opportunities', 'kpis'], out);
      opportunityLines(p, sp.opportunities, out);
      kpiLines(p, sp.kpis, out);
    });
  });
  for (const d of a.diagnostics) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    out.push(`${pathPrefix(a, d.span.start, stageNames)}: ${d.severity} ${d.code} ${JSON.stringify(oneLine(d.message))}`);
  }
  if (a.text.trim()) out.push(formattingLine(a.text));
  return out.length ? out.join('\n') + '\n' : '';
}

/** A stage's name in paths: its id when it has one (stable across renames), else its name. */
function pathName(id: string | undefined, name: string): string {
  const slug = oneLine(id ?? '');
  return slug || name;
}

/** How far the text is from the formatter's layout: changes only when the formatting does. */
function formattingLine(text: string): string {
  const r = formatText(text);
  if (!r.ok) return `formatting: not in cjm fmt's layout (cjm fmt refuses: ${r.code})`;
  if (!r.changed) return "formatting: cjm fmt's layout";
  const canonical = new Map<string, number>();
  for (const l of r.text.split('\n')) canonical.set(l, (canonical.get(l) ?? 0) + 1);
  let differ = 0;
  for (const l of text.replace(/\r\n?/g, '\n').split('\n')) {
    const n = canonical.get(l) ?? 0;
    if (n > 0) canonical.set(l, n - 1);
    else differ++;
  }
  return `formatting: ${differ} ${differ === 1 ? 'line differs' : 'lines differ'} from cjm fmt's layout`;
}

function pathPrefix(a: Analysis, offset: number, stageNames: readonly string[]): string {
  const stages = a.map.stages;
  for (let i = 0; i < stages.length; i++) {
    const st = stages[i];
    if (offset < st.span.start || offset > st.span.end) continue;
    const j = st.steps.findIndex((sp) => offset >= sp.span.start && offset <= sp.span.end);
    return j >= 0 ? `${stageNames[i]} › ${stepLabel(st.steps[j], j)}` : stageNames[i];
  }
  return 'map';
}
