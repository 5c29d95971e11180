/**
 * The language server's wiring, independent of how it is connected: the Node entry
 * (server.ts, stdio or IPC) hands in a connection and a way to read workspace files; a
 * browser entry can hand in others. Everything here is Node-free.
 *
 * One analysis is cached per document version and shared by every feature. Diagnostics
 * are published after a short quiet period (typing again cancels the pending run), and
 * only for the version that is still current. Completion never waits for a parse: it
 * reads the cursor context from the current text and ids from the latest analysis.
 */
import {
  CancellationToken,
  CodeActionKind,
  Connection,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, FormatResult, IncrementalAnalyzer, LIMITS, LineIndex, LinkedAnalysis, Locale, Span, analyze, analyzeSyntax, span, t, textChange, toLocale } from '@cjm/core';
import { FIX_ALL_KIND, codeActions } from './features/actions';
import { InsertStyle, TRIGGER_CHARACTERS, complete, toInsertStyle } from './features/completion';
import { insightLenses } from './features/codeLens';
import { toDiagnostics, toRange } from './features/convert';
import { foldingRanges } from './features/folding';
import { formatDocument, formatDocumentRange, formatOutcome } from './features/formatting';
import { hover, keyHover } from './features/hover';
import { RenameError, definition, highlights, prepareRename, references, rename } from './features/navigation';
import { WorkspaceEntry, documentSymbols, searchWorkspace, workspaceEntries } from './features/symbols';
import { gitignoreMatcher, globToRegExp, matchesAny } from './globs';
import { CrossFileWorld, CrossRenameError, crossReferences, crossRename, importedDefinition } from './features/crossFile';
import { symbolAt } from './features/lookup';
import { Libraries, pathToUri, uriToPath } from './library';

/** How the server finds and reads maps nobody opened. */
export interface WorkspaceFiles {
  /** URIs of every .cjm file under the given folder URIs */
  list(folders: readonly string[]): Promise<string[]>;
  /** the file's text, or undefined when it cannot or should not be read */
  read(uri: string): Promise<string | undefined>;
}

/**
 * Formats a whole text (`range` undefined) or the units a range touches, away from the message
 * loop; rejects with LSP's RequestCancelled when the token is cancelled first.
 */
export type OffThreadFormatter = ((text: string, range: Span | undefined, token: CancellationToken) => Promise<FormatResult>) & {
  /** where it formats, for the server's log ("in a Worker", "on a worker thread") */
  readonly where?: string;
};

export interface SessionOptions {
  readonly files?: WorkspaceFiles;
  /** where formatting a big map runs (Node: a worker thread; browser: a Worker started from the server's); without it, on the message loop between yields */
  readonly formatOffThread?: OffThreadFormatter;
  /** a timer that yields to pending messages; `setTimeout(f, 0)` where nothing better exists */
  readonly yieldNow?: () => Promise<void>;
  /**
   * Milliseconds of CPU this process has used (Node: `process.cpuUsage`). What an analysis
   * cost decides whether the next lone edit is answered at once; measured in wall time, a
   * busy machine (the server descheduled mid-analysis) would make every map look expensive
   * and send every edit through the quiet period. Without it, wall time.
   */
  readonly cpuClock?: () => number;
}

/** Client-tunable knobs, passed as `initializationOptions`. */
export interface InitOptions {
  /** quiet period before diagnostics run, ms (default 150) */
  readonly diagnosticDelay?: number;
  /** validate every .cjm file in the workspace folders (default true) */
  readonly workspaceValidation?: boolean;
  /**
   * The user's language (`en`, `ru`, `pl`; other tags read as English): messages, hover and
   * completion texts, quick-fix titles; and labels when a map has no `language:`. Without it,
   * LSP's `initialize` `locale` (the client's display language) decides.
   */
  readonly locale?: string;
  /** the `cjm.completion.insert` setting: `mapLanguage` (default) or `ids` */
  readonly completionInsert?: string;
  /** workspace validation checks only maps matching one of these globs, relative to their workspace folder (default every `.cjm`) */
  readonly include?: readonly string[];
  /** …and none of these (the client adds `files.exclude` here) */
  readonly exclude?: readonly string[];
  /** skip maps the `.gitignore` at the root of their workspace folder ignores (default true) */
  readonly useGitignore?: boolean;
}

/** The settings a client sends with `workspace/didChangeConfiguration` (VS Code's `cjm.*`). */
interface CjmSettings {
  readonly cjm?: { readonly completion?: { readonly insert?: unknown } };
}

/** Beyond this a file's Problems list stops being readable and only slows the editor. */
const MAX_DIAGNOSTICS = 1000;
const MAX_WORKSPACE_FILES = 5000;

interface OpenDoc {
  readonly analyzer: IncrementalAnalyzer;
  analysis?: Analysis;
  version: number;
  lines?: { version: number; index: LineIndex };
  timer?: ReturnType<typeof setTimeout>;
  /** when the last change arrived (ms), to tell a lone edit from a burst of typing */
  lastChange?: number;
  /** what the last re-analysis after an edit cost (ms); the first, whole-map one is not a guide */
  lastCost?: number;
  /** the user was told this map is checked for syntax only (`LIMITS.maxFullAnalysis`) */
  toldHuge?: boolean;
}

/** Over `LIMITS.maxFullAnalysis` (and within what cjm reads at all) an editor checks the syntax only. */
const isHuge = (text: string) => text.length > LIMITS.maxFullAnalysis && text.length <= LIMITS.maxLength;

/** Maps from this many characters (about 500 lines, ~60 ms of formatting) are formatted off the loop when the host can (`formatOffThread`). */
const OFF_THREAD_FORMAT = 16_000;

/** An analysis this cheap is done at once after a lone edit: waiting would cost more than it saves. */
const CHEAP_ANALYSIS_MS = 30;

export function startSession(connection: Connection, options: SessionOptions = {}): void {
  const clock = options.cpuClock ?? (() => performance.now());
  const documents = new TextDocuments(TextDocument);
  const open = new Map<string, OpenDoc>();
  /** workspace-symbol entries per file URI: open documents and scanned ones */
  const index = new Map<string, readonly WorkspaceEntry[]>();
  /** files whose diagnostics came from disk, by a spelling-independent key */
  const fromDisk = new Map<string, string>();
  let folders: string[] = [];
  let locale: Locale = 'en';
  let insert: InsertStyle = 'mapLanguage';
  let delay = 150;
  let workspaceValidation = true;
  let includeGlobs: RegExp[] = [];
  let excludeGlobs: RegExp[] = [];
  let useGitignore = true;
  /** per workspace folder URI: its root .gitignore's verdict on a relative path */
  const gitignores = new Map<string, (relativePath: string) => boolean>();
  let scanGeneration = 0;
  const yieldNow = options.yieldNow ?? (() => new Promise<void>((r) => setTimeout(r, 0)));

  const log = (msg: string) => connection.console.log(msg);
  const logError = (what: string, e: unknown) => connection.console.error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const uriKey = (uri: string) => {
    try {
      return decodeURIComponent(uri);
    } catch {
      return uri;
    }
  };

  /** A handler that logs instead of throwing, so no input can take the server down. */
  function safe<P, R>(name: string, fallback: R, fn: (p: P, token: CancellationToken) => R): (p: P, token: CancellationToken) => R {
    return (p, token) => {
      try {
        return fn(p, token);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        logError(`${name} failed`, e);
        return fallback;
      }
    };
  }

  /** What a cancelled request answers (LSP's RequestCancelled); editors do not show it. */
  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

  /**
   * Before and between long steps of a request: let the messages already queued in (a
   * `$/cancelRequest`, a newer edit, other requests), then stop if this request was
   * cancelled meanwhile.
   */
  async function pause(token: CancellationToken): Promise<void> {
    if (token.isCancellationRequested) throw cancelled();
    await yieldNow();
    if (token.isCancellationRequested) throw cancelled();
  }

  /** `safe` for a handler that pauses (see `pause`). */
  function safeAsync<P, R>(name: string, fallback: R, fn: (p: P, token: CancellationToken) => Promise<R>): (p: P, token: CancellationToken) => Promise<R> {
    return async (p, token) => {
      try {
        return await fn(p, token);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        logError(`${name} failed`, e);
        return fallback;
      }
    };
  }

  /** A request that needs the document's analysis: cancellable until the work starts and between its steps. */
  function analysed<P extends { textDocument: { uri: string } }, R>(
    name: string,
    fallback: R,
    fn: (doc: TextDocument, a: Analysis, token: CancellationToken) => R | Promise<R>,
  ): (p: P, token: CancellationToken) => Promise<R> {
    return safeAsync(name, fallback, async (p: P, token) => {
      if (!documents.get(p.textDocument.uri)) return fallback;
      await pause(token);
      // The document may have closed or changed while other messages ran: take it as it is now.
      const doc = documents.get(p.textDocument.uri);
      if (!doc) return fallback;
      const a = analysisOf(doc);
      return fn(doc, a, token);
    });
  }

  function entry(uri: string): OpenDoc {
    let d = open.get(uri);
    if (!d) {
      d = { analyzer: new IncrementalAnalyzer({ latestOnly: true }), version: -1 };
      open.set(uri, d);
    }
    return d;
  }

  function analysisOf(doc: TextDocument): Analysis {
    const d = entry(doc.uri);
    if (d.analysis && d.version === doc.version) return d.analysis;
    const text = doc.getText();
    const lines = d.lines?.version === doc.version ? d.lines.index : undefined;
    // The first analysis reads the whole map; later ones re-read what an edit touched, and
    // only their cost says whether the next edit can be answered at once.
    const edited = d.analysis !== undefined;
    const started = clock();
    let a: Analysis;
    try {
      if (isHuge(text)) {
        a = analyzeSyntax(text, lines);
        tellHuge(d);
      } else {
        a = d.analyzer.analyze(text, lines);
      }
    } catch (e) {
      logError(`incremental analysis of ${doc.uri} failed; analysing whole`, e);
      a = analyze(text);
    }
    if (edited) d.lastCost = clock() - started;
    d.analysis = a;
    d.version = doc.version;
    return a;
  }

  /** Once per open document: why a huge map shows syntax errors only. */
  function tellHuge(d: OpenDoc): void {
    if (d.toldHuge) return;
    d.toldHuge = true;
    const message = t(locale, 'This map has more than {0} characters, so while you edit it cjm checks only its YAML syntax and the editor stays responsive. Run `cjm check` for a full check, or split the map into several files.', LIMITS.maxFullAnalysis);
    log(message);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  }

  /** The document's line index for its current version, without analysing it. */
  function linesOf(doc: TextDocument): LineIndex {
    const d = entry(doc.uri);
    if (d.analysis && d.version === doc.version) return d.analysis.lines;
    if (d.lines?.version !== doc.version) {
      // Moved from the last analysed version's: only the changed part is searched for line breaks.
      const text = doc.getText();
      const before = d.analysis?.lines;
      d.lines = { version: doc.version, index: before ? LineIndex.afterChange(before, text, textChange(before.text, text)) : new LineIndex(text) };
    }
    return d.lines.index;
  }

  // --- shared library (`use:`): linking, dependents, cross-file navigation (library.ts, features/crossFile.ts) ---
  const libraries = new Libraries({
    openText: (uri) => openUnder(uri)?.getText(),
    read: (uri) => (options.files ? options.files.read(uri) : Promise.resolve(undefined)),
    folderOf: (uri) => placeOf(uri)?.folder,
  });
  const world: CrossFileWorld = {
    // An open map's analysis is replaced on every change and only the latest one's spans are
    // true (`latestOnly`): its last link lends only the imports.
    get maps() {
      const maps = new Map<string, LinkedAnalysis>();
      for (const [uri, l] of libraries.linked) {
        const latest = open.get(uri)?.analysis;
        maps.set(uri, latest && latest.text !== l.text ? { ...latest, imports: l.imports } : l);
      }
      return maps;
    },
    uriOf: pathToUri,
    pathOf: uriToPath,
  };
  const recheckTimers = new Map<string, ReturnType<typeof setTimeout>>();

  /** A file changed: the maps that read it through `use:` are checked again, after a quiet period. */
  function recheckDependents(uri: string): void {
    for (const dep of libraries.changed(uri)) {
      const pending = recheckTimers.get(dep);
      if (pending) clearTimeout(pending);
      recheckTimers.set(dep, setTimeout(() => {
        recheckTimers.delete(dep);
        const doc = openUnder(dep);
        if (doc) schedule(doc.uri);
        else if (workspaceValidation && inScope(dep)) validateFromDisk(dep).catch((e) => logError(`reading ${dep} failed`, e));
      }, delay));
    }
  }

  /** The document's analysis with its libraries, as of the last link (imports may lag one edit behind the text). */
  function linkedOf(doc: TextDocument): Analysis | LinkedAnalysis {
    const a = analysisOf(doc);
    const l = libraries.linked.get(doc.uri);
    return l ? (l.text === a.text ? l : { ...a, imports: l.imports }) : a;
  }

  function publish(uri: string, a: Analysis, version?: number): void {
    if (a.map.use?.length || a.map.baseline) {
      libraries
        .link(uri, a)
        .then((linked) => {
          // Latest version wins, as for a map without libraries; a map opened meanwhile has its own run.
          if (version !== undefined ? documents.get(uri)?.version !== version : openUnder(uri)) return;
          sendDiagnostics(uri, linked, version);
        })
        .catch((e) => logError(`linking ${uri} failed`, e));
      return;
    }
    libraries.forget(uri);
    sendDiagnostics(uri, a, version);
  }

  function sendDiagnostics(uri: string, a: Analysis, version?: number): void {
    const diagnostics = toDiagnostics(a, uri, locale);
    connection.sendDiagnostics({ uri, version, diagnostics: diagnostics.length > MAX_DIAGNOSTICS ? diagnostics.slice(0, MAX_DIAGNOSTICS) : diagnostics });
    // An open document's entries are taken from its latest analysis when workspace symbols
    // are asked for: reading every symbol on each keystroke would be work thrown away.
    if (!documents.get(uri)) index.set(uri, workspaceEntries(a));
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    const d = open.get(uri);
    if (!doc || !d) return;
    d.timer = undefined;
    const version = doc.version;
    if (!d.analysis && !isHuge(doc.getText())) {
      // A map just opened is parsed stage by stage, letting requests in between (see `parsedInSteps`).
      if (!(await parsedInSteps(d.analyzer, doc.getText(), () => documents.get(uri)?.version === version))) return;
    }
    const a = analysisOf(doc);
    // Latest version wins: a change that arrived meanwhile has its own run scheduled.
    if (documents.get(uri)?.version !== version) return;
    publish(uri, a, version);
  }

  function schedule(uri: string): void {
    const d = entry(uri);
    const now = performance.now();
    const lone = d.lastChange === undefined || now - d.lastChange >= delay;
    // Opening is not typing: the first edit after it is as lone as any other.
    d.lastChange = d.analysis === undefined ? undefined : now;
    if (d.timer) clearTimeout(d.timer);
    // A lone edit of a map that analyses quickly is answered at once (after the messages
    // already queued); a burst of typing, or a big map, waits for the quiet period so no
    // work is thrown away on every keystroke.
    const wait = lone && (d.lastCost ?? 0) < CHEAP_ANALYSIS_MS ? 0 : delay;
    d.timer = setTimeout(() => {
      validate(uri).catch((e) => logError(`validating ${uri} failed`, e));
    }, wait);
  }

  /**
   * Parses a map's stages a portion at a time (`IncrementalAnalyzer.prepare`), yielding to
   * pending messages between portions, so a big map blocks the server for one portion at a
   * time instead of one whole parse; the analysis that follows finds the stages parsed. False
   * when `still` says the work is no longer wanted (the text changed, the file was opened).
   */
  async function parsedInSteps(analyzer: IncrementalAnalyzer, text: string, still: () => boolean): Promise<boolean> {
    for (const _ of analyzer.prepare(text)) {
      await yieldNow();
      if (!still()) return false;
    }
    return true;
  }

  async function validateFromDisk(uri: string): Promise<void> {
    if (!options.files || documents.get(uri)) return;
    const text = await options.files.read(uri);
    if (text === undefined || documents.get(uri)) return;
    let a: Analysis;
    if (isHuge(text)) {
      a = analyzeSyntax(text);
    } else {
      // Yield between portions of one file too, not only between files: a big file must not hold up an open document's requests.
      const analyzer = new IncrementalAnalyzer();
      if (!(await parsedInSteps(analyzer, text, () => !documents.get(uri)))) return;
      a = analyzer.analyze(text);
    }
    publish(uri, a);
    fromDisk.set(uriKey(uri), uri);
  }

  /** The workspace folder a URI is in, and its path relative to that folder. */
  function placeOf(uri: string): { folder: string; path: string } | undefined {
    const key = uriKey(uri);
    for (const f of folders) {
      const base = uriKey(f.endsWith('/') ? f : `${f}/`);
      if (key.startsWith(base)) return { folder: f, path: key.slice(base.length) };
    }
    return undefined;
  }

  /** Is a map in the workspace one the settings say to check (include, exclude, .gitignore)? */
  function inScope(uri: string): boolean {
    const place = placeOf(uri);
    if (!place) return false;
    if (includeGlobs.length && !matchesAny(place.path, includeGlobs)) return false;
    if (matchesAny(place.path, excludeGlobs)) return false;
    return !(useGitignore && gitignores.get(place.folder)?.(place.path));
  }

  async function loadGitignores(): Promise<void> {
    gitignores.clear();
    if (!options.files || !useGitignore) return;
    for (const f of folders) {
      const text = await options.files.read(`${f.endsWith('/') ? f.slice(0, -1) : f}/.gitignore`).catch(() => undefined);
      if (text) gitignores.set(f, gitignoreMatcher(text));
    }
  }

  async function scanWorkspace(): Promise<void> {
    if (!options.files || !workspaceValidation || !folders.length) return;
    const generation = ++scanGeneration;
    const started = Date.now();
    await loadGitignores();
    const listed = await options.files.list(folders);
    const uris = listed.filter(inScope);
    if (uris.length < listed.length) log(`${listed.length - uris.length} of ${listed.length} .cjm files are left out by cjm.validation.include/exclude, files.exclude or .gitignore.`);
    if (uris.length > MAX_WORKSPACE_FILES) log(`${uris.length} .cjm files in the workspace; validating the first ${MAX_WORKSPACE_FILES}.`);
    let done = 0;
    for (const uri of uris.slice(0, MAX_WORKSPACE_FILES)) {
      if (generation !== scanGeneration) return;
      if (openUnder(uri)) continue;
      try {
        await validateFromDisk(uri);
        done++;
      } catch (e) {
        logError(`reading ${uri} failed`, e);
      }
      // Let edits and requests in between files.
      await yieldNow();
    }
    log(`validated ${done} map(s) in the workspace in ${Date.now() - started} ms`);
  }

  /** The open document for a file URI however its characters are escaped. */
  function openUnder(uri: string): TextDocument | undefined {
    const direct = documents.get(uri);
    if (direct) return direct;
    const key = uriKey(uri);
    return documents.all().find((d) => uriKey(d.uri) === key);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitOptions;
    locale = toLocale(init.locale ?? params.locale);
    if (typeof init.diagnosticDelay === 'number' && init.diagnosticDelay >= 0) delay = Math.min(init.diagnosticDelay, 10_000);
    if (init.workspaceValidation === false) workspaceValidation = false;
    const globs = (v: unknown) => (Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map(globToRegExp) : []);
    includeGlobs = globs(init.include);
    excludeGlobs = globs(init.exclude);
    if (init.useGitignore === false) useGitignore = false;
    insert = toInsertStyle(init.completionInsert);
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: 'cjm' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cjm-language-server' },
    };
  });

  connection.onInitialized(() => {
    scanWorkspace().catch((e) => logError('workspace validation failed', e));
    try {
      connection.workspace.onDidChangeWorkspaceFolders((ev) => {
        const removed = new Set(ev.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f)), ...ev.added.map((f) => f.uri)];
        scanWorkspace().catch((e) => logError('workspace validation failed', e));
      });
    } catch {
      // The client does not announce folder changes; the first scan stands.
    }
  });

  connection.onDidChangeConfiguration((p) => {
    const completion = (p.settings as CjmSettings | null)?.cjm?.completion;
    if (completion && 'insert' in completion) insert = toInsertStyle(completion.insert);
  });

  documents.onDidChangeContent((e) => {
    const key = uriKey(e.document.uri);
    const disk = fromDisk.get(key);
    if (disk !== undefined && disk !== e.document.uri) {
      // The scan spelled this file's URI differently: drop its copy so one file shows once.
      connection.sendDiagnostics({ uri: disk, diagnostics: [] });
      index.delete(disk);
    }
    fromDisk.delete(key);
    schedule(e.document.uri);
    recheckDependents(e.document.uri);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const d = open.get(uri);
    if (d?.timer) clearTimeout(d.timer);
    open.delete(uri);
    index.delete(uri);
    libraries.forget(uri);
    connection.sendDiagnostics({ uri, diagnostics: [] });
    // Maps that use it read the saved file from now on.
    recheckDependents(uri);
    // A workspace file keeps showing what is saved, like the files nobody opened (on any file
    // system the WorkspaceFiles reader can read: a virtual one too).
    if (workspaceValidation && inScope(uri)) {
      validateFromDisk(uri).catch((err) => logError(`reading ${uri} failed`, err));
    }
  });

  connection.onDidChangeWatchedFiles((p) => {
    for (const c of p.changes) {
      if (!c.uri.endsWith('.cjm') || openUnder(c.uri)) continue;
      recheckDependents(c.uri);
      if (c.type === FileChangeType.Deleted) {
        index.delete(c.uri);
        libraries.forget(c.uri);
        fromDisk.delete(uriKey(c.uri));
        connection.sendDiagnostics({ uri: c.uri, diagnostics: [] });
      } else if (workspaceValidation && inScope(c.uri)) {
        validateFromDisk(c.uri).catch((e) => logError(`reading ${c.uri} failed`, e));
      }
    }
  });

  const withDoc = <R>(uri: string, fallback: R, fn: (doc: TextDocument) => R): R => {
    const doc = documents.get(uri);
    return doc ? fn(doc) : fallback;
  };

  connection.onCompletion(
    safe('completion', null, (p) =>
      withDoc(p.textDocument.uri, null, (doc) => {
        const lines = linesOf(doc);
        const latest = open.get(doc.uri)?.analysis ?? analysisOf(doc);
        return complete(lines, latest, lines.offsetAt(p.position), { locale, insert, triggerCharacter: p.context?.triggerCharacter });
      }),
    ),
  );

  connection.onHover(
    safe('hover', null, (p) =>
      withDoc(p.textDocument.uri, null, (doc) => {
        const d = open.get(doc.uri);
        if (!(d?.analysis && d.version === doc.version)) {
          // Just edited and not analysed yet: a key's docs need no parse.
          const lines = linesOf(doc);
          const quick = keyHover(lines, lines.offsetAt(p.position), locale);
          if (quick) return quick;
        }
        const a = linkedOf(doc);
        return importedHover(a, a.lines.offsetAt(p.position)) ?? hover(a, a.lines.offsetAt(p.position), { locale });
      }),
    ),
  );

  /** Hover on a reference a library declares: the library's own hover of the declaration, under the library's path. */
  function importedHover(a: Analysis | LinkedAnalysis, offset: number) {
    if (!('imports' in a)) return null;
    const sym = symbolAt(a, offset);
    if (!sym || sym.definition) return null;
    const imported = a.imports.byId(sym.kind, sym.id);
    if (!imported) return null;
    const lib = imported.file.analysis;
    const h = hover(lib, imported.definition.span.start, { locale });
    if (!h || typeof h.contents !== 'object' || !('kind' in h.contents)) return null;
    const entry = a.imports.entries.find((e) => e.path === imported.file.path)?.text.value ?? imported.file.path.slice(imported.file.path.lastIndexOf('/') + 1);
    return { contents: { kind: h.contents.kind, value: `\`${entry}\`\n\n${h.contents.value}` }, range: toRange(a.lines, sym.span) };
  }

  connection.onCodeLens(safe('code lenses', [], (p) => withDoc(p.textDocument.uri, [], (doc) => insightLenses(analysisOf(doc), doc.uri, locale))));

  connection.onDocumentSymbol(analysed('document symbols', [], (_doc, a) => documentSymbols(a)));

  connection.onWorkspaceSymbol(
    safe('workspace symbols', [], (p) => {
      // Open documents first, as of their latest text.
      for (const doc of documents.all()) index.set(doc.uri, workspaceEntries(analysisOf(doc)));
      return searchWorkspace(index, p.query);
    }),
  );

  connection.onFoldingRanges(safe('folding', [], (p) => withDoc(p.textDocument.uri, [], (doc) => foldingRanges(linesOf(doc)))));

  connection.onDefinition(
    safe('definition', [], (p) =>
      withDoc(p.textDocument.uri, [], (doc) => {
        const a = linkedOf(doc);
        const offset = a.lines.offsetAt(p.position);
        const local = definition(a, doc.uri, offset);
        return local.length || !('imports' in a) ? local : importedDefinition(a, offset, world);
      }),
    ),
  );

  connection.onReferences(
    safe('references', [], (p) =>
      withDoc(p.textDocument.uri, [], (doc) => {
        const a = linkedOf(doc);
        const offset = a.lines.offsetAt(p.position);
        return crossReferences(a, doc.uri, offset, p.context.includeDeclaration, world) ?? references(a, doc.uri, offset, p.context.includeDeclaration);
      }),
    ),
  );

  connection.onDocumentHighlight(
    safe('highlights', [], (p) =>
      withDoc(p.textDocument.uri, [], (doc) => {
        const a = analysisOf(doc);
        return highlights(a, a.lines.offsetAt(p.position));
      }),
    ),
  );

  const renameFailure = (e: unknown) => (e instanceof RenameError || e instanceof CrossRenameError ? new ResponseError(LSPErrorCodes.RequestFailed, e.message) : e);

  connection.onPrepareRename(
    safe('prepare rename', null, (p) =>
      withDoc(p.textDocument.uri, null, (doc) => {
        const a = analysisOf(doc);
        try {
          // Refused in the language the diagnostics speak (cjm.locale), not the map's.
          return prepareRename(a, a.lines.offsetAt(p.position), locale);
        } catch (e) {
          throw renameFailure(e);
        }
      }),
    ),
  );

  connection.onRenameRequest(
    safe('rename', null, (p) =>
      withDoc(p.textDocument.uri, null, (doc) => {
        const a = linkedOf(doc);
        try {
          const offset = a.lines.offsetAt(p.position);
          return crossRename(a, doc.uri, offset, p.newName, world, locale) ?? rename(a, doc.uri, offset, p.newName, locale);
        } catch (e) {
          throw renameFailure(e);
        }
      }),
    ),
  );

  connection.onCodeAction((p, token) => analysed('code actions', [], (doc, a) => codeActions(a, doc.uri, p.range, p.context.only, locale))(p, token));

  const formatted = (what: string, outcome: { edits: import('vscode-languageserver').TextEdit[]; refusal?: string }) => {
    if (outcome.refusal) {
      log(`${what}: ${outcome.refusal}`);
      // A notification, not a request: nothing waits for the user to dismiss it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: outcome.refusal });
    }
    return outcome.edits;
  };

  /** formatting off the message loop has failed before: its error is in the log already */
  let offThreadFailed = false;

  /**
   * Formatting a big map is the longest thing the server does. Off the loop where the host
   * gives a thread or Worker for it: the format needs the text and its line index only, no
   * analysis, and a cancelled one is stopped. On the loop (small maps, or a host that cannot
   * start one) it is cancellable before it starts and once the analysis is done.
   */
  async function formatAway(doc: TextDocument, range: import('vscode-languageserver').Range | undefined, token: CancellationToken, what: string) {
    const text = doc.getText();
    if (text.length < OFF_THREAD_FORMAT) return undefined;
    // One line per big format: which way it went is what tells a user (and the end-to-end
    // test) whether the server stayed free to answer while it ran.
    const which = `${text.length} characters, ${doc.uri}`;
    const formatter = options.formatOffThread;
    if (!formatter) {
      log(`${what}: on the message loop, as this host starts no thread or Worker for it (${which})`);
      return undefined;
    }
    const lines = linesOf(doc);
    const started = Date.now();
    try {
      const r = await formatter(text, range && span(lines.offsetAt(range.start), lines.offsetAt(range.end)), token);
      log(`${what}: formatted ${formatter.where ?? 'off the message loop'} in ${Date.now() - started} ms (${which})`);
      return formatted(what, formatOutcome(lines, r, locale));
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      // A host that cannot start the thread or Worker fails the same way every time: its error
      // once, then a line per map.
      if (offThreadFailed) log(`${what}: could not format off the message loop (as before), formatting on the loop (${which})`);
      else logError(`${what}: could not format off the message loop, formatting on the loop (${which})`, e);
      offThreadFailed = true;
      return undefined;
    }
  }

  connection.onDocumentFormatting(
    safeAsync('formatting', [], async (p, token) => {
      const doc = documents.get(p.textDocument.uri);
      if (!doc) return [];
      const away = await formatAway(doc, undefined, token, 'formatting');
      if (away) return away;
      return analysed('formatting', [], async (_doc, a, tk) => {
        await pause(tk);
        return formatted('formatting', formatDocument(a, locale));
      })(p, token);
    }),
  );

  connection.onDocumentRangeFormatting(
    safeAsync('range formatting', [], async (p, token) => {
      const doc = documents.get(p.textDocument.uri);
      if (!doc) return [];
      const away = await formatAway(doc, p.range, token, 'range formatting');
      if (away) return away;
      return analysed('range formatting', [], async (_doc, a, tk) => {
        await pause(tk);
        return formatted('range formatting', formatDocumentRange(a, p.range, locale));
      })(p, token);
    }),
  );

  documents.listen(connection);
  connection.listen();
}
