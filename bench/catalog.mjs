// Catalog at scale: a synthetic catalog of 10,000 apps, 50,000 versions and 500,000 signed
// events (three keys), then: full rebuild of the local view, first and incremental sync from a
// folder store, store listing and search, the review queue, memory.
//   node --import tsx bench/catalog.mjs [--events N] [--node-verify] [--rebuild-only]     (npm run bench -- catalog)
//   --node-verify: a first sight verifies with Node only, not with the engine (to compare)
//   --rebuild-only: generate, then the two rebuilds only (no folder store, syncs or queries)
// Goals: incremental sync < 1 s, listing and search < 50 ms, rebuild < 60 s.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, writeSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { EVENT_FORMAT } from '../src-main/catalog/event-types.ts';
import { formatHlc } from '../src-main/catalog/hlc.ts';
import { publicKeyHex, signBody } from '../src-main/catalog/signing.ts';
import { createCatalogServices } from '../src-main/catalog/catalog-services.ts';
import { engineSidecarCommand } from '../src-main/render/engine.ts';
import { SyncService } from '../src-main/sync/sync-service.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TOTAL = arg('events', 500_000);
const APPS = arg('apps', 10_000);
const VERSIONS_PER_APP = 5;
const WORKSPACES = 10;
const CATEGORIES = 20;
console.log(
  `Catalog at scale (${APPS.toLocaleString('en')} apps, ${(APPS * VERSIONS_PER_APP).toLocaleString('en')} versions, ${TOTAL.toLocaleString('en')} events)`,
);
console.log(`${''.padEnd(64)}  ${'wall'.padStart(13)}  ${'cpu (all threads)'.padStart(12)}`);
const work = mkdtempSync(join(tmpdir(), 'berth-bench-catalog-'));
const shared = join(work, 'shared');
const dataDir = join(work, 'reviewer');
const results = [];
// each figure is printed as soon as it is measured: a slow machine still shows progress
const record = (row) => {
  results.push(row);
  const [label, detail, t, c] = row;
  console.log(`${label.padEnd(64)}  ${String(t).padStart(10)} ms  ${c === '' ? ''.padStart(12) : `${String(c).padStart(9)} ms`}  ${detail}`);
};
const ms = (t0) => Number((performance.now() - t0).toFixed(1));
// CPU time of the whole process (all threads) and of the engine processes it started and saw
// end (Linux: /proc/self/stat cutime + cstime): wall time alone misleads on a busy machine
const childrenMs = () => {
  if (process.platform !== 'linux') return 0;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10; // clock ticks of 10 ms
};
let cpu0 = process.cpuUsage();
let children0 = childrenMs();
const cpuMark = () => {
  cpu0 = process.cpuUsage();
  children0 = childrenMs();
};
const cpu = () => {
  const d = process.cpuUsage(cpu0);
  return Math.round((d.user + d.system) / 1000) + childrenMs() - children0;
};
const mb = (n) => `${Math.round(n / 1024 / 1024)} MiB`;
// CPU_PROFILE=<dir>: a V8 CPU profile of each sync step (open it in Chrome DevTools)
const profiled = async (name, fn) => {
  if (!process.env.CPU_PROFILE) return fn();
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(process.env.CPU_PROFILE, { recursive: true });
    writeFileSync(join(process.env.CPU_PROFILE, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
};

function person() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, key: publicKeyHex(publicKey), pem: privateKey.export({ format: 'pem', type: 'pkcs8' }) };
}
const admin = person();
const reviewer = person();
const isv = person();

// ── generate ────────────────────────────────────────────────────────────────
const DAY = 86_400_000;
const start = Date.now() - 365 * DAY;
// the last app may overshoot TOTAL by a few dozen events: leave room so that none is stamped in
// the future (an incremental sync's events, stamped now, would sort before it and replay everything)
const step = Math.floor((365 * DAY) / (TOTAL + 1000));
let n = 0;
let catalog = '';
const heads = new Map();
const events = [];
const pkg = { sha256: 'a'.repeat(64), size: 2511, mediaType: 'application/gzip' };
const icon = { sha256: 'b'.repeat(64), size: 17061, mediaType: 'image/png' };
const shot = { sha256: 'c'.repeat(64), size: 384337, mediaType: 'image/png' };

function emit(by, type, data, chains = []) {
  const prev = {};
  for (const c of chains) prev[c] = heads.get(c) ?? null;
  const body = { v: EVENT_FORMAT, catalog, type, author: by.key, hlc: formatHlc({ wall: start + n * step, counter: 0 }), prev, data };
  const e = signBody(body, by.privateKey);
  n++;
  for (const c of chains) heads.set(c, e.id);
  events.push(e);
  return e;
}

let t0 = performance.now();
cpuMark();
cpuMark();
catalog = emit(admin, 'catalog.genesis', { name: 'Bench', nonce: 'bench', displayName: 'Admin' }).id;
emit(reviewer, 'member.join', { displayName: 'Reviewer' });
emit(isv, 'member.join', { displayName: 'Isv' });
emit(admin, 'member.grant', { member: reviewer.key, role: 'reviewer' });
for (let w = 0; w < WORKSPACES; w++) {
  emit(admin, 'workspace.create', { workspace: `w${w}`, name: `workspace-${w}`, description: '' });
  emit(admin, 'workspace.addMember', { workspace: `w${w}`, member: isv.key, role: 'isv' });
}
for (let c = 0; c < CATEGORIES; c++) emit(reviewer, 'category.create', { category: `c${c}`, name: `Category ${c}`, description: '' }, [`category:c${c}`]);

const words = ['mqtt', 'broker', 'database', 'cache', 'queue', 'stream', 'search', 'monitor', 'gateway', 'storage', 'proxy', 'ledger'];
const chartOf = (a, v) => ({
  name: `app-${a}`,
  version: `1.${v}.0`,
  description: `A ${words[a % words.length]} ${words[(a * 7) % words.length]} chart number ${a}`,
  keywords: [`kw${a % 100}`, words[a % words.length]],
  maintainers: [{ name: 'Bench' }],
});
const lifecycle = (by, v, a, i) => {
  const chain = [`version:${v}`];
  emit(by, 'version.submit', { version: v }, chain);
  if (i % 2 === 0) {
    emit(reviewer, 'version.reject', { version: v, reason: 'Please document the values.' }, chain);
    emit(by, 'version.edit', { version: v, changelog: 'documented the values' }, chain);
    emit(by, 'version.submit', { version: v }, chain);
  }
  if ((a * VERSIONS_PER_APP + i) % 50 === 49) return; // left waiting for review (the queue)
  emit(reviewer, 'version.approve', { version: v }, chain);
  emit(by, 'version.release', { version: v }, chain);
  if (i % 3 === 0) {
    emit(reviewer, 'version.suspend', { version: v }, chain);
    emit(reviewer, 'version.recover', { version: v }, chain);
  }
};
let appsMade = 0; // fewer than APPS when --events is small
for (let a = 0; a < APPS && n < TOTAL; a++) {
  appsMade = a + 1;
  const by = a % 2 ? isv : admin;
  const app = `a${a}`;
  emit(
    by,
    'app.create',
    {
      app,
      workspace: `w${a % WORKSPACES}`,
      category: `c${a % CATEGORIES}`,
      version: `v${a}_0`,
      versionName: '1.0.0',
      changelog: '',
      chart: chartOf(a, 0),
      package: pkg,
    },
    [`app:${app}`, `version:v${a}_0`],
  );
  emit(by, 'app.setIcon', { app, icon }, [`app:${app}`]);
  emit(by, 'app.addScreenshot', { app, image: shot }, [`app:${app}`]);
  emit(by, 'app.updateInfo', { app, patch: { introduction: `# app-${a}\n\nBench app.`, home: 'https://example.com' } }, [`app:${app}`]);
  lifecycle(by, `v${a}_0`, a, 0);
  for (let i = 1; i < VERSIONS_PER_APP; i++) {
    emit(by, 'version.add', { app, version: `v${a}_${i}`, versionName: `1.${i}.0`, changelog: `version ${i}`, chart: chartOf(a, i), package: pkg }, [
      `version:v${a}_${i}`,
    ]);
    lifecycle(by, `v${a}_${i}`, a, i);
  }
}
// pad to the exact total with extra (applied) events: category renames by the reviewer
for (let k = 0; n < TOTAL; k++)
  emit(reviewer, 'category.rename', { category: `c${k % CATEGORIES}`, name: `Category ${k % CATEGORIES} r${k}` }, [`category:c${k % CATEGORIES}`]);
record(['generate and sign events', `${events.length.toLocaleString('en')} events`, ms(t0), cpu()]);

// ── write: the reviewer's local log, and the shared folder store ─────────────
t0 = performance.now();
cpuMark();
mkdirSync(join(dataDir, 'catalog'), { recursive: true });
mkdirSync(join(dataDir, 'identity'), { recursive: true });
writeFileSync(join(dataDir, 'identity', 'private-key.pem'), reviewer.pem, { mode: 0o600 });
writeFileSync(
  join(dataDir, 'identity', 'identity.json'),
  JSON.stringify({ keyId: reviewer.key, displayName: 'Reviewer', createdAt: new Date().toISOString() }),
);
writeFileSync(join(dataDir, 'catalog.json'), JSON.stringify({ catalogId: catalog, store: { kind: 'folder', path: shared } }));
const fd = openSync(join(dataDir, 'catalog', 'log.jsonl'), 'w');
let chunk = '';
for (const e of events) {
  chunk += JSON.stringify(e) + '\n';
  if (chunk.length > 8_000_000) {
    writeSync(fd, chunk);
    chunk = '';
  }
}
writeSync(fd, chunk);
closeSync(fd);
record(['write the local log', '', ms(t0), cpu()]);

t0 = performance.now();
cpuMark();
// --rebuild-only: the two rebuilds and nothing else (no folder store, no syncs, no queries)
const rebuildOnly = process.argv.includes('--rebuild-only');
if (!rebuildOnly) {
  mkdirSync(shared, { recursive: true });
  writeFileSync(
    join(shared, 'berth-catalog.json'),
    JSON.stringify({ format: 'berth-catalog', version: 1, catalog, name: 'Bench', createdAt: new Date().toISOString() }),
  );
}
const dayOf = (e) => new Date(Number(e.body.hlc.slice(0, 15))).toISOString().slice(0, 10);
const made = new Set();
for (const e of rebuildOnly ? [] : events) {
  const dir = join(shared, 'events', e.body.author.slice(0, 16), dayOf(e));
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(join(dir, `${e.id}.json`), JSON.stringify(e) + '\n');
}
record(['write the folder store', `${made.size} folders`, ms(t0), cpu()]);
events.length = 0;

// ── rebuild ─────────────────────────────────────────────────────────────────
// as services.ts wires it: large signature batches checked by engine processes (--node-verify: Node only)
const nativeReports = [];
const nativeVerifier = process.argv.includes('--node-verify')
  ? undefined
  : { command: () => engineSidecarCommand(), report: (r) => nativeReports.push(r) };
const services = () => {
  const catalog = createCatalogServices({
    dataDir,
    inspectChart: async () => {
      throw new Error('not used');
    },
    nativeVerifier,
  });
  return { ...catalog, sync: new SyncService(catalog.core, catalog.queries) };
};
let s = services();
t0 = performance.now();
cpuMark();
const status = await profiled('first-sight', () => s.queries.status());
const engineUse = nativeReports.length
  ? `, engine answered ${nativeReports.reduce((n, r) => n + r.answered, 0).toLocaleString('en')} (Node ${nativeReports.reduce((n, r) => n + r.fallback, 0)})`
  : ', Node verify only';
record([
  `full rebuild, first sight (verify every signature, ${availableParallelism()} threads)`,
  `${status.events.toLocaleString('en')} events, ${status.refused} refused${engineUse}`,
  ms(t0),
  cpu(),
]);
const memAfterRebuild = process.memoryUsage();
await s.close();

// the rebuild Berth does in practice (view lost, corrupt or from an older Berth): the events
// were verified when they came in, and catalog/verified.bin says so
rmSync(join(dataDir, 'catalog', 'view.sqlite'));
s = services();
t0 = performance.now();
cpuMark();
const again = await profiled('lost-view', () => s.queries.status());
record(['full rebuild of a lost view (signatures verified before)', `${again.events.toLocaleString('en')} events`, ms(t0), cpu()]);
await s.close();
if (rebuildOnly) {
  console.log(`\nload average: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

t0 = performance.now();
cpuMark();
s = services();
await s.queries.status();
record(['open the saved view (new process start)', '', ms(t0), cpu()]);

// ── sync ────────────────────────────────────────────────────────────────────
t0 = performance.now();
cpuMark();
let report = await s.sync.sync();
record(['first sync with the folder (lists every file)', `${report.pulledEvents} new`, ms(t0), cpu()]);

// 100 new events by the admin and the isv, put in the store as their machines would
const freshEvents = (round) => {
  const out = [];
  for (let k = 0; k < 100; k++) {
    const a = k * 37 + round;
    const by = a % 2 ? isv : admin;
    const body = {
      v: EVENT_FORMAT,
      catalog,
      type: 'app.updateInfo',
      author: by.key,
      hlc: formatHlc({ wall: Date.now(), counter: k }),
      prev: { [`app:a${a}`]: heads.get(`app:a${a}`) },
      data: { app: `a${a}`, patch: { description: `Updated description ${round}.${k}` } },
    };
    const e = signBody(body, by.privateKey);
    heads.set(`app:a${a}`, e.id);
    out.push(e);
  }
  return out;
};
const { FolderStore } = await import('../src-main/sync/folder-store.ts');
const { backlogBudget } = await import('../src-main/sync/store-ranges.ts');
const incremental = async (round, label) => {
  await new FolderStore(shared).putEvents(freshEvents(round));
  (await s.core.ledger()).flush(); // a save still pending from the sync before is not part of this one
  t0 = performance.now();
  cpuMark();
  report = await profiled(`incremental-${round}`, () => s.sync.sync());
  record([label, `${report.pulledEvents} pulled`, ms(t0), cpu()]);
  t0 = performance.now();
  cpuMark();
  (await s.core.ledger()).flush();
  record(['  saving the local view (deferred: at most once a second, off the sync path)', '', ms(t0), cpu()]);
};
// right after the first sync every folder is still to be checked (a new machine's backlog):
// each sync drills a share of it (store-ranges.ts backlogBudget) until all are settled
await incremental(1, 'incremental sync of 100 new events, with a backlog share');
const budget = { ...backlogBudget };
Object.assign(backlogBudget, { files: Infinity, ms: Infinity });
t0 = performance.now();
cpuMark();
report = await profiled('backlog', () => s.sync.sync());
record(['the whole backlog at once (normally spread over syncs)', `${report.findings.length} findings`, ms(t0), cpu()]);
Object.assign(backlogBudget, budget);
(await s.core.ledger()).flush();
// steady state: every folder settled, each costs one comparison (the goal line)
await incremental(2, 'incremental sync of 100 new events (goal < 1 s)');
t0 = performance.now();
cpuMark();
report = await profiled('nothing-new', () => s.sync.sync());
record(['sync with nothing new', `${report.pulledEvents} pulled`, ms(t0), cpu()]);

// ── queries ─────────────────────────────────────────────────────────────────
async function timed(label, fn, detail) {
  await fn();
  const runs = [];
  let last;
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    last = await fn();
    runs.push(performance.now() - t);
  }
  runs.sort((x, y) => x - y);
  record([label, detail(last), Number(runs[3].toFixed(1)), '']);
}
await timed(
  'store listing, first page',
  () => s.queries.store({}),
  (r) => `${r.total.toLocaleString('en')} apps, ${r.apps.length} shown`,
);
await timed(
  'store listing by category',
  () => s.queries.store({ category: 'c7' }),
  (r) => `${r.total} apps`,
);
await timed(
  'store search "mqtt broker"',
  () => s.queries.store({ search: 'mqtt broker' }),
  (r) => `${r.total} apps`,
);
await timed(
  'store search by keyword "kw42"',
  () => s.queries.store({ search: 'kw42' }),
  (r) => `${r.total} apps`,
);
await timed(
  'review queue',
  () => s.queries.reviewQueue(),
  (r) => `${r.length} versions`,
);
await timed(
  'per-app history',
  () => s.queries.audit({ app: `a${Math.floor(appsMade / 2)}` }),
  (r) => `${r.total} records`,
);
await timed(
  'audit, newest page',
  () => s.queries.audit({ limit: 200 }),
  (r) => `${r.total.toLocaleString('en')} records`,
);
const mem = process.memoryUsage();
await s.close();

console.log(
  `\nload average while running: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores (median of 7 runs for queries)`,
);
console.log(
  `\nmemory after rebuild: rss ${mb(memAfterRebuild.rss)}, heap ${mb(memAfterRebuild.heapUsed)}; at the end: rss ${mb(mem.rss)}, heap ${mb(mem.heapUsed)}`,
);
// each goal on its own line, judged here (CPU time for the syncs and rebuilds: wall time on a
// shared machine says more about the other processes than about this one)
const row = (prefix) => results.find(([label]) => label.startsWith(prefix));
const goal = (what, prefix, limit, column) => {
  const r = row(prefix);
  if (!r) return;
  const value = column === 'cpu' ? r[3] : r[2];
  console.log(`goal: ${what} < ${limit.toLocaleString('en')} ms (${column}): ${value.toLocaleString('en')} ms — ${value < limit ? 'met' : 'NOT met'}`);
};
console.log('');
goal('incremental sync of 100 events, steady state', 'incremental sync of 100 new events (goal', 1000, 'cpu');
goal('incremental sync of 100 events, with a backlog share', 'incremental sync of 100 new events, with', 1000, 'cpu');
goal('full rebuild of a lost view', 'full rebuild of a lost view', 60000, 'cpu');
goal('full rebuild of a lost view', 'full rebuild of a lost view', 60000, 'wall');
goal('full rebuild, first sight', 'full rebuild, first sight', 60000, 'wall');
for (const prefix of ['store listing, first page', 'store listing by category', 'store search "mqtt broker"', 'store search by keyword'])
  goal(prefix, prefix, 50, 'wall');
if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });
else console.log(work);
