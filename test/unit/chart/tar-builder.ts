/** Builds (possibly malicious) tar.gz archives byte by byte, for the safety tests. */
import { gzipSync } from 'node:zlib';

export interface RawEntry {
  name: string | Uint8Array;
  data?: Uint8Array | string;
  /** tar type flag: '0' file, '1' hard link, '2' symlink, '3' char device, '5' directory, '6' fifo */
  type?: string;
  linkName?: string;
  /** Declared size when it must differ from the data length. */
  size?: number;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(e: RawEntry, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const name = typeof e.name === 'string' ? new TextEncoder().encode(e.name) : e.name;
  h.set(name.subarray(0, 100), 0);
  const put = (s: string, at: number) => h.set(new TextEncoder().encode(s), at);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(0, 12), 136);
  h[156] = (e.type ?? '0').charCodeAt(0);
  if (e.linkName) put(e.linkName, 157);
  put('ustar\0', 257);
  put('00', 263);
  h.fill(0x20, 148, 156);
  const sum = h.reduce((a, b) => a + b, 0);
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

export function tarOf(entries: RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const e of entries) {
    const data = typeof e.data === 'string' ? new TextEncoder().encode(e.data) : (e.data ?? new Uint8Array());
    chunks.push(header(e, e.size ?? data.length));
    chunks.push(data);
    const pad = (512 - (data.length % 512)) % 512;
    chunks.push(new Uint8Array(pad));
  }
  chunks.push(new Uint8Array(1024));
  return Buffer.concat(chunks);
}

export function tgzOf(entries: RawEntry[]): Uint8Array {
  return gzipSync(tarOf(entries));
}

export const CHART_YAML = 'apiVersion: v2\nname: demo\nversion: 0.1.0\n';

/** A well-formed minimal chart plus extra entries. */
export function chartTgz(extra: RawEntry[] = [], chartYaml = CHART_YAML): Uint8Array {
  return tgzOf([{ name: 'demo/Chart.yaml', data: chartYaml }, { name: 'demo/values.yaml', data: 'a: 1\n' }, ...extra]);
}
