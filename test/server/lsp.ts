/**
 * A minimal LSP client for tests: spawns the real bundled server (`node dist/server.js
 * --stdio`) and speaks JSON-RPC to it, as Neovim or any other editor would.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Position, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
import { ROOT, fixture, offsetOf } from '../helpers';

export const SERVER = join(ROOT, 'dist', 'server.js');

export interface StartOptions {
  readonly workspaceFolders?: readonly string[];
  readonly initializationOptions?: Record<string, unknown>;
  readonly locale?: string;
}

export class Lsp {
  /** every publishDiagnostics notification, in arrival order */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  /** every window/showMessage text, in arrival order (they are in `logs` too) */
  readonly shown: string[] = [];
  private waiters: Array<() => void> = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
  ) {
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.wake();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    conn.onNotification('window/showMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.shown.push(p.message);
      this.wake();
    });
    conn.onRequest('workspace/configuration', () => []);
    conn.onRequest('client/registerCapability', () => null);
    proc.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    proc.on('exit', () => this.wake());
  }

  static async start(options: StartOptions = {}): Promise<Lsp> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const lsp = new Lsp(proc, conn);
    conn.listen();
    const folders = options.workspaceFolders?.map((f, i) => ({ uri: pathToFileURL(f).href, name: `folder${i}` })) ?? null;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      locale: options.locale ?? 'en',
      workspaceFolders: folders,
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } }, workspace: { workspaceFolders: true } },
      initializationOptions: { workspaceValidation: !!options.workspaceFolders, diagnosticDelay: 20, ...options.initializationOptions },
    });
    await conn.sendNotification('initialized', {});
    return lsp;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'cjm', version: 1, text } });
  }

  /** Replaces the whole text; returns the new version. */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** An incremental edit, as editors send while typing; returns the new version. */
  edit(uri: string, range: Range, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** Waits for a publishDiagnostics for `uri` (arriving after `since`) that satisfies `pred`. */
  async diagnostics(uri: string, pred: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 8000, since = 0): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.published.length - 1; i >= since; i--) {
        const p = this.published[i];
        if (p.uri === uri) {
          if (pred(p.diagnostics, p)) return p.diagnostics;
          break;
        }
      }
      if (!this.alive) throw new Error(`server exited while waiting for diagnostics of ${uri}: ${this.stderr.join('')}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        const last = [...this.published].reverse().find((p) => p.uri === uri);
        throw new Error(`timed out waiting for diagnostics of ${uri}; last: ${JSON.stringify(last?.diagnostics.map((d) => d.code))}`);
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }

  async stop(): Promise<number | null> {
    if (!this.alive) return this.proc.exitCode;
    const exited = new Promise<number | null>((r) => this.proc.on('exit', (code) => r(code)));
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      this.proc.kill();
    }
    const code = await exited;
    this.conn.dispose();
    return code;
  }
}

export const uriOf = (path: string) => pathToFileURL(path).href;

/** A fixture from test/fixtures/server: its path, URI and text. */
export function serverFixture(...parts: string[]): { path: string; uri: string; text: string } {
  const path = fixture('server', ...parts);
  return { path, uri: uriOf(path), text: readFileSync(path, 'utf8') };
}

/** LSP position of an offset. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Position `delta` characters after the start of the n-th `needle`. */
export function at(text: string, needle: string, delta = 0, nth = 0): Position {
  return positionAt(text, offsetOf(text, needle, nth) + delta);
}

/** Position right after the n-th `needle`. */
export function after(text: string, needle: string, nth = 0): Position {
  return at(text, needle, needle.length, nth);
}

export function textOf(text: string, r: Range): string {
  const off = (p: Position) => {
    const lines = text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  return text.slice(off(r.start), off(r.end));
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: ReadonlyArray<{ range: Range; newText: string }>): string {
  const lines = text.split('\n');
  const off = (p: Position) => {
    let o = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  return [...edits]
    .map((e) => ({ s: off(e.range.start), e: off(e.range.end), t: e.newText }))
    .sort((a, b) => b.s - a.s)
    .reduce((acc, e) => acc.slice(0, e.s) + e.t + acc.slice(e.e), text);
}
