/**
 * `cjm site`'s work: find the maps, read their git history, and write the static site.
 * Everything here is files and git; the pages themselves come from render/site.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  Analysis, Change, ChangeLog, FileReader, IncrementalAnalyzer, Locale, analyze, diagnosticMessage, diffChanges, mapLanguage, mapWithLibraryPersonas, pathLabel, resolveValue, stageLabel, stepLabel,
} from '@cjm/core';
import { MapView, buildView, renderMarkdown, renderViewSvg } from '@cjm/render';
import { jsonForScript, renderIndexPage, renderMapPage, searchIndexScript } from '@cjm/render/site/pages';
import type { SiteEntry, SiteProblem, SiteVersion } from '@cjm/render/site/types';
import { encodeVersionTexts } from '@cjm/render/site/versionTexts';
import previewCss from '../../media/preview.css';
import siteCss from '../../media/site/site.css';
import { GitError, namesFiles, repoRoot, revisionReader } from '../git';
import { corePath, linkMapAt, mapPlace, namedFileReader } from '../files';
import { LoggedDiff, SiteCache, VersionFacts } from './cache';
import { History, MapVersion, mapVersions, textsInTurn } from './history';

export interface SiteOptions {
  /** the maps to publish (paths relative to `cwd` or absolute) with their texts */
  readonly files: ReadonlyArray<{ readonly file: string; readonly text: string }>;
  /** where paths are shown relative to, and where git is asked */
  readonly cwd: string;
  readonly out: string;
  /** the index page's language */
  readonly locale: Locale | ((maps: readonly Locale[]) => Locale);
  /** versions per map; 0: no history */
  readonly history: number;
  /** how many versions' texts are read from git at once (default `TEXTS_AT_ONCE`): what bounds the memory a history takes */
  readonly textsAtOnce?: number;
  /** SVG → PNG for every map (cli/png.ts); slower, so optional */
  readonly png?: (svg: string) => Uint8Array;
  /** the built page scripts (dist/media/site.js, history.js) */
  readonly scripts: { readonly site: string; readonly history: string };
  /**
   * Where to keep each version's facts and change log between builds (`--cache`), and the
   * build of cjm they were computed by (another build's cache is not used).
   */
  readonly cache?: { readonly dir: string; readonly version: string };
}

export interface SiteResult {
  readonly maps: number;
  readonly versions: number;
  /** versions analysed in this build: the others' facts and change logs came from the cache */
  readonly analysed: number;
  /** the system's error code when the cache could not be written (the site is built all the same) */
  readonly cacheProblem?: string;
  readonly errors: number;
  /** false when not in a git repository (or history was turned off) */
  readonly history: boolean;
  readonly index: string;
}

/** Where the page scripts are: beside the CLI bundle (dist/cli.js → dist/media/), or dist/media/ above a test bundle. */
export function findSiteScripts(from: string): { site: string; history: string } | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    for (const media of [join(dir, 'media'), join(dir, 'dist', 'media')]) {
      const site = join(media, 'site.js');
      const history = join(media, 'site-history.js');
      if (existsSync(site) && existsSync(history)) return { site, history };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

const posix = (p: string) => p.split(sep).join('/');

function slugFor(path: string, taken: Set<string>): string {
  const base = path.replace(/\.cjm$/i, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'map';
  let slug = base;
  for (let n = 2; taken.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
  taken.add(slug.toLowerCase());
  return slug;
}

function viewText(view: MapView): string {
  const parts: string[] = [view.title];
  const items = (xs: readonly { text: string }[]) => {
    for (const x of xs) if (x.text) parts.push(x.text);
  };
  items(view.description);
  for (const p of view.personas) {
    parts.push(p.name);
    items(p.description);
    if (p.quote) parts.push(p.quote.text);
    items(p.goals);
    items(p.needs);
    items(p.frustrations);
  }
  for (const s of view.stages) {
    parts.push(s.name);
    items(s.description);
    items(s.goals);
    items(s.expectations);
    items(s.opportunities);
    items(s.kpis);
  }
  for (const st of view.steps) {
    if (!st.placeholder) parts.push(st.name);
    if (st.emotion) parts.push(st.emotion.label);
    for (const cell of Object.values(st.cells)) if (cell) items(cell);
  }
  items(view.journeyKpis);
  items(view.backlog);
  items(view.notes);
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' · ');
}

/** The lowest point of the map's curve, or of any persona's curve when the map draws one per persona. */
function lowestMoment(view: MapView): string | undefined {
  type Emotion = NonNullable<MapView['steps'][number]['emotion']>;
  let low: { step: MapView['steps'][number]; emotion: Emotion; who?: string } | undefined;
  for (const step of view.steps) {
    const points = step.emotion ? [{ emotion: step.emotion }] : (step.personaEmotions ?? []).map((p) => ({ emotion: p.emotion, who: p.name }));
    for (const p of points) if (p.emotion.score !== undefined && (!low || p.emotion.score < low.emotion.score!)) low = { step, ...p };
  }
  if (!low) return undefined;
  const who = low.who ? ` (${low.who})` : '';
  return `${view.stages[low.step.stageIndex].name} › ${low.step.name}${who}: ${low.emotion.emoji} ${low.emotion.label}`;
}

const DIAGNOSTIC_KINDS = /^(error|warning)-(introduced|fixed)$/;

const stepKey = (stage: string, step: string) => `${stage}\u0000${step}`;

/** What the site reads from a version (its errors, each step's score), in a form the cache can keep. */
function factsOf(a: Analysis, language: Locale): VersionFacts {
  const scores: Array<[string, string, number | null]> = [];
  a.map.stages.forEach((stage, si) => {
    const sk = stage.id?.value ?? stageLabel(stage, si, language);
    stage.steps.forEach((step, i) => {
      const name = stepLabel(step, i, language);
      scores.push([stepKey(sk, step.id?.value ?? name), name, step.emotion?.score ?? null]);
    });
  });
  return { errors: errorsOf(a), scores };
}

/** The score at each of the current map's columns, matched by stage and step id (else name). */
function curveOf(facts: VersionFacts, columns: ReadonlyArray<{ key?: string; name: string }>): Array<number | undefined> {
  const byKey = new Map<string, number | undefined>();
  const byName = new Map<string, number | undefined>();
  for (const [key, name, score] of facts.scores) {
    byKey.set(key, score ?? undefined);
    if (!byName.has(name)) byName.set(name, score ?? undefined);
  }
  return columns.map((c) => (c.key !== undefined && byKey.has(c.key) ? byKey.get(c.key) : byName.get(c.name)));
}

function errorsOf(a: Analysis): number {
  return a.diagnostics.filter((d) => d.severity === 'error').length;
}

function problemsOf(a: Analysis, locale: Locale): SiteProblem[] {
  return a.diagnostics.filter((d) => d.severity === 'error').map((d) => {
    const p = a.lines.positionAt(d.span.start);
    return { line: p.line + 1, column: p.character + 1, code: d.code, message: diagnosticMessage(d, locale) };
  });
}

function shortDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? iso;
}

/**
 * How many versions' texts are read from git at once, for the maps that follow in turn (one
 * `git cat-file` each time): 2,000 texts of ~240 lines are ~15 MB; 200 maps of 100 KB with 50
 * versions each would be gigabytes read at once.
 */
const TEXTS_AT_ONCE = 2000;

/** How many analyses of a map's history stay at hand: the version before, and a few for merges and reverts. */
const RECENT = 4;

/** How a version reads the files it names (`use:` libraries, a `baseline:`): as they were in its commit. */
interface VersionFiles {
  /** whether a text names other files: its reading then depends on its commit, not its text alone */
  named(text: string): boolean;
  /** the version's own analysis with its libraries and baseline as of `commit`, the map being at `path` (repository-relative) */
  link(a: Analysis, commit: string, path: string): Analysis;
}

/** Versions read the files they name from their commits (each file read once per commit), within the repository. */
function filesAtCommits(root: string): VersionFiles {
  const rootPath = corePath(root, root);
  const readers = new Map<string, FileReader>();
  const readerAt = (commit: string): FileReader => {
    let reader = readers.get(commit);
    if (!reader) {
      const read = revisionReader(root, rootPath, commit);
      const seen = new Map<string, string | undefined>();
      reader = (path) => {
        if (!seen.has(path)) seen.set(path, read(path));
        return seen.get(path);
      };
      readers.set(commit, reader);
    }
    return reader;
  };
  return {
    // A false alarm only makes a version known by its commit too.
    named: namesFiles,
    link: (a, commit, path) => linkMapAt(a, `${rootPath}/${path}`, rootPath, readerAt(commit)),
  };
}

/** A map's history is walked through one IncrementalAnalyzer, which first reads the map as it is now. */
function historyAnalyzer(): IncrementalAnalyzer {
  // Consecutive versions differ in a step or two: a changed stage is parsed step by step, and
  // the parses of the last few versions stay at hand, as their analyses do, so a version that
  // puts a stage or step back as it was (a revert, a commit undoing the one before) parses nothing again.
  return new IncrementalAnalyzer({ keep: RECENT, stepwise: true });
}

/**
 * Every version's facts and change log. A version is analysed only when something about it
 * is not known yet (from the cache, or earlier in this walk), newest first through the
 * IncrementalAnalyzer that read the map as it is now (`now`): the newest version is most often
 * that very text, and consecutive versions differ in a stage or two, so most of each text is
 * not parsed again. Only the last few analyses are kept, not one per version: a long history
 * stays small in memory. The diff of a pair of texts is computed once (a revert, a merge and
 * its first parent, a fix), two equal texts are not diffed at all, and the diff skips what it
 * does not show (`diffChanges`).
 */
function versionsOf(
  h: History,
  versions: readonly MapVersion[],
  language: Locale,
  columns: ReadonlyArray<{ key?: string; name: string }>,
  cache: SiteCache | undefined,
  now: { readonly inc: IncrementalAnalyzer; readonly text: string; readonly analysis: Analysis },
  files: VersionFiles,
): { versions: SiteVersion[]; analysed: number } {
  const inc = now.inc;
  // Where each text was committed: a version that names other files reads them as of its commit.
  const placeOf = new Map<string, { commit: string; path: string }>();
  for (const v of versions) if (!placeOf.has(v.blob)) placeOf.set(v.blob, { commit: v.commit, path: v.path });
  for (const v of versions) if (v.beforeBlob && v.parents[0] && !placeOf.has(v.beforeBlob)) placeOf.set(v.beforeBlob, { commit: v.parents[0], path: v.oldPath ?? v.path });
  const textOf = (blob: string) => h.blobs.get(blob) ?? '';
  // What a version is known by (here and in the cache): its text, and its commit when it reads
  // other files. Asked several times per version: each text is searched once.
  const keys = new Map<string, string>();
  const keyOf = (blob: string) => {
    let key = keys.get(blob);
    if (key === undefined) keys.set(blob, (key = files.named(textOf(blob)) ? `${blob}@${placeOf.get(blob)?.commit ?? ''}` : blob));
    return key;
  };
  const recent = new Map<string, Analysis>();
  let count = 0;
  const analysed = (blob: string): Analysis => {
    const key = keyOf(blob);
    let a = recent.get(key);
    if (a) recent.delete(key);
    else {
      const text = textOf(blob);
      const place = key !== blob ? placeOf.get(blob) : undefined;
      if (place) a = files.link(inc.analyze(text), place.commit, place.path);
      else a = text === now.text ? now.analysis : inc.analyze(text);
      count++;
    }
    recent.set(key, a);
    if (recent.size > RECENT) recent.delete(recent.keys().next().value as string);
    return a;
  };
  const known = new Map<string, VersionFacts>();
  const facts = (blob: string): VersionFacts => {
    const key = keyOf(blob);
    let f = known.get(key) ?? cache?.fact(language, key);
    if (!f) {
      f = factsOf(analysed(blob), language);
      cache?.setFact(language, key, f);
    }
    known.set(key, f);
    return f;
  };
  // Where, then what, as `cjm diff` writes it: «Осведомленность: этап добавлен», not a name run
  // into the sentence; a change of the map itself (its title) needs no where.
  const line = (c: Change) => (c.path.length ? `${pathLabel(c.path, language)}: ${c.message}` : c.message);
  const diffs = new Map<string, LoggedDiff>();
  const diff = (beforeBlob: string | undefined, afterBlob: string): LoggedDiff => {
    const beforeKey = beforeBlob === undefined ? undefined : keyOf(beforeBlob);
    const afterKey = keyOf(afterBlob);
    const key = `${beforeKey ?? ''}:${afterKey}`;
    let d = diffs.get(key) ?? cache?.log(language, beforeKey, afterKey);
    if (!d) {
      let log: ChangeLog;
      // The same text twice: nothing changed, not even a diagnostic.
      if (beforeBlob === afterBlob) log = diffChanges(null, null, { locale: language });
      else {
        // The after side first: walking newest first, the before side is the older text, next in line.
        const after = analysed(afterBlob);
        log = diffChanges(beforeBlob === undefined ? null : analysed(beforeBlob), after, { locale: language });
      }
      d = { identical: log.identical, formattingOnly: log.formattingOnly, changes: log.changes.map((c) => ({ kind: c.kind, line: line(c) })) };
      cache?.setLog(language, beforeKey, afterKey, d);
    }
    diffs.set(key, d);
    return d;
  };
  // Newest first: what each version changed and what it holds.
  const read = versions.map((v) => {
    const d = diff(v.beforeBlob, v.blob);
    const after = facts(v.blob);
    const fixes = !after.errors && !!v.beforeBlob && facts(v.beforeBlob).errors > 0;
    return { d, after, fixes };
  });
  // Oldest first: a fixed version's change log reaches back to the last good one before it.
  const out: SiteVersion[] = [];
  let lastGood: string | undefined;
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i];
    const { d, after, fixes } = read[i];
    let changes: LoggedDiff['changes'];
    if (after.errors) {
      // What a broken text seems to hold (stages gone, odd keys) is the parser's guess, not an
      // edit: a broken version lists the errors it brought.
      changes = d.changes.filter((c) => c.kind === 'error-introduced');
    } else if (fixes) {
      // The fix of a broken version: what changed since the last good one, and the errors fixed.
      const since = lastGood ? diff(lastGood, v.blob).changes.filter((c) => !DIAGNOSTIC_KINDS.test(c.kind)) : [];
      changes = [...since, ...d.changes.filter((c) => c.kind === 'error-fixed')];
    } else changes = d.changes;
    if (!after.errors) lastGood = v.blob;
    out.push({
      commit: v.commit,
      date: shortDate(v.date),
      author: v.author,
      subject: v.subject,
      status: v.status,
      path: v.path,
      ...(v.oldPath ? { oldPath: v.oldPath } : {}),
      errors: after.errors,
      curve: curveOf(after, columns),
      changes: changes.map((c) => c.line),
      formattingOnly: d.formattingOnly,
      identical: d.identical,
    });
  }
  return { versions: out.reverse(), analysed: count };
}

function write(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

export function buildSite(opts: SiteOptions): SiteResult {
  const out = resolve(opts.cwd, opts.out);
  const taken = new Set<string>();
  const maps = opts.files.map(({ file, text }) => {
    const abs = resolve(opts.cwd, file);
    const path = posix(relative(opts.cwd, abs));
    return { abs, path, text, slug: slugFor(path, taken) };
  });

  let root: string | undefined;
  if (opts.history > 0) {
    try {
      root = repoRoot(opts.cwd);
    } catch (e) {
      if (!(e instanceof GitError)) throw e;
    }
  }
  const repoPath = (abs: string) => (root ? posix(relative(root, abs)) : undefined);
  const inRepo = maps.map((m) => repoPath(m.abs)).filter((p): p is string => !!p && !p.startsWith('../'));
  const histories = root && inRepo.length ? mapVersions(root, inRepo, opts.history) : undefined;
  const versionsOfMap = (m: { abs: string }) => {
    const rp = repoPath(m.abs);
    return (rp && histories?.get(rp)) || [];
  };
  const textsFor = root && histories ? textsInTurn(root, maps.map(versionsOfMap), opts.textsAtOnce ?? TEXTS_AT_ONCE) : undefined;
  const versionFiles = root ? filesAtCommits(root) : undefined;

  const cache = histories && opts.cache ? SiteCache.open(resolve(opts.cwd, opts.cache.dir), opts.cache.version) : undefined;
  const entries: SiteEntry[] = [];
  let versionCount = 0;
  let analysedCount = 0;
  let errorCount = 0;
  const languages: Locale[] = [];
  for (const [index, m0] of maps.entries()) {
    const versions = versionsOfMap(m0);
    const h: History | undefined = versions.length && textsFor ? { versions, blobs: textsFor(index) } : undefined;
    // A map with a history is read by the analyzer that then walks it: its newest version is
    // most often this very text, and the older ones are a few edits from it.
    const inc = h ? historyAnalyzer() : undefined;
    // What `cjm check` reports for it: with the libraries (`use:`) and the baseline it names.
    const place = mapPlace(m0.abs, opts.cwd);
    const analysis = linkMapAt(inc ? inc.analyze(m0.text) : analyze(m0.text), place.path, place.root, namedFileReader);
    const m = { ...m0, analysis, language: mapLanguage(analysis.map, m0.text) };
    languages.push(m.language);
    // Drawn with the personas it takes from its libraries, as `cjm render` draws it.
    const drawn = mapWithLibraryPersonas(analysis);
    const view = buildView(drawn, m.language, m.language);
    const errors = errorsOf(m.analysis);
    errorCount += errors;
    const kindWritten = m.analysis.map.kind?.value;
    const kind = kindWritten ? resolveValue('kind', kindWritten) ?? kindWritten : undefined;
    const entry: SiteEntry = {
      slug: m.slug,
      path: m.path,
      title: view.title,
      ...(kind ? { kind } : {}),
      personas: view.personas.map((p) => p.name),
      language: m.language,
      stages: view.stages.length,
      steps: view.steps.filter((s) => !s.placeholder).length,
      ...(lowestMoment(view) ? { lowest: lowestMoment(view) } : {}),
      errors,
      versions: h?.versions.length ?? 0,
      text: viewText(view),
    };
    entries.push(entry);
    const dir = join(out, 'maps', m.slug);
    // The view drawn on the page is the picture's too (renderSvg would build it again).
    const svg = renderViewSvg(view);
    write(join(dir, 'map.svg'), svg);
    write(join(dir, 'map.md'), renderMarkdown(drawn, { locale: m.language, language: m.language }));
    write(join(dir, 'map.cjm'), m.text);
    if (opts.png) write(join(dir, 'map.png'), opts.png(svg));
    const rel = (f: string) => `${encodeURIComponent(m.slug)}/${f}`;
    let history: Parameters<typeof renderMapPage>[0]['history'];
    if (h && inc && versionFiles) {
      const columns = view.steps.map((st) => ({
        key: st.placeholder ? undefined : stepKey(view.stages[st.stageIndex].id ?? view.stages[st.stageIndex].name, st.id ?? st.name),
        name: st.placeholder ? '' : st.name,
      }));
      const { versions, analysed } = versionsOf(h, h.versions, m.language, columns, cache, { inc, text: m.text, analysis: m.analysis }, versionFiles);
      versionCount += versions.length;
      analysedCount += analysed;
      history = { versions, columns: columns.map((c) => c.name), uncommitted: (h.blobs.get(h.versions[0].blob) ?? '') !== m.text };
      // The texts travel as data (the newest whole, each older one as its edit of the one after
      // it); the page script analyses and draws the one the reader picks.
      const texts = encodeVersionTexts(h.versions.map((v) => h.blobs.get(v.blob) ?? ''));
      write(join(dir, 'versions.js'), `window.CJM_VERSIONS=${jsonForScript(h.versions.map((v, i) => ({ date: versions[i].date, author: v.author, subject: v.subject, commit: v.commit, text: texts[i] })))};\n`);
    }
    write(join(out, 'maps', `${m.slug}.html`), renderMapPage({
      entry,
      view,
      problems: problemsOf(m.analysis, m.language),
      downloads: { svg: rel('map.svg'), md: rel('map.md'), source: rel('map.cjm'), ...(opts.png ? { png: rel('map.png') } : {}) },
      ...(history ? { history } : {}),
    }));
  }
  const locale = typeof opts.locale === 'function' ? opts.locale(languages) : opts.locale;
  const index = join(out, 'index.html');
  write(index, renderIndexPage(entries, locale));
  write(join(out, 'assets', 'search.js'), searchIndexScript(entries));
  write(join(out, 'assets', 'preview.css'), previewCss);
  write(join(out, 'assets', 'site.css'), siteCss);
  copyFileSync(opts.scripts.site, join(out, 'assets', 'site.js'));
  copyFileSync(opts.scripts.history, join(out, 'assets', 'history.js'));
  // GitHub Pages runs Jekyll on a branch-published site; it would hide nothing here, but skips its work.
  write(join(out, '.nojekyll'), '');
  const cacheProblem = cache?.save();
  return { maps: maps.length, versions: versionCount, analysed: analysedCount, errors: errorCount, history: !!histories, index, ...(cacheProblem ? { cacheProblem } : {}) };
}
