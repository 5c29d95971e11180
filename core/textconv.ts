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
 *
 * The lines speak the map's language (its `language:`, else the one its text is written in):
 * a Polish map projects to Polish lines, its emotions named in Polish («emocja 😌 ulga +1»).
 * Not the reader's language: git caches the lines per blob (`diff.cjm.cachetextconv`), so they
 * must not depend on who runs git, and a blob's language is its own. English lines are as they
 * always were.
 */
import type { Analysis } from './analyze';
import { formatText } from './format';
import { comparableFields, show } from './diff';
import { diagnosticMessage } from './diagnostics';
import { Msg, format, msg, plural } from './l10n';
import { REF_KIND_NOUNS, emotionLabel, fieldName, oneLine, stageLabel, stepLabel } from './labels';
import { mapLanguage } from './mapLanguage';
import type { Kpi, Opportunity } from './model';
import type { ObjectName } from './schema';
import type { Locale } from './vocabulary/locale';

/** A list's items are one line each, named in the singular. */
const SINGULAR: Readonly<Record<string, Msg>> = {
  goals: msg('goal'),
  needs: msg('need'),
  frustrations: msg('frustration'),
  thoughts: msg('thought'),
  questions: msg('question'),
  expectations: msg('expectation'),
  notes: msg('note'),
  pains: msg('pain'),
  joys: msg('joy'),
};

/**
 * The projection's own words in the map's language, looked up once per projection. English
 * catalogue texts are the words English lines always used, so English maps project unchanged.
 */
class Words {
  readonly map: string;
  readonly kpi: string;
  readonly opportunity: string;
  readonly lane: string;
  constructor(readonly locale: Locale) {
    this.map = this.say(msg('map'));
    this.kpi = this.say(msg('kpi'));
    this.opportunity = this.say(msg('opportunity'));
    this.lane = this.say(REF_KIND_NOUNS.lane);
  }

  say(m: Msg): string {
    return format(this.locale, m);
  }

  /** a field's label: a list's item in the singular, a custom lane by its id, else the field's name (the key itself in English) */
  field(object: ObjectName, key: string): string {
    if (key.startsWith('lanes.')) return `${this.lane} ${key.slice(6)}`;
    const one = SINGULAR[key];
    return one ? this.say(one) : fieldName(object, key, this.locale);
  }
}

function fieldLines(w: Words, prefix: string, object: ObjectName, node: unknown, skip: readonly string[], out: string[]): void {
  const f = comparableFields(object, node as Record<string, unknown>, new Set(skip));
  const keys = [...f.keys()];
  // Lanes come in source order from the parser; sorting them keeps the projection order-free.
  const lanes = keys.filter((k) => k.startsWith('lanes.')).sort();
  for (const k of [...keys.filter((k) => !k.startsWith('lanes.')), ...lanes]) {
    const v = f.get(k)!;
    const label = w.field(object, k);
    for (const item of typeof v.display === 'string' ? [v.display] : v.display) out.push(`${prefix}: ${label} ${show(item)}`);
  }
}

function kpiLines(w: Words, prefix: string, kpis: readonly Kpi[], out: string[]): void {
  for (const k of kpis) {
    const name = oneLine(k.name?.value ?? '') || 'KPI';
    out.push(`${prefix}: ${w.kpi} ${show(name)}`);
    fieldLines(w, `${prefix} › ${w.kpi} ${show(name)}`, 'kpi', k, ['name'], out);
  }
}

function opportunityLines(w: Words, prefix: string, list: readonly Opportunity[], out: string[]): void {
  for (const o of list) {
    const text = oneLine(o.text?.value ?? '') || w.opportunity;
    out.push(`${prefix}: ${w.opportunity} ${show(text)}`);
    fieldLines(w, `${prefix} › ${w.opportunity} ${show(text)}`, 'opportunity', o, ['text'], out);
  }
}

/** The projection, one fact a line, ending with a newline (empty string for an empty map). */
export function textconv(a: Analysis): string {
  const map = a.map;
  const out: string[] = [];
  const locale = mapLanguage(map, a.text);
  const w = new Words(locale);
  fieldLines(w, w.map, 'map', map, ['personas', 'channels', 'teams', 'sources', 'lanes', 'kpis', 'opportunities', 'stages'], out);
  for (const type of ['persona', 'channel', 'team', 'source', 'lane'] as const) {
    const noun = w.say(REF_KIND_NOUNS[type]);
    map[`${type}s`].forEach((d, i) => {
      const id = oneLine(d.id?.value ?? '') || `#${i + 1}`;
      out.push(`${noun} ${id}`);
      fieldLines(w, `${noun} ${id}`, type, d, ['id'], out);
    });
  }
  kpiLines(w, w.map, map.kpis, out);
  opportunityLines(w, w.map, map.opportunities, out);
  const stageWord = w.say(REF_KIND_NOUNS.stage);
  const stepWord = w.say(REF_KIND_NOUNS.step);
  const emotionWord = w.field('step', 'emotion');
  const stageNames: string[] = [];
  map.stages.forEach((st, si) => {
    const name = stageLabel(st, si, locale);
    const stage = pathName(st.id?.value, name);
    stageNames.push(stage);
    out.push(`${stage}: ${stageWord} ${show(name)}`);
    fieldLines(w, stage, 'stage', st, ['id', 'name', 'kpis', 'opportunities', 'steps'], out);
    kpiLines(w, stage, st.kpis, out);
    opportunityLines(w, stage, st.opportunities, out);
    st.steps.forEach((sp, pi) => {
      const p = `${stage} › ${stepLabel(sp, pi, locale)}`;
      out.push(`${p}: ${stepWord}${sp.id ? ` ${show(oneLine(sp.id.value))}` : ''}`);
      const skip = ['id', 'name', 'emotion', 'pains', 'joys', 'evidence', 'opportunities', 'kpis'];
      const before: string[] = [];
      fieldLines(w, p, 'step', sp, skip, before);
      out.push(...before);
      if (sp.emotion) out.push(`${p}: ${emotionWord} ${emotionLabel(sp.emotion, locale)}`);
      fieldLines(w, p, 'step', sp, ['id', 'name', 'persona', 'action', 'touchpoint', 'channel', 'thoughts', 'questions', 'goals', 'expectations', 'criticality', 'frontstage', 'backstage', 'support', 'owner', 'lanes', 'notes', 'opportunities', 'kpis'], out);
      opportunityLines(w, p, sp.opportunities, out);
      kpiLines(w, p, sp.kpis, out);
    });
  });
  for (const d of a.diagnostics) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    const severity = w.say(d.severity === 'error' ? msg('error') : msg('warning'));
    out.push(`${pathPrefix(a, d.span.start, stageNames, w)}: ${severity} ${d.code} ${JSON.stringify(oneLine(diagnosticMessage(d, locale)))}`);
  }
  if (a.text.trim()) out.push(formattingLine(a.text, locale));
  return out.length ? out.join('\n') + '\n' : '';
}

/** A stage's name in paths: its id when it has one (stable across renames), else its name. */
function pathName(id: string | undefined, name: string): string {
  const slug = oneLine(id ?? '');
  return slug || name;
}

/** How far the text is from the formatter's layout: changes only when the formatting does. */
function formattingLine(text: string, locale: Locale): string {
  const r = formatText(text);
  if (!r.ok) return format(locale, msg("formatting: not in cjm fmt's layout (cjm fmt refuses: {0})", r.code));
  if (!r.changed) return format(locale, msg("formatting: cjm fmt's layout"));
  const canonical = new Map<string, number>();
  for (const l of r.text.split('\n')) canonical.set(l, (canonical.get(l) ?? 0) + 1);
  let differ = 0;
  for (const l of text.replace(/\r\n?/g, '\n').split('\n')) {
    const n = canonical.get(l) ?? 0;
    if (n > 0) canonical.set(l, n - 1);
    else differ++;
  }
  return format(locale, plural(differ, "formatting: {0} line differs from cjm fmt's layout", "formatting: {0} lines differ from cjm fmt's layout"));
}

function pathPrefix(a: Analysis, offset: number, stageNames: readonly string[], w: Words): string {
  const stages = a.map.stages;
  for (let i = 0; i < stages.length; i++) {
    const st = stages[i];
    if (offset < st.span.start || offset > st.span.end) continue;
    const j = st.steps.findIndex((sp) => offset >= sp.span.start && offset <= sp.span.end);
    return j >= 0 ? `${stageNames[i]} › ${stepLabel(st.steps[j], j, w.locale)}` : stageNames[i];
  }
  return w.map;
}
