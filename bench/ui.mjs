// The store's first screen at scale (issue 16): a catalog of --apps (default 10,000) released
// apps in a data dir whose local view is saved, a folder store attached that holds 100 events
// the app has not seen yet, then `berth serve` and headless Chromium on a fresh profile, both
// started at once (as the Electron window is created while the main process starts; a browser
// user's browser is already running). Printed: from the moment `berth serve` is spawned to the
// first app card of the store list being painted (timed in the page), wall and CPU (berth serve + its engines +
// Chromium), for a cold start (the first after the view was written) and a second start, each
// with a sync asked over the bridge the moment the app listens (it pulls the 100 new events
// at the cold start) and without one; and whether the list showed before that sync ended.
//   npm run bench -- ui [--apps N] [--trace] [--keep DIR] [--browser-after]
// --keep DIR keeps the generated catalog and folder store in DIR and reuses them next time;
// --browser-after starts Chromium only once `berth serve` listens (the measure before session 5).
// Goal: first app card < 1.5 s after start at 10k apps.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { EVENT_FORMAT } from '../src-main/catalog/event-types.ts';
import { formatHlc } from '../src-main/catalog/hlc.ts';
import { publicKeyHex, signBody } from '../src-main/catalog/signing.ts';
import { createCatalogServices } from '../src-main/catalog/catalog-services.ts';
import { registerProvenanceEvents } from '../src-main/provenance/catalog-provenance.ts';
import { registerReviewEvents } from '../src-main/review/audit.ts';
import { FolderStore } from '../src-main/sync/folder-store.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const APPS = arg('apps', 10_000);
const flag = (name) => process.argv.includes(`--${name}`);
const value = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const WORKSPACES = 10;
const CATEGORIES = 20;
const GOAL_MS = 1500;
const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'berth-bench-ui-'));
const prepared = value('keep') ? resolve(value('keep')) : join(work, 'prepared');
const shared = join(prepared, 'shared');
const dataDir = join(prepared, 'reviewer');
const ready = join(prepared, `ready-${APPS}`);

if (!existsSync(ready) && existsSync(prepared) && readdirSync(prepared).length) throw new Error(`${prepared} holds something else: give --keep an empty or new folder`);
if (existsSync(ready)) console.log(`Store first screen at scale: ${APPS.toLocaleString('en')} released apps, the data set kept in ${prepared}`);
else await prepare();

async function prepare() {
  // ── the catalog (the same shape as bench/catalog.mjs, one released version per app) ──────
  function person() {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return { privateKey, key: publicKeyHex(publicKey), pem: privateKey.export({ format: 'pem', type: 'pkcs8' }) };
  }
  const admin = person();
  const reviewer = person();
  const isv = person();
  const start = Date.now() - 30 * 86_400_000;
  let n = 0;
  let catalog = '';
  const heads = new Map();
  const events = [];
  const pkg = { sha256: 'a'.repeat(64), size: 2511, mediaType: 'application/gzip' };
  function emit(by, type, data, chains = [], wall = start + n * 10) {
    const prev = {};
    for (const c of chains) prev[c] = heads.get(c) ?? null;
    const e = signBody({ v: EVENT_FORMAT, catalog, type, author: by.key, hlc: formatHlc({ wall, counter: 0 }), prev, data }, by.privateKey);
    n++;
    for (const c of chains) heads.set(c, e.id);
    return e;
  }
  let t0 = performance.now();
  const push = (e) => (events.push(e), e);
  catalog = push(emit(admin, 'catalog.genesis', { name: 'Bench', nonce: 'bench-ui', displayName: 'Admin' })).id;
  push(emit(reviewer, 'member.join', { displayName: 'Reviewer' }));
  push(emit(isv, 'member.join', { displayName: 'Isv' }));
  push(emit(admin, 'member.grant', { member: reviewer.key, role: 'reviewer' }));
  for (let w = 0; w < WORKSPACES; w++) {
    push(emit(admin, 'workspace.create', { workspace: `w${w}`, name: `workspace-${w}`, description: '' }));
    push(emit(admin, 'workspace.addMember', { workspace: `w${w}`, member: isv.key, role: 'isv' }));
  }
  for (let c = 0; c < CATEGORIES; c++) push(emit(reviewer, 'category.create', { category: `c${c}`, name: `Category ${c}`, description: '' }, [`category:c${c}`]));
  const words = ['mqtt', 'broker', 'database', 'cache', 'queue', 'stream', 'search', 'monitor', 'gateway', 'storage', 'proxy', 'ledger'];
  for (let a = 0; a < APPS; a++) {
    const by = a % 2 ? isv : admin;
    const app = `a${a}`;
    const v = `v${a}_0`;
    const chart = {
      name: `app-${a}`,
      version: '1.0.0',
      description: `A ${words[a % words.length]} ${words[(a * 7) % words.length]} chart number ${a}`,
      keywords: [`kw${a % 100}`, words[a % words.length]],
      maintainers: [{ name: 'Bench' }],
    };
    const data = { app, workspace: `w${a % WORKSPACES}`, category: `c${a % CATEGORIES}`, version: v, versionName: '1.0.0', changelog: 'First.', chart, package: pkg };
    push(emit(by, 'app.create', data, [`app:${app}`, `version:${v}`]));
    push(emit(by, 'version.submit', { version: v }, [`version:${v}`]));
    push(emit(reviewer, 'version.approve', { version: v }, [`version:${v}`]));
    push(emit(by, 'version.release', { version: v }, [`version:${v}`]));
  }
  console.log(`Store first screen at scale: ${APPS.toLocaleString('en')} released apps, ${events.length.toLocaleString('en')} events`);
  console.log(`generate and sign                       ${(performance.now() - t0).toFixed(0).padStart(7)} ms`);

  // ── the reviewer's data dir with its local log, then the saved view (as after an earlier session) ──
  t0 = performance.now();
  mkdirSync(join(dataDir, 'catalog'), { recursive: true });
  mkdirSync(join(dataDir, 'identity'), { recursive: true });
  writeFileSync(join(dataDir, 'identity', 'private-key.pem'), reviewer.pem, { mode: 0o600 });
  writeFileSync(join(dataDir, 'identity', 'identity.json'), JSON.stringify({ keyId: reviewer.key, displayName: 'Reviewer', createdAt: new Date().toISOString() }));
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
  // the same event types as `berth serve` registers, or its first start would rebuild the view
  registerReviewEvents();
  registerProvenanceEvents();
  const services = createCatalogServices({
    dataDir,
    inspectChart: async () => {
      throw new Error('not used');
    },
  });
  const status = await services.queries.status();
  await services.close();
  console.log(`write the data dir and its saved view   ${(performance.now() - t0).toFixed(0).padStart(7)} ms  (${status.events.toLocaleString('en')} events)`);

  // ── the folder store: everything the reviewer has, and 100 newer events it has not seen ──────
  t0 = performance.now();
  mkdirSync(shared, { recursive: true });
  writeFileSync(join(shared, 'berth-catalog.json'), JSON.stringify({ format: 'berth-catalog', version: 1, catalog, name: 'Bench', createdAt: new Date().toISOString() }));
  const fresh = [];
  for (let k = 0; k < 100; k++) {
    const a = k * 37;
    fresh.push(emit(a % 2 ? isv : admin, 'app.updateInfo', { app: `a${a}`, patch: { description: `Updated description ${k}` } }, [`app:a${a}`], Date.now() + k));
  }
  const folder = new FolderStore(shared);
  for (let i = 0; i < events.length; i += 5000) await folder.putEvents(events.slice(i, i + 5000));
  await folder.putEvents(fresh);
  console.log(`write the folder store                  ${(performance.now() - t0).toFixed(0).padStart(7)} ms  (100 events the app has not seen)`);
  events.length = 0;
  writeFileSync(ready, '');
}

// ── start the app and the browser; wait for the first card ──────────────────────────────
function treeTicks(pid) {
  if (!existsSync(`/proc/${pid}/stat`)) return 0;
  let ticks = 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks = Number(fields[11]) + Number(fields[12]);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) ticks += treeTicks(Number(child));
    }
  } catch {
    // the process ended meanwhile
  }
  return ticks;
}
/** CPU ms of the processes started since `before` (Chromium's tree): children of this process. */
const ownTreeCpu = () => treeTicks(process.pid) * 10 - selfCpuTicks() * 10;
function selfCpuTicks() {
  const fields = readFileSync(`/proc/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** A copy of the prepared data dir (the folder store is only read, so it is shared). */
function dataDirCopy(name) {
  const dir = join(work, name);
  cpSync(dataDir, dir, { recursive: true });
  return dir;
}

const browserAfter = flag('browser-after');
const launchBrowser = (profile) =>
  chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

async function firstScreen(label, dir, withSync) {
  const profile = mkdtempSync(join(tmpdir(), 'berth-bench-ui-chromium-'));
  const cpu0 = ownTreeCpu();
  const t = performance.now();
  const epoch = Date.now();
  const since = () => performance.now() - t;
  // what `berth serve` runs (bin/berth execs bin/berth.cjs): the CLI bundle with its V8 code cache (written
  // when a serve exits); spawning dist/main/cli.cjs straight, as before, compiled the 2.9 MB bundle every time
  const serveArgs = [join(root, 'bin/berth.cjs'), 'serve', '--data-dir', dir];
  const child = spawn(process.execPath, serveArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let browserUp;
  const browser = browserAfter ? undefined : launchBrowser(profile).then((c) => ((browserUp = since()), c));
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const onData = (c) => {
      output += c.toString('utf8');
      const m = /browser mode at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`berth serve exited with ${code}: ${output}`)));
  });
  const listening = since();
  // a sync asked the moment the app listens (the UI's own first sync comes a minute later): the
  // list must show from the saved view while it runs
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token');
  let syncEnded;
  const bridgeSync = withSync
    ? fetch(`${new URL(url).origin}/api/call/catalog.sync`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      })
        .then((r) => r.json())
        .then((body) => {
          syncEnded = since();
          return body.ok ? `${body.value.pulledEvents} pulled` : `failed: ${body.error?.message}`;
        })
    : undefined;
  const context = await (browser ?? launchBrowser(profile).then((c) => ((browserUp = since()), c)));
  const page = context.pages()[0] ?? (await context.newPage());
  // when each bridge call went out and came back (ms since spawn); the list's always, all with --trace
  const trace = [];
  let listAsked;
  let listAnswered;
  page.on('request', (r) => r.url().endsWith('/api/call/store.list') && (listAsked ??= since()));
  page.on('requestfinished', (r) => r.url().endsWith('/api/call/store.list') && (listAnswered ??= since()));
  if (flag('trace')) {
    page.on('request', (r) => trace.push(`${since().toFixed(0)} → ${new URL(r.url()).pathname}`));
    page.on('requestfinished', (r) => trace.push(`${since().toFixed(0)} ← ${new URL(r.url()).pathname}`));
  }
  // the first card painted, timed in the page: the task right after the frame that paints it
  // (Playwright's own visibility check polls, and comes later)
  await page.addInitScript(() => {
    const seen = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="store-apps"] > *')) return;
      seen.disconnect();
      requestAnimationFrame(() => {
        const after = new MessageChannel();
        after.port1.onmessage = () => (window.firstCardAt = performance.timeOrigin + performance.now());
        after.port2.postMessage(0);
      });
    });
    seen.observe(document, { subtree: true, childList: true });
  });
  // with --trace, the page's long tasks (its main thread busy > 50 ms: running chunks, rendering)
  if (flag('trace')) {
    await page.addInitScript(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.longTasks.push([performance.timeOrigin + e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
  }
  const asked = since();
  await page.goto(url, { waitUntil: 'commit' });
  const card = page.locator('[data-testid="store-apps"] > *').first();
  await card.waitFor({ state: 'visible', timeout: 120_000 });
  const seenByPlaywright = since();
  await page.waitForFunction(() => window.firstCardAt !== undefined);
  const wall = (await page.evaluate(() => window.firstCardAt)) - epoch;
  const cpu = ownTreeCpu() - cpu0;
  const syncAtCard = syncEnded;
  const pulled = await bridgeSync;
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(
    `${label.padEnd(44)}${wall.toFixed(0).padStart(7)} ms wall, ${String(cpu).padStart(6)} ms CPU (serve + engines + Chromium)  goal < ${GOAL_MS} ms: ${wall < GOAL_MS ? 'met' : 'missed'}`,
  );
  if (trace.length) {
    const longTasks = await page.evaluate(() => window.longTasks);
    for (const [at, ms] of longTasks) trace.push(`${(at - epoch).toFixed(0)} page busy ${ms.toFixed(0)} ms`);
    const at = (line) => Number(line.split(' ')[0]);
    console.log(trace.sort((a, b) => at(a) - at(b)).join('\n'));
  }
  const syncLine = !withSync
    ? 'no sync'
    : `the sync asked at start ${pulled}, ended at ${ms(syncEnded)}: the list showed ${syncAtCard === undefined ? 'while it ran' : 'after it ended'}`;
  console.log(
    `${''.padEnd(44)}listening ${ms(listening)}, browser up ${ms(browserUp)}, page asked ${ms(asked)}, store.list ${ms(listAsked)} → ${ms(listAnswered)}, card painted ${ms(wall)} (seen by Playwright ${ms(seenByPlaywright)}); ${syncLine}`,
  );
  await context.close();
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  rmSync(profile, { recursive: true, force: true });
}

const withSync = dataDirCopy('with-sync');
const withoutSync = dataDirCopy('without-sync');
await firstScreen('first app card, cold start, sync at start', withSync, true);
await firstScreen('first app card, cold start, no sync', withoutSync, false);
await firstScreen('first app card, second start, sync at start', withSync, true);
await firstScreen('first app card, second start, no sync', withoutSync, false);
console.log(`load average: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
rmSync(work, { recursive: true, force: true });
process.exit(0);
