// Distribution at scale, against the real S3 server (versitygw) on loopback:
//   1. incremental sync of 100 new events from an S3 catalog store holding 500,000 events
//      (push by one machine, cursor pull by another; baseline: a cold pull of everything);
//   2. publish of 1,000 released versions to a Helm repository folder (baseline: `helm repo index`
//      on the same packages), then a republish where nothing changed.
//   node --import tsx bench/distribution.mjs [--events N] [--versions N]   (npm run bench -- distribution)
// Goal: incremental sync < 1 s. The seeded bucket is kept in the services cache for later runs.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { writeTarGz } from '../src-main/bundle/tar-writer.ts';
import { nextHlc } from '../src-main/catalog/hlc.ts';
import { publicKeyHex, signBody } from '../src-main/catalog/signing.ts';
import { publishHelmRepository } from '../src-main/publish/helm-repo-folder.ts';
import { S3Store } from '../src-main/sync/s3-store.ts';
import { helmBinary } from '../test/services/helm.ts';
import { servicesCache } from '../test/services/process.ts';
import { startS3Server } from '../test/services/s3-server.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 500_000);
const VERSIONS = arg('versions', 1000);
const ms = (t0) => Number((performance.now() - t0).toFixed(1));
const results = [];
const CATALOG = 'b'.repeat(64);

function author() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { key: privateKey, id: publicKeyHex(publicKey), hlc: undefined };
}
function events(who, n, tag) {
  const out = [];
  for (let i = 0; i < n; i++) {
    who.hlc = nextHlc(who.hlc);
    out.push(
      signBody(
        {
          v: 1,
          catalog: CATALOG,
          type: 'category.create',
          author: who.id,
          hlc: who.hlc,
          prev: {},
          data: { category: `${tag}-${i}`, name: `${tag} ${i}`, description: 'a category made to fill the bench catalog' },
        },
        who.key,
      ),
    );
  }
  return out;
}

// ── 1. S3 incremental sync ──────────────────────────────────────────────────
const root = join(servicesCache(), `bench-s3-${EVENTS}`);
const seeded = existsSync(join(root, 'seeded'));
mkdirSync(root, { recursive: true });
const server = await startS3Server({ root });
const location = { kind: 's3', bucket: 'bench-catalog', prefix: 'acme/', endpoint: server.endpoint, region: server.region };
const access = { credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey } };
try {
  if (!seeded) {
    const admin = new S3Client({ endpoint: server.endpoint, region: server.region, forcePathStyle: true, credentials: access.credentials });
    await admin.send(new CreateBucketCommand({ Bucket: location.bucket })).catch(() => undefined);
    admin.destroy();
    const t0 = performance.now();
    const store = new S3Store(location, access);
    const seeder = author();
    for (let done = 0; done < EVENTS; done += 10_000) await store.putEvents(events(seeder, Math.min(10_000, EVENTS - done), `seed${done}`));
    await store.close();
    writeFileSync(join(root, 'seeded'), new Date().toISOString());
    results.push(['seed the store (once, kept for later runs)', `${EVENTS} events`, `${ms(t0)} ms`]);
  }
  // the reviewer's machine has everything up to now: a cold pull gives it the cursor (baseline)
  const known = new Set();
  let t0 = performance.now();
  const cold = await new S3Store(location, access).pull({ isKnown: (id) => known.has(id) });
  for (const e of cold.events) known.add(e.id);
  results.push(['baseline: cold pull of the whole store', `${cold.events.length} events`, `${ms(t0)} ms`]);

  const isv = author();
  const fresh = events(isv, 100, `new${Date.now()}`);
  t0 = performance.now();
  const pusher = new S3Store(location, access);
  await pusher.putEvents(fresh);
  await pusher.close();
  const push = ms(t0);
  t0 = performance.now();
  const puller = new S3Store(location, access);
  const inc = await puller.pull({ cursor: cold.cursor, isKnown: (id) => known.has(id) });
  await puller.close();
  const pull = ms(t0);
  if (inc.events.length !== 100) throw new Error(`incremental pull returned ${inc.events.length} events, expected 100`);
  results.push(['incremental sync: push 100 new events', '100 events', `${push} ms`]);
  results.push(['incremental sync: pull them with the cursor', `${inc.events.length} events`, `${pull} ms`]);
  results.push(['incremental sync total (goal < 1000 ms)', '', `${(push + pull).toFixed(1)} ms ${push + pull < 1000 ? '✓' : '✗'}`]);
} finally {
  await server.stop();
}

// ── 2. publish 1,000 versions to a Helm repository folder ───────────────────
function chartPackage(version) {
  const enc = (s) => new TextEncoder().encode(s);
  return writeTarGz(
    [
      {
        name: 'bench/Chart.yaml',
        data: enc(
          `apiVersion: v2\nname: bench\nversion: ${version}\nappVersion: "1.0"\ndescription: A chart for the publish bench\nkeywords: [bench]\nmaintainers:\n  - name: Berth\n    email: dev@berth.local\n`,
        ),
      },
      { name: 'bench/values.yaml', data: enc(`image:\n  repository: nginx\n  tag: "${version}"\nreplicas: 1\n`) },
      {
        name: 'bench/templates/deployment.yaml',
        data: enc('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n'),
      },
    ],
    Date.UTC(2024, 0, 1),
  );
}
const packages = [];
for (let i = 0; i < VERSIONS; i++) {
  const version = `${Math.floor(i / 100)}.${Math.floor(i / 10) % 10}.${i % 10}`;
  packages.push({ name: 'bench', version, bytes: chartPackage(version) });
}
const work = mkdtempSync(join(tmpdir(), 'berth-bench-publish-'));
try {
  const folder = join(work, 'repo');
  let t0 = performance.now();
  publishHelmRepository(folder, packages, { baseUrl: 'https://charts.example.com/' });
  results.push([`publish ${VERSIONS} versions to a Helm repository folder`, `${VERSIONS} versions`, `${ms(t0)} ms`]);
  t0 = performance.now();
  publishHelmRepository(folder, packages, { baseUrl: 'https://charts.example.com/' });
  results.push(['republish, nothing changed', `${VERSIONS} versions`, `${ms(t0)} ms`]);
  const helmDir = join(work, 'helm');
  mkdirSync(helmDir);
  for (const p of packages) writeFileSync(join(helmDir, `${p.name}-${p.version}.tgz`), p.bytes);
  t0 = performance.now();
  execFileSync(helmBinary(), ['repo', 'index', helmDir, '--url', 'https://charts.example.com/'], {
    env: { ...process.env, HELM_CACHE_HOME: join(work, 'hc'), HELM_CONFIG_HOME: join(work, 'hcfg'), HELM_DATA_HOME: join(work, 'hd') },
  });
  results.push([`baseline: helm repo index on the same ${VERSIONS} packages`, `${VERSIONS} versions`, `${ms(t0)} ms`]);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const w = Math.max(...results.map((r) => r[0].length));
console.log(results.map((r) => `${r[0].padEnd(w)}  ${r[1].padStart(16)}  ${r[2].padStart(12)}`).join('\n'));
