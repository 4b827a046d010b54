/** A minimal ustar writer (regular files only), enough for bundles that `tar tzf` can list. */
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const enc = new TextEncoder();
  let path = enc.encode(name);
  let prefix = new Uint8Array();
  if (path.length > 100) {
    // ustar splits long names at a `/` into prefix (155) and name (100)
    const cut = name.lastIndexOf('/', name.length - 1);
    prefix = enc.encode(name.slice(0, cut));
    path = enc.encode(name.slice(cut + 1));
    if (prefix.length > 155 || path.length > 100 || cut < 0) throw new Error(`name too long for a tar entry: ${name}`);
  }
  h.set(path, 0);
  h.set(enc.encode(octal(0o644, 8)), 100);
  h.set(enc.encode(octal(0, 8)), 108);
  h.set(enc.encode(octal(0, 8)), 116);
  h.set(enc.encode(octal(size, 12)), 124);
  h.set(enc.encode(octal(Math.floor(mtime / 1000), 12)), 136);
  h.set(enc.encode('        '), 148);
  h[156] = '0'.charCodeAt(0);
  h.set(enc.encode('ustar\0'), 257);
  h.set(enc.encode('00'), 263);
  h.set(prefix, 345);
  let sum = 0;
  for (const b of h) sum += b;
  h.set(enc.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
  return h;
}

export interface TarFile {
  name: string;
  data: Uint8Array;
}

export function writeTarGz(files: readonly TarFile[], mtime = Date.now()): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of files) {
    parts.push(header(f.name, f.data.length, mtime), f.data);
    const pad = (BLOCK - (f.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}
