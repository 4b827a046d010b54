/** Writes chart packages: a gzipped ustar stream (PAX records for long paths), as Helm's chartutil.Save lays them out. */
import { gzipSync } from 'node:zlib';

export interface TarFile {
  /** Full entry name, e.g. `emqx/templates/rbac.yaml`. */
  name: string;
  data: Uint8Array;
  mtime?: Date;
}

const encoder = new TextEncoder();

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: Uint8Array, size: number, typeflag: string, mtime: number): Uint8Array {
  const h = new Uint8Array(512);
  h.set(name.subarray(0, 100), 0);
  const put = (s: string, at: number) => h.set(encoder.encode(s), at);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(mtime, 12), 136);
  h[156] = typeflag.charCodeAt(0);
  put('ustar\0', 257);
  put('00', 263);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

function pad(n: number): Uint8Array {
  return new Uint8Array((512 - (n % 512)) % 512);
}

function paxRecord(key: string, value: string): Uint8Array {
  // "<len> <key>=<value>\n", where <len> counts its own digits too
  const body = ` ${key}=${value}\n`;
  const base = encoder.encode(body).length;
  let len = base;
  while (base + String(len).length !== len) len = base + String(len).length;
  return encoder.encode(`${len}${body}`);
}

export function writeTgz(files: TarFile[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const f of files) {
    const name = encoder.encode(f.name);
    const mtime = Math.floor((f.mtime ?? new Date()).getTime() / 1000);
    if (name.length > 100) {
      const pax = paxRecord('path', f.name);
      chunks.push(header(encoder.encode('PaxHeaders/' + f.name.slice(-80)), pax.length, 'x', mtime), pax, pad(pax.length));
    }
    chunks.push(header(name, f.data.length, '0', mtime), f.data, pad(f.data.length));
  }
  chunks.push(new Uint8Array(1024));
  return gzipSync(Buffer.concat(chunks));
}
