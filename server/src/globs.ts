/**
 * Which workspace maps the server checks: glob patterns (VS Code's `files.exclude` syntax:
 * `**`, `*`, `?`, `{a,b}`, `[abc]`) and the rules of a `.gitignore`, both matched against a
 * path relative to its workspace folder ("maps/old/shop.cjm"). Node-free, no dependency.
 */

/** A glob as a regular expression over a relative path with `/` separators. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inBraces = 0;
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        // `**/` matches any number of folders (none too); a trailing `**` anything below.
        if (g[i + 2] === '/') {
          re += '(?:[^/]*/)*';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      inBraces++;
      re += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces--;
      re += ')';
    } else if (c === ',' && inBraces) {
      re += '|';
    } else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) {
        re += '\\[';
      } else {
        const body = g.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else {
      re += c.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

/** Matches a relative path against globs; a path also matches when one of its folders does. */
export function matchesAny(relativePath: string, globs: readonly RegExp[]): boolean {
  if (!globs.length) return false;
  const parts = relativePath.split('/');
  for (let n = 1; n <= parts.length; n++) {
    const prefix = parts.slice(0, n).join('/');
    if (globs.some((g) => g.test(prefix))) return true;
  }
  return false;
}

interface IgnoreRule {
  readonly re: RegExp;
  readonly negated: boolean;
  readonly directoryOnly: boolean;
}

/**
 * The rules of one `.gitignore` at the root of a workspace folder: comments, `!` negation,
 * `/`-anchored and unanchored patterns, a trailing `/` for folders. Returns whether a file
 * (by its relative path) is ignored: the last matching rule wins, and a file in an ignored
 * folder stays ignored, as in git.
 */
export function gitignoreMatcher(text: string): (relativePath: string) => boolean {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    line = line.replace(/^\\([#!])/, '$1');
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    // A pattern with a slash before its end is relative to the folder; others match at any depth.
    const anchored = line.includes('/');
    const pattern = line.replace(/^\//, '');
    rules.push({ re: globToRegExp(anchored ? pattern : `**/${pattern}`), negated, directoryOnly });
  }
  return (relativePath) => {
    const parts = relativePath.split('/');
    // Folders first: once a folder is ignored, nothing below it comes back (git does not look inside).
    for (let n = 1; n < parts.length; n++) {
      if (decide(rules, parts.slice(0, n).join('/'), true)) return true;
    }
    return decide(rules, relativePath, false);
  };
}

function decide(rules: readonly IgnoreRule[], path: string, isFolder: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.directoryOnly && !isFolder) continue;
    if (r.re.test(path)) ignored = !r.negated;
  }
  return ignored;
}
