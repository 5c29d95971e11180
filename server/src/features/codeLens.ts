/**
 * Insight code lenses (core/insights.ts) above the stages and steps they concern: "2 pains
 * without opportunities" and "Evidence: 1 of 3 steps" above a stage, "Low point #1" above a
 * step. A lens with places to show runs `cjm.showLocations` (registered by the client), which
 * opens them in the references peek; the arguments are plain LSP values.
 */
import { CodeLens, Command, Location, Position } from 'vscode-languageserver-types';
import { Analysis, Locale, Span, computeInsights, t, tn } from '@cjm/core';
import { toRange } from './convert';

/** The client command that shows a lens's places: `[uri, position, locations]`. */
export const SHOW_LOCATIONS_COMMAND = 'cjm.showLocations';

export function insightLenses(a: Analysis, uri: string, locale: Locale): CodeLens[] {
  const ins = computeInsights(a.map);
  const lenses: CodeLens[] = [];
  const at = (s: Span) => toRange(a.lines, { start: s.start, end: s.start });
  const show = (title: string, anchor: Span, places: readonly Span[]): Command => ({
    title,
    command: places.length ? SHOW_LOCATIONS_COMMAND : '',
    ...(places.length
      ? { arguments: [uri, Position.create(at(anchor).start.line, at(anchor).start.character), places.map((p) => Location.create(uri, toRange(a.lines, p)))] }
      : {}),
  });
  a.map.stages.forEach((sg, si) => {
    const pains = ins.painsWithoutOpportunities.filter((p) => p.stage === si);
    if (pains.length) {
      lenses.push({ range: at(sg.span), command: show(tn(locale, pains.length, '{0} pain without opportunities', '{0} pains without opportunities'), sg.span, pains.map((p) => p.span)) });
    }
    const ev = ins.evidence[si];
    const total = ev.stepsWith + ev.stepsWithout;
    if (total) {
      const bare = sg.steps.filter((st) => !st.evidence.some((e) => e.text.value.trim())).map((st) => st.span);
      lenses.push({ range: at(sg.span), command: show(tn(locale, total, 'Evidence: {1} of {0} step', 'Evidence: {1} of {0} steps', ev.stepsWith), sg.span, bare) });
    }
  });
  ins.lowestMoments.forEach((m, i) => {
    const st = a.map.stages[m.stage].steps[m.step];
    const where = st.emotion?.span ?? st.span;
    lenses.push({ range: at(st.span), command: show(t(locale, 'Low point #{0}', i + 1), st.span, [where]) });
  });
  return lenses;
}
