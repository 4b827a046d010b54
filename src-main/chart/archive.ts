/**
 * Berth's safety layer for chart archives: every .tgz (and every subchart .tgz inside it) is
 * expanded in memory under ARCHIVE_LIMITS and vetted entry by entry before anything else —
 * the inspector, Helm's engine, the catalog — sees it. Nothing is ever written to disk here.
 *
 * Path rules follow Helm's own loader (pkg/chart/loader/archive.LoadArchiveFiles) and are
 * stricter where Helm is lenient: links, devices, duplicates and `..` segments are refused
 * instead of being read as empty or cleaned away.
 */
import { gunzipSync } from 'node:zlib';
import { BerthFailure } from '../../shared/result';
import { ARCHIVE_LIMITS, type ArchiveLimits } from './limits';
import { readTar, TarFormatError } from './tar';

export interface ChartFile {
  /** Path inside the chart, relative to its top folder, `/`-separated (e.g. `templates/service.yaml`). */
  path: string;
  data: Uint8Array;
  /** The tar header's modification time (unix seconds, as text); Helm keeps it in release records. */
  mtime?: string;
}

export interface ChartArchive {
  /** The archive's top folder, normally the chart name. */
  baseDir: string;
  files: ChartFile[];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function unsafe(message: string, detail?: Record<string, string | number>): BerthFailure {
  return new BerthFailure('chart.unsafe-archive', message, detail);
}

function mib(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MiB`;
}

/** Budget shared by an archive and the subchart archives nested in it. */
interface Budget {
  limits: ArchiveLimits;
  expanded: number;
  entries: number;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

function gunzip(bytes: Uint8Array, budget: Budget, label: string): Uint8Array {
  if (!isGzip(bytes)) throw unsafe(`${label} is not a gzipped chart archive (.tgz).`);
  const room = budget.limits.maxExpandedBytes - budget.expanded;
  try {
    const out = gunzipSync(bytes, { maxOutputLength: Math.max(room, 1) });
    budget.expanded += out.length;
    return out;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw unsafe(`${label} expands to more than ${mib(budget.limits.maxExpandedBytes)}; Berth refuses it as a possible gzip bomb.`, {
        limit: budget.limits.maxExpandedBytes,
      });
    }
    throw unsafe(`${label} is not a valid gzip file: ${(e as Error).message}.`);
  }
}

/** Checks one entry name and returns its path relative to the archive's top folder. */
function vetName(nameBytes: Uint8Array, budget: Budget, label: string): { top: string; path: string } {
  let name: string;
  try {
    name = strictUtf8.decode(nameBytes);
  } catch {
    throw unsafe(`${label} holds a file name that is not valid UTF-8.`);
  }
  const shown = JSON.stringify(name.slice(0, 200));
  if (nameBytes.length > budget.limits.maxPathBytes) {
    throw unsafe(`${label} holds a path longer than ${budget.limits.maxPathBytes} bytes.`, { limit: budget.limits.maxPathBytes });
  }
  if ([...name].some((c) => c.charCodeAt(0) < 0x20)) throw unsafe(`${label} holds a file name with control characters: ${shown}.`);
  if (name.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(name)) throw unsafe(`${label} holds an absolute path: ${shown}.`, { entry: name });
  // Helm accepts archives written on Windows with `\` separators.
  const parts = name
    .replace(/\\/g, '/')
    .split('/')
    .filter((p, i, all) => p !== '' || i === all.length - 1);
  if (parts.some((p) => p === '..')) throw unsafe(`${label} holds a path that climbs out of the chart folder: ${shown}.`, { entry: name });
  const segments = parts.filter((p) => p !== '.' && p !== '');
  if (segments.length > budget.limits.maxPathDepth) throw unsafe(`${label} holds a path deeper than ${budget.limits.maxPathDepth} folders.`);
  if (segments.length === 0) throw unsafe(`${label} holds an entry with an empty name.`);
  return { top: segments[0], path: segments.slice(1).join('/') };
}

function expand(bytes: Uint8Array, budget: Budget, label: string, depth: number): ChartArchive {
  if (depth > budget.limits.maxNestingDepth) throw unsafe(`${label} nests subchart archives deeper than ${budget.limits.maxNestingDepth} levels.`);
  const tarBytes = gunzip(bytes, budget, label);
  const files: ChartFile[] = [];
  const seen = new Set<string>();
  let baseDir: string | undefined;
  try {
    for (const entry of readTar(tarBytes)) {
      if (++budget.entries > budget.limits.maxEntries) {
        throw unsafe(`${label} holds more than ${budget.limits.maxEntries} entries.`, { limit: budget.limits.maxEntries });
      }
      const { top, path } = vetName(entry.nameBytes, budget, label);
      const shown = JSON.stringify(entry.name);
      if (entry.kind === 'symlink' || entry.kind === 'hardlink') {
        throw unsafe(`${label} holds a link (${shown} → ${JSON.stringify(entry.linkName)}); chart archives may hold only files and folders.`, {
          entry: entry.name,
        });
      }
      if (entry.kind === 'other') {
        throw unsafe(`${label} holds a special entry ${shown} (tar type '${entry.typeflag}'); chart archives may hold only files and folders.`, {
          entry: entry.name,
        });
      }
      if (baseDir === undefined) baseDir = top;
      else if (top !== baseDir) throw unsafe(`${label} holds files outside its top folder "${baseDir}": ${shown}.`, { entry: entry.name });
      if (entry.kind === 'directory') continue;
      if (path === '') throw unsafe(`${label} holds a file outside any chart folder: ${shown}.`, { entry: entry.name });
      if (seen.has(path)) throw unsafe(`${label} holds ${shown} twice; Berth refuses archives with duplicate entries.`, { entry: entry.name });
      seen.add(path);
      if (entry.size > budget.limits.maxFileBytes) {
        throw unsafe(`${label} holds ${shown} of ${entry.size} bytes, more than the ${mib(budget.limits.maxFileBytes)} a chart file may have.`, {
          entry: entry.name,
          limit: budget.limits.maxFileBytes,
        });
      }
      let data = entry.data;
      if (data[0] === UTF8_BOM[0] && data[1] === UTF8_BOM[1] && data[2] === UTF8_BOM[2]) data = data.subarray(3);
      files.push({ path, data, mtime: entry.mtime });
      // Subchart archives are vetted with the same budget before Helm's loader opens them.
      if (/^charts\/[^/]+\.tgz$/.test(path) || /(^|\/)charts\/[^/]+\.tgz$/.test(path)) {
        expand(data, budget, `${label} › ${path}`, depth + 1);
      }
    }
  } catch (e) {
    if (e instanceof TarFormatError) throw unsafe(`${label}: ${e.message}.`);
    throw e;
  }
  if (files.length === 0 || baseDir === undefined) throw unsafe(`${label} holds no files.`);
  return { baseDir, files };
}

export function checkArchiveSize(size: number, label: string, limits: ArchiveLimits = ARCHIVE_LIMITS): void {
  if (size > limits.maxCompressedBytes) {
    throw unsafe(`${label} is ${mib(size)}, more than the ${mib(limits.maxCompressedBytes)} Berth accepts.`, { limit: limits.maxCompressedBytes });
  }
}

/**
 * Expands and vets a chart package held in memory. Throws BerthFailure('chart.unsafe-archive')
 * naming the first problem found.
 */
export function readChartArchive(bytes: Uint8Array, options: { label?: string; limits?: Partial<ArchiveLimits> } = {}): ChartArchive {
  const limits: ArchiveLimits = { ...ARCHIVE_LIMITS, ...options.limits };
  const label = options.label ?? 'The chart archive';
  checkArchiveSize(bytes.length, label, limits);
  return expand(bytes, { limits, expanded: 0, entries: 0 }, label, 0);
}

/** Decodes a file that must be text (Chart.yaml, values, templates), refusing bytes that are not UTF-8. */
export function decodeText(file: ChartFile, label = file.path): string {
  try {
    return strictUtf8.decode(file.data);
  } catch {
    throw new BerthFailure('chart.invalid', `${label} is not valid UTF-8 text.`, { file: label });
  }
}
