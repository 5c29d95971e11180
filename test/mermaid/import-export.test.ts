/**
 * Mermaid journey ↔ .cjm round trips over hand-written diagrams in the styles people use
 * (the Mermaid docs' example, Russian and Polish ones, odd spacing, CRLF, front matter,
 * accessibility lines, comments): the import passes `cjm check` without errors and the
 * export gives back the same title, sections, tasks, scores and actors.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { analyze, exportMermaidJourney, importMermaidJourney, parseMermaidJourney, MermaidJourney, slugId } from '@cjm/core';
import { ROOT, fixture } from '../helpers';

const DIR = fixture('mermaid');
const files = readdirSync(DIR).filter((f) => f.endsWith('.mmd')).sort();
const CLI = join(ROOT, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'cjm-mermaid-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** What a round trip must keep: title, sections with their tasks, scores and actors. */
function essence(j: MermaidJourney) {
  return {
    title: j.title,
    sections: j.sections.map((s) => ({ name: s.name, tasks: s.tasks.map((t) => ({ name: t.name, score: t.score, actors: t.actors })) })),
  };
}

test('the fixtures cover Russian, Polish, odd spacing, front matter and accessibility lines', () => {
  const all = files.map((f) => readFileSync(join(DIR, f), 'utf8')).join('\n');
  assert.ok(files.length >= 4);
  assert.match(all, /[А-Яа-яё]/);
  assert.match(all, /[ąćęłńóśźż]/i);
  assert.match(all, /\r\n/);
  assert.match(all, /\t/);
  assert.match(all, /accDescr \{/);
  assert.match(all, /^---$/m);
});

for (const f of files) {
  test(`round trip: ${f}`, () => {
    const source = readFileSync(join(DIR, f), 'utf8');
    const original = parseMermaidJourney(source);
    assert.deepEqual(original.notes.filter((n) => n.severity === 'error'), []);
    const imported = importMermaidJourney(source, { source: f });
    const a = analyze(imported.text);
    // An empty section is an empty stage, which cjm points out; nothing else may be flagged.
    const emptySections = original.journey.sections.some((sec) => !sec.tasks.length);
    const flagged = a.diagnostics.filter((d) => (d.severity === 'error' || d.severity === 'warning') && !(emptySections && d.code === 'empty-stage'));
    assert.deepEqual(flagged.map((d) => `${d.code}: ${d.message}`), [], imported.text);
    const exported = exportMermaidJourney(a, 'en');
    const back = parseMermaidJourney(exported);
    assert.deepEqual(back.notes, []);
    const want = essence(original.journey);
    // Tasks before any section become a stage named after the title.
    for (const s of want.sections) if (!s.name) s.name = original.journey.title ?? 'Journey';
    assert.deepEqual(essence(back.journey), want);
    assert.equal(back.journey.accTitle, original.journey.accTitle);
    assert.equal(back.journey.accDescr, original.journey.accDescr?.replace(/\n/g, ' '));
    // Comments come back where they stood.
    const comments = (j: MermaidJourney) => [...j.comments, ...j.sections.flatMap((s) => [...s.comments, ...s.tasks.flatMap((t) => t.comments)])].sort();
    assert.deepEqual(comments(back.journey), comments(original.journey));
    // Exporting the import again changes nothing: the export is a fixed point.
    assert.equal(exportMermaidJourney(analyze(importMermaidJourney(exported).text), 'en').replace(/^ {2}%%.*\n/gm, ''), exported.replace(/^ {2}%%.*\n/gm, ''));
  });
}

test('an untitled diagram stays untitled, and sections without tasks stay, through import and export', () => {
  const source = readFileSync(join(DIR, 'untitled-empty-sections.mmd'), 'utf8');
  const imported = importMermaidJourney(source, { source: 'untitled-empty-sections.mmd' });
  const a = analyze(imported.text);
  assert.equal(a.map.title?.value, 'untitled-empty-sections', 'the file name stands in for the required title');
  assert.deepEqual(a.map.stages.map((s) => s.steps.length), [0, 1, 0]);
  const back = exportMermaidJourney(a, 'en');
  assert.doesNotMatch(back, /^\s*title\b/m, back);
  assert.deepEqual(parseMermaidJourney(back).journey.sections.map((s) => [s.name, s.tasks.length]), [['Empty stage', 0], ['Ordering', 1], ['Nothing here either', 0]]);
});

test('import keeps what Mermaid means: actors become personas, a step\'s several actors a list', () => {
  const r = importMermaidJourney(readFileSync(join(DIR, 'bank-ru.mmd'), 'utf8'));
  assert.match(r.text, /^# accTitle: Путь клиента при открытии счёта\n/);
  assert.match(r.text, /^description: Клиент открывает счёт в отделении и в мобильном приложении$/m);
  assert.match(r.text, /^ {2}- id: осведомленность\n {4}name: Осведомленность$/m);
  assert.match(r.text, /^ {8}persona: \[клиент, друг\]\n {8}emotion: 4\/5$/m);
  assert.match(r.text, /^title: "Открытие счёта: путь клиента"$/m, 'a colon is quoted');
  const a = analyze(r.text);
  assert.deepEqual(a.map.personas.map((p) => [p.id?.value, p.name?.value]), [['клиент', 'Клиент'], ['друг', 'Друг']]);
  assert.deepEqual(a.map.stages[0].steps[1].personas.map((p) => p.id), ['клиент', 'друг']);
  assert.equal(a.map.stages[0].steps[1].emotion?.score, 1.5);
});

test('import: out-of-range and non-numeric scores, duplicate names, directives and junk are reported, never errors in the map', () => {
  const src = '%%{init: {"theme": "dark"}}%%\njourney\n  title Edge cases\n  section Same\n    A: 7: X\n    B: many: X\n  section Same\n    C: 0\n  section: broken\n  what is this\n';
  const r = importMermaidJourney(src);
  // `section: broken` is, to Mermaid too, a task named "section" with a score that is not a number.
  assert.deepEqual(r.notes.map((n) => `${n.line} ${n.severity}`), ['1 warning', '10 error', '5 warning', '6 warning', '8 warning', '9 warning']);
  assert.match(r.text, /emotion: 5\/5 # Mermaid score 7, outside 1–5/);
  assert.match(r.text, /# Mermaid score "many" is not a number: no emotion/);
  assert.match(r.text, /- id: same\n[\s\S]*- id: same-2\n/);
  assert.deepEqual(analyze(r.text).diagnostics.filter((d) => d.severity === 'error'), []);
  assert.equal(slugId('  Świadomość / Zakup!! ', 'x'), 'świadomość-zakup');
  assert.equal(slugId('!!!', 'stage-3'), 'stage-3');
});

test('export neutralises hostile text: no directive, comment, statement or markup can be injected', () => {
  const map = [
    'cjm: 1',
    'title: "Evil %%{init: {\\"theme\\":\\"dark\\"}}%% <script>alert(1)</script>"',
    'description: "line one }%% accDescr: x"',
    'personas:',
    '  - id: p',
    '    name: "A, B: C"',
    'stages:',
    '  - id: s',
    '    name: "Pay: now; #1 \\n section Injected"',
    '    steps:',
    '      # comment with %%{init: {}}%%',
    '      - name: "title Hijack: 5: Me"',
    '        persona: p',
    '        emotion: 2/5',
    '      - name: Полная оплата заказа',
    '        emotion: radość',
  ].join('\n');
  const out = exportMermaidJourney(analyze(map), 'pl');
  assert.doesNotMatch(out, /%%\{/);
  assert.doesNotMatch(out, /<script/i);
  const parsed = parseMermaidJourney(out);
  assert.deepEqual(parsed.notes, []);
  assert.equal(parsed.journey.sections.length, 1, 'no injected section');
  assert.equal(parsed.journey.sections[0].tasks.length, 2, 'no injected task');
  assert.deepEqual(parsed.journey.sections[0].tasks[0].actors, ['A‚ B꞉ C']);
  assert.equal(parsed.journey.sections[0].tasks[0].score, 2);
  assert.equal(parsed.journey.sections[0].tasks[1].name, 'Полная оплата заказа');
});

function cjm(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('cjm import mermaid / cjm export mermaid: files, stdout, exit codes', () => {
  const out = join(tmp, 'pl.cjm');
  const imp = cjm(['import', 'mermaid', join(DIR, 'sklep-pl.mmd'), '-o', out]);
  assert.equal(imp.code, 0, imp.err);
  assert.match(imp.err, /sklep-pl\.mmd:13: warning: text after the actors is ignored/);
  assert.equal(cjm(['check', out]).code, 0);
  const exp = cjm(['export', 'mermaid', out]);
  assert.equal(exp.code, 0);
  assert.match(exp.out, /^journey\n {2}title Zakupy w sklepie internetowym\n/);
  assert.equal(cjm(['export', 'mermaid', out, '-o', join(tmp, 'pl.mmd')]).out, '');
  assert.equal(readFileSync(join(tmp, 'pl.mmd'), 'utf8'), exp.out);
  assert.equal(cjm(['import', 'mermaid', join(ROOT, 'package.json')]).code, 2, 'not a journey');
  assert.equal(cjm(['import', 'plantuml', 'x']).code, 2);
  assert.equal(cjm(['export', 'mermaid', join(tmp, 'missing.cjm')]).code, 2);
  const help = cjm(['--help']).out;
  assert.match(help, /^ {2}import /m);
  assert.match(help, /^ {2}export /m);
});

test('a step felt differently by each persona goes out as one task per persona and comes back as one step (Russian example)', () => {
  const path = join(ROOT, 'examples', 'dostavka-produktov-ru.cjm');
  const original = analyze(readFileSync(path, 'utf8'));
  const perPersona = original.map.stages.flatMap((st) => st.steps).filter((s) => s.personaEmotions.length > 1);
  assert.ok(perPersona.length >= 3, 'the example has steps with an emotion per persona');
  const exported = exportMermaidJourney(original, 'ru');
  const imported = importMermaidJourney(exported, { source: 'dostavka-produktov-ru.mmd' });
  assert.deepEqual(imported.notes, []);
  const back = analyze(imported.text);
  assert.deepEqual(back.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.code}: ${d.message}`), []);
  // The same steps in the same stages, and each per-persona step is one step again.
  assert.deepEqual(back.map.stages.map((st) => st.steps.length), original.map.stages.map((st) => st.steps.length));
  // Persona by persona, in the same order: the import names them as the actors did (an actor list has no commas, so they come back as look-alikes).
  const who = (m: typeof original.map, id: string) => m.personas.find((p) => p.id?.value === id)?.name?.value.replaceAll('‚', ',');
  const steps = (m: typeof original.map) => m.stages.flatMap((st) => st.steps);
  steps(original.map).forEach((s, i) => {
    const b = steps(back.map)[i];
    assert.deepEqual(b.personaEmotions.map((pe) => who(back.map, pe.persona.id)), s.personaEmotions.map((pe) => who(original.map, pe.persona.id)), `step ${i + 1}`);
  });
  assert.match(imported.text, /^ {8}emotion: \{[^}]*: \d(\.\d+)?\/5, [^}]*: \d(\.\d+)?\/5\}$/m);
  // And the export of the import is the export again: every persona's score came back.
  assert.equal(exportMermaidJourney(back, 'ru'), exported);
});

test('only a run of same-named tasks with one different actor each is folded into one step', () => {
  const src = 'journey\n  title Folding\n  section Visit\n    Pays: 2: Maria\n    Pays: 4: Tom\n    Waits: 3: Maria\n    Waits: 3: Maria\n    Leaves: 5: Maria, Tom\n    Leaves: 1: Ann\n    Rates: 9: Maria\n    Rates: 4: Tom\n';
  const a = analyze(importMermaidJourney(src).text);
  assert.deepEqual(a.map.stages[0].steps.map((s) => [s.name?.value, s.personaEmotions.map((pe) => `${pe.persona.id}:${pe.emotion.raw}`).join(' ') || s.emotion?.raw]), [
    ['Pays', 'maria:2/5 tom:4/5'],
    ['Waits', '3/5'],
    ['Waits', '3/5'],
    ['Leaves', '5/5'],
    ['Leaves', '1/5'],
    ['Rates', '5/5'],
    ['Rates', '4/5'],
  ]);
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
});
