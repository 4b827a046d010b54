/** Line numbers of a unified diff, so a comment on one of its lines knows where it points. */

export interface DiffLine {
  text: string;
  /** The side and line number a comment on it anchors to (none for hunk headers). */
  at?: { side: 'old' | 'new'; line: number };
}

/** Numbers a unified diff's lines from its hunk headers: removed lines by the old side, the rest by the new. */
export function numberUnifiedDiff(diff: string): DiffLine[] {
  let oldLine = 0;
  let newLine = 0;
  const lines = diff.split('\n').slice(2);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((text): DiffLine => {
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      return { text };
    }
    if (text.startsWith('-')) return { text, at: { side: 'old', line: oldLine++ } };
    if (text.startsWith('+')) return { text, at: { side: 'new', line: newLine++ } };
    if (text.startsWith('\\')) return { text };
    oldLine++;
    return { text, at: { side: 'new', line: newLine++ } };
  });
}
