/**
 * Chart versions ordered as Helm orders them (Masterminds/semver v3 `Compare`, used by
 * helm.sh/helm/v4 pkg/repo/v1 ChartVersions.Less): a leading `v` and missing minor/patch are
 * allowed, build metadata is ignored, and a version that does not parse sorts below all others.
 */
interface ParsedVersion {
  core: [number, number, number];
  pre: string;
}

const LOOSE_SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseChartVersion(v: string): ParsedVersion | undefined {
  const m = LOOSE_SEMVER.exec(v);
  if (!m) return undefined;
  return { core: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], pre: m[4] ?? '' };
}

const NUMERIC = /^\d+$/;

// Masterminds comparePrePart: numbers sort below words, a missing part sorts below a present one.
function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = NUMERIC.test(s);
  const oNum = NUMERIC.test(o);
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  const a = BigInt(s);
  const b = BigInt(o);
  return a > b ? 1 : a < b ? -1 : 0;
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1; // a release is above any of its prereleases
  if (b === '') return -1;
  const ap = a.split('.');
  const bp = b.split('.');
  for (let i = 0; i < Math.max(ap.length, bp.length); i++) {
    const d = comparePrePart(ap[i] ?? '', bp[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Negative when a < b, positive when a > b, 0 when equal in precedence. Unparsable versions sort lowest. */
export function compareChartVersions(a: string, b: string): number {
  const pa = parseChartVersion(a);
  const pb = parseChartVersion(b);
  if (!pa || !pb) return pa ? 1 : pb ? -1 : 0;
  for (let i = 0; i < 3; i++) if (pa.core[i] !== pb.core[i]) return pa.core[i] - pb.core[i];
  return comparePrerelease(pa.pre, pb.pre);
}

/** Newest first, as `helm repo index` writes each chart's versions. */
export function newestFirst<T extends { version: string }>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => compareChartVersions(y.version, x.version));
}
