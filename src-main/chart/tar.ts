/**
 * A minimal, strict reader of POSIX ustar / PAX / GNU tar streams held in memory.
 * It only parses headers; the caller (archive.ts) decides what is allowed.
 */
export type TarEntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  name: string;
  /** Raw name bytes, kept so the caller can refuse names that are not UTF-8. */
  nameBytes: Uint8Array;
  kind: TarEntryKind;
  typeflag: string;
  linkName: string;
  mode: number;
  size: number;
  /** Modification time, unix seconds as written (a PAX mtime may carry a fraction). */
  mtime: string;
  data: Uint8Array;
}

export class TarFormatError extends Error {}

const BLOCK = 512;

function field(block: Uint8Array, start: number, length: number): Uint8Array {
  const raw = block.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return nul >= 0 ? raw.subarray(0, nul) : raw;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function octal(block: Uint8Array, start: number, length: number): number {
  const raw = block.subarray(start, start + length);
  if (raw[0] & 0x80) {
    // GNU base-256 encoding for large numbers
    let n = 0;
    for (let i = 1; i < raw.length; i++) n = n * 256 + raw[i];
    if ((raw[0] & 0x7f) !== 0 || !Number.isSafeInteger(n)) throw new TarFormatError('tar header holds a number that is too large');
    return n;
  }
  const text = latin1(field(block, start, length)).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('the archive is not a valid tar file (corrupt header)');
  return parseInt(text, 8);
}

function checksumOk(block: Uint8Array): boolean {
  const stored = octal(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  return sum === stored;
}

function kindOf(typeflag: string): TarEntryKind {
  switch (typeflag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** PAX records: "<len> <key>=<value>\n" repeated. */
function parsePax(data: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) throw new TarFormatError('tar PAX header is corrupt');
    const len = parseInt(latin1(data.subarray(pos, space)), 10);
    if (!Number.isInteger(len) || len <= 0 || pos + len > data.length) throw new TarFormatError('tar PAX header is corrupt');
    const record = data.subarray(space + 1, pos + len - 1);
    const eq = record.indexOf(0x3d);
    if (eq < 0) throw new TarFormatError('tar PAX header is corrupt');
    out.set(latin1(record.subarray(0, eq)), record.subarray(eq + 1));
    pos += len;
  }
  return out;
}

/** Yields every entry of a tar stream in order; entry data are views into `buf`, never copies. */
export function* readTar(buf: Uint8Array): Generator<TarEntry> {
  let pos = 0;
  let paxName: Uint8Array | undefined;
  let paxLink: Uint8Array | undefined;
  let paxSize: number | undefined;
  let paxMtime: string | undefined;
  let gnuName: Uint8Array | undefined;
  let gnuLink: Uint8Array | undefined;
  while (pos + BLOCK <= buf.length) {
    const block = buf.subarray(pos, pos + BLOCK);
    if (block.every((b) => b === 0)) return; // end-of-archive marker
    if (!checksumOk(block)) throw new TarFormatError('the archive is not a valid tar file (header checksum mismatch)');
    const typeflag = String.fromCharCode(block[156]);
    let size = octal(block, 124, 12);
    if (paxSize !== undefined && typeflag !== 'x' && typeflag !== 'g') size = paxSize;
    const dataStart = pos + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > buf.length) throw new TarFormatError('the archive is truncated');
    const data = buf.subarray(dataStart, dataEnd);
    pos = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (typeflag === 'x') {
      const pax = parsePax(data);
      paxName = pax.get('path') ?? paxName;
      paxLink = pax.get('linkpath') ?? paxLink;
      const mtime = pax.get('mtime');
      if (mtime && /^-?\d+(\.\d+)?$/.test(latin1(mtime))) paxMtime = latin1(mtime);
      const s = pax.get('size');
      if (s) {
        paxSize = Number(latin1(s));
        if (!Number.isSafeInteger(paxSize) || paxSize < 0) throw new TarFormatError('tar PAX header is corrupt');
      }
      continue;
    }
    if (typeflag === 'g') continue; // global PAX headers carry nothing a chart needs
    if (typeflag === 'L') {
      gnuName = field(data, 0, data.length);
      continue;
    }
    if (typeflag === 'K') {
      gnuLink = field(data, 0, data.length);
      continue;
    }

    let nameBytes = paxName ?? gnuName;
    if (!nameBytes) {
      const name = field(block, 0, 100);
      const isUstar = latin1(block.subarray(257, 262)) === 'ustar';
      const prefix = isUstar ? field(block, 345, 155) : new Uint8Array();
      nameBytes = prefix.length > 0 ? concat(prefix, Uint8Array.of(0x2f), name) : name;
    }
    const linkBytes = paxLink ?? gnuLink ?? field(block, 157, 100);
    paxName = paxLink = gnuName = gnuLink = undefined;
    paxSize = undefined;
    const mtime = paxMtime ?? String(octal(block, 136, 12));
    paxMtime = undefined;
    yield {
      name: new TextDecoder('utf-8').decode(nameBytes),
      nameBytes,
      kind: kindOf(typeflag),
      typeflag,
      linkName: new TextDecoder('utf-8').decode(linkBytes),
      mode: octal(block, 100, 8),
      size,
      mtime,
      data,
    };
  }
  if (pos < buf.length) throw new TarFormatError('the archive is truncated');
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
