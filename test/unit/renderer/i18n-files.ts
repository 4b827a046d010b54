/** Reading the translation files and the sources that use their keys, for the i18n tests. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Tree = { [key: string]: string | Tree };

/** `{ a: { b: 'x' } }` → `a.b` → `x`. */
export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** TypeScript sources below `dir` (declarations left out). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}
