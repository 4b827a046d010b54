import { diffLines } from 'diff';

export interface DiffCell {
  n: number;
  text: string;
}

export type DiffRow =
  | { kind: 'same' | 'changed'; left?: DiffCell; right?: DiffCell }
  | { kind: 'gap'; hidden: number };

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Pairs a line diff into side-by-side rows: removed lines sit next to the lines that replaced
 * them, and long unchanged stretches fold into a gap row keeping `context` lines around changes.
 */
export function sideBySide(before: string, after: string, context = 3): DiffRow[] {
  const rows: Exclude<DiffRow, { kind: 'gap' }>[] = [];
  let l = 1;
  let r = 1;
  const parts = diffLines(before, after);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const lines = splitLines(part.value);
    if (!part.added && !part.removed) {
      for (const text of lines) rows.push({ kind: 'same', left: { n: l++, text }, right: { n: r++, text } });
      continue;
    }
    if (part.removed) {
      const next = parts[i + 1];
      const added = next?.added ? splitLines(next.value) : [];
      if (next?.added) i++;
      const height = Math.max(lines.length, added.length);
      for (let k = 0; k < height; k++) {
        rows.push({
          kind: 'changed',
          left: k < lines.length ? { n: l++, text: lines[k] } : undefined,
          right: k < added.length ? { n: r++, text: added[k] } : undefined,
        });
      }
      continue;
    }
    for (const text of lines) rows.push({ kind: 'changed', right: { n: r++, text } });
  }
  return fold(rows, context);
}

function fold(rows: Exclude<DiffRow, { kind: 'gap' }>[], context: number): DiffRow[] {
  const keep = rows.map(() => false);
  rows.forEach((row, i) => {
    if (row.kind !== 'changed') return;
    for (let k = Math.max(0, i - context); k <= Math.min(rows.length - 1, i + context); k++) keep[k] = true;
  });
  const out: DiffRow[] = [];
  let hidden = 0;
  rows.forEach((row, i) => {
    if (keep[i]) {
      if (hidden) out.push({ kind: 'gap', hidden });
      hidden = 0;
      out.push(row);
    } else hidden++;
  });
  if (hidden) out.push({ kind: 'gap', hidden });
  return out;
}

export type FileChange = 'added' | 'removed' | 'modified' | 'unchanged';

/** Pairs two file sets by path and tells what happened to each. */
export function compareFileSets(before: Map<string, string>, after: Map<string, string>): { path: string; change: FileChange }[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths.map((path) => {
    const a = before.get(path);
    const b = after.get(path);
    const change: FileChange = a === undefined ? 'added' : b === undefined ? 'removed' : a === b ? 'unchanged' : 'modified';
    return { path, change };
  });
}
