/**
 * Version constraints as Helm checks them for chart dependencies (Masterminds/semver v3,
 * constraints.go): `||` between groups, commas or spaces between the parts of a group, the
 * operators `= != > < >= <= ~ ~> ^`, wildcards (`1.2.x`, `*`), hyphen ranges (`1.2 - 1.4.5`),
 * and pre-releases only when the constraint names one.
 */
interface Version {
  major: number;
  minor: number;
  patch: number;
  pre: string;
  original: string;
}

/** Masterminds' loose SemVer (semver.NewVersion): leading `v`, minor and patch optional. */
const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parseVersion(s: string): Version | undefined {
  const m = VERSION.exec(s.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] ?? '', original: s };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    const na = /^\d+$/.test(pa[i]);
    const nb = /^\d+$/.test(pb[i]);
    if (na && nb && Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) < Number(pb[i]) ? -1 : 1;
    if (na !== nb) return na ? -1 : 1;
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  return Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) || Math.sign(a.patch - b.patch) || comparePre(a.pre, b.pre);
}

type Check = (v: Version) => boolean;

const WILD = /^(x|X|\*)$/;
const PART = /^\s*(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)?\s*(v?[0-9xX*]+(?:\.[0-9xX*]+)?(?:\.[0-9xX*]+)?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\s*$/;

interface Bound {
  v: Version;
  /** How many of major.minor.patch were given as numbers (the rest were omitted or wildcards). */
  fixed: 0 | 1 | 2 | 3;
}

function bound(text: string): Bound {
  const parts = text.replace(/^v/, '').split(/[-+]/)[0].split('.');
  let fixed = 0;
  for (const p of parts) {
    if (WILD.test(p)) break;
    fixed++;
  }
  const nums = parts.map((p) => (WILD.test(p) ? 0 : Number(p)));
  const pre = /-([0-9A-Za-z.-]+)/.exec(text.split('+')[0])?.[1] ?? '';
  return { v: { major: nums[0] ?? 0, minor: nums[1] ?? 0, patch: nums[2] ?? 0, pre, original: text }, fixed: fixed as Bound['fixed'] };
}

const ver = (major: number, minor: number, patch: number): Version => ({ major, minor, patch, pre: '', original: '' });
const cmp = compareVersions;

/** The next version above the fixed part: 1.2.x → 1.3.0, 1.x → 2.0.0. */
function ceiling(b: Bound): Version {
  if (b.fixed <= 1) return ver(b.v.major + 1, 0, 0);
  if (b.fixed === 2) return ver(b.v.major, b.v.minor + 1, 0);
  return ver(b.v.major, b.v.minor, b.v.patch + 1);
}

function one(op: string, text: string): { check: Check; pre: boolean } {
  const b = bound(text);
  const pre = b.v.pre !== '';
  if (b.fixed === 0 && (op === '' || op === '=' || op === '>=' || op === '=>')) return { check: () => true, pre };
  let check: Check;
  switch (op) {
    case '':
    case '=':
      check = b.fixed === 3 ? (v) => cmp(v, b.v) === 0 : (v) => cmp(v, b.v) >= 0 && cmp(v, ceiling(b)) < 0;
      break;
    case '!=':
      check = b.fixed === 3 ? (v) => cmp(v, b.v) !== 0 : (v) => !(cmp(v, b.v) >= 0 && cmp(v, ceiling(b)) < 0);
      break;
    case '>':
      check = b.fixed === 3 ? (v) => cmp(v, b.v) > 0 : (v) => cmp(v, ceiling(b)) >= 0;
      break;
    case '<':
      check = (v) => cmp(v, b.v) < 0;
      break;
    case '>=':
    case '=>':
      check = (v) => cmp(v, b.v) >= 0;
      break;
    case '<=':
    case '=<':
      check = b.fixed === 3 ? (v) => cmp(v, b.v) <= 0 : (v) => cmp(v, ceiling(b)) < 0;
      break;
    case '~':
    case '~>': {
      const top = b.fixed <= 1 ? ver(b.v.major + 1, 0, 0) : ver(b.v.major, b.v.minor + 1, 0);
      check = (v) => cmp(v, b.v) >= 0 && cmp(v, top) < 0;
      break;
    }
    case '^': {
      const top =
        b.v.major > 0 || b.fixed <= 1 ? ver(b.v.major + 1, 0, 0) : b.v.minor > 0 || b.fixed === 2 ? ver(0, b.v.minor + 1, 0) : ver(0, 0, b.v.patch + 1);
      check = (v) => cmp(v, b.v) >= 0 && cmp(v, top) < 0;
      break;
    }
    default:
      throw new Error(`unknown operator ${op}`);
  }
  return { check, pre };
}

export interface Constraint {
  check(version: string): boolean;
}

/** Parses a constraint; undefined when Helm would call it "an invalid version/constraint format". */
export function parseConstraint(text: string): Constraint | undefined {
  const groups: { check: Check; pre: boolean }[][] = [];
  for (const raw of text.split('||')) {
    const group: { check: Check; pre: boolean }[] = [];
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(raw);
    if (hyphen) {
      group.push(one('>=', hyphen[1]), one('<=', hyphen[2]));
    } else {
      // "op version" pairs separated by commas or whitespace; an operator may stand apart from its version
      const tokens = raw
        .trim()
        .replace(/(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)\s+/g, '$1')
        .split(/[\s,]+/)
        .filter(Boolean);
      if (tokens.length === 0) return undefined;
      for (const t of tokens) {
        const m = PART.exec(t);
        if (!m) return undefined;
        group.push(one(m[1] ?? '', m[2]));
      }
    }
    groups.push(group);
  }
  return {
    check(version: string) {
      const v = parseVersion(version);
      if (!v) return false;
      // a pre-release satisfies a group only when one of its parts names a pre-release
      return groups.some((g) => (v.pre === '' || g.some((c) => c.pre)) && g.every((c) => c.check(v)));
    },
  };
}
