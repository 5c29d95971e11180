/**
 * The texts of a map's versions as the site ships them (`maps/<name>/versions.js`), for the
 * page's time travel. Consecutive versions differ in a few lines, so only the newest is
 * written whole and each older one as the one edit that turns the version after it into it:
 * 50 versions of a 6 KB map are ~10 KB instead of 300 KB to write and to download.
 */
import { textChange } from '@cjm/core';

/** `[at, cut, put]`: the newer text with `cut` characters at `at` replaced by `put`. */
export type TextEdit = readonly [at: number, cut: number, put: string];

/** Newest first, as the versions are listed: a text, or the edit of the text before it in the list. */
export type VersionText = string | TextEdit;

export function encodeVersionTexts(texts: readonly string[]): VersionText[] {
  return texts.map((text, i) => {
    if (i === 0) return text;
    const newer = texts[i - 1];
    const c = textChange(newer, text);
    const put = text.slice(c.from, c.newEnd);
    // An edit as long as the text itself says nothing shorter: the text, then.
    return put.length + 24 < text.length ? [c.from, c.oldEnd - c.from, put] : text;
  });
}

/**
 * The texts back, newest first. What is not a text or an edit the page can apply (a damaged
 * or hand-edited file) gives an empty text for that version and those older than it, never
 * an exception in the reader's page.
 */
export function decodeVersionTexts(encoded: readonly unknown[]): string[] {
  const out: string[] = [];
  let newer: string | undefined;
  for (const e of encoded) {
    if (typeof e === 'string') newer = e;
    else if (newer !== undefined && isEdit(e, newer.length)) newer = newer.slice(0, e[0]) + e[2] + newer.slice(e[0] + e[1]);
    else newer = undefined;
    out.push(newer ?? '');
  }
  return out;
}

function isEdit(e: unknown, length: number): e is TextEdit {
  if (!Array.isArray(e) || e.length !== 3) return false;
  const [at, cut, put] = e as unknown[];
  return Number.isInteger(at) && Number.isInteger(cut) && typeof put === 'string' && (at as number) >= 0 && (cut as number) >= 0 && (at as number) + (cut as number) <= length;
}
