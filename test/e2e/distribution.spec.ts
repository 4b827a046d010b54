/**
 * Admin → Distribution in a real browser: a Helm repository folder target added in the UI,
 * a preview that says what will change, a publish the real helm installs from over HTTP,
 * a suspended version leaving at the next publish, and signed provenance store users see.
 * The catalog is seeded with the CLI (two released EMQ X versions) to keep the test short.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryKeyring } from '../../src-main/provenance/keys';
import { signPackage } from '../../src-main/provenance/sign';
import { readPackageMetadata } from '../../src-main/publish/repo-index';
import { runHelm } from '../services/helm';
import { startRegistry } from '../services/oci-registry';
import { serveFolder, type StaticServer } from '../services/static-http';
import { berthCli, buildIfNeeded, fixturesDir, removeDir, repoRoot, startBerth, tempDir, type RunningBerth } from './harness/berth';
import { openBrowser, screenshot, type OpenBrowser } from './harness/browser';
import { chooseFile, openWorkspace, selectTab, settle, shootBothLanguages, syncNow } from './harness/ui';

/** Creates a catalog whose store offers emqx v1.0.0-rc.1 and v4.0.2; returns the versions' ids. */
function seedReleasedApp(dataDir: string, storeDir: string): { rc1: string; v402: string } {
  berthCli(dataDir, 'catalog', 'init', '--name', 'Distribution test', '--folder', storeDir);
  berthCli(dataDir, 'workspace', 'create', 'demo-workspace');
  berthCli(dataDir, 'workspace', 'create', 'mirror');
  berthCli(dataDir, 'workspace', 'create', 'signed-uploads');
  const app = JSON.parse(
    berthCli(dataDir, 'app', 'create', '--chart', join(fixturesDir, 'emqx-v1.0.0-rc.1.tgz'), '--workspace', 'demo-workspace', '--json'),
  ) as { id: string; versions: { id: string }[] };
  const added = JSON.parse(berthCli(dataDir, 'version', 'add', app.id, '--chart', join(fixturesDir, 'emqx-v4.0.2.tgz'), '--json')) as { id: string };
  const ids = { rc1: app.versions[0].id, v402: added.id };
  for (const v of [ids.rc1, ids.v402]) {
    berthCli(dataDir, 'version', 'submit', v, '--changelog', 'Tested on kind');
    berthCli(dataDir, 'version', 'approve', v);
    berthCli(dataDir, 'version', 'release', v);
  }
  berthCli(dataDir, 'catalog', 'sync');
  return ids;
}

describe('distribution: publish to a Helm repository from the Admin page', () => {
  const storeDir = tempDir('dist-store');
  const repoDir = tempDir('dist-repo');
  const helmHome = tempDir('dist-helm');
  let versions: { rc1: string; v402: string };
  let berth: RunningBerth;
  let browser: OpenBrowser;
  let http: StaticServer;

  beforeAll(async () => {
    buildIfNeeded();
    const dataDir = tempDir('dist-data');
    versions = seedReleasedApp(dataDir, storeDir);
    http = await serveFolder(repoDir);
    berth = await startBerth({ dataDir });
    browser = await openBrowser(berth.url);
    browser.page.setDefaultTimeout(30_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await berth?.stop();
    await http?.close();
    if (berth) removeDir(berth.dataDir);
    for (const d of [storeDir, repoDir, helmHome]) removeDir(d);
  });

  async function openPreview(): Promise<void> {
    const { page } = browser;
    await page.locator('[data-target="company-charts"]').getByTestId('preview-publish').click();
    await page.getByTestId('publish-plan').waitFor();
  }

  it('adds a Helm repository folder target and previews what a publish adds, before publishing', async () => {
    const { page } = browser;
    await syncNow(page);
    await openWorkspace(page, 'admin');
    await selectTab(page, 'Distribution');
    await page.getByTestId('no-targets').waitFor();
    await page.getByTestId('add-target').click();
    await page.getByTestId('target-name').fill('company-charts');
    await page.getByTestId('target-folder').fill(repoDir);
    await page.getByTestId('target-url').fill(`${http.url}/`);
    await page.getByTestId('save-target').click();
    await page.locator('[data-target="company-charts"]').waitFor();

    await openPreview();
    const dialog = page.getByTestId('publish-dialog');
    expect(await dialog.getByTestId('publish-summary').textContent()).toContain('add 2, replace 0 and remove 0');
    expect(await dialog.locator('[data-change="add"]').allTextContents()).toEqual(['addemqxv4.0.2', 'addemqxv1.0.0-rc.1']);
    expect(await dialog.getByText('Packages will not be signed.').count()).toBe(1);
    // nothing is written before Publish is pressed
    expect(() => readFileSync(join(repoDir, 'index.yaml'))).toThrow();
    await settle(page);
    await screenshot(page, 'distribution-preview-en');
  });

  it('publishes with progress, and the real helm adds the repository, pulls and renders from it', async () => {
    const { page } = browser;
    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByTestId('publish-now').click();
    await dialog.getByTestId('publish-done').waitFor();
    expect(await dialog.getByTestId('publish-done').textContent()).toContain(http.url);
    await page.getByRole('button', { name: 'Close' }).last().click();

    const add = await runHelm(['repo', 'add', 'company', `${http.url}/`], helmHome);
    expect(add.status, add.stderr).toBe(0);
    const search = await runHelm(['search', 'repo', 'company/emqx', '--versions', '--devel'], helmHome);
    expect(search.stdout).toContain('v4.0.2');
    expect(search.stdout).toContain('v1.0.0-rc.1');
    const pull = await runHelm(['pull', 'company/emqx', '--version', 'v4.0.2', '-d', helmHome], helmHome);
    expect(pull.status, pull.stderr).toBe(0);
    const rendered = await runHelm(['template', 'emqx', 'company/emqx', '--version', 'v4.0.2'], helmHome);
    expect(rendered.status, rendered.stderr).toBe(0);
    expect(rendered.stdout).toContain('kind: StatefulSet');
  });

  it('creates a signing key, and after a suspension the preview says the version will be removed', async () => {
    const { page } = browser;
    await page.getByTestId('key-name').fill('Berth E2E Publisher');
    await page.getByTestId('key-email').fill('publisher@example.com');
    await page.getByTestId('generate-key').click();
    const fingerprint = ((await page.getByTestId('signing-fingerprint').textContent()) ?? '').replace(/\s/g, '');
    expect(fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(await page.getByTestId('trusted-keys').textContent()).toContain('Berth E2E Publisher');
    expect(await page.getByTestId('sign-on-publish').isChecked()).toBe(true);

    // a reviewer suspends rc.1 (here from the CLI on the same data dir)
    berthCli(berth.dataDir, 'version', 'suspend', versions.rc1, '--message', 'security issue');
    await openPreview();
    const dialog = page.getByTestId('publish-dialog');
    expect(await dialog.locator('[data-change="remove"]').allTextContents()).toEqual(['removeemqxv1.0.0-rc.1']);
    expect(await dialog.getByText('Versions no longer active in the store (suspended or deleted) leave the target.').count()).toBe(1);
    expect(await dialog.getByText('Packages will be signed with your key (.prov files).').count()).toBe(1);
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'distribution-suspended-preview-en');

    await dialog.getByTestId('publish-now').click();
    await dialog.getByTestId('publish-done').waitFor();
    await page.getByRole('button', { name: 'Close' }).last().click();
    const index = readFileSync(join(repoDir, 'index.yaml'), 'utf8');
    expect(index).toContain('version: v4.0.2');
    expect(index).not.toContain('v1.0.0-rc.1');

    // helm verifies the signature with the publisher's public key, exported as a binary keyring
    const armored = await page.locator('[data-testid="signing-key"] textarea').inputValue();
    writeFileSync(join(helmHome, 'pubring.gpg'), await binaryKeyring([armored]));
    await runHelm(['repo', 'update'], helmHome);
    mkdirSync(join(helmHome, 'verified'));
    const verified = await runHelm(
      ['pull', 'company/emqx', '--version', 'v4.0.2', '--verify', '--keyring', join(helmHome, 'pubring.gpg'), '-d', join(helmHome, 'verified')],
      helmHome,
    );
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('Signed by: Berth E2E Publisher <publisher@example.com>');
    await page.getByTestId('distribution-panel').waitFor();
    await page.mouse.move(0, 0);
    await shootBothLanguages(page, 'distribution-page');
  });

  it('shows store users that the released version is signed by a trusted key', async () => {
    const { page } = browser;
    await openWorkspace(page, 'store');
    await page.getByRole('link', { name: /emqx/ }).first().click();
    const badge = page.getByTestId('provenance');
    await badge.waitFor();
    expect(await badge.getAttribute('data-status')).toBe('verified');
    expect(await badge.textContent()).toContain('Verified signature');
    expect(await badge.textContent()).toContain('Signed by Berth E2E Publisher <publisher@example.com>');
    await shootBothLanguages(page, 'distribution-store-provenance');

    // reviewers see the same check on the review page; rc.1 was suspended before the first signed publish, so it stays unsigned
    await page.evaluate((id) => (window.location.hash = `#/review/version/${id}`), versions.v402);
    const onReview = page.getByTestId('provenance');
    await page.waitForFunction(() => document.querySelector('[data-testid="provenance"]')?.getAttribute('data-status') === 'verified');
    expect(await onReview.textContent()).toContain('Verified signature');
    await page.evaluate((id) => (window.location.hash = `#/review/version/${id}`), versions.rc1);
    await page.waitForFunction(() => document.querySelector('[data-testid="provenance"]')?.getAttribute('data-status') === 'unsigned');
    expect(await page.getByTestId('provenance').textContent()).toContain('No provenance file came with this package');
  });

  it('lets a reviewer attach the .prov a publisher handed over: a tampered one is refused, a sound one verifies', async () => {
    const { page } = browser;
    const file = 'emqx-v1.0.0-rc.1.tgz';
    const bytes = new Uint8Array(readFileSync(join(fixturesDir, file)));
    const armoredPrivateKey = readFileSync(join(berth.dataDir, 'provenance', 'signing-key.asc'), 'utf8');
    const prov = await signPackage(bytes, file, readPackageMetadata(bytes, file), { armoredPrivateKey });
    const tampered = join(helmHome, 'tampered.prov');
    writeFileSync(
      tampered,
      prov.replace(/sha256:([0-9a-f])/, (_m, c: string) => `sha256:${c === '0' ? '1' : '0'}`),
    );
    await chooseFile(page, page.getByTestId('attach-provenance'), tampered);
    await page.getByText('The signature does not match the provenance text').waitFor();
    expect(await page.getByTestId('provenance').getAttribute('data-status')).toBe('unsigned');

    const sound = join(helmHome, `${file}.prov`);
    writeFileSync(sound, prov);
    await chooseFile(page, page.getByTestId('attach-provenance'), sound);
    await page.waitForFunction(() => document.querySelector('[data-testid="provenance"]')?.getAttribute('data-status') === 'verified');
    expect(await page.getByTestId('attach-provenance').count()).toBe(0);
  });

  it('imports the published repository into another workspace: only versions not yet held, signatures checked', async () => {
    const { page } = browser;
    await openWorkspace(page, 'admin');
    await selectTab(page, 'Distribution');
    await page.getByTestId('import-source').fill(`${http.url}/index.yaml`);
    await page.getByTestId('import-workspace').click();
    await page.getByRole('option', { name: 'mirror' }).click();
    await page.getByTestId('import-plan').click();
    const candidates = page.getByTestId('import-candidates');
    await candidates.waitFor();
    expect(await candidates.textContent()).toContain('1 chart version found; 1 new to this workspace.');
    await page.getByTestId('import-run').click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('Imported 1, skipped 0 already held');
    expect(await report.textContent()).toContain('emqx v4.0.2 · Verified signature');
    // importing again finds nothing new: the package digest is already held
    await page.getByTestId('import-plan').click();
    await candidates.getByText('already held').waitFor();
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
  });

  it('checks the .prov an ISV uploads with the package, and the version row shows the result', async () => {
    const { page } = browser;
    await openWorkspace(page, 'my-apps');
    await page.getByTestId('create-app').click();
    const file = 'emqx-v1.0.0-rc.1.tgz';
    await page.getByTestId('chart-archive-input').setInputFiles([join(fixturesDir, file), join(helmHome, `${file}.prov`)]);
    await page.getByTestId('picked-provenance').getByText(`${file}.prov`).waitFor({ timeout: 120_000 });
    await page.getByRole('textbox', { name: 'Workspace' }).click();
    await page.getByRole('option', { name: 'signed-uploads' }).click();
    await page.getByTestId('confirm-create-app').click();
    await page.getByRole('heading', { level: 1, name: 'emqx' }).waitFor();
    const row = page.locator('[data-version="v1.0.0-rc.1"]');
    await page.waitForFunction(
      () => document.querySelector('[data-version="v1.0.0-rc.1"] [data-testid="provenance"]')?.getAttribute('data-status') === 'verified',
    );
    expect(await row.getByTestId('provenance').textContent()).toContain('Verified signature');
    // back where the next tests work
    await openWorkspace(page, 'admin');
    await selectTab(page, 'Distribution');
  });

  it('exports an air-gap bundle of the app and inspects it', async () => {
    const { page } = browser;
    const bundle = join(helmHome, 'emqx.berth.tgz');
    await page.getByTestId('bundle-app').click();
    await page.getByRole('option', { name: 'emqx (demo-workspace)' }).click();
    await page.getByTestId('bundle-export-path').fill(bundle);
    await page.getByTestId('bundle-export').click();
    await page.getByText(`Written to ${bundle}`).waitFor();
    await page.getByTestId('bundle-import-path').fill(bundle);
    await page.getByTestId('bundle-inspect').click();
    const manifest = page.getByTestId('bundle-manifest');
    await manifest.waitFor();
    expect(await manifest.textContent()).toContain('emqx from the catalog “Distribution test”');
    expect(await manifest.textContent()).toMatch(/v4\.0\.2 · In store · signed/);
    await page.mouse.move(0, 0);
    await settle(page);
    await page.screenshot({ path: join(repoRoot, 'test-results/screenshots/distribution-full-en.png'), fullPage: true });
  });

  it('publishes to an OCI registry with a username and password; a wrong password is refused in plain words', async () => {
    const { page } = browser;
    const registry = await startRegistry({ auth: { username: 'ci', password: 'ci-pass' } });
    try {
      await page.getByTestId('add-target').click();
      await page.getByRole('dialog').getByText('OCI registry', { exact: true }).click();
      await page.getByTestId('target-name').fill('registry');
      await page.getByTestId('target-location').fill(`oci://${registry.host}/charts`);
      // Mantine's switch and segmented control animate; a click on their inputs is what a person's click does
      await page
        .getByRole('dialog')
        .getByRole('switch', { name: /Plain HTTP/ })
        .dispatchEvent('click');
      await page.getByRole('dialog').getByRole('radio', { name: 'Username and password' }).dispatchEvent('click');
      await page.getByTestId('target-username').fill('ci');
      await page.getByTestId('target-secret').fill('not-the-ci-pass');
      await page.getByTestId('save-target').click();
      const row = page.locator('[data-target="registry"]');
      expect(await row.textContent()).toContain('Signs in as ci (secret saved)');
      expect(await page.content()).not.toContain('not-the-ci-pass');

      await row.getByTestId('preview-publish').click();
      const dialog = page.getByTestId('publish-dialog');
      await dialog.getByTestId('publish-now').click();
      await dialog.getByTestId('distribution-error').waitFor();
      expect(await dialog.getByTestId('distribution-error').textContent()).toContain('The credentials were refused');
      await page.getByRole('button', { name: 'Cancel' }).last().click();

      // the saved password is never shown; typing a new one replaces it
      await row.getByRole('button', { name: 'Edit registry' }).click();
      expect(await page.getByTestId('target-secret').inputValue()).toBe('');
      await page.getByText('A secret is saved; it is never shown. Leave empty to keep it.').waitFor();
      await page.getByTestId('target-secret').fill('ci-pass');
      await page.getByTestId('save-target').click();
      await row.getByTestId('preview-publish').click();
      await dialog.getByTestId('publish-now').click();
      await dialog.getByTestId('publish-done').waitFor();
      expect(await dialog.locator('[data-change="add"]').allTextContents()).toEqual(['addemqxv4.0.2']);
      await page.getByRole('button', { name: 'Close' }).last().click();

      mkdirSync(join(helmHome, 'oci'));
      const pull = await runHelm(
        [
          'pull',
          `oci://${registry.host}/charts/emqx`,
          '--version',
          'v4.0.2',
          '--plain-http',
          '--username',
          'ci',
          '--password',
          'ci-pass',
          '-d',
          join(helmHome, 'oci'),
        ],
        helmHome,
      );
      expect(pull.status, pull.stderr).toBe(0);
      const rendered = await runHelm(['template', 'emqx', join(helmHome, 'oci', 'emqx-v4.0.2.tgz')], helmHome);
      expect(rendered.stdout).toContain('kind: StatefulSet');
    } finally {
      await registry.stop();
    }
  });

  it('says plainly when the registry does not answer', async () => {
    const { page } = browser;
    await page.getByTestId('add-target').click();
    await page.getByRole('dialog').getByText('OCI registry', { exact: true }).click();
    await page.getByTestId('target-name').fill('nowhere');
    await page.getByTestId('target-location').fill('oci://127.0.0.1:9/charts');
    await page.getByTestId('save-target').click();
    await page.locator('[data-target="nowhere"]').getByTestId('preview-publish').click();
    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByTestId('publish-now').click();
    const error = dialog.getByTestId('distribution-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/does not answer|not reachable/i);
    expect(await error.textContent()).not.toMatch(/at .*\.ts:\d+|ECONNREFUSED/);
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'distribution-unreachable-en');
  });
});
