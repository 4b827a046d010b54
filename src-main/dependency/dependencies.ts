/**
 * `helm dependency list|update|build` for umbrella charts (helm.sh/helm/v4 pkg/downloader
 * manager.go, internal/resolver/resolver.go, pkg/action/dependency.go), with one addition: a
 * dependency the catalog holds (a released or imported app of that chart name) comes from the
 * catalog, so an umbrella chart over catalog apps builds offline.
 *
 * What Berth writes is what helm writes: Chart.lock (requirements.lock for apiVersion v1) with
 * helm's digest of the dependencies (HashReq), and `charts/<name>-<version>.tgz`, so a later
 * `helm dependency build` accepts the lock and finds every package in place.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { BerthFailure } from '../../shared/result';
import { readChartArchive } from '../chart/archive';
import { readMetadataFromArchive } from '../chart/inspect';
import { readChartMetadata, type ChartDependency, type ChartMetadata } from '../chart/metadata';
import { compareVersions, parseConstraint, parseVersion } from '../chart/semver-constraint';
import { parseChartYaml } from '../chart/yaml-text';
import { goJson } from '../provenance/helm-metadata';
import { helmRepositoryUrlSource, ociRepositorySource } from '../publish/import-sources';

export interface LockedDependency {
  name: string;
  repository: string;
  version: string;
}

export interface ChartLock {
  generated: string;
  digest: string;
  dependencies: LockedDependency[];
}

/** A chart version the catalog can hand out without any network. */
export interface CatalogChart {
  version: string;
  bytes(): Promise<Uint8Array>;
}

export interface DependencyOptions {
  /** Chart versions in this catalog by chart name (released or imported apps). */
  catalog?: (chartName: string) => Promise<CatalogChart[]>;
  /** Packages a chart folder as `helm package` does (for `file://` dependencies); returns the .tgz bytes. */
  packageFolder(dir: string): Promise<Uint8Array>;
  /** helm's repositories.yaml; defaults to $HELM_REPOSITORY_CONFIG or ~/.config/helm/repositories.yaml. */
  repositoryConfig?: string;
  /** helm's repository cache; defaults to $HELM_REPOSITORY_CACHE or ~/.cache/helm/repository. */
  repositoryCache?: string;
  /** --skip-refresh: read repository indexes from helm's cache instead of fetching them. */
  skipRefresh?: boolean;
  plainHttp?: boolean;
  now?: Date;
  /** What helm prints while it works ("Saving 2 charts", "Downloading …"). */
  out?: (line: string) => void;
}

interface RepoEntry {
  name: string;
  url: string;
  username?: string;
  password?: string;
}

function fail(message: string): never {
  throw new BerthFailure('chart.dependency', message);
}

function readChartDir(dir: string): { md: ChartMetadata; lockFile: string; lock?: ChartLock } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`${dir} is not a chart folder: only unpacked charts can be updated.`);
  const chartYaml = join(dir, 'Chart.yaml');
  if (!existsSync(chartYaml)) fail(`${dir} holds no Chart.yaml, so it is not a chart.`);
  const requirementsFile = join(dir, 'requirements.yaml');
  const requirements = existsSync(requirementsFile) ? parseChartYaml(readFileSync(requirementsFile, 'utf8'), 'requirements.yaml') : undefined;
  const md = readChartMetadata(parseChartYaml(readFileSync(chartYaml, 'utf8'), 'Chart.yaml'), requirements);
  const lockFile = join(dir, md.apiVersion === 'v1' ? 'requirements.lock' : 'Chart.lock');
  if (!existsSync(lockFile)) return { md, lockFile };
  const raw = parseChartYaml(readFileSync(lockFile, 'utf8'), basename(lockFile)) as Partial<ChartLock> | null;
  const deps = Array.isArray(raw?.dependencies) ? raw.dependencies : [];
  const lock: ChartLock = {
    generated: String(raw?.generated ?? ''),
    digest: String(raw?.digest ?? ''),
    dependencies: deps.map((d) => ({ name: String(d?.name ?? ''), repository: String(d?.repository ?? ''), version: String(d?.version ?? '') })),
  };
  return { md, lockFile, lock };
}

/** chart.Dependency as Go's encoding/json writes it: field order and omitempty as in pkg/chart/v2/dependency.go. */
function goDependency(d: Partial<ChartDependency> & { name: string; repository?: string; version?: string }): Record<string, unknown> {
  const out: Record<string, unknown> = { name: d.name };
  if (d.version) out.version = d.version;
  out.repository = d.repository ?? '';
  if (d.condition) out.condition = d.condition;
  if (d.tags?.length) out.tags = d.tags;
  if (d.importValues?.length) out['import-values'] = d.importValues.map(sortKeys);
  if (d.alias) out.alias = d.alias;
  return out;
}

/** Go marshals maps with sorted keys. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** resolver.HashReq: sha256 of the JSON of [Chart.yaml's dependencies, the locked ones]. */
export function hashReq(req: readonly ChartDependency[], locked: readonly LockedDependency[]): string {
  const json = goJson([req.map(goDependency), locked.map(goDependency)]);
  return `sha256:${createHash('sha256').update(json).digest('hex')}`;
}

/** A plain YAML scalar, quoted where go-yaml would quote it (it would read back as another type, or is empty). */
function scalar(v: string): string {
  const plain = /^[A-Za-z0-9_./@+-][A-Za-z0-9_./@:+ -]*$/.test(v) && !/: |\s$/.test(v);
  const ambiguous = /^(?:[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|true|false|yes|no|on|off|y|n|null|~|\d{4}-\d\d-\d\d.*)$/i.test(v);
  return v === '' || !plain || ambiguous ? JSON.stringify(v) : v;
}

/** Chart.lock as helm writes it (sigs.k8s.io/yaml: keys sorted, list items at the key's indentation). */
export function serializeLock(lock: ChartLock): string {
  const lines = ['dependencies:'];
  for (const d of lock.dependencies) {
    lines.push(`- name: ${scalar(d.name)}`, `  repository: ${scalar(d.repository)}`);
    if (d.version) lines.push(`  version: ${scalar(d.version)}`);
  }
  lines.push(`digest: ${scalar(lock.digest)}`, `generated: ${JSON.stringify(lock.generated)}`);
  return lines.join('\n') + '\n';
}

/** Go's time.Time JSON form as helm's lock files carry it: RFC 3339 with up to 9 fraction digits. */
function goTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => (/^0+$/.test(ms) ? 'Z' : `.${ms.replace(/0+$/, '')}Z`));
}

function helmPath(env: string, fallback: string): string {
  return process.env[env] || fallback;
}

function repositories(options: DependencyOptions): RepoEntry[] {
  const file =
    options.repositoryConfig ??
    helmPath('HELM_REPOSITORY_CONFIG', join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'helm', 'repositories.yaml'));
  if (!existsSync(file)) return [];
  const raw = parse(readFileSync(file, 'utf8')) as { repositories?: Partial<RepoEntry>[] } | null;
  return (raw?.repositories ?? []).filter((r): r is RepoEntry => typeof r?.name === 'string' && typeof r.url === 'string');
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** `file://../x` is relative to the chart folder, as resolver.GetLocalPath reads it. */
function localPath(repository: string, chartDir: string): string {
  const p = repository.slice('file://'.length);
  const full = isAbsolute(p) ? p : resolve(chartDir, p);
  if (!existsSync(full)) fail(`directory ${full} not found`);
  return full;
}

function pickHighest(versions: readonly string[], constraint: string): string | undefined {
  const c = parseConstraint(constraint);
  if (!c) fail(`dependency has an invalid version/constraint format: ${constraint}`);
  return versions.filter((v) => parseVersion(v) && c.check(v)).sort((a, b) => compareVersions(parseVersion(b)!, parseVersion(a)!))[0];
}

/** The candidate a dependency resolves to: its exact version (from a lock) or the highest the constraint allows. */
function choose<T extends { version: string }>(candidates: readonly T[], version: string, exact: boolean): T | undefined {
  if (candidates.length === 0) return undefined; // nothing here: the next source is asked, the constraint unread
  const wanted = exact ? version : pickHighest(candidates.map((c) => c.version), version);
  return candidates.find((c) => c.version === wanted);
}

interface Fetched {
  version: string;
  bytes: Uint8Array;
}

/** Finds one dependency's package: the catalog first (offline), then its repository. */
async function fetchDependency(
  dep: { name: string; repository: string; version: string },
  exact: boolean,
  chartDir: string,
  repos: RepoEntry[],
  options: DependencyOptions,
): Promise<Fetched> {
  const { name, repository, version } = dep;
  if (repository.startsWith('file://')) {
    const dir = localPath(repository, chartDir);
    const md = readChartMetadata(parseChartYaml(readFileSync(join(dir, 'Chart.yaml'), 'utf8'), 'Chart.yaml'));
    if (!parseConstraint(version)?.check(md.version)) fail(`can't get a valid version for dependency ${name}`);
    return { version: md.version, bytes: await options.packageFolder(dir) };
  }
  const fromCatalog = options.catalog ? await options.catalog(name) : [];
  const catalogPick = choose(fromCatalog, version, exact);
  if (catalogPick) return { version: catalogPick.version, bytes: await catalogPick.bytes() };

  if (repository.startsWith('oci://')) {
    const source = ociRepositorySource(`${repository.replace(/\/+$/, '')}/${name}`, { plainHttp: options.plainHttp });
    const listed = (await source.list()).filter((v) => v.name === name);
    const chosen = choose(listed, version, exact);
    if (!chosen) fail(`can't get a valid version for 1 subchart(s): "${name}" (repository "${repository}", version "${version}")`);
    return { version: chosen.version, bytes: (await source.fetch(chosen)).packageBytes };
  }
  const alias = repository.startsWith('@') ? repository.slice(1) : repository.startsWith('alias:') ? repository.slice(6) : undefined;
  const entry = repos.find((r) => (alias !== undefined ? r.name === alias : sameUrl(r.url, repository)));
  if (!entry && !/^https?:\/\//.test(repository)) fail(`no repository definition for ${repository}. Please add them via 'helm repo add'`);
  const url = entry?.url ?? repository;
  const credentials = entry?.username !== undefined ? { username: entry.username, password: entry.password } : undefined;
  let source = helmRepositoryUrlSource(url, { credentials });
  if (options.skipRefresh && entry) {
    const cached = join(
      options.repositoryCache ?? helmPath('HELM_REPOSITORY_CACHE', join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'helm', 'repository')),
      `${entry.name}-index.yaml`,
    );
    if (existsSync(cached)) source = helmRepositoryUrlSource(`file-cache:${cached}`, { credentials, fetchImpl: cachedIndexFetch(cached, url) });
  }
  const listed = (await source.list()).filter((v) => v.name === name);
  const chosen = choose(listed, version, exact);
  if (!chosen)
    fail(
      `can't get a valid version for 1 subchart(s): "${name}" (repository "${repository}", version "${version}"). Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml`,
    );
  return { version: chosen.version, bytes: (await source.fetch(chosen)).packageBytes };
}

/** --skip-refresh: the index comes from helm's cache; packages still come from the repository's URL. */
function cachedIndexFetch(cached: string, repoUrl: string): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    if (url.startsWith('file-cache:')) return new Response(readFileSync(cached));
    return fetch(new URL(url.replace(/^file-cache:.*\//, ''), repoUrl.replace(/\/?$/, '/')).toString(), init);
  };
}

/** Replaces charts/ packages of these dependencies (helm's safeMoveDeps): older versions of them go, other files stay. */
function placePackages(chartDir: string, fetched: { name: string; version: string; bytes: Uint8Array }[], out: (l: string) => void): void {
  const dest = join(chartDir, 'charts');
  if (existsSync(dest) && !lstatSync(dest).isDirectory()) fail(`"${dest}" is not a directory`);
  mkdirSync(dest, { recursive: true });
  const names = new Set(fetched.map((f) => f.name));
  const keep = new Set(fetched.map((f) => `${f.name}-${f.version}.tgz`));
  for (const file of readdirSync(dest)) {
    if (!file.endsWith('.tgz') || keep.has(file)) continue;
    try {
      if (names.has(readMetadataFromArchive(readChartArchive(readFileSync(join(dest, file)))).name)) rmSync(join(dest, file));
    } catch {
      // not a chart package: helm leaves it too
    }
  }
  for (const f of fetched) writeFileSync(join(dest, `${f.name}-${f.version}.tgz`), f.bytes);
  out('Deleting outdated charts');
}

async function download(chartDir: string, deps: LockedDependency[], exact: boolean, options: DependencyOptions): Promise<LockedDependency[]> {
  const out = options.out ?? (() => undefined);
  const repos = repositories(options);
  const locked: LockedDependency[] = [];
  const fetched: { name: string; version: string; bytes: Uint8Array }[] = [];
  out(`Saving ${deps.length} charts`);
  for (const d of deps) {
    if (d.repository === '') {
      // a chart kept unpacked in charts/<name>: only its version is checked, as helm does
      out(`Dependency ${d.name} did not declare a repository. Assuming it exists in the charts directory`);
      const md = readChartMetadata(parseChartYaml(readFileSync(join(chartDir, 'charts', d.name, 'Chart.yaml'), 'utf8'), 'Chart.yaml'));
      if (!parseConstraint(d.version)?.check(md.version)) fail(`dependency ${d.name} at version ${md.version} does not satisfy the constraint ${d.version}`);
      locked.push(d);
      continue;
    }
    out(`Downloading ${d.name} from repo ${d.repository}`);
    const f = await fetchDependency(d, exact, chartDir, repos, options);
    locked.push({ name: d.name, repository: d.repository, version: f.version });
    fetched.push({ name: d.name, version: f.version, bytes: f.bytes });
  }
  placePackages(chartDir, fetched, out);
  return locked;
}

/** Resolves `@name` and `alias:name` to the repository's URL before hashing, as helm's resolveRepoNames does. */
function requirements(md: ChartMetadata, options: DependencyOptions): ChartDependency[] {
  const repos = repositories(options);
  return md.dependencies.map((d) => {
    const r = d.repository ?? '';
    const alias = r.startsWith('@') ? r.slice(1) : r.startsWith('alias:') ? r.slice(6) : undefined;
    const entry = alias !== undefined ? repos.find((x) => x.name === alias) : undefined;
    if (alias !== undefined && !entry) fail(`no repository definition for ${r}. Please add them via 'helm repo add'`);
    return entry ? { ...d, repository: entry.url } : d;
  });
}

/** `helm dependency update`: resolves every dependency to a version, downloads it into charts/ and writes the lock. */
export async function updateDependencies(chartDir: string, options: DependencyOptions): Promise<ChartLock | undefined> {
  const { md, lockFile, lock: old } = readChartDir(chartDir);
  if (md.dependencies.length === 0) return undefined;
  const req = requirements(md, options);
  for (const d of req) if (!parseConstraint(d.version)) fail(`dependency "${d.name}" has an invalid version/constraint format`);
  const locked = await download(
    chartDir,
    req.map((d) => ({ name: d.name, repository: d.repository ?? '', version: d.version })),
    false,
    options,
  );
  const lock: ChartLock = { generated: goTime(options.now ?? new Date()), digest: hashReq(req, locked), dependencies: locked };
  // an unchanged lock is not rewritten, so its `generated` time stays (helm's Update)
  if (old?.digest !== lock.digest) writeFileSync(lockFile, serializeLock(lock));
  return old?.digest === lock.digest ? old : lock;
}

/** `helm dependency build`: fetches exactly what the lock names; without a lock it is an update. */
export async function buildDependencies(chartDir: string, options: DependencyOptions): Promise<ChartLock | undefined> {
  const { md, lock } = readChartDir(chartDir);
  if (!lock) return updateDependencies(chartDir, options);
  const req = requirements(md, options);
  if (hashReq(req, lock.dependencies) !== lock.digest) {
    fail(
      md.apiVersion === 'v1'
        ? 'the lock file (requirements.lock) is out of sync with the dependencies file (requirements.yaml). Please update the dependencies'
        : 'the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies',
    );
  }
  await download(chartDir, lock.dependencies, true, options);
  return lock;
}

export interface DependencyStatus {
  name: string;
  version: string;
  repository: string;
  status: string;
}

function archiveStatus(file: string, dep: ChartDependency): string {
  let md: ChartMetadata;
  try {
    md = readMetadataFromArchive(readChartArchive(readFileSync(file)));
  } catch {
    return 'corrupt';
  }
  if (md.name !== dep.name) return 'misnamed';
  if (md.version !== dep.version) {
    const c = parseConstraint(dep.version);
    if (!c || !parseVersion(md.version)) return 'invalid version';
    if (!c.check(md.version)) return 'wrong version';
  }
  return 'ok';
}

/** helm's dependencyStatus: the package in charts/ (ok, wrong version, misnamed, corrupt), an unpacked folder, or missing. */
function status(chartDir: string, dep: ChartDependency): string {
  const charts = join(chartDir, 'charts');
  const files = existsSync(charts) ? readdirSync(charts) : [];
  const archives = files.filter((f) => f.startsWith(`${dep.name}-`) && f.endsWith('.tgz'));
  const strict = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
  if (archives.length === 1) return archiveStatus(join(charts, archives[0]), dep);
  if (archives.length > 1) {
    const found = archives.filter((a) => strict.test(a.slice(dep.name.length + 1, -4)));
    if (found.length === 1) return archiveStatus(join(charts, found[0]), dep);
    if (found.length > 1) return 'too many matches';
  }
  const dir = files
    .map((f) => join(charts, f))
    .find((f) => {
      try {
        return statSync(f).isDirectory() && readChartMetadata(parseChartYaml(readFileSync(join(f, 'Chart.yaml'), 'utf8'), 'Chart.yaml')).name === dep.name;
      } catch {
        return false;
      }
    });
  if (!dir) return 'missing';
  const md = readChartMetadata(parseChartYaml(readFileSync(join(dir, 'Chart.yaml'), 'utf8'), 'Chart.yaml'));
  if (md.version !== dep.version) {
    const c = parseConstraint(dep.version);
    if (!c || !parseVersion(md.version)) return 'invalid version';
    if (!c.check(md.version)) return 'wrong version';
  }
  return 'unpacked';
}

/** `helm dependency list`: each dependency with its status, and what charts/ holds that Chart.yaml does not name. */
export function listDependencies(chartDir: string): { dependencies: DependencyStatus[]; warnings: string[]; output: string } {
  const { md } = readChartDir(chartDir);
  if (md.dependencies.length === 0) return { dependencies: [], warnings: [], output: `WARNING: no dependencies at ${join(chartDir, 'charts')}\n` };
  const dependencies = md.dependencies.map((d) => ({ name: d.name, version: d.version, repository: d.repository ?? '', status: status(chartDir, d) }));
  const warnings: string[] = [];
  const charts = join(chartDir, 'charts');
  for (const f of existsSync(charts) ? readdirSync(charts).sort() : []) {
    const full = join(charts, f);
    if (!statSync(full).isDirectory() && !f.endsWith('.tgz')) continue;
    let name: string;
    try {
      name = statSync(full).isDirectory()
        ? readChartMetadata(parseChartYaml(readFileSync(join(full, 'Chart.yaml'), 'utf8'), 'Chart.yaml')).name
        : readMetadataFromArchive(readChartArchive(readFileSync(full))).name;
    } catch {
      warnings.push(`WARNING: "${full}" is not a chart.`);
      continue;
    }
    if (!md.dependencies.some((d) => d.name === name)) warnings.push(`WARNING: "${full}" is not in Chart.yaml.`);
  }
  // gosuri/uitable: every cell padded to its column's width, cells joined by a tab
  const rows = [['NAME', 'VERSION', 'REPOSITORY', 'STATUS'], ...dependencies.map((d) => [d.name, d.version, d.repository, d.status])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const table = rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('\t')).join('\n');
  return { dependencies, warnings, output: `${table}\n\n${warnings.map((w) => `${w}\n`).join('')}` };
}

/** Packages a chart folder through a private temp folder (the engine writes `<name>-<version>.tgz`). */
export async function packageWith(pack: (dir: string, dest: string) => Promise<string>, dir: string): Promise<Uint8Array> {
  const dest = mkdtempSync(join(tmpdir(), 'berth-dep-'));
  try {
    return readFileSync(await pack(dir, dest));
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
}
