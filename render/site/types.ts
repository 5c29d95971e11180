import type { Locale } from '@cjm/core';

/** One map as the index lists it. */
export interface SiteEntry {
  readonly slug: string;
  /** the file, relative to where the site was built from, `/`-separated */
  readonly path: string;
  readonly title: string;
  /** the kind's id (`current-state`) when the vocabulary knows it, else as written */
  readonly kind?: string;
  readonly personas: readonly string[];
  readonly language: Locale;
  readonly stages: number;
  readonly steps: number;
  /** `Checkout › Pay: 😣 frustrated −2`, in the map's language */
  readonly lowest?: string;
  readonly errors: number;
  /** versions found in git (0 outside a repository) */
  readonly versions: number;
  /** every text of the map joined, for the search index */
  readonly text: string;
}

/** A diagnostic as the page lists it. */
export interface SiteProblem {
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
}

/** One version of a map in its history. */
export interface SiteVersion {
  readonly commit: string;
  /** YYYY-MM-DD, the author's date */
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  readonly status: 'added' | 'modified' | 'renamed' | 'merge';
  readonly path: string;
  readonly oldPath?: string;
  readonly errors: number;
  /** the score at each column of the current map's curve (undefined: no such step or no score) */
  readonly curve: ReadonlyArray<number | undefined>;
  /** the semantic diff from the version before, one line per change, in the map's language */
  readonly changes: readonly string[];
  /** the text did not change the journey (formatting, comments, a pure rename) */
  readonly formattingOnly: boolean;
  readonly identical: boolean;
}

export interface SiteDownloads {
  readonly svg: string;
  readonly md: string;
  readonly source: string;
  readonly png?: string;
}
