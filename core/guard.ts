/**
 * Cheap checks on raw text before it reaches the YAML parser. Deep flow nesting can kill
 * a Node process in the parser's regular expressions (out of memory, uncatchable), and a
 * language server parses on every keystroke: so depth is measured here, by hand, first.
 * The limits sit far above any real map.
 */
import { Diagnostic, diagnostic } from './diagnostics';
import { msg } from './l10n';
import { span } from './text';

export const LIMITS = {
  /** characters in one file */
  maxLength: 5_000_000,
  /** `[` / `{` nesting, and compact `- - -` nesting on one line */
  maxDepth: 64,
  /** leading spaces on a line (block nesting) */
  maxIndent: 512,
  /** alias (`*name`) uses per file; each is expanded where it is used */
  maxAliases: 100,
} as const;

export function guardText(text: string): Diagnostic | undefined {
  if (text.length > LIMITS.maxLength) {
    return diagnostic('too-large', msg('This file has {0} characters; cjm reads files of up to {1}. Split the map into several files.', text.length, LIMITS.maxLength), span(0, 0));
  }
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  let inComment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      indent = 0;
      inComment = false;
      continue;
    }
    if (inComment) continue;
    if (lineStart) {
      if (c === 32) {
        if (++indent > LIMITS.maxIndent) {
          return diagnostic('too-deep', msg('This line is indented more than {0} spaces; cjm does not read nesting this deep.', LIMITS.maxIndent), span(i, i + 1));
        }
        continue;
      }
      lineStart = false;
      // compact nested sequences: "- - - - x"
      let dashes = 0;
      let j = i;
      while (text.charCodeAt(j) === 45 /* - */ && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9)) {
        dashes++;
        j += 2;
        while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
      }
      if (dashes > LIMITS.maxDepth) {
        return diagnostic('too-deep', msg('Lists are nested {0} deep on this line; cjm reads up to {1} levels.', dashes, LIMITS.maxDepth), span(i, j));
      }
    }
    if (c === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) {
      inComment = true;
    } else if (c === 91 || c === 123) {
      if (++flow > LIMITS.maxDepth) {
        return diagnostic('too-deep', msg('Brackets are nested more than {0} deep here; cjm does not read nesting this deep.', LIMITS.maxDepth), span(i, i + 1));
      }
    } else if ((c === 93 || c === 125) && flow > 0) {
      flow--;
    }
  }
  return undefined;
}
