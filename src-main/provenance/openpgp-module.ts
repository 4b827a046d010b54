/**
 * openpgp.js, loaded on first use and at run time rather than bundled: its Node build finds its
 * own files through `import.meta.url`, which esbuild's CommonJS output leaves empty, and it is
 * heavy enough (~0.4 s) that Berth should not load it before it signs or verifies anything.
 */
import type * as OpenPgp from 'openpgp';

export type OpenPgpModule = typeof OpenPgp;

let loading: Promise<OpenPgpModule> | undefined;

export function loadOpenpgp(): Promise<OpenPgpModule> {
  // a computed specifier keeps bundlers from inlining the module
  const specifier = ['open', 'pgp'].join('');
  loading ??= import(specifier) as Promise<OpenPgpModule>;
  return loading;
}
