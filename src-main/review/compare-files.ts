/** Two sets of files (packages, rendered manifests) compared path by path, with unified diffs. */
import { createTwoFilesPatch } from 'diff';
import type { FileComparison } from '../../shared/types/review-tools';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export type FileContent = string | Uint8Array;

function asText(content: FileContent | undefined): string | undefined {
  if (content === undefined || typeof content === 'string') return content;
  if (content.includes(0)) return undefined;
  try {
    return strictUtf8.decode(content);
  } catch {
    return undefined;
  }
}

function sameBytes(a: FileContent, b: FileContent): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  const x = typeof a === 'string' ? new TextEncoder().encode(a) : a;
  const y = typeof b === 'string' ? new TextEncoder().encode(b) : b;
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export function compareFile(path: string, before: FileContent | undefined, after: FileContent | undefined): FileComparison {
  const change: FileComparison['change'] =
    before === undefined ? 'added' : after === undefined ? 'removed' : sameBytes(before, after) ? 'unchanged' : 'changed';
  if (change === 'unchanged') return { path, change };
  const a = asText(before);
  const b = asText(after);
  if ((before !== undefined && a === undefined) || (after !== undefined && b === undefined)) return { path, change, binary: true };
  const patch = createTwoFilesPatch(
    before === undefined ? '/dev/null' : `a/${path}`,
    after === undefined ? '/dev/null' : `b/${path}`,
    a ?? '',
    b ?? '',
    '',
    '',
    { context: 3 },
  );
  // drop the "Index"/"====" preamble; start at the ---/+++ header like git does
  return { path, change, diff: patch.slice(patch.indexOf('--- ')).replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2') };
}

/** Every path of either side, in path order; unchanged files are listed without a diff. */
export function compareFiles(before: ReadonlyMap<string, FileContent>, after: ReadonlyMap<string, FileContent>): FileComparison[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths.map((p) => compareFile(p, before.get(p), after.get(p)));
}
