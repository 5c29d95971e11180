// Realistic synthetic maps for benchmarks: every stage has steps with all the usual
// lanes, so parse, validate and render costs are those of a real map, only bigger.
// Deterministic (no randomness) so runs compare.
const EMOTIONS = ['delighted', 'happy', 'satisfied', 'curious', 'neutral', 'confused', 'anxious', 'frustrated', 'angry'];

/** A map with `stages` stages of `steps` steps each (about 22 lines a step). */
export function generateMap({ stages = 10, steps = 4 } = {}) {
  const out = [
    'cjm: 1',
    `title: Generated journey (${stages} stages × ${steps} steps)`,
    'kind: current-state',
    'persona: anna',
    'personas:',
    '  - id: anna',
    '    name: Anna, 34',
    'channels:',
    '  - id: web',
    '    name: Website',
    '  - id: app',
    '    name: Mobile app',
    'teams:',
    '  - id: product',
    'sources:',
    '  - id: survey',
    '    type: survey',
    'stages:',
  ];
  for (let s = 0; s < stages; s++) {
    out.push(`  - id: stage-${s}`, `    name: Stage ${s + 1}`, '    steps:');
    for (let t = 0; t < steps; t++) {
      const n = s * steps + t;
      out.push(
        `      - id: step-${s}-${t}`,
        `        name: Step ${t + 1} of stage ${s + 1}`,
        `        action: The customer does thing number ${n}`,
        `        touchpoint: Touchpoint ${n % 7}`,
        `        channel: ${n % 2 ? 'app' : 'web'}`,
        `        thoughts: "Is step ${n} worth my time?"`,
        `        emotion: ${EMOTIONS[n % EMOTIONS.length]}`,
        `        criticality: ${['low', 'medium', 'high'][n % 3]}`,
        '        pains:',
        `          - Pain ${n}a, the form is long`,
        `          - Pain ${n}b, nobody answers`,
        `        joys: Something nice about step ${n}`,
        '        opportunities:',
        `          - text: Improve step ${n}`,
        '            impact: high',
        '            effort: low',
        '            owner: product',
        '        evidence: [survey]',
        '        owner: product',
        '        backstage: Systems do work',
      );
    }
  }
  return out.join('\n') + '\n';
}

/** A map of roughly `lines` lines. */
export function generateMapOfLines(lines) {
  const perStep = 20;
  const steps = 4;
  const stages = Math.max(1, Math.round((lines - 18) / (perStep * steps + 3)));
  return generateMap({ stages, steps });
}

/**
 * The map of `generateMap`, written as a hand might: every sequence flush with its key (YAML's
 * indentless sequences, the same data), so the formatter re-indents every nested line.
 */
export function generateUnindentedMap(options) {
  return generateMap(options).replace(/^ {2}/gm, '');
}
