/**
 * Publishing to a Helm repository folder: the packages, their `.prov` files and an index.yaml
 * equal to what `helm repo index <folder> [--url U]` writes for the same packages, ready for any
 * static HTTP server. The folder belongs to Berth: a version no longer published loses its files.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file';
import { BerthFailure } from '../../shared/result';
import {
  addEntry,
  entryForPackage,
  findEntry,
  newRepoIndex,
  joinPackageUrl,
  parseRepoIndex,
  readPackageMetadata,
  serializeRepoIndex,
  sha256Hex,
  sortEntries,
  type RepoIndex,
} from './repo-index';

export interface PublishablePackage {
  /** Chart name and version as its Chart.yaml says (the index keys on these). */
  name: string;
  version: string;
  bytes: Uint8Array;
  /** The `.prov` text, when the version is signed. */
  provenance?: string;
}

export interface VersionRef {
  name: string;
  version: string;
}

export interface PublishPlan {
  add: VersionRef[];
  /** Same name and version, different package bytes. */
  replace: VersionRef[];
  remove: VersionRef[];
  keep: VersionRef[];
}

export interface PublishProgress {
  done: number;
  total: number;
  current?: string;
}

export const INDEX_FILE = 'index.yaml';

/** Helm's package file name (`helm package` writes `<name>-<version>.tgz`). */
export function packageFileName(ref: VersionRef): string {
  return `${ref.name}-${ref.version}.tgz`;
}

export function readFolderIndex(folder: string): RepoIndex | undefined {
  const file = join(folder, INDEX_FILE);
  if (!existsSync(file)) return undefined;
  return parseRepoIndex(readFileSync(file, 'utf8'), file);
}

const key = (r: VersionRef) => `${r.name}\u0000${r.version}`;

/**
 * `signatureChanges` tells whether an otherwise unchanged package gains or loses its `.prov`
 * (signing was switched on or off): that counts as a replacement, as the OCI plan counts it.
 */
export function planPublish(
  previous: RepoIndex | undefined,
  packages: readonly PublishablePackage[],
  signatureChanges: (ref: VersionRef) => boolean = () => false,
): PublishPlan {
  const plan: PublishPlan = { add: [], replace: [], remove: [], keep: [] };
  const wanted = new Set(packages.map(key));
  for (const p of packages) {
    const old = previous && findEntry(previous, p.name, p.version);
    const ref = { name: p.name, version: p.version };
    if (!old) plan.add.push(ref);
    else if (old.digest !== sha256Hex(p.bytes) || signatureChanges(ref)) plan.replace.push(ref);
    else plan.keep.push(ref);
  }
  for (const list of previous?.entries.values() ?? []) {
    for (const e of list) if (!wanted.has(key(e))) plan.remove.push({ name: e.name, version: e.version });
  }
  return plan;
}

const hasProvenance = (folder: string, ref: VersionRef) => existsSync(join(folder, `${packageFileName(ref)}.prov`));

/** What publishing would change in the folder, without changing it; `signed`: packages will carry a `.prov`. */
export function planHelmRepository(folder: string, packages: readonly PublishablePackage[], signed = false): PublishPlan {
  return planPublish(readFolderIndex(folder), packages, (ref) => hasProvenance(folder, ref) !== signed);
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

export function publishHelmRepository(
  folder: string,
  packages: readonly PublishablePackage[],
  options: { baseUrl?: string; now?: Date; onProgress?: (p: PublishProgress) => void } = {},
): { plan: PublishPlan; index: RepoIndex } {
  mkdirSync(folder, { recursive: true });
  const previous = readFolderIndex(folder);
  const signedNow = new Set(packages.filter((p) => p.provenance !== undefined).map(key));
  const plan = planPublish(previous, packages, (ref) => hasProvenance(folder, ref) !== signedNow.has(key(ref)));
  const now = (options.now ?? new Date()).toISOString();
  const index = newRepoIndex(now);
  const present = new Set(readdirSync(folder));
  let done = 0;
  for (const p of packages) {
    const fileName = packageFileName(p);
    options.onProgress?.({ done, total: packages.length, current: fileName });
    const digest = sha256Hex(p.bytes);
    const old = previous && findEntry(previous, p.name, p.version);
    const unchanged = old?.digest === digest && present.has(fileName);
    // the index already describes an unchanged package: no need to open it again
    if (unchanged && old) {
      if (p.provenance !== undefined) writeFileAtomic(join(folder, `${fileName}.prov`), p.provenance);
      else if (present.has(`${fileName}.prov`)) removeIfPresent(join(folder, `${fileName}.prov`));
      addEntry(index, { ...old, urls: [joinPackageUrl(options.baseUrl, fileName)] });
      done++;
      continue;
    }
    const metadata = readPackageMetadata(p.bytes, fileName);
    if (metadata.name !== p.name || metadata.version !== p.version) {
      throw new BerthFailure('chart.invalid', `The package published as ${p.name} ${p.version} is chart ${metadata.name} ${metadata.version}.`);
    }
    if (!unchanged) writeFileAtomic(join(folder, fileName), p.bytes);
    if (p.provenance !== undefined) writeFileAtomic(join(folder, `${fileName}.prov`), p.provenance);
    else if (present.has(`${fileName}.prov`)) removeIfPresent(join(folder, `${fileName}.prov`));
    // An unchanged package keeps its `created` time, as `helm repo index --merge` keeps it.
    const created = old?.digest === digest && old.created ? old.created : now;
    addEntry(index, entryForPackage({ fileName, bytes: p.bytes, metadata }, { baseUrl: options.baseUrl, created }));
    done++;
  }
  for (const r of plan.remove) {
    removeIfPresent(join(folder, packageFileName(r)));
    removeIfPresent(join(folder, `${packageFileName(r)}.prov`));
  }
  sortEntries(index);
  writeFileAtomic(join(folder, INDEX_FILE), serializeRepoIndex(index));
  options.onProgress?.({ done, total: packages.length });
  return { plan, index };
}
