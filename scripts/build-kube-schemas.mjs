// Builds the Kubernetes API schemas `berth validate` checks manifests against, offline:
//   dist/kube-schemas/1.<minor>.json.gz   for every minor in KUBE_MINORS
// Each comes from api/openapi-spec/swagger.json of the k8s.io/kubernetes Go module at v1.<minor>.0,
// fetched once through the Go module proxy (about 13-20 MB per version, 1 s each on a good link)
// and cached outside the repo ($XDG_CACHE_HOME/berth-kube-openapi, like test/services/ensure.sh);
// pruned to what validation reads (types, properties, items, required; no descriptions) and gzipped.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, inflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'kube-schemas');
const cache = process.env.BERTH_KUBE_OPENAPI_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'berth-kube-openapi');
const proxy = (process.env.GOPROXY ?? 'https://proxy.golang.org').split(',').find((p) => p.startsWith('http')) ?? 'https://proxy.golang.org';

/** 1.22 (the first without the old beta APIs) through the harness's 1.36. */
export const KUBE_MINORS = Array.from({ length: 15 }, (_, i) => 22 + i);
/** Bump to rebuild every schema when the pruning changes. */
const FORMAT = 1;

/** One file from a zip archive (the module zip has no data descriptors we need; we read the central directory). */
function unzipOne(zip, suffix) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (name.endsWith(suffix)) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${suffix} is not in the archive`);
}

async function swagger(minor) {
  const version = `v1.${minor}.0`;
  const cached = join(cache, `kubernetes-${version}-swagger.json`);
  if (!existsSync(cached)) {
    mkdirSync(cache, { recursive: true });
    const url = `${proxy}/k8s.io/kubernetes/@v/${version}.zip`;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`fetching ${url}: HTTP ${res.status}`);
    const zip = Buffer.from(await res.arrayBuffer());
    writeFileSync(`${cached}.tmp`, unzipOne(zip, '/api/openapi-spec/swagger.json'));
    renameSync(`${cached}.tmp`, cached);
  }
  return JSON.parse(readFileSync(cached, 'utf8'));
}

const KEEP = ['type', 'format', 'required', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string'];

function prune(node) {
  if (!node || typeof node !== 'object') return node;
  const out = {};
  if (typeof node.$ref === 'string') out.$ref = node.$ref.replace('#/definitions/', '');
  for (const k of KEEP) if (node[k] !== undefined) out[k] = node[k];
  if (node.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, prune(v)]));
  if (node.items) out.items = prune(node.items);
  if (node.additionalProperties !== undefined)
    out.additionalProperties = typeof node.additionalProperties === 'object' ? prune(node.additionalProperties) : node.additionalProperties;
  if (Array.isArray(node.allOf) && node.allOf.length === 1) Object.assign(out, prune(node.allOf[0]));
  return out;
}

/** { kinds: { "group/version/Kind": definition }, definitions: { name: pruned } } */
function compact(spec) {
  const kinds = {};
  const definitions = {};
  for (const [name, def] of Object.entries(spec.definitions ?? {})) {
    definitions[name] = prune(def);
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      // Every type lists the watch/list envelopes too; only real kinds have apiVersion and kind of their own.
      if (gvk.kind === 'WatchEvent' || gvk.kind === 'DeleteOptions' || gvk.kind.endsWith('List') !== name.endsWith('List')) continue;
      kinds[`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`] = name;
    }
  }
  return { kinds, definitions };
}

export async function buildKubeSchemas({ ifNeeded = false } = {}) {
  mkdirSync(outDir, { recursive: true });
  const stamp = join(outDir, 'stamp');
  const want = createHash('sha256')
    .update(JSON.stringify({ FORMAT, KUBE_MINORS, source: readFileSync(fileURLToPath(import.meta.url)) }))
    .digest('hex');
  if (ifNeeded && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  await Promise.all(
    KUBE_MINORS.map(async (minor) => {
      const data = compact(await swagger(minor));
      writeFileSync(join(outDir, `1.${minor}.json.gz`), gzipSync(JSON.stringify(data), { level: 9 }));
    }),
  );
  writeFileSync(stamp, want);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = Date.now();
  await buildKubeSchemas({ ifNeeded: process.argv.includes('--if-needed') });
  console.log(`built kube-schemas in ${((Date.now() - t) / 1000).toFixed(1)}s`);
}
