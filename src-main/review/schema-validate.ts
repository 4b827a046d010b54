/**
 * Offline schema validation of rendered manifests, per Kubernetes minor version (1.22 … 1.36):
 * each object against the OpenAPI schema of its kind in that version's own API (built from
 * k8s.io/kubernetes api/openapi-spec, scripts/build-kube-schemas.mjs), or against the
 * openAPIV3Schema of a CRD the chart ships. An apiVersion/kind the version does not serve and no
 * chart CRD defines is reported, never passed. `strict` also reports fields the schema does not
 * know (`spec.replica`), as the API server's strict field validation does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { BerthFailure } from '../../shared/result';
import type { ValueSources } from '../../shared/types/chart';
import { findApiChange, kubeMinor } from '../chart/kube-apis';
import type { HelmEngine } from '../render/engine';
import { renderChart } from '../render/render';

export const KUBE_SCHEMA_MINORS = Array.from({ length: 15 }, (_, i) => 22 + i);
export const NEWEST_KUBE_SCHEMA = `1.${KUBE_SCHEMA_MINORS[KUBE_SCHEMA_MINORS.length - 1]}`;

/** Stable ids: tests, the report and translations key on them. */
export type SchemaFindingId = 'schema.invalid' | 'schema.unknown-field' | 'schema.api-not-served' | 'schema.unknown-kind';

export interface SchemaFinding {
  id: SchemaFindingId;
  file: string;
  /** `Kind/name`. */
  object: string;
  apiVersion: string;
  kind: string;
  /** Field path inside the object (`spec.template.spec.containers[0].image`); empty for the object itself. */
  path: string;
  kubeVersion: string;
  message: string;
  /** For api-not-served: the apiVersion the removed-API quick fix moves it to. */
  replacement?: string;
}

interface SchemaNode {
  $ref?: string;
  type?: string;
  format?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
}

interface KubeSchema {
  kinds: Record<string, string>;
  definitions: Record<string, SchemaNode>;
}

export interface ManifestDoc {
  /** The template it came from (`# Source:`) or CRD file. */
  file: string;
  content: string;
}

function schemasDir(): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.BERTH_KUBE_SCHEMAS,
    resources && join(resources, 'kube-schemas'),
    join(__dirname, '..', 'kube-schemas'),
    join(__dirname, '..', '..', 'dist', 'kube-schemas'),
    join(process.cwd(), 'dist', 'kube-schemas'),
  ].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(join(d, `${NEWEST_KUBE_SCHEMA}.json.gz`)));
  if (!found) throw new BerthFailure('internal', 'Berth\'s Kubernetes schemas are not built. Run "node scripts/build.mjs kube-schemas".');
  return found;
}

const loaded = new Map<string, KubeSchema>();

/** The schema of a Kubernetes minor version ("1.29" or "v1.29.3"). */
export function kubeSchema(kubeVersion: string): { minor: string; schema: KubeSchema } {
  const n = kubeMinor(kubeVersion);
  if (n === undefined || !KUBE_SCHEMA_MINORS.includes(n)) {
    throw new BerthFailure(
      'input.invalid',
      `Berth has the schemas of Kubernetes 1.${KUBE_SCHEMA_MINORS[0]} to ${NEWEST_KUBE_SCHEMA}; "${kubeVersion}" is not among them.`,
    );
  }
  const minor = `1.${n}`;
  let schema = loaded.get(minor);
  if (!schema) {
    schema = JSON.parse(gunzipSync(readFileSync(join(schemasDir(), `${minor}.json.gz`))).toString('utf8')) as KubeSchema;
    loaded.set(minor, schema);
  }
  return { minor, schema };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isMap(v: unknown): v is Record<string, Json> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function fieldPath(base: string, key: string | number): string {
  return typeof key === 'number' ? `${base}[${key}]` : base ? `${base}.${key}` : key;
}

/** Kubernetes types whose JSON form is looser than their OpenAPI type says. */
const LOOSE: Record<string, (v: Json) => boolean> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': (v) => typeof v === 'string' || typeof v === 'number',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': (v) => typeof v === 'string' || Number.isInteger(v),
};

function typeOf(v: Json): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}

interface Walk {
  definitions: Record<string, SchemaNode>;
  strict: boolean;
  out: { id: SchemaFindingId; path: string; message: string }[];
}

function check(value: Json, node: SchemaNode | undefined, path: string, w: Walk, depth = 0): void {
  if (!node || value === null || depth > 64) return;
  if (node.$ref) {
    const loose = LOOSE[node.$ref];
    if (loose) {
      if (!loose(value))
        w.out.push({
          id: 'schema.invalid',
          path,
          message: `${path} must be ${node.$ref.endsWith('Quantity') ? 'a quantity (string or number)' : 'an integer or a string'}, not ${typeOf(value)}`,
        });
      return;
    }
    check(value, w.definitions[node.$ref], path, w, depth + 1);
    return;
  }
  if (node['x-kubernetes-int-or-string'] || node.format === 'int-or-string') {
    if (typeof value !== 'string' && !Number.isInteger(value))
      w.out.push({ id: 'schema.invalid', path, message: `${path} must be an integer or a string, not ${typeOf(value)}` });
    return;
  }
  const type = node.type ?? (node.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      if (!isMap(value)) {
        w.out.push({ id: 'schema.invalid', path, message: `${path || 'the object'} must be an object, not ${typeOf(value)}` });
        return;
      }
      for (const r of node.required ?? []) {
        if (value[r] === undefined || value[r] === null)
          w.out.push({ id: 'schema.invalid', path: fieldPath(path, r), message: `${fieldPath(path, r)} is required` });
      }
      for (const [k, v] of Object.entries(value)) {
        const p = fieldPath(path, k);
        const prop = node.properties?.[k];
        if (prop) check(v, prop, p, w, depth + 1);
        else if (isMap(node.additionalProperties)) check(v, node.additionalProperties, p, w, depth + 1);
        else if (node.additionalProperties === true || node['x-kubernetes-preserve-unknown-fields'] || !node.properties) continue;
        else if (w.strict) w.out.push({ id: 'schema.unknown-field', path: p, message: `${p} is not a field of this object` });
      }
      return;
    }
    case 'array':
      if (!Array.isArray(value)) w.out.push({ id: 'schema.invalid', path, message: `${path} must be an array, not ${typeOf(value)}` });
      else value.forEach((v, i) => check(v, node.items, fieldPath(path, i), w, depth + 1));
      return;
    case 'string':
      if (typeof value !== 'string')
        w.out.push({
          id: 'schema.invalid',
          path,
          message: `${path} must be a string, not ${typeOf(value)}${typeof value !== 'object' ? ` (${JSON.stringify(value)})` : ''}`,
        });
      return;
    case 'integer':
      if (!Number.isInteger(value))
        w.out.push({
          id: 'schema.invalid',
          path,
          message: `${path} must be an integer, not ${typeOf(value)}${typeof value !== 'object' ? ` (${JSON.stringify(value)})` : ''}`,
        });
      return;
    case 'number':
      if (typeof value !== 'number') w.out.push({ id: 'schema.invalid', path, message: `${path} must be a number, not ${typeOf(value)}` });
      return;
    case 'boolean':
      if (typeof value !== 'boolean')
        w.out.push({
          id: 'schema.invalid',
          path,
          message: `${path} must be true or false, not ${typeOf(value)}${typeof value !== 'object' ? ` (${JSON.stringify(value)})` : ''}`,
        });
      return;
  }
}

interface CrdVersion {
  schema?: SchemaNode;
}

/** `group/version/Kind` → schema, from every CustomResourceDefinition among the documents. */
function crdSchemas(objects: { object: Record<string, Json> }[]): Map<string, CrdVersion> {
  const out = new Map<string, CrdVersion>();
  for (const { object } of objects) {
    if (object.kind !== 'CustomResourceDefinition' || !isMap(object.spec)) continue;
    const spec = object.spec;
    const group = String(spec.group ?? '');
    const kind = isMap(spec.names) ? String(spec.names.kind ?? '') : '';
    const legacy = isMap(spec.validation) ? (spec.validation.openAPIV3Schema as SchemaNode | undefined) : undefined;
    const versions = Array.isArray(spec.versions) ? spec.versions.filter(isMap) : [];
    if (versions.length === 0 && typeof spec.version === 'string') out.set(`${group}/${spec.version}/${kind}`, { schema: legacy });
    for (const v of versions) {
      const schema = isMap(v.schema) ? (v.schema.openAPIV3Schema as SchemaNode | undefined) : legacy;
      out.set(`${group}/${String(v.name)}/${kind}`, { schema });
    }
  }
  return out;
}

function parseDocs(docs: ManifestDoc[]): { file: string; object: Record<string, Json> }[] {
  const out: { file: string; object: Record<string, Json> }[] = [];
  for (const d of docs) {
    // one document per manifest as Helm splits them; yaml's parse is much faster than parseAllDocuments
    for (const text of d.content.split(/^---\s*$/m)) {
      const o = parse(text, { maxAliasCount: 1000 }) as unknown;
      if (isMap(o)) out.push({ file: d.file, object: o });
    }
  }
  return out;
}

/**
 * The same as parseDocs, decoded by the engine as Kubernetes decodes manifests (sigs.k8s.io/yaml),
 * several times faster than here; a document the engine cannot decode (or an engine without the
 * operation) is parsed here, so errors read the same.
 */
async function decodeDocs(docs: ManifestDoc[], engine: HelmEngine): Promise<{ file: string; object: Record<string, Json> }[]> {
  const split = docs.flatMap((d) => d.content.split(/^---\s*$/m).map((text) => ({ file: d.file, text })));
  const reply = await engine.call('yamljson', { docs: split.map((d) => d.text) }).catch(() => undefined);
  if (!reply || reply.error !== undefined) return parseDocs(docs);
  const decoded = JSON.parse(new TextDecoder().decode(reply.stdout)) as { object?: Json; error?: string }[];
  const out: { file: string; object: Record<string, Json> }[] = [];
  split.forEach((d, i) => {
    const o = decoded[i] && decoded[i].error === undefined ? decoded[i].object : (parse(d.text, { maxAliasCount: 1000 }) as unknown);
    if (isMap(o)) out.push({ file: d.file, object: o });
  });
  return out;
}

/**
 * Validates the rendered manifests (and the chart's CRDs, whose kinds they may use) against
 * one Kubernetes version.
 */
export function validateManifests(
  manifests: ManifestDoc[] | { file: string; object: Record<string, Json> }[],
  crds: ManifestDoc[] | Record<string, Json>[],
  options: { kubeVersion?: string; strict?: boolean } = {},
): SchemaFinding[] {
  const { minor, schema } = kubeSchema(options.kubeVersion ?? NEWEST_KUBE_SCHEMA);
  const objects = manifests.map((m) => ('object' in m ? [m] : parseDocs([m]))).flat();
  const crdObjects = crds
    .map((c) => (typeof c.content === 'string' && typeof c.file === 'string' ? parseDocs([c as ManifestDoc]) : [{ object: c as Record<string, Json> }]))
    .flat();
  const custom = crdSchemas([...crdObjects, ...objects]);
  const findings: SchemaFinding[] = [];
  for (const { file, object } of objects) {
    const apiVersion = String(object.apiVersion ?? '');
    const kind = String(object.kind ?? '');
    const name = isMap(object.metadata) ? String(object.metadata.name ?? '?') : '?';
    const base = { file, object: `${kind || '?'}/${name}`, apiVersion, kind, kubeVersion: minor };
    const key = `${apiVersion}/${kind}`;
    const definition = schema.kinds[key];
    const crd = custom.get(apiVersion.includes('/') ? key : `/${key}`);
    const w: Walk = { definitions: schema.definitions, strict: options.strict === true, out: [] };
    if (definition) {
      check(object, { $ref: definition }, '', w);
    } else if (crd) {
      const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = object;
      if (crd.schema)
        check(rest, { ...crd.schema, required: (crd.schema.required ?? []).filter((r) => !['apiVersion', 'kind', 'metadata'].includes(r)) }, '', w);
    } else {
      const change = findApiChange(apiVersion, kind);
      const served = Object.keys(schema.kinds).some((k) => k.endsWith(`/${kind}`));
      if (change || served) {
        findings.push({
          ...base,
          id: 'schema.api-not-served',
          path: '',
          ...(change?.replacement ? { replacement: change.replacement } : {}),
          message: `${apiVersion} ${kind} is not served by Kubernetes ${minor}${change?.replacement ? `; use ${change.replacement} (the removed-API quick fix, berth migrate-apis, rewrites it)` : ''}.`,
        });
      } else {
        findings.push({
          ...base,
          id: 'schema.unknown-kind',
          path: '',
          message: `${apiVersion} ${kind} is neither a Kubernetes ${minor} kind nor defined by a CRD the chart ships, so it cannot be validated.`,
        });
      }
      continue;
    }
    for (const f of w.out) findings.push({ ...base, id: f.id, path: f.path, message: f.message });
  }
  return findings;
}

/** One line per finding: `file: Kind/name: message (Kubernetes 1.xx)`. */
export function findingLine(f: SchemaFinding): string {
  const where = f.path && !f.message.startsWith(f.path) ? `${f.path}: ` : '';
  const version = f.message.includes(`Kubernetes ${f.kubeVersion}`) ? '' : ` (Kubernetes ${f.kubeVersion})`;
  return `${f.file}: ${f.object}: ${where}${f.message}${version} [${f.id}]`;
}

export interface ChartValidation {
  kubeVersion: string;
  objects: number;
  findings: SchemaFinding[];
}

/** Renders the chart for the version (as `helm template --kube-version` would) and validates what it renders. */
export async function validateChart(
  chart: { path: string } | { archive: Uint8Array },
  options: ValueSources & { kubeVersion?: string; strict?: boolean; releaseName?: string; namespace?: string } = {},
  engine: HelmEngine,
): Promise<ChartValidation> {
  const { minor } = kubeSchema(options.kubeVersion ?? NEWEST_KUBE_SCHEMA);
  const { kubeVersion: _k, strict: _s, ...render } = options;
  // the render and the chart's CRDs are independent engine calls: two engine processes answer them at once
  const [rendered, crdReply] = await Promise.all([
    renderChart(chart, { ...render, kubeVersion: `${minor}.0` }, engine),
    engine.call('crdschemas', { chart: 'path' in chart ? chart.path : '' }, 'archive' in chart ? chart.archive : undefined),
  ]);
  if (crdReply.error !== undefined) throw new BerthFailure('chart.invalid', crdReply.error);
  const crds = JSON.parse(new TextDecoder().decode(crdReply.stdout)) as Record<string, Json>[];
  const objects = await decodeDocs(
    rendered.manifests.map((m) => ({ file: m.source, content: m.content })),
    engine,
  );
  const findings = validateManifests(objects, crds, { kubeVersion: minor, strict: options.strict });
  return { kubeVersion: minor, objects: objects.length, findings };
}
