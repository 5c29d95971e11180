/**
 * `cjm site --cache <folder>`: what the history costs to compute, kept between builds. A
 * committed version never changes, and git names it by its content (the blob id), so what
 * cjm read from a version (its errors, its curve) and what changed between two versions (the
 * change log) are kept under those ids (with the commit, for a version that names libraries
 * or a baseline: it reads them as of its commit) and the language they are written in. A build after
 * one push then analyses and diffs only the new versions. Everything depends on cjm's own
 * code too, so the cache is keyed by the build of cjm that wrote it and is dropped whole by
 * any other. A missing, unreadable or foreign cache is an empty one: a cache can make a build
 * faster, never different, and never make it fail.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeKind, Locale } from '@cjm/core';

/** What the site reads from one version: its errors and its emotion curve's raw material. */
export interface VersionFacts {
  readonly errors: number;
  /** every step in map order: its stage-and-step key, its name, its score (null: none) */
  readonly scores: ReadonlyArray<readonly [key: string, name: string, score: number | null]>;
}

/** A diff as the change log keeps it: each change's kind and its line, in the map's language. */
export interface LoggedDiff {
  readonly identical: boolean;
  readonly formattingOnly: boolean;
  readonly changes: ReadonlyArray<{ readonly kind: ChangeKind; readonly line: string }>;
}

interface Stored {
  readonly cjm: string;
  readonly facts: Record<string, VersionFacts>;
  readonly logs: Record<string, LoggedDiff>;
}

const FILE = 'cjm-site-cache.json';

export class SiteCache {
  /** entries read this build, and new ones: what the next build may need (the rest is dropped on save) */
  private readonly facts = new Map<string, VersionFacts>();
  private readonly logs = new Map<string, LoggedDiff>();
  /** entries found in the cache this build */
  hits = 0;

  private constructor(
    private readonly dir: string,
    private readonly version: string,
    private readonly stored: Stored | undefined,
  ) {}

  /** The cache in `dir` if `version` of cjm wrote it, else an empty one. */
  static open(dir: string, version: string): SiteCache {
    let stored: Stored | undefined;
    try {
      const data = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as Partial<Stored> | null;
      if (data && data.cjm === version && isRecord(data.facts) && isRecord(data.logs)) stored = data as Stored;
    } catch {
      // none yet, or not ours to read: start empty
    }
    return new SiteCache(dir, version, stored);
  }

  fact(language: Locale, blob: string): VersionFacts | undefined {
    return this.take(this.facts, this.stored?.facts, `${language}:${blob}`, isFacts);
  }

  setFact(language: Locale, blob: string, facts: VersionFacts): void {
    this.facts.set(`${language}:${blob}`, facts);
  }

  /** `before`: undefined for a version that added the map. */
  log(language: Locale, before: string | undefined, after: string): LoggedDiff | undefined {
    return this.take(this.logs, this.stored?.logs, `${language}:${before ?? ''}:${after}`, isLog);
  }

  setLog(language: Locale, before: string | undefined, after: string, log: LoggedDiff): void {
    this.logs.set(`${language}:${before ?? ''}:${after}`, log);
  }

  /**
   * Writes what this build used (a new file renamed over the old, so a build stopped halfway
   * leaves the old one). A cache that cannot be written costs the next build time, not this
   * one its site: the system's error code is returned for the caller to report.
   */
  save(): string | undefined {
    const data: Stored = { cjm: this.version, facts: Object.fromEntries(this.facts), logs: Object.fromEntries(this.logs) };
    const tmp = join(this.dir, `${FILE}.${process.pid}.tmp`);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, join(this.dir, FILE));
      return undefined;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code ?? 'EIO';
    }
  }

  private take<T>(into: Map<string, T>, from: Record<string, unknown> | undefined, key: string, valid: (x: unknown) => x is T): T | undefined {
    const mine = into.get(key);
    if (mine) return mine;
    const found = from && Object.prototype.hasOwnProperty.call(from, key) ? from[key] : undefined;
    if (!valid(found)) return undefined;
    this.hits++;
    into.set(key, found);
    return found;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isFacts(x: unknown): x is VersionFacts {
  return isRecord(x) && typeof x.errors === 'number' && Array.isArray(x.scores) && x.scores.every((s) => Array.isArray(s) && s.length === 3 && typeof s[0] === 'string' && typeof s[1] === 'string' && (s[2] === null || typeof s[2] === 'number'));
}

function isLog(x: unknown): x is LoggedDiff {
  return isRecord(x) && typeof x.identical === 'boolean' && typeof x.formattingOnly === 'boolean' && Array.isArray(x.changes) && x.changes.every((c) => isRecord(c) && typeof c.kind === 'string' && typeof c.line === 'string');
}
