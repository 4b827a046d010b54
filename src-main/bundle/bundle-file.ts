/**
 * The air-gap bundle file (`.berth.tgz`): a gzipped tar anyone can list with `tar tzf`.
 *   bundle.json                 BundleManifest
 *   packages/<chart>-<v>.tgz    chart packages (+ .prov when signed)
 *   attachments/<sha256>        icon and screenshots
 *   records/events.jsonl        the app's signed catalog events (review and lifecycle)
 *   images.txt                  every container image the charts reference, one a line
 * Reading checks every package and attachment against the digest the manifest gives.
 */
import { gunzipSync } from 'node:zlib';
import { BerthFailure } from '../../shared/result';
import type { BundleManifest } from '../../shared/types/distribution';
import { readTar } from '../chart/tar';
import { sha256Hex } from '../provenance/digest';
import { writeTarGz, type TarFile } from './tar-writer';

export interface BundleContents {
  manifest: BundleManifest;
  files: Map<string, Uint8Array>;
}

const MAX_BUNDLE_BYTES = 2 * 1024 * 1024 * 1024;

export function writeBundle(contents: BundleContents): Uint8Array {
  const files: TarFile[] = [{ name: 'bundle.json', data: new TextEncoder().encode(JSON.stringify(contents.manifest, null, 2) + '\n') }];
  for (const [name, data] of [...contents.files].sort(([a], [b]) => (a < b ? -1 : 1))) files.push({ name, data });
  return writeTarGz(files, Date.parse(contents.manifest.createdAt) || Date.now());
}

function bad(why: string): BerthFailure {
  return new BerthFailure('input.invalid', `This is not a Berth bundle Berth can import: ${why}.`);
}

export function readBundle(bytes: Uint8Array): BundleContents {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(bytes, { maxOutputLength: MAX_BUNDLE_BYTES });
  } catch {
    throw bad('it is not a gzipped file');
  }
  const files = new Map<string, Uint8Array>();
  try {
    for (const e of readTar(tar)) {
      if (e.kind !== 'file') continue;
      if (e.name.includes('..') || e.name.startsWith('/')) throw bad(`it holds an unsafe path (${e.name})`);
      files.set(e.name, e.data);
    }
  } catch (e) {
    if (e instanceof BerthFailure) throw e;
    throw bad('its archive is damaged');
  }
  const json = files.get('bundle.json');
  if (!json) throw bad('bundle.json is missing');
  files.delete('bundle.json');
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(Buffer.from(json).toString('utf8')) as BundleManifest;
  } catch {
    throw bad('bundle.json is not JSON');
  }
  if (manifest.format !== 'berth-bundle' || manifest.version !== 1 || !Array.isArray(manifest.versions))
    throw bad('bundle.json is not a Berth bundle manifest (or comes from a newer Berth)');
  for (const v of manifest.versions) {
    const pkg = files.get(`packages/${v.package.file}`);
    if (!pkg) throw bad(`the package ${v.package.file} is missing`);
    if (sha256Hex(pkg) !== v.package.sha256) throw bad(`the package ${v.package.file} was altered (its sha256 differs)`);
  }
  for (const sha of Object.keys(manifest.attachments ?? {})) {
    const data = files.get(`attachments/${sha}`);
    if (!data || sha256Hex(data) !== sha) throw bad(`the attachment ${sha.slice(0, 12)}… is missing or altered`);
  }
  return { manifest, files };
}
