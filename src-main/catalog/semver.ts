/**
 * "Latest" is the highest semantic version; a leading `v` is allowed (`v4.0.2`).
 * Names that are not semantic versions sort below every semantic one, then by text.
 */
const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

interface Parsed {
  core: [number, number, number];
  pre: string[];
}

function parse(name: string): Parsed | undefined {
  const m = SEMVER.exec(name.trim());
  if (!m) return undefined;
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : [] };
}

function comparePre(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === undefined) return -1;
    if (b[i] === undefined) return 1;
    const an = /^\d+$/.test(a[i]);
    const bn = /^\d+$/.test(b[i]);
    if (an && bn) {
      const d = Number(a[i]) - Number(b[i]);
      if (d !== 0) return Math.sign(d);
    } else if (an !== bn) return an ? -1 : 1;
    else if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

export function compareVersionNames(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) {
    if (pa) return 1;
    if (pb) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  for (let i = 0; i < 3; i++) if (pa.core[i] !== pb.core[i]) return Math.sign(pa.core[i] - pb.core[i]);
  return comparePre(pa.pre, pb.pre);
}

export function isSemver(name: string): boolean {
  return parse(name) !== undefined;
}

export function highest<T>(items: readonly T[], nameOf: (t: T) => string): T | undefined {
  let best: T | undefined;
  for (const it of items) if (!best || compareVersionNames(nameOf(it), nameOf(best)) > 0) best = it;
  return best;
}
