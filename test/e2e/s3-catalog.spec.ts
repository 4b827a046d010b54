/**
 * A catalog in an S3 bucket (a real versitygw): another person's Berth created it there and
 * released EMQ X; this Berth joins through the welcome page's S3 form (check first, then
 * join), sees the app in its store, and its sync indicator follows the server going away and
 * coming back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName, RequestOf, ResultOf } from '../../shared/contract';
import { createHandlers } from '../../src-main/handlers';
import { dispatch } from '../../src-main/handlers/registry';
import { createServices, type Services } from '../../src-main/services';
import { createBucket, startS3Server, type TestS3Server } from '../services/s3-server';
import { buildIfNeeded, fixturesDir, removeDir, repoRoot, startBerth, tempDir, type RunningBerth } from './harness/berth';
import { screenshot, type OpenBrowser } from './harness/browser';
import { openBrowsers } from './harness/team';
import { openWorkspace, selectTab, settle, syncNow } from './harness/ui';

/** The publisher: another person's data dir, driven through the contract. */
function publisher(dataDir: string) {
  const services: Services = createServices({ dataDir, host: 'cli' });
  const handlers = createHandlers(services);
  return {
    services,
    async call<N extends CallName>(name: N, request: RequestOf<N>): Promise<ResultOf<N>> {
      const r = await dispatch(handlers, name, request);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as ResultOf<N>;
    },
  };
}

const chart = (name: string) => readFileSync(join(fixturesDir, name)).toString('base64');


describe('joining a catalog kept in an S3 bucket', () => {
  let server: TestS3Server;
  let berth: RunningBerth;
  let browser: OpenBrowser;
  const publisherDir = tempDir('s3-publisher');
  let pub: ReturnType<typeof publisher>;

  beforeAll(async () => {
    buildIfNeeded();
    server = await startS3Server();
    await createBucket(server, 'team-catalog');

    pub = publisher(publisherDir);
    await pub.call('identity.rename', { displayName: 'Iris' });
    await pub.call('distribution.s3.credentials', { credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey } });
    await pub.call('catalog.init', {
      name: 'Acme charts',
      store: { kind: 's3', bucket: 'team-catalog', prefix: 'acme/', endpoint: server.endpoint, region: server.region },
    });
    await pub.call('workspace.create', { name: 'demo-workspace' });
    const app = await pub.call('app.create', { workspace: 'demo-workspace', chart: chart('emqx-v1.0.0-rc.1.tgz') });
    const version = app.versions[0].id;
    await pub.call('version.submit', { version, versionName: '1.0.0-rc.1', changelog: 'first release' });
    await pub.call('version.approve', { version });
    await pub.call('version.release', { version });
    expect((await pub.call('catalog.sync', {})).status.state).toBe('synced');

    // this Berth has no AWS keys in its environment: the person types them into the form
    const env: Record<string, string> = {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_SHARED_CREDENTIALS_FILE: join(publisherDir, 'none'),
      AWS_CONFIG_FILE: join(publisherDir, 'none'),
    };
    berth = await startBerth({ env });
    [browser] = await openBrowsers([berth.url], { width: 1280, height: 1150 }, 30_000);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await berth?.stop();
    await pub?.services.close();
    await server?.stop();
    if (berth) removeDir(berth.dataDir);
    removeDir(publisherDir);
    if (server) removeDir(server.root);
  });

  it('checks the bucket from the join form: wrong keys are refused, right ones find the catalog', async () => {
    const { page } = browser;
    await page.getByLabel('Your name', { exact: true }).fill('Sam');
    const card = page.getByTestId('join-card');
    await card.getByText('S3 bucket', { exact: true }).click();
    const form = page.getByTestId('join-s3');
    await form.getByLabel('Endpoint', { exact: true }).fill(server.endpoint);
    await form.getByLabel('Region', { exact: true }).fill(server.region);
    await form.getByLabel(/^Bucket/).fill('team-catalog');
    await form.getByLabel('Prefix', { exact: true }).fill('acme/');
    await form.getByLabel('Access key ID', { exact: true }).fill(server.accessKeyId);
    await form.getByLabel('Secret access key', { exact: true }).fill('not-the-secret');
    await page.getByTestId('join-s3-check').click();
    const result = page.getByTestId('join-s3-result');
    await result.waitFor();
    expect(await result.getAttribute('data-reachable')).toBe('false');
    expect(await result.innerText()).toContain('the access key or secret is wrong');

    await form.getByLabel('Secret access key', { exact: true }).fill(server.secretAccessKey);
    await page.getByTestId('join-s3-check').click();
    await page.locator('[data-testid="join-s3-result"][data-reachable="true"]').waitFor();
    expect(await result.innerText()).toContain('Holds the catalog “Acme charts”');
    await settle(page);
    await screenshot(page, 's3-connect-en');
    await card.screenshot({ path: join(repoRoot, 'docs', 'screenshots', 's3-connect.png') });
  });

  it('joins and sees the app the other person released there', async () => {
    const { page } = browser;
    await page.getByTestId('join-catalog').click();
    await page.getByTestId('sync-indicator').waitFor();
    await page.getByText('emqx', { exact: true }).first().waitFor();
    await page.locator('[data-testid="sync-indicator"][data-sync-state="synced"]').waitFor();
    // the keys went to this person's secrets, not into the catalog settings
    const settings = readFileSync(join(berth.dataDir, 'catalog.json'), 'utf8');
    expect(JSON.parse(settings).store).toEqual({
      kind: 's3',
      bucket: 'team-catalog',
      prefix: 'acme/',
      endpoint: server.endpoint,
      region: server.region,
      forcePathStyle: true,
    });
    expect(settings).not.toContain(server.secretAccessKey);
  });

  it('the sync indicator says offline while the server is down, and catches up after', async () => {
    const { page } = browser;
    await server.stop();
    await page.getByTestId('sync-indicator').click();
    await page.locator('[data-testid="sync-indicator"][data-sync-state="offline"]').waitFor({ timeout: 60_000 });
    await page.getByText('Berth could not reach the S3 endpoint.').first().waitFor();

    server = await server.restart();
    await pub.call('category.create', { name: 'IoT' });
    await pub.call('catalog.sync', {});
    await syncNow(page);
    expect(await page.getByTestId('sync-indicator').getAttribute('data-sync-state')).toBe('synced');
    const status = JSON.parse(readFileSync(join(berth.dataDir, 'catalog.json'), 'utf8')) as { lastSyncAt?: string };
    expect(status.lastSyncAt).toBeDefined();
  });

  it('made an admin by the other person, the catalog panel names the bucket and checks it', async () => {
    const { page } = browser;
    const sam = (await pub.call('member.list', {})).find((m) => m.displayName === 'Sam');
    await pub.call('member.grant', { member: sam!.keyId, role: 'admin' });
    await pub.call('catalog.sync', {});
    await syncNow(page);
    await openWorkspace(page, 'admin');
    await selectTab(page, 'Catalog');
    const where = page.getByTestId('store-location');
    await where.waitFor();
    expect(await where.innerText()).toBe(`S3 bucket team-catalog · prefix acme/ · ${server.endpoint}`);
    await page.getByTestId('s3-store-check').click();
    expect(await page.getByTestId('s3-store-check-result').innerText()).toContain('The bucket answers · Holds the catalog “Acme charts”');
    await settle(page);
    await screenshot(page, 's3-catalog-panel-en');
  });
});

describe('creating a catalog in an S3 bucket from the welcome page', () => {
  let server: TestS3Server;
  let berth: RunningBerth;
  let browser: OpenBrowser;

  beforeAll(async () => {
    buildIfNeeded();
    server = await startS3Server();
    await createBucket(server, 'fresh');
    // keys from the environment this time: the form's key fields stay empty
    berth = await startBerth({ env: { AWS_ACCESS_KEY_ID: server.accessKeyId, AWS_SECRET_ACCESS_KEY: server.secretAccessKey } });
    [browser] = await openBrowsers([berth.url], { width: 1280, height: 1150 }, 30_000);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await berth?.stop();
    await server?.stop();
    if (berth) removeDir(berth.dataDir);
    if (server) removeDir(server.root);
  });

  it('a missing bucket is named in the check; the right one is empty, and the catalog is created there', async () => {
    const { page } = browser;
    const card = page.getByTestId('create-card');
    await card.getByLabel('Catalog name', { exact: false }).fill('Fresh charts');
    await card.getByText('S3 bucket', { exact: true }).click();
    const form = page.getByTestId('create-s3');
    await form.getByLabel('Endpoint', { exact: true }).fill(server.endpoint);
    await form.getByLabel(/^Bucket/).fill('no-such-bucket');
    await page.getByTestId('create-s3-check').click();
    expect(await page.getByTestId('create-s3-result').innerText()).toContain(`There is no bucket “no-such-bucket” at ${server.endpoint}.`);

    await form.getByLabel(/^Bucket/).fill('fresh');
    await page.getByTestId('create-s3-check').click();
    await page.locator('[data-testid="create-s3-result"][data-reachable="true"]').waitFor();
    expect(await page.getByTestId('create-s3-result').innerText()).toContain('No catalog here yet');
    await page.getByTestId('create-catalog').click();
    await page.locator('[data-testid="sync-indicator"][data-sync-state="synced"]').waitFor();
    const settings = JSON.parse(readFileSync(join(berth.dataDir, 'catalog.json'), 'utf8')) as { store: unknown };
    expect(settings.store).toEqual({ kind: 's3', bucket: 'fresh', endpoint: server.endpoint, forcePathStyle: true });
    expect(readFileSync(join(server.root, 'buckets', 'fresh', 'berth-catalog.json'), 'utf8')).toContain('"name": "Fresh charts"');
  });
});
