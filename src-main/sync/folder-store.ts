/**
 * A catalog shared through any folder: a network share, a synced folder, a USB stick.
 *
 *   <folder>/berth-catalog.json                         which catalog this is (created once)
 *   <folder>/events/<author key, 16 hex>/<UTC day>/<event id>.json
 *   <folder>/blobs/<first 2 hex>/<sha256>
 *
 * Files are only ever created, never changed: each is written to a dot-named temp file in
 * the same folder and renamed into place, so readers see whole files or none, and several
 * people can write at once without locks (two writers of one event write identical bytes,
 * since the name is the content's hash). Anything else found here — a half-written file
 * from a sync tool, a stray file — is skipped with a warning and retried next time.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { StoreLocation } from '../../shared/types/catalog';
import { pauser } from '../event-loop';
import { refusal } from '../sentences';
import { parseSignedEvent } from '../catalog/event-parse';
import type { SignedEvent } from '../catalog/event-types';
import { parseHlc } from '../catalog/hlc';
import { EVENT_MAX_BYTES, tooLargeReason } from '../catalog/intake';
import { sha256Hex } from '../catalog/signing';
import { isManifest, type CatalogStore, type EventCopy, type PullResult, type StoreManifest } from './store';

const MANIFEST = 'berth-catalog.json';
const EVENT_FILE = /^([0-9a-f]{64})\.json$/;
/** Filesystems with coarse timestamps (FAT keeps 2 s) can change a folder within one tick of our listing. */
const RACY_MS = 3000;

interface FolderCursor {
  /** Folder (relative path) → its mtime when it was fully listed. */
  dirs: Record<string, number>;
  /** Files skipped last time, to try again. */
  retry: string[];
}

interface DirStat {
  mtimeMs: number;
  ctimeMs: number;
  /** When it was stated. */
  at: number;
}

interface Walk {
  /** events/<author>/<day> → its folder's times */
  events: Map<string, DirStat>;
  /** blobs/<aa> → its folder's times */
  blobs: Map<string, DirStat>;
}

export class FolderStore implements CatalogStore {
  readonly location: StoreLocation;
  private walked?: Walk;

  constructor(readonly root: string) {
    this.location = { kind: 'folder', path: root };
  }

  async readManifest(): Promise<StoreManifest | undefined> {
    await this.requireReachable();
    try {
      const parsed: unknown = JSON.parse(await readFile(join(this.root, MANIFEST), 'utf8'));
      return isManifest(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async createManifest(manifest: StoreManifest): Promise<void> {
    await this.requireReachable();
    const path = join(this.root, MANIFEST);
    try {
      await writeFile(path, JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw refusal('catalog.duplicate', 'store.alreadyCatalog', { place: this.root });
      throw e;
    }
  }

  async pull(options: { cursor?: string; isKnown: (id: string) => boolean }): Promise<PullResult> {
    await this.requireReachable();
    const previous = parseCursor(options.cursor);
    const next: FolderCursor = { dirs: {}, retry: [] };
    const out: PullResult = { events: [], warnings: [], cursor: '' };
    const candidates = new Set<string>(previous.retry);
    // a folder of 15,000 files is one long loop: the event loop is handed back every few ms
    const pause = pauser();
    // the store check of this sync already stated every folder: those figures serve (a folder it
    // changed since shows a later time at the next sync and is listed again then)
    const walked = this.walked ?? (await this.walk());
    this.walked = undefined;
    for (const [rel, st] of walked.events) {
      {
        const abs = join(this.root, rel);
        const mtime = st.mtimeMs;
        const listedAt = st.at;
        const seen = previous.dirs[rel];
        // unchanged since the last full listing, and not within a timestamp tick of it
        if (seen !== undefined && seen === mtime && listedAt - mtime > RACY_MS) {
          next.dirs[rel] = mtime;
          continue;
        }
        for (const name of await readdir(abs).catch(() => [] as string[])) {
          await pause();
          const m = EVENT_FILE.exec(name);
          if (m && !options.isKnown(m[1])) candidates.add(`${rel}/${name}`);
          else if (!m && !name.startsWith('.')) out.warnings.push(`Skipped ${rel}/${name}: not a Berth event file.`);
        }
        next.dirs[rel] = mtime;
      }
    }
    for (const rel of candidates) {
      const id = EVENT_FILE.exec(rel.slice(rel.lastIndexOf('/') + 1))?.[1];
      if (!id || options.isKnown(id)) continue;
      let text: string;
      try {
        // an event is never larger (intake.ts): a huge file is not even read
        const size = (await stat(join(this.root, rel))).size;
        if (size > EVENT_MAX_BYTES + 1) {
          out.warnings.push(`Skipped ${rel}: ${tooLargeReason(size)}`);
          continue;
        }
        text = await readFile(join(this.root, rel), 'utf8');
      } catch {
        continue; // gone (moved away by its owner); nothing to retry
      }
      const parsed = parseSignedEvent(text);
      if (typeof parsed === 'string') {
        out.warnings.push(`Skipped ${rel}: ${parsed}. It will be tried again at the next sync.`);
        next.retry.push(rel);
      } else if (parsed.id !== id) {
        out.warnings.push(`Skipped ${rel}: its name does not match the event inside.`);
      } else out.events.push(parsed);
    }
    out.cursor = JSON.stringify(next);
    return out;
  }

  async listEventIds(): Promise<Set<string>> {
    await this.requireReachable();
    const ids = new Set<string>();
    for (const authorDir of await listDirs(join(this.root, 'events'))) {
      for (const dayDir of await listDirs(join(this.root, 'events', authorDir))) {
        for (const name of await readdir(join(this.root, 'events', authorDir, dayDir)).catch(() => [] as string[])) {
          const m = EVENT_FILE.exec(name);
          if (m) ids.add(m[1]);
        }
      }
    }
    return ids;
  }

  eventPath(event: SignedEvent): string {
    const wall = parseHlc(event.body.hlc)?.wall ?? 0;
    const day = new Date(wall).toISOString().slice(0, 10);
    return join(this.root, 'events', event.body.author.slice(0, 16), day, `${event.id}.json`);
  }

  async putEvents(events: readonly SignedEvent[]): Promise<void> {
    await this.requireReachable();
    for (const e of events) await createOnce(this.eventPath(e), JSON.stringify(e) + '\n');
  }

  private blobPath(sha256: string): string {
    return join(this.root, 'blobs', sha256.slice(0, 2), sha256);
  }

  async hasBlob(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.blobPath(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async getBlob(sha256: string): Promise<Uint8Array | undefined> {
    try {
      const bytes = await readFile(this.blobPath(sha256));
      return sha256Hex(bytes) === sha256 ? bytes : undefined;
    } catch {
      return undefined;
    }
  }

  async putBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    if (sha256Hex(bytes) !== sha256) throw new Error('blob bytes do not match their digest');
    await createOnce(this.blobPath(sha256), bytes);
  }

  async eventCopies(events: readonly SignedEvent[]): Promise<Map<string, EventCopy[]>> {
    await this.requireReachable();
    const out = new Map<string, EventCopy[]>();
    for (const e of events) {
      const path = this.eventPath(e);
      try {
        out.set(e.id, [{ where: relative(this.root, path).split(sep).join('/'), text: await readFile(path, 'utf8') }]);
      } catch {
        // missing
      }
    }
    return out;
  }

  async restoreEvents(events: readonly SignedEvent[]): Promise<void> {
    await this.requireReachable();
    for (const e of events) await replaceFile(this.eventPath(e), JSON.stringify(e) + '\n');
  }

  async removeCopy(where: string): Promise<void> {
    // only ever an event file of this store, never a path that climbs out of it
    if (!/^events\/[0-9a-f]{1,64}\/[0-9A-Za-z-]+\/[0-9a-f]{64}\.json$/.test(where)) return;
    await rm(join(this.root, where), { force: true });
  }

  async blobCopy(sha256: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.blobPath(sha256));
    } catch {
      return undefined;
    }
  }

  async restoreBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    if (sha256Hex(bytes) !== sha256) throw new Error('blob bytes do not match their digest');
    await replaceFile(this.blobPath(sha256), bytes);
  }

  // ── ranges: one folder each (store-check.ts compares them by their times, and drills into changed ones)

  /** Every event and blob folder with its times; the pull of the same sync reuses them. */
  async ranges(): Promise<Map<string, string>> {
    await this.requireReachable();
    this.walked = await this.walk();
    const out = new Map<string, string>();
    for (const m of [this.walked.events, this.walked.blobs]) for (const [rel, st] of m) out.set(rel, `${st.mtimeMs}/${st.ctimeMs}`);
    return out;
  }

  rangeOf(event: SignedEvent): string {
    return relative(this.root, dirname(this.eventPath(event)))
      .split(sep)
      .join('/');
  }

  blobRangeOf(sha256: string): string {
    return `blobs/${sha256.slice(0, 2)}`;
  }

  /** Every file's size and times in one folder: what an overwrite in place (which leaves the folder's times) changes. */
  async rangeFingerprint(range: string): Promise<{ fingerprint: string; files: number }> {
    // many small calls: synchronous ones cost a fraction of the promise round trips (with a
    // pause for the event loop every few ms, event-loop.ts)
    const dir = join(this.root, range);
    const names = readdirQuiet(dir).filter((n) => !n.startsWith('.')).sort();
    const parts: string[] = [];
    const pause = pauser();
    for (const n of names) {
      await pause();
      const st = statSync(join(dir, n), { bigint: true, throwIfNoEntry: false });
      parts.push(st ? `${n}:${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}` : `${n}:gone`);
    }
    return { fingerprint: sha256Hex(parts.join('\n')), files: names.length };
  }

  /** The event files of one folder (by name), with their text; files too large for an event are named without it. */
  async rangeFiles(range: string): Promise<{ where: string; id: string; text?: string }[]> {
    const out: { where: string; id: string; text?: string }[] = [];
    const pause = pauser();
    for (const name of readdirQuiet(join(this.root, range))) {
      await pause();
      const m = EVENT_FILE.exec(name);
      if (!m) continue;
      const where = `${range}/${name}`;
      try {
        const size = statSync(join(this.root, where)).size;
        out.push({ where, id: m[1], text: size > EVENT_MAX_BYTES + 1 ? undefined : readFileSync(join(this.root, where), 'utf8') });
      } catch {
        // gone meanwhile
      }
    }
    return out;
  }

  private async walk(): Promise<Walk> {
    const out: Walk = { events: new Map(), blobs: new Map() };
    const note = (m: Map<string, DirStat>, rel: string) => {
      const at = Date.now();
      const st = statSync(join(this.root, rel), { throwIfNoEntry: false });
      if (st) m.set(rel, { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, at });
    };
    for (const authorDir of await listDirs(join(this.root, 'events'))) {
      for (const dayDir of await listDirs(join(this.root, 'events', authorDir))) note(out.events, `events/${authorDir}/${dayDir}`);
    }
    for (const p of await listDirs(join(this.root, 'blobs'))) if (/^[0-9a-f]{2}$/.test(p)) note(out.blobs, `blobs/${p}`);
    return out;
  }

  async close(): Promise<void> {
    // nothing buffered
  }

  private async requireReachable(): Promise<void> {
    try {
      if ((await stat(this.root)).isDirectory()) return;
    } catch {
      // reported below
    }
    throw refusal('sync.unreachable', 'store.folderUnreachable', { path: this.root });
  }
}

async function listDirs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    return [];
  }
}

/** Write-once: temp file in the same folder, then rename; an existing file is left alone. */
async function createOnce(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await stat(path);
    return;
  } catch {
    // not there yet
  }
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
  try {
    // a full or read-only store must not keep half a temp file
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Writes over whatever is there (a damaged copy), by temp file and rename so readers never see half. */
async function replaceFile(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

function readdirQuiet(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function parseCursor(text: string | undefined): FolderCursor {
  try {
    const c = JSON.parse(text ?? '') as FolderCursor;
    if (c && typeof c.dirs === 'object' && Array.isArray(c.retry)) return c;
  } catch {
    // start over
  }
  return { dirs: {}, retry: [] };
}
