/**
 * Distribution for one Berth process: S3 store credentials, publishing released apps to Helm
 * repositories and OCI registries, importing repositories as app templates, provenance keys,
 * and air-gap bundles. The contract handlers and the CLI both go through here.
 */
import { join, resolve } from 'node:path';
import { BerthFailure } from '../../shared/result';
import type {
  ArtifactHubRepoSettings,
  BundleExportReport,
  BundleImportReport,
  BundleManifest,
  CosignCheck,
  CosignKeyInfo,
  DistributionProgress,
  DistributionSettings,
  ImportCandidateView,
  ImportReportView,
  ImportRequest,
  ProvenanceCheck,
  PublishPlanView,
  PublishReport,
  PublishTargetInput,
  S3Credentials,
  SigningKeyInfo,
} from '../../shared/types/distribution';
import { exportBundle } from '../bundle/bundle-export';
import { importBundle, readBundleFile } from '../bundle/bundle-import';
import { bestCheck, CatalogProvenance, MAX_PROV_BYTES } from '../provenance/catalog-provenance';
import { ProvenanceStore } from '../provenance/provenance-store';
import { signPackage } from '../provenance/sign';
import { verifyProvenance } from '../provenance/verify';
import type { CatalogServices } from '../catalog/catalog-services';
import { S3KeyStore } from '../sync/s3-keys';
import { writeFileAtomic } from '../atomic-file';
import { ARTIFACT_HUB_REPO_FILE, artifactHubRepoYaml, pushArtifactHubMetadata } from './artifacthub-repo';
import { activeReleases, type ReleasedPackage } from './catalog-releases';
import { DistributionSettingsStore } from './distribution-settings';
import { packageFileName, planHelmRepository, publishHelmRepository } from './helm-repo-folder';
import { planImport, runImport } from './import-charts';
import { chartSourceFor } from './import-sources';
import { planOciPublish, publishToOci } from './oci-publish';
import { parseOciLocation } from './oci/reference';
import { cosignSign, cosignVerify } from './oci/cosign';
import { RegistryClient } from './oci/registry-client';
import { readPackageMetadata } from './repo-index';

export class DistributionService {
  readonly settings: DistributionSettingsStore;
  readonly provenance: ProvenanceStore;
  private catalogProvenanceFor?: { core: unknown; value: CatalogProvenance };

  constructor(
    dataDir: string,
    private readonly catalog: () => CatalogServices,
    private readonly onProgress: (p: DistributionProgress) => void = () => undefined,
    /** The catalog bucket's keys belong to sync; the settings page shows and edits them here. */
    private readonly s3Keys = new S3KeyStore(dataDir),
  ) {
    this.settings = new DistributionSettingsStore(join(dataDir, 'distribution'));
    this.provenance = new ProvenanceStore(join(dataDir, 'provenance'));
  }

  async view(): Promise<DistributionSettings> {
    const s = this.settings.read();
    const secrets = this.settings.secrets();
    const out: DistributionSettings = {
      targets: s.targets.map((t) => ({ ...t, hasSecret: Boolean(secrets.registries[t.id]) })),
      signOnPublish: s.signOnPublish,
      trustedKeys: await this.provenance.trusted(),
      s3CredentialsSaved: this.s3Keys.get() !== undefined,
    };
    const key = await this.provenance.signingKey();
    if (key) out.signingKey = key;
    return out;
  }

  // ── S3 ────────────────────────────────────────────────────────────────────

  async setS3Credentials(credentials: S3Credentials | null): Promise<DistributionSettings> {
    this.s3Keys.save(credentials);
    return this.view();
  }

  // ── publish ───────────────────────────────────────────────────────────────

  async saveTarget(input: PublishTargetInput): Promise<DistributionSettings> {
    this.settings.saveTarget(input);
    return this.view();
  }

  removeTarget(ref: string): Promise<DistributionSettings> {
    this.settings.removeTarget(ref);
    return this.view();
  }

  setSignOnPublish(on: boolean): Promise<DistributionSettings> {
    this.settings.setSignOnPublish(on);
    return this.view();
  }

  private registryClient(target: { id: string; location: string; plainHttp?: boolean; username?: string }): RegistryClient {
    const secret = this.settings.secrets().registries[target.id] ?? {};
    return new RegistryClient({
      registry: parseOciLocation(target.location).registry,
      plainHttp: target.plainHttp,
      credentials: { username: target.username, ...secret },
    });
  }

  /** The `.prov` files that travel with the catalog (one reader per catalog process). */
  private catalogProvenance(): CatalogProvenance {
    const core = this.catalog().core;
    if (this.catalogProvenanceFor?.core !== core) this.catalogProvenanceFor = { core, value: new CatalogProvenance(core) };
    return this.catalogProvenanceFor.value;
  }

  private async signing(): Promise<boolean> {
    return this.settings.read().signOnPublish && this.provenance.signingKeyArmored() !== undefined;
  }

  private async withProvenance(releases: ReleasedPackage[], sign: boolean): Promise<(ReleasedPackage & { provenance?: string })[]> {
    if (!sign) return releases;
    const armoredPrivateKey = this.provenance.signingKeyArmored()!;
    const out: (ReleasedPackage & { provenance?: string })[] = [];
    for (const r of releases) {
      const provenance = await signPackage(r.bytes, packageFileName(r), readPackageMetadata(r.bytes, packageFileName(r)), { armoredPrivateKey });
      out.push({ ...r, provenance });
    }
    return out;
  }

  /** What the next publish to the target would change, without changing anything. */
  async planPublish(ref: string): Promise<PublishPlanView> {
    const target = this.settings.target(ref);
    const releases = await activeReleases(this.catalog());
    const signed = await this.signing();
    if (target.kind === 'helm-folder') return { target: target.name, signed, ...planHelmRepository(resolve(target.folder), releases, signed) };
    const cosign = signed || (this.settings.read().signOnPublish && this.provenance.cosignPrivateKey() !== undefined);
    return { target: target.name, signed: cosign, ...planOciPublish(this.settings.published(target.id), releases, cosign) };
  }

  async publish(ref: string): Promise<PublishReport> {
    const target = this.settings.target(ref);
    const signed = await this.signing();
    const packages = await this.withProvenance(await activeReleases(this.catalog()), signed);
    await this.shareSignatures(packages);
    const onProgress = (p: { done: number; total: number; current?: string }) => this.onProgress({ operation: 'publish', ...p });
    if (target.kind === 'helm-folder') {
      const folder = resolve(target.folder);
      const { plan } = publishHelmRepository(folder, packages, { baseUrl: target.baseUrl, onProgress });
      const repoYaml = await this.artifactHubYaml(target.artifactHub);
      if (repoYaml) writeFileAtomic(join(folder, ARTIFACT_HUB_REPO_FILE), repoYaml);
      return { target: target.name, signed, where: target.baseUrl ? `${folder} (served at ${target.baseUrl})` : folder, ...plan };
    }
    const location = parseOciLocation(target.location);
    const client = this.registryClient(target);
    const cosignKey = this.settings.read().signOnPublish ? this.provenance.cosignPrivateKey() : undefined;
    const cosign = cosignKey
      ? async (repository: string, manifestDigest: string, p: { sha256: string }) => {
          await cosignSign(client, location.registry, repository, manifestDigest, cosignKey);
          this.provenance.keepOciOrigin(p.sha256, {
            registry: location.registry,
            repository,
            manifestDigest,
            ...(target.plainHttp ? { plainHttp: true } : {}),
          });
        }
      : undefined;
    const { plan, record } = await publishToOci(client, location, this.settings.published(target.id), packages, { onProgress, ...(cosign ? { cosign } : {}) });
    this.settings.savePublished(target.id, record);
    const repoYaml = await this.artifactHubYaml(target.artifactHub);
    if (repoYaml) for (const name of new Set(packages.map((p) => p.name))) await pushArtifactHubMetadata(client, location, name, repoYaml);
    return { target: target.name, signed: signed || cosign !== undefined, ...(cosign ? { cosign: true } : {}), where: target.location, ...plan };
  }

  /** `artifacthub-repo.yml` for a target, or undefined when there is nothing to say (no id, no owners, no admins). */
  private async artifactHubYaml(settings: ArtifactHubRepoSettings | undefined): Promise<string | undefined> {
    const admins = (await this.catalog().queries.members()).filter((m) => m.platformRoles.includes('admin') && m.displayName).map((m) => m.displayName);
    const text = artifactHubRepoYaml(settings, admins);
    return text.trim() === '{}' ? undefined : text;
  }

  /** Signed packages that carry no provenance in the catalog yet get this publisher's, so store users see it. */
  private async shareSignatures(packages: (ReleasedPackage & { provenance?: string })[]): Promise<void> {
    const shared = this.catalogProvenance();
    for (const p of packages) {
      if (p.provenance && (await shared.forPackage(p.sha256)).length === 0) await shared.attach({ packageSha256: p.sha256, prov: p.provenance });
    }
  }

  // ── import ────────────────────────────────────────────────────────────────

  private source(req: ImportRequest) {
    const credentials = req.username !== undefined || req.password !== undefined ? { username: req.username, password: req.password } : undefined;
    return chartSourceFor(req.source, { credentials, plainHttp: req.plainHttp });
  }

  private async knownDigests(workspace: string): Promise<{ digests: Set<string>; apps: Map<string, string> }> {
    const catalog = this.catalog();
    const digests = new Set<string>();
    const apps = new Map<string, string>();
    for (const a of await catalog.queries.apps(workspace)) {
      if (a.state === 'deleted') continue;
      apps.set(a.chartName, a.id);
      for (const v of (await catalog.queries.app(a.id)).versions) if (v.state !== 'deleted') digests.add(v.package.sha256);
    }
    return { digests, apps };
  }

  async planImport(req: ImportRequest): Promise<ImportCandidateView[]> {
    const { digests } = await this.knownDigests(req.workspace);
    return (await planImport(this.source(req), digests, req.charts)).map(({ name, version, digest, alreadyImported }) => ({
      name,
      version,
      digest,
      alreadyImported,
    }));
  }

  async import(req: ImportRequest): Promise<ImportReportView> {
    const catalog = this.catalog();
    const { digests, apps } = await this.knownDigests(req.workspace);
    const source = this.source(req);
    const candidates = await planImport(source, digests, req.charts);
    const appOf = new Map<string, string>();
    const report = await runImport(source, candidates, {
      trustedKeys: await this.provenance.trustedKeys(),
      cosignKeys: this.provenance.trustedCosignKeys(),
      onProgress: (p) => this.onProgress({ operation: 'import', ...p }),
      sink: async (v, chart, _prov, cosign) => {
        const base64 = Buffer.from(chart.packageBytes).toString('base64');
        const existing = apps.get(v.name);
        if (existing) await catalog.commands.addVersion({ app: existing, chart: base64 });
        else {
          const app = await catalog.commands.createApp({ workspace: req.workspace, chart: base64 });
          apps.set(v.name, app.id);
        }
        appOf.set(`${v.name}@${v.version}`, apps.get(v.name)!);
        if (chart.provenance) this.provenance.keepProvenance(v.digest, chart.provenance);
        if (chart.oci) {
          const { verifyCosign: _verify, ...origin } = chart.oci;
          this.provenance.keepOciOrigin(v.digest, { ...origin, ...(cosign ? { lastCheck: { ...cosign, at: new Date().toISOString() } } : {}) });
        }
      },
    });
    return {
      source: report.source,
      imported: report.imported.map((i) => ({
        name: i.name,
        version: i.version,
        app: appOf.get(`${i.name}@${i.version}`) ?? '',
        provenance: i.provenance,
        ...(i.cosign ? { cosign: i.cosign } : {}),
      })),
      skipped: report.skipped,
      failed: report.failed,
    };
  }

  // ── provenance ────────────────────────────────────────────────────────────

  generateSigningKey(identity: { name: string; email?: string }): Promise<SigningKeyInfo> {
    return this.provenance.generateSigningKey(identity);
  }

  trust(publicKey: string): Promise<SigningKeyInfo[]> {
    return this.provenance.trust(publicKey);
  }

  distrust(fingerprint: string): Promise<SigningKeyInfo[]> {
    return this.provenance.distrust(fingerprint);
  }

  // ── cosign ────────────────────────────────────────────────────────────────

  /** `berth sign key-create --cosign`: an ECDSA P-256 key pair in the data dir; OCI publishes then carry cosign signatures. */
  generateCosignKey(): CosignKeyInfo {
    return this.provenance.generateCosignKey();
  }

  cosignKeys(): { own?: CosignKeyInfo; trusted: CosignKeyInfo[] } {
    const own = this.provenance.cosignKey();
    return { ...(own ? { own } : {}), trusted: this.provenance.trustedCosign() };
  }

  trustCosign(publicKeyPem: string): CosignKeyInfo[] {
    return this.provenance.trustCosign(publicKeyPem);
  }

  distrustCosign(fingerprint: string): CosignKeyInfo[] {
    return this.provenance.distrustCosign(fingerprint);
  }

  /**
   * The cosign signatures of a catalog version's chart in the OCI registry it was imported from
   * (or published to), against this person's trusted cosign keys; null when Berth knows no
   * registry place for it. Offline, the last check is returned and says when it was made.
   */
  async checkCosign(versionRef: string): Promise<(CosignCheck & { checkedAt?: string }) | null> {
    const pkg = await this.versionPackage(versionRef);
    const origin = this.provenance.ociOrigin(pkg.sha256);
    if (!origin) return null;
    const access = this.settings.registryAccess(origin.registry);
    const client = new RegistryClient({
      registry: origin.registry,
      plainHttp: origin.plainHttp ?? access?.plainHttp,
      ...(access?.credentials ? { credentials: access.credentials } : {}),
    });
    try {
      const check = await cosignVerify(client, origin.repository, origin.manifestDigest, this.provenance.trustedCosignKeys());
      this.provenance.keepOciOrigin(pkg.sha256, { ...origin, lastCheck: { ...check, at: new Date().toISOString() } });
      return check;
    } catch (e) {
      if (!(e instanceof BerthFailure) || e.code !== 'distribution.unreachable' || !origin.lastCheck) throw e;
      const { at, ...last } = origin.lastCheck;
      return { ...last, checkedAt: at, message: `${last.message} (checked ${at.slice(0, 10)}; the registry cannot be reached now)` };
    }
  }

  private async versionPackage(versionRef: string): Promise<{ id: string; bytes: Uint8Array; fileName: string; sha256: string }> {
    const catalog = this.catalog();
    const v = await catalog.queries.version(versionRef);
    const app = await catalog.queries.app(v.appId);
    const bytes = new Uint8Array(Buffer.from(catalog.queries.blob(v.package.sha256).base64, 'base64'));
    return { id: v.id, bytes, fileName: `${app.chartName}-${v.chartVersion}.tgz`, sha256: v.package.sha256 };
  }

  /**
   * The provenance of a catalog version, as reviewers and store users see it: every `.prov`
   * attached in the catalog or kept here for its package, checked against this person's
   * trusted keys; the strongest result wins.
   */
  async checkVersion(versionRef: string): Promise<ProvenanceCheck> {
    return (await this.bestProvenance(versionRef)).check;
  }

  private async bestProvenance(versionRef: string): Promise<{ check: ProvenanceCheck; text?: string; sha256: string }> {
    const pkg = await this.versionPackage(versionRef);
    const local = this.provenance.provenanceFor(pkg.sha256);
    const texts = [...new Set([...(local === undefined ? [] : [local]), ...(await this.catalogProvenance().forPackage(pkg.sha256))])];
    const keys = await this.provenance.trustedKeys();
    const checks = await Promise.all(texts.map((t) => verifyProvenance(pkg.bytes, pkg.fileName, t, keys)));
    const best = bestCheck(checks);
    if (!best) return { check: await verifyProvenance(pkg.bytes, pkg.fileName, undefined, keys), sha256: pkg.sha256 };
    return { check: best, text: texts[checks.indexOf(best)], sha256: pkg.sha256 };
  }

  /** Keeps the `.prov` an ISV uploaded with a version, after checking it against the package, and shares it through the catalog. */
  async attachProvenance(versionRef: string, provenance: string): Promise<ProvenanceCheck> {
    const pkg = await this.versionPackage(versionRef);
    const check = await verifyProvenance(pkg.bytes, pkg.fileName, provenance, await this.provenance.trustedKeys());
    if (check.status === 'malformed' || check.status === 'digest-mismatch' || check.status === 'bad-signature')
      throw new BerthFailure('input.invalid', check.message);
    if (provenance.length > MAX_PROV_BYTES) throw new BerthFailure('input.invalid', 'That provenance file is too large to be a Helm .prov file.');
    this.provenance.keepProvenance(pkg.sha256, provenance);
    await this.catalogProvenance().attach({ packageSha256: pkg.sha256, version: pkg.id, prov: provenance });
    return check;
  }

  // ── bundles ───────────────────────────────────────────────────────────────

  async exportBundle(req: { app: string; versions?: string[]; path: string }): Promise<BundleExportReport> {
    await this.keepCatalogProvenance(req.app);
    return exportBundle(this.catalog(), this.provenance, req);
  }

  /** Bundles read `.prov` files from this person's store: copy in the sound ones the catalog carries. */
  private async keepCatalogProvenance(appRef: string): Promise<void> {
    let versions: { id: string; package: { sha256: string } }[];
    try {
      versions = (await this.catalog().queries.app(appRef)).versions;
    } catch {
      return; // the export itself says what is wrong with the app
    }
    for (const v of versions) {
      if (this.provenance.provenanceFor(v.package.sha256) !== undefined) continue;
      const best = await this.bestProvenance(v.id);
      if (best.text && (best.check.status === 'verified' || best.check.status === 'unknown-signer')) this.provenance.keepProvenance(best.sha256, best.text);
    }
  }

  inspectBundle(path: string): BundleManifest {
    return readBundleFile(resolve(path)).manifest;
  }

  importBundle(req: { path: string; workspace: string }): Promise<BundleImportReport> {
    return importBundle(this.catalog(), this.provenance, readBundleFile(resolve(req.path)), { workspace: req.workspace });
  }
}
