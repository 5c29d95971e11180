/**
 * Folding by indentation, plus comment blocks. Indentation is what a YAML map's structure
 * is, and reading it from the lines works in documents the parser cannot read.
 */
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { LineIndex } from '@cjm/core';

export function foldingRanges(lines: LineIndex, limit = 5000): FoldingRange[] {
  const out: FoldingRange[] = [];
  const n = lines.lineCount;
  const indents: number[] = new Array(n);
  const comment: boolean[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = lines.lineText(i);
    const trimmed = t.trimStart();
    indents[i] = trimmed ? t.length - trimmed.length : -1;
    comment[i] = trimmed.startsWith('#');
  }
  const stack: Array<{ line: number; indent: number }> = [];
  const close = (upto: number, indent: number) => {
    while (stack.length && stack[stack.length - 1].indent >= indent) {
      const open = stack.pop()!;
      let end = upto;
      while (end > open.line && (indents[end] < 0 || comment[end])) end--;
      if (end > open.line && out.length < limit) out.push({ startLine: open.line, endLine: end });
    }
  };
  for (let i = 0; i < n; i++) {
    if (indents[i] < 0 || comment[i]) continue;
    close(i - 1, indents[i]);
    stack.push({ line: i, indent: indents[i] });
  }
  close(n - 1, -1);
  for (let i = 0; i < n; i++) {
    if (!comment[i]) continue;
    let j = i;
    while (j + 1 < n && comment[j + 1]) j++;
    if (j > i && out.length < limit) out.push({ startLine: i, endLine: j, kind: FoldingRangeKind.Comment });
    i = j;
  }
  return out.sort((a, b) => a.startLine - b.startLine);
}
